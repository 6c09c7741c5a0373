//! `value-agreement`: two documents of one story give one quantity incompatible values.
//!
//! What it does: for every pair of documents of one story, compares the claims that
//! [`same_quantity`] finds to be one quantity (same counted thing, same event or
//! measure, same subject, no narrower scope, no other source, no forecast). At the
//! same time, their bounds must overlap ("more than 20" agrees with 23, "about 100"
//! with 95). A fixed quantity (a distance, a population) must agree whatever the days;
//! a toll must not fall from one day to the next unless the text gives a reason.
//!
//! Why: one of the two is wrong, or they count different things without saying so.
//!
//! Example: `a.txt "مقتل 23 شخصًا"` vs `b.txt "32 قتيلًا"`, the same blast the same evening.

use super::{bucket, fell, incompatible, role_of, show, story_pairs, Tolerance};
use crate::check::comparable::{same_quantity, spelling_variants, time_relation, Strength, TimeRelation};
use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{ClaimRef, Corpus, Finding};
use crate::lexicon::describe::Describe;
use crate::text::symbols::{name, Sym};
use rustc_hash::FxHashMap;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "value-agreement",
    docs: || Docs {
        what: "Claims of two documents of one story about one quantity (same thing, event, subject and time) \
               must have compatible values."
            .into(),
        why: "Two incompatible figures for the same quantity mean one is wrong.".into(),
        example: "a.txt \"مقتل 23 شخصًا\" vs b.txt \"32 قتيلًا\", the same blast, the same evening".into(),
    },
    placeholders: &["what", "role", "period", "a", "b", "b_doc"],
    build: |meta, file, text| {
        let options: Options = crate::check::engine::options(file, text)?;
        options.tolerance.validate(file, text)?;
        Ok(Box::new(Agreement { meta, options }))
    },
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub tolerance: Tolerance,
    /// A toll reported at most this many days apart must not fall.
    pub toll_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance: Tolerance::default(), toll_days: 3 }
    }
}

pub struct Agreement {
    meta: RuleMeta,
    options: Options,
}

/// What two claims of one quantity say against each other.
enum Clash {
    /// Incompatible values for one time.
    Values,
    /// A toll lower on a later day.
    Fall,
    /// One sentence told on two days with a zero too many or two digits swapped
    /// ("سكنها نحو 20 ألف يهودي" / "مسكنا لنحو 200 ألف يهودي").
    Slip,
}

impl Rule for Agreement {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let clashes = self.clashes(corpus);
        // One finding a claim that disagrees with several others (which then agree with
        // each other), the claim with most partners first: "40 km here; 35 km in a.txt
        // and in c.txt".
        let mut partners: FxHashMap<ClaimRef, Vec<usize>> = FxHashMap::default();
        for (k, c) in clashes.iter().enumerate() {
            partners.entry(c.a).or_default().push(k);
            partners.entry(c.b).or_default().push(k);
        }
        let mut order: Vec<(ClaimRef, usize)> = partners.iter().map(|(c, v)| (*c, v.len())).collect();
        order.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let mut done = vec![false; clashes.len()];
        for (claim, _) in order {
            let mine: Vec<usize> = partners[&claim].iter().copied().filter(|&k| !done[k]).collect();
            if mine.is_empty() {
                continue;
            }
            for &k in &mine {
                done[k] = true;
            }
            out.push(self.finding(corpus, claim, &mine.iter().map(|&k| &clashes[k]).collect::<Vec<_>>()));
        }
    }
}

/// Shared words right around two figures (or the share of them) that make one quantity
/// told two ways a warning rather than a lead.
const NEAR_WORDS_ALIKE: usize = 3;
const NEAR_ALIKE: f32 = 0.25;

/// Figures this close (the larger over the smaller) differ as two tallies do.
const SMALL_GAP: f64 = 1.25;

/// Is the larger of two figures less than `ratio` times the smaller?
fn within(a: f64, b: f64, ratio: f64) -> bool {
    let (lo, hi) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
    lo > 0.0 && hi / lo < ratio
}

/// Figures within 5% of each other.
fn close(a: f64, b: f64) -> bool {
    within(a, b, 1.05)
}

fn small_gap(a: f64, b: f64) -> bool {
    within(a, b, SMALL_GAP)
}

/// The claims that give `r`'s figure for the same quantity at the same time: another
/// sentence of its own document (a headline's figure again in the body), and the
/// documents of its story none of `seen` is in; at most three.
fn repeats(corpus: &Corpus, r: ClaimRef, seen: &[ClaimRef], t: &Tolerance) -> Vec<ClaimRef> {
    let c = corpus.claim(r);
    let others =
        corpus.stories.neighbours(r.0).iter().map(|&(d, _)| d as usize).filter(|d| !seen.iter().any(|s| s.0 == *d));
    let mut out = Vec::new();
    for d in std::iter::once(r.0).chain(others) {
        let found = corpus.docs[d].claims.iter().enumerate().find(|&(k, x)| {
            (d, k) != r
                && !seen.contains(&(d, k))
                && x.value == c.value
                && x.bound == c.bound
                && x.desc.what == c.desc.what
                && x.desc.role == c.desc.role
                && !incompatible(x, c, t)
                && same_time_or_since(x, c)
                // (a figure told to a decimal twice in one document is one figure)
                && ((d == r.0 && c.value.fract() != 0.0 && x.sentence != c.sentence)
                    || same_quantity(corpus, r, (d, k)).is_ok())
        });
        if let Some((k, _)) = found {
            out.push((d, k));
            if out.len() == 3 {
                break;
            }
        }
    }
    out.sort_unstable();
    out
}

/// Are two claims of one time, or of periods that open on one day and end days
/// apart ("منذ بداية العام" in an article of Friday and in one of Sunday): the
/// figure of one repeated by the other.
fn same_time_or_since(a: &crate::resolve::ClaimFact, b: &crate::resolve::ClaimFact) -> bool {
    match time_relation(a, b) {
        TimeRelation::Same => true,
        TimeRelation::Overlap => match (&a.time, &b.time) {
            (Some(ta), Some(tb)) => own_date(a) && own_date(b) && ta.days().0 == tb.days().0,
            _ => false,
        },
        _ => false,
    }
}

/// Two shares of one stage of a count may differ this much (the larger over the
/// smaller): a companion figure the same to a decimal allows a stage a little later
/// ("42,4" / "42,5" at 98% and 99% counted), not a point more ("30,7" / "31,7").
const STAGE_ROUNDING: f64 = 1.02;

/// Are `a` and `b` one figure at one moment, pinned by a companion? Each sentence
/// gives, beside it and on the same side of it, one more figure of the same kind told
/// to a decimal, the same in both and of the same name ("حصل أردوغان على 52,5 بالمئة …
/// على إنجيه الذي حاز على 30,7 بالمئة" / "حصل أردوغان على 52,5 بالمئة … منافسه محرم
/// إينجه على 31,7 بالمئة"): a tally that moves as the count goes on gives one
/// companion figure at one stage only, so the two figures beside it are of one stage
/// too, and must be one. The names around `a` and `b` must be alike (spellings of one
/// name counting).
fn anchored(corpus: &Corpus, a: ClaimRef, b: ClaimRef) -> Option<crate::check::comparable::Match> {
    let (ca, cb) = (corpus.claim(a), corpus.claim(b));
    if ca.desc.what.is_none() || ca.desc.what != cb.desc.what || ca.desc.role != cb.desc.role || a.0 == b.0 {
        return None;
    }
    // (a share of ballots counted is the stage, not a share of the vote)
    let plain = |c: &crate::resolve::ClaimFact| {
        !(c.desc.progress || c.desc.age || c.desc.part) && c.claim.flags.score.is_none()
    };
    if !(plain(ca) && plain(cb)) || ca.claim.flags.share != cb.claim.flags.share {
        return None;
    }
    let names_alike = |x: &[Sym], y: &[Sym]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in x {
            for v in y {
                let (nw, nv) = (name(*w), name(*v));
                if w == v || spelling_variants(&nw, &nv) || consonants_alike(&nw, &nv) {
                    out.push(if w == v { nw.to_string() } else { format!("{nw} / {nv}") });
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    };
    let mine = names_alike(ca.desc.near(), cb.desc.near());
    if mine.is_empty() {
        return None;
    }
    let companions = |r: ClaimRef| {
        let c = corpus.claim(r);
        corpus.docs[r.0].claims.iter().enumerate().filter(move |(k, x)| {
            *k != r.1
                && x.sentence == c.sentence
                && x.desc.what == c.desc.what
                && x.bound == crate::lexicon::Bound::Exact
                && x.value.fract() != 0.0
                && x.value != c.value
                && plain(x)
        })
    };
    for (ka, x) in companions(a) {
        for (kb, y) in companions(b) {
            if x.value != y.value || (ka < a.1) != (kb < b.1) {
                continue;
            }
            let theirs = names_alike(x.desc.near(), y.desc.near());
            if theirs.is_empty() {
                continue;
            }
            let evidence = vec![
                format!("both count {}", crate::check::comparable::what_name(ca)),
                format!("the same words around the number: {}", mine.join(", ")),
                format!(
                    "told beside the same figure, {} ({}), in both: one stage of the count",
                    x.text,
                    theirs.join(", ")
                ),
            ];
            return Some(crate::check::comparable::Match {
                strength: Strength::Strong,
                subject: 1.0,
                near: mine.len(),
                near_alike: 1.0,
                clause_alike: 1.0,
                evidence,
                rank_since: None,
            });
        }
    }
    None
}

/// Two spellings of one foreign name that differ only in their long vowels ("إنجيه" /
/// "إينجه": "انج" / "اينج"), three consonants or more.
fn consonants_alike(x: &str, y: &str) -> bool {
    let skeleton = |w: &str| -> String {
        let mut cs = w.chars();
        let first = cs.next();
        first.into_iter().chain(cs.filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ه' | 'ة'))).collect()
    };
    let (sx, sy) = (skeleton(x), skeleton(y));
    x != y && sx.chars().count() >= 3 && sx == sy
}

/// Is a claim dated by its own sentence?
fn own_date(c: &crate::resolve::ClaimFact) -> bool {
    c.time_source == crate::resolve::TimeSource::Sentence
}

/// Do two claims share a word after their numbers (where a distance is from: "من
/// العاصمة غواتيمالا"), a name spelled two ways counting, and one before them (what is
/// that far: "بركان فويغو على بعد 40 كيلومترا"), or a word right before one that the
/// other's clause names ("البركان … والواقع على بعد 35 كيلومترا")?
fn both_ends(a: &crate::resolve::ClaimFact, b: &crate::resolve::ClaimFact) -> bool {
    fn split(c: &crate::resolve::ClaimFact) -> (&[Sym], &[Sym]) {
        c.desc.near().split_at((c.desc.near_before as usize).min(c.desc.near().len()))
    }
    let ((ab, aa), (bb, ba)) = (split(a), split(b));
    let alike = |x: &Sym, y: &Sym| x == y || spelling_variants(&name(*x), &name(*y));
    let before = ab.iter().any(|w| bb.contains(w) || b.desc.subject().contains(w))
        || bb.iter().any(|w| a.desc.subject().contains(w));
    before && aa.iter().any(|w| ba.iter().any(|y| alike(w, y)))
}

/// Is the figure of the later of two documents (by their days) the smaller?
fn later_lower(
    corpus: &Corpus,
    da: usize,
    db: usize,
    ca: &crate::resolve::ClaimFact,
    cb: &crate::resolve::ClaimFact,
) -> bool {
    match (corpus.day(da), corpus.day(db)) {
        (Some(x), Some(y)) if x < y => cb.value < ca.value,
        (Some(x), Some(y)) if x > y => ca.value < cb.value,
        _ => false,
    }
}

/// Does document `d` state the figure of `c` for the same counted thing?
fn states(corpus: &Corpus, d: usize, c: &crate::resolve::ClaimFact, t: &super::Tolerance) -> bool {
    corpus.docs[d].claims.iter().any(|o| o.desc.what == c.desc.what && !incompatible(o, c, t) && o.value == c.value)
}

/// Documents this similar are copies of one text, and clauses this alike in them are
/// one sentence twice, compared passage by passage (aligned-passage).
const COPY_SIMILARITY: f32 = 0.9;
const TWIN_CLAUSES: f32 = 0.5;

/// Two claims of one quantity that disagree.
struct Pair {
    a: ClaimRef,
    b: ClaimRef,
    m: crate::check::comparable::Match,
    clash: Clash,
    /// One figure of a count told beside an identical companion figure (see [`anchored`]).
    anchored: bool,
}

impl Agreement {
    /// Every clash between claims of two documents of one story.
    fn clashes(&self, corpus: &Corpus) -> Vec<Pair> {
        let describe = Describe::default_describe();
        let t = &self.options.tolerance;
        let mut out = Vec::new();
        for (da, db) in story_pairs(corpus) {
            // Two copies of one text are compared passage by passage (aligned-passages),
            // where the position of a figure says which figure it is.
            // Here only the claims of sentences that are not twins are compared.
            let copies = corpus.stories.similarity(da, db).is_some_and(|s| s >= COPY_SIMILARITY);
            let mut index: FxHashMap<Sym, Vec<usize>> = FxHashMap::default();
            for (k, c) in corpus.docs[db].claims.iter().enumerate() {
                if let Some(key) = bucket(c) {
                    index.entry(key).or_default().push(k);
                }
            }
            // Each claim clashes at most once with a document: the output stays linear
            // however many documents disagree.
            let mut used: rustc_hash::FxHashSet<ClaimRef> = Default::default();
            for (ka, ca) in corpus.docs[da].claims.iter().enumerate() {
                let Some(key) = bucket(ca) else { continue };
                let Some(candidates) = index.get(&key) else { continue };
                for &kb in candidates {
                    let (a, b) = ((da, ka), (db, kb));
                    if used.contains(&b) {
                        continue;
                    }
                    let cb = &corpus.docs[db].claims[kb];
                    let role = ca.desc.role.or(cb.desc.role).map(|r| describe.role(r));
                    let toll = role.is_some_and(|r| r.toll);
                    // (a rank counted since a year holds over a story's days too)
                    let ranked = ca.claim.flags.ordinal && ca.desc.since.is_some() && ca.desc.since == cb.desc.since;
                    let fixed = role.is_some_and(|r| r.fixed);
                    // A quantity that moves within a day compares only over stated periods,
                    // or at one moment pinned by an identical companion figure.
                    let volatile = role.is_some_and(|r| r.volatile);
                    let anchor = if role.is_some_and(|r| r.staged) { anchored(corpus, a, b) } else { None };
                    if volatile && anchor.is_none() && !(super::dated_by_sentence(ca) && super::dated_by_sentence(cb)) {
                        continue;
                    }
                    let clash = match time_relation(ca, cb) {
                        _ if anchor.is_some() => (!within(ca.value, cb.value, STAGE_ROUNDING)).then_some(Clash::Values),
                        // A rank counted since a year is the same whatever the days.
                        _ if ranked => incompatible(ca, cb, t).then_some(Clash::Values),
                        TimeRelation::Same if !toll => incompatible(ca, cb, t).then_some(Clash::Values),
                        // A toll of one stated period ("in the two days") may be completed
                        // later, never lowered: a later document's smaller figure clashes.
                        TimeRelation::Same if own_date(ca) && own_date(cb) && later_lower(corpus, da, db, ca, cb) => {
                            incompatible(ca, cb, t).then_some(Clash::Values)
                        }
                        // A toll may rise within a day, but not by swapping its digits
                        // ("23" / "32" killed in one blast the same evening, both sentences
                        // dating the blast).
                        TimeRelation::Same
                            if own_date(ca) && own_date(cb) && super::digits_swapped(ca.value, cb.value) =>
                        {
                            incompatible(ca, cb, t).then_some(Clash::Values)
                        }
                        // A background sentence retold days later keeps its figure: a zero
                        // more or two digits swapped is a slip (checked below: twin clauses).
                        // Only counts of people: a market report's figures (cents, days since a
                        // high) recur every day in the same words with other values.
                        TimeRelation::Apart { .. }
                            if !toll
                                && !role.is_some_and(|r| r.volatile)
                                && ca.desc.people
                                && cb.desc.people
                                && super::zero_slip(ca.value, cb.value) =>
                        {
                            incompatible(ca, cb, t).then_some(Clash::Slip)
                        }
                        // A fixed quantity agrees whatever the days, unless both sentences
                        // date their figures, and apart ("الجمعة الماضية" / "الثلاثاء").
                        TimeRelation::Apart { .. } if fixed && !(own_date(ca) && own_date(cb)) => {
                            incompatible(ca, cb, t).then_some(Clash::Values)
                        }
                        TimeRelation::Apart { days, a_first }
                            if toll && days >= 1 && days <= self.options.toll_days =>
                        {
                            // A toll is the running count of its document's day: a count dated
                            // by its own sentence ("قتل 11 السبت") is that day's, not a toll.
                            // A toll "as of" a day ("حصيلة القتلى حتى صباح الثلاثاء") is
                            // the running count too.
                            let running = |d: usize, c: &crate::resolve::ClaimFact| {
                                c.time_source == crate::resolve::TimeSource::Document
                                    || c.nearest_date.is_some_and(|k| corpus.docs[d].dates[k as usize].until)
                            };
                            let (early, late) = if a_first { (ca, cb) } else { (cb, ca) };
                            (running(da, ca) && running(db, cb) && fell(early, late, t) && !late.desc.fall_reason)
                                .then_some(Clash::Fall)
                        }
                        _ => None,
                    };
                    let Some(clash) = clash else { continue };
                    // "ارتفاع عدد الحالات إلى 168": the text says the count rose to the
                    // higher figure, so the lower one is an earlier state of it.
                    // Likewise a lower figure the text says fell to.
                    let (higher, lower) = if ca.value >= cb.value { (ca, cb) } else { (cb, ca) };
                    if matches!(clash, Clash::Values) && (higher.desc.risen || lower.desc.fallen) {
                        continue;
                    }
                    // Each document also gives the other's figure ("110 مقاعد" of 210, both
                    // in both): two quantities, not one told two ways.
                    if states(corpus, db, ca, t) || states(corpus, da, cb, t) {
                        continue;
                    }
                    let is_anchored = anchor.is_some();
                    let m = match anchor {
                        Some(m) => m,
                        None => match same_quantity(corpus, a, b) {
                            Ok(m) => m,
                            Err(_) => continue,
                        },
                    };
                    // (a slip is reported whether or not the passages align word for word;
                    // the engine keeps one finding of the same spans)
                    if copies && m.clause_alike >= TWIN_CLAUSES && !matches!(clash, Clash::Slip) {
                        continue;
                    }
                    if matches!(clash, Clash::Slip) && !(m.clause_alike >= TWIN_CLAUSES && m.near_alike >= TWIN_CLAUSES)
                    {
                        continue;
                    }
                    out.push(Pair { a, b, m, clash, anchored: is_anchored });
                    used.insert(b);
                    break;
                }
            }
        }
        out
    }

    /// How sure a clash is, by what makes it one:
    /// - two counts of one event the same day (same specific noun, same event, the
    ///   words around both figures alike): an error on strong evidence;
    /// - a fixed quantity (a distance, a population) told two ways, or a figure over one
    ///   stated period ("since the start of the year"): a warning on strong evidence;
    /// - a toll lower on a later day: as often another scope or incident as an error, a
    ///   warning on strong evidence;
    /// - anything less: info, which never fails a run.
    fn severity(&self, corpus: &Corpus, x: &Pair) -> (crate::check::Severity, Option<&'static str>) {
        use crate::check::Severity;
        let describe = Describe::default_describe();
        let (ca, cb) = (corpus.claim(x.a), corpus.claim(x.b));
        let role = ca.desc.role.or(cb.desc.role).map(|r| describe.role(r));
        // Two figures with their digits swapped or a zero too many ("23" / "32") are
        // rarely two quantities by chance: a slip, on good evidence of one quantity.
        // One sentence twice, a zero apart: a slip whatever the noun's role.
        if matches!(x.clash, Clash::Slip) || x.anchored {
            return (self.meta.severity.weaker(), None);
        }
        // Two ranks of one thing since one year ("the eighth" / "the ninth outbreak since
        // 1976"): no tally, no rounding; one is wrong.
        if x.m.rank_since.is_some() && x.m.strength == Strength::Strong {
            return (self.meta.severity.weaker(), None);
        }
        // A toll lower the next day by one digit of a figure of 100 or more ("2771" /
        // "2271") is a slip too.
        let fall_slip = matches!(x.clash, Clash::Fall) && super::clear_slip(ca.value, cb.value);
        let slip = (super::zero_slip(ca.value, cb.value) || fall_slip) && x.m.strength >= Strength::Good;
        if !(x.m.strength == Strength::Strong || slip) {
            let why = if x.m.strength == Strength::Good {
                "the evidence of one quantity is good, not strong"
            } else {
                "the evidence of one quantity is weak"
            };
            return (Severity::Info, Some(why));
        }
        if !super::plausible_discrepancy(ca.value, cb.value) {
            return (Severity::Info, Some("the values are too far apart to be one quantity told two ways"));
        }
        // Stories tell many quantities of one kind (distances from several places, tolls
        // of several days); one told two ways is told in the same words. Without the
        // words around both figures alike, a clash is a lead, not a finding.
        // (a fixed quantity is of the things both name: two shared words name them)
        let fixed = role.is_some_and(|r| r.fixed);
        // A sentence that dates its figure to the other's day, of one specific noun
        // and one event, says which figure it is: "تمكنوا من إخراج 4 صبية، الأحد"
        // against "أنقذ … الأحد ستة من أصل 12 صبيا".
        let dated_alike = role.is_some()
            && !ca.desc.generic
            && !cb.desc.generic
            && ca.desc.what == cb.desc.what
            && (own_date(ca) || own_date(cb))
            && time_relation(ca, cb) == TimeRelation::Same;
        let near_needed = if dated_alike { 1 } else { 2 };
        if !slip
            && (x.m.near < near_needed
                || (!fixed && !dated_alike && x.m.near < NEAR_WORDS_ALIKE && x.m.near_alike < NEAR_ALIKE))
        {
            return (Severity::Info, Some("the words around the two figures are not alike"));
        }
        // A distance runs between two places: both must be the same ("قرية ماتي التي
        // تبعد 40 كم شمال شرق أثينا"), not one ("تبعد نحو 10 كم عن مقديشو" of a base
        // and of a checkpoint).
        if role.is_some_and(|r| r.id == "distance") && !both_ends(ca, cb) {
            return (Severity::Info, Some("the two distances may not run between the same places"));
        }
        // Even between the same places, distances are told by road and as the crow
        // flies, from the centre or the edge ("نحو 40 كم" / "29 كيلومترا" from
        // Athens): on real news a lead, unless both are told exactly ("35 كيلومترا" /
        // "40 كيلومترا" from the capital: one of them is wrong).
        let exact = |c: &crate::resolve::ClaimFact| c.bound == crate::lexicon::Bound::Exact;
        let both_exact = exact(ca) && exact(cb);
        if role.is_some_and(|r| r.id == "distance") && !both_exact {
            return (Severity::Info, Some("distances are told by road and as the crow flies"));
        }
        // Two outlets' counts a few apart ("67" / "68", "17" / "19") are, on real news,
        // two tallies or a recount far more often than an error: a lead, unless one is
        // the other with a digit slipped, or the count is of one finished act told
        // exactly by both, both published the same day ("629" / "630" migrants one
        // ship landed; a day later, "68" for "67" is a recount). A
        // fixed quantity told exactly by both is no tally, though two figures within
        // 5% are one measured two ways (a planet's distance on two nights, a
        // population's estimates).
        // (and not attributed to two sources: "67" by one ministry, "68" by another)
        let one_act = role.is_some_and(|r| !r.running && !r.fixed)
            && both_exact
            && ca.desc.source() == cb.desc.source()
            && time_relation(ca, cb) == TimeRelation::Same
            && corpus.day(x.a.0).is_some()
            && corpus.day(x.a.0) == corpus.day(x.b.0);
        let tallies = if fixed { !both_exact || close(ca.value, cb.value) } else { !one_act };
        if matches!(x.clash, Clash::Values)
            && small_gap(ca.value, cb.value)
            && tallies
            && !super::clear_slip(ca.value, cb.value)
        {
            return (Severity::Info, Some("two tallies a few apart"));
        }
        let warning = self.meta.severity.weaker();
        match x.clash {
            // A lower toll on a later day is, on real news, another day's or another
            // place's count far more often than a wrong one: a lead.
            // Unless the later figure is the earlier with one digit slipped ("2771" / "2271").
            Clash::Fall if fall_slip => (warning, None),
            Clash::Fall => (Severity::Info, Some("a lower toll on a later day, with no digit slipped")),
            Clash::Slip => (warning, None),
            Clash::Values if role.is_some_and(|r| r.fixed || r.volatile) => (warning, None),
            Clash::Values if !ca.desc.generic && !cb.desc.generic && x.m.near >= 2 => (self.meta.severity, None),
            Clash::Values => (warning, None),
        }
    }

    /// The finding of `claim` against the claims it clashes with.
    fn finding(&self, corpus: &Corpus, claim: ClaimRef, pairs: &[&Pair]) -> Finding {
        let describe = Describe::default_describe();
        // The finding is as sure as its surest pair, and lists the pairs that sure.
        let judged: Vec<(crate::check::Severity, Option<&str>)> =
            pairs.iter().map(|x| self.severity(corpus, x)).collect();
        let severities: Vec<crate::check::Severity> = judged.iter().map(|j| j.0).collect();
        let severity = severities.iter().copied().min().unwrap_or(crate::check::Severity::Info);
        let lead = judged.iter().find(|j| j.0 == severity).and_then(|j| j.1);
        let pairs: Vec<&Pair> =
            pairs.iter().zip(&severities).filter(|(_, s)| **s == severity).map(|(p, _)| *p).collect();
        let pairs = &pairs[..];
        let other = |p: &Pair| if p.a == claim { p.b } else { p.a };
        // The primary location is the wanted document's: a draft against its archive.
        let (p, rest): (ClaimRef, Vec<ClaimRef>) = if corpus.wanted(claim.0) {
            (claim, pairs.iter().map(|x| other(x)).collect())
        } else {
            let first = other(pairs[0]);
            (first, std::iter::once(claim).chain(pairs[1..].iter().map(|x| other(x))).collect())
        };
        let cp = corpus.claim(p);
        let cs = corpus.claim(rest[0]);
        let role = cp.desc.role.or(cs.desc.role).map(|r| describe.role(r));
        let mut message = self.meta.message(&[
            ("what", crate::check::comparable::what_name(cp)),
            (
                "role",
                role.map(|r| r.id.clone())
                    .unwrap_or_else(|| if pairs[0].m.rank_since.is_some() { "rank" } else { "count" }.into()),
            ),
            (
                "period",
                match pairs[0].m.rank_since {
                    Some(y) => format!("the count since {y}"),
                    None => cp.time.as_ref().map(ToString::to_string).unwrap_or_default(),
                },
            ),
            ("a", show(cp)),
            ("b", show(cs)),
            ("b_doc", corpus.short(rest[0].0).to_string()),
        ]);
        if rest.len() > 1 {
            message.push_str(&format!(" (and {} more)", rest.len() - 1));
        }
        if pairs.iter().any(|x| matches!(x.clash, Clash::Fall)) {
            message.push_str(" (a toll that fell with no reason given)");
        }
        if pairs.iter().any(|x| matches!(x.clash, Clash::Slip)) {
            message.push_str(" (the same sentence on another day, a digit slipped)");
        }
        let mut locations = vec![corpus.claim_location(p, Some("here".into()))];
        locations.extend(rest.iter().map(|&r| corpus.claim_location(r, Some(role_of(corpus, p, r)))));
        // A finding on evidence is told with every document of the story that gives
        // the other side's figure for the same quantity ("629" in three outlets against
        // one "630"): the reader sees how the story splits.
        if severity <= crate::check::Severity::Warning && pairs.iter().all(|x| matches!(x.clash, Clash::Values)) {
            let mut seen: Vec<ClaimRef> = std::iter::once(p).chain(rest.iter().copied()).collect();
            for r in std::iter::once(p).chain(rest.iter().copied()) {
                for x in repeats(corpus, r, &seen, &self.options.tolerance) {
                    let name = if r == p { "here".to_string() } else { corpus.short(r.0).to_string() };
                    locations.push(
                        corpus.claim_location(x, Some(format!("{}: the same figure as {name}", role_of(corpus, p, x)))),
                    );
                    seen.push(x);
                }
            }
        }
        let mut f = self.meta.finding(message, locations);
        f.severity = severity;
        f.evidence = pairs[0].m.evidence.clone();
        if let Some(why) = lead {
            f.evidence.push(format!("a lead only: {why}"));
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::consonants_alike;

    #[test]
    fn one_name_spelled_with_other_long_vowels_is_one_name() {
        assert!(consonants_alike("انج", "اينج"));
        assert!(consonants_alike("سانشيز", "سانشز"));
        // Other consonants, or fewer than three, are other words.
        assert!(!consonants_alike("انج", "انجل"));
        assert!(!consonants_alike("يوم", "يم"));
        assert!(!consonants_alike("انج", "انج"));
    }
}
