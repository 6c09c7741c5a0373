//! Archive mode (`check DRAFT… --against ARCHIVE`): only findings that involve a draft
//! are reported, and only the archive's documents that may share a story or a passage
//! with a draft are checked with it.
//!
//! The archive's facts are cached on disk, one file an archive (its inputs and the
//! options that change facts), under `--cache-dir` or the user's cache folder. The file
//! holds every document's facts, each document's probe words and day (to find a draft's
//! story candidates without loading the rest), and the archive's word statistics (so
//! that a word weighs what it weighs in a full check). It is valid while every input
//! file has the length and modification time it had, and for the binary (and so the
//! word lists and grammars) that wrote it; otherwise the archive is read again and the
//! cache rewritten.

use crate::check::stories::{TermStats, MAX_DAYS_APART, MAX_POSTINGS};
use crate::check::{Stats, SubjectStats};
use crate::input::{InputError, Source};
use crate::resolve::{DocFacts, Reuse};
use crate::text::symbols::{self, Sym};
use crate::{Error, Options};
use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What a draft is checked with.
pub struct Loaded {
    /// The archive's documents that may share a story or a passage with a draft.
    pub docs: Vec<DocFacts>,
    /// Word statistics of the whole archive and the drafts.
    pub stats: Stats,
    /// The archive's inputs that could not be read.
    pub errors: Vec<InputError>,
    /// Documents, claims and dates of the whole archive.
    pub totals: (usize, usize, usize),
}

/// The version of the cache file's layout.
const FORMAT: u32 = 5;
const MAGIC: &[u8; 8] = b"CCARCH1\n";

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    build: u64,
    key: u64,
    sources: Vec<Fingerprint>,
    errors: Vec<(String, String, bool)>,
    /// The words of the ids below, in id order.
    symbols: Vec<String>,
    term_df: Vec<(Sym, u32)>,
    subject_df: Vec<(Sym, u32)>,
    claims: u32,
    entries: Vec<Entry>,
    totals: (usize, usize, usize),
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Clone, Debug)]
struct Fingerprint {
    path: String,
    len: u64,
    modified_ns: i128,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    day: Option<i32>,
    probes: Vec<Sym>,
    /// The document's name and [`crate::content_hash`]: its facts are kept when the
    /// archive is read again and the document has not changed.
    name: String,
    content: u64,
    offset: u64,
    len: u64,
}

/// Reads and analyses the archive's inputs, taking from a [`Reuse`] the facts of
/// documents it knows (the caller's pipeline: this module does not run it itself).
pub type Analyse<'a> = &'a dyn Fn(Option<Reuse>) -> Result<(Vec<DocFacts>, Vec<InputError>), Error>;

/// The archive's documents to check `drafts` with.
pub fn load(drafts: &[DocFacts], inputs: &[PathBuf], options: &Options, analyse: Analyse) -> Result<Loaded, Error> {
    let sources = crate::input::collect(inputs, &options.walk).map_err(Error::Usage)?;
    // (standard input has no fingerprint: an archive read from it is not cached)
    let fingerprints: Option<Vec<Fingerprint>> = sources.sources.iter().map(fingerprint).collect();
    let cacheable = fingerprints.is_some();
    let dir = options.cache_dir.clone().or_else(default_cache_dir);
    let key = key(inputs, options);
    let file = dir.as_ref().map(|d| d.join(format!("archive-{key:016x}.bin")));
    let build = build_id();
    let old = file.as_deref().and_then(Cache::open).filter(|c| c.header.build == build);
    // A warm cache: the same inputs, unchanged, read by this binary.
    if let Some(cache) = old.as_ref().filter(|c| Some(&c.header.sources) == fingerprints.as_ref()) {
        return Ok(cache.load(drafts));
    }
    // Otherwise the archive is read again; the documents whose content is as before keep
    // the facts the cache holds.
    let (docs, errors) = match &old {
        Some(cache) => {
            let by_name: FxHashMap<&str, &Entry> = cache.header.entries.iter().map(|e| (e.name.as_str(), e)).collect();
            let ids = cache.ids();
            let reuse = |d: &crate::input::Document, content: u64| -> Option<DocFacts> {
                cache.read(by_name.get(d.name.as_str()).filter(|e| e.content == content)?, &ids)
            };
            analyse(Some(&reuse))?
        }
        None => analyse(None)?,
    };
    drop(old);
    let archive = Stats::of(&docs);
    let entries: Vec<Entry> = docs
        .iter()
        .map(|d| Entry {
            day: day(d),
            probes: TermStats::probes(&archive.terms.vector(d)),
            name: d.name.clone(),
            content: d.content,
            offset: 0,
            len: 0,
        })
        .collect();
    let header = Header {
        format: FORMAT,
        build,
        key,
        sources: fingerprints.unwrap_or_default(),
        errors: errors.iter().map(|e| (e.path.clone(), e.message.clone(), e.skipped)).collect(),
        symbols: Vec::new(),
        term_df: archive.terms.df.iter().map(|(&s, &n)| (s, n)).collect(),
        subject_df: archive.subjects.df.iter().map(|(&s, &n)| (s, n)).collect(),
        claims: archive.subjects.claims,
        entries,
        totals: totals(&docs),
    };
    let stats = with_drafts(archive, drafts);
    let mut wanted = candidates(drafts, &stats, &header.entries).into_iter().peekable();
    let totals = header.totals;
    if let Some(file) = file.filter(|_| cacheable) {
        // A cache that cannot be written costs speed, not results: say nothing.
        let _ = write_cache(&file, header, &docs);
    }
    let docs = docs.into_iter().enumerate().filter(|(k, _)| wanted.next_if_eq(k).is_some()).map(|(_, d)| d).collect();
    Ok(Loaded { docs, stats, errors, totals })
}

/// The archive's word statistics with the drafts'.
fn with_drafts(mut stats: Stats, drafts: &[DocFacts]) -> Stats {
    for d in drafts {
        stats.add(d);
    }
    stats
}

/// Documents, claims and dates of some documents.
pub fn totals(docs: &[DocFacts]) -> (usize, usize, usize) {
    (docs.len(), docs.iter().map(|d| d.claims.len()).sum(), docs.iter().map(|d| d.dates.len()).sum())
}

fn day(d: &DocFacts) -> Option<i32> {
    d.reference.map(|r| r.0.num_days_from_ce())
}

/// The archive documents (by index, ascending) a draft may share a story or a passage
/// with: those whose probe words meet a draft's within the story window. A small corpus
/// (whose full check compares every pair of its days) gives every document of the
/// window. `stats` count the archive and the drafts.
fn candidates(drafts: &[DocFacts], stats: &Stats, entries: &[Entry]) -> Vec<usize> {
    let window = MAX_DAYS_APART as i32;
    let near = |a: Option<i32>, b: Option<i32>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= window,
        _ => true,
    };
    let draft_days: Vec<Option<i32>> = drafts.iter().map(day).collect();
    if stats.terms.small() {
        return (0..entries.len()).filter(|&k| draft_days.iter().any(|&d| near(d, entries[k].day))).collect();
    }
    let mut postings: FxHashMap<Sym, usize> = FxHashMap::default();
    for e in entries {
        for &t in &e.probes {
            *postings.entry(t).or_default() += 1;
        }
    }
    // Each probe word of a draft, with the days of the drafts it probes for.
    let mut probes: FxHashMap<Sym, Vec<Option<i32>>> = FxHashMap::default();
    for (d, day) in drafts.iter().zip(&draft_days) {
        for t in TermStats::probes(&stats.terms.vector(d)) {
            if postings.get(&t).copied().unwrap_or(0) <= MAX_POSTINGS {
                probes.entry(t).or_default().push(*day);
            }
        }
    }
    (0..entries.len())
        .filter(|&k| {
            let e = &entries[k];
            e.probes.iter().any(|t| probes.get(t).is_some_and(|days| days.iter().any(|&d| near(d, e.day))))
        })
        .collect()
}

/// A cache file opened: its header, and its documents' facts read on demand.
struct Cache {
    header: Header,
    blobs: std::sync::Mutex<std::fs::File>,
    /// Where the documents' facts start (entries' offsets count from here).
    start: u64,
}

impl Cache {
    fn open(file: &Path) -> Option<Cache> {
        let mut f = std::fs::File::open(file).ok()?;
        let mut magic = [0u8; 8];
        f.read_exact(&mut magic).ok()?;
        if &magic != MAGIC {
            return None;
        }
        let mut len = [0u8; 8];
        f.read_exact(&mut len).ok()?;
        let len = u64::from_le_bytes(len);
        let mut buf = vec![0u8; usize::try_from(len).ok()?];
        f.read_exact(&mut buf).ok()?;
        let header: Header = bincode::deserialize(&buf).ok()?;
        let start = MAGIC.len() as u64 + 8 + len;
        (header.format == FORMAT).then(|| Cache { header, blobs: std::sync::Mutex::new(f), start })
    }

    /// The ids of the writer's words in this process's table.
    fn ids(&self) -> Vec<Sym> {
        symbols::intern_all(self.header.symbols.iter().map(String::as_str))
    }

    /// One document's facts, with this process's word ids.
    fn read(&self, e: &Entry, ids: &[Sym]) -> Option<DocFacts> {
        let mut buf = vec![0u8; usize::try_from(e.len).ok()?];
        {
            let mut f = self.blobs.lock().ok()?;
            f.seek(SeekFrom::Start(self.start + e.offset)).ok()?;
            f.read_exact(&mut buf).ok()?;
        }
        let mut d: DocFacts = bincode::deserialize(&buf).ok()?;
        d.remap_symbols(&mut |s| ids.get(s as usize).copied().unwrap_or(s));
        Some(d)
    }

    /// The archive's documents to check `drafts` with, all from the cache.
    fn load(&self, drafts: &[DocFacts]) -> Loaded {
        let h = &self.header;
        let ids = self.ids();
        let map = |s: Sym| ids.get(s as usize).copied().unwrap_or(s);
        let archive = Stats {
            terms: TermStats { df: h.term_df.iter().map(|&(s, n)| (map(s), n)).collect(), docs: h.entries.len() },
            subjects: SubjectStats { df: h.subject_df.iter().map(|&(s, n)| (map(s), n)).collect(), claims: h.claims },
        };
        let entries: Vec<Entry> = h
            .entries
            .iter()
            .map(|e| Entry { probes: e.probes.iter().map(|&s| map(s)).collect(), name: String::new(), ..*e })
            .collect();
        let stats = with_drafts(archive, drafts);
        let mut docs = Vec::new();
        let mut errors: Vec<InputError> =
            h.errors.iter().map(|(p, m, s)| InputError { path: p.clone(), message: m.clone(), skipped: *s }).collect();
        for k in candidates(drafts, &stats, &entries) {
            match self.read(&h.entries[k], &ids) {
                Some(d) => docs.push(d),
                None => errors.push(InputError::skipped("archive cache", "a document's facts could not be read")),
            }
        }
        Loaded { docs, stats, errors, totals: h.totals }
    }
}

/// Write `header` (its entries filled with where each of `docs`' facts lie) and the
/// documents' facts.
fn write_cache(file: &Path, mut header: Header, docs: &[DocFacts]) -> std::io::Result<()> {
    let mut blobs: Vec<u8> = Vec::new();
    for (d, e) in docs.iter().zip(&mut header.entries) {
        let bytes = bincode::serialize(d).map_err(std::io::Error::other)?;
        e.offset = blobs.len() as u64;
        e.len = bytes.len() as u64;
        blobs.extend_from_slice(&bytes);
    }
    header.symbols = symbols::snapshot().iter().map(|s| s.to_string()).collect();
    let head = bincode::serialize(&header).map_err(std::io::Error::other)?;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written aside and renamed: a run that reads the cache meanwhile sees the old file or
    // the new one, never half of one.
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    out.write_all(MAGIC)?;
    out.write_all(&(head.len() as u64).to_le_bytes())?;
    out.write_all(&head)?;
    out.write_all(&blobs)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&tmp, file)
}

/// A source as it is on disk: its path, length and modification time. Standard input
/// has none: an archive read from it is not cached.
fn fingerprint(s: &Source) -> Option<Fingerprint> {
    let path = match s {
        Source::File(p) | Source::Jsonl(p) => p,
        Source::Stdin(_) => return None,
    };
    let m = std::fs::metadata(path).ok()?;
    let modified_ns = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or_else(|e| -(e.duration().as_nanos() as i128));
    Some(Fingerprint { path: path.to_string_lossy().into_owned(), len: m.len(), modified_ns })
}

/// What names one archive's cache: its inputs as absolute paths and the options that
/// change its facts.
fn key(inputs: &[PathBuf], options: &Options) -> u64 {
    let mut h = FxHasher::default();
    for p in inputs {
        std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).hash(&mut h);
    }
    options.walk.include.hash(&mut h);
    options.walk.exclude.hash(&mut h);
    options.walk.no_ignore.hash(&mut h);
    options.published.map(|d| d.to_string()).hash(&mut h);
    h.finish()
}

/// This binary (and so its grammars and embedded word lists): facts another build
/// wrote are not trusted.
fn build_id() -> u64 {
    let mut h = FxHasher::default();
    FORMAT.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for (_, text) in crate::lexicon::DEFAULT_FILES {
        text.hash(&mut h);
    }
    crate::lexicon::describe::DEFAULT_FILE.1.hash(&mut h);
    if let Some(m) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
        m.len().hash(&mut h);
        m.modified().ok().hash(&mut h);
    }
    h.finish()
}

/// `$XDG_CACHE_HOME/claimcheck`, else `~/.cache/claimcheck` (`~/Library/Caches` on macOS).
fn default_cache_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("claimcheck"));
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?);
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Caches/claimcheck"))
    } else {
        Some(home.join(".cache/claimcheck"))
    }
}
