//! The reference day of a document: the day its relative dates ("أمس", "الشهر
//! الماضي", a bare weekday) are resolved against.
//!
//! It is the publication date when the document has one (front matter, a sidecar, a
//! JSON Lines field, a label or a dateline in the text, `--published`); otherwise a
//! weekday with a day and month and the years the article mentions fix it
//! ("الأربعاء 12 من تشرين الثاني" with 2025 in the text is 2025-11-12), or the latest
//! day the article states in full; or, corpus-wide, a near-duplicate document lends
//! its own.

use super::dates::{DateValue, Resolver};
use crate::extract::{FoundDate, Stated};
use crate::input::PublishedSource;
use crate::lexicon::describe::{Describe, Status};
use crate::parse::date::{DateExpr, MonthRef, YearRef};
use crate::text::DocText;
use chrono::{Datelike, Duration, NaiveDate};

/// Where a document's reference day came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReferenceSource {
    Published(PublishedSource),
    Stated(Stated),
    Option,
    Weekday,
    LatestDate,
    /// Lent by a near-duplicate document.
    Borrowed,
}

impl ReferenceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceSource::Published(p) => p.as_str(),
            ReferenceSource::Stated(Stated::Label) => "text-label",
            ReferenceSource::Stated(Stated::DateLine) => "text-date-line",
            ReferenceSource::Option => "option",
            ReferenceSource::Weekday => "weekday-inference",
            ReferenceSource::LatestDate => "latest-stated-date",
            ReferenceSource::Borrowed => "borrowed",
        }
    }

    /// Whether the source states the publication (not only a day to resolve against).
    pub fn is_publication(self) -> bool {
        matches!(self, ReferenceSource::Published(_) | ReferenceSource::Stated(_) | ReferenceSource::Option)
    }
}

/// Years written in full in a document's date expressions.
pub fn mentioned_years(dates: &[FoundDate]) -> Vec<i32> {
    fn collect(e: &DateExpr, out: &mut Vec<i32>) {
        match e {
            DateExpr::Day { year: YearRef::Abs(y), .. }
            | DateExpr::Month { year: YearRef::Abs(y), .. }
            | DateExpr::Year { year: YearRef::Abs(y), .. }
            | DateExpr::YearPart { year: YearRef::Abs(y), .. } => out.push(*y),
            DateExpr::Interval(a, b) => {
                collect(a, out);
                collect(b, out);
            }
            DateExpr::HijriPair { gregorian, .. } => collect(gregorian, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for d in dates {
        collect(&d.expr, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The reference day of one document, from what it and its metadata say.
pub fn reference(
    doc: &DocText,
    dates: &[FoundDate],
    published: Option<(NaiveDate, PublishedSource)>,
    stated: Option<(NaiveDate, Stated)>,
    option: Option<NaiveDate>,
) -> Option<(NaiveDate, ReferenceSource)> {
    if let Some((d, s)) = published {
        return Some((d, ReferenceSource::Published(s)));
    }
    if let Some((d, s)) = stated {
        return Some((d, ReferenceSource::Stated(s)));
    }
    if let Some(d) = option {
        return Some((d, ReferenceSource::Option));
    }
    if let Some(d) = from_weekday(dates) {
        return Some((d, ReferenceSource::Weekday));
    }
    from_latest_date(doc, dates).map(|d| (d, ReferenceSource::LatestDate))
}

/// The latest day stated in full (with its year) in a sentence that announces
/// nothing: an article is published on or after the days it reports.
fn from_latest_date(doc: &DocText, dates: &[FoundDate]) -> Option<NaiveDate> {
    let describe = Describe::default_describe();
    dates
        .iter()
        .filter(|d| {
            let sentence = doc.sentence(doc.sentence_of(d.norm.start as usize));
            let words: Vec<&str> = doc.tokens_in(sentence).iter().map(|t| doc.token_text(t)).collect();
            !(0..words.len()).any(|k| matches!(describe.status_at(&words[k..]), Some((Status::Forecast, _))))
        })
        .filter_map(|d| d.expr.full_day())
        .max()
}

/// A reference day from a weekday with a day and a month, and the years the
/// document mentions (only when exactly one year fits); when the text also says
/// "أمس الأربعاء" or "اليوم الخميس", the first such day from there on.
fn from_weekday(dates: &[FoundDate]) -> Option<NaiveDate> {
    let resolver = Resolver { reference: None, years: mentioned_years(dates), lean: super::Lean::Nearest };
    let anchor = dates.iter().find_map(|d| match &d.expr {
        DateExpr::Day { weekday: Some(_), year: YearRef::Unknown, modifier: None, month: MonthRef::Abs(_), .. } => {
            match resolver.resolve(&d.expr) {
                Some(DateValue::Day(day)) => Some(day),
                _ => None,
            }
        }
        _ => None,
    })?;
    let named = dates.iter().find_map(|d| match d.expr {
        DateExpr::NamedRelativeDay { offset, weekday } => Some((offset, weekday)),
        _ => None,
    });
    match named {
        Some((offset, weekday)) => (0..14).find_map(|k| {
            let day = anchor + Duration::days(k);
            let named_day = day + Duration::days(offset as i64);
            (named_day.weekday().number_from_monday() == weekday).then_some(day)
        }),
        None => Some(anchor),
    }
}
