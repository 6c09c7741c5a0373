//! Date values: what an expression means in time, against a reference day.
//!
//! A year-less day or month takes the reference's own year unless that puts it more
//! than nine months ahead (then the year before) or eleven months back; a weekday with
//! a day and month and no year takes the year where the weekday fits; Hijri dates go
//! through the Umm al-Qura calendar (`icu_calendar`).

use crate::lexicon::{HolidayRule, Lexicon, Part, Unit};
use crate::parse::date::{date_expr, DateExpr, Mode, MonthRef, YearRef};
use crate::text::Normalized;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A resolved date: a day, a month, a year, or an inclusive interval of those.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

/// Which occurrence a year-less date or a bare weekday names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lean {
    /// The occurrence nearest the reference (the line protocol, as Duckling reads it).
    #[default]
    Nearest,
    /// The latest occurrence up to the reference: news reports what happened.
    Past,
    /// A sentence that says neither: the latest occurrence, unless the date is at
    /// most [`UNMARKED_AHEAD_DAYS`] ahead (an event being announced).
    Unmarked,
    /// The next occurrence from the reference: a sentence about what will happen.
    Future,
}

/// How many days after the reference a year-less day may fall and still be this
/// year's when reading the past ("the summit on 15 May" the day before).
const PAST_GRACE_DAYS: i64 = 7;
/// How far ahead a year-less date of a sentence of no tense may fall and be this
/// year's ("the conference in Beirut from 13 to 15 July", in May).
pub const UNMARKED_AHEAD_DAYS: i64 = 90;

/// Resolves expressions against a reference day and the years a document mentions.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    pub reference: Option<NaiveDate>,
    pub years: Vec<i32>,
    pub lean: Lean,
}

impl Resolver {
    pub fn new(reference: Option<NaiveDate>) -> Self {
        Resolver { reference, years: Vec::new(), lean: Lean::Nearest }
    }

    /// The same resolver leaning another way.
    pub fn leaning(&self, lean: Lean) -> Resolver {
        Resolver { reference: self.reference, years: self.years.clone(), lean }
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
        match self.lean {
            Lean::Past => return Some(if ahead > PAST_GRACE_DAYS { r.year() - 1 } else { r.year() }),
            Lean::Unmarked => return Some(if ahead > UNMARKED_AHEAD_DAYS { r.year() - 1 } else { r.year() }),
            Lean::Future => return Some(if ahead < -1 { r.year() + 1 } else { r.year() }),
            Lean::Nearest => {}
        }
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
                            // "10 سبتمبر الماضي": the latest such day before the reference
                            // ("22 مايو الماضي" on 22 May is a year ago: an anniversary).
                            (None, Some(k)) if *k != 0 => {
                                let r = self.reference?;
                                let this_year = NaiveDate::from_ymd_opt(r.year(), *m, *day)?;
                                match (*k < 0, this_year < r, this_year > r) {
                                    (true, true, _) | (false, _, true) => r.year(),
                                    (true, false, _) => r.year() - 1,
                                    (false, _, false) => r.year() + 1,
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
                    // A month is not past while it lasts: its last day decides a forward lean.
                    (None, None) if self.lean == Lean::Future => {
                        self.year_of_unmarked(|y| Some(last_day_of_month(y, *month)))?
                    }
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
                    // The years of both readings: the ten before (or after) the
                    // reference's year, and the calendar decade before (or after) its own.
                    Unit::Decade => {
                        let (y, tens) = (r.year(), r.year() - r.year().rem_euclid(10));
                        let (a, b) = if *offset < 0 { (tens - 10, y - 1) } else { (y + 1, tens + 19) };
                        Some(DateValue::Interval(Box::new(DateValue::Year(a)), Box::new(DateValue::Year(b))))
                    }
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
                let target = weekday_of(*weekday);
                match self.lean {
                    Lean::Future => (0..7).map(|k| r + Duration::days(k)).find(|d| d.weekday() == target),
                    _ => (0..7).map(|k| r - Duration::days(k)).find(|d| d.weekday() == target),
                }
                .map(DateValue::Day)
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
                    Unit::Decade => None,
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
            DateExpr::PastSpan { unit, count } => {
                let r = self.reference?;
                let days = match unit {
                    Unit::Day => i64::from(*count),
                    Unit::Week => 7 * i64::from(*count),
                    Unit::Month | Unit::Year | Unit::Decade => return None,
                };
                let (a, b) = (r - Duration::days(days), r - Duration::days(1));
                Some(DateValue::Interval(Box::new(DateValue::Day(a)), Box::new(DateValue::Day(b))))
            }
            DateExpr::Vague | DateExpr::AgoLoose { .. } => None,
            DateExpr::Interval(a, b) => {
                let end = self.resolve(b)?;
                let start = self.resolve(a)?;
                (start.days().0 <= end.days().1).then(|| DateValue::Interval(Box::new(start), Box::new(end)))
            }
        }
    }
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
    // A line that is only "9.17" or "17.9" asks for a date: a day and a month with a dot,
    // month first when the second cannot be a month. (In running text it is a number.)
    let parsed = parsed.or_else(|| crate::parse::date::dotted_day_month(text).ok().filter(|(rest, _)| rest.is_empty()));
    let (rest, expr) = parsed?;
    let rest = rest.trim();
    if !rest.is_empty() {
        return None;
    }
    let value = Resolver::new(Some(reference)).resolve(&expr)?;
    // A part of a month, read to its days: "أوائل مارس" is 1 to 10 March.
    // Only a month's part: "نهاية العام الماضي" is December, and stays the month.
    let part = matches!(expr, DateExpr::Month { .. }).then(|| month_part(lex, text)).flatten();
    if let (DateValue::Month(y, m), Some((a, b))) = (&value, part) {
        let last = last_day_of_month(*y, *m).day();
        let day = |d: u32| NaiveDate::from_ymd_opt(*y, *m, d.min(last));
        let (a, b) = (day(a)?, day(b)?);
        return Some(
            if a == b {
                DateValue::Day(a)
            } else {
                DateValue::Interval(Box::new(DateValue::Day(a)), Box::new(DateValue::Day(b)))
            }
            .to_string(),
        );
    }
    Some(value.to_string())
}

/// The days of a month a line's part word names ("في أوائل شهر مارس": 1 to 10), when
/// the line opens with one, after a leading preposition.
fn month_part(lex: &Lexicon, text: &str) -> Option<(u32, u32)> {
    let at = |t: &str| crate::parse::claim::one_of_phrases(&lex.calendar.month_part_days, t).ok().map(|(_, d)| d);
    at(text).or_else(|| {
        let (r, w) = crate::parse::number::word(text).ok()?;
        lex.calendar.leading_prepositions.iter().any(|p| p == w).then(|| at(r.trim_start())).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(reference: &str, line: &str) -> Option<String> {
        let r = NaiveDate::parse_from_str(reference, "%Y-%m-%d").unwrap();
        date_line(Lexicon::default_lexicon(), line, r)
    }

    #[test]
    fn the_line_protocol_reads_a_part_of_a_month_to_its_days() {
        assert_eq!(at("2013-02-12", "في أوائل شهر مارس").as_deref(), Some("2013-03-01/2013-03-10"));
        assert_eq!(at("2013-02-12", "منتصف اذار").as_deref(), Some("2013-03-15"));
        assert_eq!(at("2013-02-12", "اواخر شباط").as_deref(), Some("2013-02-21/2013-02-28"));
        assert_eq!(at("2013-02-12", "نهاية شهر شباط").as_deref(), Some("2013-02-28"));
        // A part of a year stays the year's.
        assert_eq!(at("2013-02-12", "نهاية العام الماضي").as_deref().map(|v| v.starts_with("2012")), Some(true));
    }

    #[test]
    fn past_spans_seasons_and_loose_times() {
        assert_eq!(at("2018-07-10", "اليومين الماضيين").as_deref(), Some("2018-07-08/2018-07-09"));
        assert_eq!(at("2018-05-14", "الأسابيع الستة الماضية").as_deref(), Some("2018-04-02/2018-05-13"));
        assert_eq!(at("2018-05-15", "صيف 2014").as_deref(), Some("2014-06/2014-08"));
        assert_eq!(at("2018-07-15", "قبل عشرين عاما").as_deref(), Some("1998"));
        // "العام الماضي" is still last year, not a span of one.
        assert_eq!(at("2018-07-15", "العام الماضي").as_deref(), Some("2017"));
        // A decade: the years of both readings (the ten before, the calendar's last).
        assert_eq!(at("2018-07-15", "العقد الماضي").as_deref(), Some("2000/2017"));
        assert_eq!(at("2018-07-15", "the next decade").as_deref(), Some("2019/2029"));
        // "العقد الحالي", "العقد السابق" are as often a contract: not read.
        assert_eq!(at("2018-07-15", "العقد الحالي"), None);
        assert_eq!(at("2018-07-15", "العقد السابق"), None);
        // Read, but too loose to resolve.
        for loose in ["قبل أكثر من أسبوع", "قبل ما يزيد قليلا عن أسبوع", "هذا الصيف", "شتاء 2014"]
        {
            assert_eq!(at("2018-07-15", loose), None, "{loose}");
        }
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
        let r = Resolver { reference: None, years: vec![2019, 2024, 2025], lean: Lean::Nearest };
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
