"""Rule-change impact analyses as ``pyarrow.Table`` s (like :func:`berdaya.report_table`).

:func:`berdaya.rule_change_impact` decides who gains, loses, becomes or stops being
undetermined (in the Rust core); these helpers only lay its result out as tables, which convert
to pandas (``.to_pandas()``) or polars (``polars.from_arrow``):

- :func:`impact_table`: one row per change, dimension and group with its count;
- :func:`impact_ids_table`: one row per person affected (pseudonymous registry ids).
"""

from typing import List

import pyarrow

from berdaya.types import ImpactGroup, RuleChangeImpact

__all__ = ["IMPACT_CHANGES", "IMPACT_DIMENSIONS", "impact_table", "impact_ids_table"]

IMPACT_CHANGES: List[str] = ["gains", "losses", "becomes_undetermined", "leaves_undetermined"]
"""The changes of an impact analysis, in the order of the tables."""

IMPACT_DIMENSIONS: List[str] = ["facility", "disability", "regency"]
"""The dimensions the counts are broken down by, in the order of the tables."""


def _group(impact: RuleChangeImpact, change: str) -> ImpactGroup:
    if change == "gains":
        return impact["gains"]
    if change == "losses":
        return impact["losses"]
    if change == "becomes_undetermined":
        return impact["becomes_undetermined"]
    return impact["leaves_undetermined"]


def _by(group: ImpactGroup, dimension: str) -> "dict[str, int]":
    if dimension == "facility":
        return group["by_facility"]
    if dimension == "disability":
        return group["by_disability"]
    return group["by_regency"]


def impact_table(impact: RuleChangeImpact) -> pyarrow.Table:
    """The counts of an impact analysis as one table: ``change`` (``gains``, ``losses``,
    ``becomes_undetermined``, ``leaves_undetermined``), ``dimension`` (``facility``,
    ``disability``, ``regency``), ``group`` and ``count`` (int64), in that order, groups sorted
    as the core sorts them. Every person affected falls in exactly one group of each dimension
    (``multiple`` for two or more disability types, ``unknown`` where the fact is), so each
    dimension's rows add up to the change's count (``impact[change]["count"]``).

    >>> from datetime import date
    >>> import berdaya
    >>> from berdaya.tables import impact_table
    >>> pop = berdaya.Population.synthetic(200, seed=7, as_of=date(2020, 9, 9))
    >>> impact = berdaya.rule_change_impact(
    ...     berdaya.Rule("age >= 18"), berdaya.Rule("age >= 21"), pop, as_of=date(2020, 9, 9))
    >>> t = impact_table(impact)
    >>> t.column_names
    ['change', 'dimension', 'group', 'count']
    >>> rows = t.to_pylist()
    >>> sum(r["count"] for r in rows if r["change"] == "losses" and r["dimension"] == "regency") == impact["losses"]["count"]
    True
    """
    change: List[str] = []
    dimension: List[str] = []
    group: List[str] = []
    count: List[int] = []
    for c in IMPACT_CHANGES:
        g = _group(impact, c)
        for d in IMPACT_DIMENSIONS:
            for name, n in _by(g, d).items():
                change.append(c)
                dimension.append(d)
                group.append(name)
                count.append(n)
    return pyarrow.table(
        {
            "change": pyarrow.array(change, pyarrow.string()),
            "dimension": pyarrow.array(dimension, pyarrow.string()),
            "group": pyarrow.array(group, pyarrow.string()),
            "count": pyarrow.array(count, pyarrow.int64()),
        }
    )


def impact_ids_table(impact: RuleChangeImpact) -> pyarrow.Table:
    """The people an impact analysis affects: ``change`` and ``id`` (the population's
    pseudonymous ids), one row per person and change, in the core's order."""
    change: List[str] = []
    ids: List[str] = []
    for c in IMPACT_CHANGES:
        for i in _group(impact, c)["ids"]:
            change.append(c)
            ids.append(i)
    return pyarrow.table(
        {"change": pyarrow.array(change, pyarrow.string()), "id": pyarrow.array(ids, pyarrow.string())}
    )
