//! One document through the pipeline: normalise, extract claims and dates, find the
//! reference date, resolve dates, and place every claim in time.
//!
//! Documents are analysed independently (in parallel); one corpus-wide step then lends
//! a reference date to documents that have none from a near-duplicate that has one
//! (syndicated copy of the same statement), and resolves what that makes resolvable.

use crate::corpus::Document;
use crate::dates::{mentioned_years, DateFinder, DateValue, FoundDate, ReferenceSource, Resolver};
use crate::extract::{Claim, Extractor};
use crate::passages;
use crate::text::{LineIndex, Normalized};
use crate::Options;
use chrono::NaiveDate;

/// Everything found in one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub path: String,
    pub bytes: usize,
    pub language: &'static str,
    pub reference: Option<(NaiveDate, ReferenceSource)>,
    /// A reference lent by a near-duplicate document: (date, its path).
    pub borrowed_from: Option<String>,
    pub claims: Vec<Claim>,
    pub dates: Vec<FoundDate>,
    /// The time each claim holds for: (value, "sentence" | "document").
    pub claim_times: Vec<Option<(DateValue, &'static str)>>,
    /// Sentence (start, end) in original bytes of each claim, for context rules.
    pub claim_sentences: Vec<(usize, usize)>,
    pub shingles: Vec<u64>,
    norm: Normalized,
    lines: LineIndex,
}

impl Analysis {
    /// The publication date, when the document states one (not an inferred reference).
    pub fn published(&self) -> Option<(NaiveDate, ReferenceSource)> {
        self.reference.filter(|(_, s)| s.is_publication())
    }

    pub fn normalized(&self) -> &Normalized {
        &self.norm
    }

    /// 1-based line of a byte offset in the original text.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }
}

pub fn analyse(doc: &Document, options: &Options) -> Analysis {
    let norm = Normalized::new(&doc.text);
    let lines = LineIndex::new(&doc.text);
    let chrome = doubled_lines(&doc.text);
    let outside_chrome = |start: usize| !chrome.iter().any(|&(s, e)| start >= s && start < e);
    let mut claims = Extractor::default_extractor().claims(&doc.text, &norm, &lines);
    claims.retain(|c| outside_chrome(c.start));
    let finder = DateFinder::default_finder();
    let mut dates = finder.find(&doc.text, &norm, &lines);
    dates.retain(|d| outside_chrome(d.start));
    let reference = match (doc.published, doc.published_source) {
        (Some(d), Some("sidecar")) => Some((d, ReferenceSource::Sidecar)),
        (Some(d), _) => Some((d, ReferenceSource::FrontMatter)),
        (None, _) => finder
            .publication_in_text(&norm, &dates)
            .or_else(|| options.published.map(|d| (d, ReferenceSource::Option)))
            .or_else(|| finder.reference_from_weekday(&dates).map(|d| (d, ReferenceSource::Weekday)))
            .or_else(|| finder.reference_from_latest_date(&doc.text, &dates).map(|d| (d, ReferenceSource::LatestDate))),
    };
    let shingles = passages::shingles(&norm.text);
    let claim_sentences = claims.iter().map(|c| sentence_around(&doc.text, c.start, c.end)).collect();
    let mut a = Analysis {
        path: doc.path.clone(),
        bytes: doc.text.len(),
        language: language(&norm.text),
        reference,
        borrowed_from: None,
        claims,
        dates,
        claim_times: Vec::new(),
        claim_sentences,
        shingles,
        norm,
        lines,
    };
    resolve(&mut a, &doc.text);
    a
}

/// Resolve every date against the document's reference and place claims in time.
fn resolve(a: &mut Analysis, text: &str) {
    let resolver = Resolver { reference: a.reference.map(|(d, _)| d), years: mentioned_years(&a.dates) };
    for d in &mut a.dates {
        d.value = resolver.resolve(&d.expr);
    }
    let doc_time = a.reference.map(|(d, _)| DateValue::Day(d));
    a.claim_times = a
        .claims
        .iter()
        .zip(&a.claim_sentences)
        .map(|(c, &(s, e))| {
            // The nearest date in the sentence; a date that starts a period ("منذ …
            // 12 أغسطس", "since March") yields to one that ends it.
            let nearest = a.dates.iter().filter(|d| d.value.is_some() && d.start >= s && d.end <= e).min_by_key(|d| {
                let distance = if d.end <= c.start { c.start - d.end } else { d.start.saturating_sub(c.end) };
                (starts_period(text, s, d.start), distance)
            });
            match nearest {
                Some(d) => d.value.clone().map(|v| (v, "sentence")),
                None => doc_time.clone().map(|v| (v, "document")),
            }
        })
        .collect();
}

/// Lend references: a document without one takes the reference of its most similar
/// document (sharing at least a fifth of its shingles), then is resolved again.
pub fn borrow_references(analyses: &mut [Analysis], texts: &[&str]) {
    let has_reference: Vec<bool> = analyses.iter().map(|a| a.reference.is_some()).collect();
    if has_reference.iter().all(|&h| h) || !has_reference.iter().any(|&h| h) {
        return;
    }
    let shingles: Vec<Vec<u64>> = analyses.iter().map(|a| a.shingles.clone()).collect();
    let best = passages::most_similar(&shingles, &has_reference, 8);
    for k in 0..analyses.len() {
        if has_reference[k] {
            continue;
        }
        if let Some((other, share)) = best[k] {
            if share >= MIN_SHARE_TO_BORROW {
                let (date, _) = analyses[other].reference.expect("candidates have references");
                analyses[k].reference = Some((date, ReferenceSource::Weekday));
                analyses[k].borrowed_from = Some(analyses[other].path.clone());
                resolve(&mut analyses[k], texts[k]);
            }
        }
    }
}

/// Is the date at `date_start` the start of a period: "منذ" or "since" among the few
/// words before it (within its sentence, from `sentence_start`)?
fn starts_period(text: &str, sentence_start: usize, date_start: usize) -> bool {
    let before = &text[sentence_start..date_start];
    let starts = &crate::lexicon::Lexicon::default_lexicon().calendar.period_start;
    before.split_whitespace().rev().take(6).any(|w| {
        let w = crate::text::normalize_word(w.trim_matches(|c: char| !c.is_alphabetic()));
        starts.contains(&w)
    })
}

/// The share of a document's shingles it must share with another to borrow its date.
const MIN_SHARE_TO_BORROW: f64 = 0.05;

/// Lines that print the same headline twice ("عنوان عنوان"), as scraped lists of
/// related articles do: page chrome, not the article. (start, end) in bytes.
pub fn doubled_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        if chars.len() >= 21 {
            // Split at a space near the middle; the halves must match.
            let mid = chars.len() / 2;
            let doubled = (mid.saturating_sub(2)..=(mid + 2).min(chars.len() - 1)).any(|k| {
                let (at, c) = chars[k];
                c == ' ' && t[..at].trim() == t[at..].trim()
            });
            if doubled {
                out.push((start, start + line.len()));
            }
        }
        start += line.len();
    }
    out
}

/// The sentence holding `start..end`, in original bytes: bounded by ". ؟ ! ؛ ?" and
/// line breaks ("،" only separates clauses).
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_boundary = |c: char| matches!(c, '.' | '؟' | '!' | '؛' | '?' | '\n');
    let s = text[..start]
        .char_indices()
        .rev()
        .find(|&(k, c)| is_boundary(c) && !(c == '.' && is_decimal_point(text, k)))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let e = text[end..]
        .char_indices()
        .find(|&(k, c)| is_boundary(c) && !(c == '.' && is_decimal_point(text, end + k)))
        .map_or(text.len(), |(k, _)| end + k);
    (s, e)
}

fn is_decimal_point(text: &str, k: usize) -> bool {
    let b = text.as_bytes();
    k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_headlines_are_chrome() {
        let text = "مقدمة الخبر هنا.\nعنوان خبر آخر عن 97 حالة عنوان خبر آخر عن 97 حالة\nنهاية";
        let spans = doubled_lines(text);
        assert_eq!(spans.len(), 1);
        assert!(text[spans[0].0..spans[0].1].starts_with("عنوان"));
    }

    #[test]
    fn sentences_end_at_stops_not_decimals() {
        let text = "قال إن 3.5 مليون شخص نزحوا. ثم عادوا";
        let (s, e) = sentence_around(text, text.find("3.5").unwrap(), text.find("مليون").unwrap());
        assert_eq!(&text[s..e], "قال إن 3.5 مليون شخص نزحوا");
    }
}
