//! Checking: which documents tell one story ([`stories`]), when two claims are the
//! same quantity ([`comparable`], the one decision every comparing rule shares), the
//! rule engine ([`engine`]) and the rule kinds ([`rules`], one file each).
//!
//! Rules see a [`Corpus`]: every document's facts, the stories, and word weights.
//! Cross-document rules compare only within stories and find candidates through
//! indexes; none compares every pair of documents or of claims.

pub mod comparable;
pub mod engine;
pub mod rules;
pub mod stories;

pub use engine::{load_rules, Docs, Rule, RuleMeta};

use crate::resolve::{ClaimFact, DocFacts};
use crate::text::symbols::Sym;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How much a finding matters: `info` never fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// One step less severe.
    pub fn weaker(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

/// A span a finding points at: a document (by index in the corpus), original byte
/// offsets, and its role in the finding ("here", "in b.txt, 2 days later").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    #[serde(skip)]
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// What a rule found: a message, the primary location first, and the evidence that
/// makes it a finding (what the two figures share, a word diff).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// A claim by (document, index in it).
pub type ClaimRef = (usize, usize);

/// Everything the rules look at.
pub struct Corpus<'a> {
    pub docs: &'a [DocFacts],
    pub stories: stories::Stories,
    /// Weight of each subject word: rarer words say more about what a claim is about.
    pub weights: FxHashMap<Sym, f32>,
    /// Documents whose findings are wanted (archive mode: the drafts); `None`: all.
    pub focus: Option<Vec<bool>>,
}

impl<'a> Corpus<'a> {
    pub fn new(docs: &'a [DocFacts]) -> Self {
        Corpus::with_stories(docs, stories::Stories::new(docs))
    }

    pub fn with_stories(docs: &'a [DocFacts], stories: stories::Stories) -> Self {
        Corpus::with_stats(docs, stories, &SubjectStats::of(docs))
    }

    /// A corpus whose subject words are weighed by `subjects` (which may count more
    /// documents than `docs`: an archive's).
    pub fn with_stats(docs: &'a [DocFacts], stories: stories::Stories, subjects: &SubjectStats) -> Self {
        let weights = subjects.weights(docs);
        Corpus { docs, stories, weights, focus: None }
    }

    pub fn claim(&self, r: ClaimRef) -> &ClaimFact {
        &self.docs[r.0].claims[r.1]
    }

    /// A claim's location.
    pub fn claim_location(&self, r: ClaimRef, role: Option<String>) -> Location {
        let c = self.claim(r);
        Location { doc: r.0, start: c.start, end: c.end, line: c.line, role }
    }

    /// Is a document one whose findings are wanted?
    pub fn wanted(&self, doc: usize) -> bool {
        self.focus.as_ref().is_none_or(|f| f.get(doc).copied().unwrap_or(false))
    }

    pub fn name(&self, doc: usize) -> &str {
        &self.docs[doc].name
    }

    /// The day a document is of (its reference date), if known.
    pub fn day(&self, doc: usize) -> Option<chrono::NaiveDate> {
        self.docs[doc].reference.map(|r| r.0)
    }

    /// The file name of a document, for short messages.
    pub fn short(&self, doc: usize) -> &str {
        short(&self.docs[doc].name)
    }
}

/// The last part of a path (or of `FILE.jsonl#id`), for short messages.
pub fn short(name: &str) -> &str {
    if let Some((file, id)) = name.rsplit_once('#') {
        let f = file.rsplit('/').next().unwrap_or(file);
        return &name[name.len() - id.len() - 1 - f.len()..];
    }
    name.rsplit('/').next().unwrap_or(name)
}

/// How many claims' clauses hold each word, and of how many claims: a subject word's
/// weight is its rarity among clauses.
#[derive(Debug, Clone, Default)]
pub struct SubjectStats {
    pub df: FxHashMap<Sym, u32>,
    pub claims: u32,
}

impl SubjectStats {
    pub fn of(docs: &[DocFacts]) -> Self {
        let mut s = SubjectStats::default();
        for d in docs {
            s.add(d);
        }
        s
    }

    pub fn add(&mut self, d: &DocFacts) {
        for c in &d.claims {
            self.claims += 1;
            for &w in c.desc.subject() {
                *self.df.entry(w).or_default() += 1;
            }
        }
    }

    /// The weights of the words `docs` use.
    fn weights(&self, docs: &[DocFacts]) -> FxHashMap<Sym, f32> {
        let n = self.claims.max(1) as f32;
        let mut out: FxHashMap<Sym, f32> = FxHashMap::default();
        for d in docs {
            for c in &d.claims {
                for &w in c.desc.subject() {
                    out.entry(w).or_insert_with(|| {
                        let f = self.df.get(&w).copied().unwrap_or(1);
                        ((n + 1.0) / (f as f32 + 0.5)).ln().max(0.05)
                    });
                }
            }
        }
        out
    }
}

/// What makes words rare, over the documents checked or over a whole archive.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub terms: stories::TermStats,
    pub subjects: SubjectStats,
}

impl Stats {
    pub fn of(docs: &[DocFacts]) -> Self {
        Stats { terms: stories::TermStats::of(docs), subjects: SubjectStats::of(docs) }
    }

    pub fn add(&mut self, d: &DocFacts) {
        self.terms.add(d);
        self.subjects.add(d);
    }
}

/// Run every rule over the corpus; findings sorted by document, line and rule.
pub fn run(rules: &[Box<dyn Rule>], corpus: &Corpus) -> Vec<Finding> {
    use rayon::prelude::*;
    let mut findings: Vec<Finding> = rules
        .par_iter()
        .flat_map_iter(|r| {
            let t = std::time::Instant::now();
            let mut out = Vec::new();
            r.check(corpus, &mut out);
            crate::timing(&format!("rule {}", r.meta().id), t);
            out
        })
        .filter(|f| f.locations.iter().any(|l| corpus.wanted(l.doc)))
        .collect();
    findings.sort_by(|a, b| {
        let key = |f: &Finding| f.locations.first().map(|l| (l.doc, l.line, l.start)).unwrap_or_default();
        key(a).cmp(&key(b)).then(a.rule.cmp(&b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.locations == b.locations);
    one_finding_per_spans(findings)
}

/// Two rules that point at the same spans tell one fault twice (a near-identical
/// passage and a value told two ways, of one pair of figures): the surer finding is
/// kept, and of two as sure, the rule first by name.
fn one_finding_per_spans(findings: Vec<Finding>) -> Vec<Finding> {
    let spans = |f: &Finding| {
        let mut s: Vec<(usize, usize, usize)> = f.locations.iter().map(|l| (l.doc, l.start, l.end)).collect();
        s.sort_unstable();
        s
    };
    let mut best: FxHashMap<Vec<(usize, usize, usize)>, usize> = FxHashMap::default();
    for (k, f) in findings.iter().enumerate() {
        let e = best.entry(spans(f)).or_insert(k);
        let kept = &findings[*e];
        if (f.severity, &f.rule) < (kept.severity, &kept.rule) {
            *e = k;
        }
    }
    let keep: rustc_hash::FxHashSet<usize> = best.into_values().collect();
    findings.into_iter().enumerate().filter(|(k, _)| keep.contains(k)).map(|(_, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short("a/b/c.txt"), "c.txt");
        assert_eq!(short("data/corpus.jsonl#AL-1"), "corpus.jsonl#AL-1");
    }
}
