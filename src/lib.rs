//! claimcheck: a fact-consistency checker for Arabic and English news.
//!
//! The pipeline runs one way, each stage a module that uses only those before it:
//! [`input`] reads documents, [`text`] builds each document's indices once,
//! [`parse`] holds the nom grammars, [`extract`] finds claims and dates at candidate
//! positions, [`resolve`] places them in time and describes each claim, [`check`]
//! finds stories and runs the rules, [`report`] is the value every output format
//! renders, [`archive`] reads the archive of `--against`. Word lists are data
//! ([`lexicon`], `rules/lexicon/`), read through [`yaml`], the one YAML loader.
//!
//! The library never prints: [`check`] returns a [`Report`].
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod archive;
pub mod check;
pub mod extract;
pub mod gate;
pub mod input;
pub mod lexicon;
pub mod parse;
pub mod report;
pub mod resolve;
pub mod text;
pub mod yaml;

use chrono::NaiveDate;
use input::{Document, InputError, Source, WalkOptions};
use rayon::prelude::*;
use report::{Coverage, Report};
use resolve::{DocFacts, ReferenceSource, ResolveOptions, Reuse};
use std::path::PathBuf;

/// What to check and how.
#[derive(Clone, Default)]
pub struct Options {
    pub walk: WalkOptions,
    /// Publication date for documents that state none.
    pub published: Option<NaiveDate>,
    /// Publication dates by document name (the config file's `published-files`), for
    /// documents that state none.
    pub published_for: Option<PublishedFor>,
    /// Folders of rule files that add to or override the embedded rules.
    pub rules_dirs: Vec<PathBuf>,
    /// Archive inputs: checked with the documents, but only findings that involve a
    /// document of `inputs` are reported.
    pub against: Vec<PathBuf>,
    /// Where archive mode keeps the facts of its archives (default: the user's cache
    /// folder, `claimcheck` in it).
    pub cache_dir: Option<PathBuf>,
    /// Called after each document is read and analysed (a progress bar).
    pub on_document: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    /// Only the facts are wanted (`claimcheck extract`): what only the rules use (a
    /// document's words for stories, its passages, the words around its dates) is
    /// not gathered.
    pub facts_only: bool,
    /// The caller reads the lines findings quote itself ([`Report::read_snippets`]),
    /// when it renders (the JSON writer reads them while it writes the facts).
    pub defer_snippets: bool,
}

/// A publication date by document name.
pub type PublishedFor = std::sync::Arc<dyn Fn(&str) -> Option<NaiveDate> + Send + Sync>;

/// What failed before anything could be checked.
#[derive(Debug)]
pub enum Error {
    /// A rule or word-list file is wrong.
    Rules(yaml::YamlError),
    /// The inputs cannot be expanded (a bad glob).
    Usage(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Rules(e) => write!(f, "{e}"),
            Error::Usage(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Check the documents under `inputs`: read, extract, resolve, cross-check.
pub fn check(inputs: &[PathBuf], options: &Options) -> Result<Report, Error> {
    let dirs: Vec<&std::path::Path> = options.rules_dirs.iter().map(PathBuf::as_path).collect();
    let rules = check::load_rules(&dirs).map_err(Error::Rules)?;
    check_with_rules(inputs, options, &rules)
}

/// [`check`] with rules already loaded; no rules (`&[]`) extracts without checking.
pub fn check_with_rules(
    inputs: &[PathBuf],
    options: &Options,
    rules: &[Box<dyn check::Rule>],
) -> Result<Report, Error> {
    let t = std::time::Instant::now();
    let (mut docs, mut errors) = analyse_inputs(inputs, options)?;
    timing("read, extract, resolve", t);
    let drafts = docs.len();
    let t = std::time::Instant::now();
    let mut report = if options.against.is_empty() {
        check_documents(docs, rules)
    } else {
        // The archive's documents that may share a story or a passage with a draft, and
        // the word statistics of the whole archive with the drafts.
        let analyse = |reuse: Option<Reuse>| analyse_inputs_with(&options.against, options, reuse);
        let archive = archive::load(&docs, &options.against, options, &analyse)?;
        timing("archive", t);
        errors.extend(archive.errors);
        let drafted = archive::totals(&docs);
        docs.extend(archive.docs);
        let mut report = check_documents_with(docs, rules, &archive.stats, Some(drafts));
        // The coverage is the drafts' and the whole archive's, whatever was compared.
        report.coverage.documents = drafted.0 + archive.totals.0;
        report.coverage.claims = drafted.1 + archive.totals.1;
        report.coverage.dates = drafted.2 + archive.totals.2;
        // (the rules ran with the drafts in focus: every finding involves one)
        // Only the drafts' claims are listed.
        report.drafts = Some(drafts);
        report
    };
    timing("archive, stories and rules", t);
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.errors = errors;
    if !options.defer_snippets {
        let t = std::time::Instant::now();
        report.read_snippets();
        timing("snippets", t);
    }
    Ok(report)
}

/// With `CLAIMCHECK_TIMINGS` set, how long a stage took, on stderr (for developers).
pub fn timing(stage: &str, since: std::time::Instant) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("CLAIMCHECK_TIMINGS").is_some()) {
        // A developer's switch, off unless asked for.
        use std::io::Write;
        // The resident memory now and at its peak, where the system tells them.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let kib = |key: &str| {
            let line = status.lines().find(|l| l.starts_with(key))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        };
        let memory = match (kib("VmRSS:"), kib("VmHWM:")) {
            (Some(now), Some(peak)) => format!(" (resident {} MiB, peak {} MiB)", now / 1024, peak / 1024),
            _ => String::new(),
        };
        // The CPU time of the whole process so far (user and system, all threads).
        let cpu = std::fs::read_to_string("/proc/self/stat").ok().and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let f: Vec<&str> = after.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
            Some(format!(", cpu {:.2} s", ticks as f64 / 100.0))
        });
        let _ = writeln!(
            std::io::stderr(),
            "timing: {stage}: {:.3} s{memory}{}",
            since.elapsed().as_secs_f64(),
            cpu.unwrap_or_default()
        );
    }
}

/// Read and analyse every document of `inputs`, in input order.
pub fn analyse_inputs(inputs: &[PathBuf], options: &Options) -> Result<(Vec<DocFacts>, Vec<InputError>), Error> {
    analyse_inputs_with(inputs, options, None)
}

/// [`analyse_inputs`], taking from `reuse` the facts of documents it knows.
pub fn analyse_inputs_with(
    inputs: &[PathBuf],
    options: &Options,
    reuse: Option<Reuse>,
) -> Result<(Vec<DocFacts>, Vec<InputError>), Error> {
    let sources = input::collect(inputs, &options.walk).map_err(Error::Usage)?;
    let mut errors = sources.errors;
    let resolve = ResolveOptions { published: options.published, facts_only: options.facts_only };
    // A text file is read by the thread that analyses it, not while the others wait
    // for the next document (a long file is validated in pieces on every core); a
    // corpus's records and standard input are read one by one.
    enum Work<'s> {
        File(&'s Source),
        Read(Result<Document, InputError>),
    }
    let work = sources.sources.iter().flat_map(|s| -> Box<dyn Iterator<Item = Work> + Send> {
        match s {
            Source::File(_) => Box::new(std::iter::once(Work::File(s))),
            s => Box::new(s.documents().map(Work::Read)),
        }
    });
    let one = |d: Result<Document, InputError>| {
        let r = d.map(|mut d| {
            if d.published.is_none() {
                if let Some(day) = options.published_for.as_ref().and_then(|f| f(&d.name)) {
                    d.published = Some((day, input::meta::PublishedSource::Option));
                }
            }
            let text = text_hash(&d.text);
            let content = content_hash(&d, text, &resolve);
            let mut f = match reuse.and_then(|r| r(&d, content)) {
                // (a record's line may have moved in its file)
                Some(mut known) => {
                    known.origin = d.origin.clone();
                    known
                }
                None => analyse(&d, &resolve),
            };
            (f.content, f.text_hash) = (content, text);
            f
        });
        if let Some(cb) = &options.on_document {
            cb();
        }
        r
    };
    let mut results: Vec<(usize, Vec<Result<DocFacts, InputError>>)> = work
        .enumerate()
        .par_bridge()
        .map(|(k, w)| match w {
            Work::File(s) => (k, s.documents().map(one).collect()),
            Work::Read(d) => (k, vec![one(d)]),
        })
        .collect();
    resolve::words::forget_all();
    results.sort_by_key(|(k, _)| *k);
    let mut facts = Vec::with_capacity(results.len());
    for r in results.into_iter().flat_map(|(_, r)| r) {
        match r {
            Ok(f) => facts.push(f),
            Err(e) => errors.push(e),
        }
    }
    Ok((facts, errors))
}

/// A hash of a document's text alone: two documents with one text are copies.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// What a document's facts are made of, hashed: its name, text (by `text`, its
/// [`text_hash`]), metadata and the options that change how it resolves.
pub fn content_hash(doc: &Document, text: u64, options: &ResolveOptions) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    doc.name.hash(&mut h);
    text.hash(&mut h);
    format!("{:?}", doc.published).hash(&mut h);
    doc.ignore_rules.hash(&mut h);
    options.published.map(|d| d.to_string()).hash(&mut h);
    options.facts_only.hash(&mut h);
    h.finish()
}

/// Documents longer than this are analysed in pieces of about this size, cut at line
/// breaks, in parallel: memory and time stay bounded whatever one file holds.
pub const CHUNK_BYTES: usize = 1 << 20;

/// One document's facts.
pub fn analyse(doc: &Document, options: &ResolveOptions) -> DocFacts {
    let mut facts = analyse_text(doc, options);
    facts.shrink();
    // Standard input cannot be read twice: its text stays for the report's quotes.
    if doc.origin == input::Origin::Stdin {
        facts.kept_text = Some(doc.text.clone());
    }
    facts
}

fn analyse_text(doc: &Document, options: &ResolveOptions) -> DocFacts {
    if doc.text.len() <= CHUNK_BYTES {
        let text = text::DocText::new(&doc.text);
        let ex = extract::extract(&text);
        return resolve::resolve_document(doc, &text, ex, options);
    }
    let chunks = chunks(&doc.text, CHUNK_BYTES);
    let parts: Vec<(DocFacts, usize)> = chunks
        .par_iter()
        .map(|&(s, e)| {
            let piece = &doc.text[s..e];
            let text = text::DocText::new(piece);
            let ex = extract::extract(&text);
            let resolve = if s == 0 { resolve::resolve_document } else { resolve::resolve_piece };
            (resolve(doc, &text, ex, options), text::LineIndex::breaks(piece))
        })
        .collect();
    let starts: Vec<usize> = chunks.iter().map(|c| c.0).collect();
    resolve::merge_chunks(doc, parts, &starts)
}

/// Cut points of a long text: pieces of about `size` bytes ending at line breaks (or
/// at a space, or anywhere on a char boundary, when a line is longer than a piece).
fn chunks(text: &str, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        if end < text.len() {
            let window = &text.as_bytes()[start..end];
            let cut = window
                .iter()
                .rposition(|&b| b == b'\n')
                .or_else(|| window.iter().rposition(|&b| b == b' '))
                .map(|k| start + k + 1);
            end = match cut {
                Some(c) if c > start + size / 4 => c,
                _ => {
                    let mut e = end;
                    while !text.is_char_boundary(e) {
                        e -= 1;
                    }
                    e
                }
            };
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// Run the rules over documents already analysed.
pub fn check_documents(docs: Vec<DocFacts>, rules: &[Box<dyn check::Rule>]) -> Report {
    let t = std::time::Instant::now();
    let stats = check::Stats::of(&docs);
    timing("word statistics", t);
    check_documents_with(docs, rules, &stats, None)
}

/// [`check_documents`] with words weighed by `stats` (an archive's, in archive mode),
/// and, with `focus`, only findings that involve the first `focus` documents sought.
pub fn check_documents_with(
    mut docs: Vec<DocFacts>,
    rules: &[Box<dyn check::Rule>],
    stats: &check::Stats,
    focus: Option<usize>,
) -> Report {
    let t = std::time::Instant::now();
    let stories = check::stories::Stories::with_stats(&docs, &stats.terms);
    timing("stories", t);
    borrow_references(&mut docs, &stories);
    let coverage = Coverage {
        documents: docs.len(),
        claims: docs.iter().map(|d| d.claims.len()).sum(),
        dates: docs.iter().map(|d| d.dates.len()).sum(),
        story_pairs: stories.pairs(),
    };
    let findings = if rules.is_empty() {
        Vec::new()
    } else {
        let t = std::time::Instant::now();
        let mut corpus = check::Corpus::with_stats(&docs, stories, &stats.subjects);
        corpus.focus = focus.map(|n| (0..docs.len()).map(|k| k < n).collect());
        timing("corpus", t);
        let t = std::time::Instant::now();
        let mut findings = check::run(rules, &corpus);
        timing("rules", t);
        findings.retain(|f| !ignored(&docs, f));
        findings
    };
    let before = findings.len();
    let findings: Vec<check::Finding> = findings.into_iter().filter(|f| !suppressed(&docs, f)).collect();
    let suppressed = before - findings.len();
    Report { docs, findings, coverage, suppressed, ..Report::default() }
}

/// A finding a document's metadata turns off (`claimcheck-ignore`).
fn ignored(docs: &[DocFacts], f: &check::Finding) -> bool {
    f.locations.iter().any(|l| docs[l.doc].ignore_rules.iter().any(|r| r == "all" || *r == f.rule))
}

/// A finding an inline comment turns off.
fn suppressed(docs: &[DocFacts], f: &check::Finding) -> bool {
    f.locations.iter().any(|l| {
        docs[l.doc].suppressions.iter().any(|s| s.line == l.line && s.rule.as_deref().is_none_or(|r| r == f.rule))
    })
}

/// The similarity to a document of its story it must have to borrow its date.
const MIN_SIMILARITY_TO_BORROW: f32 = 0.3;

/// Lend references: a document without one takes the reference of its most similar
/// story neighbour that has one (syndicated copy of the same statement).
fn borrow_references(docs: &mut [DocFacts], stories: &check::stories::Stories) {
    let lend: Vec<(usize, usize)> = (0..docs.len())
        .filter(|&k| docs[k].reference.is_none())
        .filter_map(|k| {
            stories
                .neighbours(k)
                .iter()
                .find(|(o, s)| *s >= MIN_SIMILARITY_TO_BORROW && docs[*o as usize].reference.is_some())
                .map(|(o, _)| (k, *o as usize))
        })
        .collect();
    for (k, from) in lend {
        let (date, _) = docs[from].reference.expect("lenders have references");
        docs[k].reference = Some((date, ReferenceSource::Borrowed));
        docs[k].borrowed_from = Some(docs[from].name.clone());
        resolve::resolve_times(&mut docs[k]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cut_at_line_breaks_and_cover_the_text() {
        let text = "سطر\n".repeat(1000);
        let c = chunks(&text, 100);
        assert_eq!(c.first().unwrap().0, 0);
        assert_eq!(c.last().unwrap().1, text.len());
        assert!(c.windows(2).all(|w| w[0].1 == w[1].0));
        assert!(c.iter().all(|&(s, _)| s == 0 || text.as_bytes()[s - 1] == b'\n'));
        let one_line = "ب".repeat(1000);
        let c = chunks(&one_line, 100);
        assert!(c.iter().all(|&(s, e)| one_line.is_char_boundary(s) && one_line.is_char_boundary(e)));
    }

    #[test]
    fn a_document_longer_than_a_piece_reads_as_one() {
        // Three pieces and more: every claim at its line and bytes, and dated by the
        // document's day, which only the first piece works out.
        let mut text = String::from("عنوان الخبر\n\n");
        let line = |k: usize| format!("قتل {} شخصا في الهجوم.\r\n", k % 90 + 3);
        let mut n = 0;
        while text.len() < 3 * CHUNK_BYTES {
            text.push_str(&line(n));
            n += 1;
        }
        let day = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
        let doc = Document {
            name: "long.txt".into(),
            origin: input::Origin::File("long.txt".into()),
            text: text.clone(),
            published: Some((day, input::meta::PublishedSource::Option)),
            ignore_rules: Vec::new(),
        };
        let f = analyse(&doc, &ResolveOptions::default());
        assert!(chunks(&text, CHUNK_BYTES).len() >= 3);
        assert_eq!(f.claims.len(), n);
        assert_eq!(f.reference.map(|r| r.0), Some(day));
        for (k, c) in f.claims.iter().enumerate() {
            assert_eq!((c.line, &text[c.start..c.end]), (k + 3, c.text.as_str()), "claim {k}");
            assert_eq!(c.time, Some(resolve::dates::DateValue::Day(day)), "claim {k}");
        }
        assert!(f.claims.windows(2).all(|w| w[0].sentence < w[1].sentence));
    }
}
