//! `after-publication`: an event dated after the article's own publication.
//!
//! What it does: in documents that state their publication date, reports dates that
//! start after it (beyond a grace period), unless the sentence announces something to
//! come ("من المقرر", "سيعقد", "will", "scheduled") or the expression is itself about
//! the future ("المقبل", "tomorrow").
//!
//! Why: a report cannot describe as done what had not happened when it was published;
//! the date, the year or the publication date is wrong.
//!
//! Example: an article published 2024-03-10 saying an attack happened on 2 May 2024.

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::context::ContextLexicon;
use crate::parse::date::DateExpr;
use crate::report::{Finding, Location};
use crate::text::{is_word_char, Normalized};
use chrono::Duration;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "after-publication",
    docs: || Docs {
        what: "A past event must not be dated after the article's publication.".into(),
        why: "An article cannot report as done what had not happened when it was published.".into(),
        example: "published 2024-03-10: \"وقع الهجوم في 2 أيار 2024\"".into(),
    },
    build: |meta, file, text| Ok(Box::new(FutureEvent { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Days after publication that still count as the same news day.
    pub grace_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { grace_days: 1 }
    }
}

/// The char boundary at or before byte `k`.
fn floor_boundary(text: &str, k: usize) -> usize {
    (0..=k.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

pub struct FutureEvent {
    meta: RuleMeta,
    options: Options,
}

/// The expression names the future itself: "المقبل", "tomorrow", "next week".
fn future_by_itself(e: &DateExpr) -> bool {
    match e {
        DateExpr::Day { modifier: Some(k), .. } | DateExpr::Month { modifier: Some(k), .. } => *k > 0,
        DateExpr::Relative { offset, .. } | DateExpr::NamedRelativeDay { offset, .. } => *offset > 0,
        DateExpr::Weekday { .. } | DateExpr::WeekdayOfWeek { .. } | DateExpr::Holiday { year: None, .. } => true,
        DateExpr::RecentWeekday { .. } => false,
        DateExpr::Year { relative: Some(k), .. } => *k > 0,
        DateExpr::Interval(a, b) => future_by_itself(a) || future_by_itself(b),
        _ => false,
    }
}

impl Rule for FutureEvent {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let ctx = ContextLexicon::default_context();
        for (k, a) in corpus.docs.iter().enumerate() {
            let Some((published, _)) = a.published() else { continue };
            let text = corpus.texts[k];
            for d in &a.dates {
                let Some(value) = &d.value else { continue };
                let (first, _) = value.days();
                if first <= published + Duration::days(self.options.grace_days) || future_by_itself(&d.expr) {
                    continue;
                }
                let (s, e) = crate::analyse::sentence_around(text, d.start, d.end);
                let sentence = Normalized::new(&text[s..e]).text;
                let announced = sentence.split(|c: char| !is_word_char(c)).any(|w| {
                    let w = w.strip_prefix('و').unwrap_or(w);
                    ctx.in_set(&ctx.future_markers, w)
                        // The Arabic future prefix: "سيعقد", "ستقام".
                        || (w.chars().count() >= 5 && (w.starts_with("سي") || w.starts_with("ست")))
                });
                // Only a sentence that reports something done near the date: a past-tense
                // event verb, or an English regular past ("reopened").
                let from = floor_boundary(text, d.start.saturating_sub(120).max(s));
                let to = floor_boundary(text, (d.end + 60).min(e)).max(d.end);
                let near = &text[from..to];
                let near = Normalized::new(near).text;
                let reported = near.split(|c: char| !is_word_char(c)).any(|w| {
                    ctx.in_set(&ctx.past_markers, w)
                        || ctx.in_set(&ctx.past_markers, w.trim_end_matches(['ه', 'ت']))
                        || (w.is_ascii() && w.len() > 4 && w.ends_with("ed") && !ctx.in_set(&ctx.future_markers, w))
                });
                if announced || !reported {
                    continue;
                }
                let message = self
                    .meta
                    .message(&[("date", value.to_string()), ("published", published.format("%Y-%m-%d").to_string())]);
                let loc = Location { doc: a.path.clone(), start: d.start, end: d.end, line: d.line };
                out.push(self.meta.finding(message, vec![loc], None));
            }
        }
    }
}
