//! `weekday`: a weekday written with a date that is not that date's weekday.
//!
//! What it does: for every date written with its weekday ("الأربعاء 12 من تشرين
//! الثاني", "Tuesday, March 4, 2025"), compares the weekday with the date's. A date
//! without a year is checked only when its year is beyond doubt (within four months
//! of the document's reference day).
//!
//! Why: a wrong weekday means a wrong day or a wrong date, and the reader cannot tell
//! which.
//!
//! Example: "الخميس 14 آب 2024": 14 August 2024 was a Wednesday.

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location};
use crate::parse::date::{DateExpr, YearRef};
use crate::resolve::DateValue;
use chrono::Datelike;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "weekday",
    docs: || Docs {
        what: "A weekday written with a date must be that date's weekday.".into(),
        why: "A wrong weekday means a wrong day or a wrong date, and the reader cannot tell which.".into(),
        example: "\"الخميس 14 آب 2024\": 14 August 2024 was a Wednesday".into(),
    },
    placeholders: &["date", "stated", "real"],
    build: |meta, file, text| {
        let _: Options = crate::check::engine::options(file, text)?;
        Ok(Box::new(Weekday { meta }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

pub struct Weekday {
    meta: RuleMeta,
}

const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The weekday an expression states, and whether it states the year too.
fn stated_weekday(e: &DateExpr) -> Option<(u32, bool)> {
    match e {
        DateExpr::Day { weekday: Some(w), year, .. } => Some((*w, matches!(year, YearRef::Abs(_)))),
        DateExpr::HijriPair { gregorian, .. } => stated_weekday(gregorian),
        _ => None,
    }
}

/// How far from the reference a year-less date may be for its year to be sure.
const SURE_DAYS: i64 = 120;

impl Rule for Weekday {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for (k, doc) in corpus.docs.iter().enumerate() {
            if !corpus.wanted(k) {
                continue;
            }
            for d in &doc.dates {
                let (Some((w, with_year)), Some(DateValue::Day(day))) = (stated_weekday(&d.expr), &d.value) else {
                    continue;
                };
                // A year-less day amid another year's story may be that year's: it is in
                // doubt only if that year gives it the stated weekday.
                // So may one of a month the article dates, earlier in its text, in an
                // earlier year ("20 أكتوبر 2011" … "يوم الخميس (20 أكتوبر)"); a plan for a
                // later year ("قبل نهاية حزيران 2026") does not date a past meeting.
                let same_month_years = doc
                    .dates
                    .iter()
                    .filter(|o| o.start < d.start && super::written_year(&o.expr).is_some_and(|y| y < day.year()))
                    .filter_map(|o| match &o.value {
                        Some(DateValue::Day(x)) if x.month() == day.month() => Some(x.year()),
                        Some(DateValue::Month(y, m)) if *m == day.month() => Some(*y),
                        _ => None,
                    });
                let other_year_fits = !with_year
                    && super::nearby_years(doc, d).into_iter().chain(same_month_years).any(|y| {
                        chrono::NaiveDate::from_ymd_opt(y, day.month(), day.day())
                            .is_some_and(|x| x.weekday().number_from_monday() == w)
                    });
                // A year-less day takes its year from the day of writing: only a day the
                // article was published on, not one guessed from its own dates.
                let published = doc
                    .reference
                    .is_some_and(|(r, src)| (*day - r).num_days().abs() <= SURE_DAYS && src.is_publication());
                let sure = with_year || (published && !other_year_fits);
                let real = day.weekday().number_from_monday();
                // "يتحدث … الخميس 20 يونيو، بينما اليوم هو الأربعاء 20 يونيو": the article
                // itself gives the right weekday of that day; it quotes the slip.
                let corrected = doc.dates.iter().any(|o| {
                    o.sentence.abs_diff(d.sentence) <= 1
                        && o.value.as_ref() == Some(&DateValue::Day(*day))
                        && stated_weekday(&o.expr).is_some_and(|(ow, _)| ow == real)
                });
                if real != w && sure && !corrected {
                    let message = self.meta.message(&[
                        ("date", day.format("%Y-%m-%d").to_string()),
                        ("stated", NAMES[(w - 1) as usize].to_string()),
                        ("real", NAMES[(real - 1) as usize].to_string()),
                    ]);
                    let loc = Location { doc: k, start: d.start, end: d.end, line: d.line, role: None };
                    out.push(self.meta.finding(message, vec![loc]));
                }
            }
        }
    }
}
