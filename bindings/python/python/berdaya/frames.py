"""Batch evaluation over data frames and their partitions (pandas, polars, pyarrow, Dask).

Thin helpers around :meth:`berdaya.Rule.evaluate_batch`: they convert nothing themselves (the
Arrow PyCapsule interface does) and decide nothing (the Rust core does).

- :func:`evaluate_partitions` evaluates a rule over many partitions (any Arrow data: pyarrow
  tables, pandas or polars frames, Populations), yielding one ``pyarrow.Table`` each, with a
  progress callback and a tqdm bar when tqdm is installed.
- :func:`evaluate_frame` is the function to map over the partitions of a distributed data frame
  (a module-level function, so Dask, Spark or Ray workers can import it by name).
- :func:`evaluate_dask` maps it over a ``dask.dataframe.DataFrame``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional, Sized, Union

from berdaya._native import Population, Rule

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import pyarrow

__all__ = ["evaluate_partitions", "evaluate_frame", "evaluate_dask", "only_inputs", "outcome_counts", "RESULT_COLUMNS", "Progress"]

RESULT_COLUMNS: List[str] = ["id", "outcome", "reason", "missing"]
"""The columns of a batch result, in order."""

Progress = Callable[[int, Optional[int], int], None]
"""``progress(done_partitions, total_partitions_or_None, done_rows)``, called after each partition."""


def _tqdm(total: Optional[int]) -> Any:
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return None
    return tqdm(total=total, unit="partition", desc="berdaya")


def evaluate_partitions(
    rule: Rule,
    partitions: Iterable[Any],
    *,
    as_of: date,
    context: Optional[Dict[str, Any]] = None,
    progress: Union[Progress, bool, None] = None,
) -> Iterator[pyarrow.Table]:
    """Evaluates ``rule`` over each partition in turn, yielding one ``pyarrow.Table`` per
    partition (``id``, ``outcome``, ``reason``, ``missing``).

    ``progress`` is a callback ``(done, total, rows)`` called after each partition (``total``
    is None when ``partitions`` has no length); ``True`` shows a tqdm bar (when tqdm is
    installed; otherwise nothing). Any bad cell raises ``DataImportError`` for its partition.
    """
    total = len(partitions) if isinstance(partitions, Sized) else None
    bar = _tqdm(total) if progress is True else None
    rows = 0
    try:
        for done, part in enumerate(partitions, start=1):
            table = rule.evaluate_batch(only_inputs(part, rule), as_of=as_of, context=context)
            rows += table.num_rows
            if callable(progress):
                progress(done, total, rows)
            if bar is not None:
                bar.update(1)
            yield table
    finally:
        if bar is not None:
            bar.close()


def evaluate_frame(
    frame: Any, rule: Rule, as_of: date, context: Optional[Dict[str, Any]] = None
) -> "pandas.DataFrame":
    """One partition (a pandas frame, or any Arrow data) → a pandas frame of the batch result,
    ``outcome`` and ``reason`` as strings. Map it over a distributed frame's partitions."""
    table = rule.evaluate_batch(only_inputs(frame, rule), as_of=as_of, context=context)
    out = table.to_pandas()
    for col in ("outcome", "reason"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def only_inputs(frame: Any, rule: Rule) -> Any:
    """The columns of a pandas or polars frame or a pyarrow table that ``rule`` reads (names
    matched as berdaya matches them, ignoring case), so that only those cross into Arrow;
    anything else is returned as is."""
    columns = getattr(frame, "column_names", None)  # pyarrow (whose `columns` are arrays)
    if columns is None:
        columns = getattr(frame, "columns", None)  # pandas, polars
    if columns is None or isinstance(frame, Population):
        return frame
    wanted = set(rule.input_columns)
    names = [c for c in columns if isinstance(c, str) and c.strip().lower() in wanted]
    select = getattr(frame, "select", None)  # pyarrow and polars
    try:
        return select(names) if callable(select) else frame[names]
    except Exception:  # an exotic frame: let evaluate_batch read it whole
        return frame


def _meta() -> "pandas.DataFrame":
    import pandas as pd

    return pd.DataFrame(
        {
            "id": pd.Series([], dtype=object),
            "outcome": pd.Series([], dtype=object),
            "reason": pd.Series([], dtype=object),
            "missing": pd.Series([], dtype=object),
        }
    )


def evaluate_dask(
    frame: Any, rule: Rule, *, as_of: date, context: Optional[Dict[str, Any]] = None, counts_only: bool = False
) -> Any:
    """Maps :func:`evaluate_frame` (or, with ``counts_only``, :func:`outcome_counts`) over the
    partitions of a ``dask.dataframe.DataFrame``; the result is a lazy Dask frame with the
    batch result columns (or one row of counts per partition: ``.sum().compute()`` totals them).
    The rule travels to the workers by pickle (its checked JSON form); each worker converts only
    the columns the rule reads."""
    if counts_only:
        import pandas as pd

        meta = pd.DataFrame({k: pd.Series([], dtype="int64") for k in ("eligible", "ineligible", "undetermined")})
        return frame.map_partitions(outcome_counts, rule, as_of, context, meta=meta)
    return frame.map_partitions(evaluate_frame, rule, as_of, context, meta=_meta())


def outcome_counts(frame: Any, rule: Rule, as_of: date, context: Optional[Dict[str, Any]] = None) -> "pandas.DataFrame":
    """One partition → a one-row pandas frame of outcome counts (``eligible``, ``ineligible``,
    ``undetermined``): what to map when only the counts are wanted (nothing per row travels
    back from the workers)."""
    import pandas as pd

    table = rule.evaluate_batch(only_inputs(frame, rule), as_of=as_of, context=context)
    values = table.column("outcome").to_pandas().astype(str).value_counts()
    return pd.DataFrame([{k: int(values.get(k, 0)) for k in ("eligible", "ineligible", "undetermined")}])
