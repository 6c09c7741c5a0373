//! Claim extraction: find candidate positions, run the claim grammar there, and keep
//! what is a count rather than a year, a time, an ID, a phone number or a URL.
//!
//! Candidates come from one byte scan for digits and one Aho-Corasick pass over the
//! normalised text for number words, qualifiers and range openers (all read from the
//! word lists), so the grammar runs only where a claim can start.

use crate::lexicon::{Bound, Lexicon};
use crate::parse::claim::{claim_at, month_name, noun_lemma, phrase_before, Noun, RawClaim};
use crate::parse::number::{ordinal_number, word};
use crate::parse::offset;
use crate::text::{is_word_char, LineIndex, Normalized};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;

/// A numeric claim, with its span in the original bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub value: f64,
    pub bound: Bound,
    pub upper: Option<f64>,
    pub noun: Option<String>,
}

/// Finds claims in documents; build once, use for many.
pub struct Extractor {
    lex: &'static Lexicon,
    triggers: AhoCorasick,
}

/// Letters that may be glued before a number or a number word: conjunctions,
/// prepositions and the article ("و5", "بـ22", "لـ300", "والخمسة").
const GLUED_PREFIXES: [&str; 13] = ["و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ال", "وال", "بال", "لل", "فال"];

impl Extractor {
    pub fn new(lex: &'static Lexicon) -> Self {
        let triggers = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(lex.trigger_words())
            .expect("trigger words build an automaton");
        Extractor { lex, triggers }
    }

    pub fn default_extractor() -> &'static Extractor {
        static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor::new(Lexicon::default_lexicon()))
    }

    /// Positions in the normalised text where a claim may start, in order: the start
    /// of digits (one byte scan), and trigger words at the start of a word or after a
    /// glued prefix (one automaton pass).
    fn candidates(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for (k, &b) in bytes.iter().enumerate() {
            if b.is_ascii_digit() && (k == 0 || !matches!(bytes[k - 1], b'0'..=b'9' | b'.' | b',')) {
                // Letters glued before digits must be a prefix ("بـ22"), not "G20" or
                // "mp3"; a qualifier glued to digits ("نحو73") is a trigger of its own.
                let ws = word_start(text, k);
                let glued = &text[ws..k];
                if ws == k || (!glued.is_ascii() && GLUED_PREFIXES.contains(&glued)) {
                    out.push(k);
                }
            }
        }
        // Overlapping: "لا" (from "لا يقل عن") must not hide "اكثر" in "لاكثر".
        for m in self.triggers.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let rest = &text[e..];
            let at_boundary = !rest.starts_with(is_word_char) || rest.starts_with(|c: char| c.is_ascii_digit());
            // Number words may run on into a longer form the grammar reads whole.
            if !at_boundary && !self.lex.numbers.contains_key(&text[s..e]) {
                continue;
            }
            let ws = word_start(text, s);
            if ws == s {
                out.push(s);
            } else if GLUED_PREFIXES.contains(&&text[ws..s]) {
                out.push(ws);
                out.push(s);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every claim in one document.
    pub fn claims(&self, original: &str, norm: &Normalized, lines: &LineIndex) -> Vec<Claim> {
        let text = norm.text.as_str();
        let mut raws: Vec<RawClaim> = Vec::new();
        let mut last_end = 0;
        for pos in self.candidates(text) {
            if pos < last_end {
                continue;
            }
            // A word right after digits belongs to that number ("40 ألفًا"), not a new one.
            let digits_before = text[..pos].trim_end_matches([' ', '\t']).ends_with(|c: char| c.is_ascii_digit());
            if digits_before && !text[pos..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let found = claim_at(self.lex, text, pos)
                .filter(|raw| self.is_claim(text, raw))
                .or_else(|| self.ordinal_claim(text, pos));
            if let Some(raw) = found {
                last_end = raw.end;
                raws.push(raw);
            }
        }
        let mut out = Vec::with_capacity(raws.len());
        let mut last_noun: Option<(String, usize)> = None;
        for raw in raws {
            let (start, end) = norm.original_range(original, raw.start, raw.end);
            let noun = match &raw.noun {
                Noun::Lemma(l) => Some(l.clone()),
                Noun::Percent => Some("%".to_string()),
                Noun::Word { start, end } => {
                    let (s, e) = norm.original_range(original, *start, *end);
                    Some(surface_lemma(&original[s..e]))
                }
                Noun::None | Noun::BackReference => {
                    // "19 آخرين", "30 ألفًا فقط": the noun of the claim just before.
                    last_noun
                        .as_ref()
                        .filter(|(_, at)| raw.start.saturating_sub(*at) < INHERIT_WITHIN)
                        .map(|(n, _)| n.clone())
                }
            };
            if let Some(n) = &noun {
                if n != "%" {
                    last_noun = Some((n.clone(), raw.end));
                }
            }
            out.push(Claim {
                start,
                end,
                line: lines.line(start),
                text: original[start..end].to_string(),
                value: raw.value,
                bound: raw.bound,
                upper: raw.upper,
                noun,
            });
        }
        out
    }

    /// Is what the grammar read a count, given the words around it?
    fn is_claim(&self, text: &str, raw: &RawClaim) -> bool {
        let lex = self.lex;
        let number = &text[raw.number_start..raw.number_end];
        let before = &text[..raw.start];
        let after = &text[raw.number_end..];
        let year_like = !raw.in_words
            && !raw.scaled
            && raw.upper.is_none()
            && raw.value.fract() == 0.0
            && (1000.0..=2100.0).contains(&raw.value)
            && !number.contains(',');
        // Something must say this counts a thing.
        let named = !matches!(raw.noun, Noun::None);
        if !(named || raw.scaled || raw.qualified) {
            return false;
        }
        if year_like && !raw.qualified && !matches!(raw.noun, Noun::Lemma(_)) {
            return false;
        }
        // The word before: an ID marker, a clock, a year marker, a month, a weekday.
        if let Some(prev) = previous_word(before) {
            if let Some(why) = lex.not_claim_before.get(prev) {
                if why != "year" || year_like {
                    return false;
                }
            }
            if lex.weekdays.contains_key(prev) && raw.value <= 31.0 {
                return false;
            }
        }
        if phrase_before(&lex.months, before).is_some() && (raw.value <= 31.0 || year_like) {
            return false;
        }
        // Digits that are part of a date, a time, a version, a phone number or a URL.
        if !raw.in_words && self.in_non_count_token(text, raw) {
            return false;
        }
        if let Ok((_, w)) = word(after.trim_start_matches([' ', '\t'])) {
            if lex.not_claim_after.contains_key(w) {
                return false;
            }
        }
        if raw.in_words && raw.value == 1.0 && !matches!(raw.noun, Noun::Lemma(_)) {
            return false;
        }
        // Latin letters glued after digits: "22nd", "13th", "5G".
        if let Noun::Word { start, .. } = raw.noun {
            if start == raw.number_end && text[start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                return false;
            }
        }
        true
    }

    /// Digits inside a token that is not a count: "18/02/2023", "10:30", "1.2.3",
    /// "+963 11 234 5678", "0944123456", "COVID-19", "https://x.org/2024/…".
    fn in_non_count_token(&self, text: &str, raw: &RawClaim) -> bool {
        let bytes = text.as_bytes();
        let (ns, ne) = (raw.number_start, raw.number_end);
        let digits_end =
            ns + text[ns..ne].bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')).count();
        let next = bytes.get(digits_end).copied();
        let next2 = bytes.get(digits_end + 1).copied();
        if matches!(next, Some(b':' | b'/' | b'.')) && next2.is_some_and(|b| b.is_ascii_digit()) {
            return true;
        }
        if raw.upper.is_none() && matches!(next, Some(b'-')) && next2.is_some_and(|b| b.is_ascii_digit()) {
            return true;
        }
        let prev = ns.checked_sub(1).map(|k| bytes[k]);
        let prev2 = ns.checked_sub(2).map(|k| bytes[k]);
        if matches!(prev, Some(b':' | b'/' | b'+' | b'#' | b'.' | b'_' | b'=')) {
            return true;
        }
        if matches!(prev, Some(b'-')) && prev2.is_some_and(|b| b.is_ascii_alphanumeric()) {
            return true;
        }
        // Leading zero: phone numbers and codes, not counts.
        if text[ns..].starts_with('0') && text[ns..digits_end].len() > 1 && !text[ns..].starts_with("0.") {
            return true;
        }
        // A run of digit groups separated by single spaces: a phone number.
        if raw.upper.is_none() && digit_group_run(text, ns, digits_end) >= 3 {
            return true;
        }
        // Inside a URL, an e-mail or a path.
        let tok_start =
            text[..ns].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(k, c)| k + c.len_utf8());
        let tok_end = text[ns..].find(char::is_whitespace).map_or(text.len(), |k| ns + k);
        let token = &text[tok_start..tok_end];
        token.contains("://") || token.contains("www.") || token.contains('@') || token.contains(".com")
    }

    /// "العضو التسعين", "الدولة الخامسة والعشرين": an ordinal after a counted noun.
    fn ordinal_claim(&self, text: &str, pos: usize) -> Option<RawClaim> {
        let lex = self.lex;
        let i = &text[pos..];
        let (rest, value) = ordinal_number(lex, i).ok()?;
        if value < 2.0 || !i.starts_with("ال") {
            return None;
        }
        let (prev_start, prev) = previous_word_at(&text[..pos])?;
        // The noun, or the noun before one definite adjective ("الهزة الارتدادية الثلاثين").
        let (start, noun_word) = match noun_lemma(lex, prev) {
            Some(_) => (prev_start, prev),
            None if prev.starts_with("ال") => previous_word_at(&text[..prev_start])?,
            None => return None,
        };
        // A known noun; an unknown definite noun only for a count of three or more
        // ("الدورة الثالثة"), as "the second" is too often a rank ("الحرب العالمية الثانية").
        let lemma = match noun_lemma(lex, noun_word) {
            Some(l) => l,
            None if value >= 3.0 && noun_word.chars().count() > 3 => {
                noun_word.strip_prefix("ال").unwrap_or(noun_word).to_string()
            }
            None => return None,
        };
        if !noun_word.starts_with("ال") || lex.not_ordinal_count.contains(&lemma) {
            return None;
        }
        // "الأول من تشرين" is a day of the month.
        let (r, _) = crate::parse::number::hspace0(rest).ok()?;
        let r = r.strip_prefix("من").map_or(r, |x| x.trim_start_matches([' ', '\t']));
        if month_name(lex, r).is_ok() {
            return None;
        }
        Some(RawClaim {
            start,
            end: offset(text, rest),
            number_start: pos,
            number_end: offset(text, rest),
            value,
            upper: None,
            bound: Bound::Exact,
            noun: Noun::Lemma(lemma),
            scaled: false,
            qualified: false,
            in_words: true,
            partitive: false,
        })
    }
}

/// How far back (in normalised bytes) a claim without a noun looks for one.
const INHERIT_WITHIN: usize = 600;

/// Start of the word containing byte `k` (letters only; digits end a word).
fn word_start(text: &str, k: usize) -> usize {
    text[..k].char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(k, |(i, _)| i)
}

/// The word just before `before`'s end, skipping spaces and a dash or colon.
fn previous_word(before: &str) -> Option<&str> {
    previous_word_at(before).map(|(_, w)| w)
}

/// Like [`previous_word`], with the word's byte offset in `before`.
fn previous_word_at(before: &str) -> Option<(usize, &str)> {
    let t = before.trim_end_matches([' ', '\t', '-', ':']);
    let start = t.char_indices().rev().take_while(|&(_, c)| is_word_char(c) || c == '.').last()?.0;
    let w = t[start..].trim_end_matches('.');
    (!w.is_empty()).then_some((start, w))
}

/// How many digit groups, separated by single spaces or dashes, make the run that
/// holds `start..end` ("11 234 5678" -> 3).
fn digit_group_run(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let gap = |b: u8| matches!(b, b' ' | b'-');
    let mut count = 1;
    let mut k = start;
    loop {
        let mut j = k;
        while j > 0 && gap(bytes[j - 1]) && k - j < 3 {
            j -= 1;
        }
        if j == k || j == 0 || !bytes[j - 1].is_ascii_digit() {
            break;
        }
        k = j;
        while k > 0 && bytes[k - 1].is_ascii_digit() {
            k -= 1;
        }
        count += 1;
    }
    let mut k = end;
    loop {
        let mut j = k;
        while j < bytes.len() && gap(bytes[j]) && j - k < 3 {
            j += 1;
        }
        if j == k || j >= bytes.len() || !bytes[j].is_ascii_digit() {
            break;
        }
        k = j;
        while k < bytes.len() && bytes[k].is_ascii_digit() {
            k += 1;
        }
        count += 1;
    }
    count
}

/// The noun as written, without the article; English plurals made singular.
fn surface_lemma(word: &str) -> String {
    if word.is_ascii() {
        let w = word.to_ascii_lowercase();
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        if w.ends_with("ss") {
            return w;
        }
        return w.strip_suffix('s').map_or(w.clone(), str::to_string);
    }
    let w = word.strip_prefix("ال").filter(|s| s.chars().count() >= 2).unwrap_or(word);
    // The accusative tanween and its alef are case, not part of the noun: "فريقًا".
    let w = w.strip_suffix("ًا").or_else(|| w.strip_suffix("اً")).unwrap_or(w);
    w.chars().filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(s: &str) -> Vec<Claim> {
        let n = Normalized::new(s);
        Extractor::default_extractor().claims(s, &n, &LineIndex::new(s))
    }

    fn summary(s: &str) -> Vec<(String, f64, &'static str, Option<String>)> {
        claims(s).into_iter().map(|c| (c.text, c.value, c.bound.as_str(), c.noun)).collect()
    }

    #[test]
    fn glued_prefixes_and_qualifiers() {
        let got = summary("قدمنا المساعدة بـ22 عملية ونفذ نحو73 عملية و5 غارات");
        assert_eq!(
            got,
            vec![
                ("22 عملية".into(), 22.0, "exact", Some("عملية".into())),
                ("نحو73 عملية".into(), 73.0, "approx", Some("عملية".into())),
                ("5 غارات".into(), 5.0, "exact", Some("غارة".into())),
            ]
        );
    }

    #[test]
    fn back_references_inherit_the_noun() {
        let got = summary("مقتل خمسة أعضاء من التنظيم وأسر 19 آخرين.");
        assert_eq!(got[1], ("19 آخرين".into(), 19.0, "exact", Some("عضو".into())));
        let got = summary("انخفضت من 70 ألف شخص في 2019 إلى 30 ألفًا فقط.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], ("30 ألفًا فقط".into(), 30000.0, "exact", Some("شخص".into())));
    }

    #[test]
    fn years_dates_times_ids_are_not_claims() {
        for s in [
            "في 2019 هزم التنظيم",
            "عام 2017 استعادت",
            "18/02/2023",
            "الساعة 10:30 صباحا",
            "القرار رقم 2254 الصادر",
            "اتصل على +963 11 234 5678 الآن",
            "اتصل على 0944123456 الآن",
            "الإثنين 22nd شباط / فبراير 2021",
            "الأربعاء 12 من تشرين الثاني",
            "see https://example.org/2024/05/17 story",
            "COVID-19 cases",
            "G20 summit",
            "March 4, 2025",
        ] {
            assert_eq!(summary(s), vec![], "{s}");
        }
    }

    #[test]
    fn ordinal_counts() {
        let got = summary("لتصبح العضو التسعين في التحالف");
        assert_eq!(got, vec![("العضو التسعين".into(), 90.0, "exact", Some("عضو".into()))]);
        assert_eq!(summary("منذ الأول من تشرين الاول"), vec![]);
    }

    #[test]
    fn spans_point_into_original_bytes() {
        let s = "قال: نحو ٦٥ ألف شخص.";
        let c = &claims(s)[0];
        assert_eq!(&s[c.start..c.end], "نحو ٦٥ ألف شخص");
        assert_eq!((c.value, c.line), (65000.0, 1));
    }
}
