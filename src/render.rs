//! Output formats: each renders a [`Report`] to a string; none prints.

use crate::report::{format_value, Report};
use std::fmt::Write;

/// JSON report version 1.
pub fn json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("reports serialise");
    s.push('\n');
    s
}

/// One line a claim, for people: `path:line  value  bound  noun  «text»`.
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

/// The human report of `check`: findings, then a summary line.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let loc = f.locations.first().map(|l| format!("{}:{}", l.doc, l.line)).unwrap_or_default();
        let _ = writeln!(out, "{loc}: {:?} [{}] {}", f.severity, f.rule, f.message);
    }
    let _ = writeln!(
        out,
        "{} documents, {} claims, {} dates, {} findings",
        report.documents.len(),
        report.claims.len(),
        report.dates.len(),
        report.findings.len()
    );
    out
}
