//! `claimcheck.yaml`: a project's settings, so that `claimcheck check` with no
//! arguments checks what the project checks.
//!
//! Found in the working directory or the nearest folder above it that has one
//! (`--config FILE` names one; `--isolated` reads none). Its keys are the long flags'
//! names, and what the command line gives wins over the file, which wins over the
//! defaults. Paths in the file are relative to the file's folder. Three keys have no
//! flag of their own: `severity` (a rule's severity), `published-files` (publication
//! dates by file glob) — and `disable` has `--disable`. An unknown key is an error
//! that names the file, the line and the valid keys.
//!
//! ```yaml
//! paths: [articles]
//! exclude: ["drafts/**"]
//! fail-on: warning
//! severity: {hijri-mismatch: info}
//! disable: [relative-year-mismatch]
//! published-files: {"wires/*.txt": 2024-06-18}
//! ```

use claimcheck::yaml::{load_yaml, YamlError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file looked for.
pub const FILE_NAME: &str = "claimcheck.yaml";

/// The settings of a `claimcheck.yaml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// What to check when the command line names nothing.
    #[serde(default)]
    pub paths: Vec<PathBuf>,
    #[serde(default)]
    pub glob: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub no_ignore: Option<bool>,
    pub published: Option<String>,
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    pub strict: Option<bool>,
    pub quiet: Option<bool>,
    pub format: Option<String>,
    pub color: Option<String>,
    pub fail_on: Option<String>,
    #[serde(default)]
    pub against: Vec<PathBuf>,
    pub cache_dir: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub statistics: Option<bool>,
    /// Rules to leave out.
    #[serde(default)]
    pub disable: Vec<String>,
    /// A rule's severity (`error`, `warning`, `info`), by rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Publication dates by file glob, for documents that state none.
    #[serde(default)]
    pub published_files: BTreeMap<String, String>,
}

/// A config file read: where it is and what it says.
#[derive(Debug)]
pub struct Loaded {
    pub file: PathBuf,
    pub text: String,
    pub config: Config,
}

impl Loaded {
    /// The folder the file's paths are relative to.
    pub fn base(&self) -> &Path {
        self.file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
    }

    /// A path of the file, made relative to the working directory.
    pub fn path(&self, p: &Path) -> PathBuf {
        match self.file.parent() {
            _ if p.is_absolute() => p.to_path_buf(),
            Some(base) if !base.as_os_str().is_empty() => base.join(p),
            _ => p.to_path_buf(),
        }
    }

    /// An error about the value of `key`, located at its line.
    pub fn error(&self, key: &str, message: impl Into<String>) -> String {
        YamlError::new(self.file.display().to_string(), line_of(&self.text, key), message).to_string()
    }

    /// A value of a closed set (`fail-on`, `format`, `color`), checked.
    pub fn choice<T: clap::ValueEnum>(&self, key: &str, value: &Option<String>) -> Result<Option<T>, String> {
        let Some(v) = value else { return Ok(None) };
        T::from_str(v, true).map(Some).map_err(|_| {
            let valid: Vec<String> = T::value_variants()
                .iter()
                .filter_map(|x| x.to_possible_value())
                .map(|p| p.get_name().to_string())
                .collect();
            self.error(key, format!("`{key}: {v}` is not one of: {}", valid.join(", ")))
        })
    }

    /// A date value (`YYYY-MM-DD`), checked.
    pub fn day(&self, key: &str, value: &str) -> Result<chrono::NaiveDate, String> {
        super::parse_day(value).map_err(|e| self.error(key, format!("{key}: {e}")))
    }
}

/// The line of the first `key:` (bare or quoted, in block or flow style), 1-based.
fn line_of(text: &str, key: &str) -> Option<usize> {
    let forms = [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")];
    text.lines()
        .position(|l| {
            let l = l.split(" #").next().unwrap_or(l);
            forms.iter().any(|f| {
                l.match_indices(f.as_str()).any(|(k, _)| {
                    // at a line's start, or after `{`, `,`, `- ` or a space
                    l[..k].trim_end().is_empty() || l[..k].ends_with(['{', ',', ' '])
                })
            })
        })
        .map(|k| k + 1)
}

/// The config to use: `explicit` if given, none if `isolated`, else the nearest
/// `claimcheck.yaml` from the working directory up.
pub fn load(explicit: Option<&Path>, isolated: bool) -> Result<Option<Loaded>, String> {
    let file = match explicit {
        Some(f) => Some(f.to_path_buf()),
        None if isolated => None,
        None => find(&std::env::current_dir().map_err(|e| format!("the working directory: {e}"))?),
    };
    let Some(file) = file else { return Ok(None) };
    let shown = file.display().to_string();
    if let Some(why) = claimcheck::input::read::not_regular(&file) {
        return Err(format!("{shown}: config file {why}"));
    }
    let bytes = claimcheck::input::read::read_bytes(&file, 1 << 20).map_err(|e| format!("{shown}: {}", e.0))?;
    let text = claimcheck::input::read::text_from_bytes(bytes).map_err(|e| format!("{shown}: {}", e.0))?;
    // An empty file is no settings.
    let config: Config =
        if text.trim().is_empty() { Config::default() } else { load_yaml(&shown, &text).map_err(|e| e.to_string())? };
    // A relative file found upward is shown as found; relative paths in it are the
    // file's folder's.
    Ok(Some(Loaded { file, text, config }))
}

/// The nearest `claimcheck.yaml` in `dir` or a folder above it, as a path relative to
/// `dir` ("claimcheck.yaml", "../claimcheck.yaml"), so that the paths it gives are
/// shown as a user would type them.
fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().enumerate().find(|(_, d)| d.join(FILE_NAME).is_file()).map(|(up, _)| {
        let mut p = PathBuf::new();
        for _ in 0..up {
            p.push("..");
        }
        p.join(FILE_NAME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_the_line_and_the_valid_keys() {
        let e = load_yaml::<Config>("c.yaml", "paths: [a]\nfail_on: never\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown field `fail_on`") && e.message.contains("`fail-on`"), "{e}");
    }

    #[test]
    fn keys_are_the_flags_names() {
        let c: Config = load_yaml("c.yaml", "fail-on: never\nno-ignore: true\nexclude: ['{a,b}/**']\n").unwrap();
        assert_eq!(c.fail_on.as_deref(), Some("never"));
        assert_eq!(c.no_ignore, Some(true));
        assert_eq!(c.exclude, vec!["{a,b}/**".to_string()]);
    }

    #[test]
    fn line_of_finds_keys() {
        let text = "paths: [a]\n# x\nseverity:\n  weekday-mismatch: nope\npublished-files: {\"*.txt\": 2020-13-01}\n";
        assert_eq!(line_of(text, "weekday-mismatch"), Some(4));
        assert_eq!(line_of(text, "*.txt"), Some(5));
        assert_eq!(line_of(text, "severity"), Some(3));
        assert_eq!(line_of(text, "fail-on"), None);
    }
}
