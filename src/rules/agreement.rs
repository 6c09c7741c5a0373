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
    /// A toll (a cumulative event) reported this many days apart must not fall.
    pub toll_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            approx_tolerance: 0.10,
            exact_tolerance: 0.0,
            min_shared_words: 3,
            within_document: false,
            toll_days: 3,
        }
    }
}

pub struct Agreement {
    meta: RuleMeta,
    options: Options,
}

/// Same subject: a shared entity, or (when neither names one the other lacks) enough
/// shared sentence words.
pub fn same_subject(corpus: &Corpus, a: &Fact, b: &Fact, min_shared_words: usize) -> bool {
    let (ea, eb) = (&a.context.entities, &b.context.entities);
    if !ea.is_empty() && !eb.is_empty() {
        return ea.iter().any(|e| eb.contains(e));
    }
    if a.language != b.language {
        // Across languages, a name both sentences spell ("ترحين" / "Tarhin"), or
        // stories that share several names.
        return shared_words(&a.context.names, &b.context.names) >= 1 || corpus.shared_names(a.doc, b.doc) >= 2;
    }
    let shared = shared_words(&a.context.words, &b.context.words);
    // English names (capitalised words) that differ mean different places or people.
    let (na, nb) = (&a.context.names, &b.context.names);
    if a.language == "en" && !na.is_empty() && !nb.is_empty() && shared_words(na, nb) == 0 {
        return shared >= min_shared_words + 2;
    }
    // Two versions of one story share most of their words; then little in the two
    // sentences is enough.
    if a.doc != b.doc && corpus.same_story(a.doc, b.doc) >= SAME_STORY && shared >= 1 {
        return true;
    }
    shared >= min_shared_words
}

/// The share of content words two documents must have in common to be one story.
const SAME_STORY: f64 = 0.2;

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
        let ctx = crate::context::ContextLexicon::default_context();
        // One finding per pair of documents and metric, holding every clashing claim.
        let mut found: BTreeMap<(usize, usize, String), Finding> = BTreeMap::new();
        for (metric, facts) in &mut groups {
            facts.sort_by_key(|f| f.time_span().map(|t| t.0));
            let cumulative =
                facts.first().and_then(|f| f.context.event.as_ref()).is_some_and(|e| ctx.cumulative.contains(e));
            for (i, a) in facts.iter().enumerate() {
                let a_end = a.time_span().map(|t| t.1 + chrono::Duration::days(o.toll_days));
                for b in
                    facts[i + 1..].iter().take_while(|b| b.time_span().map(|t| t.0) <= a_end).take(super::MAX_PARTNERS)
                {
                    let clash = match super::time_relation(a, b, o.toll_days) {
                        super::TimeRelation::Same => incompatible(a, b, o.approx_tolerance, o.exact_tolerance),
                        // A toll that falls from one day to the next.
                        super::TimeRelation::Close { a_first } if cumulative => {
                            let (early, late) = if a_first { (a, b) } else { (b, a) };
                            late.interval(o.approx_tolerance, o.exact_tolerance).1
                                < early.interval(o.approx_tolerance, o.exact_tolerance).0
                        }
                        _ => false,
                    };
                    if !clash {
                        continue;
                    }
                    let time = a.time.as_ref().map(|t| t.to_string()).unwrap_or_default();
                    let same_doc = a.doc == b.doc;
                    if same_doc && (!o.within_document || a.sentence == b.sentence) {
                        continue;
                    }
                    if !same_subject(corpus, a, b, o.min_shared_words) {
                        continue;
                    }
                    let key = (a.doc.min(b.doc), a.doc.max(b.doc), metric.clone());
                    if let Some(f) = found.get_mut(&key) {
                        for l in [a.location(corpus), b.location(corpus)] {
                            if !f.locations.contains(&l) {
                                f.locations.push(l);
                            }
                        }
                        continue;
                    }
                    let message = self.meta.message(&[
                        ("metric", metric.clone()),
                        ("period", time.clone()),
                        ("a", show(a)),
                        ("b", show(b)),
                        ("b_doc", short(corpus.doc_path(b.doc)).to_string()),
                    ]);
                    found.insert(key, self.meta.finding(message, vec![a.location(corpus), b.location(corpus)], None));
                    // Each claim opens at most one finding: the output stays linear in
                    // the corpus however many documents disagree.
                    break;
                }
            }
        }
        out.extend(found.into_values());
    }
}
