//! The result of a check, as one value every output format renders ([`render`]).
//!
//! Its JSON form is report version 1 (`../shared/eval/README.md`): `version`,
//! `documents`, `claims`, `dates`, `findings`, with byte offsets into the original
//! files and 1-based lines. Fields may be added; none may be renamed or change meaning
//! without raising `version`. The report holds the documents' facts, not their texts:
//! the lines a report quotes are read again ([`Report::read_snippets`]).

pub mod fingerprint;
pub mod render;

use crate::check::{Finding, Severity};
use crate::input::InputError;
use crate::resolve::DocFacts;

pub const REPORT_VERSION: u32 = 1;

/// What a check compared, for the summary line.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Coverage {
    pub documents: usize,
    pub claims: usize,
    pub dates: usize,
    /// Pairs of documents found to tell one story.
    pub story_pairs: usize,
}

/// A location's line of text, for people: the line (cut to a window around the
/// span when long), the 1-based char column of the span in the whole line, the span's
/// char offset and length in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub column: usize,
    pub span_start: usize,
    pub span_chars: usize,
    /// Char offset and length of the span in the document, for formats that count
    /// characters (SARIF).
    pub char_offset: usize,
    pub char_length: usize,
    /// The line's end column (1-based, exclusive) of the span.
    pub end_column: usize,
    /// The sentence around the span, for word diffs of aligned passages.
    pub sentence: String,
}

/// A whole check: the documents' facts, the findings, the inputs that failed.
#[derive(Debug, Default)]
pub struct Report {
    pub docs: Vec<DocFacts>,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    pub coverage: Coverage,
    /// For each finding, the line of each location (filled by `read_snippets`).
    pub snippets: Vec<Vec<Option<Snippet>>>,
    /// Findings left out by a baseline or by suppression comments.
    pub hidden_by_baseline: usize,
    /// Findings left out by `--changed-since`: none of their locations is on a changed
    /// line.
    pub unchanged: usize,
    pub suppressed: usize,
    /// In archive mode, how many of `docs` are the drafts (listed first); the others
    /// are the archive, listed only where a finding points at them.
    pub drafts: Option<usize>,
}

impl Report {
    /// The fingerprint of every finding (snippets read), in order.
    pub fn fingerprints(&self) -> Vec<String> {
        (0..self.findings.len()).map(|k| fingerprint::fingerprint(self, k)).collect()
    }

    /// Leave out the findings whose fingerprints `known` holds (a baseline's), and count
    /// them.
    pub fn hide_known(&mut self, known: &std::collections::HashSet<String>) {
        let keep: Vec<bool> = self.fingerprints().iter().map(|p| !known.contains(p)).collect();
        self.hidden_by_baseline += self.keep(&keep);
    }

    /// Keep the findings whose flag in `keep` (one a finding) is set, with their
    /// snippets; returns how many were left out.
    pub fn keep(&mut self, keep: &[bool]) -> usize {
        assert_eq!(keep.len(), self.findings.len(), "one flag a finding");
        let mut k = keep.iter();
        self.findings.retain(|_| *k.next().expect("one flag a finding"));
        if self.snippets.len() == keep.len() {
            let mut k = keep.iter();
            self.snippets.retain(|_| *k.next().expect("one flag a finding"));
        }
        keep.iter().filter(|&&x| !x).count()
    }

    /// The documents whose claims and dates a report lists, and those it names.
    pub fn listed(&self) -> (&[DocFacts], Vec<usize>) {
        match self.drafts {
            None => (&self.docs, (0..self.docs.len()).collect()),
            Some(n) => {
                let mut named: Vec<usize> = (0..n).collect();
                named.extend(self.findings.iter().flat_map(|f| f.locations.iter().map(|l| l.doc)).filter(|&d| d >= n));
                named.sort_unstable();
                named.dedup();
                (&self.docs[..n], named)
            }
        }
    }
}

impl Report {
    /// Findings at or above `level`.
    pub fn count_at_least(&self, level: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity <= level).count()
    }

    /// Findings of severity error or warning (the ones that fail a run by default).
    pub fn failing_findings(&self) -> usize {
        self.count_at_least(Severity::Warning)
    }

    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// Read again the documents findings point at, and keep the lines they quote.
    pub fn read_snippets(&mut self) {
        self.snippets = self.quoted_lines();
    }

    /// The lines findings quote, for each finding and location (its documents read again).
    pub fn quoted_lines(&self) -> Vec<Vec<Option<Snippet>>> {
        let mut needed: Vec<usize> = self.findings.iter().flat_map(|f| f.locations.iter().map(|l| l.doc)).collect();
        needed.sort_unstable();
        needed.dedup();
        let mut texts: rustc_hash::FxHashMap<usize, Option<String>> = Default::default();
        let (kept, gone): (Vec<usize>, Vec<usize>) =
            needed.into_iter().partition(|&d| self.docs[d].kept_text.is_some());
        for d in kept {
            texts.insert(d, self.docs[d].kept_text.clone());
        }
        let origins: Vec<&crate::input::Origin> = gone.iter().map(|&d| &self.docs[d].origin).collect();
        for (d, text) in gone.into_iter().zip(crate::input::reread_all(&origins)) {
            texts.insert(d, text);
        }
        // Every location of a document, in order, so that char counts are taken in one
        // walk over each text however long its lines.
        let mut by_doc: rustc_hash::FxHashMap<usize, Vec<(usize, usize, usize)>> = Default::default();
        for (fi, f) in self.findings.iter().enumerate() {
            for (li, l) in f.locations.iter().enumerate() {
                by_doc.entry(l.doc).or_default().push((l.start, fi, li));
            }
        }
        let mut snippets: Vec<Vec<Option<Snippet>>> =
            self.findings.iter().map(|f| vec![None; f.locations.len()]).collect();
        for (d, mut locs) in by_doc {
            let Some(Some(text)) = texts.get(&d) else { continue };
            locs.sort_unstable();
            let mut counter = CharCounter::default();
            for (start, fi, li) in locs {
                let l = &self.findings[fi].locations[li];
                snippets[fi][li] = snippet(text, start, l.end, &mut counter);
            }
        }
        snippets
    }
}

/// Char counts up to a byte offset, taken incrementally over increasing offsets.
#[derive(Debug, Default)]
pub struct CharCounter {
    at: usize,
    chars: usize,
    line_chars: usize,
}

impl CharCounter {
    /// (chars from the document start, chars from the start of `offset`'s line).
    fn count(&mut self, text: &str, offset: usize) -> (usize, usize) {
        if offset < self.at {
            *self = CharCounter::default();
        }
        for c in text[self.at..offset].chars() {
            self.chars += 1;
            self.line_chars += 1;
            if c == '\n' || c == '\r' {
                self.line_chars = 0;
            }
        }
        self.at = offset;
        (self.chars, self.line_chars)
    }
}

/// How many chars of a long line a snippet keeps on each side of its span.
const SNIPPET_CONTEXT: usize = 160;

/// The line of `text` holding `start..end`, bounded around the span.
pub fn snippet(text: &str, start: usize, end: usize, counter: &mut CharCounter) -> Option<Snippet> {
    if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let is_break = |c: char| c == '\n' || c == '\r';
    // Bound the work on a long line: look at most this far each side.
    let window_from = floor_char(text, start.saturating_sub(SNIPPET_CONTEXT * 4));
    let window_to = ceil_char(text, (end + SNIPPET_CONTEXT * 4).min(text.len()));
    let from = text[window_from..start].rfind(is_break).map_or(window_from, |k| window_from + k + 1);
    let line_end = text[start..window_to].find(is_break).map_or(window_to, |k| start + k);
    let end = end.min(line_end);
    let to = line_end;
    let before: Vec<char> = text[from..start].chars().collect();
    let keep_before = before.len().min(SNIPPET_CONTEXT);
    let after: Vec<char> = text[end..to].chars().collect();
    let keep_after = after.len().min(SNIPPET_CONTEXT);
    let span: String = text[start..end].to_string();
    let (char_offset, line_chars) = counter.count(text, start);
    let column = line_chars + 1;
    let mut out = String::new();
    out.extend(&before[before.len() - keep_before..]);
    let span_start = keep_before;
    out.push_str(&span);
    out.extend(&after[..keep_after]);
    let span_chars = span.chars().count();
    let stops = ['.', '؟', '!', '?', '؛'];
    let sentence_from = text[from..start]
        .char_indices()
        .rev()
        .find(|(_, c)| stops.contains(c))
        .map_or(from, |(k, c)| from + k + c.len_utf8());
    let sentence_to = text[end..to].find(stops).map_or(to, |k| end + k);
    Some(Snippet {
        text: out.trim_end_matches('\r').to_string(),
        column,
        span_start,
        span_chars,
        char_offset,
        char_length: span_chars,
        end_column: column + span_chars,
        sentence: text[sentence_from..sentence_to].trim().to_string(),
    })
}

fn floor_char(s: &str, mut k: usize) -> usize {
    while k > 0 && !s.is_char_boundary(k) {
        k -= 1;
    }
    k
}

fn ceil_char(s: &str, mut k: usize) -> usize {
    while k < s.len() && !s.is_char_boundary(k) {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_count_chars_and_stay_bounded() {
        let text = "سطر أول\nقال إن نحو ٦٥ ألف شخص نزحوا";
        let s = text.find("نحو").unwrap();
        let e = text.find("نزحوا").unwrap() - 1;
        let sn = snippet(text, s, e, &mut CharCounter::default()).unwrap();
        assert_eq!(sn.column, 8);
        assert_eq!(sn.span_chars, "نحو ٦٥ ألف شخص".chars().count());
        let t = "أولا؛ ثم 12 شخصا؟ نعم";
        let s = t.find("12").unwrap();
        let sn = snippet(t, s, s + 2, &mut CharCounter::default()).unwrap();
        assert_eq!(sn.sentence, "ثم 12 شخصا");
        assert_eq!(sn.span_chars, 2);
        let long = format!("{}12 شخصا{}", "كلمة ".repeat(100_000), " كلمة".repeat(100_000));
        let s = long.find("12").unwrap();
        let sn = snippet(&long, s, s + 2, &mut CharCounter::default()).unwrap();
        assert!(sn.text.chars().count() <= 2 * SNIPPET_CONTEXT + 2);
        assert_eq!(sn.column, long[..s].chars().count() + 1);
    }
}
