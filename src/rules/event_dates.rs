//! `event-dates`: two documents dating the same incident on different days.
//!
//! What it does: takes the day-precise dates of sentences that name an incident (an
//! attack, a strike, a flood), pairs sentences of different documents through an index
//! of their words, and reports pairs that name the same incident with enough shared
//! words (the same place, the same target; across languages, the same names) but give
//! different days. Publication dates are left out.
//!
//! Why: one incident happened on one day; one of the two reports has it wrong.
//!
//! Example: a.txt "الهجوم على حاجز الصوامع … فجر الثلاثاء 9 نيسان" vs b.txt "… حاجز
//! الصوامع قرب المنصورة، الذي وقع في 11 نيسان".

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::context::{latin_names, shared_words, skeleton, ContextLexicon};
use crate::dates::DateValue;
use crate::report::{Finding, Location};
use crate::text::Normalized;
use rustc_hash::FxHashMap;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "event-dates",
    docs: || Docs {
        what: "Two documents must not date the same incident on different days.".into(),
        why: "One incident happened on one day; one of the reports has it wrong.".into(),
        example:
            "a.txt \"الهجوم على حاجز الصوامع … الثلاثاء 9 نيسان\" vs b.txt \"… حاجز الصوامع، الذي وقع في 11 نيسان\""
                .into(),
    },
    build: |meta, file, text| Ok(Box::new(EventDates { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Content words two same-language sentences must share.
    pub min_shared_words: usize,
    /// Names two sentences in different languages must share.
    pub min_shared_names: usize,
    /// Dates further apart than this are different incidents.
    pub max_days_apart: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_shared_words: 4, min_shared_names: 1, max_days_apart: 14 }
    }
}

pub struct EventDates {
    meta: RuleMeta,
    options: Options,
}

struct Dated {
    doc: usize,
    loc: Location,
    day: chrono::NaiveDate,
    incidents: Vec<String>,
    words: Vec<String>,
    names: Vec<String>,
    language: &'static str,
}

impl Rule for EventDates {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let ctx = ContextLexicon::default_context();
        let o = &self.options;
        let mut dated = Vec::new();
        for (k, a) in corpus.docs.iter().enumerate() {
            let text = corpus.texts[k];
            let published = a.published().map(|(d, _)| d);
            for d in &a.dates {
                let Some(DateValue::Day(day)) = d.value else { continue };
                if Some(day) == published {
                    continue;
                }
                let (s, e) = crate::analyse::sentence_around(text, d.start, d.end);
                let norm = Normalized::new(&text[s..e]).text;
                let incidents = ctx.incidents_in(&norm);
                if incidents.is_empty() {
                    continue;
                }
                let words = ctx.content_words(&norm);
                let names = if a.language == "en" {
                    latin_names(&text[s..e])
                } else {
                    let mut n: Vec<String> =
                        words.iter().map(|w| skeleton(w)).filter(|s| s.chars().count() >= 3).collect();
                    n.sort();
                    n.dedup();
                    n
                };
                let loc = Location { doc: a.path.clone(), start: d.start, end: d.end, line: d.line };
                dated.push(Dated { doc: k, loc, day, incidents, words, names, language: a.language });
            }
        }
        // Candidate pairs: dated sentences sharing an incident id (an index, not all pairs).
        let mut by_incident: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, d) in dated.iter().enumerate() {
            for inc in &d.incidents {
                by_incident.entry(inc.as_str()).or_default().push(i);
            }
        }
        // Within an incident, sorted by day: only dates at most `max_days_apart` apart
        // are paired (a sweep, not all pairs).
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for list in by_incident.values_mut() {
            list.sort_by_key(|&i| dated[i].day);
            for (x, &i) in list.iter().enumerate() {
                let window =
                    list[x + 1..].iter().take_while(|&&j| (dated[j].day - dated[i].day).num_days() <= o.max_days_apart);
                for &j in window.take(super::MAX_PARTNERS) {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for (i, j) in pairs {
            let (a, b) = (&dated[i], &dated[j]);
            let apart = (a.day - b.day).num_days().abs();
            if a.doc == b.doc || apart == 0 || apart > o.max_days_apart {
                continue;
            }
            let same = if a.language == b.language {
                shared_words(&a.words, &b.words) >= o.min_shared_words
            } else {
                shared_words(&a.names, &b.names) >= o.min_shared_names
            };
            if !same {
                continue;
            }
            let message = self.meta.message(&[
                ("a", a.day.format("%Y-%m-%d").to_string()),
                ("b", b.day.format("%Y-%m-%d").to_string()),
                ("b_doc", super::short(corpus.doc_path(b.doc)).to_string()),
            ]);
            out.push(self.meta.finding(message, vec![a.loc.clone(), b.loc.clone()], None));
        }
    }
}
