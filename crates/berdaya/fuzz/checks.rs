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

/// Any text as rule JSON: `Rule::from_json` and `RuleSet::from_json` return; an accepted rule
/// prints to JSON and text that compile back to the same rule (same content hash).
pub fn check_rule_json(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Ok(rule) = berdaya::Rule::from_json(src) {
        let again = berdaya::Rule::from_json(&rule.to_json()).map(|r| r.content_hash());
        assert_eq!(again.ok(), Some(rule.content_hash()));
    }
    if let Ok(set) = berdaya::RuleSet::from_json(src) {
        let again = berdaya::RuleSet::from_json(&set.to_json()).map(|s| s.to_text());
        assert_eq!(again.ok(), Some(set.to_text()));
        let text = berdaya::RuleSet::parse(&set.to_text()).map(|s| s.to_json());
        assert_eq!(text.ok(), Some(set.to_json()));
    }
}

/// Any bytes as CSV and as JSON lines, in both error modes: the import returns; every issue
/// names a row and an `import.*` code; rows read = rows kept + rows skipped; a population that
/// was accepted exports to CSV and JSON lines that import to the same exports (identity).
pub fn check_import(data: &[u8]) {
    use berdaya::population::{ImportOptions, OnError, Population};
    let reference = chrono::NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    for mode in [OnError::RejectAll, OnError::SkipRow] {
        let opts = ImportOptions::new(reference).on_error(mode);
        for json in [false, true] {
            let result = if json {
                Population::from_json_lines(data, &opts)
            } else {
                Population::from_csv(data, &opts)
            };
            match result {
                Ok((pop, report)) => {
                    for i in &report.issues {
                        // a bad NIK cell carries the NIK's own code (`nik.*`)
                        assert!(i.code.starts_with("import.") || i.code.starts_with("nik."), "{}", i.code);
                    }
                    assert_eq!(pop.len() + report.skipped_rows.len(), report.rows_read);
                    if mode == OnError::RejectAll {
                        assert!(report.issues.is_empty());
                    }
                    let csv = pop.to_csv();
                    let back = Population::from_csv(csv.as_bytes(), &opts).map(|(p, _)| p.to_csv());
                    assert_eq!(back.ok().as_deref(), Some(csv.as_str()));
                    let lines = pop.to_json_lines();
                    let back = Population::from_json_lines(lines.as_bytes(), &opts)
                        .map(|(p, _)| p.to_json_lines());
                    assert_eq!(back.ok().as_deref(), Some(lines.as_str()));
                }
                Err(e) => {
                    assert!(!e.issues().is_empty());
                    for i in e.issues() {
                        // a bad NIK cell carries the NIK's own code (`nik.*`)
                        assert!(i.code.starts_with("import.") || i.code.starts_with("nik."), "{}", i.code);
                    }
                }
            }
        }
    }
}

/// Fuzzed rules on fuzzed people: the first line is a person (JSON, beneficiary fact form),
/// the rest a rule. Evaluation returns; `not (rule)` decides the Kleene negation with the same
/// missing facts; missing facts only for undetermined decisions; reasons point into the source.
pub fn check_eval(data: &[u8]) {
    use berdaya::rules::Outcome;
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (person, src) = text.split_once('\n').unwrap_or(("{}", text));
    let Ok(facts) = serde_json::from_str::<berdaya::rules::Facts>(person) else { return };
    let Ok(rule) = berdaya::Rule::parse(src) else { return };
    let Ok(negated) = berdaya::Rule::parse(&format!("not ({})", rule.to_text())) else { return };
    for as_of in [
        chrono::NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default(),
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default(),
        chrono::NaiveDate::MIN,
        chrono::NaiveDate::MAX,
    ] {
        let ctx = berdaya::rules::Context::default();
        let d = rule.evaluate(&facts, &ctx, as_of);
        let n = negated.evaluate(&facts, &ctx, as_of);
        let flipped = match d.outcome() {
            Outcome::Eligible => Outcome::Ineligible,
            Outcome::Ineligible => Outcome::Eligible,
            Outcome::Undetermined => Outcome::Undetermined,
        };
        assert_eq!(n.outcome(), flipped);
        assert_eq!(n.missing(), d.missing());
        assert_eq!(d.missing().is_empty(), d.outcome() != Outcome::Undetermined);
        let text = rule.to_text();
        for r in d.reasons() {
            assert!(r.span.end <= text.len().max(src.len()));
        }
    }
}

/// Any bytes as an `.xlsx` workbook, in both error modes: the import returns; a failure is
/// `import.*` with at least one issue; rows read = rows kept + rows skipped.
pub fn check_xlsx(data: &[u8]) {
    use berdaya::population::{ImportOptions, OnError, Population};
    let reference = chrono::NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    for mode in [OnError::RejectAll, OnError::SkipRow] {
        match Population::from_xlsx(data, &ImportOptions::new(reference).on_error(mode)) {
            Ok((pop, report)) => {
                assert_eq!(pop.len() + report.skipped_rows.len(), report.rows_read);
            }
            Err(e) => {
                assert!(!e.issues().is_empty());
                assert!(e.issues().iter().all(|i| i.code.starts_with("import.") || i.code.starts_with("nik.")));
            }
        }
    }
}

/// Any text as a decision receipt: `Receipt::from_json` returns; an accepted receipt writes
/// back to JSON that reads to the same receipt; a refusal carries a `receipt.*` code.
pub fn check_receipt(data: &[u8]) {
    use berdaya::Coded;
    let Ok(s) = std::str::from_utf8(data) else { return };
    match berdaya::receipt::Receipt::from_json(s) {
        Ok(r) => {
            let again = berdaya::receipt::Receipt::from_json(&r.to_json());
            assert_eq!(again.ok().as_ref(), Some(&r));
        }
        Err(e) => assert!(e.code().starts_with("receipt."), "{}", e.code()),
    }
}

/// Any text as a checksummed snapshot envelope: `Registry::from_envelope` returns; an
/// accepted envelope re-enveloped reads to the same registry; a refusal carries a
/// `snapshot.*` or record code (never a panic, whatever the header claims about lengths
/// and blocks).
pub fn check_envelope(data: &[u8]) {
    use berdaya::Coded;
    let Ok(s) = std::str::from_utf8(data) else { return };
    match berdaya::registry::Registry::from_envelope(s) {
        Ok(reg) => {
            let env = reg.to_envelope().expect("a read registry writes");
            assert_eq!(berdaya::registry::Registry::from_envelope(&env).ok(), Some(reg));
        }
        Err(e) => assert!(e.code().contains('.'), "{}", e.code()),
    }
}
