//! `claimcheck test`: gate fixture corpora on their expected findings.
//!
//! A corpus folder holds documents and `expected.yaml` (or a `gold.yaml` with the same
//! sections): `conflicts` the checker must report and `consistent` look-alikes it must
//! not, each side named by document and exact text (`nth` for repeats), as in
//! `../shared/eval/README.md`. A conflict is found when one finding of severity error
//! or warning has locations on both its sides; a corpus passes when every conflict is
//! found and no other error or warning is reported.

use crate::check::{Finding, Severity};
use crate::report::Report;
use crate::yaml::{load_yaml, YamlError};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct Expected {
    #[serde(default)]
    pub conflicts: Vec<Pair>,
    #[serde(default)]
    pub consistent: Vec<Pair>,
}

#[derive(Debug, Deserialize)]
pub struct Pair {
    pub a: Ref,
    pub b: Option<Ref>,
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Deserialize)]
pub struct Ref {
    pub doc: String,
    pub text: String,
    pub nth: Option<usize>,
}

/// A byte range in one document, by file name.
type Span = (String, usize, usize);

/// What gating one corpus found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub corpus: PathBuf,
    pub expected: usize,
    pub found: usize,
    /// The `why` of every expected conflict not reported.
    pub missed: Vec<String>,
    /// Errors and warnings on a `consistent` look-alike.
    pub lookalike_alarms: Vec<Finding>,
    /// Other errors and warnings that no expected conflict explains.
    pub unexpected: Vec<Finding>,
    /// Errors and warnings that match an expected conflict.
    pub true_findings: usize,
    pub failing_findings: usize,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.missed.is_empty() && self.lookalike_alarms.is_empty() && self.unexpected.is_empty()
    }
}

/// The expected-findings file of a corpus folder, if it has one.
pub fn expected_file(dir: &Path) -> Option<PathBuf> {
    ["expected.yaml", "gold.yaml"].iter().map(|f| dir.join(f)).find(|p| p.exists())
}

/// Corpus folders under `root` (itself included) that have an expected-findings file.
pub fn corpora(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if expected_file(root).is_some() {
        out.push(root.to_path_buf());
    }
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        dirs.sort();
        for d in dirs {
            out.extend(corpora(&d));
        }
    }
    out
}

pub fn load_expected(dir: &Path) -> Result<Expected, YamlError> {
    let path = expected_file(dir)
        .ok_or_else(|| YamlError::new(dir.display().to_string(), None, "no expected.yaml or gold.yaml"))?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| YamlError::new(path.display().to_string(), None, format!("cannot read: {e}")))?;
    load_yaml(&path.display().to_string(), &text)
}

fn locate(dir: &Path, r: &Ref) -> Result<Span, YamlError> {
    let err = |message: String| YamlError::new(dir.join(&r.doc).display().to_string(), None, message);
    let text = std::fs::read_to_string(dir.join(&r.doc)).map_err(|e| err(format!("cannot read: {e}")))?;
    let nth = r.nth.unwrap_or(1).max(1);
    let pos = text
        .match_indices(&r.text)
        .nth(nth - 1)
        .ok_or_else(|| err(format!("{:?} (occurrence {nth}) is not in the document", r.text)))?
        .0;
    Ok((r.doc.clone(), pos, pos + r.text.len()))
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

fn hits(report: &Report, f: &Finding, span: &Span) -> bool {
    f.locations.iter().any(|l| file_name(&report.docs[l.doc].name) == span.0 && l.start < span.2 && span.1 < l.end)
}

/// Compare a report of `dir` with the corpus's expected findings.
pub fn compare(dir: &Path, report: &Report, expected: &Expected) -> Result<Outcome, YamlError> {
    let conflicts: Vec<(Span, Option<Span>, &str)> = expected
        .conflicts
        .iter()
        .map(|c| Ok((locate(dir, &c.a)?, c.b.as_ref().map(|b| locate(dir, b)).transpose()?, c.why.as_str())))
        .collect::<Result<_, YamlError>>()?;
    let consistent: Vec<(Span, Span)> = expected
        .consistent
        .iter()
        .map(|c| {
            let a = locate(dir, &c.a)?;
            let b = c.b.as_ref().map(|b| locate(dir, b)).transpose()?.unwrap_or_else(|| a.clone());
            Ok((a, b))
        })
        .collect::<Result<_, YamlError>>()?;
    let failing: Vec<&Finding> = report.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    let hits = |f: &Finding, s: &Span| hits(report, f, s);
    let explains =
        |f: &Finding, (a, b, _): &(Span, Option<Span>, &str)| hits(f, a) && b.as_ref().is_none_or(|b| hits(f, b));
    let mut out = Outcome {
        corpus: dir.to_path_buf(),
        expected: conflicts.len(),
        failing_findings: failing.len(),
        ..Outcome::default()
    };
    for c in &conflicts {
        if failing.iter().any(|f| explains(f, c)) {
            out.found += 1;
        } else {
            out.missed.push(c.2.to_string());
        }
    }
    for f in failing {
        if conflicts.iter().any(|c| explains(f, c)) {
            out.true_findings += 1;
        } else if consistent.iter().any(|(a, b)| hits(f, a) && hits(f, b)) {
            out.lookalike_alarms.push(f.clone());
        } else {
            out.unexpected.push(f.clone());
        }
    }
    Ok(out)
}
