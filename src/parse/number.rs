//! Numbers in digits and in words.
//!
//! - [`decimal`]: "1,200", "3.5", "٠٫٧٧" (already folded to ".77" by normalisation);
//! - [`digit_number`]: a decimal and an optional scale word, "45 ألف", "1.2 million";
//! - [`word_number`]: Arabic and English number words, "خمسمائة و خمسة و عشرون",
//!   "three hundred and fifty", "مئتا ألف", with conjunctions glued ("وخمسين") or not;
//! - [`ordinal_number`]: ordinals that carry a count, "الحادي والعشرين", "التسعين";
//! - [`number_line`]: a whole line as the `claimcheck parse number` protocol reads it.

use super::{fail, PResult};
use crate::lexicon::{Lexicon, NumberKind, NumberWord};
use nom::bytes::complete::take_while;
use nom::Parser;

/// Horizontal white space, possibly none.
pub fn hspace0(i: &str) -> PResult<'_, &str> {
    take_while(|c| c == ' ' || c == '\t').parse(i)
}

/// One word: a run of letters.
pub fn word(i: &str) -> PResult<'_, &str> {
    match crate::text::word_len(i) {
        0 => fail(i, "a word"),
        n => Ok((&i[n..], &i[..n])),
    }
}

/// A decimal number: digits, thousands groups of exactly three after commas, and an
/// optional fraction. A leading point (".77") is accepted. Returns the value.
pub fn decimal(i: &str) -> PResult<'_, f64> {
    let b = i.as_bytes();
    let digits_from = |mut k: usize| {
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        k
    };
    let mut end = digits_from(0);
    if end == 0 && !(b.len() > 1 && b[0] == b'.' && b[1].is_ascii_digit()) {
        return fail(i, "digits");
    }
    if end > 0 {
        while end + 3 < b.len() + 1
            && b[end] == b','
            && digits_from(end + 1) == end + 4
            && !b.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 4;
        }
    }
    // "25 000": thousands set off by a space (a thin or no-break space is one after
    // normalisation), after a first group of at most three digits.
    let mut spaced = false;
    if end > 0 && end <= 3 {
        while b.get(end) == Some(&b' ')
            && digits_from(end + 1) == end + 4
            && !b.get(end + 4).is_some_and(|&c| {
                c.is_ascii_digit() || ((c == b',' || c == b'.') && b.get(end + 5).is_some_and(u8::is_ascii_digit))
            })
        {
            end += 4;
            spaced = true;
        }
    }
    let mut decimal_comma = false;
    if end + 1 < b.len() && b[end] == b'.' && b[end + 1].is_ascii_digit() {
        end = digits_from(end + 1);
    } else if end > 0 && end + 1 < b.len() && b[end] == b',' && !i[..end].contains(',') && !spaced {
        // A decimal comma, as Maghrebi and European papers write it: "5,8 مليون".
        let frac_end = digits_from(end + 1);
        if (1..=2).contains(&(frac_end - end - 1)) && b.get(frac_end).is_none_or(|&c| c != b',') {
            end = frac_end;
            decimal_comma = true;
        }
    }
    let cleaned: String = if decimal_comma {
        i[..end].replace(',', ".")
    } else {
        i[..end].chars().filter(|&c| c != ',' && c != ' ').collect()
    };
    match cleaned.parse::<f64>() {
        Ok(v) => Ok((&i[end..], v)),
        Err(_) => fail(i, "a number"),
    }
}

/// Which words a number may be made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// Cardinals without the article: "خمسة", "وعشرين".
    Cardinal,
    /// Also the article and ordinal forms: "الحادي", "والعشرين", "التسعين".
    Ordinal,
}

/// Look a word up as a number word, stripping prefixes.
pub fn lookup_number_word(lex: &Lexicon, w: &str, words: Words) -> Option<NumberWord> {
    lex.number_form(w, words == Words::Ordinal)
}

/// Adds number words up into a value, rejecting sequences that are not one number.
#[derive(Debug, Default, Clone)]
struct Accumulator {
    total: f64,
    group: f64,
    has_hundred: bool,
    has_ten: bool,
    has_unit: bool,
    pending_teen: bool,
    last: Option<NumberKind>,
    last_unit: f64,
    words: usize,
}

impl Accumulator {
    fn push(&mut self, w: NumberWord) -> bool {
        if self.pending_teen {
            // "الحادي والعشرين": a teen unit before a ten is a plain unit.
            if w.kind != NumberKind::Ten {
                return false;
            }
            self.pending_teen = false;
        }
        let ok = match w.kind {
            NumberKind::Unit if self.has_unit => false,
            NumberKind::Unit => {
                self.group += w.value;
                self.has_unit = true;
                self.last_unit = w.value;
                true
            }
            NumberKind::TeenUnit if self.has_unit || self.has_ten => false,
            NumberKind::TeenUnit => {
                self.group += w.value;
                self.has_unit = true;
                self.pending_teen = true;
                self.last_unit = w.value;
                true
            }
            NumberKind::Teen if self.has_unit || self.has_ten => false,
            NumberKind::Teen => {
                self.group += w.value;
                self.has_unit = true;
                self.has_ten = true;
                true
            }
            NumberKind::Ten if self.has_ten => false,
            NumberKind::Ten => {
                self.group += w.value;
                self.has_ten = true;
                true
            }
            NumberKind::Hundred
                if w.value == 100.0
                    && self.last == Some(NumberKind::Unit)
                    && !self.has_hundred
                    && !self.has_ten
                    && self.group > 0.0
                    && self.group < 10.0 =>
            {
                self.group *= 100.0;
                self.has_unit = false;
                self.has_hundred = true;
                true
            }
            NumberKind::Hundred if self.has_hundred || self.has_ten || self.has_unit => false,
            NumberKind::Hundred => {
                self.group += w.value;
                self.has_hundred = true;
                true
            }
            NumberKind::Scale if self.group == 0.0 && self.words > 0 => false,
            NumberKind::Scale => {
                let group = if self.words == 0 { 1.0 } else { self.group };
                self.total += group * w.value;
                self.group = 0.0;
                self.has_hundred = false;
                self.has_ten = false;
                self.has_unit = false;
                true
            }
            NumberKind::Dual if self.group != 0.0 => false,
            // A dual of a scale is two of it, and what is smaller may follow as after
            // the scale ("ألفين وعشرين" 2020, "مليونين وخمسمائة ألف"); a scale may not.
            NumberKind::Dual => {
                self.total += w.value;
                self.group = 0.0;
                self.has_unit = false;
                self.has_ten = false;
                self.has_hundred = false;
                true
            }
            NumberKind::Dozen => {
                self.group = if self.group == 0.0 { 12.0 } else { self.group * 12.0 };
                self.has_unit = true;
                self.has_ten = true;
                true
            }
        };
        if ok {
            self.last = Some(w.kind);
            self.words += 1;
        }
        ok
    }

    /// "عشر"/"عشرة" after a unit: the unit becomes a teen.
    fn teen(&mut self) -> bool {
        let unit_before = matches!(self.last, Some(NumberKind::Unit | NumberKind::TeenUnit));
        if !unit_before || self.has_ten || self.last_unit >= 10.0 {
            return false;
        }
        self.group += 10.0;
        self.has_ten = true;
        self.pending_teen = false;
        self.last = Some(NumberKind::Teen);
        true
    }

    fn value(&self) -> Option<f64> {
        (self.words > 0 && !self.pending_teen).then_some(self.total + self.group)
    }
}

/// A separator between two number words: spaces, a standalone "و"/"and", a hyphen.
fn separator(i: &str) -> &str {
    let (rest, _) = hspace0(i).unwrap_or((i, ""));
    for joiner in ["و ", "and ", "-"] {
        if let Some(r) = rest.strip_prefix(joiner) {
            return hspace0(r).map_or(r, |(r, _)| r);
        }
    }
    rest
}

/// A number in words. `words` says whether the article and ordinals are allowed.
/// The first word decides: a form in `not_alone` ("آلاف") needs a number before it.
pub fn word_number<'a>(lex: &Lexicon, words: Words, i: &'a str) -> PResult<'a, f64> {
    let mut acc = Accumulator::default();
    let (mut rest, first) = word(i)?;
    let mut lead = None;
    if lex.one_before_scale.iter().any(|w| w == first) {
        lead = Some(1.0);
    } else if let Some(&f) = lex.fractions.get(first) {
        lead = Some(f);
        // "half a million"
        let (r, _) = hspace0(rest)?;
        if let Ok((r2, a)) = word(r) {
            if lex.one_before_scale.iter().any(|w| w == a) {
                rest = r2;
            }
        }
    }
    if let Some(v) = lead {
        let (r, _) = hspace0(rest)?;
        let (r2, w) = word(r)?;
        match lookup_number_word(lex, w, Words::Cardinal) {
            Some(nw) if matches!(nw.kind, NumberKind::Hundred | NumberKind::Scale | NumberKind::Dozen) => {
                acc.group = v;
                acc.has_unit = true;
                acc.last = Some(NumberKind::Unit);
                acc.last_unit = v;
                acc.words = 1;
                if nw.kind == NumberKind::Hundred && nw.value == 100.0 {
                    acc.group *= 100.0;
                    acc.has_unit = false;
                    acc.has_hundred = true;
                    acc.words += 1;
                } else if !acc.push(nw) {
                    return fail(i, "a number word");
                }
                rest = r2;
            }
            _ => return fail(i, "a number word"),
        }
    } else {
        if lex.not_alone.iter().any(|w| w == first) {
            return fail(i, "a number before the scale word");
        }
        match lookup_number_word(lex, first, words) {
            Some(nw) if acc.push(nw) => {}
            _ => return fail(i, "a number word"),
        }
    }
    loop {
        let after_sep = separator(rest);
        let Ok((after_word, w)) = word(after_sep) else { break };
        if lex.teen_base.iter().any(|t| t == w) && acc.teen() {
            rest = after_word;
            continue;
        }
        match lookup_number_word(lex, w, words) {
            Some(nw) if acc.push(nw) => rest = after_word,
            _ => break,
        }
    }
    match acc.value() {
        Some(v) => Ok((rest, v)),
        None => fail(i, "a complete number"),
    }
}

/// An ordinal carrying a count ("التسعين", "الحادي والعشرين"), or a cardinal.
pub fn ordinal_number<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, f64> {
    word_number(lex, Words::Ordinal, i)
}

/// Digits with an optional scale word after them: "45 ألف", "1.2 مليون", "3 ملايين".
/// Returns the value and whether a scale word was read.
pub fn digit_number<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (f64, bool)> {
    let (rest, v) = decimal(i)?;
    // "18.2m", "$2.7bn": a scale letter glued to the digits.
    if let Ok((after, w)) = word(rest) {
        if let Some(scale) = lex.glued_scales.get(w) {
            if !after.starts_with(|c: char| c.is_ascii_digit()) {
                return Ok((after, (v * scale, true)));
            }
        }
    }
    let (after_space, _) = hspace0(rest)?;
    if let Ok((after_word, w)) = word(after_space) {
        if let Some(nw) = lex.numbers.get(w) {
            match nw.kind {
                NumberKind::Scale | NumberKind::Dozen => return Ok((after_word, (v * nw.value, true))),
                NumberKind::Hundred if nw.value == 100.0 => return Ok((after_word, (v * 100.0, true))),
                _ => {}
            }
        }
    }
    Ok((rest, (v, false)))
}

/// A number in digits or words, with the parts "و" joins after a scale. Returns the
/// value, whether a scale was read, and whether it was written in words.
pub fn quantity<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, (f64, bool, bool)> {
    let (mut rest, (mut v, scaled, in_words)) = match digit_number(lex, i) {
        Ok((rest, (v, scaled))) => (rest, (v, scaled, false)),
        Err(_) => {
            let (rest, v) = word_number(lex, Words::Cardinal, i)?;
            // A number in words is scaled when its last word was a scale: "خمسة آلاف".
            (rest, (v, v >= 1000.0, true))
        }
    };
    // After a scale, "و" and a fraction of it or a smaller part: "مليون ونصف",
    // "14 مليونا و206 آلاف و51", "٧ آلاف و٥ مئة".
    let mut scale = if scaled { last_scale(lex, &i[..i.len() - rest.len()]) } else { None };
    while let Some(s) = scale {
        let Some(after_and) = hspace0(rest).ok().and_then(|(r, _)| r.strip_prefix('و')) else { break };
        let after_and = hspace0(after_and).map_or(after_and, |(r, _)| r);
        if let Ok((r, w)) = word(after_and) {
            if let Some(f) = lex.fractions.get(w) {
                v += f * s;
                rest = r;
                // The scale may be said again: "مليون ونصف مليون", "مليون ونصف المليون".
                if let Ok((r2, w2)) = hspace0(r).and_then(|(r, _)| word(r)) {
                    let bare = w2.strip_prefix("ال").unwrap_or(w2);
                    if last_scale(lex, bare) == Some(s) {
                        rest = r2;
                    }
                }
                break;
            }
        }
        let part = digit_number(lex, after_and)
            .map(|(r, (p, sc))| (r, p, sc))
            .or_else(|_| word_number(lex, Words::Cardinal, after_and).map(|(r, p)| (r, p, p >= 100.0)));
        match part {
            // (a part smaller than the scale before it, and no year: "و2018")
            Ok((r, p, part_scaled)) if p < s && p > 0.0 => {
                v += p;
                scale = if part_scaled { last_scale(lex, &after_and[..after_and.len() - r.len()]) } else { None };
                rest = r;
            }
            _ => break,
        }
    }
    Ok((rest, (v, scaled, in_words)))
}

/// The value of the scale word ("ألف", "ملايين", "مئة") that ends `read`, if it ends
/// with one.
fn last_scale(lex: &Lexicon, read: &str) -> Option<f64> {
    let w = read.trim_end().rsplit(|c: char| !crate::text::is_word_char(c)).next()?;
    let nw = lookup_number_word(lex, w, Words::Cardinal)?;
    match nw.kind {
        NumberKind::Scale => Some(nw.value),
        NumberKind::Hundred if nw.value == 100.0 => Some(100.0),
        _ => None,
    }
}

/// Any number at the start of `i`: digits (with scale) or words.
pub fn number<'a>(lex: &Lexicon, i: &'a str) -> PResult<'a, f64> {
    quantity(lex, i).map(|(r, (v, _, _))| (r, v))
}

/// The value of a whole line, as `claimcheck parse number` reads it: a cardinal or
/// ordinal in digits or words, a fraction ("١١/١٠"), a sign, a spoken decimal point
/// ("واحد فاصلة واحد"). `None` unless the whole line is one number.
pub fn number_line(lex: &Lexicon, line: &str) -> Option<f64> {
    let norm = crate::text::Normalized::new(line);
    let s = norm.text.trim();
    let negative_word = lex.negative.iter().find_map(|n| s.strip_prefix(n.as_str()).filter(|r| r.starts_with(' ')));
    let (s, sign) = match s.strip_prefix('-').or(negative_word) {
        Some(r) => (r.trim_start(), -1.0),
        None => (s, 1.0),
    };
    let whole = |r: &str| r.trim().is_empty();
    // A fraction of two decimals.
    if let Ok((r, a)) = decimal(s) {
        if let Some(r) = r.strip_prefix('/') {
            if let Ok((r, b)) = decimal(r) {
                if whole(r) && b != 0.0 {
                    return Some(sign * a / b);
                }
            }
        }
    }
    let (rest, int_part) = number(lex, s).or_else(|_| ordinal_number(lex, s)).ok()?;
    if whole(rest) {
        return Some(sign * int_part);
    }
    // "1 فاصلة 1": a spoken decimal point.
    let (r, _) = hspace0(rest).ok()?;
    let (r, w) = word(r).ok()?;
    if !lex.decimal_point.iter().any(|d| d == w) {
        return None;
    }
    let (r, _) = hspace0(r).ok()?;
    let (r, frac) = number(lex, r).ok()?;
    if !whole(r) || frac < 0.0 || frac.fract() != 0.0 {
        return None;
    }
    let digits = if frac == 0.0 { 1 } else { frac.log10().floor() as i32 + 1 };
    Some(sign * (int_part + frac / 10f64.powi(digits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::default_lexicon()
    }

    fn value(s: &str) -> Option<f64> {
        number_line(lex(), s)
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal("1,200 families"), Ok((" families", 1200.0)));
        assert_eq!(decimal("3.5 million"), Ok((" million", 3.5)));
        assert_eq!(decimal("2023."), Ok((".", 2023.0)));
        assert_eq!(decimal("12,5 مليون"), Ok((" مليون", 12.5)));
        assert_eq!(decimal("1,2,3"), Ok((",2,3", 1.0)));
        assert_eq!(decimal("1,2345"), Ok((",2345", 1.0)));
        assert_eq!(decimal(".77"), Ok(("", 0.77)));
        assert!(decimal("abc").is_err());
        assert!(decimal(".").is_err());
    }

    #[test]
    fn arabic_cardinals() {
        let cases = [
            ("صفر", 0.0),
            ("واحد", 1.0),
            ("اربعه", 4.0),
            ("عشرة", 10.0),
            ("إحدى عشرة", 11.0),
            ("احد عشر", 11.0),
            ("إثنتى عشر", 12.0),
            ("ثمان عشرة", 18.0),
            ("عشرين", 20.0),
            ("واحدة و عشرون", 21.0),
            ("ثلاث و ثلاثون", 33.0),
            ("مائتين", 200.0),
            ("ثلاثمائة وخمسين", 350.0),
            ("خمسمائة و خمسة و عشرون", 525.0),
            ("الفين", 2000.0),
            ("مليونان", 2_000_000.0),
            ("مليون", 1_000_000.0),
            ("خمسة آلاف", 5000.0),
            ("ثلاثة آلاف وخمسمائة", 3500.0),
            ("مئتا ألف", 200_000.0),
            ("سبعة عشر", 17.0),
            ("خمس مئة", 500.0),
            ("نصف مليون", 500_000.0),
            // A dual of a scale, then what is smaller.
            ("ألفين وعشرين", 2020.0),
            ("الفين وتسعة", 2009.0),
            ("مليونين وخمسمائة ألف", 2_500_000.0),
            // Dozens: "دستتان" is two of them.
            ("دستة", 12.0),
            ("دستتان", 24.0),
            ("ثلاث دستات", 36.0),
            ("a dozen", 12.0),
        ];
        for (s, want) in cases {
            assert_eq!(value(s), Some(want), "{s}");
        }
        // A scale after a dual is no number: "ألفين ألف".
        for s in ["ألفين ألف", "مليونين ألف"] {
            assert_eq!(value(s), None, "{s}");
        }
    }

    #[test]
    fn egyptian_cardinals() {
        let cases = [
            ("حداشر", 11.0),
            ("تمنتاشر", 18.0),
            ("تلاتة و تلاتين", 33.0),
            ("متين وعشرة", 210.0),
            ("متين واحد وعشرين", 221.0),
            ("تلتمية وخمسين", 350.0),
            ("خمسمية خمسة و عشرين", 525.0),
            ("اتنين مليون", 2_000_000.0),
        ];
        for (s, want) in cases {
            assert_eq!(value(s), Some(want), "{s}");
        }
    }

    #[test]
    fn digits_scales_and_fractions() {
        let cases = [
            ("٤٥ ألف", 45_000.0),
            ("100 الف", 100_000.0),
            ("10 آلاف", 10_000.0),
            ("3 ملايين", 3_000_000.0),
            ("1.2 مليون", 1_200_000.0),
            ("١٬٠٠٠٬٠٠٠٫٠٠", 1_000_000.0),
            ("-١٬٢٠٠٬٠٠٠", -1_200_000.0),
            ("١١/١٠", 1.1),
            ("٧٧/١٠٠", 0.77),
            ("٫٧٧", 0.77),
            ("01.10", 1.1),
            ("1 فاصلة 1", 1.1),
            ("واحد فاصلة واحد", 1.1),
        ];
        for (s, want) in cases {
            let got = value(s).unwrap_or(f64::NAN);
            assert!((got - want).abs() < 1e-9, "{s}: {got}");
        }
    }

    #[test]
    fn english_numbers() {
        let cases = [
            ("two dozen", 24.0),
            ("three hundred and fifty", 350.0),
            ("twenty-three", 23.0),
            ("a hundred", 100.0),
            ("half a million", 500_000.0),
            ("3.5 million", 3_500_000.0),
            ("fifteen", 15.0),
            ("1,200", 1200.0),
        ];
        for (s, want) in cases {
            assert_eq!(value(s), Some(want), "{s}");
        }
    }

    #[test]
    fn ordinals() {
        let cases = [
            ("الأول", 1.0),
            ("اول", 1.0),
            ("الثان", 2.0),
            ("الأحد عشر", 11.0),
            ("الإحدى عشرة", 11.0),
            ("الحادي عشرة", 11.0),
            ("الثاني عشرة", 12.0),
            ("الاثنى عشر", 12.0),
            ("الثالثة عشرة", 13.0),
            ("الحادي والعشرين", 21.0),
            ("الواحد و العشرون", 21.0),
            ("الخامس و العشرون", 25.0),
            ("الثان والسبعون", 72.0),
            ("التسعين", 90.0),
        ];
        for (s, want) in cases {
            assert_eq!(value(s), Some(want), "{s}");
        }
    }

    #[test]
    fn not_numbers() {
        for s in ["", "آلاف", "عملية", "احد", "خمسة ستة", "the", "a", "1 2"] {
            assert_eq!(value(s), None, "{s}");
        }
    }

    #[test]
    fn cardinals_refuse_the_article() {
        // "الاثنين" is Monday, not two.
        assert!(word_number(lex(), Words::Cardinal, "الاثنين").is_err());
        assert_eq!(word_number(lex(), Words::Cardinal, "وخمسين شخصا"), Ok((" شخصا", 50.0)));
    }
}
