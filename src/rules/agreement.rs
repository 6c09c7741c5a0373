//! `value-agreement`: two documents give incompatible values for one quantity.
//!
//! What it does: groups claims by metric (noun class and event) and by the time they
//! hold for (a flow's period, a stock's day), then compares claims of different
//! documents in a group that are about the same subject (a shared entity, or enough
//! shared words in their sentences). Bounds count: "more than 20" agrees with 22,
//! "about 100" with 95 (tolerance per rule).
//!
//! Why: one of the two is wrong, or they count different things without saying so.
//!
//! Example: `a.txt "مقتل 14 شخصًا" (Wednesday) vs b.txt "مقتل 41 شخصًا" (same Wednesday)`.

use super::{incompatible, short, show, Corpus, Docs, Fact, Kind, Rule, RuleMeta};
use crate::context::shared_words;
use crate::report::Finding;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const KIND: Kind = Kind {
    name: "value-agreement",
    docs: || Docs {
        what: "Claims of different documents about one metric, subject and time must have compatible values.".into(),
        why: "Two incompatible figures for the same quantity mean one is wrong.".into(),
        example: "a.txt \"مقتل 14 شخصًا\" vs b.txt \"مقتل 41 شخصًا\", same flood, same day".into(),
    },
    build: |meta, file, text| Ok(Box::new(Agreement { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Relative tolerance of "about N".
    pub approx_tolerance: f64,
    /// Relative tolerance of an exact N.
    pub exact_tolerance: f64,
    /// Sentence words two claims must share when no entity links them.
    pub min_shared_words: usize,
    /// Also compare claims within one document.
    pub within_document: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { approx_tolerance: 0.10, exact_tolerance: 0.0, min_shared_words: 3, within_document: false }
    }
}

pub struct Agreement {
    meta: RuleMeta,
    options: Options,
}

/// Same subject: a shared entity, or (when neither names one the other lacks) enough
/// shared sentence words.
pub fn same_subject(a: &Fact, b: &Fact, min_shared_words: usize) -> bool {
    let (ea, eb) = (&a.context.entities, &b.context.entities);
    if !ea.is_empty() && !eb.is_empty() {
        return ea.iter().any(|e| eb.contains(e));
    }
    if a.language != b.language {
        // Across languages, a name both sentences spell: "ترحين" / "Tarhin".
        return shared_words(&a.context.names, &b.context.names) >= 1;
    }
    shared_words(&a.context.words, &b.context.words) >= min_shared_words
}

impl Rule for Agreement {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        // Group by metric, sort by time, and compare only claims whose times can meet
        // (a sweep, not all pairs).
        let mut groups: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
        for f in &corpus.facts {
            if let (Some(metric), Some(_), Some(_)) = (f.context.metric(), f.time_span(), f.context.event.as_ref()) {
                groups.entry(metric).or_default().push(f);
            }
        }
        let o = &self.options;
        let mut seen = std::collections::BTreeSet::new();
        for (metric, facts) in &mut groups {
            facts.sort_by_key(|f| f.time_span().map(|t| t.0));
            for (i, a) in facts.iter().enumerate() {
                let a_end = a.time_span().map(|t| t.1);
                for b in facts[i + 1..].iter().take_while(|b| b.time_span().map(|t| t.0) <= a_end) {
                    if !super::same_time(a, b) {
                        continue;
                    }
                    let time = a.time.as_ref().map(|t| t.to_string()).unwrap_or_default();
                    let same_doc = a.doc == b.doc;
                    if same_doc && (!o.within_document || a.sentence == b.sentence) {
                        continue;
                    }
                    if !incompatible(a, b, o.approx_tolerance, o.exact_tolerance)
                        || !same_subject(a, b, o.min_shared_words)
                    {
                        continue;
                    }
                    // One finding per pair of documents and metric.
                    if !seen.insert((a.doc.min(b.doc), a.doc.max(b.doc), metric.clone())) {
                        continue;
                    }
                    let message = self.meta.message(&[
                        ("metric", metric.clone()),
                        ("period", time.clone()),
                        ("a", show(a)),
                        ("b", show(b)),
                        ("b_doc", short(corpus.doc_path(b.doc)).to_string()),
                    ]);
                    out.push(self.meta.finding(message, vec![a.location(corpus), b.location(corpus)], None));
                }
            }
        }
    }
}
