//! `after-publication`: an event reported as done but dated after the article itself.
//!
//! What it does: for every date of a document that states its publication, checks
//! whether the date falls after it; reports it when its sentence reports something
//! done (a past-tense event verb) and announces nothing (no future or plan word, no
//! "سـ" verb). Relative dates ("next Tuesday") and year-less names of days ("ثورة 25
//! يناير") never fall after publication this way.
//!
//! Why: an article cannot report as done what had not happened when it was published.
//!
//! Example: published 2024-03-10: "وقع الهجوم في 2 أيار 2024".

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location};
use crate::lexicon::describe::Tense;
use crate::parse::date::DateExpr;
use chrono::Duration;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "after-publication",
    docs: || Docs {
        what: "A past event must not be dated after the article's publication.".into(),
        why: "An article cannot report as done what had not happened when it was published.".into(),
        example: "published 2024-03-10: \"وقع الهجوم في 2 أيار 2024\"".into(),
    },
    placeholders: &["date", "published"],
    build: |meta, file, text| Ok(Box::new(FutureEvent { meta, options: crate::check::engine::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Days after publication a date may fall (time zones, late editions).
    pub grace_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { grace_days: 1 }
    }
}

pub struct FutureEvent {
    meta: RuleMeta,
    options: Options,
}

/// A date said as future by its own words ("المقبل", a weekday, "غدا").
fn future_by_itself(e: &DateExpr) -> bool {
    match e {
        DateExpr::Day { modifier: Some(k), .. } | DateExpr::Month { modifier: Some(k), .. } => *k > 0,
        DateExpr::Relative { offset, .. } | DateExpr::NamedRelativeDay { offset, .. } => *offset > 0,
        DateExpr::Weekday { .. } | DateExpr::WeekdayOfWeek { .. } | DateExpr::Holiday { year: None, .. } => true,
        DateExpr::Year { relative: Some(k), .. } => *k > 0,
        DateExpr::Interval(a, b) => future_by_itself(a) || future_by_itself(b),
        _ => false,
    }
}

/// A date that says its own day or year: a day of a month, or a month or a year with
/// its year number.
fn explicit(e: &DateExpr) -> bool {
    use crate::parse::date::{MonthRef, YearRef};
    matches!(
        e,
        DateExpr::Day { month: MonthRef::Abs(_), modifier: None, .. }
            | DateExpr::Month { year: YearRef::Abs(_), .. }
            | DateExpr::Year { year: YearRef::Abs(_), relative: None }
            | DateExpr::HijriPair { .. }
            | DateExpr::Hijri { year: Some(_), .. }
    )
}

impl Rule for FutureEvent {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for (k, doc) in corpus.docs.iter().enumerate() {
            let Some((published, _)) = doc.publication() else { continue };
            if !corpus.wanted(k) {
                continue;
            }
            for d in &doc.dates {
                let Some(value) = &d.value else { continue };
                let (first, _) = value.days();
                if first <= published + Duration::days(self.options.grace_days) || future_by_itself(&d.expr) {
                    continue;
                }
                // Only an event reported done ("وقع الهجوم في …"), dated by itself (with
                // its year, or a day of a month), and not the end of a period ("حتى 2019").
                if d.tense != Tense::Past || !d.reported || d.until || !explicit(&d.expr) {
                    continue;
                }
                // A day of a month with its year only: a year or a month alone after
                // publication is a plan or a name far more often ("مونديال 2026", "رؤية 2030").
                // A year-less day was put in the past by its tense already; one after
                // publication is one the reader cannot place either.
                if !matches!(d.expr, DateExpr::Day { .. }) || super::written_year(&d.expr).is_none() {
                    continue;
                }
                let message = self
                    .meta
                    .message(&[("date", value.to_string()), ("published", published.format("%Y-%m-%d").to_string())]);
                let loc = Location { doc: k, start: d.start, end: d.end, line: d.line, role: None };
                out.push(self.meta.finding(message, vec![loc]));
            }
        }
    }
}
