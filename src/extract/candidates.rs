//! Where a claim or a date may start: one byte scan for digits and one Aho-Corasick
//! pass over the normalised text for the words of the word lists (number words,
//! qualifiers, range openers; month, weekday and calendar words), shared by the claim
//! and the date grammars, which then run only there.

use crate::lexicon::Lexicon;
use crate::text::is_word_char;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Letters that may be glued before a number or a word: conjunctions, prepositions
/// and the article ("و5", "بـ22", "لـ300", "والخمسة", "بشباط").
pub const GLUED_PREFIXES: [&str; 13] = ["و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ال", "وال", "بال", "لل", "فال"];

const CLAIM: u8 = 1;
const DATE: u8 = 2;

/// The automaton and what each of its words may start.
pub struct Triggers {
    automaton: AhoCorasick,
    kinds: Vec<u8>,
    /// Claim triggers that are number words: they may run on into a longer form.
    number_word: Vec<bool>,
    /// Weekday names with their article ("الاثنين"): never the number inside them.
    weekdays: rustc_hash::FxHashSet<String>,
    /// For a date anchor that is one only as the first word of phrases ("في" of "في
    /// هذا اليوم"), those phrases: it anchors where one of them follows, or a number
    /// ("في2013", "في ألفين وستة"), not at every "في".
    phrases: Vec<Box<[String]>>,
    /// The words that may start a claim (number words, qualifiers): after a
    /// phrase-only anchor they may start what it opens ("في ألفين وستة", "قبل نحو شهر").
    claim_words: rustc_hash::FxHashSet<String>,
}

/// Candidate positions in one text, in order.
#[derive(Debug, Default)]
pub struct Candidates {
    pub claims: Vec<usize>,
    pub dates: Vec<usize>,
}

impl Triggers {
    pub fn new(lex: &Lexicon) -> Self {
        let mut words: rustc_hash::FxHashMap<String, u8> = Default::default();
        for w in lex.trigger_words() {
            *words.entry(w).or_default() |= CLAIM;
        }
        let mut phrases: rustc_hash::FxHashMap<String, Vec<String>> = Default::default();
        for (w, p) in lex.date_anchor_words() {
            if !p.is_empty() {
                phrases.insert(w.clone(), p);
            }
            *words.entry(w).or_default() |= DATE;
        }
        let mut list: Vec<(String, u8)> = words.into_iter().filter(|(w, _)| !w.is_empty()).collect();
        list.sort();
        let number_word = list.iter().map(|(w, _)| lex.numbers.contains_key(w)).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(list.iter().map(|(w, _)| w.as_str()))
            .expect("trigger words build an automaton");
        let weekdays = lex.weekdays.keys().cloned().collect();
        let phrases = list.iter().map(|(w, _)| phrases.remove(w).unwrap_or_default().into_boxed_slice()).collect();
        let claim_words = list.iter().filter(|(_, k)| k & CLAIM != 0).map(|(w, _)| w.clone()).collect();
        Triggers {
            automaton,
            kinds: list.iter().map(|(_, k)| *k).collect(),
            number_word,
            weekdays,
            phrases,
            claim_words,
        }
    }

    pub fn default_triggers() -> &'static Triggers {
        static T: std::sync::OnceLock<Triggers> = std::sync::OnceLock::new();
        T.get_or_init(|| Triggers::new(Lexicon::default_lexicon()))
    }

    /// Every candidate start in `text` (normalised).
    pub fn find(&self, text: &str) -> Candidates {
        let bytes = text.as_bytes();
        let mut out = Candidates::default();
        for (k, &b) in bytes.iter().enumerate() {
            if !b.is_ascii_digit() || (k > 0 && bytes[k - 1].is_ascii_digit()) {
                continue;
            }
            out.dates.push(k);
            if k > 0 && matches!(bytes[k - 1], b'.' | b',') {
                continue;
            }
            // Letters glued before digits: a prefix ("بـ22") or any Arabic word of three
            // letters or more ("إلى870", "متنها48"), not "G20", "mp3" or "ف16".
            let ws = word_start(text, k);
            let glued = &text[ws..k];
            let arabic_word = glued.chars().count() >= 3 && glued.chars().all(crate::text::is_arabic);
            if ws == k || (!glued.is_ascii() && (GLUED_PREFIXES.contains(&glued) || arabic_word)) {
                out.claims.push(k);
            }
        }
        // Words that end like a dual ("-ان", "-تين"): the claim grammar reads their shape.
        for (k, _) in text.match_indices('ن') {
            let before = &text[..k];
            let at_end = !text[k + 'ن'.len_utf8()..].starts_with(is_word_char);
            if at_end && (before.ends_with('ا') || before.ends_with("تي")) {
                // A dual has five letters or more ("أن", "كان", "بيان" are not asked).
                let ws = word_start(text, k);
                if text[ws..k].chars().count() >= 4 {
                    out.claims.push(ws);
                }
            }
        }
        // Overlapping: "لا" (from "لا يقل عن") must not hide "اكثر" in "لاكثر".
        for m in self.automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let id = m.pattern().as_usize();
            let kind = self.kinds[id];
            let rest = &text[e..];
            let at_boundary = !rest.starts_with(is_word_char) || rest.starts_with(|c: char| c.is_ascii_digit());
            let ws = word_start(text, s);
            let glued = ws == s || GLUED_PREFIXES.contains(&&text[ws..s]);
            if !glued {
                continue;
            }
            if kind & DATE != 0 && at_boundary && self.anchors_here(id, text, s, e) {
                out.dates.push(ws);
            }
            // Number words may run on into a longer form the grammar reads whole.
            // "الاثنين" is Monday, not "the two".
            let word_end = e + crate::text::word_len(rest);
            let weekday = ws != s && self.weekdays.contains(&text[ws..word_end]);
            if kind & CLAIM != 0 && (at_boundary || self.number_word[id]) && !weekday {
                if ws != s {
                    out.claims.push(ws);
                }
                out.claims.push(s);
            }
        }
        out.claims.sort_unstable();
        out.claims.dedup();
        out.dates.sort_unstable();
        out.dates.dedup();
        out
    }

    /// Does date trigger `id`, matched at `s..e`, anchor a date here? A word that is
    /// a date word alone always does; the first word of phrases only where one of
    /// them follows, or a number, glued or a space away.
    fn anchors_here(&self, id: usize, text: &str, s: usize, e: usize) -> bool {
        let phrases = &self.phrases[id];
        // (a number word, "اول" of "اول امس", may itself open a date: "منذ الأول حتى …")
        if phrases.is_empty() || self.kinds[id] & CLAIM != 0 {
            return true;
        }
        let rest = &text[e..];
        let next = rest.trim_start_matches([' ', '\t']);
        if next.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let word = &next[..crate::text::word_len(next)];
        // "وألفين", "الأول": a claim word with a glued prefix.
        let claim_word = |w: &str| {
            self.claim_words.contains(w)
                || GLUED_PREFIXES.iter().any(|p| w.strip_prefix(p).is_some_and(|w| self.claim_words.contains(w)))
        };
        claim_word(word) || phrases.iter().any(|p| text[s..].starts_with(p.as_str()))
    }
}

/// Start of the word containing byte `k` (letters only; digits end a word).
pub fn word_start(text: &str, k: usize) -> usize {
    crate::text::word_start_back(&text[..k])
}

/// Is byte `pos` of `text` inside a link: a URL, an e-mail address or a site's name
/// ("https://x.org/2024/…", "latakia-today.net/archives")? Neither its digits nor its
/// words ("today") are claims or dates.
pub fn in_link(text: &str, pos: usize) -> bool {
    let start = text[..pos].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(k, c)| k + c.len_utf8());
    let end = text[pos..].find(char::is_whitespace).map_or(text.len(), |k| pos + k);
    let token = &text[start..end];
    token.contains("://")
        || token.contains("www.")
        || token.contains('@')
        || [".com", ".net", ".org"].iter().any(|d| token.contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_word;

    #[test]
    fn candidates_are_digits_and_listed_words() {
        let t = normalize_word("قتل 14 شخصا وأصيب خمسة في 12 تشرين الثاني بـ22 غارة و G20");
        let c = Triggers::default_triggers().find(&t);
        let claim_words: Vec<&str> = c.claims.iter().map(|&k| t[k..].split(' ').next().unwrap()).collect();
        assert!(claim_words.contains(&"14"));
        assert!(claim_words.contains(&"خمسه"));
        assert!(claim_words.contains(&"22"));
        assert!(!claim_words.iter().any(|w| w.contains("20")), "{claim_words:?}");
        let date_words: Vec<&str> = c.dates.iter().map(|&k| t[k..].split(' ').next().unwrap()).collect();
        assert!(date_words.contains(&"تشرين"), "{date_words:?}");
        assert!(date_words.contains(&"12"));
    }

    #[test]
    fn the_first_word_of_date_phrases_anchors_only_where_a_date_may_follow() {
        let anchored = |s: &str| {
            let t = normalize_word(s);
            let c = Triggers::default_triggers().find(&t);
            c.dates.iter().map(|&k| t[k..].split(' ').next().unwrap().to_string()).collect::<Vec<_>>()
        };
        // "في" is a date word only in "في هذا اليوم": not in "في الوقت الذي".
        assert!(anchored("وقال في الوقت الذي تسعى فيه").is_empty());
        assert_eq!(anchored("في هذا اليوم"), vec!["في", "اليوم"]);
        // What may follow it: digits (glued or not), a number word, a qualifier.
        assert_eq!(anchored("في2013"), vec!["في2013", "2013"]);
        assert_eq!(anchored("في ألفين وستة"), vec!["في"]);
        assert_eq!(anchored("قبل نحو شهر"), vec!["قبل", "شهر"]);
        // A word that is a date word alone anchors anywhere.
        assert_eq!(anchored("قال أمس إن"), vec!["امس"]);
    }
}
