//! Word lists, loaded from the YAML files under `rules/lexicon/`.
//!
//! The defaults are embedded in the binary; every form is normalised with
//! [`crate::text::normalize_word`] at load time so lookups work on normalised text.

pub mod describe;

use crate::text::normalize_word;
use crate::yaml::{load_yaml, YamlError};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What one number word contributes to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    Unit,
    TeenUnit,
    Teen,
    Ten,
    Hundred,
    Scale,
    Dual,
    Dozen,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberWord {
    pub kind: NumberKind,
    pub value: f64,
}

/// How exact a number is, as its qualifier says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    Approx,
    AtLeast,
    AtMost,
    Range,
}

impl Bound {
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approx => "approx",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Range => "range",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    teen_base: Vec<String>,
    decimal_point: Vec<String>,
    not_alone: Vec<String>,
    one_before_scale: Vec<String>,
    fractions: BTreeMap<String, f64>,
    #[serde(default)]
    shares: SharesFile,
    negative: Vec<String>,
    glued_scales: BTreeMap<String, f64>,
    score: ScoreFile,
    numbers: Vec<NumberEntry>,
    ordinals: Vec<OrdinalEntry>,
}

/// How a fraction tells a share of a whole ("نصفهم", "ثلثا السكان", "two-thirds of").
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SharesFile {
    /// Pronoun suffixes a fraction takes: "نصفهم", "ثلثيها".
    #[serde(default)]
    suffixes: Vec<String>,
    /// Definite words after a fraction that make it no share: "نصف النهائي" is a
    /// semi-final, "ربع الساعة" a time.
    #[serde(default)]
    not_before: Vec<String>,
    /// English words before the whole: "of".
    #[serde(default)]
    of: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreFile {
    noun: String,
    result_words: Vec<String>,
    against: Vec<String>,
    wins: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberEntry {
    kind: NumberKind,
    value: f64,
    forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalEntry {
    value: f64,
    #[serde(default)]
    teen_unit: bool,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersFile {
    before: BTreeMap<Bound, Vec<String>>,
    after: BTreeMap<Bound, Vec<String>>,
    range: RangeWords,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeWords {
    start: Vec<String>,
    join: Vec<String>,
    join_after_number: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NounsFile {
    back_reference: Vec<String>,
    not_inherited: Vec<String>,
    noun_before: BTreeMap<String, Vec<String>>,
    partitive_determiners: Vec<String>,
    glued_units: BTreeMap<String, String>,
    currency_signs: BTreeMap<String, String>,
    dual_nouns: BTreeMap<String, Vec<String>>,
    not_dual: Vec<String>,
    not_dual_endings: Vec<String>,
    dual_adjectives: Vec<String>,
    toll_nouns: BTreeMap<String, String>,
    percent: Vec<String>,
    not_ordinal_count: Vec<String>,
    ordinal_nouns: Vec<String>,
    #[serde(default)]
    copulas: Vec<String>,
    nouns: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    not_claim_before: BTreeMap<String, Vec<String>>,
    not_claim_after: BTreeMap<String, Vec<String>>,
    not_a_noun: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    months: BTreeMap<u32, Vec<String>>,
    weekdays: BTreeMap<u32, Vec<String>>,
    weekdays_before_week: BTreeMap<u32, Vec<String>>,
    ambiguous_alone: Vec<String>,
    hijri_months: BTreeMap<u32, Vec<String>>,
    hijri_marks: Vec<String>,
    gregorian_marks: Vec<String>,
    period_start: Vec<String>,
    leading_prepositions: Vec<String>,
    month_word: Vec<String>,
    year_markers: Vec<String>,
    weekday_links: Vec<String>,
    day_word: Vec<String>,
    modifiers: BTreeMap<i32, Vec<String>>,
    pre_modifiers: Vec<String>,
    units: BTreeMap<Unit, Vec<String>>,
    relative_days: BTreeMap<i32, Vec<String>>,
    #[serde(default)]
    decades: BTreeMap<i32, Vec<String>>,
    document_excludes: Vec<String>,
    today_not_before: Vec<String>,
    today_not_after: Vec<String>,
    #[serde(default)]
    short_numeric_after: Vec<String>,
    event_markers: Vec<String>,
    parts: BTreeMap<Part, Vec<String>>,
    #[serde(default)]
    month_part_days: BTreeMap<String, Vec<String>>,
    interval_start: Vec<String>,
    interval_join: Vec<String>,
    day_suffixes: Vec<String>,
    publication_labels: Vec<String>,
    ago_before: Vec<String>,
    ago_before_line_only: Vec<String>,
    ago_from_event: Vec<String>,
    ago_only: Vec<String>,
    ago_from_now: Vec<String>,
    ago_after: Vec<String>,
    counted_units: BTreeMap<Unit, CountedUnitForms>,
    last_words: Vec<String>,
    holidays: Vec<HolidayEntry>,
    year_periods: Vec<YearPeriodEntry>,
    seasons: Vec<YearPeriodEntry>,
    ago_qualified: Vec<String>,
    ago_accusative_units: BTreeMap<Unit, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearPeriodEntry {
    forms: Vec<String>,
    months: (u32, u32),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountedUnitForms {
    one: Vec<String>,
    two: Vec<String>,
    many: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    forms: Vec<String>,
    #[serde(default)]
    gregorian: Option<(u32, u32)>,
    #[serde(default)]
    hijri: Option<(u32, u32)>,
    #[serde(default)]
    easter: bool,
}

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum HolidayRule {
    /// (month, day) in the Gregorian calendar.
    Gregorian(u32, u32),
    /// (month, day) in the Hijri (Umm al-Qura) calendar.
    Hijri(u32, u32),
    /// Western Easter Sunday.
    Easter,
}

/// A unit of time in relative expressions ("الشهر الماضي", "last year").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    /// Only in `decades` ("العقد الماضي"): never read from a count of units.
    Decade,
}

/// A part of a month or a year ("مطلع", "منتصف", "أواخر").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Start,
    Middle,
    End,
}

/// The calendar words the date grammar reads, normalised.
#[derive(Debug, Clone)]
pub struct CalendarWords {
    /// Every word that may open a date expression before its anchor: the words of
    /// every calendar phrase, number words and ordinals.
    pub openers: rustc_hash::FxHashSet<String>,
    pub ambiguous_alone: Vec<String>,
    /// Modifiers that may stand before their unit ("this year", "هذا العام").
    pub pre_modifiers: Vec<String>,
    pub hijri_months: PhraseSet<u32>,
    pub hijri_marks: Vec<String>,
    pub gregorian_marks: Vec<String>,
    /// Words that make the date after them the start of a period: "منذ", "since".
    pub period_start: Vec<String>,
    /// Prepositions a whole-line date may start with ("في", "on").
    pub leading_prepositions: Vec<String>,
    pub month_word: Vec<String>,
    pub year_markers: Vec<String>,
    pub weekday_links: Vec<String>,
    pub day_word: Vec<String>,
    pub modifiers: PhraseSet<i32>,
    pub units: PhraseSet<Unit>,
    pub relative_days: PhraseSet<i32>,
    /// "العقد الماضي" (-1), "العقد المقبل" (+1): whole phrases, since "العقد" alone, and
    /// "العقد الحالي", "العقد السابق", are as often a contract.
    pub decades: PhraseSet<i32>,
    pub document_excludes: Vec<String>,
    /// Words after "اليوم" that make it another day than today ("نفسه").
    pub today_not_before: Vec<String>,
    /// Words before "اليوم" that make it another day than today ("ذلك").
    pub today_not_after: Vec<String>,
    /// Words after which a day and month in digits without a year ("يوم 17/09") is a
    /// date; elsewhere "عيار 14/5", "هجمات 11/9" are a calibre and a name.
    pub short_numeric_after: Vec<String>,
    /// Words of named events whose year follows ("كأس العالم 2018").
    pub event_markers: Vec<String>,
    pub parts: PhraseSet<Part>,
    /// The line protocol's reading of a part of a month as its days: "أوائل" 1 to 10,
    /// "منتصف" the 15th (31 is the month's last day).
    pub month_part_days: PhraseSet<(u32, u32)>,
    pub interval_start: PhraseSet<()>,
    pub interval_join: Vec<String>,
    pub day_suffixes: Vec<String>,
    pub publication_labels: PhraseSet<()>,
    pub ago_before: Vec<String>,
    pub ago_before_line_only: Vec<String>,
    /// "قبل أسبوع من قيام ترامب": a span back from another event ("من الآن" excepted).
    pub ago_from_event: Vec<String>,
    pub ago_only: Vec<String>,
    pub ago_from_now: Vec<String>,
    pub ago_after: Vec<String>,
    /// Counted unit forms -> (unit, the count a dual implies: 1 or 2; 0 for plurals).
    pub counted_units: PhraseSet<(Unit, u32)>,
    pub last_words: Vec<String>,
    pub holidays: PhraseSet<HolidayRule>,
    /// Quarters and halves: (first month, last month).
    pub year_periods: PhraseSet<(u32, u32)>,
    /// Seasons: (first month, last month); a date only with their year.
    pub seasons: PhraseSet<(u32, u32)>,
    /// Ago words after which a qualifier makes the time too loose to check ("قبل أكثر
    /// من أسبوع"); after the others ("منذ أكثر من أسبوعين") it is a duration.
    pub ago_qualified: Vec<String>,
    /// Units read as a span back only after `ago_qualified` words ("قبل عشرين عاما").
    pub ago_accusative_units: PhraseSet<Unit>,
}

/// A phrase of one or more normalised words.
pub type Phrase = Vec<String>;

/// Phrases with a value each, indexed by their first and last word so that matching
/// at a position costs one hash lookup, not a scan of the list.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    by_first: HashMap<String, Vec<(Phrase, T)>>,
    by_last: HashMap<String, Vec<(String, T)>>,
    /// The first chars of the first words, hashed into 256 bits: a text whose first
    /// char's bit is unset starts no phrase of the set, and most texts asked are such.
    first_chars: [u64; 4],
}

/// A char's bit in [`PhraseSet`]'s `first_chars`.
fn char_bit(c: char) -> (usize, u64) {
    let h = (c as u32).wrapping_mul(0x9E37_79B1) >> 24;
    ((h >> 6) as usize, 1 << (h & 63))
}

impl<T: Copy> PhraseSet<T> {
    pub fn new(items: impl IntoIterator<Item = (Phrase, T)>) -> Self {
        let mut by_first: HashMap<String, Vec<(Phrase, T)>> = HashMap::default();
        let mut by_last: HashMap<String, Vec<(String, T)>> = HashMap::default();
        for (p, t) in items {
            let (Some(first), Some(last)) = (p.first(), p.last()) else { continue };
            by_last.entry(last.clone()).or_default().push((p.join(" "), t));
            by_first.entry(first.clone()).or_default().push((p, t));
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            v.dedup_by(|a, b| a.0 == b.0);
        }
        for v in by_last.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        let mut first_chars = [0u64; 4];
        for c in by_first.keys().filter_map(|w| w.chars().next()) {
            let (k, bit) = char_bit(c);
            first_chars[k] |= bit;
        }
        PhraseSet { by_first, by_last, first_chars }
    }

    /// Can a phrase of the set start at `i`? `false` only when none can: the first
    /// char of `i` starts no phrase's first word.
    pub fn may_start(&self, i: &str) -> bool {
        i.chars().next().is_some_and(|c| {
            let (k, bit) = char_bit(c);
            self.first_chars[k] & bit != 0
        })
    }

    /// Phrases that start with `word`, longest first.
    pub fn starting_with(&self, word: &str) -> &[(Phrase, T)] {
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }

    /// Phrases (words joined by one space) that end with `word`, longest first.
    pub fn ending_with(&self, word: &str) -> &[(String, T)] {
        self.by_last.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// Every word of every phrase.
    pub fn all_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.values().flatten().flat_map(|(p, _)| p.iter())
    }

    pub fn contains(&self, words: &[&str]) -> Option<T> {
        let first = words.first()?;
        self.starting_with(first)
            .iter()
            .find(|(p, _)| p.iter().map(String::as_str).eq(words.iter().copied()))
            .map(|x| x.1)
    }
}

/// Every word list the grammars read, normalised and indexed.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub numbers: HashMap<String, NumberWord>,
    pub ordinals: HashMap<String, (f64, bool)>,
    /// Every written form of a number word with the prefixes it may carry ("وبالثلاثة"),
    /// as a cardinal and as an ordinal (see [`Lexicon::number_form`]): one lookup a word.
    pub cardinal_forms: HashMap<String, NumberWord>,
    pub ordinal_forms: HashMap<String, NumberWord>,
    pub teen_base: Vec<String>,
    pub decimal_point: Vec<String>,
    pub not_alone: Vec<String>,
    pub one_before_scale: Vec<String>,
    /// Fractions by normalised word: "نصف" 0.5, "ثلثا" 2/3.
    pub fractions: HashMap<String, f64>,
    /// Pronoun suffixes of a share ("نصفهم"), words after a fraction that make it no
    /// share ("نصف النهائي"), and the English "of" before the whole.
    pub share_suffixes: Vec<String>,
    pub share_not_before: Vec<String>,
    pub share_of: Vec<String>,
    /// Words that negate the number after them.
    pub negative: Vec<String>,
    pub glued_scales: HashMap<String, f64>,
    /// The counted noun of a match score ("هدف").
    pub score_noun: String,
    /// Words of a result that make "4-2" after them a score ("بنتيجة", "فاز", "won").
    pub score_words: Vec<String>,
    /// Wins told by their goals: "رباعية" 4.
    pub score_wins: HashMap<String, f64>,
    /// Words between the two sides of a score told in goals ("4 أهداف مقابل هدفين").
    pub score_against: Vec<String>,
    /// Qualifier phrases before a number.
    pub before: PhraseSet<Bound>,
    /// Qualifier phrases after a number or its noun.
    pub after: PhraseSet<Bound>,
    pub range_start: Vec<String>,
    pub range_join: Vec<String>,
    pub range_join_after_number: Vec<String>,
    /// Normalised lemmas after which an ordinal is a position, not a count.
    pub not_ordinal_count: Vec<String>,
    /// Nouns an ordinal counts that are no counted noun alone ("للمرة الثانية"): the
    /// normalised form and its lemma.
    pub ordinal_nouns: HashMap<String, String>,
    /// "هو", "هي": an ordinal after one ranks the clause's subject ("ووباء إيبولا
    /// الحالي … هو الثامن").
    pub copulas: Vec<String>,
    pub nouns: HashMap<String, String>,
    pub back_reference: Vec<String>,
    /// Nouns a later back-reference does not take (units of time, measure, money).
    pub not_inherited: Vec<String>,
    /// Nouns written before their number ("magnitude 6.3"), form -> lemma.
    pub noun_before: HashMap<String, String>,
    pub partitive_determiners: Vec<String>,
    pub glued_units: HashMap<String, String>,
    pub currency_signs: HashMap<String, String>,
    /// Dual nouns that count two by themselves, form -> lemma.
    pub dual_nouns: HashMap<String, String>,
    /// Words that end like a dual and are not one ("بوتين", "لبنان").
    pub not_dual: Vec<String>,
    /// Endings of words that look like a dual and are not ("باكستان").
    pub not_dual_endings: Vec<String>,
    /// Adjectives in the masculine dual that confirm the noun before them is one.
    pub dual_adjectives: Vec<String>,
    /// The noun a toll verb counts when no noun follows ("وقتل 15": killed -> قتيل), by role.
    pub toll_nouns: HashMap<String, String>,
    /// Percent phrases.
    pub percent: PhraseSet<()>,
    pub not_claim_before: HashMap<String, String>,
    pub not_claim_after: HashMap<String, String>,
    pub not_a_noun: Vec<String>,
    /// Month phrases (normalised) with their number.
    pub months: PhraseSet<u32>,
    pub weekdays: HashMap<String, u32>,
    /// Weekday forms that are also numbers ("اثنين" two, "احد" one): a weekday only
    /// before a week ("اثنين الاسبوع الحالي").
    pub weekdays_before_week: HashMap<String, u32>,
    pub calendar: CalendarWords,
}

/// The conjunctions and prepositions a number word may carry glued before it (with
/// or without the article after them).
const NUMBER_CONJ: [&str; 3] = ["", "و", "ف"];
const NUMBER_PREP: [&str; 3] = ["", "ب", "ل"];

/// Prefix letters an Arabic word may carry: a conjunction, a preposition, the article.
/// Yields (stem, has_article) from the least to the most stripped.
fn number_stems(word: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let two = |r: &str| r.chars().nth(1).is_some();
    for c in NUMBER_CONJ {
        let Some(a) = word.strip_prefix(c) else { continue };
        for p in NUMBER_PREP {
            let Some(b) = a.strip_prefix(p) else { continue };
            if two(b) {
                out.push((b, false));
            }
            if let Some(stem) = b.strip_prefix("ال") {
                if two(stem) {
                    out.push((stem, true));
                }
            }
        }
        // "لل" is ل + ال with the alef dropped.
        if let Some(stem) = a.strip_prefix("لل") {
            if two(stem) {
                out.push((stem, true));
            }
        }
    }
    out.into_iter()
}

impl Lexicon {
    /// A word as a number word, prefixes stripped: as a cardinal (no article:
    /// "وخمسة") or, with `ordinal`, also with the article and in ordinal forms
    /// ("والعشرين", "التسعين", "الثالث").
    pub fn number_form(&self, w: &str, ordinal: bool) -> Option<NumberWord> {
        if ordinal { self.ordinal_forms.get(w) } else { self.cardinal_forms.get(w) }.copied()
    }

    /// The reading of `w` by stripping its prefixes one way after another (what
    /// [`Lexicon::number_form`] looks up, computed once for every form).
    fn number_form_by_stems(&self, w: &str, ordinal: bool) -> Option<NumberWord> {
        for (stem, article) in number_stems(w) {
            if article && !ordinal {
                continue;
            }
            if let Some(nw) = self.numbers.get(stem) {
                return Some(*nw);
            }
            if ordinal {
                if let Some(&(value, teen_unit)) = self.ordinals.get(stem) {
                    let kind = if teen_unit { NumberKind::TeenUnit } else { NumberKind::Unit };
                    return Some(NumberWord { kind, value });
                }
            }
        }
        None
    }

    fn index_number_forms(&mut self) {
        let bases: Vec<String> = self.numbers.keys().chain(self.ordinals.keys()).cloned().collect();
        let mut forms: Vec<String> = Vec::new();
        for base in &bases {
            for c in NUMBER_CONJ {
                for p in NUMBER_PREP {
                    forms.push(format!("{c}{p}{base}"));
                    forms.push(format!("{c}{p}ال{base}"));
                }
                forms.push(format!("{c}لل{base}"));
            }
        }
        for f in forms {
            if let Some(nw) = self.number_form_by_stems(&f, false) {
                self.cardinal_forms.insert(f.clone(), nw);
            }
            if let Some(nw) = self.number_form_by_stems(&f, true) {
                self.ordinal_forms.insert(f, nw);
            }
        }
    }
}

/// The embedded default word lists: (file name, contents).
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    ("rules/lexicon/numbers.yaml", include_str!("../../rules/lexicon/numbers.yaml")),
    ("rules/lexicon/qualifiers.yaml", include_str!("../../rules/lexicon/qualifiers.yaml")),
    ("rules/lexicon/nouns.yaml", include_str!("../../rules/lexicon/nouns.yaml")),
    ("rules/lexicon/context.yaml", include_str!("../../rules/lexicon/context.yaml")),
    ("rules/lexicon/calendar.yaml", include_str!("../../rules/lexicon/calendar.yaml")),
];

fn phrase(s: &str) -> Phrase {
    normalize_word(s).split_whitespace().map(str::to_string).collect()
}

fn phrase_set<T: Copy>(map: &BTreeMap<T, Vec<String>>) -> PhraseSet<T> {
    PhraseSet::new(map.iter().flat_map(|(k, v)| v.iter().map(move |s| (phrase(s), *k))))
}

/// "1-10: [أوائل, early]" as the days 1 to 10.
fn month_part_days(map: &BTreeMap<String, Vec<String>>) -> Result<PhraseSet<(u32, u32)>, String> {
    let mut out = Vec::new();
    for (k, v) in map {
        let days = k
            .split_once('-')
            .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)))
            .filter(|&(a, b)| (1..=31).contains(&a) && (a..=31).contains(&b))
            .ok_or_else(|| format!("month_part_days: '{k}' is not a range of days like '1-10'"))?;
        out.extend(v.iter().map(|s| (phrase(s), days)));
    }
    Ok(PhraseSet::new(out))
}

fn words(list: &[String]) -> Vec<String> {
    list.iter().map(|s| normalize_word(s)).collect()
}

impl Lexicon {
    /// The embedded defaults. They are tested, so this cannot fail at run time.
    pub fn default_lexicon() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::from_files(DEFAULT_FILES).expect("embedded word lists are valid"))
    }

    /// Build a lexicon from the five word-list files, by name.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Lexicon, YamlError> {
        let find = |suffix: &str| -> Result<(&str, &str), YamlError> {
            files.iter().find(|(name, _)| name.ends_with(suffix)).copied().ok_or_else(|| YamlError {
                file: suffix.to_string(),
                line: None,
                message: "word list missing".to_string(),
            })
        };
        let (name, text) = find("numbers.yaml")?;
        let numbers_file: NumbersFile = load_yaml(name, text)?;
        let (name, text) = find("qualifiers.yaml")?;
        let qualifiers: QualifiersFile = load_yaml(name, text)?;
        let (name, text) = find("nouns.yaml")?;
        let nouns_file: NounsFile = load_yaml(name, text)?;
        let (name, text) = find("context.yaml")?;
        let context: ContextFile = load_yaml(name, text)?;
        let (name, text) = find("calendar.yaml")?;
        let calendar: CalendarFile = load_yaml(name, text)?;
        let month_part_days =
            month_part_days(&calendar.month_part_days).map_err(|m| YamlError::new(name.to_string(), None, m))?;

        let mut numbers = HashMap::default();
        for entry in &numbers_file.numbers {
            for form in &entry.forms {
                numbers.insert(normalize_word(form), NumberWord { kind: entry.kind, value: entry.value });
            }
        }
        let mut ordinals = HashMap::default();
        for entry in &numbers_file.ordinals {
            for form in &entry.forms {
                ordinals.insert(normalize_word(form), (entry.value, entry.teen_unit));
            }
        }
        let mut nouns = HashMap::default();
        for (lemma, forms) in &nouns_file.nouns {
            for form in forms {
                nouns.insert(normalize_word(form), lemma.clone());
            }
        }
        let flatten = |m: &BTreeMap<String, Vec<String>>| -> HashMap<String, String> {
            m.iter().flat_map(|(why, list)| list.iter().map(move |w| (normalize_word(w), why.clone()))).collect()
        };
        let numbered = |m: &BTreeMap<u32, Vec<String>>| -> HashMap<String, u32> {
            m.iter().flat_map(|(n, forms)| forms.iter().map(move |f| (normalize_word(f), *n))).collect()
        };
        let weekdays = numbered(&calendar.weekdays);
        let weekdays_before_week = numbered(&calendar.weekdays_before_week);
        let percent = PhraseSet::new(nouns_file.percent.iter().map(|s| (phrase(s), ())));
        let mut lexicon = Lexicon {
            numbers,
            ordinals,
            cardinal_forms: HashMap::default(),
            ordinal_forms: HashMap::default(),
            teen_base: words(&numbers_file.teen_base),
            decimal_point: words(&numbers_file.decimal_point),
            not_alone: words(&numbers_file.not_alone),
            one_before_scale: words(&numbers_file.one_before_scale),
            fractions: numbers_file.fractions.iter().map(|(k, v)| (crate::text::normalize_word(k), *v)).collect(),
            share_suffixes: words(&numbers_file.shares.suffixes),
            share_not_before: words(&numbers_file.shares.not_before),
            share_of: words(&numbers_file.shares.of),
            negative: words(&numbers_file.negative),
            glued_scales: numbers_file.glued_scales.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            score_noun: numbers_file.score.noun.clone(),
            score_words: words(&numbers_file.score.result_words),
            score_against: words(&numbers_file.score.against),
            score_wins: numbers_file.score.wins.iter().map(|(k, v)| (normalize_word(k), *v)).collect(),
            before: phrase_set(&qualifiers.before),
            after: phrase_set(&qualifiers.after),
            range_start: words(&qualifiers.range.start),
            range_join: words(&qualifiers.range.join),
            range_join_after_number: words(&qualifiers.range.join_after_number),
            not_ordinal_count: words(&nouns_file.not_ordinal_count),
            ordinal_nouns: nouns_file.ordinal_nouns.iter().map(|n| (normalize_word(n), n.clone())).collect(),
            copulas: nouns_file.copulas.iter().map(|n| normalize_word(n)).collect(),
            nouns,
            back_reference: words(&nouns_file.back_reference),
            not_inherited: words(&nouns_file.not_inherited),
            noun_before: flatten(&nouns_file.noun_before).into_iter().collect(),
            partitive_determiners: words(&nouns_file.partitive_determiners),
            glued_units: nouns_file.glued_units.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            currency_signs: nouns_file.currency_signs.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            dual_nouns: flatten(&nouns_file.dual_nouns).into_iter().collect(),
            not_dual: words(&nouns_file.not_dual),
            not_dual_endings: words(&nouns_file.not_dual_endings),
            dual_adjectives: words(&nouns_file.dual_adjectives),
            toll_nouns: nouns_file.toll_nouns.clone().into_iter().collect(),
            percent,
            not_claim_before: flatten(&context.not_claim_before),
            not_claim_after: flatten(&context.not_claim_after),
            not_a_noun: words(&context.not_a_noun),
            months: phrase_set(&calendar.months),
            weekdays,
            weekdays_before_week,
            calendar: CalendarWords {
                ambiguous_alone: words(&calendar.ambiguous_alone),
                pre_modifiers: words(&calendar.pre_modifiers),
                hijri_months: phrase_set(&calendar.hijri_months),
                hijri_marks: words(&calendar.hijri_marks),
                gregorian_marks: words(&calendar.gregorian_marks),
                period_start: words(&calendar.period_start),
                leading_prepositions: words(&calendar.leading_prepositions),
                month_word: words(&calendar.month_word),
                year_markers: words(&calendar.year_markers),
                weekday_links: words(&calendar.weekday_links),
                day_word: words(&calendar.day_word),
                modifiers: phrase_set(&calendar.modifiers),
                units: phrase_set(&calendar.units),
                relative_days: phrase_set(&calendar.relative_days),
                decades: phrase_set(&calendar.decades),
                document_excludes: calendar.document_excludes.iter().map(|s| normalize_word(s)).collect(),
                today_not_before: words(&calendar.today_not_before),
                today_not_after: words(&calendar.today_not_after),
                short_numeric_after: words(&calendar.short_numeric_after),
                event_markers: words(&calendar.event_markers),
                parts: phrase_set(&calendar.parts),
                month_part_days,
                interval_start: PhraseSet::new(calendar.interval_start.iter().map(|s| (phrase(s), ()))),
                interval_join: {
                    // Longest first: "وحتى" before "و".
                    let mut joins = words(&calendar.interval_join);
                    joins.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
                    joins
                },
                day_suffixes: words(&calendar.day_suffixes),
                publication_labels: PhraseSet::new(calendar.publication_labels.iter().map(|s| (phrase(s), ()))),
                ago_before: words(&calendar.ago_before),
                ago_before_line_only: words(&calendar.ago_before_line_only),
                ago_from_event: words(&calendar.ago_from_event),
                ago_only: words(&calendar.ago_only),
                ago_from_now: words(&calendar.ago_from_now),
                ago_after: words(&calendar.ago_after),
                counted_units: PhraseSet::new(calendar.counted_units.iter().flat_map(|(unit, f)| {
                    let one = f.one.iter().map(move |s| (phrase(s), (*unit, 1)));
                    let two = f.two.iter().map(move |s| (phrase(s), (*unit, 2)));
                    let many = f.many.iter().map(move |s| (phrase(s), (*unit, 0)));
                    one.chain(two).chain(many)
                })),
                last_words: words(&calendar.last_words),
                year_periods: PhraseSet::new(
                    calendar.year_periods.iter().flat_map(|p| p.forms.iter().map(move |f| (phrase(f), p.months))),
                ),
                seasons: PhraseSet::new(
                    calendar.seasons.iter().flat_map(|p| p.forms.iter().map(move |f| (phrase(f), p.months))),
                ),
                ago_qualified: words(&calendar.ago_qualified),
                ago_accusative_units: phrase_set(&calendar.ago_accusative_units),
                holidays: PhraseSet::new(calendar.holidays.iter().flat_map(|h| {
                    let rule = match (h.gregorian, h.hijri, h.easter) {
                        (Some((m, d)), _, _) => HolidayRule::Gregorian(m, d),
                        (None, Some((m, d)), _) => HolidayRule::Hijri(m, d),
                        _ => HolidayRule::Easter,
                    };
                    h.forms.iter().map(move |s| (phrase(s), rule))
                })),
                openers: Default::default(),
            },
        };
        lexicon.calendar.openers = lexicon.date_openers();
        lexicon.index_number_forms();
        Ok(lexicon)
    }

    /// The words that may open a date expression before its anchor.
    fn date_openers(&self) -> rustc_hash::FxHashSet<String> {
        let c = &self.calendar;
        let mut out: rustc_hash::FxHashSet<String> = self.numbers.keys().cloned().collect();
        out.extend(self.ordinals.keys().cloned());
        out.extend(self.ordinals.keys().map(|k| format!("ال{k}")));
        out.extend(self.weekdays.keys().cloned());
        for list in [
            &c.period_start,
            &c.year_markers,
            &c.weekday_links,
            &c.day_word,
            &c.month_word,
            &c.ago_before,
            &c.last_words,
            &c.interval_join,
        ] {
            out.extend(list.iter().cloned());
        }
        out.extend(c.interval_start.all_words().cloned());
        out.extend(c.parts.all_words().cloned());
        out.extend(c.modifiers.all_words().cloned());
        out.extend(c.relative_days.all_words().cloned());
        out.extend(c.decades.all_words().cloned());
        out.extend(c.year_periods.all_words().cloned());
        out.extend(["the", "of", "من", "في"].map(String::from));
        out
    }

    /// Words around which a date expression is looked for: month, weekday and Hijri
    /// month names, units ("العام", "الشهر") and relative days ("أمس"), each with the
    /// phrases (words joined by one space) it anchors only as their first word: empty
    /// for a word that is a date word alone ("أمس", "تموز"), "في هذا اليوم" for "في".
    pub fn date_anchor_words(&self) -> Vec<(String, Vec<String>)> {
        let c = &self.calendar;
        let mut out: HashMap<String, Option<Vec<String>>> = HashMap::default();
        for w in self.weekdays.keys().chain(&c.month_word) {
            out.insert(w.clone(), None);
        }
        fn phrases<T: Copy>(set: &PhraseSet<T>, out: &mut HashMap<String, Option<Vec<String>>>) {
            for (first, list) in &set.by_first {
                let entry = out.entry(first.clone()).or_insert_with(|| Some(Vec::new()));
                match entry {
                    Some(v) if list.iter().all(|(p, _)| p.len() > 1) => v.extend(list.iter().map(|(p, _)| p.join(" "))),
                    _ => *entry = None,
                }
            }
        }
        phrases(&self.months, &mut out);
        phrases(&c.hijri_months, &mut out);
        phrases(&c.units, &mut out);
        phrases(&c.relative_days, &mut out);
        phrases(&c.decades, &mut out);
        phrases(&c.holidays, &mut out);
        phrases(&c.counted_units, &mut out);
        phrases(&c.year_periods, &mut out);
        phrases(&c.seasons, &mut out);
        phrases(&c.parts, &mut out);
        let mut out: Vec<(String, Vec<String>)> = out
            .into_iter()
            .map(|(w, p)| {
                let mut p = p.unwrap_or_default();
                p.sort();
                p.dedup();
                (w, p)
            })
            .collect();
        out.sort();
        out
    }

    /// Every normalised word that can start a claim: number words, first words of
    /// qualifiers and range openers. The candidate scanner looks for these.
    pub fn trigger_words(&self) -> Vec<String> {
        let mut out: Vec<String> = self.numbers.keys().cloned().collect();
        out.extend(self.ordinals.keys().cloned());
        out.extend(self.before.first_words().cloned());
        out.extend(self.range_start.iter().cloned());
        out.extend(self.noun_before.keys().cloned());
        out.extend(self.dual_nouns.keys().cloned());
        out.extend(self.fractions.keys().cloned());
        // "نصفهم", "ثلثيها": a fraction with a pronoun.
        for f in self.fractions.keys().filter(|f| !f.is_ascii()) {
            out.extend(self.share_suffixes.iter().map(|s| format!("{f}{s}")));
        }
        out.extend(self.negative.iter().cloned());
        out.extend(self.score_wins.keys().cloned());
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_normalise() {
        let lex = Lexicon::default_lexicon();
        assert_eq!(lex.numbers["الف"].value, 1000.0);
        assert_eq!(lex.numbers["خمسه"].value, 5.0);
        assert_eq!(lex.nouns["عناصر"], "عنصر");
        assert_eq!(lex.before.contains(&["اكثر", "من"]), Some(Bound::AtLeast));
        assert_eq!(lex.months.starting_with("تشرين")[0].0.len(), 2);
        assert!(lex.months.ending_with("الثاني").iter().any(|(p, m)| p == "تشرين الثاني" && *m == 11));
    }

    #[test]
    fn a_phrase_set_may_start_where_its_phrases_start_and_rules_out_the_rest() {
        let lex = Lexicon::default_lexicon();
        fn all_may_start<T: Copy>(set: &PhraseSet<T>) {
            for w in set.first_words() {
                assert!(set.may_start(&format!("{w} 2024")), "{w}");
            }
        }
        all_may_start(&lex.months);
        all_may_start(&lex.calendar.units);
        all_may_start(&lex.calendar.holidays);
        all_may_start(&lex.before);
        assert!(!lex.months.may_start("22 عملية"));
        assert!(!lex.months.may_start(""));
    }

    #[test]
    fn yaml_errors_name_file_and_line() {
        let err = load_yaml::<NumbersFile>("x.yaml", "teen_base: []\ndecimal_point: []\nnot_alone: []\none_before_scale: []\nfractions: {}\nnegative: []\nglued_scales: {}\nscore: {noun: x, result_words: [], against: [], wins: {}}\nnumbers: []\nordinals: []\nbogus: 1\n")
            .unwrap_err();
        assert_eq!(err.file, "x.yaml");
        assert_eq!(err.line, Some(11));
        assert!(err.message.contains("bogus"), "{}", err.message);
    }
}
