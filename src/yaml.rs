//! The one YAML loader. Every YAML file claimcheck reads (word lists, rule files,
//! sidecars, front matter, `expected.yaml`, the config file) goes through
//! [`load_yaml`], the only function that names the YAML crate: serde_yaml is archived
//! upstream, and a maintained fork can replace it here and nowhere else.

use serde::de::DeserializeOwned;

/// An error in a YAML file: which file, where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl YamlError {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        YamlError { file: file.into(), line, message: message.into() }
    }
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for YamlError {}

/// How deeply flow collections (`[`, `{`) may nest before a file is refused: the YAML
/// parser's cost grows badly with depth, and no claimcheck file needs more than a few.
const MAX_FLOW_DEPTH: usize = 32;

/// Parse YAML text into `T`. Unknown keys are the caller's `deny_unknown_fields`.
pub fn load_yaml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, YamlError> {
    if let Some(line) = too_deep(text) {
        return Err(YamlError::new(file, Some(line), format!("nested more than {MAX_FLOW_DEPTH} levels deep")));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        // (the line is said once, before the message)
        let mut message = e.to_string();
        if let Some(k) = message.rfind(" at line ").filter(|_| line.is_some()) {
            message.truncate(k);
        }
        YamlError::new(file, line, message)
    })
}

/// The line where flow collections first nest deeper than [`MAX_FLOW_DEPTH`], if any
/// (a rough count that ignores quoting, which can only over-count).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_and_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            a: u32,
        }
        let e = load_yaml::<S>("x.yaml", "a: 1\nb: 2\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.yaml", Some(2)));
        assert!(e.message.contains("unknown field `b`"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused_at_once() {
        let text = format!("published: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = load_yaml::<serde_json::Value>("m.yaml", &text).unwrap_err();
        assert!(e.message.contains("nested more than"), "{e}");
    }
}
