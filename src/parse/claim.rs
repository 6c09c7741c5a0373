//! A numeric claim: an optional qualifier or range, a number, and the counted noun.
//!
//! `[qualifier] number [scale] [post-qualifier] [percent | [من] noun] [post-qualifier]`
//! or `range-opener number join number [noun]`, all over normalised text. Whether the
//! claim is really a claim (not a year, a time, an ID) is decided by the caller, which
//! sees the words around it; this grammar only reads what is there.

use super::number::{hspace0, lookup_number_word, word, Words};
use super::{fail, offset, PResult};
use crate::lexicon::{Bound, Lexicon, PhraseSet};
use crate::text::is_word_char;

/// What a claim counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Noun {
    /// Nothing names it ("30 ألفًا فقط"): it may be inherited from the claim before.
    None,
    /// A known noun, as its lemma.
    Lemma(String),
    /// An unknown word, by its normalised byte range.
    Word { start: usize, end: usize },
    /// "19 آخرين": the noun of the claim before.
    BackReference,
    /// "62%", "٦٢ في المئة".
    Percent,
    /// A dual by its shape ("سفينتين"): the stem's normalised byte range, and whether
    /// the singular ends in "ة".
    Dual { start: usize, end: usize, feminine: bool },
}

/// A claim as read, with byte ranges in the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawClaim {
    pub start: usize,
    pub end: usize,
    pub number_start: usize,
    pub number_end: usize,
    pub value: f64,
    pub upper: Option<f64>,
    pub bound: Bound,
    pub noun: Noun,
    /// A scale word was read ("ألف", "million").
    pub scaled: bool,
    /// A qualifier or range said how exact it is.
    pub qualified: bool,
    /// The number was written in words.
    pub in_words: bool,
    /// The noun came after partitive "من" ("210 من عناصر").
    pub partitive: bool,
    /// The normalised span of the word that names the noun, when one does.
    pub noun_span: Option<(usize, usize)>,
    /// An ordinal that counts ("العضو التسعين").
    pub ordinal: bool,
    /// A share of a whole ("نصفهم", "ثلثا السكان").
    pub share: bool,
    /// A match score ("4-2", "برباعية"): the claim is the first side's goals.
    pub score: Option<Score>,
}

/// A match score: the first side's goals, and the other side's when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    pub goals: u16,
    pub against: Option<u16>,
}

/// Match a phrase of normalised words at the start of `i`, words separated by
/// spaces. The last word must end at a word boundary; digits may follow it at once
/// ("نحو73").
pub fn phrase<'a>(words: &[String], i: &'a str) -> PResult<'a, ()> {
    let mut rest = i;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            rest = hspace0(rest)?.0;
        }
        let Some(r) = rest.strip_prefix(w.as_str()) else { return fail(i, "a phrase") };
        if r.starts_with(is_word_char) {
            return fail(i, "a word boundary");
        }
        rest = r;
    }
    Ok((rest, ()))
}

/// One word, exactly, at a word boundary: `keyword("من", i)`.
pub fn keyword<'a>(w: &str, i: &'a str) -> PResult<'a, ()> {
    match i.strip_prefix(w) {
        Some(r) if !r.starts_with(is_word_char) => Ok((r, ())),
        _ => fail(i, "a keyword"),
    }
}

/// The longest phrase of `set` that matches at `i`.
pub fn one_of_phrases<'a, T: Copy>(set: &PhraseSet<T>, i: &'a str) -> PResult<'a, T> {
    if !set.may_start(i) {
        return fail(i, "a phrase");
    }
    let (_, first) = word(i)?;
    for (p, t) in set.starting_with(first) {
        if let Ok((rest, ())) = phrase(p, i) {
            return Ok((rest, *t));
        }
    }
    fail(i, "a phrase")
}

/// The phrase of `set` that `before` ends with, at a word boundary.
pub fn phrase_before<T: Copy>(set: &PhraseSet<T>, before: &str) -> Option<T> {
    let t = before.trim_end_matches([' ', '\t', ',']);
    let start = crate::text::word_start_back(t);
    if start == t.len() {
        return None;
    }
    set.ending_with(&t[start..]).iter().find_map(|(joined, v)| {
        let head = t.strip_suffix(joined.as_str())?;
        (!head.ends_with(is_word_char)).then_some(*v)
    })
}

/// "أكثر من", "نحو", "about", "fewer than": a bound before a number.
pub fn qualifier_before<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, Bound> {
    one_of_phrases(&lex.before, i)
}

/// "فقط", "تقريبا", "at least": a bound after a number or its noun.
pub fn qualifier_after<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, Bound> {
    let (r, _) = hspace0(i)?;
    one_of_phrases(&lex.after, r)
}

pub use super::number::quantity;

/// "بين 20 و30", "من 20 إلى 30", "between 20 and 30", "20-30". A scale on the second
/// number alone applies to both ("بين 20 و30 ألفًا").
pub fn range<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (f64, f64, bool)> {
    let (r, opener) = word(i)?;
    if !lex.range_start.iter().any(|w| w == opener) {
        return fail(i, "a range opener");
    }
    let (r, _) = hspace0(r)?;
    let (r, (low, low_scaled, _)) = quantity(lex, r)?;
    let (r, _) = hspace0(r)?;
    let r = range_join(lex, r)?.0;
    let (r, (high, high_scaled, _)) = quantity(lex, r)?;
    range_values(i, r, low, low_scaled, high, high_scaled)
}

/// "20-30" and "20 to 30" after a first number.
fn range_tail<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (f64, bool)> {
    let r = if let Some(r) = i.strip_prefix(['-', '–']) {
        r
    } else {
        let (r, _) = hspace0(i)?;
        let (r, w) = word(r)?;
        if !lex.range_join_after_number.iter().any(|j| j == w) {
            return fail(i, "a range join");
        }
        hspace0(r)?.0
    };
    let (r, (high, scaled, _)) = quantity(lex, r)?;
    Ok((r, (high, scaled)))
}

fn range_join<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, ()> {
    // "و" is usually glued to the next number: "و30".
    for join in &lex.range_join {
        if let Some(r) = i.strip_prefix(join.as_str()) {
            let glued_digit = r.starts_with(|c: char| c.is_ascii_digit());
            let spaced = r.starts_with([' ', '\t']);
            if glued_digit || (join == "و" && r.chars().next().is_some_and(crate::text::is_word_char)) {
                return Ok((r, ()));
            }
            if spaced {
                return Ok((hspace0(r)?.0, ()));
            }
        }
    }
    fail(i, "a range join")
}

fn range_values<'a>(
    i: &'a str,
    rest: &'a str,
    low: f64,
    low_scaled: bool,
    high: f64,
    high_scaled: bool,
) -> PResult<'a, (f64, f64, bool)> {
    let year_like = |v: f64| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v);
    if year_like(low) != year_like(high) && !high_scaled {
        return fail(i, "two numbers of one kind");
    }
    if year_like(low) && high_scaled {
        return fail(i, "two numbers of one kind");
    }
    let mut low = low;
    if high_scaled && !low_scaled && low < high / 1000.0 {
        // "بين 20 و30 ألفًا": the scale was said once.
        // The scale word's own value: the largest power of a thousand in the second figure.
        let scale = 10f64.powi((high.log10() / 3.0).floor() as i32 * 3);
        low *= scale;
    }
    if low >= high {
        return fail(i, "a rising range");
    }
    Ok((rest, (low, high, low_scaled || high_scaled)))
}

/// "%", "في المئة", "percent" after a number.
pub fn percent<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, ()> {
    if let Some(r) = i.strip_prefix(['%', '٪']) {
        return Ok((r, ()));
    }
    let (r, _) = hspace0(i)?;
    if let Some(r2) = r.strip_prefix(['%', '٪']) {
        return Ok((r2, ()));
    }
    one_of_phrases(&lex.percent, r)
}

/// The month a phrase at `i` names, if any ("تشرين الثاني", "March").
pub fn month_name<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, u32> {
    one_of_phrases(&lex.months, i)
}

/// Suffix pronouns a counted noun may carry: "عناصره", "مقاتليه".
pub const PRONOUN_SUFFIXES: [&str; 6] = ["هما", "هم", "هن", "ها", "ه", "ي"];

/// The lemma of a known noun, stripping prefixes and pronoun suffixes.
pub fn noun_lemma(lex: &Lexicon, w: &str) -> Option<String> {
    if let Some(l) = lex.nouns.get(w) {
        return Some(l.clone());
    }
    let mut stems = vec![w];
    for p in ["ال", "و", "ب", "ل", "وال", "بال", "لل"] {
        if let Some(s) = w.strip_prefix(p) {
            if s.chars().count() >= 2 {
                stems.push(s);
            }
        }
    }
    for s in stems {
        if let Some(l) = lex.nouns.get(s) {
            return Some(l.clone());
        }
        for suffix in PRONOUN_SUFFIXES {
            if let Some(base) = s.strip_suffix(suffix) {
                if base.chars().count() >= 2 {
                    if let Some(l) = lex.nouns.get(base) {
                        return Some(l.clone());
                    }
                }
            }
        }
    }
    None
}

/// The counted noun after a number: "عملية", "من عناصر التنظيم", "آخرين",
/// "displaced families". `doc` is the whole normalised text, for offsets.
/// A counted noun as read: what it is, whether it came after partitive "من", and the
/// normalised span of the word that names it.
pub type NounRead = (Noun, bool, Option<(usize, usize)>);

pub fn noun_phrase<'a>(lex: &Lexicon, doc: &str, i: &'a str) -> PResult<'a, NounRead> {
    let (r, _) = hspace0(i)?;
    // Partitives: "210 من عناصر", "Nineteen of the dead".
    let (after_min, partitive) = match keyword("من", r).or_else(|_| keyword("of", r)) {
        Ok((r2, ())) => {
            let mut r2 = hspace0(r2)?.0;
            if let Ok((r3, w)) = word(r2) {
                if lex.partitive_determiners.iter().any(|d| d == w) {
                    r2 = hspace0(r3)?.0;
                }
            }
            (r2, true)
        }
        Err(_) => (r, false),
    };
    let (rest, w) = word(after_min)?;
    let span = Some((offset(doc, after_min), offset(doc, rest)));
    // "120mm", "10km": a unit glued to the digits.
    if offset(doc, after_min) == offset(doc, i) {
        if let Some(unit) = lex.glued_units.get(w) {
            return Ok((rest, (Noun::Lemma(unit.clone()), false, span)));
        }
    }
    if lex.back_reference.iter().any(|b| b == w) {
        return Ok((rest, (Noun::BackReference, partitive, None)));
    }
    if lex.not_a_noun.iter().any(|n| n == w) {
        return fail(i, "a noun");
    }
    if let Some(lemma) = noun_lemma(lex, w) {
        return Ok((rest, (Noun::Lemma(lemma), partitive, span)));
    }
    // English puts adjectives and noun modifiers first: "1,200 displaced families",
    // "12 field teams": the head is the known or plural word after them.
    if w.is_ascii() {
        if let Ok((r2, _)) = hspace0(rest) {
            if let Ok((rest2, w2)) = word(r2) {
                if let Some(lemma) = noun_lemma(lex, w2) {
                    return Ok((rest2, (Noun::Lemma(lemma), partitive, Some((offset(doc, r2), offset(doc, rest2))))));
                }
                let plural = |x: &str| x.len() > 3 && x.ends_with('s') && !x.ends_with("ss");
                if w2.is_ascii() && plural(w2) && !plural(w) && !lex.not_a_noun.iter().any(|n| n == w2) {
                    let start = offset(doc, r2);
                    return Ok((rest2, (Noun::Word { start, end: start + w2.len() }, partitive, None)));
                }
            }
        }
    }
    let start = offset(doc, after_min);
    Ok((rest, (Noun::Word { start, end: start + w.len() }, partitive, None)))
}

/// Read a claim starting exactly at byte `pos` of the normalised document `doc`.
pub fn claim_at(lex: &Lexicon, doc: &str, pos: usize) -> Option<RawClaim> {
    let i = &doc[pos..];
    if let Some(claim) = noun_then_number(lex, doc, pos)
        .or_else(|| dual_noun(lex, doc, pos))
        .or_else(|| dual_shape(lex, doc, pos))
        .or_else(|| share(lex, doc, pos))
    {
        return Some(claim);
    }
    let (after_number, number_start, value, upper, bound, scaled, in_words, qualified) =
        if let Ok((rest, (low, high, scaled))) = range(lex, i) {
            let number_start = pos + word(i).map_or(0, |(r, _)| offset(i, r));
            (rest, number_start, low, Some(high), Bound::Range, scaled, false, true)
        } else {
            let (after_qualifier, bound, qualified) = match qualifier_before(lex, i) {
                Ok((r, b)) => (hspace0(r).ok()?.0, b, true),
                Err(_) => (i, Bound::Exact, false),
            };
            // "ناقص 12 درجة", "minus 5".
            let (after_qualifier, sign) = match word(after_qualifier) {
                Ok((r, w)) if lex.negative.iter().any(|n| n == w) => (hspace0(r).ok()?.0, -1.0),
                _ => (after_qualifier, 1.0),
            };
            let number_start = offset(doc, after_qualifier);
            let (rest, (value, scaled, in_words)) = quantity(lex, after_qualifier).ok()?;
            let value = sign * value;
            let ranged = range_tail(lex, rest)
                .ok()
                .filter(|_| !in_words)
                .and_then(|(r, (high, high_scaled))| range_values(i, r, value, scaled, high, high_scaled).ok());
            match ranged {
                Some((r, (low, high, scaled))) => (r, number_start, low, Some(high), Bound::Range, scaled, false, true),
                // "من 40 ألفًا إلى 35 ألفًا" is no range: two numbers (a trend may be wrong).
                None => (rest, number_start, value, None, bound, scaled, in_words, qualified),
            }
        };
    // "5,000+": at least.
    let (after_number, mut bound) = match after_number.strip_prefix('+') {
        Some(r) if upper.is_none() => (r, Bound::AtLeast),
        _ => (after_number, bound),
    };
    let qualified = qualified || bound == Bound::AtLeast;
    let number_end = offset(doc, after_number);
    // A month after the number makes it a date: "12 من تشرين الثاني", "4 March".
    {
        let (r, _) = hspace0(after_number).ok()?;
        let r = keyword("من", r).map_or(r, |(r2, ())| hspace0(r2).map_or(r2, |x| x.0));
        if month_name(lex, r).is_ok() {
            return None;
        }
    }
    let mut rest = after_number;
    let mut qualified = qualified;
    if let Ok((r, b)) = qualifier_after(lex, rest) {
        rest = r;
        bound = if upper.is_some() { Bound::Range } else { b };
        qualified = true;
    }
    // "$2.7bn": a currency sign before the digits names the noun.
    let currency = doc[..number_start]
        .chars()
        .next_back()
        .and_then(|c| lex.currency_signs.get(c.encode_utf8(&mut [0u8; 4]) as &str))
        .cloned();
    let (mut rest, noun, partitive, noun_span) = if let Ok((r, ())) = percent(lex, rest) {
        (r, Noun::Percent, false, None)
    } else if let Ok((r, (noun, partitive, span))) = noun_phrase(lex, doc, rest) {
        (r, noun, partitive, span)
    } else {
        (rest, Noun::None, false, None)
    };
    let noun = match (currency, noun) {
        (Some(c), Noun::None | Noun::Word { .. }) => Noun::Lemma(c),
        (_, n) => n,
    };
    if let Ok((r, b)) = qualifier_after(lex, rest) {
        rest = r;
        if upper.is_none() {
            bound = b;
        }
        qualified = true;
    }
    let end = offset(doc, rest);
    Some(RawClaim {
        start: pos,
        end,
        number_start,
        number_end,
        value,
        upper,
        bound,
        noun,
        scaled,
        qualified,
        in_words,
        partitive,
        noun_span,
        ordinal: false,
        share: false,
        score: None,
    })
}

/// How many words back a word of a result may stand before a score ("إثر فوزها ظهر
/// الأحد في النهائي على كرواتيا بنتيجة 4-2").
const SCORE_WORDS_BACK: usize = 12;

/// A match score at `pos`: "4-2", "2 / 1", "3:0" with a word of a result before it in
/// the same sentence, or a win told by its goals ("فاز برباعية"). One claim, the first
/// side's goals, never two counts or a range.
pub fn score_at(lex: &Lexicon, doc: &str, pos: usize) -> Option<RawClaim> {
    let i = &doc[pos..];
    let (rest, score) = score_digits(i).ok().or_else(|| {
        let (r, w) = word(i).ok()?;
        let bare =
            ["ب", "و", "وب"].iter().find_map(|p| w.strip_prefix(p).filter(|b| lex.score_wins.contains_key(*b)))?;
        Some((r, Score { goals: lex.score_wins[bare] as u16, against: None }))
    })?;
    if !result_before(lex, &doc[..pos]) {
        return None;
    }
    let end = offset(doc, rest);
    Some(RawClaim {
        start: pos,
        end,
        number_start: pos,
        number_end: end,
        value: f64::from(score.goals),
        upper: None,
        bound: Bound::Exact,
        noun: Noun::Lemma(lex.score_noun.clone()),
        scaled: false,
        qualified: false,
        in_words: false,
        partitive: false,
        noun_span: None,
        ordinal: false,
        share: false,
        score: Some(score),
    })
}

/// "4-2", "2 / 1", "3:0": two small numbers, not the start of a date ("4-2-2018").
fn score_digits(i: &str) -> PResult<'_, Score> {
    use nom::bytes::complete::take_while_m_n;
    use nom::character::complete::one_of;
    let goals = |i| take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(i);
    let (r, a) = goals(i)?;
    let (r, _) = hspace0(r)?;
    let (r, _) = one_of("-–/:")(r)?;
    let (r, _) = hspace0(r)?;
    let (rest, b) = goals(r)?;
    let more = rest.strip_prefix(['-', '/', '.', ':']).is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()));
    if more || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(i, "a score, not a date");
    }
    let (a, b): (u16, u16) = (a.parse().unwrap_or(u16::MAX), b.parse().unwrap_or(u16::MAX));
    if a > 20 || b > 20 {
        return fail(i, "a score of a few goals");
    }
    Ok((rest, Score { goals: a, against: Some(b) }))
}

/// Is there a word of a result ("بنتيجة", "فوزها", "won") a few words before the end
/// of `before`, in the same sentence?
fn result_before(lex: &Lexicon, before: &str) -> bool {
    let sentence = before.rsplit(['.', '\n', '!', '?', '؟', '؛']).next().unwrap_or(before);
    sentence.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).rev().take(SCORE_WORDS_BACK).any(|w| {
        ["", "و", "ب", "ل", "وب", "ف", "ال", "بال", "وال"]
            .iter()
            .any(|p| w.strip_prefix(p).is_some_and(|b| lex.score_words.iter().any(|s| s == b)))
    })
}

/// "حالتان", "شخصين": a dual noun that counts two by itself.
/// A conjunction or preposition a listed word may carry: "وقتيلين", "بنصف".
const WORD_PREFIXES: [&str; 4] = ["", "و", "ب", "ل"];

fn dual_noun(lex: &Lexicon, doc: &str, pos: usize) -> Option<RawClaim> {
    let i = &doc[pos..];
    let (rest, w) = word(i).ok()?;
    let stem = WORD_PREFIXES.iter().find_map(|p| w.strip_prefix(p).filter(|s| lex.dual_nouns.contains_key(*s)))?;
    let lemma = lex.dual_nouns.get(stem)?;
    Some(dual_claim(lex, doc, pos, rest, Noun::Lemma(lemma.clone())))
}

/// A share of a whole, not a count: a fraction with a pronoun ("نصفهم", "أزيد من
/// نصفهم"), before a definite whole ("ثلثا السكان", "ثلثي المطالبات"), or in English
/// before "of" ("two-thirds of the residents", "a quarter of them", "half of them").
/// The value is the fraction; the whole is the noun (a pronoun's is the claim's before).
fn share(lex: &Lexicon, doc: &str, pos: usize) -> Option<RawClaim> {
    // A whole word: in "الربع الخالي", "الربع المالي", "الثلث الأخير" the fraction is a
    // name or a period.
    if doc[..pos].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    let i = &doc[pos..];
    let (after_qualifier, bound, qualified) = match qualifier_before(lex, i) {
        Ok((r, b)) => (hspace0(r).ok()?.0, b, true),
        Err(_) => (i, Bound::Exact, false),
    };
    let number_start = offset(doc, after_qualifier);
    let (rest, w) = word(after_qualifier).ok()?;
    let fraction = |w: &str| -> Option<f64> {
        WORD_PREFIXES.iter().find_map(|p| w.strip_prefix(p).and_then(|s| lex.fractions.get(s)).copied())
    };
    let claim = |value: f64, number_end: usize, end: usize, noun: Noun, noun_span: Option<(usize, usize)>| RawClaim {
        start: pos,
        end,
        number_start,
        number_end,
        value,
        upper: None,
        bound,
        noun,
        scaled: false,
        qualified,
        in_words: true,
        partitive: false,
        noun_span,
        ordinal: false,
        share: true,
        score: None,
    };
    if !w.is_ascii() {
        // "نصفهم": the fraction and a pronoun.
        let with_pronoun = lex.share_suffixes.iter().find_map(|suffix| fraction(w.strip_suffix(suffix.as_str())?));
        if let Some(f) = with_pronoun.filter(|_| fraction(w).is_none()) {
            let number_end = offset(doc, rest);
            // "نصفهم تقريبا"
            let mut c = claim(f, number_end, number_end, Noun::None, None);
            if let Ok((r, b)) = qualifier_after(lex, rest) {
                (c.end, c.bound, c.qualified) = (offset(doc, r), b, true);
            }
            return Some(c);
        }
        // "ثلثا السكان": the fraction, then the whole with its article.
        let f = fraction(w)?;
        let (r, _) = hspace0(rest).ok()?;
        let (after_whole, whole) = word(r).ok()?;
        let bare = whole.strip_prefix("ال").filter(|s| s.chars().count() >= 2)?;
        if lex.share_not_before.iter().any(|n| n == whole) || lookup_number_word(lex, bare, Words::Cardinal).is_some() {
            return None;
        }
        let (ws, we) = (offset(doc, r), offset(doc, after_whole));
        return Some(claim(f, offset(doc, rest), we, Noun::Word { start: ws, end: we }, Some((ws, we))));
    }
    // English: "half of", "a quarter of", "two-thirds of", "three quarters of".
    let (times, r) = match lookup_number_word(lex, w, Words::Cardinal) {
        Some(n) if n.value < 10.0 && !lex.fractions.contains_key(w) => {
            (n.value, rest.strip_prefix('-').or_else(|| hspace0(rest).ok().map(|x| x.0))?)
        }
        _ if lex.one_before_scale.iter().any(|a| a == w) => (1.0, hspace0(rest).ok()?.0),
        _ => (1.0, after_qualifier),
    };
    let (r, fw) = word(r).ok()?;
    let f = lex.fractions.get(fw).or_else(|| fw.strip_suffix('s').and_then(|s| lex.fractions.get(s)))?;
    let number_end = offset(doc, r);
    let (r, _) = hspace0(r).ok()?;
    let (r, of) = word(r).ok()?;
    if !lex.share_of.iter().any(|o| o == of) {
        return None;
    }
    let (r, _) = hspace0(r).ok()?;
    let (after, mut whole) = word(r).ok()?;
    let (mut ws, mut rest) = (offset(doc, r), after);
    if whole == "the" {
        let (r2, _) = hspace0(after).ok()?;
        let (after2, w2) = word(r2).ok()?;
        (whole, ws, rest) = (w2, offset(doc, r2), after2);
    }
    let we = offset(doc, rest);
    let noun = if whole == "them" { Noun::None } else { Noun::Word { start: ws, end: we } };
    let span = matches!(noun, Noun::Word { .. }).then_some((ws, we));
    Some(claim(times * f, number_end, we, noun, span))
}

/// Two of `noun`, read as the word at `pos` up to `rest`, with a bound after it
/// ("قتيلين على الأقل").
fn dual_claim(lex: &Lexicon, doc: &str, pos: usize, rest: &str, noun: Noun) -> RawClaim {
    let number_end = offset(doc, rest);
    // "أكثر من أسبوعين", "قتيلين على الأقل".
    let before = phrase_before(&lex.before, &doc[..pos]).unwrap_or(Bound::Exact);
    let (rest, bound) = qualifier_after(lex, rest).unwrap_or((rest, before));
    RawClaim {
        start: pos,
        end: offset(doc, rest),
        number_start: pos,
        number_end,
        value: 2.0,
        upper: None,
        bound,
        noun,
        scaled: false,
        qualified: true,
        in_words: true,
        partitive: false,
        noun_span: Some((pos, number_end)),
        ordinal: false,
        share: false,
        score: None,
    }
}

/// Conjunctions and prepositions a dual may carry: "وسفينتين", "بساعتين".
const DUAL_PREFIXES: [&str; 7] = ["", "و", "ب", "ل", "ف", "وب", "ول"];

/// A dual no list names, by its shape: a feminine dual in "-تين"/"-تان" by itself
/// ("سفينتين", "امرأتان", "ساعتين"); a masculine one in "-ان" with an adjective that
/// agrees ("غواصان بريطانيان"). A masculine "-ين" is left alone: it is also the plural.
fn dual_shape(lex: &Lexicon, doc: &str, pos: usize) -> Option<RawClaim> {
    let i = &doc[pos..];
    let (rest, w) = word(i).ok()?;
    if !w.starts_with(crate::text::is_arabic) || lex.weekdays.contains_key(w) {
        return None;
    }
    // A definite dual ("بالمنطقتين") refers back to things counted before.
    if DUAL_PREFIXES.iter().any(|p| w.strip_prefix(p).is_some_and(|s| s.starts_with("ال"))) || w.starts_with("لل") {
        return None;
    }
    let (prefix, s) = DUAL_PREFIXES.iter().rev().find_map(|p| {
        let s = w.strip_prefix(p)?;
        (s.chars().count() >= 5).then_some((*p, s))
    })?;
    if lex.numbers.contains_key(s)
        || lex.not_dual.iter().any(|n| n == s)
        || lex.not_dual_endings.iter().any(|e| s.ends_with(e.as_str()))
    {
        return None;
    }
    // An adjective agreeing with the dual before it: "سفينتين إيطاليتين".
    let previous = doc[..pos].trim_end().rsplit(|c: char| !crate::text::is_word_char(c)).next().unwrap_or("");
    let suffix: String = s.chars().rev().take(2).collect();
    if previous.chars().count() >= 4 && previous.chars().rev().take(2).collect::<String>() == suffix {
        return None;
    }
    let stem_start = pos + prefix.len();
    let (stem_len, feminine) = if let Some(stem) = s.strip_suffix("تين").or_else(|| s.strip_suffix("تان")) {
        (stem.len(), true)
    } else {
        let stem = s.strip_suffix("ان")?;
        // The adjective agrees: "بريطانيان", not "البرلمان الإيراني".
        let (_, adjective) = hspace0(rest).ok().and_then(|(r, _)| word(r).ok())?;
        // A nisba adjective in the dual ("بريطانيان", "تركيان"), or one the lexicon lists.
        let agrees = (adjective.ends_with("يان") || lex.dual_adjectives.iter().any(|a| a == adjective))
            && adjective.chars().count() >= 5
            && !adjective.starts_with("ال")
            && !lex.not_dual.iter().any(|n| n == adjective)
            && stem.chars().count() >= 3;
        if !agrees {
            return None;
        }
        (stem.len(), false)
    };
    if doc[stem_start..stem_start + stem_len].chars().count() < 3 {
        return None;
    }
    Some(dual_claim(lex, doc, pos, rest, Noun::Dual { start: stem_start, end: stem_start + stem_len, feminine }))
}

/// "magnitude 6.3": a noun written before its number.
fn noun_then_number(lex: &Lexicon, doc: &str, pos: usize) -> Option<RawClaim> {
    let i = &doc[pos..];
    let (r, w) = word(i).ok()?;
    let lemma = lex.noun_before.get(w)?;
    let (r, _) = hspace0(r).ok()?;
    let number_start = offset(doc, r);
    let (rest, (value, scaled, in_words)) = quantity(lex, r).ok()?;
    let end = offset(doc, rest);
    Some(RawClaim {
        start: pos,
        end,
        number_start,
        number_end: end,
        value,
        upper: None,
        bound: Bound::Exact,
        noun: Noun::Lemma(lemma.clone()),
        scaled,
        qualified: false,
        in_words,
        partitive: false,
        noun_span: Some((pos, pos + w.len())),
        ordinal: false,
        share: false,
        score: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalized;

    fn read(s: &str) -> Option<RawClaim> {
        let n = Normalized::new(s);
        claim_at(Lexicon::default_lexicon(), &n.text, 0)
    }

    fn lemma(c: &RawClaim) -> &str {
        match &c.noun {
            Noun::Lemma(l) => l,
            _ => "",
        }
    }

    #[test]
    fn qualifiers_set_the_bound() {
        let cases = [
            ("أكثر من 22 عملية", 22.0, Bound::AtLeast, "عملية"),
            ("نحو73 عملية", 73.0, Bound::Approx, "عملية"),
            ("نحو ٦٥ ألف شخص", 65000.0, Bound::Approx, "شخص"),
            ("ما يزيد على ٤٥ ألف نسمة", 45000.0, Bound::AtLeast, "نسمة"),
            ("أقل من 30 ألفًا", 30000.0, Bound::AtMost, ""),
            ("30 ألفًا فقط", 30000.0, Bound::Exact, ""),
            ("more than 1,200 families", 1200.0, Bound::AtLeast, "family"),
            ("about 40 operations", 40.0, Bound::Approx, "operation"),
            ("fewer than 300 people", 300.0, Bound::AtMost, "person"),
            ("حول 33 في المائة", 33.0, Bound::Approx, ""),
            ("تقترب من 70 بالمائة", 70.0, Bound::Approx, ""),
            ("ما يصل إلى 90 في المائة", 90.0, Bound::AtMost, ""),
        ];
        for (s, value, bound, noun) in cases {
            let c = read(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((c.value, c.bound, lemma(&c)), (value, bound, noun), "{s}");
        }
    }

    #[test]
    fn a_fraction_of_a_whole_is_a_share_not_a_count() {
        let lex = Lexicon::default_lexicon();
        let at = |s: &str| {
            let n = Normalized::new(s);
            claim_at(lex, &n.text, 0).map(|c| {
                let noun = match c.noun {
                    Noun::Word { start, end } => n.text[start..end].to_string(),
                    Noun::None => String::new(),
                    _ => "?".to_string(),
                };
                (c.share, (c.value * 1000.0).round() / 1000.0, c.bound, noun, n.text[c.start..c.end].to_string())
            })
        };
        let cases = [
            ("ثلثا السكان نزحوا", 0.667, Bound::Exact, "السكان", "ثلثا السكان"),
            ("ثلثي المطالبات تقريبا", 0.667, Bound::Exact, "المطالبات", "ثلثي المطالبات"),
            ("نصفهم أطفال", 0.5, Bound::Exact, "", "نصفهم"),
            ("نصفهم تقريبا لا يعلمون", 0.5, Bound::Approx, "", "نصفهم تقريبا"),
            ("أزيد من نصفهم من مغاربة العالم", 0.5, Bound::AtLeast, "", "ازيد من نصفهم"),
            ("two-thirds of the residents fled", 0.667, Bound::Exact, "residents", "two-thirds of the residents"),
            ("quarter of them children", 0.25, Bound::Exact, "", "quarter of them"),
            ("half of them were children", 0.5, Bound::Exact, "", "half of them"),
        ];
        for (s, value, bound, noun, text) in cases {
            assert_eq!(at(s), Some((true, value, bound, noun.to_string(), text.to_string())), "{s}");
        }
        // A semi-final, a quarter of an hour, a fraction inside a name or a period.
        for s in ["نصف النهائي", "ربع الساعة", "الربع الخالي", "الثلث الأخير"]
        {
            assert!(at(s).is_none_or(|c| !c.0), "{s}");
        }
        let n = Normalized::new("رحلة عبر الربع الخالي");
        assert!(claim_at(lex, &n.text, n.text.find("ربع").unwrap()).is_none());
    }

    #[test]
    fn fractions_compounds_and_negatives() {
        let cases = [
            ("نصف مليون شخص", 500_000.0, "شخص"),
            ("ربع مليون لاجئ", 250_000.0, "لاجئ"),
            ("مليون ونصف مليون نازح", 1_500_000.0, "نازح"),
            ("14 مليونا و206 آلاف و51 ناخبا", 14_206_051.0, "ناخبا"),
            ("٧ آلاف و٥ مئة طن", 7_500.0, "طن"),
            ("25 000 لاجئ", 25_000.0, "لاجئ"),
            ("ناقص 12 درجة", -12.0, "درجة"),
            ("half a million people", 500_000.0, "person"),
        ];
        for (s, value, noun) in cases {
            let n = Normalized::new(s);
            let c = claim_at(Lexicon::default_lexicon(), &n.text, 0).unwrap_or_else(|| panic!("{s}"));
            let named = match &c.noun {
                Noun::Word { start, end } => &n.text[*start..*end],
                _ => lemma(&c),
            };
            assert_eq!((c.value, named), (value, noun), "{s}");
            assert_eq!(c.end, n.text.len(), "{s}: the whole phrase is the claim");
        }
        // A year after "و" is not a part of the count before it.
        let c = read("20 ألفًا و2018 شخصًا").unwrap();
        assert_eq!(c.value, 20_000.0);
    }

    #[test]
    fn nouns_after_numbers() {
        let c = read("210 من عناصر التنظيم").unwrap();
        assert_eq!((c.value, lemma(&c), c.partitive), (210.0, "عنصر", true));
        let c = read("اثنين من مقاتليه").unwrap();
        assert_eq!((c.value, lemma(&c)), (2.0, "مقاتل"));
        let c = read("خمسة آلاف مقاتل").unwrap();
        assert_eq!((c.value, lemma(&c)), (5000.0, "مقاتل"));
        let c = read("360 عنصرا إرهابيا").unwrap();
        assert_eq!(lemma(&c), "عنصر");
        let c = read("1,200 displaced families").unwrap();
        assert_eq!(lemma(&c), "family");
        assert_eq!(read("19 آخرين").unwrap().noun, Noun::BackReference);
    }

    #[test]
    fn ranges() {
        let c = read("بين 20 و30 شخصا").unwrap();
        assert_eq!((c.value, c.upper, c.bound), (20.0, Some(30.0), Bound::Range));
        let c = read("between 20 and 30 people").unwrap();
        assert_eq!((c.value, c.upper), (20.0, Some(30.0)));
        let c = read("بين 20 و30 ألفًا").unwrap();
        assert_eq!((c.value, c.upper), (20000.0, Some(30000.0)));
        let c = read("20-30 people").unwrap();
        assert_eq!((c.value, c.upper), (20.0, Some(30.0)));
    }

    #[test]
    fn percents() {
        for s in ["62%", "٦٢ في المئة", "62 بالمئة", "62 percent"] {
            let c = read(s).unwrap();
            assert_eq!((c.value, &c.noun), (62.0, &Noun::Percent), "{s}");
        }
    }

    #[test]
    fn months_make_dates() {
        for s in ["12 من تشرين الثاني", "4 March", "25 كانون الأول/ديسمبر"] {
            assert_eq!(read(s), None, "{s}");
        }
    }

    #[test]
    fn span_covers_qualifier_number_and_noun() {
        let s = "أكثر من 22 عملية ضد";
        let n = Normalized::new(s);
        let c = claim_at(Lexicon::default_lexicon(), &n.text, 0).unwrap();
        assert_eq!(&n.text[c.start..c.end], "اكثر من 22 عمليه");
        assert_eq!(&n.text[c.number_start..c.number_end], "22");
    }
}
