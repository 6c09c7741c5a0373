//! The result of a check, as one value every output format renders.
//!
//! Its JSON form is report version 1 (`../shared/eval/README.md`): `version`,
//! `documents`, `claims`, `dates`, `findings`, with byte offsets into the original
//! files and 1-based lines. Fields may be added; none may be renamed or change
//! meaning without raising `version`.

use crate::corpus::InputError;
use crate::lexicon::Bound;
use serde::{Serialize, Serializer};

pub const REPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentInfo>,
    pub claims: Vec<ClaimRecord>,
    pub dates: Vec<DateRecord>,
    pub findings: Vec<Finding>,
    /// Files that could not be checked; printed on stderr, not part of the JSON.
    #[serde(skip)]
    pub errors: Vec<InputError>,
    /// For each finding, the line of text at each of its locations.
    #[serde(skip)]
    pub snippets: Vec<Vec<Option<Snippet>>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    pub path: String,
    pub published: Option<String>,
    pub published_source: Option<String>,
    /// The day relative dates were resolved against: the publication date, or one
    /// inferred from a weekday, or borrowed from a near-duplicate document.
    pub reference: Option<String>,
    pub reference_source: Option<String>,
    pub language: String,
    pub bytes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimRecord {
    pub id: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    #[serde(serialize_with = "plain_number")]
    pub value: f64,
    pub bound: Bound,
    #[serde(serialize_with = "plain_optional_number")]
    pub upper: Option<f64>,
    pub noun: Option<String>,
    /// The date or period the claim holds for, in the date notation.
    pub time: Option<String>,
    /// "sentence" (a date in its sentence) or "document" (the reference date).
    pub time_source: Option<String>,
    /// What is counted: noun class and event ("people/killed").
    pub metric: Option<String>,
    /// Stock (true as of a day) or flow (counted over a period).
    pub kind: Option<crate::context::MetricKind>,
    /// Entities named in the claim's sentence.
    pub entities: Vec<String>,
}

impl ClaimRecord {
    pub fn from_fact(id: String, doc: &str, f: &crate::rules::Fact) -> Self {
        ClaimRecord {
            id,
            doc: doc.to_string(),
            start: f.start,
            end: f.end,
            line: f.line,
            text: f.text.clone(),
            value: f.value,
            bound: f.bound,
            upper: f.upper,
            noun: f.noun.clone(),
            time: f.time.as_ref().map(ToString::to_string),
            time_source: f.time.as_ref().map(|_| if f.time_in_sentence { "sentence" } else { "document" }.to_string()),
            metric: f.context.metric(),
            kind: f.context.kind,
            entities: f.context.entities.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DateRecord {
    pub id: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// A location's line of text, for people: the line, and the span's char columns in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub line_text: String,
    pub column: usize,
    pub span_chars: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Primary location first.
    pub locations: Vec<Location>,
    /// What shows the problem, e.g. the word diff of two aligned passages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Finding {
    /// The line of text of each location (filled by `check`), for the human format.
    pub fn snippets<'a>(&self, report: &'a Report, index: usize) -> &'a [Option<Snippet>] {
        report.snippets.get(index).map_or(&[], Vec::as_slice)
    }
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl Report {
    /// Findings that make the run fail (error or warning).
    pub fn failing_findings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity != Severity::Info).count()
    }
}

/// Integral values as JSON integers (22, not 22.0).
fn plain_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn plain_optional_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => plain_number(v, s),
        None => s.serialize_none(),
    }
}

/// Format a value for people: 65000 -> "65000", 1.5 -> "1.5".
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
