//! claimcheck: a fact-consistency checker for Arabic and English news.
//!
//! The pipeline runs one way: [`corpus`] reads documents, [`text`] normalises them with
//! an offset map, [`parse`] holds the nom grammars, [`extract`] finds claims, and
//! [`report`] is the value every output format in [`render`] prints. The library never
//! prints; [`check`] returns a [`Report`].
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analyse;
pub mod context;
pub mod corpus;
pub mod dates;
pub mod extract;
pub mod gate;
pub mod lexicon;
pub mod parse;
pub mod passages;
pub mod render;
pub mod report;
pub mod rules;
pub mod text;

use analyse::Analysis;
use chrono::NaiveDate;
use corpus::{Document, InputError};
use rayon::prelude::*;
use report::{ClaimRecord, DateRecord, DocumentInfo, Report, REPORT_VERSION};
use std::path::PathBuf;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// File-name globs for directory walks.
    pub globs: Vec<String>,
    /// Publication date for documents that state none.
    pub published: Option<NaiveDate>,
    /// A folder of rule files that add to or override the embedded rules.
    pub rules_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            globs: corpus::DEFAULT_GLOBS.iter().map(|s| s.to_string()).collect(),
            published: None,
            rules_dir: None,
        }
    }
}

/// Check the documents under `inputs`: read, extract, cross-check. Fails only when the
/// rules cannot be loaded; unreadable documents are listed in `Report::errors`.
pub fn check(inputs: &[PathBuf], options: &Options) -> Result<Report, lexicon::YamlError> {
    let rules = rules::load_rules(options.rules_dir.as_deref())?;
    Ok(check_with_rules(inputs, options, &rules))
}

/// [`check`] with rules already loaded; no rules (`&[]`) extracts without checking.
pub fn check_with_rules(inputs: &[PathBuf], options: &Options, rules: &[Box<dyn rules::Rule>]) -> Report {
    let (paths, mut errors) = corpus::collect_paths(inputs, &options.globs);
    let loaded: Vec<Result<Document, InputError>> = paths.par_iter().map(|p| corpus::load(p)).collect();
    let mut docs = Vec::with_capacity(loaded.len());
    for r in loaded {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    check_documents(&docs, options, rules, errors)
}

/// Check documents already in memory.
pub fn check_documents(
    docs: &[Document],
    options: &Options,
    rules: &[Box<dyn rules::Rule>],
    errors: Vec<InputError>,
) -> Report {
    let mut analyses: Vec<Analysis> = docs.par_iter().map(|d| analyse::analyse(d, options)).collect();
    analyse::borrow_references(&mut analyses, &docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>());
    let corpus = rules::Corpus::new(&analyses, docs.iter().map(|d| d.text.as_str()).collect());
    let findings = rules::run(rules, &corpus);
    let mut report = Report {
        version: REPORT_VERSION,
        documents: Vec::new(),
        claims: Vec::new(),
        dates: Vec::new(),
        snippets: findings.iter().map(|f| f.locations.iter().map(|l| snippet(docs, l)).collect()).collect(),
        findings,
        errors,
    };
    for f in &corpus.facts {
        let id = format!("c{}", report.claims.len() + 1);
        report.claims.push(ClaimRecord::from_fact(id, &analyses[f.doc].path, f));
    }
    for a in &analyses {
        for d in &a.dates {
            report.dates.push(DateRecord {
                id: format!("d{}", report.dates.len() + 1),
                doc: a.path.clone(),
                start: d.start,
                end: d.end,
                line: d.line,
                text: d.text.clone(),
                value: d.value.as_ref().map(ToString::to_string),
            });
        }
        report.documents.push(DocumentInfo {
            path: a.path.clone(),
            published: a.published().map(|(d, _)| d.format("%Y-%m-%d").to_string()),
            published_source: a.published().map(|(_, s)| s.as_str().to_string()),
            reference: a.reference.map(|(d, _)| d.format("%Y-%m-%d").to_string()),
            reference_source: match (&a.borrowed_from, a.reference) {
                (Some(from), _) => Some(format!("borrowed:{from}")),
                (None, Some((_, s))) => Some(s.as_str().to_string()),
                (None, None) => None,
            },
            language: a.language.to_string(),
            bytes: a.bytes,
        });
    }
    report
}

/// The line of text holding a location, with the span's position in chars.
fn snippet(docs: &[Document], l: &report::Location) -> Option<report::Snippet> {
    let text = &docs.iter().find(|d| d.path == l.doc)?.text;
    let line_start = text.get(..l.start)?.rfind('\n').map_or(0, |k| k + 1);
    let line_end = text.get(l.start..)?.find('\n').map_or(text.len(), |k| l.start + k);
    let line_text = text.get(line_start..line_end)?.trim_end_matches('\r').to_string();
    Some(report::Snippet {
        column: text.get(line_start..l.start)?.chars().count() + 1,
        span_chars: text.get(l.start..l.end.min(line_end))?.chars().count(),
        line_text,
    })
}
