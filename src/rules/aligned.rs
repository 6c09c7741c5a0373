//! `aligned-passages`: near-duplicate passages whose numbers or dates differ.
//!
//! What it does: splits documents into passages (sentences and lines), indexes their
//! word pairs, and takes as candidates only passages that share several pairs (never
//! every pair of passages). Candidates similar enough are diffed word by word with
//! `similar`; a difference in a number or a date is reported, with the diff as
//! evidence. Within one document this finds a photo caption printed twice with two
//! years; across documents, syndicated copy with a changed figure.
//!
//! Why: the same sentence cannot be right with two different numbers.
//!
//! Example: caption "… - كانون الثاني 2025" and the same caption "… - كانون الثاني 2024".

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::report::{Finding, Location};
use crate::text::{is_word_char, Normalized};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use similar::{ChangeTag, TextDiff};

pub const KIND: Kind = Kind {
    name: "aligned-passages",
    docs: || Docs {
        what: "Near-duplicate passages (repeated captions, syndicated copy) must carry the same numbers and dates."
            .into(),
        why: "The same sentence printed twice with two different figures is wrong at least once.".into(),
        example: "caption \"… كانون الثاني 2025\" and its twin \"… كانون الثاني 2024\"".into(),
    },
    build: |meta, file, text| Ok(Box::new(Aligned { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Within,
    Across,
    Both,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub scope: Scope,
    /// Passages shorter than this (in words) are not aligned.
    pub min_words: usize,
    /// Jaccard similarity of the two passages' words.
    pub min_similarity: f64,
    /// More differing numbers than this means different passages, not a changed figure.
    pub max_changed_numbers: usize,
    /// A word pair in more passages than this is too common to suggest candidates.
    pub max_bucket: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { scope: Scope::Both, min_words: 6, min_similarity: 0.6, max_changed_numbers: 2, max_bucket: 64 }
    }
}

pub struct Aligned {
    meta: RuleMeta,
    options: Options,
}

struct Passage {
    doc: usize,
    start: usize,
    end: usize,
    words: Vec<String>,
}

fn passages(text: &str, doc: usize, min_words: usize) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |s: usize, e: usize, out: &mut Vec<Passage>| {
        let norm = Normalized::new(&text[s..e]);
        let mut words: Vec<String> =
            norm.text.split(|c: char| !is_word_char(c)).filter(|w| w.chars().count() > 1).map(str::to_string).collect();
        if words.len() >= min_words {
            words.sort();
            words.dedup();
            out.push(Passage { doc, start: s, end: e, words });
        }
    };
    for (k, c) in text.char_indices() {
        let decimal =
            c == '.' && k > 0 && k + 1 < bytes.len() && bytes[k - 1].is_ascii_digit() && bytes[k + 1].is_ascii_digit();
        if matches!(c, '\n' | '.' | '؟' | '!' | '؛' | '?') && !decimal {
            push(start, k, &mut out);
            start = k + c.len_utf8();
        }
    }
    push(start, text.len(), &mut out);
    out
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    let shared = crate::context::shared_words(a, b);
    shared as f64 / (a.len() + b.len() - shared).max(1) as f64
}

fn has_digit(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c))
}

impl Rule for Aligned {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let o = &self.options;
        let all: Vec<Passage> =
            corpus.texts.iter().enumerate().flat_map(|(d, t)| passages(t, d, o.min_words)).collect();
        // Candidate pairs from an index of word pairs.
        let mut index: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
        for (k, p) in all.iter().enumerate() {
            for w in p.words.windows(2) {
                index.entry((w[0].as_str(), w[1].as_str())).or_default().push(k);
            }
        }
        let mut counts: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        for bucket in index.values().filter(|b| b.len() > 1 && b.len() <= o.max_bucket) {
            for (i, &a) in bucket.iter().enumerate() {
                for &b in &bucket[i + 1..] {
                    *counts.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = counts.into_iter().filter(|&(_, n)| n >= 3).map(|(p, _)| p).collect();
        pairs.sort_unstable();
        for (i, j) in pairs {
            let (a, b) = (&all[i], &all[j]);
            let same_doc = a.doc == b.doc;
            match o.scope {
                Scope::Within if !same_doc => continue,
                Scope::Across if same_doc => continue,
                _ => {}
            }
            if jaccard(&a.words, &b.words) < o.min_similarity {
                continue;
            }
            let (ta, tb) = (&corpus.texts[a.doc][a.start..a.end], &corpus.texts[b.doc][b.start..b.end]);
            let diff = TextDiff::from_words(ta, tb);
            let mut changed_a = Vec::new();
            let mut changed_b = Vec::new();
            let (mut pa, mut pb) = (a.start, b.start);
            let mut evidence = String::new();
            for change in diff.iter_all_changes() {
                let v = change.value();
                match change.tag() {
                    ChangeTag::Equal => {
                        pa += v.len();
                        pb += v.len();
                        evidence.push_str(v);
                    }
                    ChangeTag::Delete => {
                        if has_digit(v) {
                            changed_a.push((pa, pa + v.len()));
                        }
                        evidence.push_str(&format!("[-{v}-]"));
                        pa += v.len();
                    }
                    ChangeTag::Insert => {
                        if has_digit(v) {
                            changed_b.push((pb, pb + v.len()));
                        }
                        evidence.push_str(&format!("{{+{v}+}}"));
                        pb += v.len();
                    }
                }
            }
            if changed_a.is_empty() || changed_b.is_empty() || changed_a.len() > o.max_changed_numbers {
                continue;
            }
            let loc_a = locate(corpus, a.doc, &changed_a);
            let loc_b = locate(corpus, b.doc, &changed_b);
            let message = self.meta.message(&[
                ("a", ta[changed_a[0].0 - a.start..changed_a[0].1 - a.start].to_string()),
                ("b", tb[changed_b[0].0 - b.start..changed_b[0].1 - b.start].to_string()),
                ("b_doc", super::short(corpus.doc_path(b.doc)).to_string()),
                ("b_line", corpus.docs[b.doc].line_of(b.start).to_string()),
            ]);
            let mut locations = loc_a;
            locations.extend(loc_b);
            out.push(self.meta.finding(message, locations, Some(evidence.trim().to_string())));
        }
    }
}

/// The claims and dates that cover changed spans (else the spans themselves).
fn locate(corpus: &Corpus, doc: usize, spans: &[(usize, usize)]) -> Vec<Location> {
    let a = &corpus.docs[doc];
    let path = a.path.clone();
    spans
        .iter()
        .map(|&(s, e)| {
            let covering = a
                .dates
                .iter()
                .map(|d| (d.start, d.end))
                .chain(a.claims.iter().map(|c| (c.start, c.end)))
                .find(|&(ds, de)| ds < e && s < de);
            let (s, e) = covering.unwrap_or((s, e));
            Location { doc: path.clone(), start: s, end: e, line: a.line_of(s) }
        })
        .collect()
}
