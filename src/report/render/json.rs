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
#[cfg(test)]
struct Claims<'a>(&'a [DocFacts]);
#[cfg(test)]
struct Dates<'a>(&'a [DocFacts]);
#[cfg(test)]
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
        if !c.desc.scope().is_empty() {
            m.serialize_entry("scope", &words(c.desc.scope()))?;
        }
        if c.desc.part {
            m.serialize_entry("part", &true)?;
        }
        if !c.desc.source().is_empty() {
            m.serialize_entry("source", &words(c.desc.source()))?;
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

#[cfg(test)]
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

#[cfg(test)]
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

#[cfg(test)]
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

/// The report as one serde value (the writer below writes the same bytes, in parallel).
#[cfg(test)]
struct Whole<'a>(&'a Report);

#[cfg(test)]
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

/// Write the report as JSON (pretty-printed, one trailing newline). The elements of
/// its lists are serialised in parallel, a batch of documents at a time (so memory
/// holds one batch of text), and written in order: the bytes of serde_json's pretty
/// printer for the whole report.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    write_facts_part(report, &mut w)?;
    write_findings_part(report, &mut w)
}

/// [`write`] of a report whose quoted lines are not read yet: its documents are read
/// again for them while the facts are written (only findings quote them).
pub fn write_reading_snippets(report: &mut Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    let (facts, snippets) = std::thread::scope(|s| {
        let reading = s.spawn(|| report.quoted_lines());
        let facts = write_facts_part(report, &mut w);
        (facts, reading.join())
    });
    facts?;
    report.snippets = snippets.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    write_findings_part(report, &mut w)
}

/// The report up to its findings: the documents, claims and dates.
fn write_facts_part(r: &Report, w: &mut impl Write) -> std::io::Result<()> {
    let (listed, named) = r.listed();
    write!(w, "{{\n  \"version\": {}", crate::report::REPORT_VERSION)?;
    let docs = |k: usize, out: &mut Vec<u8>| {
        let one = Docs(&r.docs, vec![named[k]]);
        let v = serde_json::to_value(&one).map_err(std::io::Error::other)?;
        v.as_array().map_or(Ok(()), |a| a.iter().try_for_each(|d| element(d, k == 0, out)))
    };
    write_list(w, "documents", named.len(), named.len(), docs)?;
    write_facts_list(w, listed, "claims", |d| d.claims.len(), |id, d, j| Claim(id, d, &d.claims[j]))?;
    write_facts_list(w, listed, "dates", |d| d.dates.len(), |id, d, j| Date(id, d, &d.dates[j]))?;
    Ok(())
}

/// `"claims"` or `"dates"`: the `count(d)` facts of each listed document, made by
/// `fact(id, d, j)`, in pieces; their ids run on over the documents.
fn write_facts_list<'a, T: Serialize>(
    w: &mut impl Write,
    listed: &'a [DocFacts],
    name: &str,
    count: fn(&DocFacts) -> usize,
    fact: impl Fn(usize, &'a DocFacts, usize) -> T + Sync,
) -> std::io::Result<()> {
    let mut firsts = Vec::with_capacity(listed.len());
    let mut total = 0;
    for d in listed {
        firsts.push(total);
        total += count(d);
    }
    let pieces = super::pieces(listed.len(), |k| count(&listed[k]));
    let unit = |u: usize, out: &mut Vec<u8>| {
        let (k, ref range) = pieces[u];
        let d = &listed[k];
        range.clone().try_for_each(|j| element(&fact(firsts[k] + j + 1, d, j), firsts[k] + j == 0, out))
    };
    write_list(w, name, pieces.len(), total, unit)
}

/// The findings (their quoted lines read), errors and summary, to the end.
fn write_findings_part(r: &Report, w: &mut impl Write) -> std::io::Result<()> {
    let findings = |k: usize, out: &mut Vec<u8>| element(&finding_json(r, k), k == 0, out);
    write_list(w, "findings", r.findings.len(), r.findings.len(), findings)?;
    let errors = |k: usize, out: &mut Vec<u8>| {
        let e = &r.errors[k];
        element(&serde_json::json!({"path": e.path, "message": e.message, "skipped": e.skipped}), k == 0, out)
    };
    write_list(w, "errors", r.errors.len(), r.errors.len(), errors)?;
    w.write_all(b",\n  \"summary\": ")?;
    let mut tail = Vec::new();
    indented(&summary(r), 1, &mut tail)?;
    w.write_all(&tail)?;
    w.write_all(b"\n}\n")?;
    w.flush()
}

/// `"name": [ … ]`, a field of the top object: the elements of `units` units written
/// by `unit` (each unit's `element`s, the first of all marked first), `elements` in all.
fn write_list(
    w: &mut impl Write,
    name: &str,
    units: usize,
    elements: usize,
    unit: impl Fn(usize, &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    write!(w, ",\n  \"{name}\": [")?;
    super::write_units(w, units, unit)?;
    w.write_all(if elements == 0 { b"]" } else { b"\n  ]" })
}

/// One element of a list of the top object, as serde_json's pretty printer writes it
/// there: after a comma unless first, on its own line, two levels in.
fn element(value: &impl Serialize, first: bool, out: &mut Vec<u8>) -> std::io::Result<()> {
    out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
    indented(value, 2, out)
}

/// Pretty JSON of `value` written `level` levels in (its first line at the cursor).
fn indented(value: &impl Serialize, level: usize, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut s = serde_json::Serializer::with_formatter(out, Indented { level, has_value: false });
    value.serialize(&mut s).map_err(std::io::Error::other)
}

/// serde_json's `PrettyFormatter` (two spaces a level), starting some levels in.
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// `[` or `{`: one level in, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own after what it holds.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    /// Before an element or a key: after a comma unless first, on a new line.
    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Facts one per line (`claimcheck extract --format jsonl`): a `document` record, then
/// its `claim` and `date` records, each naming its document, in the fields of the JSON
/// report. The shape an outside engine (DataFusion, Spark) can group and join.
pub fn write_facts(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    let (listed, _) = report.listed();
    // Each document's line, then its claims' and its dates' lines, a piece at a time;
    // claim and date ids run on over the documents.
    enum Unit {
        Doc(usize),
        Claims(usize, std::ops::Range<usize>, usize),
        Dates(usize, std::ops::Range<usize>, usize),
    }
    let mut units = Vec::new();
    let (mut claim_id, mut date_id) = (0, 0);
    let claims = super::pieces(listed.len(), |k| listed[k].claims.len());
    let dates = super::pieces(listed.len(), |k| listed[k].dates.len());
    let (mut claims, mut dates) = (claims.into_iter().peekable(), dates.into_iter().peekable());
    for (k, d) in listed.iter().enumerate() {
        units.push(Unit::Doc(k));
        while let Some((_, range)) = claims.next_if(|(c, _)| *c == k) {
            units.push(Unit::Claims(k, range, claim_id));
        }
        claim_id += d.claims.len();
        while let Some((_, range)) = dates.next_if(|(c, _)| *c == k) {
            units.push(Unit::Dates(k, range, date_id));
        }
        date_id += d.dates.len();
    }
    fn line(mut v: serde_json::Value, kind: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
        v["type"] = serde_json::Value::from(kind);
        serde_json::to_writer(&mut *out, &v).map_err(std::io::Error::other)?;
        out.push(b'\n');
        Ok(())
    }
    let value = |v: Result<serde_json::Value, serde_json::Error>| v.map_err(std::io::Error::other);
    super::write_units(&mut w, units.len(), |u, out| match &units[u] {
        Unit::Doc(k) => {
            let mut doc = value(serde_json::to_value(Docs(listed, vec![*k])))?;
            line(doc.as_array_mut().and_then(|a| a.pop()).unwrap_or_default(), "document", out)
        }
        Unit::Claims(k, range, first) => {
            let d = &listed[*k];
            range.clone().try_for_each(|j| {
                line(value(serde_json::to_value(Claim(first + j + 1, d, &d.claims[j])))?, "claim", out)
            })
        }
        Unit::Dates(k, range, first) => {
            let d = &listed[*k];
            range
                .clone()
                .try_for_each(|j| line(value(serde_json::to_value(Date(first + j + 1, d, &d.dates[j])))?, "date", out))
        }
    })?;
    w.flush()
}

/// Words of a descriptor list, in alphabetical order (their ids follow the order in
/// which documents were read, which varies from run to run).
fn words(ids: &[crate::text::symbols::Sym]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|w| name(*w).to_string()).collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(report: &Report) -> (String, String) {
        let mut fast = Vec::new();
        write(report, &mut fast).unwrap();
        let mut whole = serde_json::to_vec_pretty(&Whole(report)).unwrap();
        whole.push(b'\n');
        (String::from_utf8(fast).unwrap(), String::from_utf8(whole).unwrap())
    }

    #[test]
    fn the_parallel_writer_writes_serde_json_s_bytes() {
        let corpus = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/example"));
        let mut report = crate::check(std::slice::from_ref(&corpus), &crate::Options::default()).unwrap();
        for k in 0..2 {
            let message = format!("bad \"input\" {k}\nline");
            report.errors.push(crate::input::InputError { path: format!("x{k}.txt"), message, skipped: k == 0 });
        }
        assert!(!report.findings.is_empty() && report.docs.iter().any(|d| !d.claims.is_empty()));
        let (fast, whole) = both(&report);
        assert_eq!(fast, whole);
        // The quoted lines read while the facts are written: the same report.
        let mut unread =
            crate::check(std::slice::from_ref(&corpus), &crate::Options { defer_snippets: true, ..Default::default() })
                .unwrap();
        assert!(unread.snippets.is_empty() && !report.snippets.is_empty());
        unread.errors = report.errors.clone();
        let mut overlapped = Vec::new();
        write_reading_snippets(&mut unread, &mut overlapped).unwrap();
        assert_eq!(String::from_utf8(overlapped).unwrap(), fast);
        assert_eq!(unread.snippets, report.snippets);
        let v: serde_json::Value = serde_json::from_str(&fast).unwrap();
        assert_eq!(v["summary"]["findings"], report.findings.len());
        // Empty lists, and a report with nothing in it.
        let (fast, whole) = both(&Report::default());
        assert_eq!(fast, whole);
        assert!(fast.contains("\"claims\": [],"), "{fast}");
    }

    #[test]
    fn a_document_of_thousands_of_claims_is_written_in_pieces_the_same() {
        // (more claims than a piece holds, and dates too, in one document beside others)
        let dir = std::env::temp_dir().join(format!("claimcheck-pieces-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let line = |k: usize| format!("قتل {} شخصا في الهجوم يوم 12 تشرين الثاني 2024 وأصيب {} آخرون.\n", k + 3, k + 7);
        std::fs::write(dir.join("long.txt"), (0..1500).map(line).collect::<String>()).unwrap();
        std::fs::write(dir.join("short.txt"), line(1)).unwrap();
        let report = crate::check(std::slice::from_ref(&dir), &crate::Options::default()).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let long = report.docs.iter().find(|d| d.name.ends_with("long.txt")).unwrap();
        assert!(long.claims.len() > 2 * super::super::PIECE && long.dates.len() > super::super::PIECE);
        let (fast, whole) = both(&report);
        assert_eq!(fast, whole);
        // One line a fact, ids running on over the documents.
        let mut lines = Vec::new();
        write_facts(&report, &mut lines).unwrap();
        let lines: Vec<serde_json::Value> =
            String::from_utf8(lines).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let claims: Vec<&serde_json::Value> = lines.iter().filter(|v| v["type"] == "claim").collect();
        let total: usize = report.docs.iter().map(|d| d.claims.len()).sum();
        assert_eq!(claims.len(), total);
        assert!(claims.iter().enumerate().all(|(k, c)| c["id"] == format!("c{}", k + 1)));
        let whole: serde_json::Value = serde_json::from_str(&fast).unwrap();
        assert_eq!(claims[1700]["text"], whole["claims"][1700]["text"]);
        // The table: one line a claim, in the report's order.
        let mut table = Vec::new();
        super::super::table::write(&report, &mut table).unwrap();
        let table = String::from_utf8(table).unwrap();
        assert_eq!(table.lines().count(), total + 1);
        let nth = table.lines().nth(1700).unwrap();
        assert!(nth.contains(whole["claims"][1700]["text"].as_str().unwrap()), "{nth}");
    }
}
