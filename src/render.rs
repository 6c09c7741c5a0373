//! Output formats: each renders a [`Report`] to a string; none prints.
//!
//! - `human`: findings diff-style, with the lines they point at, then a summary;
//! - `json`: report version 1 (see `report`);
//! - `line`: `path:line:col: severity[rule] message`, one per location, for grep and editors;
//! - `sarif`: SARIF 2.1.0 for code-scanning tools;
//! - `claims_table`: the claims, one per line (`claimcheck extract`).

use crate::report::{format_value, Report, Severity, Snippet};
use crate::rules::Rule;
use std::fmt::Write;

/// JSON report version 1.
pub fn json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("reports serialise");
    s.push('\n');
    s
}

/// One line a claim, for people: `path:line  value  bound  noun  text`.
pub fn claims_table(report: &Report) -> String {
    let mut out = String::new();
    let width = report.claims.iter().map(|c| c.doc.len() + 1 + c.line.to_string().len()).max().unwrap_or(0);
    for c in &report.claims {
        let loc = format!("{}:{}", c.doc, c.line);
        let value = match c.upper {
            Some(u) => format!("{}-{}", format_value(c.value), format_value(u)),
            None => format_value(c.value),
        };
        let _ = writeln!(
            out,
            "{loc:<width$}  {value:>10}  {:<8}  {:<12}  {}",
            c.bound.as_str(),
            c.noun.as_deref().unwrap_or("-"),
            c.text.replace('\n', " ")
        );
    }
    let _ = writeln!(out, "{} claims in {} documents", report.claims.len(), report.documents.len());
    out
}

fn snippet_lines(out: &mut String, line: usize, s: &Snippet) {
    // Show at most ~100 chars around the span, the span marked with ⟦ ⟧.
    let chars: Vec<char> = s.line_text.chars().collect();
    let start = s.column.saturating_sub(1).min(chars.len());
    let end = (start + s.span_chars).min(chars.len());
    let from = start.saturating_sub(45);
    let to = (end + 45).min(chars.len());
    let before: String = chars[from..start].iter().collect();
    let span: String = chars[start..end].iter().collect();
    let after: String = chars[end..to].iter().collect();
    let dots = |b: bool| if b { "…" } else { "" };
    let _ = writeln!(out, "  {line:>5} │ {}{before}⟦{span}⟧{after}{}", dots(from > 0), dots(to < chars.len()));
}

/// Findings for people, diff-style, then a summary line.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    for (k, f) in report.findings.iter().enumerate() {
        let snippets = f.snippets(report, k);
        for (i, l) in f.locations.iter().enumerate() {
            let col = snippets.get(i).and_then(|s| s.as_ref()).map_or(1, |s| s.column);
            if i == 0 {
                let _ =
                    writeln!(out, "{}:{}:{}: {}[{}] {}", l.doc, l.line, col, f.severity.as_str(), f.rule, f.message);
            } else {
                let _ = writeln!(out, "  ╰─ {}:{}:{}", l.doc, l.line, col);
            }
            if let Some(Some(s)) = snippets.get(i) {
                snippet_lines(&mut out, l.line, s);
            }
        }
        if let Some(e) = &f.evidence {
            let _ = writeln!(out, "        diff: {}", e.replace('\n', " "));
        }
        out.push('\n');
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "{} documents, {} claims, {} dates; {} findings ({} errors, {} warnings, {} info)",
        report.documents.len(),
        report.claims.len(),
        report.dates.len(),
        report.findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    out
}

/// `path:line:col: severity[rule] message`, one line per location.
pub fn line(report: &Report) -> String {
    let mut out = String::new();
    for (k, f) in report.findings.iter().enumerate() {
        let snippets = f.snippets(report, k);
        for (i, l) in f.locations.iter().enumerate() {
            let col = snippets.get(i).and_then(|s| s.as_ref()).map_or(1, |s| s.column);
            let role = if i == 0 { "" } else { " (related)" };
            let _ =
                writeln!(out, "{}:{}:{}: {}[{}] {}{role}", l.doc, l.line, col, f.severity.as_str(), f.rule, f.message);
        }
    }
    out
}

/// SARIF 2.1.0.
pub fn sarif(report: &Report, rules: &[Box<dyn Rule>]) -> String {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let region = |report: &Report, k: usize, i: usize, l: &crate::report::Location| {
        let snippets = report.findings[k].snippets(report, k);
        let s = snippets.get(i).and_then(|s| s.as_ref());
        serde_json::json!({
            "physicalLocation": {
                "artifactLocation": {"uri": l.doc},
                "region": {
                    "startLine": l.line,
                    "startColumn": s.map_or(1, |s| s.column),
                    "charOffset": l.start,
                    "charLength": l.end - l.start,
                }
            }
        })
    };
    let results: Vec<serde_json::Value> = report
        .findings
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let mut locs = f.locations.iter().enumerate();
            let primary: Vec<_> = locs.next().map(|(i, l)| region(report, k, i, l)).into_iter().collect();
            let related: Vec<_> = locs.map(|(i, l)| region(report, k, i, l)).collect();
            serde_json::json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": primary,
                "relatedLocations": related,
            })
        })
        .collect();
    let rule_docs: Vec<serde_json::Value> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id,
                "shortDescription": {"text": m.docs.what},
                "fullDescription": {"text": format!("{} {}", m.docs.what, m.docs.why)},
                "help": {"text": format!("Why: {}\nExample: {}", m.docs.why, m.docs.example)},
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claimcheck", "version": env!("CARGO_PKG_VERSION"), "rules": rule_docs}},
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serialises");
    s.push('\n');
    s
}

/// `claimcheck rules`: every rule with its kind, severity and docs.
pub fn rules_list(rules: &[Box<dyn Rule>], only: Option<&str>) -> String {
    let mut out = String::new();
    for r in rules.iter().filter(|r| only.is_none_or(|id| r.meta().id == id)) {
        let m = r.meta();
        let _ = writeln!(out, "{} ({}, kind {})", m.id, m.severity.as_str(), m.kind);
        let _ = writeln!(out, "  What:    {}", m.docs.what);
        let _ = writeln!(out, "  Why:     {}", m.docs.why);
        let _ = writeln!(out, "  Example: {}", m.docs.example);
        if only.is_some() {
            let _ = writeln!(out, "  Message: {}", m.message);
            let _ = writeln!(out, "  File:    {}", m.file);
        }
        out.push('\n');
    }
    out
}
