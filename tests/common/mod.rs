//! A gold.yaml scorer for tests, matching `../shared/eval/score.py`: gold ranges are
//! located by text and occurrence, predictions match gold by byte overlap, greedily,
//! one to one; predictions overlapping an `optional` range are neutral.
#![allow(dead_code)]

use claimcheck::report::Report;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub documents: Vec<GoldDoc>,
    #[serde(default)]
    pub claims: Vec<GoldItem>,
    #[serde(default)]
    pub optional: Vec<GoldItem>,
    #[serde(default)]
    pub dates: Vec<GoldItem>,
}

#[derive(Debug, Deserialize)]
pub struct GoldDoc {
    pub file: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldItem {
    pub doc: String,
    pub text: String,
    pub nth: Option<usize>,
    pub value: Option<serde_json::Value>,
    pub bound: Option<String>,
}

#[derive(Debug, Default)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub values_ok: usize,
    /// Matches whose gold value is scored (dates with a null value are not).
    pub matched_scored: usize,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl Score {
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.matched as f64 / self.predicted as f64
        }
    }
    pub fn value_accuracy(&self) -> f64 {
        if self.matched == 0 {
            1.0
        } else {
            self.values_ok as f64 / self.matched as f64
        }
    }
}

pub fn load_gold(dir: &Path) -> (Gold, HashMap<String, String>) {
    let text = std::fs::read_to_string(dir.join("gold.yaml")).unwrap();
    let gold: Gold = claimcheck::yaml::load_yaml("gold.yaml", &text).unwrap();
    let docs =
        gold.documents.iter().map(|d| (d.file.clone(), std::fs::read_to_string(dir.join(&d.file)).unwrap())).collect();
    (gold, docs)
}

fn locate(docs: &HashMap<String, String>, item: &GoldItem) -> (String, usize, usize) {
    let text = &docs[&item.doc];
    let nth = item.nth.unwrap_or(1);
    let pos =
        text.match_indices(&item.text).nth(nth - 1).unwrap_or_else(|| panic!("{} not in {}", item.text, item.doc)).0;
    (item.doc.clone(), pos, pos + item.text.len())
}

fn base(path: &str) -> String {
    Path::new(path).file_name().unwrap().to_string_lossy().into_owned()
}

fn overlaps(a: &(String, usize, usize), b: &(String, usize, usize)) -> bool {
    a.0 == b.0 && a.1 < b.2 && b.1 < a.2
}

/// Score the claims of `report` against the gold claims.
pub fn score_claims(report: &Report, gold: &Gold, docs: &HashMap<String, String>) -> Score {
    let gold_ranges: Vec<_> = gold.claims.iter().map(|c| (locate(docs, c), c)).collect();
    let neutral: Vec<_> = gold.optional.iter().map(|c| locate(docs, c)).collect();
    let mut used = vec![false; gold_ranges.len()];
    let mut s = Score { gold: gold_ranges.len(), ..Score::default() };
    for (doc, c) in report.docs.iter().flat_map(|d| d.claims.iter().map(move |c| (&d.name, c))) {
        if !docs.contains_key(&base(doc)) {
            continue;
        }
        let loc = (base(doc), c.start, c.end);
        if let Some(k) = (0..gold_ranges.len()).find(|&k| !used[k] && overlaps(&loc, &gold_ranges[k].0)) {
            used[k] = true;
            s.matched += 1;
            s.predicted += 1;
            let g = gold_ranges[k].1;
            let want = g.value.as_ref().and_then(serde_json::Value::as_f64);
            if want.is_some_and(|w| (w - c.value).abs() <= 1e-9 * w.abs().max(1.0))
                && g.bound.as_deref() == Some(c.bound.as_str())
            {
                s.values_ok += 1;
            }
        } else if !neutral.iter().any(|n| overlaps(&loc, n)) {
            s.predicted += 1;
            s.false_alarms.push(format!("{}: {}", loc.0, c.text));
        }
    }
    for (k, (loc, g)) in gold_ranges.iter().enumerate() {
        if !used[k] {
            s.misses.push(format!("{}: {}", loc.0, g.text));
        }
    }
    s
}

/// Score the dates of `report` against the gold dates: found by overlap; a value is
/// right when it equals the gold value (gold null values are not scored).
pub fn score_dates(report: &Report, gold: &Gold, docs: &HashMap<String, String>) -> Score {
    let gold_ranges: Vec<_> = gold.dates.iter().map(|c| (locate(docs, c), c)).collect();
    let mut neutral: Vec<_> = gold.optional.iter().map(|c| locate(docs, c)).collect();
    neutral.extend(gold.claims.iter().map(|c| locate(docs, c)));
    let mut used = vec![false; gold_ranges.len()];
    let mut s = Score { gold: gold_ranges.len(), ..Score::default() };
    let mut scored = 0;
    for (doc, d) in report.docs.iter().flat_map(|x| x.dates.iter().map(move |d| (&x.name, d))) {
        if !docs.contains_key(&base(doc)) {
            continue;
        }
        let loc = (base(doc), d.start, d.end);
        if let Some(k) = (0..gold_ranges.len()).find(|&k| !used[k] && overlaps(&loc, &gold_ranges[k].0)) {
            used[k] = true;
            s.matched += 1;
            s.predicted += 1;
            let g = gold_ranges[k].1;
            let want = g.value.as_ref().and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            if let Some(want) = want {
                scored += 1;
                let got = d.value.as_ref().map(ToString::to_string);
                if got.as_deref() == Some(want.as_str()) {
                    s.values_ok += 1;
                } else {
                    s.misses.push(format!("{}: {} = {:?}, want {}", loc.0, d.text, got, want));
                }
            }
        } else if !neutral.iter().any(|n| overlaps(&loc, n)) {
            s.predicted += 1;
            s.false_alarms.push(format!("{}: {}", loc.0, d.text));
        }
    }
    for (k, (loc, g)) in gold_ranges.iter().enumerate() {
        if !used[k] {
            s.misses.push(format!("{}: {} not found", loc.0, g.text));
        }
    }
    // Value accuracy over the scored matches.
    s.matched_scored = scored;
    s
}
