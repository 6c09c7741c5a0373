//! `json`: report version 1, the contract of `../shared/eval/README.md`, written as
//! it is serialised (claims and dates stream from the documents' facts, never held
//! as a second copy).
//!
//! ```text
//! {"version": 1,
//!  "documents": [{"path", "published", "language", + "published_source", "reference",
//!                 "reference_source", "bytes"}],
//!  "claims": [{"id", "doc", "start", "end", "line", "text", "value", "bound", "upper",
//!              "noun", + "time", "time_source", "what", "role", "status", "scope",
//!              "part", "source"}],
//!  "dates": [{"id", "doc", "start", "end", "line", "text", "value"}],
//!  "findings": [{"rule", "severity", "message", "locations": [{"doc", "start", "end",
//!                "line", + "role"}], + "evidence", "fingerprint"}],
//!  + "errors": [{"path", "message", "skipped"}], + "summary": {…}}
//! ```
//! `+` marks fields added to the version-1 contract.

use super::Report;
use crate::check::Finding;
use crate::lexicon::describe::Describe;
use crate::resolve::{ClaimFact, DateFact, DocFacts};
use crate::text::symbols::name;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;
use std::io::Write;

struct Docs<'a>(&'a [DocFacts], Vec<usize>);
struct Claims<'a>(&'a [DocFacts]);
struct Dates<'a>(&'a [DocFacts]);
struct Findings<'a>(&'a Report);

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl Serialize for Docs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&k| &self.0[k]).map(|d| {
            serde_json::json!({
                "path": d.name,
                "published": d.publication().map(|(p, _)| day(p)),
                "published_source": d.publication().map(|(_, s)| s.as_str()),
                "reference": d.reference.map(|(r, _)| day(r)),
                "reference_source": match (&d.borrowed_from, d.reference) {
                    (Some(from), _) => Some(format!("borrowed:{from}")),
                    (None, Some((_, s))) => Some(s.as_str().to_string()),
                    (None, None) => None,
                },
                "language": d.language.as_str(),
                "bytes": d.bytes,
            })
        }))
    }
}

/// A number as JSON: integral values as integers (22, not 22.0).
pub fn number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Value::from(v)
    }
}

struct Claim<'a>(usize, &'a DocFacts, &'a ClaimFact);

impl Serialize for Claim<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Claim(id, doc, c) = *self;
        let describe = Describe::default_describe();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &format!("c{id}"))?;
        m.serialize_entry("doc", &doc.name)?;
        m.serialize_entry("start", &c.start)?;
        m.serialize_entry("end", &c.end)?;
        m.serialize_entry("line", &c.line)?;
        m.serialize_entry("text", &c.text)?;
        m.serialize_entry("value", &number(c.value))?;
        m.serialize_entry("bound", c.bound.as_str())?;
        m.serialize_entry("upper", &c.upper.map(number))?;
        m.serialize_entry("noun", &c.noun)?;
        m.serialize_entry("time", &c.time.as_ref().map(ToString::to_string))?;
        m.serialize_entry("time_source", &c.time.as_ref().map(|_| c.time_source.as_str()))?;
        m.serialize_entry("what", &c.desc.what.map(|w| name(w).to_string()))?;
        m.serialize_entry("role", &c.desc.role.map(|r| describe.role(r).id.clone()))?;
        m.serialize_entry("status", c.desc.status.as_str())?;
        if !c.desc.scope.is_empty() {
            m.serialize_entry("scope", &words(&c.desc.scope))?;
        }
        if c.desc.part {
            m.serialize_entry("part", &true)?;
        }
        if !c.desc.source.is_empty() {
            m.serialize_entry("source", &words(&c.desc.source))?;
        }
        if c.flags.share {
            m.serialize_entry("share", &true)?;
        }
        if let Some(score) = c.flags.score {
            let against = score.against.map_or(String::new(), |a| format!("-{a}"));
            m.serialize_entry("score", &format!("{}{against}", score.goals))?;
        }
        m.end()
    }
}

impl Serialize for Claims<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut id = 0;
        s.collect_seq(self.0.iter().flat_map(|d| d.claims.iter().map(move |c| (d, c))).map(|(d, c)| {
            id += 1;
            Claim(id, d, c)
        }))
    }
}

struct Date<'a>(usize, &'a DocFacts, &'a DateFact);

impl Serialize for Date<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Date(id, doc, d) = *self;
        let mut m = s.serialize_struct("Date", 7)?;
        m.serialize_field("id", &format!("d{id}"))?;
        m.serialize_field("doc", &doc.name)?;
        m.serialize_field("start", &d.start)?;
        m.serialize_field("end", &d.end)?;
        m.serialize_field("line", &d.line)?;
        m.serialize_field("text", &d.text)?;
        m.serialize_field("value", &d.value.as_ref().map(ToString::to_string))?;
        m.end()
    }
}

impl Serialize for Dates<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut id = 0;
        s.collect_seq(self.0.iter().flat_map(|d| d.dates.iter().map(move |x| (d, x))).map(|(d, x)| {
            id += 1;
            Date(id, d, x)
        }))
    }
}

/// One finding as JSON (also one line of the `jsonl` format).
pub fn finding_json(report: &Report, k: usize) -> serde_json::Value {
    let f: &Finding = &report.findings[k];
    let locations: Vec<serde_json::Value> = f
        .locations
        .iter()
        .map(|l| {
            let mut v = serde_json::json!({
                "doc": report.docs[l.doc].name,
                "start": l.start,
                "end": l.end,
                "line": l.line,
            });
            if let Some(r) = &l.role {
                v["role"] = serde_json::Value::from(r.as_str());
            }
            v
        })
        .collect();
    let mut v = serde_json::json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "message": f.message,
        "locations": locations,
        "fingerprint": crate::report::fingerprint::fingerprint(report, k),
    });
    if !f.evidence.is_empty() {
        v["evidence"] = serde_json::Value::from(f.evidence.clone());
    }
    v
}

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.0.findings.len()).map(|k| finding_json(self.0, k)))
    }
}

/// The `summary` object: what was checked and found.
pub fn summary(report: &Report) -> serde_json::Value {
    use crate::check::Severity;
    serde_json::json!({
        "documents": report.coverage.documents,
        "claims": report.coverage.claims,
        "dates": report.coverage.dates,
        "story_pairs": report.coverage.story_pairs,
        "findings": report.findings.len(),
        "errors": report.count(Severity::Error),
        "warnings": report.count(Severity::Warning),
        "info": report.count(Severity::Info),
        "skipped_inputs": report.errors.iter().filter(|e| e.skipped).count(),
        "hidden_by_baseline": report.hidden_by_baseline,
        "not_on_changed_lines": report.unchanged,
        "suppressed": report.suppressed,
    })
}

struct Whole<'a>(&'a Report);

impl Serialize for Whole<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_struct("Report", 8)?;
        m.serialize_field("version", &crate::report::REPORT_VERSION)?;
        let (listed, named) = r.listed();
        m.serialize_field("documents", &Docs(&r.docs, named))?;
        m.serialize_field("claims", &Claims(listed))?;
        m.serialize_field("dates", &Dates(listed))?;
        m.serialize_field("findings", &Findings(r))?;
        let errors: Vec<serde_json::Value> = r
            .errors
            .iter()
            .map(|e| serde_json::json!({"path": e.path, "message": e.message, "skipped": e.skipped}))
            .collect();
        m.serialize_field("errors", &errors)?;
        m.serialize_field("summary", &summary(r))?;
        m.end()
    }
}

/// Write the report as JSON (pretty-printed, one trailing newline).
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &Whole(report)).map_err(std::io::Error::other)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Facts one per line (`claimcheck extract --format jsonl`): a `document` record, then
/// its `claim` and `date` records, each naming its document, in the fields of the JSON
/// report. The shape an outside engine (DataFusion, Spark) can group and join.
pub fn write_facts(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    let (listed, _) = report.listed();
    let (mut claim_id, mut date_id) = (0, 0);
    for (k, d) in listed.iter().enumerate() {
        let mut doc = serde_json::to_value(Docs(listed, vec![k])).map_err(std::io::Error::other)?;
        let mut doc = doc.as_array_mut().and_then(|a| a.pop()).unwrap_or_default();
        doc["type"] = serde_json::Value::from("document");
        serde_json::to_writer(&mut w, &doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        for c in &d.claims {
            claim_id += 1;
            let mut v = serde_json::to_value(Claim(claim_id, d, c)).map_err(std::io::Error::other)?;
            v["type"] = serde_json::Value::from("claim");
            serde_json::to_writer(&mut w, &v).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
        }
        for x in &d.dates {
            date_id += 1;
            let mut v = serde_json::to_value(Date(date_id, d, x)).map_err(std::io::Error::other)?;
            v["type"] = serde_json::Value::from("date");
            serde_json::to_writer(&mut w, &v).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()
}

/// Words of a descriptor list, in alphabetical order (their ids follow the order in
/// which documents were read, which varies from run to run).
fn words(ids: &[crate::text::symbols::Sym]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|w| name(*w).to_string()).collect();
    v.sort_unstable();
    v
}
