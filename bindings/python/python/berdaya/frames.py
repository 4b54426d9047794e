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
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, List, Mapping, Optional, Protocol, Sequence, Sized, TypeVar, Union

from berdaya._native import Population, Rule

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import pyarrow

__all__ = [
    "evaluate_partitions",
    "evaluate_frame",
    "evaluate_dask",
    "only_inputs",
    "outcome_counts",
    "RESULT_COLUMNS",
    "Progress",
    "ArrowStreamExporter",
    "Frame",
    "PartitionedFrame",
]

RESULT_COLUMNS: List[str] = ["id", "outcome", "reason", "missing"]
"""The columns of a batch result, in order."""

Progress = Callable[[int, Optional[int], int], None]
"""``progress(done_partitions, total_partitions_or_None, done_rows)``, called after each partition."""


class ArrowStreamExporter(Protocol):
    """Anything exporting the Arrow PyCapsule stream interface (pyarrow, pandas ≥ 2.2, polars)."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...


Frame = Union[Population, ArrowStreamExporter, Mapping[str, Sequence[object]]]
"""What ``Rule.evaluate_batch`` reads: a Population, Arrow data (pyarrow, pandas, polars) or a
dict of columns."""

_F = TypeVar("_F")


class PartitionedFrame(Protocol):
    """A distributed data frame with ``map_partitions`` (``dask.dataframe.DataFrame``)."""

    def map_partitions(self, func: Callable[..., object], *args: object, meta: object) -> "PartitionedFrame": ...


class _Bar(Protocol):
    def update(self, n: int) -> object: ...
    def close(self) -> None: ...


def _tqdm(total: Optional[int]) -> Optional[_Bar]:
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return None
    bar: _Bar = tqdm(total=total, unit="partition", desc="berdaya")
    return bar


def evaluate_partitions(
    rule: Rule,
    partitions: Iterable[Frame],
    *,
    as_of: date,
    context: Optional[Mapping[str, object]] = None,
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
    frame: Frame, rule: Rule, as_of: date, context: Optional[Mapping[str, object]] = None
) -> "pandas.DataFrame":
    """One partition (a pandas frame, or any Arrow data) → a pandas frame of the batch result,
    ``outcome`` and ``reason`` as strings. Map it over a distributed frame's partitions."""
    table = rule.evaluate_batch(only_inputs(frame, rule), as_of=as_of, context=context)
    out = table.to_pandas()
    for col in ("outcome", "reason"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def only_inputs(frame: _F, rule: Rule) -> _F:
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
        picked: _F = select(names) if callable(select) else frame[names]  # type: ignore[index]
        return picked
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
    frame: PartitionedFrame,
    rule: Rule,
    *,
    as_of: date,
    context: Optional[Mapping[str, object]] = None,
    counts_only: bool = False,
) -> PartitionedFrame:
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


def outcome_counts(
    frame: Frame, rule: Rule, as_of: date, context: Optional[Mapping[str, object]] = None
) -> "pandas.DataFrame":
    """One partition → a one-row pandas frame of outcome counts (``eligible``, ``ineligible``,
    ``undetermined``): what to map when only the counts are wanted (nothing per row travels
    back from the workers)."""
    import pandas as pd

    table = rule.evaluate_batch(only_inputs(frame, rule), as_of=as_of, context=context)
    values = table.column("outcome").to_pandas().astype(str).value_counts()
    return pd.DataFrame([{k: int(values.get(k, 0)) for k in ("eligible", "ineligible", "undetermined")}])
