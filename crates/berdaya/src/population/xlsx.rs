//! Reading the first worksheet of an Office Open XML workbook (`.xlsx`), as offices export
//! registries from Excel, LibreOffice or Google Sheets.
//!
//! Only what a table of values needs is read: the ZIP container (stored or deflated entries),
//! the workbook's first sheet, shared strings, and the cell styles that say whether a number
//! is a date. Formulas are read through their cached values. Limits keep hostile files
//! bounded: at most [`MAX_ENTRY`] bytes inflated per part and [`MAX_CELLS`] cells.

use chrono::{Days, NaiveDate};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

const XML: XmlVersion = XmlVersion::Implicit1_0;

/// Largest inflated size of one part of the workbook.
pub const MAX_ENTRY: usize = 256 << 20;
/// Most non-empty cells read from the sheet.
pub const MAX_CELLS: usize = 50_000_000;

/// A sheet read as rows of optional cell texts: `(sheet row number, cells by column)`.
pub(crate) type SheetRows = Vec<(usize, Vec<Option<String>>)>;

/// Why a workbook could not be read: an `import.bad_xlsx` message.
pub(crate) type XlsxError = String;

/// Reads the first worksheet: numbers as their shortest decimal text, numbers in a date
/// format as `YYYY-MM-DD`, booleans as `TRUE`/`FALSE`, errors as their code (`#N/A`).
pub(crate) fn read_first_sheet(bytes: &[u8]) -> Result<SheetRows, XlsxError> {
    let zip = Zip::open(bytes)?;
    let workbook = zip.text("xl/workbook.xml")?;
    let (rel_id, date1904) = first_sheet(&workbook)?;
    let rels = zip.text("xl/_rels/workbook.xml.rels")?;
    let target = relationship_target(&rels, &rel_id)
        .ok_or_else(|| format!("the workbook's first sheet ({rel_id}) has no relationship"))?;
    let path = if let Some(abs) = target.strip_prefix('/') {
        abs.to_owned()
    } else {
        format!("xl/{target}")
    };
    let strings = match zip.find("xl/sharedStrings.xml") {
        Some(_) => shared_strings(&zip.text("xl/sharedStrings.xml")?)?,
        None => Vec::new(),
    };
    let dates = match zip.find("xl/styles.xml") {
        Some(_) => date_styles(&zip.text("xl/styles.xml")?)?,
        None => Vec::new(),
    };
    let sheet = zip.text(&path)?;
    sheet_rows(&sheet, &strings, &dates, date1904)
}

// ---------- ZIP ----------

struct Entry<'a> {
    name: String,
    method: u16,
    compressed: &'a [u8],
    size: usize,
}

struct Zip<'a> {
    entries: Vec<Entry<'a>>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(s);
    Some(u32::from_le_bytes(a))
}

const NOT_ZIP: &str = "the file is not an .xlsx workbook (no ZIP directory); an old .xls or a CSV renamed to .xlsx is not read, save it as .xlsx or CSV";

impl<'a> Zip<'a> {
    fn open(b: &'a [u8]) -> Result<Zip<'a>, XlsxError> {
        // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
        let lowest = b.len().saturating_sub(0xFFFF + 22);
        let eocd = (lowest..b.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(b, i) == Some(0x0605_4b50))
            .ok_or(NOT_ZIP)?;
        let truncated = || "the workbook is truncated or corrupted (ZIP directory)".to_owned();
        let count = usize::from(u16_at(b, eocd.saturating_add(10)).ok_or_else(truncated)?);
        let dir = u32_at(b, eocd.saturating_add(16)).ok_or_else(truncated)? as usize;
        if count == 0xFFFF || dir == 0xFFFF_FFFF {
            return Err("the workbook is a ZIP64 archive, which is not read".into());
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = dir;
        for _ in 0..count {
            if u32_at(b, at) != Some(0x0201_4b50) {
                return Err(truncated());
            }
            let field = |o: usize| {
                u16_at(b, at.saturating_add(o))
                    .map(usize::from)
                    .ok_or_else(truncated)
            };
            let word = |o: usize| {
                u32_at(b, at.saturating_add(o))
                    .map(|v| v as usize)
                    .ok_or_else(truncated)
            };
            let method = u16_at(b, at.saturating_add(10)).ok_or_else(truncated)?;
            let csize = word(20)?;
            let size = word(24)?;
            let (nlen, xlen, clen) = (field(28)?, field(30)?, field(32)?);
            let local = word(42)?;
            let name_at = at.saturating_add(46);
            let name = b
                .get(name_at..name_at.saturating_add(nlen))
                .ok_or_else(truncated)?;
            let name = String::from_utf8_lossy(name).replace('\\', "/");
            at = at.saturating_add(46 + nlen + xlen + clen);
            // the data follows the local header, whose name and extra lengths may differ
            if u32_at(b, local) != Some(0x0403_4b50) {
                return Err(truncated());
            }
            let lname = u16_at(b, local.saturating_add(26)).ok_or_else(truncated)?;
            let lextra = u16_at(b, local.saturating_add(28)).ok_or_else(truncated)?;
            let start = local
                .saturating_add(30)
                .saturating_add(usize::from(lname) + usize::from(lextra));
            let compressed = b
                .get(start..start.saturating_add(csize))
                .ok_or_else(truncated)?;
            entries.push(Entry {
                name,
                method,
                compressed,
                size,
            });
        }
        Ok(Zip { entries })
    }

    fn find(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    fn bytes(&self, name: &str) -> Result<Vec<u8>, XlsxError> {
        let e = self
            .find(name)
            .ok_or_else(|| format!("the workbook has no `{name}`"))?;
        if e.size > MAX_ENTRY {
            return Err(format!(
                "`{name}` inflates to {} bytes, over the limit of {MAX_ENTRY}",
                e.size
            ));
        }
        match e.method {
            0 => Ok(e.compressed.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(e.compressed, MAX_ENTRY)
                .map_err(|err| format!("`{name}` cannot be inflated: {:?}", err.status)),
            m => Err(format!(
                "`{name}` uses ZIP compression method {m}, which is not read"
            )),
        }
    }

    fn text(&self, name: &str) -> Result<String, XlsxError> {
        String::from_utf8(self.bytes(name)?).map_err(|_| format!("`{name}` is not UTF-8 XML"))
    }
}

// ---------- XML ----------

fn xml_error(part: &str, r: &Reader<&[u8]>, e: &quick_xml::Error) -> XlsxError {
    format!(
        "`{part}` is not well-formed XML at byte {}: {e}",
        r.buffer_position()
    )
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
        .and_then(|a| a.normalized_value(XML).ok().map(|v| v.into_owned()))
}

/// The relationship id of the first `<sheet>` and whether dates count from 1904.
fn first_sheet(xml: &str) -> Result<(String, bool), XlsxError> {
    let mut r = Reader::from_str(xml);
    let mut date1904 = false;
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "workbookPr" => {
                    date1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true")
                }
                "sheet" => {
                    let id = attr(&e, "r:id")
                        .or_else(|| attr(&e, "id"))
                        .ok_or("the workbook's first sheet has no relationship id")?;
                    return Ok((id, date1904));
                }
                _ => {}
            },
            Ok(Event::Eof) => return Err("the workbook has no sheet".into()),
            Err(e) => return Err(xml_error("xl/workbook.xml", &r, &e)),
            _ => {}
        }
    }
}

fn relationship_target(xml: &str, id: &str) -> Option<String> {
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == "Relationship"
                    && attr(&e, "Id").as_deref() == Some(id) =>
            {
                return attr(&e, "Target");
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The shared strings: the text of each `<si>`, runs joined, phonetic hints (`<rPh>`) left out.
fn shared_strings(xml: &str) -> Result<Vec<String>, XlsxError> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_si, mut in_t, mut in_rph) = (false, false, false);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "si" => {
                    in_si = true;
                    cur.clear();
                }
                "t" => in_t = true,
                "rPh" => in_rph = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "si" => {
                    in_si = false;
                    out.push(std::mem::take(&mut cur));
                }
                "t" => in_t = false,
                "rPh" => in_rph = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_si && in_t && !in_rph => {
                cur.push_str(&t.xml_content(XML));
            }
            Ok(Event::GeneralRef(g)) if in_si && in_t && !in_rph => push_ref(&mut cur, &g),
            Ok(Event::CData(c)) if in_si && in_t && !in_rph => {
                cur.push_str(&c);
            }
            Ok(Event::Eof) => return Ok(out),
            Err(e) => return Err(xml_error("xl/sharedStrings.xml", &r, &e)),
            _ => {}
        }
    }
}

/// Appends an entity or character reference (`&amp;`, `&#233;`).
fn push_ref(out: &mut String, g: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        out.push(c);
        return;
    }
    out.push_str(match &**g {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    });
}

/// For each cell style (`cellXfs` index), whether its number format shows a date.
fn date_styles(xml: &str) -> Result<Vec<bool>, XlsxError> {
    let mut r = Reader::from_str(xml);
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attr(&e, "numFmtId").and_then(|v| v.parse().ok());
                    let code = attr(&e, "formatCode").unwrap_or_default();
                    if let Some(id) = id {
                        custom.push((id, is_date_format(&code)));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id: u32 = attr(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let date = custom
                        .iter()
                        .find(|(c, _)| *c == id)
                        .map_or_else(|| builtin_date(id), |(_, d)| *d);
                    out.push(date);
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Ok(Event::Eof) => return Ok(out),
            Err(e) => return Err(xml_error("xl/styles.xml", &r, &e)),
            _ => {}
        }
    }
}

/// The built-in number formats that show a date (ECMA-376 §18.8.30).
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=17 | 22 | 27..=36 | 50..=58)
}

/// Whether a custom number format shows a date: it has a day or year part outside quoted
/// text, escapes and `[...]` sections (a bare `m` may be minutes).
fn is_date_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'y' | 'Y' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// The calendar date of a spreadsheet serial number.
fn serial_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..=2_958_465.0).contains(&serial) {
        return None; // after 9999-12-31
    }
    let days = serial.floor() as u64;
    if date1904 {
        return NaiveDate::from_ymd_opt(1904, 1, 1)?.checked_add_days(Days::new(days));
    }
    match days {
        0 => None,
        // Excel's 1900 system counts a 29 February 1900 that never was (serial 60).
        60 => None,
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_days(Days::new(days)),
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days)),
    }
}

/// The 0-based column of a cell reference such as `AB12`.
fn column_of(reference: &str) -> Option<usize> {
    let mut col = 0usize;
    let mut any = false;
    for b in reference.bytes() {
        if b.is_ascii_alphabetic() {
            col = col
                .checked_mul(26)?
                .checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)?;
            any = true;
        } else {
            break;
        }
    }
    if any && col <= 16_384 {
        Some(col - 1)
    } else {
        None
    }
}

#[derive(Default)]
struct CellState {
    col: usize,
    kind: String,
    style: usize,
    text: String,
    in_value: bool,
}

fn sheet_rows(
    xml: &str,
    strings: &[String],
    dates: &[bool],
    date1904: bool,
) -> Result<SheetRows, XlsxError> {
    let part = "worksheet";
    let mut r = Reader::from_str(xml);
    let mut rows: SheetRows = Vec::new();
    let mut row: Vec<Option<String>> = Vec::new();
    let mut row_no = 0usize;
    let mut next_col = 0usize;
    let mut cell: Option<CellState> = None;
    let mut cells = 0usize;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "row" => {
                    row_no = attr(&e, "r")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(row_no + 1);
                    row.clear();
                    next_col = 0;
                }
                "c" => {
                    let col = attr(&e, "r")
                        .and_then(|v| column_of(&v))
                        .unwrap_or(next_col);
                    cell = Some(CellState {
                        col,
                        kind: attr(&e, "t").unwrap_or_default(),
                        style: attr(&e, "s").and_then(|v| v.parse().ok()).unwrap_or(0),
                        ..CellState::default()
                    });
                }
                "v" | "t" => {
                    if let Some(c) = cell.as_mut() {
                        c.in_value = true;
                    }
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "row" => {
                    row_no = attr(&e, "r")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(row_no + 1);
                }
                "c" => {
                    next_col = attr(&e, "r")
                        .and_then(|v| column_of(&v))
                        .unwrap_or(next_col)
                        + 1;
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some(c) = cell.as_mut().filter(|c| c.in_value) {
                    c.text.push_str(&t.xml_content(XML));
                }
            }
            Ok(Event::GeneralRef(g)) => {
                if let Some(c) = cell.as_mut().filter(|c| c.in_value) {
                    push_ref(&mut c.text, &g);
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "v" | "t" => {
                    if let Some(c) = cell.as_mut() {
                        c.in_value = false;
                    }
                }
                "c" => {
                    if let Some(c) = cell.take() {
                        next_col = c.col + 1;
                        if let Some(v) = cell_value(&c, strings, dates, date1904, row_no)? {
                            cells += 1;
                            if cells > MAX_CELLS {
                                return Err(format!("the sheet has more than {MAX_CELLS} cells"));
                            }
                            if row.len() <= c.col {
                                row.resize(c.col + 1, None);
                            }
                            if let Some(slot) = row.get_mut(c.col) {
                                *slot = Some(v);
                            }
                        }
                    }
                }
                "row" if row.iter().any(Option::is_some) => {
                    rows.push((row_no, std::mem::take(&mut row)));
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok(rows),
            Err(e) => return Err(xml_error(part, &r, &e)),
            _ => {}
        }
    }
}

fn cell_value(
    c: &CellState,
    strings: &[String],
    dates: &[bool],
    date1904: bool,
    row_no: usize,
) -> Result<Option<String>, XlsxError> {
    let text = c.text.as_str();
    let value = match c.kind.as_str() {
        "s" => {
            let i: usize = text
                .trim()
                .parse()
                .map_err(|_| format!("row {row_no}: a shared-string cell holds `{text}`"))?;
            strings
                .get(i)
                .cloned()
                .ok_or_else(|| format!("row {row_no}: shared string {i} does not exist"))?
        }
        "b" => if text.trim() == "1" { "TRUE" } else { "FALSE" }.to_owned(),
        "d" => text.get(..10).unwrap_or(text).to_owned(),
        "inlineStr" | "str" | "e" => text.to_owned(),
        _ => {
            let t = text.trim();
            let date = dates.get(c.style).copied().unwrap_or(false);
            match (date, t.parse::<f64>()) {
                (true, Ok(serial)) => match serial_date(serial, date1904) {
                    Some(d) => d.format("%Y-%m-%d").to_string(),
                    None => t.to_owned(),
                },
                _ => t.to_owned(),
            }
        }
    };
    Ok((!value.is_empty()).then_some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn serials_follow_excel_including_its_1900_leap_day() {
        // documented Excel values: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01,
        // 44083 = 2020-09-09, 36585 = 2000-02-29; 1904 system: 0 = 1904-01-01
        assert_eq!(serial_date(1.0, false), Some(d(1900, 1, 1)));
        assert_eq!(serial_date(59.0, false), Some(d(1900, 2, 28)));
        assert_eq!(serial_date(60.0, false), None);
        assert_eq!(serial_date(61.0, false), Some(d(1900, 3, 1)));
        assert_eq!(serial_date(44083.0, false), Some(d(2020, 9, 9)));
        assert_eq!(serial_date(36585.75, false), Some(d(2000, 2, 29)));
        assert_eq!(serial_date(0.0, true), Some(d(1904, 1, 1)));
        assert_eq!(serial_date(-1.0, false), None);
        assert_eq!(serial_date(f64::NAN, false), None);
    }

    #[test]
    fn date_formats_are_told_from_times_and_text() {
        assert!(is_date_format("dd/mm/yyyy"));
        assert!(is_date_format("[$-421]d mmmm yyyy"));
        assert!(!is_date_format("hh:mm"));
        assert!(!is_date_format("0.00"));
        assert!(!is_date_format("\"day\" 0"));
        assert!(builtin_date(14) && !builtin_date(0) && !builtin_date(49));
    }

    #[test]
    fn columns_from_references() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("Z9"), Some(25));
        assert_eq!(column_of("AA10"), Some(26));
        assert_eq!(column_of("XFD1"), Some(16_383));
        assert_eq!(column_of("XFE1"), None);
        assert_eq!(column_of("12"), None);
    }

    #[test]
    fn not_a_workbook() {
        assert!(read_first_sheet(b"id,nik\n1,2\n")
            .unwrap_err()
            .contains("not an .xlsx"));
        assert!(read_first_sheet(b"").is_err());
    }
}
