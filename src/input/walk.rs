//! Expanding inputs into sources: files named on the command line, folders walked
//! with the `ignore` crate (hidden entries, `README*` and what `.gitignore` lists are
//! skipped; links to folders are not followed, so no folder is walked twice and no
//! link loop multiplies the corpus), `-` for standard input. Every file is taken once,
//! by its canonical path.

use super::jsonl::{is_jsonl, Records};
use super::meta::{front_matter, sidecar};
use super::read::{not_regular, read_text};
use super::{path_name, Document, InputError, Origin, PublishedSource};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// How folders are walked.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File-name (or, with a `/`, relative-path) globs of files to read in folders.
    pub include: Vec<String>,
    /// Globs of files and folders to leave out.
    pub exclude: Vec<String>,
    /// Read what `.gitignore` and `.ignore` files list, too.
    pub no_ignore: bool,
    /// The name of the document read from standard input.
    pub stdin_name: String,
}

/// The default file globs for folder walks.
pub const DEFAULT_INCLUDE: &[&str] = &["*.txt", "*.md", "*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz"];

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            include: DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect(),
            exclude: Vec::new(),
            no_ignore: false,
            stdin_name: "<stdin>".to_string(),
        }
    }
}

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Jsonl(PathBuf),
    Stdin(String),
}

/// The sources of a run, and the inputs that could not be used.
#[derive(Debug, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    pub errors: Vec<InputError>,
}

/// Globs split by what they match: a file name, or a path relative to the walk root.
struct Matcher {
    names: GlobSet,
    paths: GlobSet,
}

impl Matcher {
    fn new(globs: &[String]) -> Result<Matcher, String> {
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for g in globs {
            let glob = Glob::new(g).map_err(|e| format!("bad glob {g:?}: {e}"))?;
            if g.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| format!("bad globs: {e}"));
        Ok(Matcher { names: build(names)?, paths: build(paths)? })
    }

    fn matches(&self, name: &str, rel: &Path) -> bool {
        self.names.is_match(name) || self.paths.is_match(rel)
    }
}

/// Expand `inputs` into sources. A bad glob is an error; a missing path is listed in
/// `errors`.
pub fn collect(inputs: &[PathBuf], options: &WalkOptions) -> Result<Sources, String> {
    let include = Matcher::new(&options.include)?;
    let exclude = Matcher::new(&options.exclude)?;
    let mut out = Sources::default();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut push = |path: PathBuf, out: &mut Sources| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.sources.push(if is_jsonl(&path) { Source::Jsonl(path) } else { Source::File(path) });
        }
    };
    let mut stdin_taken = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            if !stdin_taken {
                out.sources.push(Source::Stdin(options.stdin_name.clone()));
                stdin_taken = true;
            }
            continue;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, &include, &exclude, options.no_ignore, &mut out, &mut push),
            // A file named on the command line is read whatever its name.
            Ok(_) => push(input.clone(), &mut out),
            Err(e) => out.errors.push(InputError::skipped(path_name(input), super::read::io_message(&e))),
        }
    }
    Ok(out)
}

fn walk(
    root: &Path,
    include: &Matcher,
    exclude: &Matcher,
    no_ignore: bool,
    out: &mut Sources,
    push: &mut impl FnMut(PathBuf, &mut Sources),
) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(!no_ignore)
        .git_exclude(!no_ignore)
        .git_global(!no_ignore)
        .ignore(!no_ignore)
        .parents(!no_ignore)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.errors.push(InputError::skipped(path_name(root), format!("walking: {e}")));
                continue;
            }
        };
        let path = entry.path();
        if entry.depth() == 0 {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let rel = path.strip_prefix(root).unwrap_or(path);
        let Some(ft) = entry.file_type() else { continue };
        if ft.is_dir() || name.starts_with("README") || name.ends_with(".meta.yaml") {
            continue;
        }
        let excluded_folder = rel
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| exclude.matches(&a.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(), a));
        if excluded_folder || exclude.matches(&name, rel) {
            continue;
        }
        if !include.matches(&name, rel) {
            continue;
        }
        if ft.is_symlink() {
            // A link to a folder is not followed; a link to anything but a file is named.
            match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => continue,
                Ok(m) if m.is_file() => {}
                _ => {
                    let why = not_regular(path).unwrap_or_else(|| "not a regular file".into());
                    out.errors.push(InputError::skipped(path_name(path), why));
                    continue;
                }
            }
        } else if !ft.is_file() {
            let why = not_regular(path).unwrap_or_else(|| "not a regular file".into());
            out.errors.push(InputError::skipped(path_name(path), why));
            continue;
        }
        push(path.to_path_buf(), out);
    }
}

impl Source {
    /// The documents of this source, read lazily, with errors in their place.
    pub fn documents(&self) -> Box<dyn Iterator<Item = Result<Document, InputError>> + Send> {
        match self {
            Source::File(p) => Box::new(read_file(p).into_iter()),
            Source::Jsonl(p) => match Records::open(p) {
                Ok(r) => Box::new(r),
                Err(e) => Box::new(std::iter::once(Err(e))),
            },
            Source::Stdin(name) => Box::new(std::iter::once(read_stdin(name))),
        }
    }
}

/// A text file as a document (and notices about its metadata).
fn read_file(path: &Path) -> Vec<Result<Document, InputError>> {
    let shown = path_name(path);
    let (text, empty) = match read_text(path) {
        Ok(t) => t,
        Err(e) => return vec![Err(InputError::skipped(shown, e.0))],
    };
    if empty {
        return vec![Err(InputError::skipped(shown, "empty file, skipped"))];
    }
    let mut notes = Vec::new();
    let fm = front_matter(&shown, &text, &mut notes);
    let (published, ignore_rules) = match fm.published {
        Some(d) => (Some((d, PublishedSource::FrontMatter)), fm.ignore_rules),
        None => {
            let side = sidecar(path, &mut notes);
            let mut ignore = fm.ignore_rules;
            ignore.extend(side.ignore_rules);
            (side.published.map(|d| (d, PublishedSource::Sidecar)), ignore)
        }
    };
    let doc = Document { name: shown, origin: Origin::File(path.to_path_buf()), text, published, ignore_rules };
    notes.into_iter().map(Err).chain(std::iter::once(Ok(doc))).collect()
}

fn read_stdin(name: &str) -> Result<Document, InputError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(super::read::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::skipped(name, super::read::io_message(&e)))?;
    let text = super::read::text_from_bytes(bytes).map_err(|e| InputError::skipped(name, e.0))?;
    if text.trim().is_empty() {
        return Err(InputError::skipped(name, "empty input, skipped"));
    }
    let mut notes = Vec::new();
    let fm = front_matter(name, &text, &mut notes);
    Ok(Document {
        name: super::printable(name),
        origin: Origin::Stdin,
        text,
        published: fm.published.map(|d| (d, PublishedSource::FrontMatter)),
        ignore_rules: fm.ignore_rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("claimcheck-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn walks_skip_readmes_hidden_and_links_to_folders() {
        let d = tmpdir("w");
        std::fs::write(d.join("a.txt"), "x").unwrap();
        std::fs::write(d.join("README.md"), "x").unwrap();
        std::fs::write(d.join(".h.txt"), "x").unwrap();
        std::fs::write(d.join("b.yaml"), "x").unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/c.md"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
            std::os::unix::fs::symlink(&d, d.join("loop2")).unwrap();
            std::os::unix::fs::symlink(d.join("a.txt"), d.join("same.txt")).unwrap();
        }
        let s = collect(&[d.clone(), d.join("a.txt")], &WalkOptions::default()).unwrap();
        let names: Vec<String> = s
            .sources
            .iter()
            .map(|s| match s {
                Source::File(p) => p.strip_prefix(&d).unwrap().display().to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(names, vec!["a.txt", "sub/c.md"], "{:?}", s.errors);
    }

    #[test]
    fn excludes_and_brace_globs() {
        let d = tmpdir("g");
        for n in ["a.txt", "b.md", "c.txt"] {
            std::fs::write(d.join(n), "x").unwrap();
        }
        let o = WalkOptions { include: vec!["*.{txt,md}".into()], exclude: vec!["c.*".into()], ..Default::default() };
        let s = collect(std::slice::from_ref(&d), &o).unwrap();
        assert_eq!(s.sources.len(), 2);
        assert!(collect(&[d], &WalkOptions { include: vec!["[".into()], ..Default::default() }).is_err());
    }
}
