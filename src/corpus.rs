//! Reading a corpus: files and directories into [`Document`]s.
//!
//! Directories are walked recursively in sorted order; files whose name matches one
//! of the globs (default `*.txt`, `*.md`) are read, hidden entries and `README*` files
//! are skipped. Files named on the command line are always read. A file that is not
//! UTF-8, is empty, is binary or cannot be read becomes an [`InputError`] naming it;
//! the other files are still read. Text is kept byte for byte (BOM and CRLF included)
//! so that offsets point into the file as it is on disk. A publication date is read
//! from YAML front matter (`published: YYYY-MM-DD`) or from a sidecar file
//! `FILE.meta.yaml` with the same key.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub text: String,
    /// Publication date from front matter or a sidecar file, if any.
    pub published: Option<NaiveDate>,
    /// Where `published` came from: "front-matter" or "sidecar".
    pub published_source: Option<&'static str>,
}

/// A file that could not be checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The default file-name globs for directory walks.
pub const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.md"];

/// Expand inputs into the files to read. Missing paths become errors.
pub fn collect_paths(inputs: &[PathBuf], globs: &[String]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, input, globs, &mut files, &mut errors),
            Ok(_) => files.push(input.clone()),
            Err(e) => errors.push(InputError { path: input.display().to_string(), message: io_message(&e) }),
        }
    }
    files.dedup();
    (files, errors)
}

fn walk(root: &Path, dir: &Path, globs: &[String], files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError { path: dir.display().to_string(), message: io_message(&e) });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, globs, files, errors);
        } else if !name.starts_with("README") {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if globs.iter().any(|g| glob_match(g, if g.contains('/') { &rel } else { &name })) {
                files.push(path);
            }
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Shell-style wildcard match: `*` (not across `/`), `**` (across), `?`.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    fn go(p: &[u8], n: &[u8]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                (0..=n.len()).any(|k| go(rest, &n[k..]))
            }
            Some(b'*') => (0..=n.len()).take_while(|&k| k == 0 || n[k - 1] != b'/').any(|k| go(&p[1..], &n[k..])),
            Some(b'?') => !n.is_empty() && n[0] != b'/' && go(&p[1..], &n[1..]),
            Some(c) => n.first() == Some(c) && go(&p[1..], &n[1..]),
        }
    }
    go(pattern.as_bytes(), name.as_bytes())
}

/// Read one file into a document, or say why not.
pub fn load(path: &Path) -> Result<Document, InputError> {
    let display = path.display().to_string();
    let err = |message: String| InputError { path: display.clone(), message };
    let bytes = std::fs::read(path).map_err(|e| err(io_message(&e)))?;
    let mut doc = document_from_bytes(&display, bytes)?;
    if doc.published.is_none() {
        let sidecar = PathBuf::from(format!("{}.meta.yaml", path.display()));
        if let Ok(text) = std::fs::read_to_string(&sidecar) {
            let meta: Sidecar = crate::lexicon::load_yaml(&sidecar.display().to_string(), &text)
                .map_err(|e| err(format!("bad sidecar: {e}")))?;
            if let Some(p) = meta.published {
                let date = NaiveDate::parse_from_str(p.trim(), "%Y-%m-%d")
                    .map_err(|_| err(format!("bad sidecar {}: published must be YYYY-MM-DD", sidecar.display())))?;
                doc.published = Some(date);
                doc.published_source = Some("sidecar");
            }
        }
    }
    Ok(doc)
}

/// `FILE.meta.yaml` beside a document: metadata the text does not carry.
#[derive(serde::Deserialize)]
struct Sidecar {
    published: Option<String>,
}

/// Validate bytes as a document: non-empty UTF-8 text without NUL bytes.
pub fn document_from_bytes(path: &str, bytes: Vec<u8>) -> Result<Document, InputError> {
    let err = |message: String| InputError { path: path.to_string(), message };
    if let Some(k) = bytes.iter().position(|&b| b == 0) {
        return Err(err(format!("binary file (NUL byte at offset {k}), skipped")));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| err(format!("not UTF-8 (invalid byte at offset {}), skipped", e.utf8_error().valid_up_to())))?;
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(err("empty file, skipped".to_string()));
    }
    let published = front_matter_published(&text);
    let published_source = published.map(|_| "front-matter");
    Ok(Document { path: path.to_string(), text, published, published_source })
}

/// `published: YYYY-MM-DD` in a leading `---` front-matter block.
fn front_matter_published(text: &str) -> Option<NaiveDate> {
    let t = text.trim_start_matches('\u{FEFF}');
    let body = t.strip_prefix("---")?;
    let end = body.find("\n---")?;
    body[..end].lines().find_map(|line| {
        let value = line.trim().strip_prefix("published:")?.trim().trim_matches(['"', '\'']);
        NaiveDate::parse_from_str(value.get(..10).unwrap_or(value), "%Y-%m-%d").ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(!glob_match("*.txt", "a.md"));
        assert!(glob_match("**/*.md", "x/y/z.md"));
        assert!(glob_match("**/*.md", "z.md"));
        assert!(!glob_match("*.txt", "x/a.txt"));
        assert!(glob_match("0?_*.txt", "01_a.txt"));
    }

    #[test]
    fn bad_bytes_are_named_with_offsets() {
        let e = document_from_bytes("a.txt", b"abc\xffdef".to_vec()).unwrap_err();
        assert!(e.message.contains("offset 3"), "{e}");
        let e = document_from_bytes("a.txt", b"ab\0".to_vec()).unwrap_err();
        assert!(e.message.contains("NUL byte at offset 2"), "{e}");
        let e = document_from_bytes("a.txt", "\u{FEFF}  \r\n".as_bytes().to_vec()).unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
    }

    #[test]
    fn front_matter_gives_the_publication_date() {
        let d = document_from_bytes("a.md", b"---\ntitle: x\npublished: 2024-05-02\n---\nbody".to_vec()).unwrap();
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2024, 5, 2));
    }
}
