//! `internal-consistency`: one document gives one quantity two incompatible ways.
//!
//! What it does: compares, within a document, the headline's claims with the body's,
//! and body claims in different sentences, for the same metric and time and a shared
//! subject (shared words).
//!
//! Why: a headline that says more than the story, or a figure that changes between
//! paragraphs, misleads the reader however the rest is right.
//!
//! Example: headline "Over 400 schools damaged", body "the ministry counted 312 schools".

use super::{incompatible, show, Corpus, Docs, Kind, Rule, RuleMeta};
use crate::context::shared_words;
use crate::report::Finding;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "internal-consistency",
    docs: || Docs {
        what: "Within one document, the headline and the body (or two paragraphs) must agree on a figure.".into(),
        why: "A figure that changes inside one article is wrong at least once.".into(),
        example: "headline \"Over 400 schools damaged\" vs body \"312 schools\"".into(),
    },
    build: |meta, file, text| Ok(Box::new(Internal { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub approx_tolerance: f64,
    pub exact_tolerance: f64,
    /// Words a headline and a body sentence must share.
    pub min_shared_words_headline: usize,
    /// Words two body sentences must share.
    pub min_shared_words_body: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { approx_tolerance: 0.10, exact_tolerance: 0.0, min_shared_words_headline: 1, min_shared_words_body: 4 }
    }
}

pub struct Internal {
    meta: RuleMeta,
    options: Options,
}

impl Rule for Internal {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let o = &self.options;
        let mut by_doc: Vec<Vec<&super::Fact>> = vec![Vec::new(); corpus.docs.len()];
        for f in &corpus.facts {
            if f.context.class.is_some() && f.time.is_some() {
                by_doc[f.doc].push(f);
            }
        }
        for facts in &by_doc {
            for (i, a) in facts.iter().enumerate() {
                for b in &facts[i + 1..] {
                    // The same class; the same event where both name one (a headline often
                    // names it where the body does not).
                    let headline = a.in_headline || b.in_headline;
                    let events_differ = matches!((&a.context.event, &b.context.event), (Some(x), Some(y)) if x != y);
                    let events_match = headline || (a.context.event.is_some() && a.context.event == b.context.event);
                    if a.sentence == b.sentence
                        || a.context.class != b.context.class
                        || events_differ
                        || !events_match
                        || (!headline && a.time != b.time)
                        || !incompatible(a, b, o.approx_tolerance, o.exact_tolerance)
                    {
                        continue;
                    }
                    // Ten times another figure is another quantity (a total and a part).
                    let ratio = a.value.max(b.value) / a.value.min(b.value).max(1e-9);
                    if ratio > 10.0 {
                        continue;
                    }
                    let shared = shared_words(&a.context.words, &b.context.words);
                    let needed = if headline { o.min_shared_words_headline } else { o.min_shared_words_body };
                    // Two body sentences must be mostly about the same thing: a total and
                    // its parts ("47 killed … 12 of them in X") share less.
                    let overlap = shared as f64 / a.context.words.len().min(b.context.words.len()).max(1) as f64;
                    if shared < needed || (!headline && overlap < 0.5) {
                        continue;
                    }
                    let message = self.meta.message(&[
                        ("metric", a.context.metric().unwrap_or_default()),
                        ("a", show(a)),
                        ("b", show(b)),
                        ("where_a", if a.in_headline { "the headline".into() } else { format!("line {}", a.line) }),
                        ("where_b", format!("line {}", b.line)),
                    ]);
                    out.push(self.meta.finding(message, vec![a.location(corpus), b.location(corpus)], None));
                }
            }
        }
    }
}
