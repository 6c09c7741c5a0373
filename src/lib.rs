//! claimcheck: a fact-consistency checker for Arabic and English news.
//!
//! The pipeline runs one way: [`corpus`] reads documents, [`text`] normalises them with
//! an offset map, [`parse`] holds the nom grammars, [`extract`] finds claims, and
//! [`report`] is the value every output format in [`render`] prints. The library never
//! prints; [`check`] returns a [`Report`].
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod corpus;
pub mod extract;
pub mod lexicon;
pub mod parse;
pub mod render;
pub mod report;
pub mod text;

use chrono::NaiveDate;
use corpus::{Document, InputError};
use extract::Extractor;
use rayon::prelude::*;
use report::{ClaimRecord, DocumentInfo, Report, REPORT_VERSION};
use std::path::PathBuf;
use text::{LineIndex, Normalized};

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// File-name globs for directory walks.
    pub globs: Vec<String>,
    /// Publication date for documents that state none.
    pub published: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options { globs: corpus::DEFAULT_GLOBS.iter().map(|s| s.to_string()).collect(), published: None }
    }
}

/// Everything extracted from one document.
struct Analysis {
    info: DocumentInfo,
    claims: Vec<extract::Claim>,
}

fn analyse(doc: &Document, options: &Options) -> Analysis {
    let norm = Normalized::new(&doc.text);
    let lines = LineIndex::new(&doc.text);
    let claims = Extractor::default_extractor().claims(&doc.text, &norm, &lines);
    let (published, source) = match (doc.published, options.published) {
        (Some(d), _) => (Some(d), Some("front-matter")),
        (None, Some(d)) => (Some(d), Some("option")),
        (None, None) => (None, None),
    };
    Analysis {
        info: DocumentInfo {
            path: doc.path.clone(),
            published: published.map(|d| d.format("%Y-%m-%d").to_string()),
            published_source: source.map(str::to_string),
            language: language(&norm.text).to_string(),
            bytes: doc.text.len(),
        },
        claims,
    }
}

/// "ar" when Arabic letters outnumber Latin ones, else "en".
fn language(text: &str) -> &'static str {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if arabic >= latin {
        "ar"
    } else {
        "en"
    }
}

/// Check the documents under `inputs`: read, extract, cross-check.
pub fn check(inputs: &[PathBuf], options: &Options) -> Report {
    let (paths, mut errors) = corpus::collect_paths(inputs, &options.globs);
    let loaded: Vec<Result<Document, InputError>> = paths.par_iter().map(|p| corpus::load(p)).collect();
    let mut docs = Vec::with_capacity(loaded.len());
    for r in loaded {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    check_documents(&docs, options, errors)
}

/// Check documents already in memory.
pub fn check_documents(docs: &[Document], options: &Options, errors: Vec<InputError>) -> Report {
    let analyses: Vec<Analysis> = docs.par_iter().map(|d| analyse(d, options)).collect();
    let mut report = Report {
        version: REPORT_VERSION,
        documents: Vec::new(),
        claims: Vec::new(),
        dates: Vec::new(),
        findings: Vec::new(),
        errors,
    };
    for a in analyses {
        for c in a.claims {
            report.claims.push(ClaimRecord {
                id: format!("c{}", report.claims.len() + 1),
                doc: a.info.path.clone(),
                start: c.start,
                end: c.end,
                line: c.line,
                text: c.text,
                value: c.value,
                bound: c.bound,
                upper: c.upper,
                noun: c.noun,
            });
        }
        report.documents.push(a.info);
    }
    report
}
