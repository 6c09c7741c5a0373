//! Date expressions, read into an unresolved [`DateExpr`].
//!
//! Families: day-month-year in any month-name family ("12 من تشرين الثاني",
//! "13th, January 2024", "الأول من تشرين الاول"), month-day ("March 4, 2025"), numeric
//! dates (day first: "18/02/2023", "2023-02-18"), month-years ("أكتوبر/تشرين الأول
//! 2017"), years ("عام 2017", "في 2019"), weekdays with dates ("الأربعاء 12 من تشرين
//! الثاني"), parts ("أواخر مارس", "نهاية العام الماضي"), relative expressions ("الشهر
//! الماضي", "yesterday"), Hijri dates ("10 جمادى الأولى 1446 هـ") and intervals of any
//! of these ("بين 1 من تشرين الأول الماضي و6 من تشرين الثاني الحالي", "من 13 إلى 15
//! تموز"). What a relative or year-less expression means is decided later, against a
//! reference date (`crate::dates`).

use super::claim::{keyword, one_of_phrases};
use super::number::{hspace0, ordinal_number, word};
use super::{expected, fail, offset, PResult};
use crate::lexicon::{HolidayRule, Lexicon, Part, PhraseSet, Unit};

/// A year as written: absolute, relative to the reference ("العام الماضي"), or absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum YearRef {
    Abs(i32),
    Rel(i32),
    Unknown,
}

/// A month as written: by name or number, or relative ("من هذا الشهر").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MonthRef {
    Abs(u32),
    Rel(i32),
}

/// A date expression before resolution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateExpr {
    /// A day; `modifier` is "الماضي/الحالي/المقبل" after its month.
    Day {
        day: u32,
        month: MonthRef,
        year: YearRef,
        modifier: Option<i32>,
        weekday: Option<u32>,
    },
    /// A month, possibly a part of it ("أواخر مارس" is March).
    Month {
        month: u32,
        year: YearRef,
        modifier: Option<i32>,
    },
    /// A year; `relative` keeps "العام الماضي" when a number follows it ("العام الماضي 2023").
    Year {
        year: YearRef,
        relative: Option<i32>,
    },
    /// A part of a year: "نهاية العام الماضي", "مطلع 2024".
    YearPart {
        year: YearRef,
        part: Part,
    },
    /// "أمس", "الشهر الماضي", "last week".
    Relative {
        unit: Unit,
        offset: i32,
    },
    /// "أمس الأربعاء": a relative day that names its weekday.
    NamedRelativeDay {
        offset: i32,
        weekday: u32,
    },
    /// A weekday alone ("الاثنين"), or with "الماضي/القادم".
    Weekday {
        weekday: u32,
        modifier: Option<i32>,
    },
    /// A weekday alone in an article ("يوم السبت", "on Monday"): the latest such day
    /// on or before the reference, as news reports what happened.
    RecentWeekday {
        weekday: u32,
    },
    /// A weekday of a week relative to the reference: "اثنين الاسبوع الحالي".
    WeekdayOfWeek {
        weekday: u32,
        week: i32,
    },
    /// A Hijri (Umm al-Qura) date.
    Hijri {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
    /// "1 رمضان 1445 هـ الموافق 11 آذار 2024": a Hijri date and its Gregorian twin.
    HijriPair {
        hijri: Box<DateExpr>,
        gregorian: Box<DateExpr>,
    },
    /// "قبل أسبوع", "منذ 3 أيام", "two weeks ago".
    Ago {
        unit: Unit,
        count: u32,
    },
    /// "آخر اثنين من شهر آذار" (n = -1), "ثالث ثلاثاء في أيلول" (n = 3).
    NthWeekday {
        n: i32,
        weekday: u32,
        month: MonthRef,
        year: YearRef,
    },
    /// "اليوم الأخير من شهر عشرة سنة 2015".
    LastDayOfMonth {
        month: MonthRef,
        year: YearRef,
    },
    /// "عيد الفطر 2013", "عيد الميلاد".
    Holiday {
        rule: HolidayRule,
        year: Option<i32>,
    },
    /// "رمضان 2019": a Hijri month in a Gregorian year, as an interval.
    HijriMonthInYear {
        month: u32,
        year: i32,
    },
    Interval(Box<DateExpr>, Box<DateExpr>),
    /// "اليومين الماضيين", "الأسابيع الستة الماضية": the span that ends the day before
    /// the reference.
    PastSpan {
        unit: Unit,
        count: u32,
    },
    /// "قبل أكثر من أسبوع", "قبل ما يزيد قليلا عن أسبوع", "قبل نحو أسبوعين": a span
    /// back told loosely. Never resolved to a day; it still says how far back it can
    /// lie ([`DateExpr::days_back`]).
    AgoLoose {
        unit: Unit,
        count: u32,
        bound: crate::lexicon::Bound,
        /// "قليلا", "بقليل": only a little over.
        slightly: bool,
    },
    /// "هذا الصيف": a time named too loosely to check; never resolved.
    Vague,
}

impl DateExpr {
    /// How many days back from the reference a span back lies, as a newsroom means it:
    /// "قبل أسبوعين" is 11 to 17 days, "قبل ما يزيد قليلا عن أسبوع" 8 to 10, "قبل أكثر
    /// من أسبوع" 8 to 13. Days and weeks only: months and years back are too loose to
    /// set against a day.
    pub fn days_back(&self) -> Option<(i64, i64)> {
        use crate::lexicon::Bound;
        let days = |unit: &Unit, n: u32| match unit {
            Unit::Day => Some(n as i64),
            Unit::Week => Some(7 * n as i64),
            _ => None,
        };
        // (a span of weeks is told to the nearest half week)
        let slack = |unit: &Unit, n: i64| if matches!(unit, Unit::Week) { 3 } else { (n / 3).max(1) };
        match self {
            DateExpr::Ago { unit, count } => {
                let n = days(unit, *count)?;
                let s = slack(unit, n);
                Some((n - s, n + s))
            }
            DateExpr::AgoLoose { unit, count, bound, slightly } => {
                let n = days(unit, *count)?;
                let step = days(unit, 1)?;
                match bound {
                    Bound::AtLeast if *slightly => Some((n + 1, n + (3 * step / 7).max(1))),
                    Bound::AtLeast => Some((n + 1, n + step - 1)),
                    Bound::Approx => {
                        let s = slack(unit, n);
                        Some((n - s, n + s))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The day an expression names by itself, without a reference day: a day with its
    /// month and year ("4 آذار 2024", or the Gregorian half of a Hijri pair).
    pub fn full_day(&self) -> Option<chrono::NaiveDate> {
        match self {
            DateExpr::Day { day, month: MonthRef::Abs(m), year: YearRef::Abs(y), .. } => {
                chrono::NaiveDate::from_ymd_opt(*y, *m, *day)
            }
            DateExpr::HijriPair { gregorian, .. } => gregorian.full_day(),
            _ => None,
        }
    }
}

/// Where the grammar runs: in a document, bare "today" and lone weekdays name nothing
/// checkable and are not reported; the line protocol reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Document,
    Line,
}

fn sep(i: &str) -> &str {
    let (r, _) = hspace0(i).unwrap_or((i, ""));
    let r = r.strip_prefix([',', '،']).unwrap_or(r);
    hspace0(r).map_or(r, |(r, _)| r)
}

fn one_word_of<'a>(list: &[String], i: &'a str) -> PResult<'a, ()> {
    let (rest, w) = word(i)?;
    if list.iter().any(|x| x == w) {
        Ok((rest, ()))
    } else {
        fail(i, "a listed word")
    }
}

/// 1 or 2 digits (a day of the month, 1..31), with an English suffix ("22nd").
pub fn day_digits<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, u32> {
    let n = i.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 2 {
        return fail(i, "a day number");
    }
    let value: u32 = i[..n].parse().map_err(|_| expected(i, "digits"))?;
    let mut rest = &i[n..];
    if rest.starts_with(['.', ',', ':']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return fail(i, "a day, not a decimal or time");
    }
    if let Ok((r, w)) = word(rest) {
        if lex.calendar.day_suffixes.iter().any(|s| s == w) {
            rest = r;
        } else if w.is_ascii() {
            return fail(i, "a day");
        }
    }
    if (1..=31).contains(&value) {
        Ok((rest, value))
    } else {
        fail(i, "a day of the month")
    }
}

/// A day of the month in words: "الأول", "السادس", "الثالث عشر", "الحادي والعشرين".
pub fn day_words<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, u32> {
    let (rest, v) = ordinal_number(lex, i)?;
    if v.fract() == 0.0 && (1.0..=31.0).contains(&v) {
        Ok((rest, v as u32))
    } else {
        fail(i, "a day of the month")
    }
}

pub fn day<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, u32> {
    day_digits(lex, i).or_else(|_| day_words(lex, i))
}

/// A month name, with a glued preposition allowed ("بشباط").
fn month_name<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, u32> {
    if let Ok((r, m)) = one_of_phrases(&lex.months, i) {
        // "Jan. 14": an abbreviation's dot.
        let r = r.strip_prefix('.').unwrap_or(r);
        return Ok((r, m));
    }
    for p in ["ب", "ل", "و", "ف"] {
        if let Some(stripped) = i.strip_prefix(p) {
            // "باب" is a door, not ب + آب.
            let ambiguous = word(stripped).is_ok_and(|(_, w)| lex.calendar.ambiguous_alone.iter().any(|a| a == w));
            if let (false, Ok(r)) = (ambiguous, one_of_phrases(&lex.months, stripped)) {
                return Ok(r);
            }
        }
    }
    fail(i, "a month name")
}

/// A month: a name, a paired name ("كانون الأول/ديسمبر", "شباط / فبراير"), or
/// "شهر" with a number ("شهر ثلاثة", "الشهر الثامن"). Returns the month and whether
/// the word "شهر" or a pair made it unambiguous.
pub fn month<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (u32, bool)> {
    let glued =
        ["ب", "ل"].iter().find_map(|p| i.strip_prefix(p).filter(|r| one_word_of(&lex.calendar.month_word, r).is_ok()));
    let (after_word, has_word) = match one_word_of(&lex.calendar.month_word, glued.unwrap_or(i)) {
        Ok((r, ())) => (hspace0(r)?.0, true),
        Err(_) => (i, false),
    };
    if let Ok((rest, m)) = month_name(lex, after_word) {
        // A paired name: "أكتوبر/تشرين الأول", "شباط / فبراير", "مارس (آذار)".
        let (r, _) = hspace0(rest)?;
        for opener in ["/", "("] {
            if let Some(r2) = r.strip_prefix(opener) {
                let (r2, _) = hspace0(r2)?;
                if let Ok((r3, m2)) = month_name(lex, r2) {
                    if m2 == m {
                        let r3 = if opener == "(" { r3.trim_start_matches([' ', ')']) } else { r3 };
                        return Ok((r3, (m, true)));
                    }
                }
            }
        }
        return Ok((rest, (m, has_word)));
    }
    if has_word {
        // "شهر 3", "شهر ثلاثة", "الشهر الثامن".
        if let Ok((rest, v)) = day(lex, after_word) {
            if (1..=12).contains(&v) {
                return Ok((rest, (v, true)));
            }
        }
    }
    fail(i, "a month")
}

/// A four-digit year, 1800..=2100.
pub fn year_number<'a>(_lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    let n = i.bytes().take_while(u8::is_ascii_digit).count();
    if n != 4 {
        return fail(i, "a year");
    }
    let y: i32 = i[..4].parse().unwrap_or(0);
    if !(1800..=2100).contains(&y) {
        return fail(i, "a year");
    }
    let rest = &i[4..];
    if rest.starts_with(|c: char| c.is_alphabetic() && c.is_ascii()) {
        return fail(i, "a year");
    }
    Ok((rest, y))
}

/// A year in words, opening with its thousands: "ألفين وعشرين" (2020), "ألف وتسعمائة
/// وتسعين" (1990). Only after a year marker or a day and month: elsewhere "ألفين" is
/// a count.
pub fn year_in_words<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    use super::number::{lookup_number_word, word_number, Words};
    let (_, first) = word(i)?;
    let thousands =
        lookup_number_word(lex, first, Words::Cardinal).is_some_and(|w| w.value == 1000.0 || w.value == 2000.0);
    if !thousands {
        return fail(i, "a year in words");
    }
    let (rest, v) = word_number(lex, Words::Cardinal, i)?;
    let y = v as i32;
    if v.fract() != 0.0 || !(1800..=2100).contains(&y) || y == 2000 && !rest_is_end(rest) {
        return fail(i, "a year in words");
    }
    Ok((rest, y))
}

/// Nothing of a word follows ("ألفين" alone is the year 2000 only before a stop).
fn rest_is_end(rest: &str) -> bool {
    !rest.trim_start().starts_with(crate::text::is_word_char)
}

/// A year in digits, or in words after a marker or a day and month.
fn year_digits_or_words<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    year_number(lex, i).or_else(|_| year_in_words(lex, i))
}

/// A modifier that may stand before its unit: "هذا العام", "last year".
fn pre_modifier<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    let (r, k) = one_of_phrases(&lex.calendar.modifiers, i)?;
    let used = &i[..i.len() - r.len()];
    if lex.calendar.pre_modifiers.iter().any(|p| p == used) {
        Ok((r, k))
    } else {
        fail(i, "a modifier that goes before its unit")
    }
}

/// A relative modifier word: "الماضي" -1, "الحالي" 0, "المقبل" +1.
fn modifier<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    let (r, _) = hspace0(i)?;
    one_of_phrases(&lex.calendar.modifiers, r)
}

/// What follows a month or a day-month: a year ("2017", "من عام 2019", ", 2024"), a
/// relative year ("من العام الماضي"), or a modifier ("الماضي", "الجاري").
fn year_tail<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (YearRef, Option<i32>)> {
    let r = sep(i);
    let r = keyword("من", r).map_or(r, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
    // Up to two markers: "في سنة 2014", "من عام 2019".
    let mut after_marker = r;
    for _ in 0..2 {
        after_marker = one_word_of(&lex.calendar.year_markers, after_marker)
            .map_or(after_marker, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
    }
    if let Ok((rest, y)) = year_digits_or_words(lex, after_marker) {
        return Ok((rest, (YearRef::Abs(y), None)));
    }
    if let Ok((rest, k)) = relative_year(lex, r) {
        return Ok((rest, (YearRef::Rel(k), None)));
    }
    if let Ok((rest, k)) = modifier(lex, i) {
        return Ok((rest, (YearRef::Unknown, Some(k))));
    }
    fail(i, "a year")
}

/// "العام الماضي", "last year", "هذا العام": a year relative to the reference.
fn relative_year<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    if let Ok((r, Unit::Year)) = one_of_phrases(&lex.calendar.units, i) {
        if let Ok((rest, k)) = modifier(lex, r) {
            return Ok((rest, k));
        }
    }
    let (r, k) = pre_modifier(lex, i)?;
    let (r, _) = hspace0(r)?;
    match one_of_phrases(&lex.calendar.units, r)? {
        (rest, Unit::Year) => Ok((rest, k)),
        _ => fail(i, "a relative year"),
    }
}

/// "الشهر الماضي", "this month", "الشهر": a month relative to the reference.
fn relative_month<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    if let Ok((r, Unit::Month)) = one_of_phrases(&lex.calendar.units, i) {
        return Ok(modifier(lex, r).unwrap_or((r, 0)));
    }
    let (r, k) = pre_modifier(lex, i)?;
    let (r, _) = hspace0(r)?;
    match one_of_phrases(&lex.calendar.units, r)? {
        (rest, Unit::Month) => Ok((rest, k)),
        _ => fail(i, "a relative month"),
    }
}

/// "12 من تشرين الثاني الحالي", "13th, January 2024", "الأول من تشرين الاول".
pub fn day_month<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    // "اليوم الأول من شهر ثلاثة", "ثالث يوم من شهر عشرة".
    let i2 = one_word_of(&lex.calendar.day_word, i).map_or(i, |(r, ())| hspace0(r).map_or(r, |x| x.0));
    let (r, d) = day(lex, i2)?;
    // "5. مارس": a day with a dot, as German and French styles write it.
    let dotted = r.strip_prefix('.').filter(|r2| !r2.starts_with(|c: char| c.is_ascii_digit()));
    let r = dotted.unwrap_or(r);
    let r = one_word_of(&lex.calendar.day_word, sep(r)).map_or(r, |(r2, ())| r2);
    let r = sep(r);
    let r = keyword("من", r).map_or(r, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
    let (r, (m, _)) = month(lex, r)?;
    let (rest, (year, modifier)) = year_tail(lex, r).unwrap_or((r, (YearRef::Unknown, None)));
    // "3. مارس" in a list of months ("1. يناير … 2. فبراير …") numbers the month.
    if dotted.is_some() && d == m {
        return Ok((rest, DateExpr::Month { month: m, year, modifier }));
    }
    Ok((rest, DateExpr::Day { day: d, month: MonthRef::Abs(m), year, modifier, weekday: None }))
}

/// "March 4, 2025", "تموز 13".
pub fn month_day<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, (m, _)) = month(lex, i)?;
    let (r, _) = hspace0(r)?;
    let (r, d) = day_digits(lex, r)?;
    let (rest, year) = match year_number(lex, sep(r)) {
        Ok((rest, y)) => (rest, YearRef::Abs(y)),
        Err(_) => match relative_year(lex, sep(r)) {
            Ok((rest, k)) => (rest, YearRef::Rel(k)),
            Err(_) => (r, YearRef::Unknown),
        },
    };
    // "تسليم أبريل 20 دولارا": an Arabic month then a number then a word is a contract
    // month and a figure; Arabic writes a day before its month.
    let arabic = !i.starts_with(|c: char| c.is_ascii());
    // ("تموز 13 الى 15" is a range of days.)
    let day_range = interval_join(lex, rest).is_ok_and(|(r, ())| day_digits(lex, r).is_ok());
    if arabic && year == YearRef::Unknown && rest.trim_start().starts_with(|c: char| c.is_alphabetic()) && !day_range {
        return fail(i, "a day after its month");
    }
    Ok((rest, DateExpr::Day { day: d, month: MonthRef::Abs(m), year, modifier: None, weekday: None }))
}

/// "كانون الثاني 2025", "شهر فبراير الجاري", "أيار". A month name that is also a
/// common word ("آب", "March") needs "شهر", a year or a modifier.
pub fn month_year<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, (m, explicit)) = month(lex, i)?;
    match year_tail(lex, r) {
        Ok((rest, (year, modifier))) => Ok((rest, DateExpr::Month { month: m, year, modifier })),
        Err(_) => {
            let (_, w) = word(i)?;
            let ambiguous = lex.calendar.ambiguous_alone.iter().any(|a| a == w);
            if ambiguous && !explicit {
                return fail(i, "an unambiguous month");
            }
            Ok((r, DateExpr::Month { month: m, year: YearRef::Unknown, modifier: None }))
        }
    }
}

/// Day first: "18/02/2023", "١٨/٢/٢٠٢٣", "18.02.2023"; ISO "2023-02-18"; "2/2013".
pub fn numeric_date<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let num = |s: &'a str, max: usize| -> Option<(&'a str, u32)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n >= 1 && n <= max).then(|| (&s[n..], s[..n].parse().unwrap_or(0)))
    };
    // ISO: 2023-02-18, and 2024/07/23
    if let Ok((r, y)) = year_number(lex, i) {
        if let Some(r) = r.strip_prefix(['-', '/']) {
            if let Some((r, m)) = num(r, 2) {
                if let Some(r) = r.strip_prefix(['-', '/']) {
                    if let Some((rest, d)) = num(r, 2) {
                        if (1..=12).contains(&m)
                            && (1..=31).contains(&d)
                            && !rest.starts_with(|c: char| c.is_ascii_digit())
                        {
                            let e = DateExpr::Day {
                                day: d,
                                month: MonthRef::Abs(m),
                                year: YearRef::Abs(y),
                                modifier: None,
                                weekday: None,
                            };
                            return Ok((rest, e));
                        }
                    }
                }
            }
        }
    }
    // "2021/11", "2021-11", "2021.11": a year and a month (after a dot, of two digits:
    // "2021.5" is a number).
    if let Ok((r, y)) = year_number(lex, i) {
        let dotted = r.starts_with('.') && r[1..].bytes().take_while(u8::is_ascii_digit).count() == 2;
        if let Some(r) = r.strip_prefix(['-', '/']).or_else(|| r.strip_prefix('.').filter(|_| dotted)) {
            if let Some((rest, m)) = num(r, 2) {
                let more = rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ','));
                if (1..=12).contains(&m) && !more {
                    return Ok((rest, DateExpr::Month { month: m, year: YearRef::Abs(y), modifier: None }));
                }
            }
        }
    }
    let (r, a) = num(i, 2).ok_or(expected(i, "a numeric date"))?;
    let Some(s) = r.chars().next().filter(|c| matches!(c, '/' | '.' | '-')) else { return fail(i, "a numeric date") };
    let r = &r[1..];
    // "2/2013", "7-2019": a month and a year.
    if s == '/' || s == '-' {
        if let Ok((rest, y)) = year_number(lex, r) {
            if (1..=12).contains(&a) {
                return Ok((rest, DateExpr::Month { month: a, year: YearRef::Abs(y), modifier: None }));
            }
        }
    }
    let (after_b, b) = num(r, 2).ok_or(expected(i, "a numeric date"))?;
    // "17/09", "09/17": a day and a month without a year, day first unless the first
    // cannot be a month's number; one of them written with two digits ("1/2" is a half).
    if s == '/' && !after_b.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | ',' | '٫')) {
        let digits = |x: &str| x.bytes().take_while(u8::is_ascii_digit).count();
        let (d, m) = if b <= 12 { (a, b) } else { (b, a) };
        if digits(i).max(digits(r)) == 2 && (1..=31).contains(&d) && (1..=12).contains(&m) {
            let e = DateExpr::Day {
                day: d,
                month: MonthRef::Abs(m),
                year: YearRef::Unknown,
                modifier: None,
                weekday: None,
            };
            return Ok((after_b, e));
        }
    }
    let r = after_b.strip_prefix(s).ok_or(expected(i, "a numeric date"))?;
    let n = r.bytes().take_while(u8::is_ascii_digit).count();
    let (rest, y) = match n {
        4 => (&r[4..], r[..4].parse::<i32>().unwrap_or(0)),
        2 => (&r[2..], 2000 + r[..2].parse::<i32>().unwrap_or(0)),
        _ => return fail(i, "a numeric date"),
    };
    if !(1..=31).contains(&a) || !(1..=12).contains(&b) || !(1800..=2100).contains(&y) {
        return fail(i, "a numeric date");
    }
    Ok((rest, DateExpr::Day { day: a, month: MonthRef::Abs(b), year: YearRef::Abs(y), modifier: None, weekday: None }))
}

/// "9.17" (September 17), "17.09" (17 September): a day and a month with a dot, month
/// first when the second cannot be a month. Only for a line that is a date: in running
/// text such digits are a number.
pub fn dotted_day_month<'a>(i: &'a str) -> PResult<'a, DateExpr> {
    let part = |s: &'a str| {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&n).then(|| (&s[n..], s[..n].parse::<u32>().unwrap_or(0)))
    };
    let (r, a) = part(i).ok_or(expected(i, "a day and a month"))?;
    let r = r.strip_prefix('.').ok_or(expected(i, "a day and a month"))?;
    let (rest, b) = part(r).ok_or(expected(i, "a day and a month"))?;
    let (day, month) = if b > 12 { (b, a) } else { (a, b) };
    if rest.starts_with(|c: char| c.is_ascii_digit()) || !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return fail(i, "a day and a month");
    }
    Ok((
        rest,
        DateExpr::Day { day, month: MonthRef::Abs(month), year: YearRef::Unknown, modifier: None, weekday: None },
    ))
}

/// "عام 2017", "في 2019", "العام 2023", "in 2019".
pub fn year_expr<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, ()) = one_word_of(&lex.calendar.year_markers, i)?;
    let (r, _) = hspace0(r)?;
    let (rest, y) = year_digits_or_words(lex, r)?;
    Ok((rest, DateExpr::Year { year: YearRef::Abs(y), relative: None }))
}

/// "أمس", "الشهر الماضي", "هذا العام", "last month", "العام الماضي 2023".
pub fn relative<'a>(lex: &Lexicon, mode: Mode, i: &'a str) -> PResult<'a, DateExpr> {
    let c = &lex.calendar;
    let unit_then_modifier = |i: &'a str| -> PResult<'a, (Unit, i32)> {
        let (r, unit) = one_of_phrases(&c.units, i)?;
        let (r, k) = modifier(lex, r)?;
        Ok((r, (unit, k)))
    };
    let modifier_then_unit = |i: &'a str| -> PResult<'a, (Unit, i32)> {
        let (r, k) = pre_modifier(lex, i)?;
        let (r, _) = hspace0(r)?;
        let (r, unit) = one_of_phrases(&c.units, r)?;
        Ok((r, (unit, k)))
    };
    if let Ok((rest, (unit, k))) = unit_then_modifier(i).or_else(|_| modifier_then_unit(i)) {
        if unit == Unit::Day && k != 0 {
            // "اليوم الماضي" is in the relative-day list; "this day" is today.
        } else {
            return Ok(match unit {
                Unit::Year => match year_number(lex, sep(rest).trim_start_matches(['(', ' '])) {
                    Ok((r2, y)) => (
                        r2.strip_prefix(')').unwrap_or(r2),
                        DateExpr::Year { year: YearRef::Abs(y), relative: Some(k) },
                    ),
                    Err(_) => (rest, DateExpr::Year { year: YearRef::Rel(k), relative: Some(k) }),
                },
                Unit::Day if mode == Mode::Document => return fail(i, "a checkable date"),
                unit => (rest, DateExpr::Relative { unit, offset: k }),
            });
        }
    }
    if let Ok((rest, k)) = one_of_phrases(&c.decades, i) {
        return Ok((rest, DateExpr::Relative { unit: Unit::Decade, offset: k }));
    }
    let (rest, k) = one_of_phrases(&c.relative_days, i)?;
    // "أمس الأربعاء", "اليوم، الخميس": the weekday names the day itself.
    if let Ok((r2, wd)) = weekday_word(lex, sep(rest)) {
        return Ok((r2, DateExpr::NamedRelativeDay { offset: k, weekday: wd }));
    }
    if mode == Mode::Document {
        let text = &i[..offset(i, rest)];
        if c.document_excludes.iter().any(|x| x == text) {
            return fail(i, "a checkable date");
        }
        // "اليوم" is today unless a word after it says which day it is: "اليوم الأول",
        // "اليوم العالمي للمرأة", "اليوم الذي", "اليوم نفسه", "the day after".
        if k == 0 && names_another_day(c, rest) {
            return fail(i, "today");
        }
    }
    Ok((rest, DateExpr::Relative { unit: Unit::Day, offset: k }))
}

/// Does the word after "اليوم" make it a day other than today: a definite adjective or
/// ordinal ("الأول", "العالمي"), or one of `today_not_before` ("نفسه", "ذاته")?
fn names_another_day(c: &crate::lexicon::CalendarWords, rest: &str) -> bool {
    let Some(after) = rest.strip_prefix(' ') else {
        // Glued to a letter ("اليومي", "اليومين") or a hyphen ("today-"): not the word.
        return rest.chars().next().is_some_and(|ch| ch.is_alphanumeric() || ch == '-');
    };
    let word: String = after.chars().take_while(|ch| ch.is_alphanumeric()).collect();
    word.starts_with("ال") || c.today_not_before.contains(&word)
}

/// "أواخر مارس من عام 2019", "مطلع تشرين الأول/أكتوبر", "نهاية العام الماضي", "late March".
pub fn part_expr<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, part) = one_of_phrases(&lex.calendar.parts, i)?;
    let r = sep(r);
    let r = keyword("من", r).map_or(r, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
    let r = keyword("the", r).map_or(r, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
    // "نهاية الربع الرابع": the period's last (or first) month.
    if let Ok((rest, (first, last, year))) = year_period(lex, r) {
        let month = if part == Part::End { last } else { first };
        return Ok((rest, DateExpr::Month { month, year, modifier: None }));
    }
    if let Ok((rest, k)) = relative_year(lex, r) {
        return Ok((rest, DateExpr::YearPart { year: YearRef::Rel(k), part }));
    }
    // A month by name or number before a relative month: "نهاية شهر يوليو" is July,
    // not the end of this month followed by a word.
    if let Ok((rest, (m, _))) = month(lex, r) {
        let (rest, (year, modifier)) = year_tail(lex, rest).unwrap_or((rest, (YearRef::Unknown, None)));
        return Ok((rest, DateExpr::Month { month: m, year, modifier }));
    }
    if let Ok((rest, k)) = relative_month(lex, r) {
        return Ok((rest, DateExpr::Relative { unit: Unit::Month, offset: k }));
    }
    if let Ok((r2, Unit::Year)) = one_of_phrases(&lex.calendar.units, r) {
        return match modifier(lex, r2) {
            Ok((rest, k)) => Ok((rest, DateExpr::YearPart { year: YearRef::Rel(k), part })),
            Err(_) => match year_number(lex, sep(r2)) {
                Ok((rest, y)) => Ok((rest, DateExpr::YearPart { year: YearRef::Abs(y), part })),
                Err(_) => Ok((r2, DateExpr::YearPart { year: YearRef::Rel(0), part })),
            },
        };
    }
    let (rest, y) = year_number(lex, r)?;
    Ok((rest, DateExpr::YearPart { year: YearRef::Abs(y), part }))
}

/// "الربع الثاني من 2024", "النصف الأول من السنة": months of a year, as an interval.
pub fn year_period<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (u32, u32, YearRef)> {
    let (r, (first, last)) = one_of_phrases(&lex.calendar.year_periods, i)?;
    let r2 = sep(r);
    let r2 = keyword("من", r2).or_else(|_| keyword("of", r2)).map_or(r2, |(x, ())| hspace0(x).map_or(x, |y| y.0));
    let r3 = one_word_of(&lex.calendar.year_markers, r2).map_or(r2, |(x, ())| hspace0(x).map_or(x, |y| y.0));
    if let Ok((rest, y)) = year_number(lex, r3) {
        return Ok((rest, (first, last, YearRef::Abs(y))));
    }
    if let Ok((rest, k)) = relative_year(lex, r2) {
        return Ok((rest, (first, last, YearRef::Rel(k))));
    }
    if let Ok((rest, Unit::Year)) = one_of_phrases(&lex.calendar.units, r2) {
        return Ok((rest, (first, last, YearRef::Rel(0))));
    }
    Ok((r, (first, last, YearRef::Rel(0))))
}

fn year_period_expr<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (rest, (first, last, year)) = year_period(lex, i)?;
    let a = DateExpr::Month { month: first, year, modifier: None };
    let b = DateExpr::Month { month: last, year, modifier: None };
    Ok((rest, DateExpr::Interval(Box::new(a), Box::new(b))))
}

/// A weekday word, with a glued "و"/"ب" and an optional "يوم" before it.
fn weekday_word<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, u32> {
    let i = one_word_of(&lex.calendar.day_word, i).map_or(i, |(r, ())| hspace0(r).map_or(r, |x| x.0));
    let (rest, w) = word(i)?;
    let stripped = [w, w.strip_prefix('و').unwrap_or(w), w.strip_prefix('ب').unwrap_or(w)];
    stripped.iter().find_map(|s| lex.weekdays.get(*s)).map(|&d| (rest, d)).ok_or(expected(i, "a weekday"))
}

/// "الأربعاء 12 من تشرين الثاني", "الاربعاء الموافق الثالث عشر من شباط 2013",
/// "Tuesday, March 5", "الثلاثاء الماضي", "اثنين الاسبوع الحالي".
pub fn weekday_expr<'a>(lex: &Lexicon, mode: Mode, i: &'a str) -> PResult<'a, DateExpr> {
    // "هذا الاثنين", "next Monday", "last Friday".
    if let Ok((r, k)) = one_of_phrases(&lex.calendar.modifiers, i) {
        let (rest, wd) = weekday_word(lex, hspace0(r)?.0)?;
        return Ok((rest, DateExpr::Weekday { weekday: wd, modifier: Some(k) }));
    }
    let (r, wd) = match weekday_word(lex, i) {
        Ok(x) => x,
        // "اثنين الاسبوع الحالي", "احد الاسبوع الماضي": Monday and Sunday without the
        // article are "two" and "one", a weekday only before a week.
        Err(e) => {
            let (r, w) = word(i)?;
            let Some(&wd) = lex.weekdays_before_week.get(w) else { return Err(e) };
            let r3 = keyword("من", sep(r)).map_or(sep(r), |(x, ())| hspace0(x).map_or(x, |y| y.0));
            return match relative(lex, Mode::Line, r3) {
                Ok((rest, DateExpr::Relative { unit: Unit::Week, offset: k })) => {
                    Ok((rest, DateExpr::WeekdayOfWeek { weekday: wd, week: k }))
                }
                _ => Err(e),
            };
        }
    };
    let r2 = sep(r);
    let r2 = one_word_of(&lex.calendar.weekday_links, r2).map_or(r2, |(r3, ())| hspace0(r3).map_or(r3, |x| x.0));
    let with_weekday = |e: DateExpr| match e {
        DateExpr::Day { day, month, year, modifier, .. } => {
            DateExpr::Day { day, month, year, modifier, weekday: Some(wd) }
        }
        other => other,
    };
    if let Ok((rest, e)) = hijri_pair(lex, r2) {
        let e = match e {
            DateExpr::HijriPair { hijri, gregorian } => {
                DateExpr::HijriPair { hijri, gregorian: Box::new(with_weekday(*gregorian)) }
            }
            other => other,
        };
        return Ok((rest, e));
    }
    // "السبت (3 يونيو 2017)": the date in brackets after its weekday.
    let (r2, bracket) = match r2.strip_prefix('(') {
        Some(x) => (hspace0(x).map_or(x, |y| y.0), true),
        None => (r2, false),
    };
    if let Ok((rest, e)) = day_month(lex, r2).or_else(|_| numeric_date(lex, r2)).or_else(|_| month_day(lex, r2)) {
        if matches!(e, DateExpr::Day { .. }) {
            let rest = if bracket {
                match hspace0(rest).map_or(rest, |y| y.0).strip_prefix(')') {
                    Some(after) => after,
                    None => return fail(i, "a closing bracket"),
                }
            } else {
                rest
            };
            return Ok(with_hijri_twin(lex, rest, with_weekday(e)));
        }
    }
    if bracket {
        return fail(i, "a date in brackets");
    }
    // A day alone after the weekday: "السبت السادس عشر", "الثلاثاء التاسع عشر من هذا الشهر".
    if let Ok((rest, d)) = day(lex, r2) {
        let (after, month) = match this_month(lex, rest) {
            Ok((r3, k)) => (r3, MonthRef::Rel(k)),
            Err(_) => (rest, MonthRef::Rel(0)),
        };
        if mode == Mode::Line || matches!(month, MonthRef::Rel(_)) && after != rest {
            let e = DateExpr::Day { day: d, month, year: YearRef::Unknown, modifier: None, weekday: Some(wd) };
            return Ok((after, e));
        }
    }
    // "اثنين الاسبوع الحالي", "الاثنين من هذا الاسبوع", "احد الاسبوع الماضي".
    {
        let r3 = keyword("من", sep(r)).map_or(sep(r), |(x, ())| hspace0(x).map_or(x, |y| y.0));
        if let Ok((rest, DateExpr::Relative { unit: Unit::Week, offset: k })) = relative(lex, Mode::Line, r3) {
            return Ok((rest, DateExpr::WeekdayOfWeek { weekday: wd, week: k }));
        }
    }
    if let Ok((rest, k)) = modifier(lex, r) {
        return Ok((rest, DateExpr::Weekday { weekday: wd, modifier: Some(k) }));
    }
    if mode == Mode::Document {
        // Alone, only a definite weekday or one after "يوم": "أحد" is also "anyone".
        let (_, w) = word(i)?;
        let definite = ["ال", "وال", "بال"].iter().any(|p| w.starts_with(p)) || w.is_ascii();
        let after_day_word = one_word_of(&lex.calendar.day_word, i).is_ok();
        if !(definite || after_day_word) {
            return fail(i, "a definite weekday");
        }
        return Ok((r, DateExpr::RecentWeekday { weekday: wd }));
    }
    Ok((r, DateExpr::Weekday { weekday: wd, modifier: None }))
}

/// "من هذا الشهر", "من الشهر الحالي": the month of the reference.
fn this_month<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, i32> {
    let r = sep(i);
    let (r, ()) = keyword("من", r)?;
    let (r, _) = hspace0(r)?;
    match relative(lex, Mode::Line, r)? {
        (rest, DateExpr::Relative { unit: Unit::Month, offset: k }) => Ok((rest, k)),
        _ => fail(i, "this month"),
    }
}

/// "10 جمادى الأولى 1446 هـ", "رمضان 1445".
pub fn hijri<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let c = &lex.calendar;
    let (r, d) = match day(lex, i) {
        Ok((r, d)) => (hspace0(r)?.0, Some(d)),
        Err(_) => (i, None),
    };
    let (r, m) = one_of_phrases(&c.hijri_months, r)?;
    let (r, _) = hspace0(r)?;
    let n = r.bytes().take_while(u8::is_ascii_digit).count();
    let year: Option<i32> = (n == 4).then(|| r[..4].parse().ok()).flatten().filter(|y| (1300..1600).contains(y));
    let mut rest = if year.is_some() { &r[4..] } else { r };
    if year.is_some() {
        let (r2, _) = hspace0(rest)?;
        if let Ok((r3, ())) = one_word_of(&c.hijri_marks, r2) {
            rest = r3;
        }
    }
    match (d, year) {
        (None, None) => fail(i, "a Hijri date"),
        (d, year) => Ok((rest, DateExpr::Hijri { day: d.unwrap_or(1), month: m, year })),
    }
}

/// A Hijri date with a year, and its Gregorian twin after "الموافق" when given.
pub fn hijri_pair<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, h) = hijri(lex, i)?;
    if !matches!(h, DateExpr::Hijri { year: Some(_), .. }) {
        return fail(i, "a Hijri date with a year");
    }
    let r2 = sep(r);
    let linked = one_word_of(&lex.calendar.weekday_links, r2)
        .map(|(r3, ())| r3)
        .or_else(|e| r2.strip_prefix(['-', '/', '–']).ok_or(e));
    if let Ok(r3) = linked {
        let r3 = sep(r3);
        if let Ok((rest, g)) = day_month(lex, r3).or_else(|_| numeric_date(lex, r3)) {
            return Ok((rest, DateExpr::HijriPair { hijri: Box::new(h), gregorian: Box::new(g) }));
        }
    }
    Ok((r, h))
}

/// A count of units: "أسبوع" (1), "أسبوعين" (2), "3 أيام", "two weeks".
fn counted_span<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (Unit, u32)> {
    let c = &lex.calendar;
    if let Ok((r, (unit, n))) = one_of_phrases(&c.counted_units, i) {
        if n > 0 {
            return Ok((r, (unit, n)));
        }
    }
    let (rest, ((unit, _), n)) = count_of(lex, &c.counted_units, 1.0, i)?;
    Ok((rest, (unit, n)))
}

/// A whole number of at least `least`, then a unit of `units`: "3 أيام", "عشرين عاما".
fn count_of<'a, T: Copy>(lex: &Lexicon, units: &PhraseSet<T>, least: f64, i: &'a str) -> PResult<'a, (T, u32)> {
    let (r, v) = crate::parse::number::number(lex, i)?;
    let (rest, unit) = one_of_phrases(units, hspace0(r)?.0)?;
    if v.fract() != 0.0 || !(least..=1000.0).contains(&v) {
        return fail(i, "a whole count");
    }
    Ok((rest, (unit, v as u32)))
}

/// Is a span back counted from the reference? Not "قبل أسبوع من قيام ترامب" nor
/// "قبل ثلاثة أيام فقط من زيارته" (back from another event), nor "منذ يوم الأحد"
/// (since a weekday).
fn back_from_reference<'a>(lex: &Lexicon, i: &'a str, rest: &'a str) -> PResult<'a, ()> {
    let c = &lex.calendar;
    let next = |r: &'a str| hspace0(r).ok().and_then(|(r, _)| word(r).ok());
    let Some((after, w)) = next(rest) else { return Ok((rest, ())) };
    if lex.weekdays.contains_key(w) {
        return fail(i, "a span back, not a weekday");
    }
    let (after, w) = if c.ago_only.iter().any(|x| x == w) { next(after).unwrap_or((after, w)) } else { (after, w) };
    if c.ago_from_event.iter().any(|x| x == w)
        && next(after).is_none_or(|(_, n)| !c.ago_from_now.iter().any(|x| x == n))
    {
        return fail(i, "a span back from another event");
    }
    Ok((rest, ()))
}

/// "قبل أسبوع", "منذ 3 أيام", "two weeks ago", and in the line protocol "من اسبوع".
pub fn ago<'a>(lex: &Lexicon, mode: Mode, i: &'a str) -> PResult<'a, DateExpr> {
    let c = &lex.calendar;
    let before = one_word_of(&c.ago_before, i).or_else(|e| {
        if mode == Mode::Line {
            one_word_of(&c.ago_before_line_only, i)
        } else {
            Err(e)
        }
    });
    if let Ok((r, ())) = before {
        let word = &i[..offset(i, r)];
        let qualified = c.ago_qualified.iter().any(|w| w == word);
        let r = hspace0(r)?.0;
        // "قبل أكثر من أسبوع": too loose to resolve to a day.
        if qualified {
            if let Ok((q, bound)) = crate::parse::claim::qualifier_before(lex, r) {
                let slightly = r[..offset(r, q)].contains("قليل");
                let (rest, (unit, count)) = counted_span(lex, hspace0(q)?.0)?;
                back_from_reference(lex, i, rest)?;
                return Ok((rest, DateExpr::AgoLoose { unit, count, bound, slightly }));
            }
        }
        let (rest, (unit, count)) = counted_span(lex, r).or_else(|e| {
            if qualified {
                count_of(lex, &c.ago_accusative_units, 2.0, r)
            } else {
                Err(e)
            }
        })?;
        // "منذ عام 2019" is since the year 2019, not a year ago.
        if year_number(lex, sep(rest)).is_ok() {
            return fail(i, "a span, not a year");
        }
        back_from_reference(lex, i, rest)?;
        return Ok((rest, DateExpr::Ago { unit, count }));
    }
    let (r, (unit, count)) = counted_span(lex, i)?;
    let (rest, ()) = one_word_of(&c.ago_after, hspace0(r)?.0)?;
    Ok((rest, DateExpr::Ago { unit, count }))
}

/// "اليومين الماضيين", "الأسابيع الستة الماضية", "الأيام الثلاثة الماضية".
pub fn past_span<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let c = &lex.calendar;
    let Some(bare) = i.strip_prefix("ال") else { return fail(i, "a definite span") };
    let (r, (unit, n)) = one_of_phrases(&c.counted_units, bare)?;
    let (r, count) = if n == 1 {
        // "العام الماضي" is last year.
        return fail(i, "a span of several");
    } else if n > 0 {
        (r, n)
    } else {
        let (r, _) = hspace0(r)?;
        let Some(r) = r.strip_prefix("ال") else { return fail(i, "a count of the span") };
        let (r, v) = crate::parse::number::number(lex, r)?;
        if v.fract() != 0.0 || !(3.0..=100.0).contains(&v) {
            return fail(i, "a whole count");
        }
        (r, v as u32)
    };
    let (rest, k) = modifier(lex, r)?;
    if k != -1 {
        return fail(i, "a past span");
    }
    Ok((rest, DateExpr::PastSpan { unit, count }))
}

/// "صيف 2014" (June to August 2014); "هذا الصيف", "الصيف الماضي": a season too loose
/// to check.
pub fn season<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let c = &lex.calendar;
    if let Ok((r, _)) = pre_modifier(lex, i) {
        let (rest, _) = one_of_phrases(&c.seasons, hspace0(r)?.0)?;
        return Ok((rest, DateExpr::Vague));
    }
    let (r, (first, last)) = one_of_phrases(&c.seasons, i)?;
    if let Ok((rest, _)) = modifier(lex, r) {
        return Ok((rest, DateExpr::Vague));
    }
    let r2 = sep(r);
    let r2 = one_word_of(&c.year_markers, r2).map_or(r2, |(x, ())| hspace0(x).map_or(x, |y| y.0));
    let (rest, y) = year_number(lex, r2)?;
    if first > last {
        return Ok((rest, DateExpr::Vague));
    }
    let month = |m| DateExpr::Month { month: m, year: YearRef::Abs(y), modifier: None };
    Ok((rest, DateExpr::Interval(Box::new(month(first)), Box::new(month(last)))))
}

/// A month by name or number, or relative ("الشهر القادم"), with its year.
fn month_with_year<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (MonthRef, YearRef)> {
    if let Ok((r, (m, _))) = month(lex, i) {
        let (rest, (year, _)) = year_tail(lex, r).unwrap_or((r, (YearRef::Unknown, None)));
        return Ok((rest, (MonthRef::Abs(m), year)));
    }
    let (rest, k) = relative_month(lex, i)?;
    Ok((rest, (MonthRef::Rel(k), YearRef::Unknown)))
}

/// "من" or "في" or a glued "ب" before the month of an nth weekday or last day.
fn of_month<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (MonthRef, YearRef)> {
    let r = sep(i);
    let r = keyword("من", r).or_else(|_| keyword("في", r)).or_else(|_| keyword("of", r)).or_else(|_| keyword("in", r));
    match r {
        Ok((r2, ())) => month_with_year(lex, hspace0(r2)?.0),
        Err(_) => {
            let glued = i.trim_start().strip_prefix('ب').ok_or(expected(i, "a month"))?;
            month_with_year(lex, glued)
        }
    }
}

fn last_word<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, ()> {
    one_word_of(&lex.calendar.last_words, i)
}

/// "آخر اثنين من شهر آذار", "ثالث ثلاثاء في أيلول 2014", "الاثنين الأخير من شهر ثلاثة",
/// "ثالث يوم ثلاثاء بأيلول".
pub fn nth_weekday<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let day_word =
        |r: &'a str| one_word_of(&lex.calendar.day_word, r).map_or(r, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
    // Ordinal or "last" first.
    let first = last_word(lex, i).map(|(r, ())| (r, -1)).or_else(|_| {
        let (r, w) = word(i)?;
        let v = lex.ordinals.get(w.strip_prefix("ال").unwrap_or(w)).map(|x| x.0);
        match v {
            Some(v) if (1.0..=5.0).contains(&v) => Ok((r, v as i32)),
            _ => fail(i, "an ordinal"),
        }
    });
    if let Ok((r, n)) = first {
        let r = day_word(hspace0(r)?.0);
        // "آخر اثنين من شهر آذار": after an ordinal, "اثنين" is Monday, not two.
        let bare = |r: &'a str| -> PResult<'a, u32> {
            let (r2, w) = word(r)?;
            lex.weekdays_before_week.get(w).map(|&d| (r2, d)).ok_or(expected(r, "a weekday"))
        };
        if let Ok((r2, wd)) = weekday_word(lex, r).or_else(|_| bare(r)) {
            if let Ok((rest, (month, year))) = of_month(lex, r2) {
                return Ok((rest, DateExpr::NthWeekday { n, weekday: wd, month, year }));
            }
        }
    }
    // Weekday, then "الأخير" or an ordinal: "الجمعة الثالثة من مارس".
    let (r, wd) = weekday_word(lex, i)?;
    let r = hspace0(r)?.0;
    let (r, n) = match last_word(lex, r) {
        Ok((r, ())) => (r, -1),
        Err(_) => {
            let (r2, w) = word(r)?;
            match lex.ordinals.get(w.strip_prefix("ال").unwrap_or(w)).map(|x| x.0) {
                Some(v) if (1.0..=5.0).contains(&v) => (r2, v as i32),
                _ => return fail(i, "an ordinal or \"last\""),
            }
        }
    };
    let (rest, (month, year)) = of_month(lex, r)?;
    Ok((rest, DateExpr::NthWeekday { n, weekday: wd, month, year }))
}

/// "اليوم الأخير من شهر عشرة سنة 2015", "آخر يوم بشهر عشرة".
pub fn last_day_of_month<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let c = &lex.calendar;
    let r = match last_word(lex, i) {
        Ok((r, ())) => one_word_of(&c.day_word, hspace0(r)?.0)?.0,
        Err(_) => {
            let (r, ()) = one_word_of(&c.day_word, i)?;
            last_word(lex, hspace0(r)?.0)?.0
        }
    };
    let (rest, (month, year)) = of_month(lex, r)?;
    Ok((rest, DateExpr::LastDayOfMonth { month, year }))
}

/// "عيد الفطر 2013", "عيد الميلاد", "Easter 2024".
pub fn holiday<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, rule) = one_of_phrases(&lex.calendar.holidays, i)?;
    match year_number(lex, sep(r)) {
        Ok((rest, y)) => Ok((rest, DateExpr::Holiday { rule, year: Some(y) })),
        Err(_) => Ok((r, DateExpr::Holiday { rule, year: None })),
    }
}

/// "رمضان 2019": a Hijri month with a Gregorian year.
pub fn hijri_month_in_year<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    let (r, m) = one_of_phrases(&lex.calendar.hijri_months, i)?;
    let (rest, y) = year_number(lex, sep(r))?;
    Ok((rest, DateExpr::HijriMonthInYear { month: m, year: y }))
}

/// "4 يوليو 2024م الموافق 1 محرم 1446هـ": a Gregorian day followed by its Hijri twin.
fn with_hijri_twin<'a>(lex: &Lexicon, rest: &'a str, gregorian: DateExpr) -> (&'a str, DateExpr) {
    if !matches!(gregorian, DateExpr::Day { .. }) {
        return (rest, gregorian);
    }
    let r = sep(rest);
    // "2024م الموافق": a Gregorian era mark may sit between.
    let r = one_word_of(&lex.calendar.gregorian_marks, r).map_or(r, |(r2, ())| sep(r2));
    if let Ok((r2, ())) = one_word_of(&lex.calendar.weekday_links, r) {
        if let Ok((r3, h)) = hijri(lex, sep(r2)) {
            if matches!(h, DateExpr::Hijri { year: Some(_), .. }) {
                return (r3, DateExpr::HijriPair { hijri: Box::new(h), gregorian: Box::new(gregorian) });
            }
        }
    }
    (rest, gregorian)
}

/// "الأسبوع المقبل الخميس": a week, then the weekday in it.
fn week_then_weekday<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, DateExpr> {
    match relative(lex, Mode::Line, i)? {
        (r, DateExpr::Relative { unit: Unit::Week, offset: k }) => {
            let (rest, wd) = weekday_word(lex, sep(r))?;
            Ok((rest, DateExpr::WeekdayOfWeek { weekday: wd, week: k }))
        }
        _ => fail(i, "a week then a weekday"),
    }
}

/// A single date (not an interval), longest family first.
pub fn simple_date<'a>(lex: &Lexicon, mode: Mode, i: &'a str) -> PResult<'a, DateExpr> {
    nth_weekday(lex, i)
        .or_else(|_| week_then_weekday(lex, i))
        .or_else(|_| last_day_of_month(lex, i))
        .or_else(|_| weekday_expr(lex, mode, i))
        .or_else(|_| holiday(lex, i))
        .or_else(|_| hijri_month_in_year(lex, i))
        .or_else(|_| ago(lex, mode, i))
        .or_else(|_| past_span(lex, i))
        .or_else(|_| season(lex, i))
        .or_else(|_| hijri_pair(lex, i))
        .or_else(|_| numeric_date(lex, i))
        .or_else(|_| part_expr(lex, i))
        .or_else(|_| year_period_expr(lex, i))
        .or_else(|_| day_month(lex, i).map(|(r, e)| with_hijri_twin(lex, r, e)))
        .or_else(|_| month_day(lex, i))
        .or_else(|_| month_year(lex, i))
        .or_else(|_| year_expr(lex, i))
        .or_else(|_| relative(lex, mode, i))
}

fn interval_join<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, ()> {
    let (r, _) = hspace0(i)?;
    if let Some(r2) = r.strip_prefix(['-', '–']) {
        return Ok((hspace0(r2)?.0, ()));
    }
    for j in &lex.calendar.interval_join {
        if let Some(r2) = r.strip_prefix(j.as_str()) {
            // "و6" glues the conjunction to the next day.
            if r2.starts_with([' ', '\t']) || (j == "و" && !r2.is_empty()) {
                return Ok((hspace0(r2)?.0, ()));
            }
            if r2.starts_with(|c: char| c.is_ascii_digit()) {
                return Ok((r2, ()));
            }
        }
    }
    fail(i, "an interval join")
}

/// An interval whose first date lacks the year the second one states ("between
/// March 1 and March 9 last year") takes it from the second.
fn share_year(a: DateExpr, b: &DateExpr) -> DateExpr {
    match (a, b) {
        (DateExpr::Day { day, month, year: YearRef::Unknown, modifier: None, weekday }, DateExpr::Day { year, .. })
            if *year != YearRef::Unknown =>
        {
            DateExpr::Day { day, month, year: *year, modifier: None, weekday }
        }
        (DateExpr::Month { month, year: YearRef::Unknown, modifier: None }, DateExpr::Month { year, .. })
            if *year != YearRef::Unknown =>
        {
            DateExpr::Month { month, year: *year, modifier: None }
        }
        (a, _) => a,
    }
}

/// Give a bare first day the month and year of the second: "من 13 إلى 15 تموز".
fn complete_start(day: u32, end: &DateExpr) -> Option<DateExpr> {
    match end {
        DateExpr::Day { month, year, modifier, .. } => {
            Some(DateExpr::Day { day, month: *month, year: *year, modifier: *modifier, weekday: None })
        }
        _ => None,
    }
}

/// Intervals: "بين A و B", "منذ A لغاية B", "من 13 إلى 15 تموز", "تموز 13 الى 15",
/// "يوليو 13-15", "between A and B".
pub fn interval<'a>(lex: &Lexicon, mode: Mode, i: &'a str) -> PResult<'a, DateExpr> {
    let (_, (after_open, opened)) = interval_open(lex, i)?;
    interval_after(lex, mode, i, after_open, opened, simple_date(lex, mode, after_open))
}

/// The text after an interval's opener ("من", "بين"), and whether there was one.
fn interval_open<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (&'a str, bool)> {
    Ok(match one_of_phrases(&lex.calendar.interval_start, i) {
        Ok((r, ())) => (i, (hspace0(r)?.0, true)),
        Err(_) => (i, (i, false)),
    })
}

/// An interval, given the first date read after its opener.
fn interval_after<'a>(
    lex: &Lexicon,
    mode: Mode,
    i: &'a str,
    after_open: &'a str,
    opened: bool,
    first: PResult<'a, DateExpr>,
) -> PResult<'a, DateExpr> {
    // A full first date.
    if let Ok((r, a)) = first {
        if let Ok((r2, ())) = interval_join(lex, r) {
            if let Ok((rest, b)) = simple_date(lex, mode, r2) {
                if opened || !matches!(a, DateExpr::Relative { .. }) {
                    let a = share_year(a, &b);
                    return Ok((rest, DateExpr::Interval(Box::new(a), Box::new(b))));
                }
            }
            // "تموز 13 الى 15": a bare last day takes the first date's month.
            if let DateExpr::Day { month, year, modifier, .. } = a {
                if let Ok((rest, d)) = day_digits(lex, r2) {
                    let b = DateExpr::Day { day: d, month, year, modifier, weekday: None };
                    return Ok((rest, DateExpr::Interval(Box::new(a), Box::new(b))));
                }
            }
        }
    }
    // A bare first day: "من 13 إلى 15 تموز", "13 الى 15 تموز", "من 1-8 شهر ايلول".
    let (r, d) = day(lex, after_open)?;
    let (r2, ()) = interval_join(lex, r)?;
    let (rest, b) = day_month(lex, r2)?;
    let a = complete_start(d, &b).ok_or(expected(i, "a day"))?;
    Ok((rest, DateExpr::Interval(Box::new(a), Box::new(b))))
}

/// A date expression at the start of `i`: an interval or a single date.
pub fn date_expr<'a>(lex: &Lexicon, mode: Mode, i: &'a str) -> PResult<'a, DateExpr> {
    // The single date at `i` is read once, whether or not an interval starts with it.
    let (_, (after_open, opened)) = interval_open(lex, i)?;
    let first = simple_date(lex, mode, after_open);
    let single = if opened { simple_date(lex, mode, i) } else { first.clone() };
    interval_after(lex, mode, i, after_open, opened, first).or(single)
}

/// Is the phrase at `i` a publication label ("تاريخ النشر", "Published")?
pub fn publication_label<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, ()> {
    one_of_phrases(&lex.calendar.publication_labels, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalized;

    fn parse(s: &str) -> Option<(String, DateExpr)> {
        let n = Normalized::new(s);
        let lex = Lexicon::default_lexicon();
        let (rest, e) = date_expr(lex, Mode::Line, &n.text).ok()?;
        Some((rest.to_string(), e))
    }

    fn day(d: u32, m: u32, y: YearRef) -> DateExpr {
        DateExpr::Day { day: d, month: MonthRef::Abs(m), year: y, modifier: None, weekday: None }
    }

    #[test]
    fn a_span_back_is_the_days_it_can_mean() {
        let back = |s: &str| parse(s).map(|(_, e)| e.days_back());
        assert_eq!(back("قبل أسبوعين"), Some(Some((11, 17))));
        assert_eq!(back("قبل أسبوع"), Some(Some((4, 10))));
        assert_eq!(back("قبل ما يزيد قليلا عن أسبوع"), Some(Some((8, 10))));
        assert_eq!(back("قبل أكثر من أسبوع"), Some(Some((8, 13))));
        assert_eq!(back("قبل نحو أسبوعين"), Some(Some((11, 17))));
        assert_eq!(back("منذ 6 أيام"), Some(Some((4, 8))));
        // Months and years back are too loose to set against a day.
        assert_eq!(back("قبل شهرين"), Some(None));
        // A loose span back is never resolved to one day.
        assert!(matches!(parse("قبل أكثر من أسبوع").unwrap().1, DateExpr::AgoLoose { slightly: false, .. }));
    }

    #[test]
    fn a_span_back_from_another_event_is_no_date() {
        // (back from a visit, not from the article's day)
        assert_eq!(parse("قبل ثلاثة أيام فقط من زيارته"), None);
        assert_eq!(parse("قبل أسبوع من قيام ترامب بإلغاء الحظر"), None);
        // "منذ يوم الأحد" is since Sunday.
        assert!(!matches!(parse("منذ يوم الأحد").map(|x| x.1), Some(DateExpr::Ago { .. })));
        // "من الآن" counts from the reference.
        assert!(matches!(parse("قبل أسبوع من الآن").unwrap().1, DateExpr::Ago { count: 1, .. }));
    }

    #[test]
    fn day_month_families() {
        assert_eq!(parse("13th, January 2024").unwrap().1, day(13, 1, YearRef::Abs(2024)));
        assert_eq!(
            parse("اخر اثنين من شهر اذار").unwrap().1,
            DateExpr::NthWeekday { n: -1, weekday: 1, month: MonthRef::Abs(3), year: YearRef::Unknown }
        );
        assert_eq!(parse("March 4, 2025").unwrap().1, day(4, 3, YearRef::Abs(2025)));
        assert_eq!(parse("4 March 2025").unwrap().1, day(4, 3, YearRef::Abs(2025)));
        assert_eq!(parse("25 كانون الأول/ديسمبر").unwrap().1, day(25, 12, YearRef::Unknown));
        assert_eq!(parse("الأول من تشرين الاول").unwrap().1, day(1, 10, YearRef::Unknown));
        assert_eq!(parse("السادس من شهر تشرين الثاني").unwrap().1, day(6, 11, YearRef::Unknown));
        assert_eq!(parse("18/02/2023").unwrap().1, day(18, 2, YearRef::Abs(2023)));
        // Without a year: day first, unless the first cannot be a month.
        assert_eq!(parse("17/09").unwrap().1, day(17, 9, YearRef::Unknown));
        assert_eq!(parse("09/17").unwrap().1, day(17, 9, YearRef::Unknown));
        assert_eq!(parse("05/11").unwrap().1, day(5, 11, YearRef::Unknown));
        for not_a_date in ["1/2", "3/4", "17/19", "40/12"] {
            assert!(parse(not_a_date).is_none_or(|(rest, _)| !rest.is_empty()), "{not_a_date}");
        }
        assert_eq!(parse("١٨/٢/٢٠٢٣").unwrap().1, day(18, 2, YearRef::Abs(2023)));
        assert_eq!(parse("2023-02-18").unwrap().1, day(18, 2, YearRef::Abs(2023)));
        assert_eq!(
            parse("8 من تشرين الثاني الحالي").unwrap().1,
            DateExpr::Day {
                day: 8,
                month: MonthRef::Abs(11),
                year: YearRef::Unknown,
                modifier: Some(0),
                weekday: None
            }
        );
    }

    #[test]
    fn weekdays_with_dates() {
        let (_, e) = parse("الأربعاء 12 من تشرين الثاني").unwrap();
        assert_eq!(
            e,
            DateExpr::Day {
                day: 12,
                month: MonthRef::Abs(11),
                year: YearRef::Unknown,
                modifier: None,
                weekday: Some(3)
            }
        );
        let (rest, e) = parse("الإثنين 22nd شباط / فبراير 2021 01:43 مساءً").unwrap();
        assert_eq!(
            e,
            DateExpr::Day {
                day: 22,
                month: MonthRef::Abs(2),
                year: YearRef::Abs(2021),
                modifier: None,
                weekday: Some(1)
            }
        );
        assert_eq!(rest.trim(), "01:43 مساء");
    }

    #[test]
    fn months_years_parts_relatives() {
        assert_eq!(
            parse("أكتوبر/تشرين الأول 2017").unwrap().1,
            DateExpr::Month { month: 10, year: YearRef::Abs(2017), modifier: None }
        );
        assert_eq!(
            parse("شهر فبراير الجاري").unwrap().1,
            DateExpr::Month { month: 2, year: YearRef::Unknown, modifier: Some(0) }
        );
        assert_eq!(
            parse("أواخر مارس من عام 2019").unwrap().1,
            DateExpr::Month { month: 3, year: YearRef::Abs(2019), modifier: None }
        );
        assert_eq!(
            parse("نهاية العام الماضي").unwrap().1,
            DateExpr::YearPart { year: YearRef::Rel(-1), part: Part::End }
        );
        assert_eq!(
            parse("نهاية شهر يوليو 2019").unwrap().1,
            DateExpr::Month { month: 7, year: YearRef::Abs(2019), modifier: None }
        );
        assert_eq!(parse("عام 2017").unwrap().1, DateExpr::Year { year: YearRef::Abs(2017), relative: None });
        assert_eq!(
            parse("العام الماضي 2023").unwrap().1,
            DateExpr::Year { year: YearRef::Abs(2023), relative: Some(-1) }
        );
        assert_eq!(parse("الشهر الماضي").unwrap().1, DateExpr::Relative { unit: Unit::Month, offset: -1 });
        assert_eq!(parse("هذا العام").unwrap().1, DateExpr::Year { year: YearRef::Rel(0), relative: Some(0) });
        assert_eq!(parse("yesterday").unwrap().1, DateExpr::Relative { unit: Unit::Day, offset: -1 });
    }

    #[test]
    fn intervals() {
        let (_, e) = parse("بين 1 من تشرين الأول الماضي و6 من تشرين الثاني الحالي").unwrap();
        assert!(matches!(e, DateExpr::Interval(..)), "{e:?}");
        let (rest, e) = parse("من 13 إلى 15 تموز").unwrap();
        assert_eq!(rest, "");
        assert_eq!(
            e,
            DateExpr::Interval(Box::new(day(13, 7, YearRef::Unknown)), Box::new(day(15, 7, YearRef::Unknown)))
        );
        let (rest, e) = parse("تموز 13 الى 15").unwrap();
        assert_eq!(rest, "");
        assert_eq!(
            e,
            DateExpr::Interval(Box::new(day(13, 7, YearRef::Unknown)), Box::new(day(15, 7, YearRef::Unknown)))
        );
        let (_, e) = parse("يوليو 13-15").unwrap();
        assert_eq!(
            parse("5. مارس").map(|(r, e)| (r.to_string(), e)),
            Some((String::new(), day(5, 3, YearRef::Unknown)))
        );
        assert_eq!(
            e,
            DateExpr::Interval(Box::new(day(13, 7, YearRef::Unknown)), Box::new(day(15, 7, YearRef::Unknown)))
        );
    }

    #[test]
    fn hijri_dates() {
        assert_eq!(parse("10 جمادى الأولى 1446 هـ").unwrap().1, DateExpr::Hijri { day: 10, month: 5, year: Some(1446) });
    }

    #[test]
    fn not_dates() {
        for s in ["مارس الضغط", "may be", "12 عملية", "70 ألف شخص"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
