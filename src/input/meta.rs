//! Metadata beside the text: YAML front matter (`---` … `---` at the top of a file)
//! and sidecar files (`FILE.meta.yaml`). Both may give `published: YYYY-MM-DD` and
//! `claimcheck-ignore: [RULE, …]` (or `all`). A value that cannot be used is said out
//! loud, naming the file and line, and the document is still checked.

use super::read::{not_regular, read_bytes, text_from_bytes};
use super::InputError;
use crate::yaml::load_yaml;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PublishedSource {
    FrontMatter,
    Sidecar,
    /// The `published` field of a JSON Lines record.
    Record,
    /// `--published` or the config file.
    Option,
}

impl PublishedSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedSource::FrontMatter => "front-matter",
            PublishedSource::Sidecar => "sidecar",
            PublishedSource::Record => "record",
            PublishedSource::Option => "option",
        }
    }
}

/// What front matter or a sidecar says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    pub published: Option<NaiveDate>,
    pub ignore_rules: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetaFields {
    published: Option<serde_json::Value>,
    #[serde(rename = "claimcheck-ignore")]
    ignore: Option<serde_json::Value>,
}

/// Parse a date written `YYYY-MM-DD` (a time after it is allowed: "2024-05-02 10:30").
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_matches(['"', '\'']);
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Read the fields of a metadata block; problems go to `notes`.
fn fields(file: &str, first_line: usize, yaml: &str, notes: &mut Vec<InputError>) -> FrontMatter {
    let mut out = FrontMatter::default();
    let parsed: MetaFields = match load_yaml(file, yaml) {
        Ok(m) => m,
        Err(e) => {
            let line = e.line.map_or(first_line, |l| l + first_line - 1);
            notes.push(InputError::notice(format!("{file}:{line}"), format!("metadata not read: {}", e.message)));
            return out;
        }
    };
    let line_of =
        |key: &str| yaml.lines().position(|l| l.trim_start().starts_with(key)).map_or(first_line, |k| k + first_line);
    match &parsed.published {
        None | Some(serde_json::Value::Null) => {}
        Some(v) => {
            let s = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match parse_day(&s) {
                Some(d) => out.published = Some(d),
                None => notes.push(InputError::notice(
                    format!("{file}:{}", line_of("published")),
                    format!("published: {s:?} is not a date YYYY-MM-DD; ignored"),
                )),
            }
        }
    }
    match &parsed.ignore {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(s)) => out.ignore_rules.push(s.trim().to_string()),
        Some(serde_json::Value::Array(items)) => {
            out.ignore_rules.extend(items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)))
        }
        Some(other) => notes.push(InputError::notice(
            format!("{file}:{}", line_of("claimcheck-ignore")),
            format!("claimcheck-ignore: expected a rule id or a list of them, got {other}"),
        )),
    }
    out
}

/// The front matter of a text, if it opens with one: its fields, and problems.
pub fn front_matter(file: &str, text: &str, notes: &mut Vec<InputError>) -> FrontMatter {
    let t = text.trim_start_matches('\u{FEFF}');
    let Some(body) = t.strip_prefix("---") else { return FrontMatter::default() };
    if !body.starts_with(['\n', '\r']) {
        return FrontMatter::default();
    }
    let Some(end) = body.find("\n---") else { return FrontMatter::default() };
    fields(file, 1, &body[..end], notes)
}

/// The largest sidecar read.
const MAX_SIDECAR_BYTES: u64 = 64 * 1024;

/// The sidecar `FILE.meta.yaml` of a document, if there is one.
pub fn sidecar(doc: &Path, notes: &mut Vec<InputError>) -> FrontMatter {
    let mut name = doc.as_os_str().to_owned();
    name.push(".meta.yaml");
    let path = std::path::PathBuf::from(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return FrontMatter::default();
    }
    let shown = super::path_name(&path);
    if let Some(why) = not_regular(&path) {
        notes.push(InputError::notice(shown, format!("sidecar {why}")));
        return FrontMatter::default();
    }
    let text = match read_bytes(&path, MAX_SIDECAR_BYTES).and_then(text_from_bytes) {
        Ok(t) => t,
        Err(e) => {
            notes.push(InputError::notice(shown, format!("sidecar not read: {}", e.0)));
            return FrontMatter::default();
        }
    };
    fields(&shown, 1, &text, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_date_and_ignores() {
        let mut notes = Vec::new();
        let fm = front_matter(
            "a.md",
            "---\ntitle: x\npublished: 2024-05-02\nclaimcheck-ignore: [weekday-mismatch]\n---\nbody",
            &mut notes,
        );
        assert_eq!(fm.published, NaiveDate::from_ymd_opt(2024, 5, 2));
        assert_eq!(fm.ignore_rules, vec!["weekday-mismatch".to_string()]);
        assert!(notes.is_empty());
    }

    #[test]
    fn a_garbage_date_is_said_out_loud() {
        let mut notes = Vec::new();
        let fm = front_matter("a.md", "---\ntitle: x\npublished: next tuesday\n---\nbody", &mut notes);
        assert_eq!(fm.published, None);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].path, "a.md:3");
        assert!(notes[0].message.contains("not a date"), "{}", notes[0]);
        assert!(!notes[0].skipped);
    }
}
