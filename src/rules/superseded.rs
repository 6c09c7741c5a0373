//! `superseded`: a later document gives a newer value of the same stock (info).
//!
//! What it does: for stock metrics (populations, camp residents) about the same
//! subject, reports where a later document's value differs from an earlier one's: a
//! change over time, not a contradiction, but worth knowing before quoting the old one.
//!
//! Why: quoting a superseded figure is a common, quiet error.
//!
//! Example: a.txt (January) "45 ألف نازح في المخيم", b.txt (June) "38 ألف نازح".

use super::agreement::same_subject;
use super::{incompatible, short, show, Corpus, Docs, Kind, Rule, RuleMeta};
use crate::context::MetricKind;
use crate::report::Finding;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "superseded",
    docs: || Docs {
        what: "A stock figure (a population, a camp's residents) given anew by a later document.".into(),
        why: "Not a contradiction: a change over time. Quoting the older figure as current would be wrong.".into(),
        example: "a.txt (January) \"45 ألف نازح\" → b.txt (June) \"38 ألف نازح\"".into(),
    },
    build: |meta, file, text| Ok(Box::new(Superseded { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub min_shared_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_shared_words: 3 }
    }
}

pub struct Superseded {
    meta: RuleMeta,
    options: Options,
}

impl Rule for Superseded {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        // Stocks grouped by metric, compared within a group only.
        let mut groups: std::collections::BTreeMap<String, Vec<&super::Fact>> = std::collections::BTreeMap::new();
        for f in corpus.facts.iter().filter(|f| f.metric_kind() == Some(MetricKind::Stock) && f.time.is_some()) {
            if let Some(m) = f.context.metric() {
                groups.entry(m).or_default().push(f);
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for group in groups.values_mut() {
            group.sort_by_key(|f| f.time.as_ref().map(|t| t.days().0));
        }
        // Each stock against the next ones in time (a bounded window); one report per
        // older figure at most.
        let mut reported = std::collections::BTreeSet::new();
        let pairs = groups.values().flat_map(|g| {
            g.iter()
                .enumerate()
                .flat_map(move |(i, a)| g[i + 1..].iter().take(super::MAX_PARTNERS).map(move |b| (a, b)))
        });
        for (a, b) in pairs {
            if reported.contains(&(a.doc, a.start)) {
                continue;
            }
            let (Some(ta), Some(tb)) = (&a.time, &b.time) else { continue };
            // One quantity: the same metric, and the same counted noun or a named event.
            let same_thing = a.noun == b.noun || a.context.event.is_some();
            if a.doc == b.doc || a.context.metric() != b.context.metric() || !same_thing || ta.days().1 >= tb.days().0 {
                continue;
            }
            // A figure ten times another is another quantity, not an update.
            let ratio = a.value.max(b.value) / a.value.min(b.value).max(1.0);
            if ratio > 10.0
                || !incompatible(a, b, 0.0, 0.0)
                || !same_subject(corpus, a, b, self.options.min_shared_words)
            {
                continue;
            }
            if !seen.insert((a.doc, b.doc, a.context.metric())) {
                continue;
            }
            reported.insert((a.doc, a.start));
            let message = self.meta.message(&[
                ("metric", a.context.metric().unwrap_or_default()),
                ("old", show(a)),
                ("old_time", ta.to_string()),
                ("new", show(b)),
                ("new_time", tb.to_string()),
                ("new_doc", short(corpus.doc_path(b.doc)).to_string()),
            ]);
            out.push(self.meta.finding(message, vec![b.location(corpus), a.location(corpus)], None));
        }
    }
}
