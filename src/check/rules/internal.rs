//! `internal-consistency`: one document gives one quantity two incompatible ways.
//!
//! What it does: within a document, compares a headline figure with the body claims
//! of the same quantity ([`same_quantity`]) and reports it when none of them agrees
//! with it; and compares body claims of one quantity and time in different sentences
//! (a toll aside, which an article may update as it goes). Each claim is compared
//! with a bounded number of later claims of its kind, so a long document costs
//! linear time.
//!
//! Why: a headline that says more than the story, or a figure that changes between
//! paragraphs, misleads the reader however the rest is right.
//!
//! Example: lead "وحوالى 200 مفقود", next paragraph "وما يقرب من ألفي مفقود".

use super::{bucket, graded, incompatible, role_of, show, Tolerance};
use crate::check::comparable::{same_quantity, time_relation, Strength, TimeRelation};
use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding};
use crate::lexicon::describe::Describe;
use crate::text::symbols::Sym;
use rustc_hash::FxHashMap;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "internal-consistency",
    docs: || Docs {
        what: "Within one document, the headline and the body (or two paragraphs) must agree on a figure.".into(),
        why: "A figure that changes inside one article is wrong at least once.".into(),
        example: "lead \"وحوالى 200 مفقود\" vs the next paragraph \"وما يقرب من ألفي مفقود\"".into(),
    },
    placeholders: &["what", "role", "a", "b", "where_a", "where_b"],
    build: |meta, file, text| {
        let options: Options = crate::check::engine::options(file, text)?;
        options.tolerance.validate(file, text)?;
        Ok(Box::new(Internal { meta, options }))
    },
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub tolerance: Tolerance,
    /// Two figures further apart than this ratio are a total and a part, not one
    /// figure told twice.
    pub max_ratio: f64,
    /// How many later claims of its kind each claim is compared with.
    pub window: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance: Tolerance::default(), max_ratio: 10.0, window: 24 }
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

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let describe = Describe::default_describe();
        let o = &self.options;
        for (d, doc) in corpus.docs.iter().enumerate() {
            if !corpus.wanted(d) {
                continue;
            }
            let mut buckets: FxHashMap<Sym, Vec<usize>> = FxHashMap::default();
            for (k, c) in doc.claims.iter().enumerate() {
                if let Some(key) = bucket(c) {
                    buckets.entry(key).or_default().push(k);
                }
            }
            let ratio_ok = |a: f64, b: f64| a.max(b) / a.min(b).max(1e-9) <= o.max_ratio;
            for claims in buckets.values() {
                for (i, &ka) in claims.iter().enumerate() {
                    let ca = &doc.claims[ka];
                    let mut headline_best: Option<(usize, crate::check::comparable::Match)> = None;
                    let mut headline_agrees = false;
                    let partners: Box<dyn Iterator<Item = &usize>> = if ca.in_headline {
                        Box::new(claims.iter().filter(|&&k| !doc.claims[k].in_headline).take(o.window * 4))
                    } else {
                        Box::new(claims[i + 1..].iter().take(o.window))
                    };
                    for &kb in partners {
                        let cb = &doc.claims[kb];
                        if cb.in_headline {
                            continue;
                        }
                        let Ok(m) = same_quantity(corpus, (d, ka), (d, kb)) else { continue };
                        // A headline dated only by its article tells the article's event,
                        // whatever day the body's sentence gives it ("الأربعاء").
                        let undated_headline = ca.in_headline && ca.time_source == crate::resolve::TimeSource::Document;
                        if !undated_headline && time_relation(ca, cb) != TimeRelation::Same {
                            continue;
                        }
                        let volatile = ca.desc.role.or(cb.desc.role).is_some_and(|r| describe.role(r).volatile);
                        if volatile && !(super::dated_by_sentence(ca) && super::dated_by_sentence(cb)) {
                            continue;
                        }
                        let apart = incompatible(ca, cb, &o.tolerance);
                        let clash = apart && ratio_ok(ca.value, cb.value);
                        if ca.in_headline {
                            // A figure many times the headline's is another quantity
                            // ("more than 370 people" aboard), neither for it nor against.
                            if apart && !clash {
                                continue;
                            }
                            if !clash {
                                headline_agrees = true;
                            } else if headline_best
                                .as_ref()
                                .is_none_or(|(_, b)| (m.strength, m.subject) > (b.strength, b.subject))
                            {
                                // (the strongest match first: a weak one with more words
                                // of the subject is another figure, "أكثر من 370 شخصا")
                                headline_best = Some((kb, m));
                            }
                            continue;
                        }
                        let role = ca.desc.role.or(cb.desc.role).map(|r| describe.role(r));
                        // A toll or a moving figure may be updated down an article; only
                        // the headline must agree. Two body figures need strong evidence.
                        // A figure ten times the other is no update, though: a slip.
                        let moving =
                            role.is_some_and(|r| r.toll || r.volatile) && !super::zero_slip(ca.value, cb.value);
                        if !clash || moving || m.strength < Strength::Good || !anchored(doc, ca, cb) {
                            continue;
                        }
                        out.push(self.finding(corpus, (d, ka), (d, kb), m));
                        break;
                    }
                    if let (false, Some((kb, m))) = (headline_agrees, headline_best) {
                        // A slip of the pen ("85" / "58") needs less of the words alike.
                        if m.strength >= Strength::Good || super::digits_swapped(ca.value, doc.claims[kb].value) {
                            out.push(self.finding(corpus, (d, ka), (d, kb), m));
                        }
                    }
                }
            }
        }
    }
}

/// Do the sentences of two claims tell the same set of figures: another claim of the
/// same thing and value in each ("75 قتيلا على الأقل وحوالى 200 مفقود" and "75 قتيلا
/// وما يقرب من ألفي مفقود", one figure though once as a lower bound)? Without such an
/// anchor, two figures of one noun in one article are as often two things (two teams'
/// points, two fuels' prices) as one.
fn anchored(doc: &crate::resolve::DocFacts, a: &crate::resolve::ClaimFact, b: &crate::resolve::ClaimFact) -> bool {
    // (claims are in text order, so their sentences ascend: a sentence's claims are
    // found by binary search, not by reading every claim of a long document)
    let in_sentence = |s: u32| {
        let from = doc.claims.partition_point(|c| c.sentence < s);
        let to = doc.claims.partition_point(|c| c.sentence <= s);
        doc.claims[from..to].iter()
    };
    in_sentence(a.sentence).any(|x| {
        !std::ptr::eq(x, a)
            && x.desc.what.is_some()
            && in_sentence(b.sentence).any(|y| !std::ptr::eq(y, b) && y.desc.what == x.desc.what && y.value == x.value)
    })
}

impl Internal {
    fn finding(
        &self,
        corpus: &Corpus,
        a: crate::check::ClaimRef,
        b: crate::check::ClaimRef,
        m: crate::check::comparable::Match,
    ) -> Finding {
        let describe = Describe::default_describe();
        let (ca, cb) = (corpus.claim(a), corpus.claim(b));
        let role = ca.desc.role.or(cb.desc.role).map(|r| describe.role(r).id.clone());
        let where_a = if ca.in_headline { "the headline".to_string() } else { format!("line {}", ca.line) };
        let message = self.meta.message(&[
            ("what", crate::check::comparable::what_name(ca)),
            ("role", role.unwrap_or_else(|| "count".into())),
            ("a", show(ca)),
            ("b", show(cb)),
            ("where_a", where_a.clone()),
            ("where_b", format!("line {}", cb.line)),
        ]);
        let mut f = self.meta.finding(
            message,
            vec![corpus.claim_location(a, Some(where_a)), corpus.claim_location(b, Some(role_of(corpus, a, b)))],
        );
        f.severity = graded(self.meta.severity, m.strength);
        // Within one article two figures of one noun differ for a reason far more often
        // than by a slip: the headline rounds, counts the attacker, or a part; a later
        // paragraph gives a forecast or another period. Only a slip that no reason
        // explains is reported: a figure ten, a hundred or a thousand times the other
        // ("حوالى 200 مفقود" / "ما يقرب من ألفي مفقود") or with two digits swapped.
        if !super::zero_slip(ca.value, cb.value) {
            f.severity = crate::check::Severity::Info;
        } else if (ca.in_headline || cb.in_headline) && super::digits_swapped(ca.value, cb.value) {
            // A headline and its body told with the digits swapped ("85" / "58").
            f.severity = f.severity.min(self.meta.severity.weaker());
        }
        f.evidence = m.evidence;
        f
    }
}
