"""Writes the .xlsx fixtures of tests/population.rs with openpyxl, an independent producer
(the files are committed; rerun only to change them): `python make_xlsx.py`.

office_2020.xlsx, sheet "Penerima" (the first sheet), header in row 1:
  row 2  p1: text NIK, real date cell (dd/mm/yyyy format), sex L, two disabilities, decile 2
  row 3  p2: NIK stored as a number and rounded by the spreadsheet (last digits 0000)
  row 4  (empty: skipped by the reader)
  row 5  p3: birth date 29 Feb 2000 as a date cell, decile as a float 3.0, sex P
  row 6  p4: birth date as text "07/11/1995", NIK in scientific notation as text
  row 7  p5: a date cell for residence_since, an extra column that is ignored
A second sheet "Catatan" is not read.
"""
import datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Penerima"
ws.append(["id", "nik", "name", "birth_date", "sex", "disabilities", "care_status",
           "residence_since", "education", "dtks_decile", "employment", "skills", "keterangan"])
ws.append(["p1", "3514140711950002", "Satu", datetime.date(1995, 11, 7), "L", "rungu;wicara",
           "alumnus", None, "smp", 2, "unemployed", "batik;sewing", "catatan & <tanda>"])
ws.append(["p2", 3514140711950000, "Dua", datetime.date(1990, 1, 1), "P", "fisik",
           "resident", datetime.date(2020, 1, 1), "sma", 1, None, None, None])
ws.append([])
ws.append(["p3", "3578016902000001", "Tiga", datetime.date(2000, 2, 29), "P", None,
           "resident", datetime.date(2019, 3, 13), "sd", 3.0, "self_employed", None, None])
ws.append(["p4", "3.51414E+15", "Empat", "07/11/1995", "L", None, None, None, None, None,
           None, None, None])
ws.append(["p5", None, None, None, None, "netra", "resident", datetime.date(2020, 3, 13),
           None, None, None, "pijat", "x"])
for row in ws.iter_rows(min_row=2):
    for cell in row:
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
notes = wb.create_sheet("Catatan")
notes.append(["id"])
notes.append(["bukan data"])
wb.save(HERE / "office_2020.xlsx")

# shared_strings_1904.xlsx: written by hand as Excel writes it (shared strings with rich-text
# runs, a phonetic hint, entity and character references; the 1904 date system; cells
# without `r` references; a formula with a cached string value), deflated.
import zipfile

CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Data" sheetId="7" r:id="rId3"/></sheets></workbook>"""
WBRELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="[$-421]d\\ mmmm\\ yyyy;@"/><numFmt numFmtId="165" formatCode="hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>"""
# shared strings: 0 id, 1 nik, 2 birth_date, 3 sex, 4 skills, 5 p1, 6 P, 7 batik;jamu (runs),
# 8 rungu (with a phonetic hint), 9 disabilities, 10 "R&amp;D" text, 11 p2, 12 L
SST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="13" uniqueCount="13"><si><t>id</t></si><si><t>NIK</t></si><si><t>birth_date</t></si><si><t>sex</t></si><si><t>skills</t></si><si><t>p1</t></si><si><t>P</t></si><si><r><rPr><b/></rPr><t>batik;</t></r><r><t>jamu</t></r></si><si><t>rungu</t><rPh sb="0" eb="1"><t>ルング</t></rPh></si><si><t xml:space="preserve">disabilities </t></si><si><t>R&amp;D &#233;</t></si><si><t>p2</t></si><si><t>L</t></si></sst>"""
# 1904 system: serial 33851 = 1996-09-05 (1904-01-01 + 33851 days); 35012 is in a time
# format (hh:mm), so it is a number, not a date
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="s"><v>9</v></c><c r="H1" t="s"><v>10</v></c></row><row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" s="3" t="inlineStr"><is><t>3578014509960001</t></is></c><c r="C3" s="1"><v>33851</v></c><c r="D3" t="s"><v>6</v></c><c r="E3" t="s"><v>7</v></c><c r="F3" t="s"><v>8</v></c></row><row r="4"><c r="A4" t="str"><f>"p"&amp;"2"</f><v>p2</v></c><c r="C4" s="2"><v>35012</v></c><c r="D4" t="s"><v>12</v></c></row></sheetData></worksheet>"""
with zipfile.ZipFile(HERE / "shared_strings_1904.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    z.writestr("xl/workbook.xml", WB)
    z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
    z.writestr("xl/styles.xml", STYLES)
    z.writestr("xl/sharedStrings.xml", SST)
    z.writestr("xl/worksheets/sheet1.xml", SHEET)
