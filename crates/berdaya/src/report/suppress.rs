//! Small-cell suppression with complementary suppression.
//!
//! A table is a flat list of cells, each with a value and the number of people (units) it
//! counts, and a list of *lines*: sets of cells bound by one published equation (the cells
//! of a row or column and the row's or column's total, which sum to each other). The method:
//!
//! 1. **Primary**: every cell counting at least one and fewer than `min` units is suppressed.
//! 2. **Complementary**: while some line has exactly one suppressed cell, the smallest
//!    visible cell of that line (by value, then by position) is suppressed too. Each step
//!    suppresses one more cell, so this ends at a fixed point.
//!
//! At the fixed point no line holds exactly one suppressed cell, so no suppressed value equals
//! "total minus the visible cells" (or "sum of the visible cells", for a suppressed total) of
//! any line containing it. Combinations of several lines are not guarded against (see
//! `docs/reports.md`).
//!
//! ```
//! use berdaya::report::suppress;
//! // one column of three groups and its total: 2 is below 5, and would be 10 - 3 - 5
//! let values = [3, 2, 5, 10];
//! let lines = vec![vec![0, 1, 2, 3]];
//! let hidden = suppress(&values, &values, &lines, 5);
//! assert_eq!(hidden, vec![true, true, false, false]);
//! ```

/// Which cells to suppress: `values[i]` is cell `i`'s published value, `units[i]` the number
/// of people it counts (the same as the value for counts; for a sum such as jobs created, the
/// number of contributors), `lines` the sets of cell indices bound by one equation. Indices
/// out of range are ignored. Returns one flag per cell, `true` = suppressed.
pub fn suppress(values: &[u64], units: &[u64], lines: &[Vec<usize>], min: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = (0..values.len())
        .map(|i| units.get(i).is_some_and(|&u| u > 0 && u < min))
        .collect();
    loop {
        let mut changed = false;
        for line in lines {
            let cells: Vec<usize> = line.iter().copied().filter(|&i| i < hidden.len()).collect();
            let n_hidden = cells
                .iter()
                .filter(|&&i| hidden.get(i).copied().unwrap_or(false))
                .count();
            if n_hidden != 1 {
                continue;
            }
            let next = cells
                .iter()
                .copied()
                .filter(|&i| !hidden.get(i).copied().unwrap_or(true))
                .min_by_key(|&i| (values.get(i).copied().unwrap_or(u64::MAX), i));
            if let Some(slot) = next.and_then(|i| hidden.get_mut(i)) {
                *slot = true;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_group_hides_its_total() {
        // one group of 3: the only other cell of the line is the total
        assert_eq!(
            suppress(&[3, 3], &[3, 3], &[vec![0, 1]], 5),
            vec![true, true]
        );
    }

    #[test]
    fn zeros_are_shown_but_can_be_complementary() {
        assert_eq!(
            suppress(&[0, 7, 7], &[0, 7, 7], &[vec![0, 1, 2]], 5),
            vec![false, false, false]
        );
        assert_eq!(
            suppress(&[0, 4, 9, 13], &[0, 4, 9, 13], &[vec![0, 1, 2, 3]], 5),
            vec![true, true, false, false]
        );
    }

    #[test]
    fn two_by_two_with_margins() {
        // cells a b | a+b / c d | c+d / a+c b+d | total, row-major 3x3
        let v = [2, 10, 12, 10, 10, 20, 12, 20, 32];
        let lines = vec![
            vec![0, 1, 2],
            vec![3, 4, 5],
            vec![6, 7, 8],
            vec![0, 3, 6],
            vec![1, 4, 7],
            vec![2, 5, 8],
        ];
        let h = suppress(&v, &v, &lines, 5);
        assert!(h[0]);
        for line in &lines {
            assert_ne!(line.iter().filter(|&&i| h[i]).count(), 1, "{h:?}");
        }
    }
}
