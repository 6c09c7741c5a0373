//! The rule engine: YAML-configured checks over the facts of a whole corpus.
//!
//! A configured rule is one YAML file (`rules/checks/*.yaml`, embedded; `--rules DIR`
//! adds or overrides by id) with common fields — `id`, `kind`, `severity`, `message`,
//! `docs` — and the options of its kind. A rule kind is one Rust file in this folder
//! implementing [`Rule`], listed once in [`KINDS`]. Unknown kinds and unknown keys are
//! errors that name the file, the line and the valid names.
//!
//! Rules see [`Corpus`]: every document's analysis and one [`Fact`] per claim, with its
//! context (metric, entities, sentence words) and the time it holds for. Cross-document
//! rules group facts by key or find candidate pairs through an index; none compares
//! every pair of documents.

pub mod agreement;
pub mod aligned;
pub mod event_dates;
pub mod future_event;
pub mod hijri;
pub mod internal;
pub mod relative_year;
pub mod superseded;
pub mod trend;
pub mod weekday;

use crate::analyse::Analysis;
use crate::context::{claim_context, ClaimContext, ContextLexicon, MetricKind};
use crate::dates::DateValue;
use crate::extract::Claim;
use crate::lexicon::{load_yaml, Bound, YamlError};
use crate::report::{Finding, Location, Severity};
use crate::text::Normalized;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What / Why / Example: the documentation of a rule or a rule kind.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    pub what: String,
    pub why: String,
    pub example: String,
}

/// A rule file: the common fields and the kind's options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile<O> {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    pub message: String,
    pub docs: Docs,
    #[serde(default)]
    pub options: Option<O>,
}

/// The common part of a configured rule.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    pub docs: Docs,
    pub file: String,
}

impl RuleMeta {
    /// Fill `{name}` placeholders of the message from `vars`.
    pub fn message(&self, vars: &[(&str, String)]) -> String {
        let mut out = self.message.clone();
        for (k, v) in vars {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }

    pub fn finding(&self, message: String, locations: Vec<Location>, evidence: Option<String>) -> Finding {
        Finding { rule: self.id.clone(), severity: self.severity, message, locations, evidence }
    }
}

/// A check over the corpus.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>);
}

/// Builds a configured rule of one kind from its file (name and text).
pub type Build = fn(meta: RuleMeta, file: &str, text: &str) -> Result<Box<dyn Rule>, YamlError>;

/// A rule kind: its name, documentation, and how to build a rule from a file.
pub struct Kind {
    pub name: &'static str,
    pub docs: fn() -> Docs,
    pub build: Build,
}

/// Every rule kind. Adding a kind: one file in this folder and one line here.
pub const KINDS: &[Kind] = &[
    agreement::KIND,
    internal::KIND,
    trend::KIND,
    aligned::KIND,
    weekday::KIND,
    future_event::KIND,
    relative_year::KIND,
    hijri::KIND,
    superseded::KIND,
    event_dates::KIND,
];

/// Parse a rule file's options for a kind (with `deny_unknown_fields` on `O`, unknown
/// option keys are errors with their line).
pub fn options<O: DeserializeOwned + Default>(file: &str, text: &str) -> Result<O, YamlError> {
    let parsed: RuleFile<O> = load_yaml(file, text)?;
    Ok(parsed.options.unwrap_or_default())
}

/// The embedded default rules.
pub const DEFAULT_RULES: &[(&str, &str)] = &[
    ("rules/checks/value-mismatch.yaml", include_str!("../../rules/checks/value-mismatch.yaml")),
    ("rules/checks/internal-mismatch.yaml", include_str!("../../rules/checks/internal-mismatch.yaml")),
    ("rules/checks/trend-contradiction.yaml", include_str!("../../rules/checks/trend-contradiction.yaml")),
    ("rules/checks/aligned-passage.yaml", include_str!("../../rules/checks/aligned-passage.yaml")),
    ("rules/checks/weekday-mismatch.yaml", include_str!("../../rules/checks/weekday-mismatch.yaml")),
    ("rules/checks/future-event.yaml", include_str!("../../rules/checks/future-event.yaml")),
    ("rules/checks/relative-year-mismatch.yaml", include_str!("../../rules/checks/relative-year-mismatch.yaml")),
    ("rules/checks/hijri-mismatch.yaml", include_str!("../../rules/checks/hijri-mismatch.yaml")),
    ("rules/checks/superseded-figure.yaml", include_str!("../../rules/checks/superseded-figure.yaml")),
    ("rules/checks/event-date-mismatch.yaml", include_str!("../../rules/checks/event-date-mismatch.yaml")),
];

/// Build one rule from a file.
pub fn build_rule(file: &str, text: &str) -> Result<Box<dyn Rule>, YamlError> {
    let header: RuleFile<IgnoredAny> = load_yaml(file, text)?;
    let kind = KINDS.iter().find(|k| k.name == header.kind).ok_or_else(|| {
        let line = text.lines().position(|l| l.trim_start().starts_with("kind:")).map(|k| k + 1);
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        YamlError {
            file: file.to_string(),
            line,
            message: format!("unknown rule kind `{}`, must be one of: {}", header.kind, names.join(", ")),
        }
    })?;
    let meta = RuleMeta {
        id: header.id,
        kind: kind.name,
        severity: header.severity,
        message: header.message,
        docs: header.docs,
        file: file.to_string(),
    };
    (kind.build)(meta, file, text)
}

/// The configured rules: the embedded defaults, then every `*.yaml` of `user_dir`
/// (a rule with an existing id replaces it).
pub fn load_rules(user_dir: Option<&Path>) -> Result<Vec<Box<dyn Rule>>, YamlError> {
    let mut rules: BTreeMap<String, Box<dyn Rule>> = BTreeMap::new();
    for (file, text) in DEFAULT_RULES {
        let r = build_rule(file, text)?;
        rules.insert(r.meta().id.clone(), r);
    }
    if let Some(dir) = user_dir {
        let entries = std::fs::read_dir(dir).map_err(|e| YamlError {
            file: dir.display().to_string(),
            line: None,
            message: format!("cannot read rules folder: {e}"),
        })?;
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        files.sort();
        for path in files {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| YamlError {
                file: name.clone(),
                line: None,
                message: format!("cannot read: {e}"),
            })?;
            let r = build_rule(&name, &text)?;
            rules.insert(r.meta().id.clone(), r);
        }
    }
    Ok(rules.into_values().collect())
}

/// A claim with everything rules need to compare it: the claim itself (its fields
/// read through `Deref`), its document, context and time.
#[derive(Debug, Clone)]
pub struct Fact {
    pub claim: Claim,
    pub doc: usize,
    pub context: ClaimContext,
    pub time: Option<DateValue>,
    /// The time came from a date in the claim's own sentence.
    pub time_in_sentence: bool,
    /// Sentence (start, end) in original bytes.
    pub sentence: (usize, usize),
    /// The claim is in the document's headline (its first short line).
    pub in_headline: bool,
    /// The document's language ("ar", "en").
    pub language: &'static str,
}

impl std::ops::Deref for Fact {
    type Target = Claim;

    fn deref(&self) -> &Claim {
        &self.claim
    }
}

impl Fact {
    /// The values the claim allows, as a closed interval; `tolerance` widens "about".
    pub fn interval(&self, approx_tolerance: f64, exact_tolerance: f64) -> (f64, f64) {
        let v = self.value;
        match self.bound {
            Bound::Exact => (v * (1.0 - exact_tolerance), v * (1.0 + exact_tolerance)),
            Bound::Approx => (v * (1.0 - approx_tolerance), v * (1.0 + approx_tolerance)),
            Bound::AtLeast => (v, f64::INFINITY),
            Bound::AtMost => (0.0, v),
            Bound::Range => (v, self.upper.unwrap_or(v)),
        }
    }

    pub fn location(&self, corpus: &Corpus) -> Location {
        Location { doc: corpus.docs[self.doc].path.clone(), start: self.start, end: self.end, line: self.line }
    }

    pub fn metric_kind(&self) -> Option<MetricKind> {
        self.context.kind
    }

    /// The days the claim's time covers (a time from the document is its reference day).
    pub fn time_span(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        Some(self.time.as_ref()?.days())
    }
}

/// How two facts' times relate, for comparing their values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRelation {
    /// The same period or day.
    Same,
    /// Days close together (at most `days` apart), `a` before `b`.
    Close {
        a_first: bool,
    },
    Apart,
}

/// Two times from the claims' own sentences must be equal to be the same; a time from
/// the document (its reference day) is the same as a day it equals. Short spans a few
/// days apart are close: a toll reported on two days.
pub fn time_relation(a: &Fact, b: &Fact, close_days: i64) -> TimeRelation {
    if a.time == b.time {
        return TimeRelation::Same;
    }
    let (Some((as_, ae)), Some((bs, be))) = (a.time_span(), b.time_span()) else { return TimeRelation::Apart };
    let short = |s: chrono::NaiveDate, e: chrono::NaiveDate| (e - s).num_days() <= 3;
    if !(short(as_, ae) && short(bs, be)) {
        return TimeRelation::Apart;
    }
    if !(a.time_in_sentence && b.time_in_sentence) && as_ <= be && bs <= ae {
        return TimeRelation::Same;
    }
    if (as_ - be).num_days().abs() <= close_days || (bs - ae).num_days().abs() <= close_days {
        TimeRelation::Close { a_first: ae <= bs }
    } else {
        TimeRelation::Apart
    }
}

/// How many later claims (in time order, within one group) one claim is compared with.
/// Keeps cross-document rules linear in the corpus when thousands of documents report
/// one metric on one day.
pub const MAX_PARTNERS: usize = 64;

/// Do two facts' values contradict each other?
pub fn incompatible(a: &Fact, b: &Fact, approx: f64, exact: f64) -> bool {
    let (alo, ahi) = a.interval(approx, exact);
    let (blo, bhi) = b.interval(approx, exact);
    let eps = 1e-9;
    ahi + eps < blo || bhi + eps < alo
}

/// Everything the rules look at.
pub struct Corpus<'a> {
    pub docs: &'a [Analysis],
    pub texts: Vec<&'a str>,
    pub facts: Vec<Fact>,
    /// Each document's content words, sorted: what the whole story is about.
    pub doc_words: Vec<Vec<String>>,
    /// Each document's names as consonant skeletons (capitalised words in English,
    /// content words in Arabic), to match stories across languages.
    pub doc_names: Vec<Vec<String>>,
}

impl<'a> Corpus<'a> {
    pub fn new(docs: &'a [Analysis], texts: Vec<&'a str>) -> Self {
        let ctx = ContextLexicon::default_context();
        let mut facts = Vec::new();
        for (k, a) in docs.iter().enumerate() {
            let text = texts[k];
            let headline = headline_span(text);
            for (i, c) in a.claims.iter().enumerate() {
                let (s, e) = a.claim_sentences[i];
                let sentence = Normalized::new(&text[s..e]);
                let at = (
                    Normalized::new(&text[s..c.start]).text.len(),
                    Normalized::new(&text[s..c.end.max(c.start)]).text.len(),
                );
                let mut context = claim_context(ctx, c.noun.as_deref(), &sentence.text, at);
                if a.language == "en" {
                    context.names = crate::context::latin_names(&text[s..e]);
                }
                let (time, time_in_sentence) = match &a.claim_times[i] {
                    Some((v, src)) => (Some(v.clone()), *src == "sentence"),
                    None => (None, false),
                };
                facts.push(Fact {
                    claim: c.clone(),
                    doc: k,
                    context,
                    time,
                    time_in_sentence,
                    sentence: (s, e),
                    in_headline: headline.is_some_and(|(hs, he)| c.start >= hs && c.end <= he),
                    language: a.language,
                });
            }
        }
        let doc_words: Vec<Vec<String>> = docs.iter().map(|a| ctx.content_words(&a.normalized().text)).collect();
        let doc_names = docs
            .iter()
            .zip(&doc_words)
            .enumerate()
            .map(|(k, (a, words))| {
                if a.language == "en" {
                    crate::context::latin_names(texts[k])
                } else {
                    let mut n: Vec<String> =
                        words.iter().map(|w| crate::context::skeleton(w)).filter(|s| s.chars().count() >= 3).collect();
                    n.sort();
                    n.dedup();
                    n
                }
            })
            .collect();
        Corpus { docs, texts, facts, doc_words, doc_names }
    }

    /// Names two documents in different languages share.
    pub fn shared_names(&self, a: usize, b: usize) -> usize {
        crate::context::shared_words(&self.doc_names[a], &self.doc_names[b])
    }

    /// Do two documents tell the same story? The share of the smaller one's content
    /// words that the other has too.
    pub fn same_story(&self, a: usize, b: usize) -> f64 {
        let (wa, wb) = (&self.doc_words[a], &self.doc_words[b]);
        crate::context::shared_words(wa, wb) as f64 / wa.len().min(wb.len()).max(1) as f64
    }

    pub fn doc_path(&self, doc: usize) -> &str {
        &self.docs[doc].path
    }
}

/// The headline: the first line with a few words, when it is short and does not end
/// a sentence. Page chrome is skipped: lines of a few letters ("×"), menus and
/// breadcrumbs ("Home | News", "الرئيسية › أخبار") and cookie banners.
pub fn headline_span(text: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let words = t.split_whitespace().count();
        let chrome = t.contains(['|', '›', '»', '•', '·']) || t.to_lowercase().contains("cookie");
        if letters >= 12 && words >= 4 && !chrome {
            let ends_sentence = t.ends_with(['.', '؟', '!']);
            return (t.chars().count() <= 200 && !ends_sentence).then_some((start, start + line.len()));
        }
        start += line.len();
    }
    None
}

/// Run every rule; findings sorted by (path, line, rule) and deduplicated.
pub fn run(rules: &[Box<dyn Rule>], corpus: &Corpus) -> Vec<Finding> {
    use rayon::prelude::*;
    let mut findings: Vec<Finding> = rules
        .par_iter()
        .flat_map_iter(|r| {
            let mut out = Vec::new();
            r.check(corpus, &mut out);
            out
        })
        .collect();
    findings.sort_by(|a, b| {
        let key = |f: &Finding| f.locations.first().map(|l| (l.doc.clone(), l.line, l.start)).unwrap_or_default();
        key(a).cmp(&key(b)).then(a.rule.cmp(&b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.locations == b.locations);
    findings
}

/// Format a value for messages.
pub fn show(f: &Fact) -> String {
    let v = crate::report::format_value(f.value);
    match f.bound {
        Bound::Exact => v,
        Bound::Approx => format!("about {v}"),
        Bound::AtLeast => format!("at least {v}"),
        Bound::AtMost => format!("at most {v}"),
        Bound::Range => format!("{v}-{}", crate::report::format_value(f.upper.unwrap_or(f.value))),
    }
}

/// The file name of a path, for short messages.
pub fn short(path: &str) -> &str {
    Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_load() {
        let rules = load_rules(None).unwrap();
        assert!(rules.len() >= 9);
        for r in &rules {
            assert!(!r.meta().docs.what.is_empty(), "{}", r.meta().id);
        }
    }

    #[test]
    fn unknown_kinds_and_keys_name_file_line_and_valid_names() {
        let text = "id: x\nkind: nonsense\nseverity: error\nmessage: m\ndocs: {what: a, why: b, example: c}\n";
        let err = build_rule("x.yaml", text).err().unwrap();
        assert_eq!((err.file.as_str(), err.line), ("x.yaml", Some(2)));
        assert!(err.message.contains("must be one of: value-agreement"), "{}", err.message);
        let text = "id: x\nkind: weekday\nseverity: error\nmessage: m\nbogus: 1\ndocs: {what: a, why: b, example: c}\n";
        let err = build_rule("x.yaml", text).err().unwrap();
        assert_eq!(err.line, Some(5));
        assert!(err.message.contains("unknown field `bogus`"), "{}", err.message);
        let text = "id: x\nkind: value-agreement\nseverity: error\nmessage: m\ndocs: {what: a, why: b, example: c}\noptions:\n  tolerance_typo: 1\n";
        let err = build_rule("x.yaml", text).err().unwrap();
        assert!(err.message.contains("tolerance_typo") && err.line == Some(7), "{err}");
    }
}
