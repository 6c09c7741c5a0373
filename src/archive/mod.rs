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

use crate::check::stories::{TermStats, MAX_DAYS_APART};
use crate::check::{Stats, SubjectStats};
use crate::input::{InputError, Source};
use crate::resolve::DocFacts;
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
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"CCARCH1\n";
/// A probe word posted by more archive documents than this finds no candidates (as in
/// a full check's stories).
const MAX_POSTINGS: usize = 400;

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

/// The archive's documents to check `drafts` with.
pub fn load(drafts: &[DocFacts], inputs: &[PathBuf], options: &Options) -> Result<Loaded, Error> {
    let sources = crate::input::collect(inputs, &options.walk).map_err(Error::Usage)?;
    let fingerprints: Option<Vec<Fingerprint>> = sources.sources.iter().map(fingerprint).collect();
    let dir = options.cache_dir.clone().or_else(default_cache_dir);
    let file = dir.as_ref().map(|d| d.join(format!("archive-{:016x}.bin", key(inputs, options))));
    let build = build_id();
    // A warm cache: the same inputs, unchanged, read by this binary.
    let mut old = None;
    if let (Some(file), Some(fp)) = (&file, &fingerprints) {
        if let Some((header, blobs)) = read_header(file).filter(|(h, _)| h.build == build) {
            if &header.sources == fp {
                return Ok(from_cache(drafts, header, blobs));
            }
            old = Some((header, std::sync::Mutex::new(blobs)));
        }
    }
    // Otherwise the archive is read again; the documents whose content is as before keep
    // the facts the cache holds.
    let (docs, errors) = match &old {
        Some((header, blobs)) => {
            let ids = std::sync::OnceLock::new();
            let by_name: FxHashMap<&str, &Entry> = header.entries.iter().map(|e| (e.name.as_str(), e)).collect();
            let reuse = |d: &crate::input::Document, content: u64| -> Option<DocFacts> {
                let e = by_name.get(d.name.as_str()).filter(|e| e.content == content)?;
                let mut f = {
                    let mut blobs = blobs.lock().ok()?;
                    read_blob(&mut blobs, e)?
                };
                let ids: &Vec<Sym> = ids.get_or_init(|| symbols::intern_all(header.symbols.iter().map(String::as_str)));
                f.remap_symbols(&mut |s| ids.get(s as usize).copied().unwrap_or(s));
                Some(f)
            };
            crate::analyse_inputs_with(inputs, options, Some(&reuse))?
        }
        None => crate::analyse_inputs(inputs, options)?,
    };
    drop(old);
    let mut docs: Vec<Option<DocFacts>> = docs.into_iter().map(Some).collect();
    let archive = Stats::of_all(docs.iter().flatten());
    let totals = totals(docs.iter().flatten());
    let entries: Vec<(Option<i32>, Vec<Sym>)> =
        docs.iter().flatten().map(|d| (day(d), TermStats::probes(&archive.terms.vector(d)))).collect();
    if let (Some(file), Some(fp)) = (&file, fingerprints) {
        // A cache that cannot be written costs speed, not results: say nothing.
        let _ = write_cache(file, build, key(inputs, options), fp, &errors, &docs, &archive, &entries, totals);
    }
    let wanted = candidates(drafts, &archive, &entries);
    let mut stats = archive;
    for d in drafts {
        stats.add(d);
    }
    let docs = wanted.into_iter().filter_map(|k| docs[k].take()).collect();
    Ok(Loaded { docs, stats, errors, totals })
}

impl Stats {
    fn of_all<'a>(docs: impl Iterator<Item = &'a DocFacts>) -> Self {
        let mut s = Stats::default();
        for d in docs {
            s.add(d);
        }
        s
    }
}

fn totals<'a>(docs: impl Iterator<Item = &'a DocFacts>) -> (usize, usize, usize) {
    docs.fold((0, 0, 0), |t, d| (t.0 + 1, t.1 + d.claims.len(), t.2 + d.dates.len()))
}

fn day(d: &DocFacts) -> Option<i32> {
    d.reference.map(|r| r.0.num_days_from_ce())
}

/// The archive documents (by index) a draft may share a story or a passage with: those
/// whose probe words meet a draft's within the story window. A small archive (whose
/// full check compares every pair of its days) gives every document of the window.
fn candidates(drafts: &[DocFacts], archive: &Stats, entries: &[(Option<i32>, Vec<Sym>)]) -> Vec<usize> {
    let mut all = archive.terms.clone();
    for d in drafts {
        all.add(d);
    }
    let window = MAX_DAYS_APART as i32;
    let near = |a: Option<i32>, b: Option<i32>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= window,
        _ => true,
    };
    let draft_days: Vec<Option<i32>> = drafts.iter().map(day).collect();
    if all.small() {
        return (0..entries.len()).filter(|&k| draft_days.iter().any(|&d| near(d, entries[k].0))).collect();
    }
    let mut postings: FxHashMap<Sym, usize> = FxHashMap::default();
    for (_, probes) in entries {
        for &t in probes {
            *postings.entry(t).or_default() += 1;
        }
    }
    // Each probe word of a draft, with the days of the drafts it probes for.
    let mut probes: FxHashMap<Sym, Vec<Option<i32>>> = FxHashMap::default();
    for (d, day) in drafts.iter().zip(&draft_days) {
        for t in TermStats::probes(&all.vector(d)) {
            if postings.get(&t).copied().unwrap_or(0) <= MAX_POSTINGS {
                probes.entry(t).or_default().push(*day);
            }
        }
    }
    (0..entries.len())
        .filter(|&k| {
            let (day, words) = &entries[k];
            words.iter().any(|t| probes.get(t).is_some_and(|days| days.iter().any(|&d| near(d, *day))))
        })
        .collect()
}

fn from_cache(drafts: &[DocFacts], header: Header, mut blobs: std::fs::File) -> Loaded {
    // Ids of the process that wrote the cache, to this process's.
    let ids = symbols::intern_all(header.symbols.iter().map(String::as_str));
    let map = |s: Sym| ids.get(s as usize).copied().unwrap_or(s);
    let mut archive = Stats::default();
    archive.terms.docs = header.entries.len();
    archive.terms.df = header.term_df.iter().map(|&(s, n)| (map(s), n)).collect();
    archive.subjects =
        SubjectStats { df: header.subject_df.iter().map(|&(s, n)| (map(s), n)).collect(), claims: header.claims };
    let entries: Vec<(Option<i32>, Vec<Sym>)> =
        header.entries.iter().map(|e| (e.day, e.probes.iter().map(|&s| map(s)).collect())).collect();
    let wanted = candidates(drafts, &archive, &entries);
    let mut docs = Vec::with_capacity(wanted.len());
    let mut errors: Vec<InputError> =
        header.errors.iter().map(|(p, m, s)| InputError { path: p.clone(), message: m.clone(), skipped: *s }).collect();
    for k in wanted {
        match read_blob(&mut blobs, &header.entries[k]) {
            Some(mut d) => {
                d.remap_symbols(&mut |s| map(s));
                docs.push(d);
            }
            None => errors.push(InputError::skipped("archive cache", "a document's facts could not be read")),
        }
    }
    let mut stats = archive;
    for d in drafts {
        stats.add(d);
    }
    Loaded { docs, stats, errors, totals: header.totals }
}

/// One document's facts, as the cache stores them (with the writer's word ids).
fn read_blob(blobs: &mut std::fs::File, e: &Entry) -> Option<DocFacts> {
    let mut buf = vec![0u8; usize::try_from(e.len).ok()?];
    blobs.seek(SeekFrom::Start(e.offset)).ok()?;
    blobs.read_exact(&mut buf).ok()?;
    bincode::deserialize(&buf).ok()
}

fn read_header(file: &Path) -> Option<(Header, std::fs::File)> {
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
    (header.format == FORMAT).then_some((header, f))
}

#[allow(clippy::too_many_arguments)]
fn write_cache(
    file: &Path,
    build: u64,
    key: u64,
    sources: Vec<Fingerprint>,
    errors: &[InputError],
    docs: &[Option<DocFacts>],
    stats: &Stats,
    entries: &[(Option<i32>, Vec<Sym>)],
    totals: (usize, usize, usize),
) -> std::io::Result<()> {
    let mut blobs: Vec<u8> = Vec::new();
    let mut index = Vec::with_capacity(entries.len());
    for (d, (day, probes)) in docs.iter().flatten().zip(entries) {
        let bytes = bincode::serialize(d).map_err(std::io::Error::other)?;
        index.push(Entry {
            day: *day,
            probes: probes.clone(),
            name: d.name.clone(),
            content: d.content,
            offset: blobs.len() as u64,
            len: bytes.len() as u64,
        });
        blobs.extend_from_slice(&bytes);
    }
    let header = Header {
        format: FORMAT,
        build,
        key,
        sources,
        errors: errors.iter().map(|e| (e.path.clone(), e.message.clone(), e.skipped)).collect(),
        symbols: symbols::snapshot().iter().map(|s| s.to_string()).collect(),
        term_df: stats.terms.df.iter().map(|(&s, &n)| (s, n)).collect(),
        subject_df: stats.subjects.df.iter().map(|(&s, &n)| (s, n)).collect(),
        claims: stats.subjects.claims,
        entries: index,
        totals,
    };
    let head = bincode::serialize(&header).map_err(std::io::Error::other)?;
    let start = MAGIC.len() as u64 + 8 + head.len() as u64;
    // Offsets are from the start of the blobs: shift them past the header.
    let mut header = header;
    for e in &mut header.entries {
        e.offset += start;
    }
    let head2 = bincode::serialize(&header).map_err(std::io::Error::other)?;
    debug_assert_eq!(head.len(), head2.len(), "fixed-width integers keep the header's length");
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written aside and renamed: a run that reads the cache meanwhile sees the old file or
    // the new one, never half of one.
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    out.write_all(MAGIC)?;
    out.write_all(&(head2.len() as u64).to_le_bytes())?;
    out.write_all(&head2)?;
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
