"""Population.from_xlsx: the committed fixtures (rows documented in
crates/berdaya/tests/data/make_xlsx.py) and workbooks written here by openpyxl, read back and
compared with the same table given as CSV (the CSV reader is the oracle for cell meaning)."""

import datetime
import io
from pathlib import Path

import pytest

import berdaya

DATA = Path(__file__).resolve().parents[3] / "crates" / "berdaya" / "tests" / "data"
AS_OF = datetime.date(2020, 9, 9)


def test_office_fixture_from_path_and_bytes() -> None:
    path = DATA / "office_2020.xlsx"
    by_path = berdaya.Population.from_xlsx(path, reference_date=AS_OF, on_error="skip_row")
    by_bytes = berdaya.Population.from_xlsx(path.read_bytes(), reference_date=AS_OF, on_error="skip_row")
    assert by_path.to_csv() == by_bytes.to_csv()
    assert len(by_path) == 3
    report = by_path.import_report
    assert report["skipped_rows"] == [2, 5]
    assert [(i["row"], i["column"], i["code"]) for i in report["issues"]] == [
        (2, "nik", "import.nik_mangled"),
        (5, "nik", "import.nik_mangled"),
    ]


def test_reject_all_raises_with_every_issue() -> None:
    with pytest.raises(berdaya.DataImportError) as e:
        berdaya.Population.from_xlsx(DATA / "office_2020.xlsx", reference_date=AS_OF)
    assert e.value.code == "import.rejected"
    assert len(e.value.diagnostics) == 2
    assert "3514140711950000" not in str(e.value)


def test_not_a_workbook() -> None:
    with pytest.raises(berdaya.DataImportError) as e:
        berdaya.Population.from_xlsx(b"id,nik\n", reference_date=AS_OF)
    assert e.value.diagnostics[0]["code"] == "import.bad_xlsx"
    with pytest.raises(OSError):
        berdaya.Population.from_xlsx(DATA / "no-such-file.xlsx", reference_date=AS_OF)
    with pytest.raises(TypeError):
        berdaya.Population.from_xlsx(42, reference_date=AS_OF)  # type: ignore[arg-type]


def test_openpyxl_workbook_reads_as_the_same_csv() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    header = ["id", "nik", "birth_date", "sex", "disabilities", "dtks_decile", "residence_since"]
    rows = [
        ["a", "3514140711950002", datetime.date(1995, 11, 7), "L", "rungu;wicara", 2, None],
        ["b", None, datetime.date(2000, 2, 29), "P", "fisik", 10, datetime.date(2020, 3, 13)],
        ["c", None, datetime.date(1900, 3, 1), None, None, None, datetime.date(2020, 9, 9)],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    buf = io.BytesIO()
    wb.save(buf)

    def text(v: object) -> str:
        return "" if v is None else v.isoformat() if isinstance(v, datetime.date) else str(v)

    csv = "\n".join([",".join(header)] + [",".join(text(v) for v in r) for r in rows]) + "\n"
    from_xlsx = berdaya.Population.from_xlsx(buf.getvalue(), reference_date=AS_OF)
    from_csv = berdaya.Population.from_csv(csv, reference_date=AS_OF)
    assert from_xlsx.to_csv() == from_csv.to_csv()
