//! The time a claim holds for: the day it is true as of, or the period it counts over.
//!
//! The nearest date of the claim's sentence gives it ("قتل 5 أشخاص الجمعة"); a date
//! that opens a period ("منذ بداية العام", "since 30 March") makes it a period from
//! there to that day; without a date, the document's reference day.

use super::dates::DateValue;
use crate::lexicon::Lexicon;
use crate::text::DocText;

/// Where a claim's time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TimeSource {
    /// A date in its sentence.
    Sentence,
    /// The document's reference day.
    Document,
}

impl TimeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeSource::Sentence => "sentence",
            TimeSource::Document => "document",
        }
    }
}

/// Does the date at normalised offset `date_start` open a period: "منذ" or "since"
/// among the two words before it, or as its own first word?
pub fn opens_period(doc: &DocText, date_start: usize, date_end: usize) -> bool {
    let starts = &Lexicon::default_lexicon().calendar.period_start;
    let k = doc.token_at(date_start);
    let first = doc.tokens.get(k).filter(|t| (t.span.start as usize) < date_end);
    let before = doc.tokens[k.saturating_sub(2)..k].iter();
    first.into_iter().chain(before).any(|t| starts.iter().any(|s| s == doc.token_text(t)))
}

/// The time of a claim from the dates of its sentence: `(nearest, opening)` are the
/// values of the nearest plain date and of the nearest period-opening date before it.
pub fn claim_time(
    nearest: Option<&DateValue>,
    opening: Option<&DateValue>,
    reference: Option<DateValue>,
) -> Option<(DateValue, TimeSource)> {
    let at =
        nearest.cloned().map(|v| (v, TimeSource::Sentence)).or_else(|| reference.map(|r| (r, TimeSource::Document)));
    match (opening, at) {
        (Some(since), Some((until, _))) if since.days().0 <= until.days().1 => {
            Some((DateValue::Interval(Box::new(since.clone()), Box::new(until)), TimeSource::Sentence))
        }
        (Some(since), None) => Some((since.clone(), TimeSource::Sentence)),
        (_, at) => at,
    }
}
