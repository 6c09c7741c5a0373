//! The rule engine: configured rules from YAML files, one Rust kind each.
//!
//! A configured rule is one YAML file (`rules/checks/*.yaml`, embedded; `--rules DIR`
//! adds rules or replaces embedded ones with the same `id`) with common fields —
//! `id`, `kind`, `severity`, `message`, `docs` — and the `options` of its kind. A kind
//! is one file in `check/rules/` implementing [`Rule`], listed once in [`KINDS`].
//! Unknown kinds, unknown keys, unknown `{placeholders}`, bad option values and an id
//! defined twice are errors naming the file, the line and what is valid.

use super::rules;
use super::{Corpus, Finding, Location, Severity};
use crate::yaml::{load_yaml, YamlError};
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
    /// The rule's options as YAML text, for `claimcheck rules ID`.
    pub options_text: String,
}

impl RuleMeta {
    /// Fill `{name}` placeholders of the message from `vars`.
    pub fn message(&self, vars: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(self.message.len() + 32);
        let mut rest = self.message.as_str();
        while let Some(k) = rest.find('{') {
            out.push_str(&rest[..k]);
            let after = &rest[k + 1..];
            match after.find('}') {
                Some(e) => {
                    let name = &after[..e];
                    match vars.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(v),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[e + 1..];
                }
                None => {
                    out.push_str(&rest[k..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub fn finding(&self, message: String, locations: Vec<Location>) -> Finding {
        Finding { rule: self.id.clone(), severity: self.severity, message, locations, evidence: Vec::new() }
    }
}

/// A check over the corpus.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn meta_mut(&mut self) -> &mut RuleMeta;
    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>);
}

/// Builds a configured rule of one kind from its file (name and text).
pub type Build = fn(meta: RuleMeta, file: &str, text: &str) -> Result<Box<dyn Rule>, YamlError>;

/// A rule kind: its name, documentation, the placeholders its messages may use, and
/// how to build a rule from a file.
pub struct Kind {
    pub name: &'static str,
    pub docs: fn() -> Docs,
    pub placeholders: &'static [&'static str],
    pub build: Build,
}

/// Every rule kind. Adding a kind: one file in `check/rules/` and one line here.
pub const KINDS: &[Kind] = &[
    rules::agreement::KIND,
    rules::internal::KIND,
    rules::trend::KIND,
    rules::aligned::KIND,
    rules::weekday::KIND,
    rules::future_event::KIND,
    rules::relative_year::KIND,
    rules::hijri::KIND,
    rules::superseded::KIND,
    rules::event_dates::KIND,
    rules::date_order::KIND,
];

/// Parse a rule file's options for a kind (with `deny_unknown_fields` on `O`, unknown
/// option keys are errors with their line).
pub fn options<O: DeserializeOwned + Default>(file: &str, text: &str) -> Result<O, YamlError> {
    let parsed: RuleFile<O> = load_yaml(file, text)?;
    Ok(parsed.options.unwrap_or_default())
}

/// An option that must be a finite number at least zero (a tolerance, a share).
pub fn check_non_negative(file: &str, text: &str, name: &str, v: f64) -> Result<(), YamlError> {
    if v.is_finite() && v >= 0.0 {
        return Ok(());
    }
    Err(YamlError::new(file, line_of(text, name), format!("option `{name}` must be a number of at least 0, got {v}")))
}

/// The 1-based line where `key:` first appears in a YAML text.
pub fn line_of(text: &str, key: &str) -> Option<usize> {
    let needle = format!("{key}:");
    text.lines().position(|l| l.trim_start().starts_with(&needle)).map(|k| k + 1)
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
    ("rules/checks/date-order.yaml", include_str!("../../rules/checks/date-order.yaml")),
];

/// Build one rule from a file.
pub fn build_rule(file: &str, text: &str) -> Result<Box<dyn Rule>, YamlError> {
    let header: RuleFile<IgnoredAny> = load_yaml(file, text)?;
    let kind = KINDS.iter().find(|k| k.name == header.kind).ok_or_else(|| {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        YamlError::new(
            file,
            line_of(text, "kind"),
            format!("unknown rule kind `{}`, must be one of: {}", header.kind, names.join(", ")),
        )
    })?;
    let id = header.id.trim();
    let valid_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_id {
        return Err(YamlError::new(
            file,
            line_of(text, "id"),
            format!("rule id {:?} must be non-empty kebab-case (a-z, 0-9, -)", header.id),
        ));
    }
    check_placeholders(file, text, &header.message, kind)?;
    let options_text = text.find("\noptions:").map(|k| text[k + 1..].trim_end().to_string()).unwrap_or_default();
    let meta = RuleMeta {
        id: id.to_string(),
        kind: kind.name,
        severity: header.severity,
        message: header.message,
        docs: header.docs,
        file: file.to_string(),
        options_text,
    };
    (kind.build)(meta, file, text)
}

/// Every `{name}` of a message must be one the kind fills.
fn check_placeholders(file: &str, text: &str, message: &str, kind: &Kind) -> Result<(), YamlError> {
    let mut rest = message;
    while let Some(k) = rest.find('{') {
        let after = &rest[k + 1..];
        let Some(e) = after.find('}') else { break };
        let name = &after[..e];
        if !kind.placeholders.contains(&name) {
            return Err(YamlError::new(
                file,
                line_of(text, "message"),
                format!(
                    "unknown placeholder {{{name}}} in the message; kind `{}` fills: {}",
                    kind.name,
                    kind.placeholders.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        rest = &after[e + 1..];
    }
    Ok(())
}

/// The configured rules: the embedded defaults, then every `*.yaml` of each user
/// folder (a rule with an embedded rule's id replaces it; two user files with one id
/// are an error).
pub fn load_rules(user_dirs: &[&Path]) -> Result<Vec<Box<dyn Rule>>, YamlError> {
    let mut rules: BTreeMap<String, Box<dyn Rule>> = BTreeMap::new();
    for (file, text) in DEFAULT_RULES {
        let r = build_rule(file, text)?;
        rules.insert(r.meta().id.clone(), r);
    }
    let mut user_files: BTreeMap<String, String> = BTreeMap::new();
    for dir in user_dirs {
        let shown = crate::input::path_name(dir);
        if let Some(why) = crate::input::read::not_regular(dir).filter(|w| w != "is a directory") {
            return Err(YamlError::new(shown, None, format!("rules folder {why}")));
        }
        let entries = std::fs::read_dir(dir)
            .map_err(|e| YamlError::new(&shown, None, format!("cannot read rules folder: {e}")))?;
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        files.sort();
        for path in files {
            let name = crate::input::path_name(&path);
            let bytes = crate::input::read::read_bytes(&path, 1 << 20).map_err(|e| YamlError::new(&name, None, e.0))?;
            let text = crate::input::read::text_from_bytes(bytes).map_err(|e| YamlError::new(&name, None, e.0))?;
            let r = build_rule(&name, &text)?;
            let id = r.meta().id.clone();
            if let Some(first) = user_files.insert(id.clone(), name.clone()) {
                return Err(YamlError::new(
                    &name,
                    line_of(&text, "id"),
                    format!("rule id `{id}` is already defined in {first}"),
                ));
            }
            rules.insert(id, r);
        }
    }
    Ok(rules.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_load() {
        let rules = load_rules(&[]).unwrap();
        assert!(rules.len() >= 10);
        for r in &rules {
            assert!(!r.meta().docs.what.is_empty(), "{}", r.meta().id);
        }
    }

    #[test]
    fn bad_rule_files_name_file_line_and_what_is_valid() {
        let base = "id: x\nkind: weekday\nseverity: error\nmessage: m\ndocs: {what: a, why: b, example: c}\n";
        let err = build_rule("x.yaml", &base.replace("kind: weekday", "kind: nonsense")).err().unwrap();
        assert_eq!((err.file.as_str(), err.line), ("x.yaml", Some(2)));
        assert!(err.message.contains("must be one of: value-agreement"), "{}", err.message);
        let err = build_rule("x.yaml", &format!("{base}bogus: 1\n")).err().unwrap();
        assert_eq!(err.line, Some(6));
        assert!(err.message.contains("unknown field `bogus`"), "{}", err.message);
        let err = build_rule("x.yaml", &base.replace("message: m", "message: \"{nope} here\"")).err().unwrap();
        assert!(err.message.contains("unknown placeholder {nope}") && err.line == Some(4), "{err}");
        let err = build_rule("x.yaml", &base.replace("id: x", "id: \"\"")).err().unwrap();
        assert!(err.message.contains("kebab-case"), "{err}");
        let text = base.replace("kind: weekday", "kind: value-agreement") + "options:\n  approx_tolerance: .nan\n";
        let err = build_rule("x.yaml", &text).err().unwrap();
        assert!(err.message.contains("approx_tolerance") && err.line == Some(7), "{err}");
    }

    #[test]
    fn messages_fill_placeholders() {
        let rules = load_rules(&[]).unwrap();
        let m = &rules[0].meta();
        let mut meta = (*m).clone();
        meta.message = "{a} and {b}".into();
        assert_eq!(meta.message(&[("a", "1".into()), ("b", "2".into())]), "1 and 2");
    }
}
