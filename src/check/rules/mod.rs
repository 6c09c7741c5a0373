//! The rule kinds, one file each, each opening with What it does / Why / Example.
//! Listed once in [`super::engine::KINDS`]. What they share lives here: a claim's
//! values as an interval, how two intervals clash, and how values print.

pub mod agreement;
pub mod aligned;
pub mod date_order;
pub mod event_dates;
pub mod future_event;
pub mod hijri;
pub mod internal;
pub mod relative_year;
pub mod superseded;
pub mod trend;
pub mod weekday;

use super::comparable::Strength;
use super::{ClaimRef, Corpus, Severity};
use crate::lexicon::Bound;
use crate::resolve::ClaimFact;
use crate::text::symbols::{intern, Sym};
use serde::Deserialize;

/// How exact a figure is taken to be.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tolerance {
    /// Relative tolerance of "about N".
    pub approx: f64,
    /// Relative tolerance of an exact N.
    pub exact: f64,
    /// Relative tolerance of an exact round figure of one significant digit (≥ 100):
    /// "ألف", "200 ألف" are rarely counted to the unit.
    pub round: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance { approx: 0.15, exact: 0.0, round: 0.05 }
    }
}

impl Tolerance {
    pub fn validate(&self, file: &str, text: &str) -> Result<(), crate::yaml::YamlError> {
        super::engine::check_non_negative(file, text, "approx", self.approx)?;
        super::engine::check_non_negative(file, text, "exact", self.exact)?;
        super::engine::check_non_negative(file, text, "round", self.round)
    }
}

/// The values a claim allows, as a closed interval.
pub fn interval(c: &ClaimFact, t: &Tolerance) -> (f64, f64) {
    let v = c.value;
    match c.bound {
        Bound::Exact if is_round(v) => (v * (1.0 - t.round), v * (1.0 + t.round)),
        // "4,1 ملايين" is told to a tenth of a million: half of that either way.
        Bound::Exact if c.flags.scaled => {
            let h = half_unit(v);
            (v - h, v + h)
        }
        Bound::Exact => (v * (1.0 - t.exact), v * (1.0 + t.exact)),
        Bound::Approx => (v * (1.0 - t.approx), v * (1.0 + t.approx)),
        Bound::AtLeast => (v, f64::INFINITY),
        Bound::AtMost => (f64::NEG_INFINITY, v),
        Bound::Range => (v, c.upper.unwrap_or(v)),
    }
}

/// Half the last written unit of a scaled figure: 4.1 million -> 50 000, 15 million ->
/// 500 000, 200 thousand -> 500.
fn half_unit(v: f64) -> f64 {
    let scale = [1e12, 1e9, 1e6, 1e3].into_iter().find(|s| v.abs() >= *s).unwrap_or(1.0);
    let mantissa = v / scale;
    let mut unit = 1.0;
    let mut m = mantissa;
    // Decimals of the mantissa, as written (at most three).
    for _ in 0..3 {
        if (m - m.round()).abs() < 1e-6 {
            break;
        }
        m *= 10.0;
        unit /= 10.0;
    }
    unit * scale / 2.0
}

/// One significant digit and at least 100: 300, 2000, 500000.
fn is_round(v: f64) -> bool {
    if v < 100.0 || v.fract() != 0.0 {
        return false;
    }
    let mut x = v;
    while x >= 10.0 && (x / 10.0).fract() == 0.0 {
        x /= 10.0;
    }
    x < 10.0
}

/// Do two claims' values contradict each other?
pub fn incompatible(a: &ClaimFact, b: &ClaimFact, t: &Tolerance) -> bool {
    if truncated(a, b) || truncated(b, a) {
        return false;
    }
    let (alo, ahi) = interval(a, t);
    let (blo, bhi) = interval(b, t);
    let eps = 1e-9 * a.value.abs().max(b.value.abs()).max(1.0);
    ahi + eps < blo || bhi + eps < alo
}

/// Is `coarse` the figure `fine` cut to fewer decimals ("6.1 مليون" for "6.16 مليون")?
fn truncated(coarse: &ClaimFact, fine: &ClaimFact) -> bool {
    if coarse.bound != Bound::Exact || fine.bound != Bound::Exact {
        return false;
    }
    let written = |c: &ClaimFact| c.flags.scaled || c.value.fract() != 0.0;
    if !(written(coarse) && written(fine)) {
        return false;
    }
    let (uc, uf) = (2.0 * half_unit(coarse.value), 2.0 * half_unit(fine.value));
    let d = fine.value - coarse.value;
    uc > uf * 1.5 && d >= -1e-9 * uc && d < uc
}

/// Is `later` lower than `earlier` beyond what their bounds allow?
pub fn fell(earlier: &ClaimFact, later: &ClaimFact, t: &Tolerance) -> bool {
    interval(later, t).1 + 1e-9 < interval(earlier, t).0
}

/// The largest ratio between two tellings of one quantity that is a discrepancy
/// rather than two quantities.
pub const PLAUSIBLE_RATIO: f64 = 1.8;

/// Could two values be one quantity told two ways? Close values (within
/// [`PLAUSIBLE_RATIO`]), or a slip of one digit ("2271" / "2771", "20" / "200", "7" /
/// "17"). Values far apart with no such slip are two quantities far more often than one
/// quantity misreported: "3 مليارات" and "60 مليار" in one story are two tariffs.
pub fn plausible_discrepancy(a: f64, b: f64) -> bool {
    let (lo, hi) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
    if lo > 0.0 && hi / lo <= PLAUSIBLE_RATIO {
        return true;
    }
    let (x, y) = (digits(a), digits(b));
    x.len().max(y.len()) >= 2 && (one_edit(&x, &y) || swapped(&x, &y))
}

/// A slip of the pen between two figures: one digit changed, added or dropped
/// ("328" / "329", "20" / "200"), or two neighbouring digits swapped ("4.8" / "8.4").
pub fn typo_slip(a: f64, b: f64) -> bool {
    let (x, y) = (digits(a), digits(b));
    if x == y {
        return false;
    }
    one_edit(&x, &y) || swapped(&x, &y)
}

/// A slip no reason explains: one figure 10, 100 or 1000 times the other, or the
/// same digits with two neighbours swapped ("4.8" / "8.4").
pub fn zero_slip(a: f64, b: f64) -> bool {
    let (lo, hi) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
    // (below ten, "4" / "40" is as often a part and its whole as a slip)
    if lo >= 10.0 {
        let r = hi / lo;
        if [10.0, 100.0, 1000.0].iter().any(|p| (r - p).abs() < 1e-9 * p) {
            return true;
        }
    }
    digits_swapped(a, b)
}

/// Are two figures written with two neighbouring digits swapped ("85" / "58")?
pub fn digits_swapped(a: f64, b: f64) -> bool {
    swapped(&digits(a), &digits(b))
}

/// A slip no chance explains: two digits swapped, or one digit of a figure of 100 or
/// more changed ("2771" / "2271"; "40" / "29" or "11" / "12" may be two figures).
pub fn clear_slip(a: f64, b: f64) -> bool {
    digits_swapped(a, b) || (typo_slip(a, b) && a.min(b) >= 100.0)
}

/// The digits of a figure as written by [`format_value`].
fn digits(v: f64) -> String {
    format_value(v).chars().filter(char::is_ascii_digit).collect()
}

/// Are two strings the same but for two neighbouring characters swapped?
fn swapped(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&k| x[k] != y[k]).collect();
    diff.len() == 2 && diff[1] == diff[0] + 1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]
}

/// Are two strings one insertion, deletion or substitution apart?
fn one_edit(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let (short, long) = if x.len() <= y.len() { (&x, &y) } else { (&y, &x) };
    match long.len() - short.len() {
        0 => short.iter().zip(long.iter()).filter(|(a, b)| a != b).count() == 1,
        1 => (0..long.len()).any(|k| long[..k] == short[..k] && long[k + 1..] == short[k..]),
        _ => false,
    }
}

/// A value for messages: "about 200", "at least 41", "20-30".
pub fn show(c: &ClaimFact) -> String {
    let v = format_value(c.value);
    match c.bound {
        Bound::Exact => v,
        Bound::Approx => format!("about {v}"),
        Bound::AtLeast => format!("at least {v}"),
        Bound::AtMost => format!("at most {v}"),
        Bound::Range => format!("{v}-{}", format_value(c.upper.unwrap_or(c.value))),
    }
}

/// 65000 -> "65000", 1.5 -> "1.5".
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Does a claim's time come from a date of its own sentence that spans more than a day
/// ("منذ بداية العام", "في الربع الأول")? A figure that moves within a day (a price, a
/// market's fall) is comparable only over such a period.
pub fn dated_by_sentence(c: &ClaimFact) -> bool {
    // Only a period the sentence opens ("since the start of the year"): a month named
    // beside a price is as often what is priced ("تسليم يونيو") as when.
    c.opening_date.is_some() && c.time.as_ref().is_some_and(|t| !matches!(t, crate::resolve::DateValue::Day(_)))
}

/// The bucket a claim is indexed by for finding comparable ones: its counted thing,
/// or "people" for every noun of people.
pub fn bucket(c: &ClaimFact) -> Option<Sym> {
    static PEOPLE: std::sync::OnceLock<Sym> = std::sync::OnceLock::new();
    if c.desc.people {
        Some(*PEOPLE.get_or_init(|| intern("\u{1}people")))
    } else {
        c.desc.what
    }
}

/// The severity a finding gets from the rule's and the evidence's strength: the
/// rule's own for strong evidence, one step less for good, info for weak.
pub fn graded(base: Severity, strength: Strength) -> Severity {
    match strength {
        Strength::Strong => base,
        Strength::Good => base.weaker(),
        Strength::Weak => Severity::Info,
    }
}

/// How a second location relates to the first: "in b.txt, 2 days later".
pub fn role_of(corpus: &Corpus, from: ClaimRef, to: ClaimRef) -> String {
    if from.0 == to.0 {
        let c = corpus.claim(to);
        return if c.in_headline { "the headline".into() } else { format!("line {}", c.line) };
    }
    let name = corpus.short(to.0).to_string();
    match (corpus.day(from.0), corpus.day(to.0)) {
        (Some(a), Some(b)) => match (b - a).num_days() {
            0 => format!("in {name}, the same day"),
            1 => format!("in {name}, a day later"),
            -1 => format!("in {name}, a day earlier"),
            n if n > 0 => format!("in {name}, {n} days later"),
            n => format!("in {name}, {} days earlier", -n),
        },
        _ => format!("in {name}"),
    }
}

/// Pairs of documents of one story, each once (`a < b`), for cross-document rules.
pub fn story_pairs(corpus: &Corpus) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for a in 0..corpus.docs.len() {
        for &(b, _) in corpus.stories.neighbours(a) {
            let b = b as usize;
            let (x, y) = (a.min(b), a.max(b));
            if corpus.wanted(x) || corpus.wanted(y) {
                pairs.push((x, y));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The year a date writes out, if it does (either end of an interval).
pub fn written_year(e: &crate::parse::date::DateExpr) -> Option<i32> {
    use crate::parse::date::{DateExpr, YearRef};
    match e {
        DateExpr::Day { year: YearRef::Abs(y), .. }
        | DateExpr::Month { year: YearRef::Abs(y), .. }
        | DateExpr::Year { year: YearRef::Abs(y), .. }
        | DateExpr::YearPart { year: YearRef::Abs(y), .. } => Some(*y),
        DateExpr::Interval(a, b) => written_year(b).or_else(|| written_year(a)),
        DateExpr::HijriPair { gregorian, .. } => written_year(gregorian),
        _ => None,
    }
}

/// Is the year of a year-less date in doubt? It is when the text just before it (its
/// sentence and the two before) writes out another year than the reference's: "في 7
/// تشرين الأول 1954 … وبعد أقل من شهر، في 1 تشرين الثاني" is 1954, not this year.
pub fn year_in_doubt(doc: &crate::resolve::DocFacts, d: &crate::resolve::DateFact) -> bool {
    use chrono::Datelike;
    if written_year(&d.expr).is_some() {
        return false;
    }
    let Some((r, _)) = doc.reference else { return true };
    nearby_years(doc, d).into_iter().any(|y| y != r.year())
}

/// The years written out just before a date: in its sentence and the two before.
pub fn nearby_years(doc: &crate::resolve::DocFacts, d: &crate::resolve::DateFact) -> Vec<i32> {
    doc.dates
        .iter()
        .filter(|o| o.sentence + 2 >= d.sentence && o.sentence <= d.sentence && o.start < d.start)
        .filter_map(|o| written_year(&o.expr))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_discrepancies() {
        assert!(plausible_discrepancy(629.0, 630.0));
        assert!(plausible_discrepancy(2271.0, 2771.0));
        assert!(plausible_discrepancy(20_000.0, 200_000.0));
        assert!(plausible_discrepancy(7.0, 17.0));
        assert!(!plausible_discrepancy(3e9, 6e10));
        assert!(!plausible_discrepancy(9.0, 3.0));
        assert!(!plausible_discrepancy(869.0, 35.0));
    }

    #[test]
    fn round_figures() {
        assert!(is_round(2000.0) && is_round(500_000.0) && is_round(300.0));
        assert!(!is_round(40.0) && !is_round(629.0) && !is_round(1500.0));
        assert_eq!(format_value(16.6), "16.6");
        assert_eq!(half_unit(4.1e6), 5e4);
        assert_eq!(half_unit(15e6), 5e5);
        assert_eq!(format_value(2271.0), "2271");
    }
}
