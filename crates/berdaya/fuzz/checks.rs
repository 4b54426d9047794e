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

/// Any text: `check` returns diagnostics with spans inside the source; a rule that compiles
/// prints to canonical text and JSON that compile to the same rule (same content hash), and
/// evaluating it on a fixed set of people returns without panicking.
pub fn check_rules(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for d in berdaya::rules::check(src) {
        assert!(d.span.start <= d.span.end && d.span.end <= src.len());
        assert!(d.code.starts_with("rule."));
    }
    let rule = if src.trim_start().starts_with("rule ") {
        match berdaya::RuleSet::parse(src) {
            Ok(set) => set.names().last().and_then(|n| set.rule(n)),
            Err(_) => None,
        }
    } else {
        berdaya::Rule::parse(src).ok()
    };
    let Some(rule) = rule else { return };
    let text = rule.to_text();
    let again = berdaya::Rule::parse(&text).or_else(|_| {
        berdaya::RuleSet::parse(&text).map(|s| s.names().last().and_then(|n| s.rule(n)).unwrap_or_else(|| rule.clone()))
    });
    assert_eq!(again.map(|r| r.content_hash()).ok(), Some(rule.content_hash()), "{text}");
    let from_json = berdaya::Rule::from_json(&rule.to_json()).map(|r| r.content_hash());
    assert_eq!(from_json.ok(), Some(rule.content_hash()));
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    let people = [
        "{}",
        r#"{"birth_date": "1995-11-07", "disabilities": ["rungu", "wicara"], "care_status": "alumnus", "education": "smp", "nik": "3514140711950002", "skills": ["batik"], "dtks_decile": 2, "employment": "unemployed"}"#,
        r#"{"birth_date": "2000-02-29", "disabilities": [], "care_status": "resident", "residence_since": "2020-03-13", "dtks_decile": null}"#,
    ];
    for p in people {
        if let Ok(facts) = serde_json::from_str::<berdaya::rules::Facts>(p) {
            for d in [as_of, chrono::NaiveDate::MIN, chrono::NaiveDate::MAX] {
                let decision = rule.evaluate(&facts, &Default::default(), d);
                let _ = decision.report();
            }
        }
    }
}
