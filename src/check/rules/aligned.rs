//! `aligned-passages`: near-identical passages whose figures or dates differ.
//!
//! What it does: indexes the word pairs of every passage (a sentence holding a claim
//! or a date) and aligns only passages that share several (never every pair); two
//! passages of one document, or of two documents of one story published within a day
//! or two, that are the same words in the same order are twins. Their claims and dates
//! are compared as values where the alignment puts them face to face: "89%" and "89
//! بالمئة", "٢٢١٦" and "2216", "4,9" and "4.9" are equal; punctuation, brackets and
//! spacing are not words and never differ. A toll that rose in a later update is no
//! difference; a caption printed twice with two years is.
//!
//! Why: the same sentence cannot be right with two different figures.
//!
//! Example: caption "… - كانون الثاني 2025" and the same caption "… - كانون الثاني 2024".

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location};
use crate::lexicon::describe::Describe;
use crate::lexicon::Bound;
use crate::parse::date::{DateExpr, MonthRef, YearRef};
use crate::resolve::{DateFact, Passage, Piece, PieceKind};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

pub const KIND: Kind = Kind {
    name: "aligned-passages",
    docs: || Docs {
        what: "Near-duplicate passages (repeated captions, syndicated copy) must carry the same figures and dates."
            .into(),
        why: "The same sentence printed twice with two different figures is wrong at least once.".into(),
        example: "caption \"… كانون الثاني 2025\" and its twin \"… كانون الثاني 2024\"".into(),
    },
    placeholders: &["a", "b", "b_doc", "b_line"],
    build: |meta, file, text| {
        let options: Options = crate::check::engine::options(file, text)?;
        crate::check::engine::check_non_negative(file, text, "min_similarity", options.min_similarity)?;
        Ok(Box::new(Aligned { meta, options }))
    },
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Passages with fewer shared words are not aligned.
    pub min_words: usize,
    /// The share of the longer passage's words the two must have in order.
    pub min_similarity: f64,
    /// Words that may differ besides the figures (a name changed means another
    /// sentence of the same template).
    pub max_changed_words: usize,
    /// Documents published further apart than this are not twins (a daily report).
    pub max_days_apart: i64,
    /// A word pair in more passages than this is too common to suggest candidates.
    pub max_bucket: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_words: 8, min_similarity: 0.8, max_changed_words: 1, max_days_apart: 2, max_bucket: 16 }
    }
}

pub struct Aligned {
    meta: RuleMeta,
    options: Options,
}

/// The most (word pair, passage) entries aligned-passage sorts at once (16 bytes each).
const MAX_ENTRIES: usize = 1 << 22;

/// A passage by (document, index in it).
type PassageRef = (u32, u32);

/// What a piece is for alignment: a word by its hash, a claim or a date by its kind.
fn key(p: &Piece) -> u64 {
    match p.kind() {
        PieceKind::Word(h) => h as u64,
        PieceKind::Claim(_) => 1 << 40,
        PieceKind::Date(_) => 2 << 40,
    }
}

/// A passage's words and, for its claims and dates, their values: equal for copies.
fn fingerprint(doc: &crate::resolve::DocFacts, p: &Passage) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for piece in &p.pieces {
        key(piece).hash(&mut h);
        match piece.kind() {
            PieceKind::Claim(k) => {
                let c = &doc.claims[k as usize];
                c.value.to_bits().hash(&mut h);
                c.upper.map(f64::to_bits).hash(&mut h);
            }
            PieceKind::Date(k) => doc.dates[k as usize].value.hash(&mut h),
            PieceKind::Word(_) => {}
        }
    }
    h.finish()
}

fn words(p: &Passage) -> usize {
    p.pieces.iter().filter(|x| x.is_word()).count()
}

impl Rule for Aligned {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let o = &self.options;
        let describe = Describe::default_describe();
        // Candidates: passages sharing word pairs. One sorted list of (pair, passage),
        // its runs the buckets: no map of vectors over the corpus's word pairs. A large
        // corpus is taken in passes, each over the pairs of one share of the hashes, so
        // that the list stays within MAX_ENTRIES whatever the corpus's size.
        let total: usize = corpus.docs.iter().flat_map(|d| &d.passages).map(|p| words(p).saturating_sub(1)).sum();
        let passes = total.div_ceil(MAX_ENTRIES).max(1) as u64;
        // Two passages with the same words, figures and dates are copies, with nothing
        // to report: they are never paired (a wire copy printed by ten outlets).
        use rayon::prelude::*;
        let prints: Vec<Vec<u64>> =
            corpus.docs.par_iter().map(|doc| doc.passages.iter().map(|p| fingerprint(doc, p)).collect()).collect();
        let print = |r: PassageRef| prints[r.0 as usize][r.1 as usize];
        // Each pair of passages, once for every word pair they share (sorted, its runs
        // the counts).
        let mut shared: Vec<(PassageRef, PassageRef)> = Vec::new();
        for pass in 0..passes {
            let mut entries: Vec<(u64, PassageRef)> = corpus
                .docs
                .par_iter()
                .enumerate()
                .flat_map_iter(|(d, doc)| {
                    let mut out = Vec::new();
                    for (k, p) in doc.passages.iter().enumerate() {
                        let ws: Vec<u64> = p.pieces.iter().filter(|x| x.is_word()).map(key).collect();
                        let mut pairs: Vec<u64> = ws
                            .windows(2)
                            .map(|w| w[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ w[1])
                            .filter(|h| h % passes == pass)
                            .collect();
                        pairs.sort_unstable();
                        pairs.dedup();
                        out.extend(pairs.iter().map(|&h| (h, (d as u32, k as u32))));
                    }
                    out
                })
                .collect();
            entries.par_sort_unstable();
            let found: Vec<(PassageRef, PassageRef)> = entries
                .par_chunk_by(|x, y| x.0 == y.0)
                .filter(|run| run.len() > 1 && run.len() <= o.max_bucket)
                .flat_map_iter(|run| {
                    let mut out = Vec::new();
                    for (i, &(_, a)) in run.iter().enumerate() {
                        for &(_, b) in &run[i + 1..] {
                            // (in archive mode, only pairs that involve a draft)
                            if a != b && print(a) != print(b) && self.may_pair(corpus, a.0 as usize, b.0 as usize) {
                                out.push((a.min(b), a.max(b)));
                            }
                        }
                    }
                    out
                })
                .collect();
            shared.extend(found);
        }
        shared.par_sort_unstable();
        let pairs: Vec<(PassageRef, PassageRef)> = shared
            .chunk_by(|x, y| x == y)
            .filter(|run| run.len().min(u16::MAX as usize) >= o.min_words / 2)
            .map(|run| run[0])
            .collect();
        drop(shared);
        let twins: Vec<Twin> = pairs.into_par_iter().filter_map(|(x, y)| self.twin(corpus, x, y)).collect();
        // A sentence printed three times or more in one document with other figures is
        // a template (a table of stadiums, a list of instalments), not a twin.
        let mut within: FxHashMap<PassageRef, usize> = FxHashMap::default();
        for t in twins.iter().filter(|t| t.a.0 == t.b.0) {
            *within.entry(t.a).or_default() += 1;
            *within.entry(t.b).or_default() += 1;
        }
        for t in &twins {
            let (da, db) = (t.a.0 as usize, t.b.0 as usize);
            if da == db && (within[&t.a] > 1 || within[&t.b] > 1) {
                continue;
            }
            let same_day = da == db || matches!((corpus.day(da), corpus.day(db)), (Some(x), Some(y)) if x == y);
            let mut differing = Vec::new();
            for &(x, y) in &t.facing {
                // (the two differ at all, the difference is one to report)
                let (changed, reportable) = match (x.kind(), y.kind()) {
                    (PieceKind::Claim(i), PieceKind::Claim(j)) => {
                        let (ci, cj) = (&corpus.docs[da].claims[i as usize], &corpus.docs[db].claims[j as usize]);
                        // "25,800" and "25.800", "4,9" and "4.9": one figure in two notations.
                        let same = (ci.value == cj.value && ci.upper == cj.upper) || same_digits(&ci.text, &cj.text);
                        // Twins differ by a slip of the pen ("328"/"329", "4.8%"/"8.4%"), of the
                        // same kind and bound; figures far apart are another sentence of a
                        // template, a conversion ("400 ألف يورو" / "469 ألف دولار") or a list.
                        // Two lower bounds ("أكثر من 360" / "أكثر من 362") are no contradiction.
                        let exact = ci.bound == Bound::Exact && cj.bound == Bound::Exact;
                        let same_kind =
                            ci.desc.what == cj.desc.what && exact && ci.upper.is_none() && cj.upper.is_none();
                        let slip = super::typo_slip(ci.value, cj.value);
                        // "بعد 11 يوما" / "بعد 10 أيام": a span counted to the day of writing.
                        let elapsed = duration(&ci.claim) || duration(&cj.claim);
                        let role = ci.desc.role.or(cj.desc.role).map(|r| describe.role(r));
                        // A toll raised in a later update of the same copy is no error;
                        // a price of a daily report moves from one day to the next.
                        let rose_later = match (corpus.day(da), corpus.day(db)) {
                            (Some(p), Some(q)) if p < q => cj.value >= ci.value,
                            (Some(p), Some(q)) if p > q => ci.value >= cj.value,
                            _ => true,
                        };
                        // Unless its digits are swapped ("23" / "32" killed), both
                        // sentences dating the event: the same slip value-agreement reports
                        // in sentences that are not twins.
                        let own = |c: &crate::resolve::ClaimFact| c.time_source == crate::resolve::TimeSource::Sentence;
                        let swapped = super::digits_swapped(ci.value, cj.value) && own(ci) && own(cj);
                        let update = role.is_some_and(|r| r.toll) && da != db && rose_later && !swapped;
                        let moving = role.is_some_and(|r| r.volatile) && !same_day;
                        // An ordinal is no slip of digits: "المباراة الرابعة" / "الخامسة" are
                        // two games of one series told in one template.
                        let ordinal = ci.claim.flags.ordinal || cj.claim.flags.ordinal;
                        let changed = !same;
                        let excused = update || moving || (elapsed && da != db) || ordinal;
                        (changed, changed && !excused && same_kind && slip)
                    }
                    (PieceKind::Date(i), PieceKind::Date(j)) => {
                        let (di, dj) = (&corpus.docs[da].dates[i as usize], &corpus.docs[db].dates[j as usize]);
                        // Dates differ when they write a field two ways by a slip, and
                        // are not one text.
                        let changed = di.value != dj.value;
                        let slip = date_slip(di, dj)
                            && crate::text::normalize_word(&di.text) != crate::text::normalize_word(&dj.text);
                        (changed && slip, slip)
                    }
                    _ => (false, false),
                };
                if changed {
                    differing.push((x, y, reportable));
                }
            }
            // A typo changes one figure; copies whose figures differ in several places
            // are versions of a moving report (a market update, a rising toll).
            if let [(x, y, true)] = differing[..] {
                out.push(self.finding(corpus, t, x, y));
            }
        }
    }
}

/// Two passages that are the same words in the same order, and their claims and dates
/// face to face.
struct Twin {
    a: PassageRef,
    b: PassageRef,
    equal_words: usize,
    facing: Vec<(Piece, Piece)>,
}

impl Aligned {
    /// May passages of two documents be twins: one document, or two of one story told
    /// within `max_days_apart` (in archive mode, one of them a draft)?
    fn may_pair(&self, corpus: &Corpus, da: usize, db: usize) -> bool {
        if !(corpus.wanted(da) || corpus.wanted(db)) {
            return false;
        }
        if da == db {
            return true;
        }
        let near = match (corpus.day(da), corpus.day(db)) {
            (Some(p), Some(q)) => (p - q).num_days().abs() <= self.options.max_days_apart,
            _ => true,
        };
        near && corpus.stories.similarity(da, db).is_some()
    }

    /// Are two candidate passages twins?
    fn twin(&self, corpus: &Corpus, x: PassageRef, y: PassageRef) -> Option<Twin> {
        let o = &self.options;
        let (da, db) = (x.0 as usize, y.0 as usize);
        if !self.may_pair(corpus, da, db) {
            return None;
        }
        let (a, b) = (&corpus.docs[da].passages[x.1 as usize], &corpus.docs[db].passages[y.1 as usize]);
        let ka: Vec<u64> = a.pieces.iter().map(key).collect();
        let kb: Vec<u64> = b.pieces.iter().map(key).collect();
        let ops = capture_diff_slices(Algorithm::Myers, &ka, &kb);
        let mut equal_words = 0;
        let mut changed_words = 0;
        let mut facing: Vec<(Piece, Piece)> = Vec::new();
        let count = |p: &[Piece]| p.iter().filter(|p| p.is_word()).count();
        let last = ops.len().saturating_sub(1);
        for (k, op) in ops.iter().enumerate() {
            // What one copy adds at its very start or end (a photo credit, "camera
            // icon") does not make it another sentence.
            let edge = k == 0 || k == last;
            match *op {
                DiffOp::Equal { old_index, new_index, len } => {
                    for j in 0..len {
                        let (p, q) = (a.pieces[old_index + j], b.pieces[new_index + j]);
                        if p.is_word() {
                            equal_words += 1;
                        } else {
                            facing.push((p, q));
                        }
                    }
                }
                DiffOp::Delete { old_index, old_len, .. } if !edge => {
                    changed_words += count(&a.pieces[old_index..old_index + old_len])
                }
                DiffOp::Insert { new_index, new_len, .. } if !edge => {
                    changed_words += count(&b.pieces[new_index..new_index + new_len])
                }
                DiffOp::Replace { old_index, old_len, new_index, new_len } if !edge => {
                    changed_words += count(&a.pieces[old_index..old_index + old_len]);
                    changed_words += count(&b.pieces[new_index..new_index + new_len]);
                }
                _ => {}
            }
        }
        let longer = words(a).max(words(b)).max(1);
        if equal_words < o.min_words || (equal_words as f64) < o.min_similarity * longer as f64 {
            return None;
        }
        if changed_words > o.max_changed_words * 2 || facing.is_empty() {
            return None;
        }
        Some(Twin { a: x, b: y, equal_words, facing })
    }

    fn finding(&self, corpus: &Corpus, t: &Twin, x: Piece, y: Piece) -> Finding {
        let (da, db) = (t.a.0 as usize, t.b.0 as usize);
        let span = |d: usize, p: Piece| -> (usize, usize, usize, String) {
            let doc = &corpus.docs[d];
            match p.kind() {
                PieceKind::Claim(k) => {
                    let c = &doc.claims[k as usize];
                    (c.start, c.end, c.line, c.text.clone())
                }
                PieceKind::Date(k) => {
                    let t = &doc.dates[k as usize];
                    (t.start, t.end, t.line, t.text.clone())
                }
                PieceKind::Word(_) => (0, 0, 0, String::new()),
            }
        };
        let (sa, ea, la, ta) = span(da, x);
        let (sb, eb, lb, tb) = span(db, y);
        let message = self.meta.message(&[
            ("a", ta.clone()),
            ("b", tb.clone()),
            ("b_doc", corpus.short(db).to_string()),
            ("b_line", lb.to_string()),
        ]);
        let role_b = if da == db { format!("line {lb}, the same passage") } else { role_of_docs(corpus, da, db) };
        let mut f = self.meta.finding(
            message,
            vec![
                Location { doc: da, start: sa, end: ea, line: la, role: Some("here".into()) },
                Location { doc: db, start: sb, end: eb, line: lb, role: Some(role_b) },
            ],
        );
        f.evidence = vec![
            format!("near-identical passages ({} words in the same order)", t.equal_words),
            format!("[-{ta}-] {{+{tb}+}}"),
        ];
        f
    }
}

/// Do two number texts have the same digits in the same order ("25,800" / "25.800")?
fn same_digits(a: &str, b: &str) -> bool {
    let digits = |s: &str| -> String {
        s.chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '\u{660}'..='\u{669}' => char::from_digit(c as u32 - 0x660, 10),
                '\u{6F0}'..='\u{6F9}' => char::from_digit(c as u32 - 0x6F0, 10),
                _ => None,
            })
            .collect()
    };
    let (x, y) = (digits(a), digits(b));
    !x.is_empty() && x == y && (a.contains([',', '.', '٫', '٬']) || b.contains([',', '.', '٫', '٬']))
}

/// Is a claim a span of time ("11 يوما", "three weeks")?
pub(super) fn duration(c: &crate::extract::Claim) -> bool {
    let lex = crate::lexicon::Lexicon::default_lexicon();
    c.noun.as_deref().is_some_and(|n| crate::parse::claim::one_of_phrases(&lex.calendar.units, n).is_ok())
}

/// The day, month and year a date expression writes out, each when it does.
fn written(e: &DateExpr) -> Option<(Option<u32>, Option<u32>, Option<i32>)> {
    let year = |y: &YearRef| match y {
        YearRef::Abs(y) => Some(*y),
        _ => None,
    };
    match e {
        DateExpr::Day { day, month: MonthRef::Abs(m), year: y, .. } => Some((Some(*day), Some(*m), year(y))),
        DateExpr::Month { month, year: y, .. } => Some((None, Some(*month), year(y))),
        DateExpr::Year { year: y, relative: None } => Some((None, None, year(y))),
        _ => None,
    }
}

/// Two dates that write one field differently, by a slip: another month with the same
/// day ("30 نيسان" for "30 آذار"), another day or year by one digit ("عام 2002" for
/// "عام 2003"). What one leaves out ("21 يناير" / "21 يناير 2019") is no difference.
fn date_slip(a: &DateFact, b: &DateFact) -> bool {
    expr_slip(&a.expr, &b.expr)
}

fn expr_slip(a: &DateExpr, b: &DateExpr) -> bool {
    if let (DateExpr::Interval(a1, a2), DateExpr::Interval(b1, b2)) = (a, b) {
        // "منذ عام 2003 حتى 2011" / "منذ عام 2002 حتى 2011": one end slipped, the other agrees.
        let agree = |x: &DateExpr, y: &DateExpr| written(x).is_some() && written(x) == written(y);
        return (expr_slip(a1, b1) && agree(a2, b2)) || (agree(a1, b1) && expr_slip(a2, b2));
    }
    let (Some((da, ma, ya)), Some((db, mb, yb))) = (written(a), written(b)) else { return false };
    let differs = |x: Option<i64>, y: Option<i64>| matches!((x, y), (Some(p), Some(q)) if p != q);
    let (day, month, year) = (
        differs(da.map(i64::from), db.map(i64::from)),
        differs(ma.map(i64::from), mb.map(i64::from)),
        differs(ya.map(i64::from), yb.map(i64::from)),
    );
    match (day, month, year) {
        (true, false, false) => super::typo_slip(da.unwrap_or(0) as f64, db.unwrap_or(0) as f64),
        (false, true, false) => da.is_some() && db.is_some(),
        (false, false, true) => super::typo_slip(ya.unwrap_or(0) as f64, yb.unwrap_or(0) as f64),
        _ => false,
    }
}

/// "in b.txt, a day later", for two documents.
fn role_of_docs(corpus: &Corpus, a: usize, b: usize) -> String {
    let name = corpus.short(b).to_string();
    match (corpus.day(a), corpus.day(b)) {
        (Some(x), Some(y)) => match (y - x).num_days() {
            0 => format!("in {name}, the same day"),
            1 => format!("in {name}, a day later"),
            -1 => format!("in {name}, a day earlier"),
            n if n > 0 => format!("in {name}, {n} days later"),
            n => format!("in {name}, {} days earlier", -n),
        },
        _ => format!("in {name}"),
    }
}
