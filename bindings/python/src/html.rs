//! `_repr_html_` for Jupyter: outcomes, deciding clauses (the rule's text) and the names of
//! facts — never a person's values, NIK or name (those are in `str(explanation)` and
//! `decision.reasons`, asked for explicitly).

use berdaya::rules::{Decision, Explanation, Outcome};

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn badge(o: Outcome) -> String {
    let colour = match o {
        Outcome::Eligible => "#1a7f37",
        Outcome::Ineligible => "#b42318",
        Outcome::Undetermined => "#9a6700",
    };
    format!(
        "<span style=\"color:{colour};font-weight:bold\">{}</span>",
        o.as_str()
    )
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "—".to_owned();
    }
    items
        .iter()
        .map(|s| format!("<code>{}</code>", esc(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A decision: outcome, deciding clauses (rule text, whether each held), missing facts.
pub fn decision(d: &Decision) -> String {
    let mut rows = String::new();
    for r in d.reasons() {
        rows.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td></tr>",
            esc(&r.clause),
            if r.result { "held" } else { "did not hold" }
        ));
    }
    let missing: Vec<String> = d.missing().into_iter().map(str::to_owned).collect();
    format!(
        "<div class=\"berdaya-decision\"><b>Decision</b>: {}<br>missing: {}\
         <table><thead><tr><th>deciding clause</th><th></th></tr></thead><tbody>{rows}</tbody></table></div>",
        badge(d.outcome()),
        list(&missing)
    )
}

/// An explanation: language, form, outcome and, per sentence, its kind, clause and facts
/// (the sentence text states the person's values and is left to `str()`).
pub fn explanation(e: &Explanation) -> String {
    let mut rows = String::new();
    for s in &e.sentences {
        let kind = serde_json::to_value(s.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&kind),
            s.clause
                .as_deref()
                .map_or_else(|| "—".to_owned(), |c| format!("<code>{}</code>", esc(c))),
            list(&s.facts)
        ));
    }
    format!(
        "<div class=\"berdaya-explanation\"><b>Explanation</b> ({}, {}): {}\
         <table><thead><tr><th>sentence</th><th>clause</th><th>facts</th></tr></thead><tbody>{rows}</tbody></table>\
         <small>the sentences state the person's facts: <code>str(explanation)</code></small></div>",
        e.lang.as_str(),
        e.form.as_str(),
        badge(e.outcome)
    )
}
