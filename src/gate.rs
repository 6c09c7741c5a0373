//! `claimcheck test`: gate fixture corpora on their expected findings.
//!
//! A corpus folder holds documents and `expected.yaml` (or a `gold.yaml` with the same
//! sections): `conflicts` the checker must report and `consistent` look-alikes it must
//! not, each side named by document and exact text (`nth` for repeats), as in
//! `../shared/eval/README.md`. A conflict is found when one finding of severity error
//! or warning has locations on both its sides; a corpus passes when every conflict is
//! found and no other error or warning is reported.
//!
//! Two more sections record what a corpus is known to get wrong, so that a gate fails
//! only on change: `known-misses` (conflicts not found yet: reported, not failing) and
//! `known-alarms` (findings no conflict explains, by rule and spans: reported, not
//! failing). `claimcheck test --bless` rewrites both from the current output and
//! leaves the rest of the file as it is. The format: `fixtures/FORMAT.md`.

use crate::check::{Finding, Severity};
use crate::report::Report;
use crate::yaml::{load_yaml, YamlError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct Expected {
    #[serde(default)]
    pub conflicts: Vec<Pair>,
    #[serde(default)]
    pub consistent: Vec<Pair>,
    /// Conflicts (of `conflicts` or not) that the checker does not find yet.
    #[serde(default, rename = "known-misses")]
    pub known_misses: Vec<Pair>,
    /// Errors and warnings that no conflict explains, known and tolerated.
    #[serde(default, rename = "known-alarms")]
    pub known_alarms: Vec<Alarm>,
}

/// A finding a corpus tolerates: its rule and the spans of its first two locations.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Alarm {
    pub rule: String,
    pub a: Ref,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<Ref>,
    /// The finding's message, for the people who read the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Pair {
    pub a: Ref,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<Ref>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Ref {
    pub doc: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
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
    /// Conflicts not reported that `known-misses` lists (with their `why`).
    pub known_missed: Vec<String>,
    /// `known-misses` that are found now.
    pub now_found: Vec<String>,
    /// Errors and warnings that `known-alarms` lists.
    pub known_alarms: Vec<Finding>,
    /// `known-alarms` that are no longer reported (their messages).
    pub gone_alarms: Vec<String>,
    /// What `--bless` writes: the conflicts not found, and the findings no conflict
    /// explains.
    pub bless_misses: Vec<Pair>,
    pub bless_alarms: Vec<Alarm>,
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

/// A conflict located: its sides, and the entry it comes from.
struct Located<'e> {
    a: Span,
    b: Option<Span>,
    pair: &'e Pair,
}

fn locate_pair<'e>(dir: &Path, pair: &'e Pair) -> Result<Located<'e>, YamlError> {
    Ok(Located { a: locate(dir, &pair.a)?, b: pair.b.as_ref().map(|b| locate(dir, b)).transpose()?, pair })
}

/// Do two entries name the same conflict (its sides in either order)?
fn same_conflict(x: &Located, y: &Located) -> bool {
    (x.a == y.a && x.b == y.b) || (x.b.as_ref() == Some(&y.a) && y.b.as_ref() == Some(&x.a))
}

/// The reference of a finding's location: the document's file name and the exact
/// text of the span (with `nth` when the text occurs earlier too).
fn reference(report: &Report, l: &crate::check::Location) -> Option<Ref> {
    let path = &report.docs[l.doc].name;
    let text = std::fs::read_to_string(path).ok()?;
    let span = text.get(l.start..l.end)?.to_string();
    let nth = text.match_indices(&span).position(|(p, _)| p == l.start)? + 1;
    Some(Ref { doc: file_name(path), text: span, nth: (nth > 1).then_some(nth) })
}

/// A finding as an entry of `known-alarms`.
fn alarm(report: &Report, f: &Finding) -> Option<Alarm> {
    let mut refs = f.locations.iter().filter_map(|l| reference(report, l));
    Some(Alarm { rule: f.rule.clone(), a: refs.next()?, b: refs.next(), message: f.message.clone() })
}

/// Compare a report of `dir` with the corpus's expected findings.
pub fn compare(dir: &Path, report: &Report, expected: &Expected) -> Result<Outcome, YamlError> {
    let listed: Vec<Located> = expected.conflicts.iter().map(|c| locate_pair(dir, c)).collect::<Result<_, _>>()?;
    let known: Vec<Located> = expected.known_misses.iter().map(|c| locate_pair(dir, c)).collect::<Result<_, _>>()?;
    // Every conflict: those listed, and the known misses that are not (with their why).
    let mut conflicts: Vec<&Located> = listed.iter().collect();
    conflicts.extend(known.iter().filter(|k| !listed.iter().any(|c| same_conflict(c, k))));
    let consistent: Vec<(Span, Span)> = expected
        .consistent
        .iter()
        .map(|c| {
            let a = locate(dir, &c.a)?;
            let b = c.b.as_ref().map(|b| locate(dir, b)).transpose()?.unwrap_or_else(|| a.clone());
            Ok((a, b))
        })
        .collect::<Result<_, YamlError>>()?;
    let alarms: Vec<(Span, Option<Span>, &Alarm)> = expected
        .known_alarms
        .iter()
        .map(|k| Ok((locate(dir, &k.a)?, k.b.as_ref().map(|b| locate(dir, b)).transpose()?, k)))
        .collect::<Result<_, YamlError>>()?;
    let failing: Vec<&Finding> = report.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    let hits = |f: &Finding, s: &Span| hits(report, f, s);
    let explains = |f: &Finding, c: &Located| hits(f, &c.a) && c.b.as_ref().is_none_or(|b| hits(f, b));
    let mut out = Outcome {
        corpus: dir.to_path_buf(),
        expected: conflicts.len(),
        failing_findings: failing.len(),
        ..Outcome::default()
    };
    for c in &conflicts {
        let is_known = known.iter().any(|k| same_conflict(k, c));
        let why = c.pair.why.to_string();
        if failing.iter().any(|f| explains(f, c)) {
            out.found += 1;
            if is_known {
                out.now_found.push(why);
            }
        } else {
            out.bless_misses.push(c.pair.clone());
            if is_known {
                out.known_missed.push(why);
            } else {
                out.missed.push(why);
            }
        }
    }
    let mut alarm_seen = vec![false; alarms.len()];
    for f in failing {
        if conflicts.iter().any(|c| explains(f, c)) {
            out.true_findings += 1;
            continue;
        }
        out.bless_alarms.extend(alarm(report, f));
        let known =
            alarms.iter().position(|(a, b, k)| k.rule == f.rule && hits(f, a) && b.as_ref().is_none_or(|b| hits(f, b)));
        if let Some(k) = known {
            alarm_seen[k] = true;
            out.known_alarms.push(f.clone());
        } else if consistent.iter().any(|(a, b)| hits(f, a) && hits(f, b)) {
            out.lookalike_alarms.push(f.clone());
        } else {
            out.unexpected.push(f.clone());
        }
    }
    for ((_, _, k), seen) in alarms.iter().zip(&alarm_seen) {
        if !seen {
            let what = if k.message.is_empty() { format!("{:?}", k.a.text) } else { k.message.clone() };
            out.gone_alarms.push(format!("[{}] {what}", k.rule));
        }
    }
    Ok(out)
}

/// The sections `--bless` owns, and the comment it writes above them.
const BLESSED: [&str; 2] = ["known-misses", "known-alarms"];
const BLESS_NOTE: &str = "# claimcheck test --bless";

/// Rewrite the `known-misses` and `known-alarms` of a corpus's expected file from an
/// outcome: the conflicts it did not find, the findings no conflict explains. Every
/// other line of the file is kept as it is. Returns the file written.
pub fn bless(dir: &Path, outcome: &Outcome) -> std::io::Result<PathBuf> {
    let path = expected_file(dir)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no expected.yaml or gold.yaml"))?;
    let text = std::fs::read_to_string(&path)?;
    let mut kept = String::with_capacity(text.len());
    let mut in_blessed = false;
    for line in text.split_inclusive('\n') {
        let top_key = !line.starts_with([' ', '\t', '-', '#', '\n', '\r']);
        if top_key {
            in_blessed = BLESSED.iter().any(|k| line.strip_prefix(k).is_some_and(|r| r.starts_with(':')));
        }
        if in_blessed || line.starts_with(BLESS_NOTE) {
            continue;
        }
        kept.push_str(line);
    }
    let mut out = kept.trim_end().to_string();
    out.push('\n');
    if !outcome.bless_misses.is_empty() {
        out.push_str(&format!("\n{BLESS_NOTE}: conflicts not found yet (reported, not failing)\nknown-misses:\n"));
        for p in &outcome.bless_misses {
            out.push_str(&entry(p));
        }
    }
    if !outcome.bless_alarms.is_empty() {
        out.push_str(&format!(
            "\n{BLESS_NOTE}: findings no conflict explains (reported, not failing)\nknown-alarms:\n"
        ));
        for a in &outcome.bless_alarms {
            out.push_str(&entry(a));
        }
    }
    std::fs::write(&path, out)?;
    Ok(path)
}

/// One entry a line, as JSON (which is YAML): no quoting surprises in Arabic text.
fn entry<T: Serialize>(v: &T) -> String {
    format!("  - {}\n", serde_json::to_string(v).unwrap_or_default())
}
