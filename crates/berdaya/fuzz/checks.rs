// Invariants checked by the fuzz targets and, on the committed corpus, by
// `tests/fuzz_corpus.rs` on stable. Included with `include!` by both.

/// Any text: `Nik::parse` returns (never panics); an accepted NIK reveals exactly its input,
/// displays masked, and re-parses to itself; a rejected one reports a span inside the input.
pub fn check_nik(data: &[u8]) {
    use berdaya::Coded;
    let Ok(s) = std::str::from_utf8(data) else { return };
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    match berdaya::Nik::parse(s, as_of) {
        Ok(nik) => {
            assert_eq!(nik.reveal(), s);
            assert_eq!(nik.to_string().len(), 16);
            assert!(nik.to_string().ends_with("**************"));
            assert!(nik.birth_date() <= as_of);
            assert_eq!(berdaya::Nik::parse(nik.reveal(), as_of).ok(), Some(nik));
        }
        Err(e) => {
            let span = e.span();
            assert!(span.start <= span.end && span.end <= s.len());
            assert!(e.code().starts_with("nik."));
            let report = e.report(Some(s));
            assert!(report.span.is_some());
        }
    }
}

/// Any text: `RegionCode::parse` returns; an accepted code prints canonically and re-parses
/// to itself from both its dotted and compact forms.
pub fn check_region(data: &[u8]) {
    use berdaya::Coded;
    let Ok(s) = std::str::from_utf8(data) else { return };
    match berdaya::RegionCode::parse(s) {
        Ok(r) => {
            let dotted = r.to_string();
            assert_eq!(berdaya::RegionCode::parse(&dotted).ok(), Some(r));
            assert_eq!(berdaya::RegionCode::parse(&r.compact()).ok(), Some(r));
        }
        Err(e) => assert!(e.code().starts_with("region.")),
    }
}

/// Any text: `Registry::from_json` returns; an accepted snapshot re-serialises to a snapshot
/// that reads back to the same registry (lossless round trip).
pub fn check_snapshot(data: &[u8]) {
    use berdaya::Coded;
    let Ok(s) = std::str::from_utf8(data) else { return };
    match berdaya::Registry::from_json(s) {
        Ok(reg) => {
            let json = reg.to_json().unwrap_or_default();
            let again = berdaya::Registry::from_json(&json).map(|r| r.to_json().unwrap_or_default());
            assert_eq!(again.ok().as_deref(), Some(json.as_str()));
        }
        // A snapshot error carries the code of what is wrong inside it (`snapshot.*`, or the
        // domain's own code such as `beneficiary.care_out_of_order`).
        Err(e) => {
            let code = e.code();
            assert!(code.contains('.') && code.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'));
        }
    }
}
