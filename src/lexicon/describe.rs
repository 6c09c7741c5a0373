//! The words a claim's descriptor is read from (`rules/lexicon/describe.yaml`): roles,
//! people nouns, synonyms, scope words, part-of, source and status markers, stopwords.
//! Lookups are on normalised words with glued prefixes and pronoun suffixes removed
//! ([`stems`]); [`stem`] gives the one key a word compares by.

use super::{Phrase, PhraseSet};
use crate::text::normalize_word;
use crate::text::symbols::WordKey;
use crate::yaml::{load_yaml, YamlError};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DescribeFile {
    roles: BTreeMap<String, RoleEntry>,
    generic_people: Vec<String>,
    people: Vec<String>,
    synonyms: Vec<Vec<String>>,
    scope_words: Vec<String>,
    many_kinds: Vec<String>,
    not_scope: Vec<String>,
    base_of: Vec<String>,
    part_of: Vec<String>,
    age_units: Vec<String>,
    age_words: Vec<String>,
    #[serde(default)]
    unit_powers: Vec<String>,
    source_markers: Vec<String>,
    source_filler: Vec<String>,
    source_verbs: Vec<String>,
    status: StatusWords,
    fall_reasons: Vec<String>,
    stopwords: Vec<String>,
    since: Vec<String>,
    tense: TenseWords,
    trend: TrendWords,
    order: OrderWords,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendWords {
    rise: Vec<String>,
    fall: Vec<String>,
    from: Vec<String>,
    to: Vec<String>,
    from_after: Vec<String>,
    #[serde(default)]
    restate: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderWords {
    after: Vec<String>,
    before: Vec<String>,
    relative: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TenseWords {
    past: Vec<String>,
    until: Vec<String>,
    not_future: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    #[serde(default)]
    toll: bool,
    #[serde(default)]
    fixed: bool,
    #[serde(default)]
    volatile: bool,
    #[serde(default)]
    running: bool,
    #[serde(default)]
    staged: bool,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusWords {
    forecast: Vec<String>,
    preliminary: Vec<String>,
    #[serde(rename = "final")]
    final_: Vec<String>,
    estimate: Vec<String>,
    counting: Vec<String>,
}

/// A role: what happened to what is counted, or what a number measures.
#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    /// A count that only rises as it is updated.
    pub toll: bool,
    /// A quantity that does not change over a story's days.
    pub fixed: bool,
    /// A quantity that moves within a day: compared only at times the sentences state.
    pub volatile: bool,
    /// A count outlets keep updating as they learn more (a toll, the missing, cases):
    /// two figures a few apart are two tallies.
    pub running: bool,
    /// A share of one count that moves as the counting goes on (a vote share): at one
    /// stage, one figure.
    pub staged: bool,
}

/// How sure or how final a figure is, as its clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Observed,
    Forecast,
    Preliminary,
    Final,
    Estimate,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Observed => "observed",
            Status::Forecast => "forecast",
            Status::Preliminary => "preliminary",
            Status::Final => "final",
            Status::Estimate => "estimate",
        }
    }
}

/// One bit for each stem-matched word list.
/// The bits of a word's class ([`Describe::class_of`]).
pub mod class {
    pub const AGE: u32 = 1;
    pub const SCOPE: u32 = 1 << 1;
    pub const NOT_SCOPE: u32 = 1 << 2;
    pub const SOURCE_MARKER: u32 = 1 << 3;
    pub const SOURCE_FILLER: u32 = 1 << 4;
    pub const SOURCE_VERB: u32 = 1 << 5;
    pub const NOT_FUTURE: u32 = 1 << 6;
    pub const PAST: u32 = 1 << 7;
    pub const RISE: u32 = 1 << 8;
    pub const FALL: u32 = 1 << 9;
    pub const TREND_TO: u32 = 1 << 10;
    pub const AFTER: u32 = 1 << 11;
    pub const BEFORE: u32 = 1 << 12;
    pub const STOPWORD: u32 = 1 << 13;
    pub const RELATIVE: u32 = 1 << 14;
    pub const SINCE: u32 = 1 << 15;
    // The first words of each phrase list: a word no phrase starts with is not looked
    // up in the list at all (a class is one memoised lookup a word).
    pub const ROLE_START: u32 = 1 << 16;
    pub const PART_START: u32 = 1 << 17;
    pub const BASE_START: u32 = 1 << 18;
    pub const FALL_START: u32 = 1 << 19;
    pub const STATUS_START: u32 = 1 << 20;
    pub const COUNTING_START: u32 = 1 << 21;
    pub const RESTATE_START: u32 = 1 << 22;
    pub const FROM_AFTER_START: u32 = 1 << 23;
}

/// The descriptor word lists, normalised and indexed.
#[derive(Debug, Clone)]
pub struct Describe {
    pub roles: Vec<Role>,
    role_phrases: PhraseSet<u16>,
    generic_people: FxHashSet<String>,
    people: FxHashSet<String>,
    synonyms: FxHashMap<String, String>,
    many_kinds: FxHashSet<String>,
    base_of: PhraseSet<()>,
    part_of: PhraseSet<()>,
    age_units: FxHashSet<String>,
    unit_powers: FxHashSet<String>,
    status: PhraseSet<Status>,
    counting: PhraseSet<()>,
    fall_reasons: PhraseSet<()>,
    until: FxHashSet<String>,
    trend_from: FxHashSet<String>,
    from_after: PhraseSet<()>,
    restate: PhraseSet<()>,
    /// For each word of the stem-matched lists (age words, scope words, sources, tense,
    /// trend and order words, stopwords), the lists it is in, one bit a list ([`class`]):
    /// a word is looked up once, whatever it is asked.
    classes: FxHashMap<String, u32>,
    /// This instance, for the per-thread memo of [`Describe::class_of`].
    id: u32,
}

/// A direction of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    Rise,
    Fall,
}

/// The tense of a sentence, as its words show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Tense {
    #[default]
    Unknown,
    Past,
    Future,
}

pub const DEFAULT_FILE: (&str, &str) =
    ("rules/lexicon/describe.yaml", include_str!("../../rules/lexicon/describe.yaml"));

fn phrase(s: &str) -> Phrase {
    normalize_word(s).split_whitespace().map(str::to_string).collect()
}

fn set(list: &[String]) -> FxHashSet<String> {
    list.iter().map(|w| normalize_word(w)).collect()
}

/// For each word (normalised) of the word lists, the bits of the lists it is in.
fn classes(lists: &[(&Vec<String>, u32)]) -> FxHashMap<String, u32> {
    let mut out: FxHashMap<String, u32> = FxHashMap::default();
    for (list, bit) in lists {
        for w in list.iter() {
            *out.entry(normalize_word(w)).or_default() |= bit;
        }
    }
    out
}

/// Glued prefixes, longest first: conjunctions, prepositions, the article.
const PREFIXES: [&str; 14] = ["وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "و", "ف", "ب", "ل"];
thread_local! {
    /// The classes of the words a thread has asked of, by describe list ([`Describe::class_of`]).
    static CLASSES: std::cell::RefCell<(u32, FxHashMap<WordKey, u32>)> = std::cell::RefCell::new((0, FxHashMap::default()));
}

/// Empty this thread's memo of word classes, giving its memory back.
pub fn forget_classes() {
    CLASSES.with(|m| *m.borrow_mut() = (0, FxHashMap::default()));
}

/// Pronoun suffixes a noun or verb may carry (the reference list the unit tables of
/// `stems` are tested against).
#[cfg(test)]
const SUFFIXES: [&str; 6] = ["هما", "هم", "هن", "ها", "ه", "كم"];

/// A normalised word and its forms without glued prefixes and pronoun suffixes, most
/// specific first: "وبمقتل" -> "وبمقتل", "بمقتل", "مقتل".
pub fn stems(w: &str) -> impl Iterator<Item = &str> {
    // Runs for every word of every text, several times: on the stack, comparing the
    // two-byte letters of the Arabic block as numbers (no string comparisons), and
    // without duplicates by construction (each prefix and suffix that matches has its
    // own length, so every cut is a distinct substring).
    let mut out: [&str; 32] = [""; 32];
    let mut n = 1;
    out[0] = w;
    let b = w.as_bytes();
    if w.is_ascii() || b.len() < 4 {
        return out.into_iter().take(n);
    }
    let unit = |k: usize| -> u16 {
        if k + 1 < b.len() {
            u16::from_be_bytes([b[k], b[k + 1]])
        } else {
            0
        }
    };
    let head = [unit(0), unit(2), unit(4), unit(6)];
    let starts = |p: &[u16]| p.iter().enumerate().all(|(k, &u)| head[k] == u);
    let mut cuts = [0usize; 16];
    let mut m = 1; // cuts[0] = 0: the word itself
    for p in PREFIX_UNITS {
        // At least two letters left.
        if starts(p) && w.is_char_boundary(p.len() * 2) && w[p.len() * 2..].chars().nth(1).is_some() {
            cuts[m] = p.len() * 2;
            m += 1;
            out[n] = &w[p.len() * 2..];
            n += 1;
        }
    }
    let tail = |x: &str, k: usize| -> u16 {
        let xb = x.as_bytes();
        if xb.len() >= 2 * k {
            u16::from_be_bytes([xb[xb.len() - 2 * k], xb[xb.len() - 2 * k + 1]])
        } else {
            0
        }
    };
    let last = tail(w, 1);
    if SUFFIX_LAST.contains(&last) {
        for &cut in &cuts[..m] {
            let base = &w[cut..];
            for sfx in SUFFIX_UNITS {
                let k = sfx.len();
                let matches = (0..k).all(|j| tail(base, k - j) == sfx[j]);
                let keep = base.len().saturating_sub(2 * k);
                // At least three letters left.
                if matches && base.is_char_boundary(keep) && base[..keep].chars().nth(2).is_some() && n < out.len() {
                    out[n] = &base[..keep];
                    n += 1;
                }
            }
        }
    }
    out.into_iter().take(n)
}

/// Prefixes and suffixes as two-byte UTF-8 units (all are Arabic letters).
const fn units<const N: usize>(s: &str) -> [u16; N] {
    let b = s.as_bytes();
    let mut out = [0u16; N];
    let mut k = 0;
    while k < N {
        out[k] = ((b[2 * k] as u16) << 8) | b[2 * k + 1] as u16;
        k += 1;
    }
    out
}
const PREFIX_UNITS: [&[u16]; 14] = [
    &units::<4>("وبال"),
    &units::<3>("وال"),
    &units::<3>("بال"),
    &units::<3>("فال"),
    &units::<3>("كال"),
    &units::<3>("ولل"),
    &units::<2>("لل"),
    &units::<2>("ال"),
    &units::<2>("وب"),
    &units::<2>("ول"),
    &units::<1>("و"),
    &units::<1>("ف"),
    &units::<1>("ب"),
    &units::<1>("ل"),
];
const SUFFIX_UNITS: [&[u16]; 6] =
    [&units::<3>("هما"), &units::<2>("هم"), &units::<2>("هن"), &units::<2>("ها"), &units::<1>("ه"), &units::<2>("كم")];
const SUFFIX_LAST: [u16; 4] = [units::<1>("ه")[0], units::<1>("م")[0], units::<1>("ن")[0], units::<1>("ا")[0]];

/// The phrase of `set` starting at `words[0]` (its first word matched with prefixes
/// and suffixes removed, the others as written), and how many words it takes.
fn phrase_at<T: Copy>(set: &PhraseSet<T>, words: &[&str]) -> Option<(T, usize)> {
    let first = words.first()?;
    for s in stems(first) {
        for (p, v) in set.starting_with(s) {
            if p.len() <= words.len() && p[1..].iter().zip(&words[1..]).all(|(a, b)| a == b) {
                return Some((*v, p.len()));
            }
        }
    }
    None
}

/// A word without its glued prefix (the longest that leaves three letters or more).
pub fn strip_prefix(w: &str) -> &str {
    if w.is_ascii() {
        return w;
    }
    PREFIXES.iter().find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() >= 3)).unwrap_or(w)
}

/// The key a content word compares by: prefixes removed and the word stemmed
/// (Snowball Arabic or English), so "الإسبانية" and "إسباني" meet. Memoised per
/// thread: a corpus repeats its words.
pub fn stem(w: &str) -> String {
    with_stem(w, str::to_string)
}

/// `f` of a word's stem, borrowed from the per-thread memo: no string is made for a
/// word met before (the passages hash a stem for every word of their sentences).
pub fn with_stem<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    use rust_stemmers::{Algorithm, Stemmer};
    use std::cell::RefCell;
    thread_local! {
        static AR: Stemmer = Stemmer::create(Algorithm::Arabic);
        static EN: Stemmer = Stemmer::create(Algorithm::English);
        static MEMO: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::new(FxHashMap::default());
    }
    MEMO.with(|m| {
        if let Some(s) = m.borrow().get(w) {
            return f(s);
        }
        let s: Box<str> = if w.is_ascii() {
            EN.with(|s| s.stem(w).into())
        } else {
            let bare = strip_prefix(w);
            let s = AR.with(|s| s.stem(bare).into_owned());
            if s.chars().count() >= 2 {
                s.into()
            } else {
                bare.into()
            }
        };
        let r = f(&s);
        let mut m = m.borrow_mut();
        if m.len() > 200_000 {
            m.clear();
        }
        m.insert(w.into(), s);
        r
    })
}

impl Describe {
    pub fn default_describe() -> &'static Describe {
        static D: std::sync::OnceLock<Describe> = std::sync::OnceLock::new();
        D.get_or_init(|| Describe::from_file(DEFAULT_FILE.0, DEFAULT_FILE.1).expect("embedded describe.yaml is valid"))
    }

    pub fn from_file(name: &str, text: &str) -> Result<Describe, YamlError> {
        let f: DescribeFile = load_yaml(name, text)?;
        let mut roles = Vec::new();
        let mut phrases = Vec::new();
        for (id, e) in &f.roles {
            let k = roles.len() as u16;
            roles.push(Role {
                id: id.clone(),
                toll: e.toll,
                fixed: e.fixed,
                volatile: e.volatile,
                running: e.running || e.toll,
                staged: e.staged,
            });
            phrases.extend(e.words.iter().map(|w| (phrase(w), k)));
        }
        let mut synonyms = FxHashMap::default();
        for group in &f.synonyms {
            let Some(head) = group.first() else { continue };
            let head = normalize_word(head);
            for w in group {
                synonyms.insert(normalize_word(w), head.clone());
            }
        }
        let status = [
            (&f.status.forecast, Status::Forecast),
            (&f.status.preliminary, Status::Preliminary),
            (&f.status.final_, Status::Final),
            (&f.status.estimate, Status::Estimate),
        ];
        let mut d = Describe {
            roles,
            role_phrases: PhraseSet::new(phrases),
            generic_people: set(&f.generic_people),
            people: set(&f.people),
            synonyms,
            many_kinds: f.many_kinds.iter().flat_map(|w| [normalize_word(w), stem(&normalize_word(w))]).collect(),
            part_of: PhraseSet::new(f.part_of.iter().map(|w| (phrase(w), ()))),
            base_of: PhraseSet::new(f.base_of.iter().map(|w| (phrase(w), ()))),
            age_units: set(&f.age_units),
            unit_powers: set(&f.unit_powers),
            status: PhraseSet::new(status.iter().flat_map(|(l, s)| l.iter().map(move |w| (phrase(w), *s)))),
            counting: PhraseSet::new(f.status.counting.iter().map(|w| (phrase(w), ()))),
            fall_reasons: PhraseSet::new(f.fall_reasons.iter().map(|w| (phrase(w), ()))),
            until: set(&f.tense.until),
            trend_from: set(&f.trend.from),
            from_after: PhraseSet::new(f.trend.from_after.iter().map(|w| (phrase(w), ()))),
            restate: PhraseSet::new(f.trend.restate.iter().map(|w| (phrase(w), ()))),
            classes: classes(&[
                (&f.age_words, class::AGE),
                (&f.scope_words, class::SCOPE),
                (&f.not_scope, class::NOT_SCOPE),
                (&f.source_markers, class::SOURCE_MARKER),
                (&f.source_filler, class::SOURCE_FILLER),
                (&f.source_verbs, class::SOURCE_VERB),
                (&f.tense.not_future, class::NOT_FUTURE),
                (&f.tense.past, class::PAST),
                (&f.trend.rise, class::RISE),
                (&f.trend.fall, class::FALL),
                (&f.trend.to, class::TREND_TO),
                (&f.order.after, class::AFTER),
                (&f.order.before, class::BEFORE),
                (&f.order.relative, class::RELATIVE),
                (&f.stopwords, class::STOPWORD),
                (&f.since, class::SINCE),
            ]),
            id: {
                static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        };
        let starts: Vec<(String, u32)> = [
            (d.role_phrases.first_words().cloned().collect::<Vec<_>>(), class::ROLE_START),
            (d.part_of.first_words().cloned().collect(), class::PART_START),
            (d.base_of.first_words().cloned().collect(), class::BASE_START),
            (d.fall_reasons.first_words().cloned().collect(), class::FALL_START),
            (d.status.first_words().cloned().collect(), class::STATUS_START),
            (d.counting.first_words().cloned().collect(), class::COUNTING_START),
            (d.restate.first_words().cloned().collect(), class::RESTATE_START),
            (d.from_after.first_words().cloned().collect(), class::FROM_AFTER_START),
        ]
        .into_iter()
        .flat_map(|(words, bit)| words.into_iter().map(move |w| (w, bit)))
        .collect();
        for (w, bit) in starts {
            *d.classes.entry(w).or_default() |= bit;
        }
        Ok(d)
    }

    /// The phrase of `set` at `words[0]`, when a phrase of it can start there (`bit`).
    fn phrase_of<T: Copy>(&self, set: &PhraseSet<T>, bit: u32, words: &[&str]) -> Option<(T, usize)> {
        if !self.is(words.first()?, bit) {
            return None;
        }
        phrase_at(set, words)
    }

    /// The lists any form of `w` (without glued prefixes and pronoun suffixes) is in,
    /// memoised per thread: a corpus repeats its words.
    pub fn class_of(&self, w: &str) -> u32 {
        let Some(key) = WordKey::of(w) else { return self.class_of_forms(w) };
        CLASSES.with(|m| {
            let mut m = m.borrow_mut();
            if m.0 != self.id || m.1.len() > 200_000 {
                *m = (self.id, FxHashMap::default());
            }
            *m.1.entry(key).or_insert_with(|| self.class_of_forms(w))
        })
    }

    /// [`Describe::class_of`] worked out, not memoised: for a caller that keeps its own
    /// memo of words.
    pub fn class_of_forms(&self, w: &str) -> u32 {
        stems(w).fold(0, |c, s| c | self.classes.get(s).copied().unwrap_or(0))
    }

    fn is(&self, w: &str, bit: u32) -> bool {
        self.class_of(w) & bit != 0
    }

    /// The role a phrase starting at `words[0]` names, and how many words it takes.
    pub fn role_at(&self, words: &[&str]) -> Option<(u16, usize)> {
        self.phrase_of(&self.role_phrases, class::ROLE_START, words)
    }

    /// Does a part-of marker ("بينهم", "of them") start at `words[0]`?
    pub fn part_at(&self, words: &[&str]) -> bool {
        self.phrase_of(&self.part_of, class::PART_START, words).is_some()
    }

    pub fn is_age_unit(&self, lemma: &str) -> bool {
        self.age_units.contains(lemma)
    }

    /// "مربعا", "square": a word after a unit that makes it another unit (an area).
    pub fn is_unit_power(&self, w: &str) -> bool {
        self.unit_powers.contains(w)
    }

    pub fn is_age_word(&self, w: &str) -> bool {
        self.is(w, class::AGE)
    }

    /// Does a marker of a whole ("من أصل", "out of") start at `words[0]`?
    pub fn base_at(&self, words: &[&str]) -> bool {
        self.phrase_of(&self.base_of, class::BASE_START, words).is_some()
    }

    /// Does a reason for a fall ("خفضت", "revised down") start at `words[0]`?
    pub fn fall_reason_at(&self, words: &[&str]) -> bool {
        self.phrase_of(&self.fall_reasons, class::FALL_START, words).is_some()
    }

    pub fn role(&self, k: u16) -> &Role {
        &self.roles[k as usize]
    }

    pub fn role_id(&self, id: &str) -> Option<u16> {
        self.roles.iter().position(|r| r.id == id).map(|k| k as u16)
    }

    /// The status a phrase starting at `words[0]` names.
    pub fn status_at(&self, words: &[&str]) -> Option<(Status, usize)> {
        self.phrase_of(&self.status, class::STATUS_START, words)
    }

    /// How many words a word of counting ("فرز") at `words[0]` takes.
    pub fn counting_at(&self, words: &[&str]) -> Option<usize> {
        self.phrase_of(&self.counting, class::COUNTING_START, words).map(|(_, n)| n)
    }

    /// The canonical form of a counted-noun lemma (its synonym group's head).
    pub fn canonical<'a>(&'a self, lemma: &'a str) -> &'a str {
        let n = self.synonyms.get(lemma).map(String::as_str);
        n.unwrap_or(lemma)
    }

    pub fn has_synonyms(&self, lemma: &str) -> bool {
        self.synonyms.contains_key(lemma)
    }

    pub fn is_generic_people(&self, lemma: &str) -> bool {
        self.generic_people.contains(lemma)
    }

    pub fn is_people(&self, lemma: &str) -> bool {
        self.people.contains(lemma) || self.generic_people.contains(lemma)
    }

    pub fn is_scope_word(&self, w: &str) -> bool {
        self.is(w, class::SCOPE)
    }

    /// A counted thing a story has many of (a duration, a sum of money), by its key.
    pub fn is_many_kinds(&self, key: &str) -> bool {
        self.many_kinds.contains(key) || self.many_kinds.contains(self.canonical(key))
    }

    /// An adjective-like word that says where, not which ("جنوبي").
    pub fn is_not_scope(&self, w: &str) -> bool {
        self.is(w, class::NOT_SCOPE)
    }

    pub fn is_source_marker(&self, w: &str) -> bool {
        self.is(w, class::SOURCE_MARKER)
    }

    pub fn is_source_filler(&self, w: &str) -> bool {
        self.is(w, class::SOURCE_FILLER)
    }

    pub fn is_source_verb(&self, w: &str) -> bool {
        self.is(w, class::SOURCE_VERB)
    }

    /// Does a word say the sentence is about the future: a forecast or plan word, or a
    /// verb with the future prefix ("سيزور", "ستعقد")?
    pub fn is_future_word(&self, words: &[&str]) -> bool {
        let Some(w) = words.first() else { return false };
        if matches!(self.status_at(words), Some((Status::Forecast, _))) {
            return true;
        }
        let w = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).unwrap_or(w);
        let verb = w.strip_prefix('س').is_some_and(|r| r.starts_with(['ي', 'ت', 'ن']) && r.chars().count() >= 4);
        verb && !self.is(w, class::NOT_FUTURE)
    }

    /// "حتى", "until": the date after it ends a period.
    pub fn is_until(&self, w: &str) -> bool {
        self.until.contains(w)
    }

    /// Is a word a past-tense event verb ("وقعت", "held", "opened")?
    pub fn is_past_word(&self, w: &str) -> bool {
        if w.is_ascii() {
            return self.is(w, class::PAST) || (w.len() > 4 && w.ends_with("ed"));
        }
        self.is(w, class::PAST)
    }

    /// The tense of a run of words: future if any word says so, else past if a past
    /// verb stands there.
    pub fn tense(&self, words: &[&str]) -> Tense {
        if (0..words.len()).any(|k| self.is_future_word(&words[k..])) {
            Tense::Future
        } else if words.iter().any(|w| self.is_past_word(w)) {
            Tense::Past
        } else {
            Tense::Unknown
        }
    }

    /// The direction a word of change names ("ارتفع", "fell").
    pub fn direction(&self, w: &str) -> Option<Direction> {
        self.direction_of_class(self.class_of(w))
    }

    /// The direction a word of class `c` ([`Describe::class_of`]) names.
    pub fn direction_of_class(&self, c: u32) -> Option<Direction> {
        if c & class::RISE != 0 {
            Some(Direction::Rise)
        } else if c & class::FALL != 0 {
            Some(Direction::Fall)
        } else {
            None
        }
    }

    pub fn is_trend_from(&self, w: &str) -> bool {
        self.trend_from.contains(w)
    }

    pub fn is_trend_to(&self, w: &str) -> bool {
        self.is(w, class::TREND_TO)
    }

    /// A phrase that restates figures as a percentage at `words[0]` ("أي نحو",
    /// "بزيادة", "an increase of"), and how many words it takes.
    pub fn restate_at(&self, words: &[&str]) -> Option<usize> {
        self.phrase_of(&self.restate, class::RESTATE_START, words).map(|(_, n)| n)
    }

    /// How many words a "the old figure comes next" phrase at `words[0]` takes.
    pub fn from_after_at(&self, words: &[&str]) -> Option<usize> {
        self.phrase_of(&self.from_after, class::FROM_AFTER_START, words).map(|(_, n)| n)
    }

    /// "بعد", "after": what follows happened first.
    pub fn is_after(&self, w: &str) -> bool {
        self.is(w, class::AFTER)
    }

    /// "الذي", "which": a relative pronoun, which opens a clause inside a sentence.
    pub fn is_relative(&self, w: &str) -> bool {
        self.is(w, class::RELATIVE)
    }

    /// "قبل", "before": what precedes happened first.
    pub fn is_before(&self, w: &str) -> bool {
        self.is(w, class::BEFORE)
    }

    pub fn is_stopword(&self, w: &str) -> bool {
        self.is(w, class::STOPWORD)
    }

    /// "منذ", "since": a count runs from what follows.
    pub fn is_since(&self, w: &str) -> bool {
        self.is(w, class::SINCE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain statement of what [`stems`] computes, to check the fast one against.
    fn stems_by_strings(w: &str) -> Vec<&str> {
        let mut out: Vec<&str> = vec![w];
        if !w.is_ascii() {
            for p in PREFIXES {
                if let Some(r) = w.strip_prefix(p) {
                    if r.chars().count() >= 2 && !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
            let n = out.len();
            for k in 0..n {
                for s in SUFFIXES {
                    if let Some(r) = out[k].strip_suffix(s) {
                        if r.chars().count() >= 3 && !out.contains(&r) {
                            out.push(r);
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn stems_are_the_words_without_prefixes_and_suffixes() {
        let words = [
            "وبالمقتل",
            "والقتلى",
            "بالمئة",
            "فالحكومة",
            "كالعادة",
            "وللمرة",
            "للمرة",
            "الجرحى",
            "وبمقتل",
            "ولهم",
            "وقتلهم",
            "بيوتهما",
            "سكانها",
            "منزله",
            "أنفسكم",
            "مقاتليهن",
            "ب",
            "بال",
            "وال",
            "ها",
            "قتلى",
            "killed",
            "و12",
            "بـ20",
            "الـ157",
            "لله",
            "ولد",
            "ببيته",
        ];
        for w in words {
            let w = normalize_word(w);
            assert_eq!(stems(&w).collect::<Vec<_>>(), stems_by_strings(&w), "{w}");
        }
    }

    #[test]
    fn roles_match_with_prefixes_and_phrases() {
        let d = Describe::default_describe();
        let (r, n) = d.role_at(&["ومقتل", "14"]).unwrap();
        assert_eq!((d.role(r).id.as_str(), n), ("killed", 1));
        assert!(d.role(r).toll);
        let (r, n) = d.role_at(&[normalize_word("على").as_str(), "بعد", "35"]).unwrap();
        assert_eq!((d.role(r).id.as_str(), n), ("distance", 2));
        assert!(d.role_at(&["الحكومه"]).is_none());
    }

    #[test]
    fn synonyms_and_people() {
        let d = Describe::default_describe();
        assert_eq!(d.canonical(&normalize_word("مصاب")), d.canonical(&normalize_word("جريح")));
        assert!(d.is_generic_people(&normalize_word("شخص")));
        assert!(d.is_people("مهاجر"));
    }

    #[test]
    fn stems_meet_across_forms() {
        assert_eq!(stem(&normalize_word("الإسبانية")), stem(&normalize_word("إسبانية")));
        assert_eq!(stem("migrants"), stem("migrant"));
        assert!(stems("وبمقتل").any(|s| s == "مقتل"));
    }
}
