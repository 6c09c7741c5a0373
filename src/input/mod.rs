//! Reading a corpus: paths, files, JSON Lines, stdin, front matter and sidecars.
//!
//! [`collect`] expands the inputs into [`Source`]s (files found by walking folders with
//! the `ignore` crate, de-duplicated by canonical path, each folder visited once);
//! [`Source::documents`] reads one source into [`Document`]s, lazily, so that a JSON
//! Lines corpus of any size streams through. Only regular files are read, and reads
//! are bounded; anything else becomes an [`InputError`] naming the input, never a hang
//! or a panic. Text is kept byte for byte (BOM and CRLF included) so that offsets point
//! into the file as it is on disk.

pub mod jsonl;
pub mod meta;
pub mod read;
pub mod walk;

use chrono::NaiveDate;
use std::path::PathBuf;

pub use meta::{FrontMatter, PublishedSource};
pub use walk::{collect, Source, Sources, WalkOptions};

/// Where a document came from, so that its text can be read again for a report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// A text file.
    File(PathBuf),
    /// A record of a JSON Lines file (plain or gzip), by its 1-based line.
    Record { file: PathBuf, line: usize },
    /// Standard input; its text is kept, as it cannot be read twice.
    Stdin,
}

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name locations use: the path as given, or `FILE.jsonl#id`.
    pub name: String,
    pub origin: Origin,
    pub text: String,
    /// Publication date from front matter, a sidecar or the record itself.
    pub published: Option<(NaiveDate, PublishedSource)>,
    /// Rules the document's front matter or sidecar turns off (`claimcheck-ignore`).
    pub ignore_rules: Vec<String>,
}

/// An input that could not be read, or metadata that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file (or `FILE:LINE` for a JSON Lines record), printable on one line.
    pub path: String,
    pub message: String,
    /// The document was still checked (a bad sidecar or front-matter date), or not.
    pub skipped: bool,
}

impl InputError {
    pub fn skipped(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { path: path.into(), message: message.into(), skipped: true }
    }

    pub fn notice(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { path: path.into(), message: message.into(), skipped: false }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A path as one printable line: control characters (a newline, an escape) are
/// written as escapes, so that one-line formats stay one line a location.
pub fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A path for messages.
pub fn path_name(p: &std::path::Path) -> String {
    printable(&p.to_string_lossy())
}

/// Read a source again, for the lines a report quotes: the text of `origin`, or `None`
/// when it can no longer be read.
pub fn reread(origin: &Origin) -> Option<String> {
    match origin {
        Origin::File(p) => read::read_text(p).ok().map(|(text, _)| text),
        Origin::Record { file, line } => jsonl::record_text(file, *line),
        Origin::Stdin => None,
    }
}

/// The texts of many documents, read again: each JSON Lines file once, for all the
/// records wanted of it. Stdin and unreadable documents give `None`.
pub fn reread_all(origins: &[&Origin]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; origins.len()];
    let mut by_file: std::collections::BTreeMap<&std::path::Path, Vec<(usize, usize)>> = Default::default();
    for (k, o) in origins.iter().enumerate() {
        match o {
            Origin::Record { file, line } => by_file.entry(file.as_path()).or_default().push((*line, k)),
            other => out[k] = reread(other),
        }
    }
    for (file, wanted) in by_file {
        let lines: Vec<usize> = wanted.iter().map(|w| w.0).collect();
        let texts: std::collections::HashMap<usize, String> = jsonl::record_texts(file, &lines).into_iter().collect();
        for (line, k) in wanted {
            out[k] = texts.get(&line).cloned();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\nb\u{1b}[31m.txt"), "a\\nb\\u{1b}[31m.txt");
        assert_eq!(printable("عادي.txt"), "عادي.txt");
    }
}
