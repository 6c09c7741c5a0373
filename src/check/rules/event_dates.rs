//! `event-dates`: two documents of one story date the same event on different days.
//!
//! What it does: compares the explicit day dates ("الثلاثاء 9 نيسان", "on 14 May") of
//! documents of one story; two are the same event's when the words right around them
//! (the event's verb and object) are the same and their clauses share most of their
//! rare words. Bare weekdays and relative dates are left out: their day depends on
//! readings a checker cannot be sure of.
//!
//! Why: one event happened on one day; one of the reports has it wrong.
//!
//! Example: a.txt "اقتحم المحتجون مقر البرلمان الثلاثاء 9 نيسان" vs b.txt "اقتحم
//! المحتجون مقر البرلمان في 11 نيسان".

use super::story_pairs;
use crate::check::comparable::subject_overlap;
use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location, Severity};
use crate::parse::date::{DateExpr, MonthRef};
use crate::resolve::{ClaimFact, DateFact, DateValue};
use crate::text::symbols::name;
use chrono::Datelike;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "event-dates",
    docs: || Docs {
        what: "Two documents of one story must date the same event (same verb, object and place) on one day.".into(),
        why: "One event happened on one day; one of the reports has it wrong.".into(),
        example: "a.txt \"اقتحم المحتجون مقر البرلمان الثلاثاء 9 نيسان\" vs b.txt \"… في 11 نيسان\"".into(),
    },
    placeholders: &["a", "b", "b_doc"],
    build: |meta, file, text| {
        let options: Options = crate::check::engine::options(file, text)?;
        crate::check::engine::check_non_negative(file, text, "min_subject", options.min_subject as f64)?;
        crate::check::engine::check_non_negative(file, text, "loose_min_subject", options.loose_min_subject as f64)?;
        Ok(Box::new(EventDates { meta, options }))
    },
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Words right around the two dates they must share (the event's verb and object).
    pub min_near: usize,
    /// The weighted share of clause words they must share.
    pub min_subject: f32,
    /// Dates further apart than this are two events.
    pub max_days_apart: i64,
    /// The same for a span back ("قبل أسبوعين") against another date: the days it can
    /// mean must miss the other's, and the words around both be the event's.
    pub loose_min_near: usize,
    pub loose_min_subject: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_near: 3, min_subject: 0.5, max_days_apart: 14, loose_min_near: 2, loose_min_subject: 0.4 }
    }
}

pub struct EventDates {
    meta: RuleMeta,
    options: Options,
}

/// A day said with its day number and month, not a bare weekday or a relative day.
fn explicit_day(d: &DateFact) -> Option<chrono::NaiveDate> {
    let explicit = matches!(&d.expr, DateExpr::Day { month: MonthRef::Abs(_), .. } | DateExpr::HijriPair { .. });
    match (&d.value, explicit && !d.opens_period) {
        (Some(DateValue::Day(day)), true) => Some(*day),
        _ => None,
    }
}

/// Do two sentences give one counted thing different figures?
fn other_figures(corpus: &Corpus, a: (usize, u32), b: (usize, u32)) -> bool {
    figures(corpus, a, b, |x, y| x.value != y.value)
}

/// Do two sentences give one count of the same thing (same noun, value and a role:
/// "مقتل ثلاثة عناصر" / "أودى بحياة ثلاثة عناصر": a toll; players or days say less)?
fn same_figures(corpus: &Corpus, a: (usize, u32), b: (usize, u32)) -> bool {
    let describe = crate::lexicon::describe::Describe::default_describe();
    let toll = |c: &ClaimFact| c.desc.role.is_some_and(|r| describe.role(r).toll);
    figures(corpus, a, b, |x, y| x.value == y.value && toll(x))
}

/// Is a date the only one of its sentence (a sentence of two dates tells two events,
/// whatever it counts: "فاز يوم 29 أبريل وتوج في 21 أبريل")?
fn only_date(dates: &[DateFact], x: &DateFact) -> bool {
    dates.iter().filter(|d| d.sentence == x.sentence && explicit_day(d).is_some()).count() == 1
}

/// Does a claim of sentence `a` and one of sentence `b` count the same thing (noun and
/// role, not a span of time) and meet `also`?
fn figures(corpus: &Corpus, a: (usize, u32), b: (usize, u32), also: impl Fn(&ClaimFact, &ClaimFact) -> bool) -> bool {
    let of = |(d, s): (usize, u32)| corpus.docs[d].claims.iter().filter(move |c| c.sentence == s);
    of(a).any(|ca| {
        of(b).any(|cb| {
            ca.desc.what.is_some()
                && !super::aligned::duration(&ca.claim)
                && ca.desc.what == cb.desc.what
                && ca.desc.role == cb.desc.role
                && also(ca, cb)
        })
    })
}

/// The days an event dated by `d` may lie on, for a document of reference day `r`: an
/// explicit day is itself, a span back ("قبل أسبوعين", "قبل ما يزيد قليلا عن أسبوع")
/// the days it can mean ([`DateExpr::days_back`]). Span backs only when `loose`.
fn days_of(d: &DateFact, r: Option<chrono::NaiveDate>) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    if let Some(day) = explicit_day(d) {
        return Some((day, day));
    }
    let (lo, hi) = d.expr.days_back()?;
    let r = r?;
    Some((r - chrono::Duration::days(hi), r - chrono::Duration::days(lo)))
}

/// Is a date a span back told in days or weeks?
fn span_back(d: &DateFact) -> bool {
    matches!(d.expr, DateExpr::Ago { .. } | DateExpr::AgoLoose { .. }) && d.expr.days_back().is_some()
}

fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().filter(|x| b.contains(x)).copied().collect()
}

impl Rule for EventDates {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let o = &self.options;
        for (da, db) in story_pairs(corpus) {
            for x in &corpus.docs[da].dates {
                let Some((xs, xe)) = days_of(x, corpus.day(da)) else { continue };
                for y in &corpus.docs[db].dates {
                    let Some((ys, ye)) = days_of(y, corpus.day(db)) else { continue };
                    let loose = span_back(x) || span_back(y);
                    // A span back counts from its document's day, which front matter
                    // gives a day off as often as not: only documents of one day compare.
                    if loose && corpus.day(da) != corpus.day(db) {
                        continue;
                    }
                    // Two spans back agree when the days they can mean meet; a span back
                    // and an explicit day, when the day is one it can mean.
                    if loose && !(xe < ys || ye < xs) {
                        continue;
                    }
                    let (dx, dy) = if xe < ys { (xe, ys) } else { (xs, ye) };
                    // The same day and month in two years is a year one of the two had
                    // to guess, not two dates of one event; weeks apart, two events.
                    let apart = (dx - dy).num_days().abs();
                    if dx == dy || (dx.month() == dy.month() && dx.day() == dy.day()) || apart > o.max_days_apart {
                        continue;
                    }
                    let near = shared(&x.context.near, &y.context.near);
                    // The same count of the same thing in both sentences ("مقتل ثلاثة عناصر"
                    // / "أودى بحياة ثلاثة عناصر") tells one incident, whatever the words
                    // right around the dates.
                    let (sa, sb) = ((da, x.sentence), (db, y.sentence));
                    let same_count = same_figures(corpus, sa, sb)
                        && only_date(&corpus.docs[da].dates, x)
                        && only_date(&corpus.docs[db].dates, y);
                    // A span back is of the event whose verb and object stand right
                    // before it ("تولى منصبه قبل أسبوعين"): both must be the same.
                    let min_near = if loose { o.loose_min_near } else { o.min_near };
                    if near.len() < min_near && !same_count {
                        continue;
                    }
                    // "سفينة تحمل 10 آلاف طن … وصولها يوم 22 يونيو" and "سفينة تحمل 1000 طن …
                    // وصولها في 23 يونيو": the sentences count one thing two ways, so they
                    // tell two incidents (two ships), not one dated twice.
                    if !same_count && other_figures(corpus, sa, sb) {
                        continue;
                    }
                    let (subject, words) = subject_overlap(corpus, &x.context.subject, &y.context.subject);
                    if subject < if loose { o.loose_min_subject } else { o.min_subject } {
                        continue;
                    }
                    let (p, s, pd, sd) = if corpus.wanted(da) { (x, y, da, db) } else { (y, x, db, da) };
                    // A span back is told as the days it can mean.
                    let told = |d: &DateFact, doc: usize| match (&d.value, days_of(d, corpus.day(doc))) {
                        (Some(v), _) if !span_back(d) => v.to_string(),
                        (_, Some((a, b))) if a == b => a.to_string(),
                        (_, Some((a, b))) => format!("{a}..{b} (\"{}\")", d.text),
                        _ => String::new(),
                    };
                    let message = self.meta.message(&[
                        ("a", told(p, pd)),
                        ("b", told(s, sd)),
                        ("b_doc", corpus.short(sd).to_string()),
                    ]);
                    let loc = |d: &DateFact, doc: usize, role: String| Location {
                        doc,
                        start: d.start,
                        end: d.end,
                        line: d.line,
                        role: Some(role),
                    };
                    let mut f = self.meta.finding(
                        message,
                        vec![loc(p, pd, "here".into()), loc(s, sd, format!("in {}", corpus.short(sd)))],
                    );
                    // (by word, not by id: ids follow the order documents were read in)
                    let mut near: Vec<String> = near.iter().map(|w| name(*w).to_string()).collect();
                    near.sort_unstable();
                    f.evidence = vec![
                        format!("the same words around the dates: {}", near.join(", ")),
                        format!("the same subject: {}", words.join(", ")),
                    ];
                    if subject < 0.7 {
                        f.severity = f.severity.max(Severity::Warning);
                    }
                    out.push(f);
                    break;
                }
            }
        }
    }
}
