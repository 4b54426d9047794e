"""Allocations and reports as dicts that Jupyter shows as tables.

:func:`allocate` and :func:`report` return the core's result unchanged, as an
:class:`Allocation` or a :class:`Report`: plain ``dict`` subclasses (``isinstance(x, dict)``,
equal to the same plain dict, pickled and copied as dicts) whose ``_repr_html_`` renders a
compact, HTML-escaped summary. Nothing is decided here; the tables only lay out what the core
returned.

The HTML shows pseudonymous registry ids, ranks, commitments, counts and the names of missing
facts; it never shows priority values (ages, deciles, care status) nor anything the result
does not hold (names, NIKs and disabilities are never in these results). ``repr()`` stays the
plain dict's.
"""

from datetime import date
from html import escape
from typing import Iterable, List, Mapping, Sequence, cast

from berdaya import _native
from berdaya._native import Enrollments, Outcomes, Registry
from berdaya.types import AllocationResult, Report as ReportDict, ReportRow

__all__ = ["Allocation", "Report", "allocate", "report"]

_MAX_ROWS = 20
"""Rows shown per table before ``… and N more``."""

_MEASURES = (
    "committed",
    "filled",
    "waitlisted",
    "completed",
    "employed_6_months",
    "employed_12_months",
    "self_employed",
    "jobs_created",
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], total: int) -> str:
    """A table of already-escaped cells, cut at ``_MAX_ROWS`` rows with a note of the rest."""
    out = ["<table><thead><tr>"]
    out.extend(f"<th>{_e(h)}</th>" for h in head)
    out.append("</tr></thead><tbody>")
    shown = 0
    for row in rows:
        if shown == _MAX_ROWS:
            break
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
        shown += 1
    out.append("</tbody></table>")
    if total > shown:
        out.append(f"<small>… and {total - shown} more</small>")
    return "".join(out)


def _target(agreement: object, commitment: object) -> str:
    return f"<code>{_e(agreement)}</code> / <code>{_e(commitment)}</code>"


class Allocation(dict):  # type: ignore[type-arg]
    """The result of :func:`allocate`: a plain ``dict`` (see :class:`berdaya.types.AllocationResult`)
    that Jupyter shows as tables of commitments, placements, people not placed (with the first
    reasons) and people whose eligibility needs information."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        a = cast(AllocationResult, self)
        placements = a.get("placements", [])
        unplaced = a.get("unplaced", [])
        needs = a.get("needs_information", [])
        commitments = a.get("commitments", [])
        parts = [
            '<div class="berdaya-allocation">',
            f"<b>Allocation</b> ({_e(a.get('mode', ''))}, seed <code>{_e(a.get('seed', ''))}</code>): "
            f"{len(placements)} placed, {len(unplaced)} not placed, {len(needs)} need information",
        ]
        parts.append(
            _table(
                ["commitment", "places", "applicants", "placed", "waitlist"],
                (
                    [
                        _target(c["agreement"], c["commitment"]),
                        _e(c["places"]),
                        _e(c["applicants"]),
                        _e(len(c["placed"])),
                        _e(len(c["waitlist"])),
                    ]
                    for c in commitments
                ),
                len(commitments),
            )
        )
        if placements:
            parts.append("<b>placed</b>")
            parts.append(
                _table(
                    ["beneficiary", "commitment", "rank", "choice"],
                    (
                        [
                            f"<code>{_e(p['beneficiary'])}</code>",
                            _target(p["agreement"], p["commitment"]),
                            f"{_e(p['rank'])} of {_e(p['of'])} ({_e(p['places'])} places)",
                            _e(p["choice"]) if "choice" in p else "—",
                        ]
                        for p in placements
                    ),
                    len(placements),
                )
            )
        if unplaced:
            parts.append("<b>not placed</b>")
            parts.append(
                _table(
                    ["beneficiary", "reasons"],
                    (
                        [
                            f"<code>{_e(u['beneficiary'])}</code>",
                            "<br>".join(
                                f"{_target(r['agreement'], r['commitment'])}: rank {_e(r['rank'])} of {_e(r['of'])}"
                                f" for {_e(r['places'])} places, waitlist #{_e(r['waitlist_position'])}"
                                for r in u["reasons"][:3]
                            )
                            + (f"<br>… {len(u['reasons']) - 3} more" if len(u["reasons"]) > 3 else "")
                            or "not eligible for any commitment",
                        ]
                        for u in unplaced
                    ),
                    len(unplaced),
                )
            )
        if needs:
            parts.append("<b>needs information</b>")
            parts.append(
                _table(
                    ["beneficiary", "commitment", "missing facts"],
                    (
                        [
                            f"<code>{_e(n['beneficiary'])}</code>",
                            _target(n["agreement"], n["commitment"]),
                            ", ".join(f"<code>{_e(m)}</code>" for m in n["missing"]) or "—",
                        ]
                        for n in needs
                    ),
                    len(needs),
                )
            )
        parts.append("</div>")
        return "".join(parts)


def _cell(row: ReportRow, measure: str) -> str:
    if measure not in row:
        return ""
    value = row.get(measure)
    if value is None:
        return '<i title="small cell: suppressed">suppressed</i>'
    return _e(value)


class Report(dict):  # type: ignore[type-arg]
    """The result of :func:`report`: a plain ``dict`` (see :class:`berdaya.types.Report`) that
    Jupyter shows as its tables, suppressed cells shown as *suppressed*, then the expiring
    agreements and the disability-employment quota."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        r = cast(ReportDict, self)
        parts = [
            '<div class="berdaya-report">',
            f"<b>Report</b> as of {_e(r.get('as_of', ''))} (cells under {_e(r.get('min_cell', ''))} suppressed)",
        ]
        for t in r.get("tables", []):
            rows: List[ReportRow] = list(t["rows"]) + [t["total"]]
            measures = [m for m in _MEASURES if any(m in row for row in rows)]
            parts.append(f"<br><b>by {_e(t['dimension'])}</b> ({_e(t['suppressed'])} cells suppressed)")
            parts.append(
                _table(
                    [t["dimension"], *measures],
                    (
                        [
                            ("<b>total</b>" if row is t["total"] else _e(row["group"])),
                            *(_cell(row, m) for m in measures),
                        ]
                        for row in _with_total_last(t["rows"], t["total"])
                    ),
                    len(rows),
                )
            )
        expiring = r.get("expiring", [])
        if expiring:
            parts.append("<br><b>agreements ending soon</b>")
            parts.append(
                _table(
                    ["agreement", "ends on", "days left", "unfilled places"],
                    (
                        [f"<code>{_e(x['agreement'])}</code>", _e(x["ends_on"]), _e(x["days_left"]), _e(x["unfilled"])]
                        for x in expiring
                    ),
                    len(expiring),
                )
            )
        quota = r.get("quota", [])
        if quota:
            parts.append("<br><b>employment quota (UU 8/2016)</b>")
            parts.append(
                _table(
                    ["partner", "quota %", "headcount", "required", "with disabilities", "meets quota"],
                    (
                        [
                            f"<code>{_e(q['partner'])}</code>",
                            _e(q["quota_percent"]),
                            _opt(q["headcount"]),
                            _opt(q["required"]),
                            _opt(q["with_disabilities"]),
                            _opt(q["meets_quota"]),
                        ]
                        for q in quota
                    ),
                    len(quota),
                )
            )
        parts.append("</div>")
        return "".join(parts)


def _with_total_last(rows: Sequence[ReportRow], total: ReportRow) -> Iterable[ReportRow]:
    # The total row goes last even when the table is cut: show the first rows, then the total.
    head = list(rows[: _MAX_ROWS - 1]) if len(rows) >= _MAX_ROWS else list(rows)
    return [*head, total]


def _opt(value: object) -> str:
    return "unknown" if value is None else _e(value)


def allocate(request: Mapping[str, object]) -> AllocationResult:
    """Allocates places (priority order or deferred acceptance): see ``berdaya._native.allocate``
    and the Rust docs of ``berdaya::allocation`` for the request and result forms. The result
    is an :class:`Allocation` (a ``dict``) shown as tables in Jupyter."""
    return cast(AllocationResult, Allocation(_native.allocate(request)))


def report(
    registry: Registry,
    enrollments: Enrollments,
    outcomes: Outcomes,
    as_of: date,
    *,
    min_cell: int = 5,
    expiring_within_days: int = 90,
) -> ReportDict:
    """The report as of ``as_of``: tables with small cells suppressed (``None``), expiring
    agreements and the UU 8/2016 quota; see docs/reports.md. The result is a :class:`Report`
    (a ``dict``) shown as tables in Jupyter."""
    out = _native.report(
        registry, enrollments, outcomes, as_of, min_cell=min_cell, expiring_within_days=expiring_within_days
    )
    return cast(ReportDict, Report(out))
