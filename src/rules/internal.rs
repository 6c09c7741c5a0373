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

use super::{incompatible, show, Corpus, Docs, Fact, Kind, Rule, RuleMeta};
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
        let mut by_doc: Vec<Vec<&Fact>> = vec![Vec::new(); corpus.docs.len()];
        for f in &corpus.facts {
            // Percentages of different bases are not one quantity.
            if f.context.class.as_deref().is_some_and(|c| c != "percent") && f.time.is_some() {
                by_doc[f.doc].push(f);
            }
        }
        for facts in &by_doc {
            // A headline figure against the body claim that matches it best.
            for h in facts.iter().filter(|f| f.in_headline) {
                let best = facts
                    .iter()
                    .filter(|b| !b.in_headline && comparable(h, b))
                    .max_by_key(|b| (shared_words(&h.context.words, &b.context.words), std::cmp::Reverse(b.start)));
                if let Some(b) = best {
                    let shared = shared_words(&h.context.words, &b.context.words);
                    if shared >= o.min_shared_words_headline && clash(h, b, o) {
                        out.push(self.finding(corpus, h, b));
                    }
                }
            }
            // Two body sentences: the same metric, event and time, mostly the same words.
            for (i, a) in facts.iter().enumerate().filter(|(_, f)| !f.in_headline) {
                for b in facts[i + 1..].iter().filter(|f| !f.in_headline) {
                    if !comparable(a, b)
                        || a.context.event.is_none()
                        || a.context.event != b.context.event
                        || a.time != b.time
                    {
                        continue;
                    }
                    let shared = shared_words(&a.context.words, &b.context.words);
                    let overlap = shared as f64 / a.context.words.len().min(b.context.words.len()).max(1) as f64;
                    if shared >= o.min_shared_words_body && overlap >= 0.5 && clash(a, b, o) {
                        out.push(self.finding(corpus, a, b));
                    }
                }
            }
        }
    }
}

/// Same class, in different sentences, and no two different events.
fn comparable(a: &Fact, b: &Fact) -> bool {
    let events_differ = matches!((&a.context.event, &b.context.event), (Some(x), Some(y)) if x != y);
    a.sentence != b.sentence && a.context.class == b.context.class && !events_differ
}

/// Incompatible values that are still one quantity (ten times another figure is a
/// total and a part, not one figure told twice).
fn clash(a: &Fact, b: &Fact, o: &Options) -> bool {
    let ratio = a.value.max(b.value) / a.value.min(b.value).max(1e-9);
    ratio <= 10.0 && incompatible(a, b, o.approx_tolerance, o.exact_tolerance)
}

impl Internal {
    fn finding(&self, corpus: &Corpus, a: &Fact, b: &Fact) -> Finding {
        let message = self.meta.message(&[
            ("metric", a.context.metric().unwrap_or_default()),
            ("a", show(a)),
            ("b", show(b)),
            ("where_a", if a.in_headline { "the headline".into() } else { format!("line {}", a.line) }),
            ("where_b", format!("line {}", b.line)),
        ]);
        self.meta.finding(message, vec![a.location(corpus), b.location(corpus)], None)
    }
}
