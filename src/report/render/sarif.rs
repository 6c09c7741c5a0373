//! `sarif`: SARIF 2.1.0, as GitHub code scanning accepts it: URIs relative to the
//! working directory (`%SRCROOT%`, percent-encoded), `columnKind` and regions in
//! Unicode code points (`startColumn`, `endColumn`, `charOffset`, `charLength`),
//! `partialFingerprints`, related locations with their role as message, every rule
//! with its documentation, and skipped inputs as tool execution notifications.

use super::Report;
use crate::check::{Rule, Severity};
use std::io::Write;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode a relative path for a URI (RFC 3986 unreserved chars and `/` kept).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The artifact of a document: the file (for a JSON Lines record, the corpus file),
/// relative to the working directory when it is under it.
fn artifact(name: &str, origin: &crate::input::Origin, cwd: &std::path::Path) -> (String, bool) {
    let path = match origin {
        crate::input::Origin::File(p) | crate::input::Origin::Record { file: p, .. } => p.clone(),
        crate::input::Origin::Stdin => return (encode_path(name), true),
    };
    let abs = std::fs::canonicalize(&path).unwrap_or(path.clone());
    match abs.strip_prefix(cwd) {
        Ok(rel) => (encode_path(&rel.to_string_lossy().replace('\\', "/")), true),
        Err(_) => (format!("file://{}", encode_path(&abs.to_string_lossy())), false),
    }
}

pub fn write(report: &Report, rules: &[Box<dyn Rule>], out: &mut dyn Write) -> std::io::Result<()> {
    let cwd = std::env::current_dir().ok().and_then(|d| std::fs::canonicalize(d).ok()).unwrap_or_default();
    let location = |k: usize, i: usize, message: Option<&str>| -> serde_json::Value {
        let f = &report.findings[k];
        let l = &f.locations[i];
        let doc = &report.docs[l.doc];
        let (uri, relative) = artifact(&doc.name, &doc.origin, &cwd);
        let mut art = serde_json::json!({"uri": uri});
        if relative {
            art["uriBaseId"] = serde_json::Value::from("%SRCROOT%");
        }
        let s = report.snippets.get(k).and_then(|s| s.get(i)).and_then(|s| s.as_ref());
        let region = match (&doc.origin, s) {
            (crate::input::Origin::Record { line, .. }, _) => serde_json::json!({"startLine": line}),
            (_, Some(s)) => serde_json::json!({
                "startLine": l.line,
                "startColumn": s.column,
                "endColumn": s.end_column,
                "charOffset": s.char_offset,
                "charLength": s.char_length,
                "snippet": {"text": s.text},
            }),
            (_, None) => serde_json::json!({"startLine": l.line}),
        };
        let mut v = serde_json::json!({"physicalLocation": {"artifactLocation": art, "region": region}});
        if let Some(m) = message {
            v["message"] = serde_json::json!({"text": m});
        }
        if let crate::input::Origin::Record { .. } = doc.origin {
            v["properties"] = serde_json::json!({"document": doc.name, "byteOffset": l.start});
        }
        v
    };
    let results: Vec<serde_json::Value> = report
        .findings
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let related: Vec<serde_json::Value> = (1..f.locations.len())
                .map(|i| {
                    let mut v = location(k, i, f.locations[i].role.as_deref().or(Some("related")));
                    v["id"] = serde_json::Value::from(i);
                    v
                })
                .collect();
            let mut text = f.message.clone();
            if !f.evidence.is_empty() {
                text = format!("{text} ({})", f.evidence.join("; "));
            }
            let mut r = serde_json::json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": text},
                "locations": [location(k, 0, None)],
                "partialFingerprints": {"claimcheck/v1": crate::report::fingerprint::fingerprint(report, k)},
            });
            if !related.is_empty() {
                r["relatedLocations"] = serde_json::Value::from(related);
            }
            if let Some(pos) = rules.iter().position(|x| x.meta().id == f.rule) {
                r["ruleIndex"] = serde_json::Value::from(pos);
            }
            r
        })
        .collect();
    let rule_docs: Vec<serde_json::Value> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id,
                "name": m.id.split('-').map(|w| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                }).collect::<String>(),
                "shortDescription": {"text": m.docs.what},
                "fullDescription": {"text": format!("{} {}", m.docs.what, m.docs.why)},
                "help": {"text": format!("What: {}\nWhy: {}\nExample: {}", m.docs.what, m.docs.why, m.docs.example)},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"kind": m.kind},
            })
        })
        .collect();
    let notifications: Vec<serde_json::Value> = report
        .errors
        .iter()
        .map(|e| {
            serde_json::json!({
                "level": if e.skipped { "error" } else { "warning" },
                "message": {"text": format!("{}: {}", e.path, e.message)},
            })
        })
        .collect();
    let base = format!("file://{}/", encode_path(&cwd.to_string_lossy()));
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_docs,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": base}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    let mut w = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
    w.write_all(b"\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(encode_path("a b/ج.txt"), "a%20b/%D8%AC.txt");
    }
}
