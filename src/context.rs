//! Claim context: what a claim counts (metric = noun class + event, stock or flow),
//! whom it is about (entities, and the content words of its sentence), read from
//! `rules/lexicon/metrics.yaml` and `rules/lexicon/entities.yaml`.

use crate::lexicon::{load_yaml, Phrase, PhraseSet, YamlError};
use crate::text::{is_word_char, normalize_word};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Stock (true as of a day) or flow (counted over a period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    Stock,
    Flow,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsFile {
    classes: BTreeMap<String, Vec<String>>,
    events: BTreeMap<String, EventEntry>,
    default_type: BTreeMap<MetricKindKey, Vec<String>>,
    trend: TrendWords,
    future_markers: Vec<String>,
    noun_events: BTreeMap<String, Vec<String>>,
    past_markers: Vec<String>,
    stopwords: Vec<String>,
    incidents: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
enum MetricKindKey {
    Stock,
    Flow,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    #[serde(rename = "type")]
    kind: MetricKind,
    #[serde(default)]
    cumulative: bool,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendWords {
    rise: Vec<String>,
    fall: Vec<String>,
    from: Vec<String>,
    to: Vec<String>,
    from_after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    entities: BTreeMap<String, Vec<String>>,
}

/// The context word lists, normalised.
#[derive(Debug, Clone)]
pub struct ContextLexicon {
    classes: FxHashMap<String, String>,
    events: FxHashMap<String, (String, MetricKind)>,
    default_stock: FxHashSet<String>,
    pub rise: FxHashSet<String>,
    pub fall: FxHashSet<String>,
    pub trend_from: FxHashSet<String>,
    pub trend_to: FxHashSet<String>,
    /// Phrases that introduce the old figure after the new one.
    pub trend_from_after: Vec<Phrase>,
    pub future_markers: FxHashSet<String>,
    pub past_markers: FxHashSet<String>,
    noun_events: FxHashMap<String, String>,
    /// Incident words -> incident id ("الهجوم", "attack" -> attack).
    pub incidents: FxHashMap<String, String>,
    /// Events whose figures only rise (tolls).
    pub cumulative: FxHashSet<String>,
    /// Words that name the metric or the time rather than the subject.
    not_subject: FxHashSet<String>,
    stopwords: FxHashSet<String>,
    entities: PhraseSet<usize>,
    entity_ids: Vec<String>,
}

pub const DEFAULT_FILES: &[(&str, &str)] = &[
    ("rules/lexicon/metrics.yaml", include_str!("../rules/lexicon/metrics.yaml")),
    ("rules/lexicon/entities.yaml", include_str!("../rules/lexicon/entities.yaml")),
];

fn set(list: &[String]) -> FxHashSet<String> {
    list.iter().map(|w| normalize_word(w)).collect()
}

impl ContextLexicon {
    pub fn default_context() -> &'static ContextLexicon {
        static CONTEXT: std::sync::OnceLock<ContextLexicon> = std::sync::OnceLock::new();
        CONTEXT.get_or_init(|| ContextLexicon::from_files(DEFAULT_FILES).expect("embedded context lists are valid"))
    }

    pub fn from_files(files: &[(&str, &str)]) -> Result<ContextLexicon, YamlError> {
        let (mname, mtext) =
            files.iter().find(|(n, _)| n.ends_with("metrics.yaml")).copied().unwrap_or(DEFAULT_FILES[0]);
        let (ename, etext) =
            files.iter().find(|(n, _)| n.ends_with("entities.yaml")).copied().unwrap_or(DEFAULT_FILES[1]);
        let metrics: MetricsFile = load_yaml(mname, mtext)?;
        let entities: EntitiesFile = load_yaml(ename, etext)?;
        let mut classes = FxHashMap::default();
        for (class, nouns) in &metrics.classes {
            for n in nouns {
                classes.insert(normalize_word(n), class.clone());
            }
        }
        let mut events = FxHashMap::default();
        for (id, e) in &metrics.events {
            for w in &e.words {
                events.insert(normalize_word(w), (id.clone(), e.kind));
            }
        }
        let default_stock =
            metrics.default_type.get(&MetricKindKey::Stock).map(|v| v.iter().cloned().collect()).unwrap_or_default();
        let entity_ids: Vec<String> = entities.entities.keys().cloned().collect();
        let entity_phrases = entities.entities.values().enumerate().flat_map(|(k, aliases)| {
            aliases
                .iter()
                .map(move |a| (normalize_word(a).split_whitespace().map(str::to_string).collect::<Phrase>(), k))
        });
        Ok(ContextLexicon {
            classes,
            events,
            default_stock,
            rise: set(&metrics.trend.rise),
            fall: set(&metrics.trend.fall),
            trend_from: set(&metrics.trend.from),
            trend_to: set(&metrics.trend.to),
            trend_from_after: metrics
                .trend
                .from_after
                .iter()
                .map(|p| normalize_word(p).split_whitespace().map(str::to_string).collect())
                .collect(),
            future_markers: set(&metrics.future_markers),
            past_markers: set(&metrics.past_markers),
            noun_events: metrics
                .noun_events
                .iter()
                .flat_map(|(e, nouns)| nouns.iter().map(move |n| (normalize_word(n), e.clone())))
                .collect(),
            incidents: metrics
                .incidents
                .iter()
                .flat_map(|(id, words)| words.iter().map(move |w| (normalize_word(w), id.clone())))
                .collect(),
            cumulative: metrics.events.iter().filter(|(_, e)| e.cumulative).map(|(id, _)| id.clone()).collect(),
            not_subject: {
                let mut words: FxHashSet<String> =
                    metrics.events.values().flat_map(|e| e.words.iter().map(|w| normalize_word(w))).collect();
                words.extend(metrics.classes.values().flatten().map(|w| normalize_word(w)));
                // Weekday and month names say when, not what.
                let cal = crate::lexicon::Lexicon::default_lexicon();
                words.extend(cal.weekdays.keys().cloned());
                words.extend(cal.months.all_words().cloned());
                words
            },
            stopwords: set(&metrics.stopwords),
            entities: PhraseSet::new(entity_phrases),
            entity_ids,
        })
    }

    /// The event a word names, if any ("ومقتل" -> killed).
    pub fn event_of(&self, w: &str) -> Option<(String, MetricKind)> {
        stems(w).find_map(|s| self.events.get(s).cloned())
    }

    /// The incidents a normalised text names.
    pub fn incidents_in(&self, norm_text: &str) -> Vec<String> {
        let mut out: Vec<String> = norm_text
            .split(|c: char| !is_word_char(c))
            .filter_map(|w| stems(w).find_map(|s| self.incidents.get(s)).cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    pub fn class_of(&self, noun: &str) -> Option<&str> {
        self.classes.get(&normalize_word(noun)).map(String::as_str)
    }

    pub fn in_set(&self, set: &FxHashSet<String>, w: &str) -> bool {
        stems(w).any(|s| set.contains(s))
    }

    /// Content words of a normalised text: no stopwords, numbers or one-letter words,
    /// prefixes "و" and "ال" stripped.
    pub fn content_words(&self, norm_text: &str) -> Vec<String> {
        let mut out: Vec<String> = norm_text
            .split(|c: char| !is_word_char(c))
            .filter(|w| w.chars().count() > 2)
            .map(|w| {
                let w = w.strip_prefix('و').filter(|r| r.chars().count() > 2).unwrap_or(w);
                w.strip_prefix("ال").filter(|r| r.chars().count() > 2).unwrap_or(w).to_string()
            })
            .filter(|w| !self.stopwords.contains(w) && !self.not_subject.contains(w))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Ids of the entities a normalised text names.
    pub fn entities_in(&self, norm_text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let words: Vec<(usize, &str)> = word_spans(norm_text);
        for (start, w) in &words {
            for stem in stems(w) {
                let offset = w.len() - stem.len();
                for (phrase, id) in self.entities.starting_with(stem) {
                    let i = &norm_text[start + offset..];
                    if crate::parse::claim::phrase(phrase, i).is_ok() {
                        out.push(self.entity_ids[*id].clone());
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (k, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((s, &text[s..k]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A word and its forms with glued prefixes removed: "وبمقتل" -> "بمقتل", "مقتل".
fn stems(w: &str) -> impl Iterator<Item = &str> {
    let mut out = vec![w];
    let mut cur = w;
    for _ in 0..3 {
        let next = ["و", "ف", "ب", "ل", "ال", "لل"]
            .iter()
            .find_map(|p| cur.strip_prefix(p).filter(|r| r.chars().count() >= 2));
        match next {
            Some(n) => {
                out.push(n);
                cur = n;
            }
            None => break,
        }
    }
    out.into_iter()
}

/// The consonant skeleton of a name, comparable across Arabic and Latin script:
/// "ترحين" and "Tarhin" are both "trhn". Vowels, long-vowel letters and the article
/// are dropped; doubled consonants fold.
pub fn skeleton(word: &str) -> String {
    let lower = word.to_lowercase();
    let w = lower.strip_prefix("al-").or_else(|| lower.strip_prefix("el-")).unwrap_or(&lower);
    let w = w.strip_prefix("ال").filter(|r| r.chars().count() >= 3).unwrap_or(w);
    let mut out = String::new();
    let chars: Vec<char> = w.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        let (mapped, skip) = match (c, next) {
            ('s', Some('h')) | ('k', Some('h')) | ('t', Some('h')) | ('d', Some('h')) | ('g', Some('h')) => (
                match c {
                    's' => 's',
                    'k' => 'k',
                    't' => 't',
                    'd' => 'd',
                    _ => 'g',
                },
                2,
            ),
            ('p', Some('h')) => ('f', 2),
            ('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | '-' | '\'', _) => ('\0', 1),
            ('q' | 'c', _) => ('k', 1),
            ('ب', _) => ('b', 1),
            ('ت' | 'ط' | 'ث', _) => ('t', 1),
            ('ج', _) => ('j', 1),
            ('ح' | 'ه' | 'خ', _) => ('h', 1),
            ('د' | 'ض' | 'ذ', _) => ('d', 1),
            ('ر', _) => ('r', 1),
            ('ز' | 'ظ', _) => ('z', 1),
            ('س' | 'ص' | 'ش', _) => ('s', 1),
            ('غ', _) => ('g', 1),
            ('ف', _) => ('f', 1),
            ('ق' | 'ك', _) => ('k', 1),
            ('ل', _) => ('l', 1),
            ('م', _) => ('m', 1),
            ('ن', _) => ('n', 1),
            (c, _) if c.is_ascii_alphabetic() => (if c == 'x' { 'k' } else { c }, 1),
            _ => ('\0', 1),
        };
        let mapped = if mapped == 'k' && c == 'k' && next == Some('h') { 'h' } else { mapped };
        if mapped != '\0' && !out.ends_with(mapped) {
            out.push(mapped);
        }
        k += skip;
    }
    out
}

/// What one claim is about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimContext {
    /// Noun class: people, operations, families…
    pub class: Option<String>,
    /// Event: killed, injured, hosted…
    pub event: Option<String>,
    pub kind: Option<MetricKind>,
    pub entities: Vec<String>,
    /// Content words of the claim's sentence.
    pub words: Vec<String>,
    /// Consonant skeletons of the sentence's likely names (Latin capitalised words,
    /// Arabic content words), to link subjects across languages.
    pub names: Vec<String>,
}

impl ClaimContext {
    /// "people/killed", "operations".
    pub fn metric(&self) -> Option<String> {
        let class = self.class.as_ref()?;
        Some(match &self.event {
            Some(e) => format!("{class}/{e}"),
            None => class.clone(),
        })
    }
}

/// The context of a claim: `sentence` is the normalised sentence, `claim_at` the
/// normalised byte range of the claim inside it.
pub fn claim_context(
    lex: &ContextLexicon,
    noun: Option<&str>,
    sentence: &str,
    claim_at: (usize, usize),
) -> ClaimContext {
    let class = noun.and_then(|n| lex.class_of(n)).map(str::to_string);
    let before: Vec<&str> =
        word_spans(&sentence[..claim_at.0.min(sentence.len())]).into_iter().map(|(_, w)| w).collect();
    // After the claim, up to the next number: "23 people were killed, and 140 injured".
    let after_text = &sentence[claim_at.1.min(sentence.len())..];
    let after_text = &after_text[..after_text.find(|c: char| c.is_ascii_digit()).unwrap_or(after_text.len())];
    let after: Vec<&str> = word_spans(after_text).into_iter().map(|(_, w)| w).collect();
    let inside: Vec<&str> = word_spans(&sentence[claim_at.0.min(sentence.len())..claim_at.1.min(sentence.len())])
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    // The claim's own words ("قتيل", "injured"), then Arabic before / English after.
    // The claim's own words ("قتيل", "injured"), else the nearest event word around it
    // (before wins a tie: "مقتل 14 شخصًا وإصابة 30 آخرين").
    let nearest_before = before.iter().rev().take(8).enumerate().find_map(|(k, w)| lex.event_of(w).map(|e| (k, e)));
    let nearest_after = after.iter().take(4).enumerate().find_map(|(k, w)| lex.event_of(w).map(|e| (k, e)));
    let noun_event = noun.and_then(|n| lex.noun_events.get(&normalize_word(n))).and_then(|e| {
        let kind = lex.events.values().find(|(id, _)| id == e).map(|(_, k)| *k)?;
        Some((e.clone(), kind))
    });
    let event =
        noun_event.or_else(|| inside.iter().find_map(|w| lex.event_of(w))).or(match (nearest_before, nearest_after) {
            (Some((kb, eb)), Some((ka, ea))) => Some(if kb <= ka { eb } else { ea }),
            (Some((_, e)), None) | (None, Some((_, e))) => Some(e),
            (None, None) => None,
        });
    let kind = match (&event, &class) {
        (Some((_, k)), _) => Some(*k),
        (None, Some(c)) => Some(if lex.default_stock.contains(c) { MetricKind::Stock } else { MetricKind::Flow }),
        (None, None) => None,
    };
    let words = lex.content_words(sentence);
    let mut names: Vec<String> = words.iter().map(|w| skeleton(w)).filter(|s| s.chars().count() >= 3).collect();
    names.sort();
    names.dedup();
    ClaimContext { class, event: event.map(|(e, _)| e), kind, entities: lex.entities_in(sentence), words, names }
}

/// Skeletons of the capitalised words of an original (not normalised) English
/// sentence: its names.
pub fn latin_names(original: &str) -> Vec<String> {
    let mut out: Vec<String> = original
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .skip(1)
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()) && w.len() >= 4)
        .filter(|w| {
            let lex = crate::lexicon::Lexicon::default_lexicon();
            let lower = w.to_ascii_lowercase();
            !lex.weekdays.contains_key(&lower) && lex.months.starting_with(&lower).is_empty()
        })
        .map(skeleton)
        .filter(|s| s.chars().count() >= 3)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// How many content words two sorted lists share.
pub fn shared_words(a: &[String], b: &[String]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(sentence: &str, claim: &str, noun: &str) -> ClaimContext {
        let n = normalize_word(sentence);
        let c = normalize_word(claim);
        let at = n.find(&c).unwrap();
        claim_context(ContextLexicon::default_context(), Some(noun), &n, (at, at + c.len()))
    }

    #[test]
    fn skeletons_link_names_across_scripts() {
        for (ar, en) in
            [("ترحين", "Tarhin"), ("دركوش", "Darkoush"), ("عرسال", "Arsal"), ("إدلب", "Idlib"), ("عكار", "Akkar")]
        {
            assert_eq!(skeleton(&normalize_word(ar)), skeleton(en), "{ar} {en}");
        }
    }

    #[test]
    fn metrics_from_noun_and_event() {
        let c = ctx("أسفرت الغارة عن مقتل 14 شخصًا وإصابة 30 آخرين في دركوش", "14 شخصًا", "شخص");
        assert_eq!((c.metric().as_deref(), c.kind), (Some("people/killed"), Some(MetricKind::Flow)));
        assert_eq!(c.entities, vec!["darkoush".to_string()]);
        let c = ctx("أسفرت الغارة عن مقتل 14 شخصًا وإصابة 30 آخرين", "30 آخرين", "شخص");
        assert_eq!(c.metric().as_deref(), Some("people/injured"));
        let c = ctx("The quake killed 23 people and injured 140 in Akkar", "23 people", "person");
        assert_eq!(c.metric().as_deref(), Some("people/killed"));
        let c = ctx("كان مخيم الهول يضم نحو ٦٥ ألف شخص", "نحو ٦٥ ألف شخص", "شخص");
        assert_eq!((c.metric().as_deref(), c.kind), (Some("people/hosted"), Some(MetricKind::Stock)));
        assert_eq!(c.entities, vec!["al-hol".to_string()]);
    }
}
