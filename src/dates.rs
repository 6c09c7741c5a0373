//! Dates in documents: find date expressions, find the publication date, resolve
//! everything in time.
//!
//! Expressions are looked for around anchors (digits, month, weekday and Hijri month
//! names, units, relative days) found by one byte scan and one automaton pass; the
//! grammar then runs from up to three words before each anchor, so that openers such
//! as "بين", "منذ", "في" or "أواخر" are part of the expression.
//!
//! Resolution needs a reference day. It is the publication date when the document has
//! one (front matter, a label such as "تاريخ النشر:", a date line at the top or the
//! bottom, or `--published`); otherwise a weekday with a day and month and the years
//! the article mentions fix it ("الأربعاء 12 من تشرين الثاني" with 2019 and 2025 in the
//! text is 2025-11-12).

use crate::lexicon::{HolidayRule, Lexicon, Part, Unit};
use crate::parse::date::{date_expr, publication_label, DateExpr, Mode, MonthRef, YearRef};
use crate::text::{is_word_char, LineIndex, Normalized};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A resolved date: a day, a month, a year, or an inclusive interval of those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateValue {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    Interval(Box<DateValue>, Box<DateValue>),
}

impl std::fmt::Display for DateValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateValue::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            DateValue::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Interval(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

impl DateValue {
    /// The first and last day the value covers.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        match self {
            DateValue::Day(d) => (*d, *d),
            DateValue::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(*y, *m, 1).unwrap_or_default();
                (first, last_day_of_month(*y, *m))
            }
            DateValue::Year(y) => (
                NaiveDate::from_ymd_opt(*y, 1, 1).unwrap_or_default(),
                NaiveDate::from_ymd_opt(*y, 12, 31).unwrap_or_default(),
            ),
            DateValue::Interval(a, b) => (a.days().0, b.days().1),
        }
    }
}

fn last_day_of_month(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt()).unwrap_or_default()
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Convert a Hijri (Umm al-Qura) date to the Gregorian calendar.
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::Date;
    let date = Date::try_new_hijri_with_calendar(year, month as u8, day as u8, Hijri::new_umm_al_qura()).ok()?;
    let iso = date.to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(iso.year().extended_year(), iso.month().ordinal as u32, iso.day_of_month().0 as u32)
}

/// Convert a Gregorian date to Hijri (Umm al-Qura): (year, month, day).
pub fn gregorian_to_hijri(date: NaiveDate) -> Option<(i32, u32, u32)> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::Date;
    let iso = Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((h.year().extended_year(), h.month().ordinal as u32, h.day_of_month().0 as u32))
}

/// How far ahead of the reference a year-less date may fall and still be this year's.
const MAX_DAYS_AHEAD: i64 = 274;
/// How far back of the reference a year-less date may fall and still be this year's.
const MAX_DAYS_BACK: i64 = 335;

/// The Gregorian date of Hijri month/day within Gregorian year `year` (the first,
/// if a short Hijri year puts it there twice).
pub fn hijri_in_gregorian_year(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let approx = ((year - 622) as f64 * 33.0 / 32.0) as i32;
    (approx - 1..=approx + 2).filter_map(|hy| hijri_to_gregorian(hy, month, day)).find(|d| d.year() == year)
}

/// Western Easter Sunday (the anonymous Gregorian computus).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Resolves expressions against a reference day and the years a document mentions.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    pub reference: Option<NaiveDate>,
    pub years: Vec<i32>,
}

impl Resolver {
    pub fn new(reference: Option<NaiveDate>) -> Self {
        Resolver { reference, years: Vec::new() }
    }

    fn year_of(&self, y: YearRef) -> Option<i32> {
        match y {
            YearRef::Abs(y) => Some(y),
            YearRef::Rel(k) => self.reference.map(|r| r.year() + k),
            YearRef::Unknown => None,
        }
    }

    /// (year, month) of a month reference with its year: "شهر عشرة سنة 2015", "الشهر
    /// القادم", or a year-less month nearest the reference.
    fn month_of(&self, month: MonthRef, year: YearRef) -> Option<(i32, u32)> {
        match month {
            MonthRef::Abs(m) => {
                let e = DateExpr::Month { month: m, year, modifier: None };
                match self.resolve(&e)? {
                    DateValue::Month(y, m) => Some((y, m)),
                    _ => None,
                }
            }
            MonthRef::Rel(k) => match self.resolve(&DateExpr::Relative { unit: Unit::Month, offset: k })? {
                DateValue::Month(y, m) => Some((y, m)),
                _ => None,
            },
        }
    }

    /// The year of month `m` said with a modifier: "تشرين الأول الماضي" is the last
    /// October before the reference month, "الحالي" the reference year, "المقبل" the next.
    fn month_year_by_modifier(&self, m: u32, k: i32) -> Option<i32> {
        let r = self.reference?;
        Some(match k {
            k if k < 0 => {
                if m < r.month() {
                    r.year()
                } else {
                    r.year() - 1
                }
            }
            0 => r.year(),
            _ => {
                if m > r.month() {
                    r.year()
                } else {
                    r.year() + 1
                }
            }
        })
    }

    /// A year-less day: the year where its weekday fits, else the occurrence nearest
    /// the reference.
    fn year_for_day(&self, day: u32, month: u32, weekday: Option<u32>) -> Option<i32> {
        let candidates: Vec<i32> = match self.reference {
            Some(r) => (r.year() - 1..=r.year() + 1).collect(),
            None => {
                let mut ys: Vec<i32> = self.years.iter().flat_map(|&y| [y - 1, y, y + 1]).collect();
                ys.sort_unstable();
                ys.dedup();
                ys
            }
        };
        let fits = |y: &i32| NaiveDate::from_ymd_opt(*y, month, day).is_some();
        if let Some(w) = weekday {
            let matching: Vec<i32> = candidates
                .iter()
                .copied()
                .filter(fits)
                .filter(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == weekday_of(w)))
                .collect();
            match (self.reference, matching.as_slice()) {
                (None, [y]) => return Some(*y),
                // Without a reference, a weekday that fits several mentioned years
                // (or none) decides nothing.
                (None, _) => return None,
                // With one, the nearest occurrence wins when it is close (a wrong
                // weekday there is the article's fault, reported by a rule); a far one
                // gives way to the year the weekday fits.
                (Some(r), [_, ..]) => {
                    let nearest = self.nearest_year(day, month);
                    let near = nearest
                        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                        .is_some_and(|d| (d - r).num_days().abs() <= 90);
                    if !near {
                        return matching.iter().copied().min_by_key(|&y| {
                            (NaiveDate::from_ymd_opt(y, month, day).unwrap_or(r) - r).num_days().abs()
                        });
                    }
                }
                _ => {}
            }
        }
        self.nearest_year(day, month)
    }

    /// The year a year-less day/month falls in: the reference's own year, unless that
    /// puts it more than nine months ahead (then the year before: "25 كانون الأول" in a
    /// February article) or more than eleven months back (then the year after). Arabic
    /// news marks earlier months with "الماضي"; an unmarked month is this year's.
    fn nearest_year(&self, day: u32, month: u32) -> Option<i32> {
        self.year_of_unmarked(|y| {
            NaiveDate::from_ymd_opt(y, month, day).or_else(|| NaiveDate::from_ymd_opt(y, month, 28))
        })
    }

    fn year_of_unmarked(&self, on: impl Fn(i32) -> Option<NaiveDate>) -> Option<i32> {
        let r = self.reference?;
        let d = on(r.year())?;
        let ahead = (d - r).num_days();
        Some(if ahead > MAX_DAYS_AHEAD {
            r.year() - 1
        } else if ahead < -MAX_DAYS_BACK {
            r.year() + 1
        } else {
            r.year()
        })
    }

    pub fn resolve(&self, e: &DateExpr) -> Option<DateValue> {
        match e {
            DateExpr::Day { day, month, year, modifier, weekday } => {
                let (m, y) = match month {
                    MonthRef::Abs(m) => {
                        let y = match (self.year_of(*year), modifier) {
                            (Some(y), _) => y,
                            // "10 سبتمبر الماضي": the latest such day up to the reference.
                            (None, Some(k)) if *k != 0 => {
                                let r = self.reference?;
                                let this_year = NaiveDate::from_ymd_opt(r.year(), *m, *day)?;
                                match (*k < 0, this_year <= r) {
                                    (true, true) | (false, false) => r.year(),
                                    (true, false) => r.year() - 1,
                                    (false, true) => r.year() + 1,
                                }
                            }
                            (None, Some(k)) => self.month_year_by_modifier(*m, *k)?,
                            (None, None) => self.year_for_day(*day, *m, *weekday)?,
                        };
                        (*m, y)
                    }
                    MonthRef::Rel(k) => {
                        let r = self.reference?;
                        let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
                        let shifted = first.checked_add_months(chrono::Months::new(0))?;
                        let shifted = if *k >= 0 {
                            shifted.checked_add_months(chrono::Months::new(*k as u32))?
                        } else {
                            shifted.checked_sub_months(chrono::Months::new(k.unsigned_abs()))?
                        };
                        (shifted.month(), shifted.year())
                    }
                };
                NaiveDate::from_ymd_opt(y, m, *day).map(DateValue::Day)
            }
            DateExpr::Month { month, year, modifier } => {
                let y = match (self.year_of(*year), modifier) {
                    (Some(y), _) => y,
                    (None, Some(k)) => self.month_year_by_modifier(*month, *k)?,
                    (None, None) => self.year_of_unmarked(|y| NaiveDate::from_ymd_opt(y, *month, 1))?,
                };
                Some(DateValue::Month(y, *month))
            }
            DateExpr::Year { year, .. } => self.year_of(*year).map(DateValue::Year),
            DateExpr::YearPart { year, part } => {
                let y = self.year_of(*year)?;
                let m = match part {
                    Part::Start => 1,
                    Part::Middle => 6,
                    Part::End => 12,
                };
                Some(DateValue::Month(y, m))
            }
            DateExpr::Relative { unit, offset } => {
                let r = self.reference?;
                match unit {
                    Unit::Day => r.checked_add_signed(Duration::days(*offset as i64)).map(DateValue::Day),
                    Unit::Week => None,
                    Unit::Month => {
                        let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
                        let d = if *offset >= 0 {
                            first.checked_add_months(chrono::Months::new(*offset as u32))?
                        } else {
                            first.checked_sub_months(chrono::Months::new(offset.unsigned_abs()))?
                        };
                        Some(DateValue::Month(d.year(), d.month()))
                    }
                    Unit::Year => Some(DateValue::Year(r.year() + offset)),
                }
            }
            DateExpr::NamedRelativeDay { offset, .. } => {
                let r = self.reference?;
                r.checked_add_signed(Duration::days(*offset as i64)).map(DateValue::Day)
            }
            DateExpr::Weekday { weekday, modifier } => {
                let r = self.reference?;
                let target = weekday_of(*weekday);
                let step = if modifier.is_some_and(|k| k < 0) { -1 } else { 1 };
                let mut d = r;
                for _ in 0..7 {
                    d = d.checked_add_signed(Duration::days(step))?;
                    if d.weekday() == target {
                        return Some(DateValue::Day(d));
                    }
                }
                None
            }
            DateExpr::RecentWeekday { weekday } => {
                let r = self.reference?;
                (0..7).map(|k| r - Duration::days(k)).find(|d| d.weekday() == weekday_of(*weekday)).map(DateValue::Day)
            }
            DateExpr::WeekdayOfWeek { weekday, week } => {
                let r = self.reference?;
                let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64);
                let d = monday + Duration::days(7 * *week as i64 + (*weekday as i64 - 1));
                Some(DateValue::Day(d))
            }
            DateExpr::Hijri { day, month, year } => {
                let y = match year {
                    Some(y) => *y,
                    None => gregorian_to_hijri(self.reference?)?.0,
                };
                hijri_to_gregorian(y, *month, *day).map(DateValue::Day)
            }
            DateExpr::HijriPair { gregorian, .. } => self.resolve(gregorian),
            DateExpr::Ago { unit, count } => {
                let r = self.reference?;
                let n = *count as i64;
                match unit {
                    Unit::Day => Some(DateValue::Day(r - Duration::days(n))),
                    Unit::Week => Some(DateValue::Day(r - Duration::days(7 * n))),
                    Unit::Month => {
                        let d = r.checked_sub_months(chrono::Months::new(*count))?;
                        Some(DateValue::Month(d.year(), d.month()))
                    }
                    Unit::Year => Some(DateValue::Year(r.year() - *count as i32)),
                }
            }
            DateExpr::NthWeekday { n, weekday, month, year } => {
                let (y, m) = self.month_of(*month, *year)?;
                let target = weekday_of(*weekday);
                let days: Vec<NaiveDate> = (1..=31)
                    .filter_map(|d| NaiveDate::from_ymd_opt(y, m, d))
                    .filter(|d| d.weekday() == target)
                    .collect();
                let pick = if *n < 0 { days.last() } else { days.get(*n as usize - 1) };
                pick.copied().map(DateValue::Day)
            }
            DateExpr::LastDayOfMonth { month, year } => {
                let (y, m) = self.month_of(*month, *year)?;
                Some(DateValue::Day(last_day_of_month(y, m)))
            }
            DateExpr::Holiday { rule, year } => {
                let on = |y: i32| -> Option<NaiveDate> {
                    match rule {
                        HolidayRule::Gregorian(m, d) => NaiveDate::from_ymd_opt(y, *m, *d),
                        HolidayRule::Hijri(m, d) => hijri_in_gregorian_year(y, *m, *d),
                        HolidayRule::Easter => easter(y),
                    }
                };
                match year {
                    Some(y) => on(*y).map(DateValue::Day),
                    None => {
                        let y = self.year_of_unmarked(on)?;
                        on(y).map(DateValue::Day)
                    }
                }
            }
            DateExpr::HijriMonthInYear { month, year } => {
                let first = hijri_in_gregorian_year(*year, *month, 1)?;
                let (hy, _, _) = gregorian_to_hijri(first)?;
                let (ny, nm) = if *month == 12 { (hy + 1, 1) } else { (hy, month + 1) };
                let last = hijri_to_gregorian(ny, nm, 1)?.pred_opt()?;
                Some(DateValue::Interval(Box::new(DateValue::Day(first)), Box::new(DateValue::Day(last))))
            }
            DateExpr::Interval(a, b) => {
                let end = self.resolve(b)?;
                let start = self.resolve(a)?;
                (start.days().0 <= end.days().1).then(|| DateValue::Interval(Box::new(start), Box::new(end)))
            }
        }
    }
}

/// A date expression found in a document, with normalised and original spans.
#[derive(Debug, Clone)]
pub struct FoundDate {
    pub norm_start: usize,
    pub norm_end: usize,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub expr: DateExpr,
    pub value: Option<DateValue>,
}

/// Where a document's reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceSource {
    FrontMatter,
    Sidecar,
    Label,
    DateLine,
    Option,
    Weekday,
    LatestDate,
}

impl ReferenceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceSource::FrontMatter => "front-matter",
            ReferenceSource::Sidecar => "sidecar",
            ReferenceSource::Label => "text-label",
            ReferenceSource::DateLine => "text-date-line",
            ReferenceSource::Option => "option",
            ReferenceSource::Weekday => "weekday-inference",
            ReferenceSource::LatestDate => "latest-stated-date",
        }
    }

    /// Whether the source states the publication (not only a day to resolve against).
    pub fn is_publication(self) -> bool {
        !matches!(self, ReferenceSource::Weekday | ReferenceSource::LatestDate)
    }
}

/// Finds and resolves dates; build once, use for many documents.
pub struct DateFinder {
    lex: &'static Lexicon,
    anchors: AhoCorasick,
}

/// How many words before an anchor an expression may start.
const WORDS_BEFORE_ANCHOR: usize = 3;

impl DateFinder {
    pub fn new(lex: &'static Lexicon) -> Self {
        let anchors = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(lex.date_anchor_words())
            .expect("anchor words build an automaton");
        DateFinder { lex, anchors }
    }

    pub fn default_finder() -> &'static DateFinder {
        static FINDER: std::sync::OnceLock<DateFinder> = std::sync::OnceLock::new();
        FINDER.get_or_init(|| DateFinder::new(Lexicon::default_lexicon()))
    }

    fn anchor_positions(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut out: Vec<usize> = (0..bytes.len())
            .filter(|&k| bytes[k].is_ascii_digit() && (k == 0 || !bytes[k - 1].is_ascii_digit()))
            .collect();
        for m in self.anchors.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if text[e..].starts_with(is_word_char) {
                continue;
            }
            let ws = text[..s].char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(s, |(i, _)| i);
            if ws == s || matches!(&text[ws..s], "و" | "ب" | "ل" | "ف" | "وب" | "ول") {
                out.push(ws);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every date expression in a document, unresolved (value `None`).
    pub fn find(&self, original: &str, norm: &Normalized, lines: &LineIndex) -> Vec<FoundDate> {
        let text = norm.text.as_str();
        let mut out = Vec::new();
        let mut last_end = 0;
        for anchor in self.anchor_positions(text) {
            if anchor < last_end {
                continue;
            }
            let starts = word_starts_before(text, anchor, WORDS_BEFORE_ANCHOR, last_end);
            for start in starts {
                let Ok((rest, expr)) = date_expr(self.lex, Mode::Document, &text[start..]) else { continue };
                let end = start + crate::parse::offset(&text[start..], rest);
                let end = start + text[start..end].trim_end().len();
                if end <= anchor {
                    continue;
                }
                let (s, e) = norm.original_range(original, start, end);
                out.push(FoundDate {
                    norm_start: start,
                    norm_end: end,
                    start: s,
                    end: e,
                    line: lines.line(s),
                    text: original[s..e].to_string(),
                    expr,
                    value: None,
                });
                last_end = end;
                break;
            }
        }
        out
    }

    /// The publication date stated in the text: after a label ("تاريخ النشر:",
    /// "Published:"), or a full date standing alone on one of the first or last lines.
    pub fn publication_in_text(&self, norm: &Normalized, dates: &[FoundDate]) -> Option<(NaiveDate, ReferenceSource)> {
        let text = norm.text.as_str();
        let resolver = Resolver::default();
        let full_day = |d: &FoundDate| match resolver.resolve(&d.expr) {
            Some(DateValue::Day(day)) => Some(day),
            _ => None,
        };
        // A label before the date on its line.
        for d in dates {
            let line_start = text[..d.norm_start].rfind('\n').map_or(0, |k| k + 1);
            let before = &text[line_start..d.norm_start];
            let labelled = before.char_indices().any(|(k, _)| publication_label(self.lex, &before[k..]).is_ok());
            if labelled && before.chars().count() < 60 {
                if let Some(day) = full_day(d) {
                    return Some((day, ReferenceSource::Label));
                }
            }
        }
        // A dateline: "BEIRUT, March 4, 2024 (Wire) -" near the start of an early line.
        for &(s, e) in line_spans(text).iter().filter(|&&(s, e)| !text[s..e].trim().is_empty()).take(6) {
            for d in dates.iter().filter(|d| d.norm_start >= s && d.norm_end <= e && d.norm_start - s <= 40) {
                let after = text[d.norm_end..e].trim_start();
                if after.starts_with(['(', '-', '—', '–', ':']) {
                    if let Some(day) = full_day(d) {
                        return Some((day, ReferenceSource::DateLine));
                    }
                }
            }
        }
        // A date alone on one of the first six or last three non-empty lines.
        let lines: Vec<(usize, usize)> =
            line_spans(text).into_iter().filter(|&(s, e)| !text[s..e].trim().is_empty()).collect();
        let first: Vec<_> = lines.iter().take(6).collect();
        let last: Vec<_> = lines.iter().rev().take(3).collect();
        for &&(s, e) in first.iter().chain(last.iter()) {
            for d in dates.iter().filter(|d| d.norm_start >= s && d.norm_end <= e) {
                let rest =
                    text[s..d.norm_start].chars().chain(text[d.norm_end..e].chars()).filter(|c| !c.is_whitespace());
                if rest.count() <= 30 {
                    if let Some(day) = full_day(d) {
                        return Some((day, ReferenceSource::DateLine));
                    }
                }
            }
        }
        None
    }

    /// The latest day stated in full (with its year) in a sentence that announces
    /// nothing: an article is published on or after the days it reports.
    pub fn reference_from_latest_date(&self, text: &str, dates: &[FoundDate]) -> Option<NaiveDate> {
        let ctx = crate::context::ContextLexicon::default_context();
        let resolver = Resolver::default();
        dates
            .iter()
            .filter(|d| {
                let (s, e) = crate::analyse::sentence_around(text, d.start, d.end);
                let sentence = Normalized::new(&text[s..e]).text;
                !sentence.split(|c: char| !is_word_char(c)).any(|w| ctx.in_set(&ctx.future_markers, w))
            })
            .filter_map(|d| match resolver.resolve(&d.expr) {
                Some(DateValue::Day(day)) => Some(day),
                _ => None,
            })
            .max()
    }

    /// A reference day from a weekday with a day and a month, and the years the
    /// document mentions (only when exactly one year fits); when the text also says
    /// "أمس الأربعاء" or "اليوم الخميس", the first such day from there on.
    pub fn reference_from_weekday(&self, dates: &[FoundDate]) -> Option<NaiveDate> {
        let anchor = self.weekday_anchor(dates)?;
        let named = dates.iter().find_map(|d| match d.expr {
            DateExpr::NamedRelativeDay { offset, weekday } => Some((offset, weekday)),
            _ => None,
        });
        match named {
            Some((offset, weekday)) => (0..14).find_map(|k| {
                let day = anchor + Duration::days(k);
                let named_day = day + Duration::days(offset as i64);
                (named_day.weekday() == weekday_of(weekday)).then_some(day)
            }),
            None => Some(anchor),
        }
    }

    fn weekday_anchor(&self, dates: &[FoundDate]) -> Option<NaiveDate> {
        let resolver = Resolver { reference: None, years: mentioned_years(dates) };
        dates.iter().find_map(|d| match &d.expr {
            DateExpr::Day {
                weekday: Some(_), year: YearRef::Unknown, modifier: None, month: MonthRef::Abs(_), ..
            } => match resolver.resolve(&d.expr) {
                Some(DateValue::Day(day)) => Some(day),
                _ => None,
            },
            _ => None,
        })
    }
}

/// Years written in full in the document's date expressions.
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

fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, _) in text.match_indices('\n') {
        out.push((start, k));
        start = k + 1;
    }
    out.push((start, text.len()));
    out
}

/// Start offsets of up to `n` words before `pos` (not before `floor`), earliest first,
/// then `pos` itself.
fn word_starts_before(text: &str, pos: usize, n: usize, floor: usize) -> Vec<usize> {
    let mut starts = Vec::with_capacity(n + 1);
    let mut k = pos;
    for _ in 0..n {
        let before = &text[floor.min(k)..k];
        let trimmed = before.trim_end_matches([' ', '\t', ',', '،', '(', '"', '“']);
        if trimmed.len() == before.len() || trimmed.is_empty() {
            break;
        }
        let base = floor.min(k);
        let word_start =
            trimmed.char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map(|(i, _)| base + i);
        match word_start {
            Some(ws) if ws >= floor => {
                starts.push(ws);
                k = ws;
            }
            _ => break,
        }
    }
    starts.reverse();
    starts.push(pos);
    starts
}

/// Parse one line as the `claimcheck parse date` protocol does: the whole line must
/// be one expression; it is resolved against `reference`.
pub fn date_line(lex: &Lexicon, line: &str, reference: NaiveDate) -> Option<String> {
    let norm = Normalized::new(line);
    let text = norm.text.trim();
    // A leading preposition is not part of the date: "في اول شباط", "on March 4".
    let parsed = date_expr(lex, Mode::Line, text).ok().filter(|(rest, _)| rest.trim().is_empty()).or_else(|| {
        let (r, w) = crate::parse::number::word(text).ok()?;
        lex.calendar
            .leading_prepositions
            .iter()
            .any(|p| p == w)
            .then(|| date_expr(lex, Mode::Line, r.trim_start()).ok())
            .flatten()
    });
    let (rest, expr) = parsed?;
    let rest = rest.trim();
    if !rest.is_empty() {
        return None;
    }
    Resolver::new(Some(reference)).resolve(&expr).map(|v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(reference: &str, line: &str) -> Option<String> {
        let r = NaiveDate::parse_from_str(reference, "%Y-%m-%d").unwrap();
        date_line(Lexicon::default_lexicon(), line, r)
    }

    #[test]
    fn relative_dates_resolve_against_the_reference() {
        assert_eq!(at("2025-11-12", "الشهر الماضي").as_deref(), Some("2025-10"));
        assert_eq!(at("2024-01-13", "هذا العام").as_deref(), Some("2024"));
        assert_eq!(at("2023-02-18", "نهاية العام الماضي").as_deref(), Some("2022-12"));
        assert_eq!(at("2021-02-22", "شهر يناير الماضي").as_deref(), Some("2021-01"));
        assert_eq!(at("2025-11-12", "شهر أيلول الماضي").as_deref(), Some("2025-09"));
        assert_eq!(at("2013-02-12", "امس").as_deref(), Some("2013-02-11"));
        assert_eq!(at("2013-02-12", "الثلاثاء الماضي").as_deref(), Some("2013-02-05"));
        assert_eq!(at("2013-02-12", "الاثنين").as_deref(), Some("2013-02-18"));
        assert_eq!(at("2013-02-12", "اثنين الاسبوع الحالي").as_deref(), Some("2013-02-11"));
    }

    #[test]
    fn year_less_days_take_the_nearest_year() {
        assert_eq!(at("2023-02-18", "25 كانون الأول/ديسمبر").as_deref(), Some("2022-12-25"));
        assert_eq!(at("2013-02-12", "الخميس 15 اغسطس").as_deref(), Some("2013-08-15"));
        assert_eq!(
            at("2025-11-12", "بين 1 من تشرين الأول الماضي و6 من تشرين الثاني الحالي").as_deref(),
            Some("2025-10-01/2025-11-06")
        );
        assert_eq!(at("2013-02-12", "من 13 تموز الى 15 تموز").as_deref(), Some("2013-07-13/2013-07-15"));
        assert_eq!(at("2013-02-12", "الاربعاء الموافق الثالث عشر من شباط 2013").as_deref(), Some("2013-02-13"));
    }

    #[test]
    fn weekday_fixes_the_year_without_a_reference() {
        let r = Resolver { reference: None, years: vec![2019, 2024, 2025] };
        let e = DateExpr::Day {
            day: 12,
            month: MonthRef::Abs(11),
            year: YearRef::Unknown,
            modifier: None,
            weekday: Some(3),
        };
        assert_eq!(r.resolve(&e), Some(DateValue::Day(NaiveDate::from_ymd_opt(2025, 11, 12).unwrap())));
    }

    #[test]
    fn hijri_umm_al_qura_pairs() {
        // Known Umm al-Qura pairs across 1440–1450 AH.
        let pairs = [
            ((1440, 1, 1), (2018, 9, 11)),
            ((1441, 9, 1), (2020, 4, 24)),
            ((1443, 10, 1), (2022, 5, 2)),
            ((1444, 12, 10), (2023, 6, 28)),
            ((1445, 9, 1), (2024, 3, 11)),
            ((1446, 1, 1), (2024, 7, 7)),
            ((1446, 5, 10), (2024, 11, 12)),
            ((1447, 1, 1), (2025, 6, 26)),
        ];
        for ((hy, hm, hd), (gy, gm, gd)) in pairs {
            let g = NaiveDate::from_ymd_opt(gy, gm, gd).unwrap();
            assert_eq!(hijri_to_gregorian(hy, hm, hd), Some(g), "{hy}-{hm}-{hd}");
            assert_eq!(gregorian_to_hijri(g), Some((hy, hm, hd)), "{g}");
        }
        // Round trips over the whole decade.
        let mut d = NaiveDate::from_ymd_opt(2018, 9, 11).unwrap();
        while d < NaiveDate::from_ymd_opt(2029, 5, 14).unwrap() {
            let (y, m, day) = gregorian_to_hijri(d).unwrap();
            assert!((1440..=1450).contains(&y));
            assert_eq!(hijri_to_gregorian(y, m, day), Some(d));
            d += Duration::days(17);
        }
    }
}
