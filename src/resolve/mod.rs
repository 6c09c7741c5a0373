//! Resolution: from what a document states to its facts in time. The reference day
//! ([`reference`]), date values ([`dates`]), the time each claim holds for ([`time`])
//! and each claim's descriptor ([`describe`]), gathered in a [`DocFacts`] that holds
//! no text: memory grows with the facts, not with the documents.

pub mod dates;
pub mod describe;
pub mod reference;
pub mod relations;
pub mod time;
pub mod words;

pub use dates::{DateValue, Lean, Resolver};
pub use describe::Descriptor;
pub use reference::ReferenceSource;
pub use relations::{DateOrder, Trend};
pub use time::TimeSource;

use crate::extract::{Claim, Extraction, FoundDate, Stated};
use crate::input::{Document, Origin, PublishedSource};
use crate::lexicon::describe::{Describe, Tense};
use crate::text::symbols::Sym;
use crate::text::{DocText, TokenKind};
use chrono::NaiveDate;
use std::hash::Hash;

/// A claim with its place in the document, in time, and its descriptor.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ClaimFact {
    pub claim: Claim,
    /// Its sentence's index and original byte range.
    pub sentence: u32,
    pub sentence_span: (usize, usize),
    pub desc: Descriptor,
    pub time: Option<DateValue>,
    pub time_source: TimeSource,
    /// The dates its time came from (indices into the document's dates), for
    /// resolving again when the reference changes.
    pub nearest_date: Option<u32>,
    pub opening_date: Option<u32>,
    pub in_headline: bool,
}

impl std::ops::Deref for ClaimFact {
    type Target = Claim;

    fn deref(&self) -> &Claim {
        &self.claim
    }
}

/// A date expression with its value.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DateFact {
    pub date: FoundDate,
    pub value: Option<DateValue>,
    pub sentence: u32,
    pub tense: Tense,
    /// It opens a period ("منذ 30 آذار").
    pub opens_period: bool,
    /// What it is the date of.
    pub context: describe::DateContext,
    /// A past-tense event verb stands right before it ("وقع الهجوم في 2 أيار").
    pub reported: bool,
    /// It ends a period ("حتى 2019", "until June"): a date that may lie ahead.
    pub until: bool,
}

impl std::ops::Deref for DateFact {
    type Target = FoundDate;

    fn deref(&self) -> &FoundDate {
        &self.date
    }
}

/// What passes between documents of a passage: its words (hashed) and, in place of
/// each claim or date, a mark that points at it. Four bytes: the kind in the top two
/// bits, the word's hash or the claim's or date's index in the rest (a corpus keeps
/// millions of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Piece(u32);

/// A [`Piece`] taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Word(u32),
    Claim(u32),
    Date(u32),
}

impl Piece {
    const SHIFT: u32 = 30;
    const LOW: u32 = (1 << Self::SHIFT) - 1;

    /// A word by its hash (of which 30 bits are kept).
    pub fn word(hash: u64) -> Self {
        Piece(hash as u32 & Self::LOW)
    }

    pub fn claim(index: u32) -> Self {
        debug_assert!(index <= Self::LOW);
        Piece(1 << Self::SHIFT | (index & Self::LOW))
    }

    pub fn date(index: u32) -> Self {
        debug_assert!(index <= Self::LOW);
        Piece(2 << Self::SHIFT | (index & Self::LOW))
    }

    pub fn kind(self) -> PieceKind {
        let low = self.0 & Self::LOW;
        match self.0 >> Self::SHIFT {
            0 => PieceKind::Word(low),
            1 => PieceKind::Claim(low),
            _ => PieceKind::Date(low),
        }
    }

    pub fn is_word(self) -> bool {
        self.0 >> Self::SHIFT == 0
    }

    /// The same mark moved `claims` claims and `dates` dates on (chunks merged).
    fn shifted(self, claims: u32, dates: u32) -> Self {
        match self.kind() {
            PieceKind::Word(_) => self,
            PieceKind::Claim(c) => Piece::claim(c + claims),
            PieceKind::Date(d) => Piece::date(d + dates),
        }
    }
}

/// A sentence that holds a claim or a date, for aligning passages across documents.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Passage {
    pub sentence: u32,
    /// Original byte range.
    pub span: (usize, usize),
    pub pieces: Vec<Piece>,
}

/// A content word of a document and how often it occurs (up to 255): five bytes, as
/// a corpus keeps hundreds a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[repr(C, packed)]
pub struct Term(Sym, u8);

impl Term {
    pub fn new(sym: Sym, count: u16) -> Self {
        Term(sym, count.min(u8::MAX as u16) as u8)
    }

    pub fn sym(self) -> Sym {
        self.0
    }

    pub fn count(self) -> u16 {
        self.1 as u16
    }
}

/// A document's language, by its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Language {
    Arabic,
    English,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::English => "en",
        }
    }
}

/// `<!-- claimcheck: ignore RULE -->`: findings of `rule` (or all, `None`) on `line`
/// are not reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    pub line: usize,
    pub rule: Option<String>,
}

/// Everything the checks need of one document, without its text.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DocFacts {
    pub name: String,
    pub origin: Origin,
    pub bytes: usize,
    pub language: Language,
    pub published: Option<(NaiveDate, PublishedSource)>,
    pub stated: Option<(NaiveDate, Stated)>,
    pub reference: Option<(NaiveDate, ReferenceSource)>,
    /// The document whose reference this one borrowed.
    pub borrowed_from: Option<String>,
    pub years: Vec<i32>,
    /// How many sentences the document has (claims and dates index them).
    pub sentence_count: u32,
    pub claims: Vec<ClaimFact>,
    pub dates: Vec<DateFact>,
    /// Content words (stems) with their counts, sorted by stem: what the document is
    /// about, for telling stories apart and for knowing what it mentions at all.
    pub terms: Vec<Term>,
    pub headline: Option<(usize, usize)>,
    pub passages: Vec<Passage>,
    pub trends: Vec<Trend>,
    /// Percentages sentences give for their own figures.
    #[serde(default)]
    pub percents: Vec<relations::StatedPercent>,
    pub orders: Vec<DateOrder>,
    pub ignore_rules: Vec<String>,
    pub suppressions: Vec<Suppression>,
    /// A document from standard input keeps its text: it cannot be read twice.
    pub kept_text: Option<String>,
    /// A hash of what the facts are made from (name, text, metadata), to know them again.
    pub content: u64,
    /// A hash of the text alone: two documents with one text are copies (a wire story
    /// under two names), which tell nothing about each other.
    #[serde(default)]
    pub text_hash: u64,
}

impl DocFacts {
    /// Give back what the vectors reserved beyond their length: a corpus's facts stay
    /// in memory until its report is written, a third of them spare capacity otherwise.
    pub fn shrink(&mut self) {
        // (a claim's and a date's lists of words are boxed slices, of their length)
        self.claims.shrink_to_fit();
        self.dates.shrink_to_fit();
        self.terms.shrink_to_fit();
        self.passages.shrink_to_fit();
        for p in &mut self.passages {
            p.pieces.shrink_to_fit();
        }
        self.years.shrink_to_fit();
        self.trends.shrink_to_fit();
        self.percents.shrink_to_fit();
        self.orders.shrink_to_fit();
    }

    /// Replace every word id by `map(id)`, keeping sorted lists sorted: facts stored by
    /// one process hold its ids, and another process's table gives the same words other
    /// ids.
    pub fn remap_symbols(&mut self, map: &mut impl FnMut(Sym) -> Sym) {
        let sorted = |v: &mut [Sym], map: &mut dyn FnMut(Sym) -> Sym| {
            for s in v.iter_mut() {
                *s = map(*s);
            }
            v.sort_unstable();
        };
        for t in &mut self.terms {
            *t = Term::new(map(t.sym()), t.count());
        }
        self.terms.sort_unstable();
        for c in &mut self.claims {
            let d = &mut c.desc;
            d.what = d.what.map(&mut *map);
            // (the words around the number keep their order: those before come first)
            let [near, subject, scope, source] = d.words_mut();
            for s in near {
                *s = map(*s);
            }
            sorted(subject, map);
            sorted(scope, map);
            sorted(source, map);
        }
        for d in &mut self.dates {
            sorted(&mut d.context.near, map);
            sorted(&mut d.context.subject, map);
        }
    }

    /// The publication date, when the document states one (not an inferred reference).
    pub fn publication(&self) -> Option<(NaiveDate, ReferenceSource)> {
        self.reference.filter(|(_, s)| s.is_publication())
    }
}

/// Facts known already, by a document and its content hash (a cache's): analysing it
/// again would give the same.
pub type Reuse<'a> = &'a (dyn Fn(&Document, u64) -> Option<DocFacts> + Sync);

/// Options that change how documents resolve.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    /// The publication date of documents that state none.
    pub published: Option<NaiveDate>,
    /// Only the facts are wanted: no words for stories, no passages, no date contexts.
    pub facts_only: bool,
}

/// Resolve one document: reference day, date values, claim times and descriptors.
pub fn resolve_document(doc: &Document, text: &DocText, ex: Extraction, options: &ResolveOptions) -> DocFacts {
    resolve_text(doc, text, ex, options, true)
}

/// [`resolve_document`] for a piece of a long document after its first: the
/// document's reference day is its first piece's, and its times are resolved when the
/// pieces are merged ([`merge_chunks`]), so neither is worked out here.
pub fn resolve_piece(doc: &Document, text: &DocText, ex: Extraction, options: &ResolveOptions) -> DocFacts {
    resolve_text(doc, text, ex, options, false)
}

fn resolve_text(doc: &Document, text: &DocText, ex: Extraction, options: &ResolveOptions, whole: bool) -> DocFacts {
    let describe = Describe::default_describe();
    let words = words::DocWords::new(text);
    if !options.facts_only {
        // (its terms ask of nearly every word)
        words.learn_all();
    }
    let reference =
        if whole { reference::reference(text, &ex.dates, doc.published, ex.stated, options.published) } else { None };
    let years = reference::mentioned_years(&ex.dates);
    let mut dates: Vec<DateFact> = ex
        .dates
        .into_iter()
        .map(|d| {
            let s = text.sentence_of(d.norm.start as usize);
            let tense = clause_tense(describe, text, s, d.norm);
            let opens = time::opens_period(text, d.norm.start as usize, d.norm.end as usize);
            let context = if options.facts_only {
                describe::DateContext::default()
            } else {
                describe::describe_date(text, &words, d.norm)
            };
            let (reported, until) = reported_or_until(describe, text, s, d.norm);
            DateFact { date: d, value: None, sentence: s as u32, tense, opens_period: opens, context, reported, until }
        })
        .collect();
    let headline = headline_span(text.original);
    let claims: Vec<ClaimFact> = ex
        .claims
        .into_iter()
        .map(|c| {
            let s = text.sentence_of(c.norm.start as usize);
            let span = text.sentence(s);
            let (ss, se) = text.original_range(span.start as usize, span.end as usize);
            let desc = describe::describe(text, &words, &c);
            let (nearest, opening) = sentence_dates(&c, s as u32, &dates);
            let in_headline = headline.is_some_and(|(hs, he)| c.start >= hs && c.end <= he);
            ClaimFact {
                claim: c,
                sentence: s as u32,
                sentence_span: (ss, se),
                desc,
                time: None,
                time_source: TimeSource::Document,
                nearest_date: nearest,
                opening_date: opening,
                in_headline,
            }
        })
        .collect();
    let passages = if options.facts_only { Vec::new() } else { passages(text, &words, &claims, &dates) };
    let trends = relations::trends(text, &claims);
    let mut claims = claims;
    relations::share_elided_scales(&trends, &mut claims);
    let percents = relations::stated_percents(text, &claims, &trends);
    let orders = relations::date_orders(text, &dates);
    let mut facts = DocFacts {
        name: doc.name.clone(),
        origin: doc.origin.clone(),
        bytes: doc.text.len(),
        language: language(text.text()),
        published: doc.published,
        stated: ex.stated,
        reference,
        borrowed_from: None,
        years,
        sentence_count: text.sentences.len() as u32,
        claims,
        dates: Vec::new(),
        terms: if options.facts_only { Vec::new() } else { terms(text, &words) },
        headline,
        passages,
        trends,
        percents,
        orders,
        ignore_rules: doc.ignore_rules.clone(),
        suppressions: suppressions(text.original),
        kept_text: None,
        content: 0,
        text_hash: 0,
    };
    std::mem::swap(&mut facts.dates, &mut dates);
    if whole {
        resolve_times(&mut facts);
    }
    facts
}

/// How many words before a date (and after it) say its tense.
const TENSE_BEFORE: usize = 8;
const TENSE_AFTER: usize = 3;

/// The tense of the clause around a span of sentence `s`: the words just before it
/// and just after, not the whole sentence ("من المرتقب أن يحتشدوا الثلاثاء بعد
/// احتجاجات الاثنين": Tuesday is to come, Monday is past).
fn clause_tense(describe: &Describe, text: &DocText, s: usize, span: crate::text::Span) -> Tense {
    let tokens = text.tokens_in(text.sentence(s));
    let first = tokens.partition_point(|t| t.span.start < span.start);
    let last = tokens.partition_point(|t| t.span.start < span.end).max(first);
    let from = first.saturating_sub(TENSE_BEFORE);
    let to = (last + TENSE_AFTER).min(tokens.len());
    let before: Vec<&str> = tokens[from..first].iter().map(|t| text.token_text(t)).collect();
    let after: Vec<&str> = tokens[last..to].iter().map(|t| text.token_text(t)).collect();
    // What comes before the date governs it ("شهدت هزة الخميس 14 آب، ويتوقع …").
    match describe.tense(&before) {
        Tense::Unknown => describe.tense(&after),
        t => t,
    }
}

/// How many words before a date may hold the verb that reports it done.
const REPORTED_BEFORE: usize = 4;

/// Whether a past-tense verb reports the event of a date (within a few words before
/// it), and whether the date ends a period ("حتى", "until").
fn reported_or_until(describe: &Describe, text: &DocText, s: usize, span: crate::text::Span) -> (bool, bool) {
    let lex = crate::lexicon::Lexicon::default_lexicon();
    let tokens = text.tokens_in(text.sentence(s));
    let first = tokens.partition_point(|t| t.span.start < span.start);
    let words: Vec<&str> =
        tokens[first.saturating_sub(REPORTED_BEFORE)..first].iter().map(|t| text.token_text(t)).collect();
    let own_first = tokens.get(first).map(|t| text.token_text(t)).unwrap_or("");
    // "حتى 2019", "ابتداء من 9 نيسان": the word before, or the one before a preposition.
    let before_last = words.len().checked_sub(2).map(|k| words[k]).unwrap_or("");
    let until = [own_first, words.last().copied().unwrap_or(""), before_last]
        .iter()
        .any(|w| lex.calendar.interval_join.iter().any(|j| j == w && j != "و") || describe.is_until(w));
    let reported = words.iter().any(|w| describe.is_past_word(w)) && describe.tense(&words) != Tense::Future;
    (reported, until)
}

/// How far (normalised bytes) after a claim a period it is counted over may open.
const OPENING_AFTER: u32 = 64;

/// The dates of a claim's sentence that give its time: the nearest plain date, and
/// the nearest period-opening date before the claim or right after it.
fn sentence_dates(c: &Claim, sentence: u32, dates: &[DateFact]) -> (Option<u32>, Option<u32>) {
    let from = dates.partition_point(|d| d.sentence < sentence);
    let to = dates.partition_point(|d| d.sentence <= sentence);
    let in_sentence = || dates[from..to].iter().enumerate().map(move |(k, d)| (from + k, d));
    let distance = |d: &DateFact| {
        let (ds, de) = (d.norm.start, d.norm.end);
        if de <= c.norm.start {
            c.norm.start - de
        } else {
            ds.saturating_sub(c.norm.end)
        }
    };
    let nearest =
        in_sentence().filter(|(_, d)| !d.opens_period).min_by_key(|(_, d)| distance(d)).map(|(k, _)| k as u32);
    // A period opened before the claim, or right after it ("بنسبة 70 بالمائة منذ بداية
    // العام", "40٪ تقريبًا مقابل الدولار منذ بداية 2018").
    let opening = in_sentence()
        .filter(|(_, d)| {
            d.opens_period
                && (d.norm.end <= c.norm.start
                    || (d.norm.start >= c.norm.end && d.norm.start - c.norm.end <= OPENING_AFTER))
        })
        .min_by_key(|(_, d)| distance(d))
        .map(|(k, _)| k as u32);
    (nearest, opening)
}

/// Resolve every date against the reference (leaning to the future in sentences
/// about it) and place every claim in time. Run again when the reference changes.
pub fn resolve_times(facts: &mut DocFacts) {
    let base = Resolver { reference: facts.reference.map(|r| r.0), years: facts.years.clone(), lean: Lean::Unmarked };
    let past = base.leaning(Lean::Past);
    let future = base.leaning(Lean::Future);
    for d in &mut facts.dates {
        let r = match d.tense {
            Tense::Future => &future,
            Tense::Past => &past,
            Tense::Unknown => &base,
        };
        d.value = r.resolve(&d.expr);
    }
    let doc_time = facts.reference.map(|(d, _)| DateValue::Day(d));
    for c in &mut facts.claims {
        let value = |k: Option<u32>| k.and_then(|k| facts.dates[k as usize].value.as_ref());
        let (time, source) = match time::claim_time(value(c.nearest_date), value(c.opening_date), doc_time.clone()) {
            Some((t, s)) => (Some(t), s),
            None => (None, TimeSource::Document),
        };
        c.time = time;
        c.time_source = source;
    }
}

/// A document's passages: sentences with a claim or a date, as pieces.
fn passages(text: &DocText, words: &words::DocWords, claims: &[ClaimFact], dates: &[DateFact]) -> Vec<Passage> {
    let mut sentences: Vec<u32> = claims.iter().map(|c| c.sentence).chain(dates.iter().map(|d| d.sentence)).collect();
    sentences.sort_unstable();
    sentences.dedup();
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let span = text.sentence(s as usize);
        let mut pieces = Vec::new();
        // The claims and dates of this sentence (both are in text order, so their
        // sentences ascend): found by binary search, not by scanning every claim.
        let cs = claims.partition_point(|c| c.sentence < s)..claims.partition_point(|c| c.sentence <= s);
        let ds = dates.partition_point(|d| d.sentence < s)..dates.partition_point(|d| d.sentence <= s);
        let covering = |at: u32| {
            claims[cs.clone()]
                .iter()
                .position(|c| c.norm.start <= at && at < c.norm.end)
                .map(|k| Piece::claim((cs.start + k) as u32))
                .or_else(|| {
                    dates[ds.clone()]
                        .iter()
                        .position(|d| d.norm.start <= at && at < d.norm.end)
                        .map(|k| Piece::date((ds.start + k) as u32))
                })
        };
        for k in text.token_range(span) {
            // Words compare by stem: "شرق" and "شرقي" are one word of a twin passage.
            let piece = covering(text.tokens[k].span.start).unwrap_or_else(|| Piece::word(words.passage_hash(k)));
            if pieces.last() != Some(&piece) || piece.is_word() {
                pieces.push(piece);
            }
        }
        let words = pieces.iter().filter(|p| p.is_word()).count();
        if words >= 5 {
            out.push(Passage {
                sentence: s,
                span: text.original_range(span.start as usize, span.end as usize),
                pieces,
            });
        }
    }
    out
}

/// Content words of a document with their counts: words of three letters or more,
/// stemmed, stopwords left out, at most [`MAX_TERMS`] (the most frequent).
fn terms(text: &DocText, words: &words::DocWords) -> Vec<Term> {
    // Distinct words first: a text repeats its words, and each is judged once.
    let mut counts: Vec<u16> = vec![0; words.count()];
    for (k, t) in text.tokens.iter().enumerate() {
        if t.kind == TokenKind::Word {
            let n = &mut counts[words.id(k) as usize];
            *n = n.saturating_add(1);
        }
    }
    // Stems of distinct words; words of one stem add up.
    let mut stemmed: rustc_hash::FxHashMap<Sym, (u16, u32)> = Default::default();
    for (id, n) in counts.into_iter().enumerate().filter(|&(_, n)| n > 0) {
        let first = words.token_of(id as u32);
        if words.text(first).chars().nth(2).is_none() || words.is(first, crate::lexicon::describe::class::STOPWORD) {
            continue;
        }
        let (term, first) = (words.stem(first), first as u32);
        let e = stemmed.entry(term).or_insert((0, first));
        e.0 = e.0.saturating_add(n);
        e.1 = e.1.min(first);
    }
    let mut v: Vec<(Sym, (u16, u32))> = stemmed.into_iter().collect();
    v.sort_unstable_by_key(|(_, (n, first))| (std::cmp::Reverse(*n), *first));
    v.truncate(MAX_TERMS);
    let mut out: Vec<Term> = v.into_iter().map(|(s, (n, _))| Term::new(s, n)).collect();
    out.sort_unstable();
    out
}

/// The most content words a document keeps.
pub const MAX_TERMS: usize = 800;

/// "ar" when Arabic letters outnumber Latin ones, else "en".
fn language(text: &str) -> Language {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if crate::text::is_arabic(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if arabic >= latin {
        Language::Arabic
    } else {
        Language::English
    }
}

/// The headline: the first line with a few words, when it is short and does not end
/// a sentence. Front matter and page chrome are skipped: lines of a few letters ("×"),
/// menus and breadcrumbs ("Home | News", "الرئيسية › أخبار") and cookie banners.
pub fn headline_span(text: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    let body_from = crate::text::front_matter_end(text);
    for line in text.split_inclusive('\n') {
        if start < body_from {
            start += line.len();
            continue;
        }
        let t = line.trim();
        if t.len() > 2000 {
            return None;
        }
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let words = t.split_whitespace().count();
        let chrome = t.contains(['|', '›', '»', '•', '·']) || t.to_lowercase().contains("cookie");
        if letters >= 12 && words >= 4 && !chrome {
            let ends_sentence = t.ends_with(['.', '؟', '!']);
            return (t.chars().count() <= 200 && !ends_sentence).then_some((start, start + line.len()));
        }
        start += line.len();
    }
    None
}

/// Inline suppressions: `<!-- claimcheck: ignore RULE -->` (or `ignore all`) at the
/// end of a line applies to that line; alone on a line, to the next line.
fn suppressions(text: &str) -> Vec<Suppression> {
    const MARK: &str = "claimcheck:";
    let mut out = Vec::new();
    if !text.contains(MARK) {
        return out;
    }
    let lines = crate::text::LineIndex::new(text);
    let mut from = 0;
    while let Some(k) = text[from..].find(MARK) {
        let at = from + k;
        from = at + MARK.len();
        let rest = &text[from..];
        let end = rest.find("-->").unwrap_or(0);
        let body = rest[..end].trim();
        let Some(rules) = body.strip_prefix("ignore") else { continue };
        let line = lines.line(at);
        let line_start = lines.line_start(line);
        let alone = text[line_start..at].trim_end().trim_end_matches("<!--").trim().is_empty();
        let target = if alone { line + 1 } else { line };
        for r in rules.split([',', ' ']).map(str::trim).filter(|r| !r.is_empty()) {
            out.push(Suppression { line: target, rule: (r != "all").then(|| r.to_string()) });
        }
        if rules.trim().is_empty() {
            out.push(Suppression { line: target, rule: None });
        }
    }
    out
}

/// One document's facts from the facts of its pieces, each with its count of line
/// breaks (`starts`: each piece's byte offset): offsets, lines, sentences and indices
/// shifted, the reference and the headline from the first piece, times resolved again.
pub fn merge_chunks(doc: &Document, parts: Vec<(DocFacts, usize)>, starts: &[usize]) -> DocFacts {
    let total = |f: fn(&DocFacts) -> usize| parts.iter().map(|(p, _)| f(p)).sum::<usize>();
    let (claims, dates, passages) = (total(|p| p.claims.len()), total(|p| p.dates.len()), total(|p| p.passages.len()));
    let mut parts = parts.into_iter();
    let (mut out, mut breaks) = parts.next().expect("a long document has pieces");
    out.claims.reserve_exact(claims - out.claims.len());
    out.dates.reserve_exact(dates - out.dates.len());
    out.passages.reserve_exact(passages - out.passages.len());
    let mut line_base = 0usize;
    let mut sentence_base = out.sentence_count;
    let mut terms: rustc_hash::FxHashMap<Sym, u16> = out.terms.iter().map(|t| (t.sym(), t.count())).collect();
    for (k, (mut p, piece_breaks)) in parts.enumerate() {
        let start = starts[k + 1];
        line_base += breaks;
        breaks = piece_breaks;
        let shift_span = |s: &mut (usize, usize)| {
            s.0 += start;
            s.1 += start;
        };
        let (claim_base, date_base) = (out.claims.len() as u32, out.dates.len() as u32);
        for c in &mut p.claims {
            c.claim.start += start;
            c.claim.end += start;
            c.claim.line += line_base;
            c.sentence += sentence_base;
            shift_span(&mut c.sentence_span);
            c.nearest_date = c.nearest_date.map(|d| d + date_base);
            c.opening_date = c.opening_date.map(|d| d + date_base);
            c.in_headline = false;
        }
        for d in &mut p.dates {
            d.date.start += start;
            d.date.end += start;
            d.date.line += line_base;
            d.sentence += sentence_base;
        }
        for x in &mut p.passages {
            x.sentence += sentence_base;
            shift_span(&mut x.span);
            for piece in &mut x.pieces {
                *piece = piece.shifted(claim_base, date_base);
            }
        }
        for t in &mut p.trends {
            t.from += claim_base;
            t.to += claim_base;
        }
        for x in &mut p.percents {
            x.a += claim_base;
            x.b += claim_base;
            x.percent += claim_base;
        }
        for o in &mut p.orders {
            o.first += date_base;
            o.then += date_base;
        }
        for s in &mut p.suppressions {
            s.line += line_base;
        }
        for t in p.terms {
            let e = terms.entry(t.sym()).or_default();
            *e = e.saturating_add(t.count());
        }
        sentence_base += p.sentence_count;
        out.claims.extend(p.claims);
        out.dates.extend(p.dates);
        out.passages.extend(p.passages);
        out.trends.extend(p.trends);
        out.percents.extend(p.percents);
        out.orders.extend(p.orders);
        out.suppressions.extend(p.suppressions);
        out.years.extend(p.years);
    }
    out.years.sort_unstable();
    out.years.dedup();
    out.sentence_count = sentence_base;
    out.bytes = doc.text.len();
    let mut terms: Vec<(Sym, u16)> = terms.into_iter().collect();
    terms.sort_unstable_by_key(|&(_, n)| std::cmp::Reverse(n));
    terms.truncate(MAX_TERMS);
    out.terms = terms.into_iter().map(|(s, n)| Term::new(s, n)).collect();
    out.terms.sort_unstable();
    resolve_times(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments() {
        let t = "a\n<!-- claimcheck: ignore weekday-mismatch -->\nb 12 people <!-- claimcheck: ignore all -->\n";
        let s = suppressions(t);
        assert_eq!(
            s,
            vec![Suppression { line: 3, rule: Some("weekday-mismatch".into()) }, Suppression { line: 3, rule: None }]
        );
    }

    #[test]
    fn headline_skips_front_matter() {
        let t = "---\ntitle: a long title with many words here\npublished: 2024-01-01\n---\nالعنوان الرئيسي للخبر هنا اليوم\n\nنص.";
        let (s, e) = headline_span(t).unwrap();
        assert!(t[s..e].starts_with("العنوان"));
    }
}
