//! The comparability decision: are two claims the same quantity? One function,
//! [`same_quantity`], shared by every rule that compares two claims, and explainable:
//! a [`Match`] says in words what the two share, and a [`Mismatch`] why they are not
//! compared.
//!
//! Two claims are one quantity when
//! 1. they are of one story (or one document) and in different sentences;
//! 2. they count the same thing: one canonical noun, or a specific noun of people and a
//!    generic one ("مشجعين" and "أشخاص");
//! 3. what happened to it is the same: one role ("قتيل" and "لقي حتفه"), or, when no
//!    list names the role, the same words right around the number;
//! 4. neither narrows it where the other does not (a scope word, an adjective of
//!    origin, a part of a total: "بينهم"), neither is a forecast or a preliminary count
//!    where the other is not, and they are not attributed to different sources;
//! 5. their clauses are about the same thing: the rare words they share weigh enough.
//!
//! Values and times are the rules' to compare.

use super::{ClaimRef, Corpus};
use crate::lexicon::describe::{Describe, Status};
use crate::resolve::ClaimFact;
use crate::text::symbols::{name, Sym};
use std::sync::Arc;

/// How strong the evidence is that two claims are one quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Good,
    Strong,
}

/// Two claims are one quantity, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub strength: Strength,
    /// How much of their clauses' words they share (0 to 1, weighted by rarity).
    pub subject: f32,
    /// How many words right around the two numbers they share.
    pub near: usize,
    /// How alike the words around the two numbers are, and the words of their clauses
    /// (shared over all, unweighted): two tellings of one fact share most of both.
    pub near_alike: f32,
    pub clause_alike: f32,
    /// What they share, in words a reader can check.
    pub evidence: Vec<String>,
    /// Both are one rank counted from one year ("الثامن منذ … 1976" / "التفشي التاسع
    /// … منذ عام 1976"): a count of events that holds over a story's days.
    pub rank_since: Option<i32>,
}

/// Why two claims are not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    SameSentence,
    NoStory,
    Kind,
    Thing,
    Role,
    Part,
    Scope,
    Status,
    Source,
    Subject,
}

/// The lowest subject overlap for the weakest match.
pub const MIN_SUBJECT: f32 = 0.3;

/// Are claims `a` and `b` the same quantity?
pub fn same_quantity(corpus: &Corpus, a: ClaimRef, b: ClaimRef) -> Result<Match, Mismatch> {
    let d = Describe::default_describe();
    let (ca, cb) = (corpus.claim(a), corpus.claim(b));
    let (da, db) = (&ca.desc, &cb.desc);
    if a.0 == b.0 && ca.sentence == cb.sentence {
        return Err(Mismatch::SameSentence);
    }
    let story = if a.0 == b.0 { Some(1.0) } else { corpus.stories.similarity(a.0, b.0) };
    let Some(story) = story else { return Err(Mismatch::NoStory) };
    let fa = &ca.claim.flags;
    let fb = &cb.claim.flags;
    // An ordinal is compared only with an ordinal; a share ("نصفهم", "ثلثا السكان") and
    // a match score not at all: a share's whole is seldom told the same way twice (half
    // of which seats?), and a half-time score and the final one are both right.
    if fa.share || fb.share || fa.ordinal != fb.ordinal || fa.score.is_some() || fb.score.is_some() {
        return Err(Mismatch::Kind);
    }
    // 2. The same thing.
    let (Some(wa), Some(wb)) = (da.what, db.what) else { return Err(Mismatch::Thing) };
    let thing_exact = wa == wb;
    let thing_people = da.people && db.people && (da.generic || db.generic);
    if !(thing_exact || thing_people) {
        return Err(Mismatch::Thing);
    }
    // 3. The same role, or the same words around the number.
    let (near_a, near_b) = (sorted(da.near()), sorted(db.near()));
    let near_shared = shared_near(&near_a, &near_b);
    let role = match (da.role, db.role) {
        (Some(x), Some(y)) if x != y => return Err(Mismatch::Role),
        (Some(x), Some(_)) => Some(x),
        _ => None,
    };
    // "شخصا" says nothing of who is counted: only the event can make a count of
    // persons the same as another count of people.
    if (da.generic || db.generic) && role.is_none() {
        return Err(Mismatch::Role);
    }
    let percent = &*name(wa) == "%";
    let role_score = (if role.is_some() { 1.0 } else { 0.0 } + 0.4 * near_shared.len().min(2) as f32).min(1.0);
    // A fixed quantity (a distance, a population) is of something: the words around
    // the two figures must name it alike ("مبانداكا", "العاصمة").
    if role.is_some_and(|r| d.role(r).fixed) && near_shared.is_empty() {
        return Err(Mismatch::Subject);
    }
    if role_score == 0.0 && (percent || !thing_exact || da.role.is_some() || db.role.is_some()) {
        return Err(Mismatch::Role);
    }
    // A percentage is a share of something: the words right around it must say of what.
    let said_of_what = near_shared.len() >= 2 || (role.is_some() && !near_shared.is_empty());
    if percent && !said_of_what {
        return Err(Mismatch::Role);
    }
    // 4. Scope, part, status, source.
    if da.part != db.part || da.base != db.base {
        return Err(Mismatch::Part);
    }
    if da.progress || db.progress || da.age || db.age {
        return Err(Mismatch::Kind);
    }
    // A scope word the other clause also says ("بتسمم غذائي" / "بحالات تسمم غذائي")
    // narrows neither.
    let said = |w: &Sym, d: &crate::resolve::describe::Descriptor| {
        d.scope().contains(w) || d.subject().contains(w) || d.near().contains(w)
    };
    if !(da.scope().iter().all(|w| said(w, db)) && db.scope().iter().all(|w| said(w, da))) {
        return Err(Mismatch::Scope);
    }
    if !status_compatible(da.status, db.status) || da.counted != db.counted {
        return Err(Mismatch::Status);
    }
    if da.source().len() >= 2 && db.source().len() >= 2 && shared(da.source(), db.source()).is_empty() {
        return Err(Mismatch::Source);
    }
    // 5. The same subject: the clauses share rare words, or each document mentions
    // what the other's clause is about.
    let (window, words) = subject_overlap(corpus, da.subject(), db.subject());
    // Support needs a few words to go by: one or two words found elsewhere say little.
    let support = if a.0 == b.0 || da.subject().len() < 3 || db.subject().len() < 3 {
        window
    } else {
        support_in(corpus, da.subject(), b.0).min(support_in(corpus, db.subject(), a.0))
    };
    let subject = window.max(support);
    // One rank of one thing counted from one year, in one story: the Nth outbreak since
    // 1976 is one number, whatever the words around it.
    let rank_since =
        (fa.ordinal && thing_exact && da.since.is_some() && da.since == db.since).then_some(da.since).flatten();
    let thing = match (thing_exact, da.generic && db.generic) {
        (true, false) => 1.0,
        (true, true) => 0.7,
        (false, _) => 0.5,
    };
    let story_score = if a.0 == b.0 { 0.5 } else { story };
    // Both counted over one stated period ("منذ بداية العام" / "منذ بداية 2018"): the
    // period says which of a story's many figures of one kind both are.
    let period = same_period(corpus, a, b);
    // (the period counts as two shared words around the figures)
    let near = near_shared.len() + if period.is_some() { 2 } else { 0 };
    let near_score = 0.4 * near.min(3) as f32;
    let total = thing + role_score + near_score + 1.5 * subject + story_score;
    if total < WEAK || (near_shared.is_empty() && subject < MIN_SUBJECT) {
        return Err(Mismatch::Subject);
    }
    // Strong and good evidence name the event or measure on both sides: without it,
    // two figures of one noun in one story are as often two things as one.
    // A fixed quantity (a distance, a population) is between or of named things: both
    // must be named alike ("على بعد 35 كيلومترا من العاصمة" vs "… عن العاصمة").
    let fixed = role.is_some_and(|r| d.role(r).fixed);
    // Durations and sums of money are of many things in one story (an injury's
    // months, a tariff's tranche): the words around them must say which.
    let many_kinds = d.is_many_kinds(&name(wa));
    let strength = match role {
        _ if rank_since.is_some() && (subject >= MIN_SUBJECT || near_shared.len() >= 2) => Strength::Strong,
        _ if (fixed || many_kinds) && near < 2 => Strength::Weak,
        Some(_) if total >= STRONG && thing_exact && !near_shared.is_empty() => Strength::Strong,
        // A fixed quantity of one thing whose words name what it is of alike on both
        // sides ("كيلومترا … العاصمة غواتيمالا") is one quantity whatever the days.
        Some(_) if fixed && thing_exact && near >= 2 && total >= GOOD => Strength::Strong,
        Some(_) if total >= GOOD => Strength::Good,
        _ => Strength::Weak,
    };
    let mut evidence = Vec::new();
    if thing_exact {
        evidence.push(format!("both count {}", what_name(ca)));
    } else {
        evidence.push(format!("both count people ({} / {})", what_name(ca), what_name(cb)));
    }
    if let Some(r) = role {
        evidence.push(format!("the same event or measure: {}", d.role(r).id));
    }
    if !near_shared.is_empty() {
        // (by word, not by id: ids follow the order documents were read in)
        let mut w: Vec<String> = near_shared.iter().map(|s| name(*s).to_string()).collect();
        w.sort_unstable();
        evidence.push(format!("the same words around the number: {}", w.join(", ")));
    }
    if !words.is_empty() {
        evidence.push(format!("the same subject: {}", words.join(", ")));
    }
    if let Some(p) = &period {
        evidence.push(format!("the same stated period: {p}"));
    }
    if let Some(y) = rank_since {
        evidence.push(format!("the same rank, counted since {y}"));
    }
    if a.0 == b.0 {
        evidence.push("the same document".to_string());
    } else {
        evidence.push(format!("the same story (similarity {story:.2})"));
    }
    let jaccard = |x: &[Sym], y: &[Sym]| {
        let (x, y) = (sorted(x), sorted(y));
        let common = shared(&x, &y).len();
        common as f32 / (x.len() + y.len() - common).max(1) as f32
    };
    let near_alike = near_shared.len() as f32 / (near_a.len() + near_b.len() - near_shared.len()).max(1) as f32;
    let clause_alike = jaccard(da.subject(), db.subject());
    Ok(Match { strength, subject, near, near_alike, clause_alike, evidence, rank_since })
}

/// The period both claims are counted over, when each sentence opens one and they are
/// the same ("since 2018-01").
fn same_period(corpus: &Corpus, a: ClaimRef, b: ClaimRef) -> Option<String> {
    let opening = |r: ClaimRef| {
        let k = corpus.claim(r).opening_date?;
        corpus.docs[r.0].dates[k as usize].value.as_ref()
    };
    let (pa, pb) = (opening(a)?, opening(b)?);
    (pa == pb).then(|| format!("since {pa}"))
}

/// How much evidence makes two claims one quantity: the counted thing (up to 1), the
/// role or the words around the number (up to 1), 1.5 times the subject overlap, and
/// the story's similarity (0.5 within one document).
const STRONG: f32 = 3.3;
const GOOD: f32 = 2.8;
const WEAK: f32 = 2.2;

/// The weighted share of `words` that document `doc` mentions anywhere.
pub fn support_in(corpus: &Corpus, words: &[Sym], doc: usize) -> f32 {
    let terms = &corpus.docs[doc].terms;
    let w = |s: &Sym| corpus.weights.get(s).copied().unwrap_or(1.0);
    let total: f32 = words.iter().map(w).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let present: f32 = words.iter().filter(|s| terms.binary_search_by_key(*s, |t| t.sym()).is_ok()).map(w).sum();
    present / total
}

/// Forecasts compare only with forecasts; preliminary counts only with preliminary
/// counts; an estimate is an observed figure told less exactly.
fn status_compatible(a: Status, b: Status) -> bool {
    let class = |s: Status| match s {
        Status::Observed | Status::Estimate | Status::Final => 0,
        Status::Forecast => 1,
        Status::Preliminary => 2,
    };
    class(a) == class(b)
}

fn sorted(v: &[Sym]) -> Vec<Sym> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// The words two sorted lists of words around a number share, a name spelled two
/// ways counting once ("غواتيمالا" / "غواتيمال"): the
/// words are few, so each unmatched pair is looked at.
fn shared_near(a: &[Sym], b: &[Sym]) -> Vec<Sym> {
    let mut out = shared(a, b);
    // (only words of five letters or more have spelling variants, one letter apart)
    let rest = |v: &[Sym], out: &[Sym]| -> Vec<(Sym, Arc<str>, usize)> {
        v.iter()
            .filter(|w| !out.contains(w))
            .map(|&w| {
                let n = name(w);
                let letters = n.chars().count();
                (w, n, letters)
            })
            .filter(|&(_, _, letters)| letters >= 5)
            .collect()
    };
    let (rest_a, mut rest_b) = (rest(a, &out), rest(b, &out));
    if rest_b.is_empty() {
        return out;
    }
    for (x, nx, lx) in rest_a {
        let variant = |(_, ny, ly): &(Sym, Arc<str>, usize)| lx.abs_diff(*ly) == 1 && spelling_variants(&nx, ny);
        if let Some(k) = rest_b.iter().position(variant) {
            rest_b.remove(k);
            out.push(x);
        }
    }
    out
}

/// Two spellings of one name: both of five letters or more, the same first two, and
/// one is the other with one letter more (a long vowel written or not, a final alef).
pub fn spelling_variants(x: &str, y: &str) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let (ns, nl) = (short.chars().count(), long.chars().count());
    if ns < 5 || nl != ns + 1 {
        return false;
    }
    // The first letter where they part; the rest of the short one must be the rest of
    // the long one after its extra letter.
    let k = short.char_indices().zip(long.chars()).find(|((_, a), b)| a != b).map_or(short.len(), |((i, _), _)| i);
    if short[..k].chars().count() < 2 {
        return false;
    }
    let extra = long[k..].chars().next().map_or(0, char::len_utf8);
    short[k..] == long[k + extra..]
}

/// The elements two sorted lists share.
fn shared(a: &[Sym], b: &[Sym]) -> Vec<Sym> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The weighted share of subject words two claims have in common (over the smaller
/// side), and the heaviest shared words.
pub fn subject_overlap(corpus: &Corpus, a: &[Sym], b: &[Sym]) -> (f32, Vec<String>) {
    let w = |s: &Sym| corpus.weights.get(s).copied().unwrap_or(1.0);
    let total = |v: &[Sym]| v.iter().map(w).sum::<f32>();
    let common = shared(a, b);
    let denom = total(a).min(total(b));
    if denom <= 0.0 {
        return (0.0, Vec::new());
    }
    let score = common.iter().map(w).sum::<f32>() / denom;
    let mut by_weight: Vec<&Sym> = common.iter().collect();
    by_weight.sort_by(|x, y| w(y).total_cmp(&w(x)).then_with(|| name(**x).cmp(&name(**y))));
    (score, by_weight.into_iter().take(4).map(|s| name(*s).to_string()).collect())
}

/// How two claims' times relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRelation {
    /// The same day or period, or overlapping ones when a date is only the document's.
    Same,
    /// Different days, `days` apart, `a` before `b` when `a_first`.
    Apart { days: i64, a_first: bool },
    /// Periods that overlap without being one (a day inside a month).
    Overlap,
    /// A time is missing.
    Unknown,
}

/// How the times of `a` and `b` relate. Two times are the same when they are one day
/// or one period; a day inside a longer period is not the same time (a day's count
/// is not a count since January).
pub fn time_relation(a: &ClaimFact, b: &ClaimFact) -> TimeRelation {
    let (Some(ta), Some(tb)) = (&a.time, &b.time) else { return TimeRelation::Unknown };
    let ((as_, ae), (bs, be)) = (ta.days(), tb.days());
    if ta == tb || (as_ == bs && ae == be) {
        return TimeRelation::Same;
    }
    if ae < bs {
        TimeRelation::Apart { days: (bs - ae).num_days(), a_first: true }
    } else if be < as_ {
        TimeRelation::Apart { days: (as_ - be).num_days(), a_first: false }
    } else {
        TimeRelation::Overlap
    }
}

/// The counted thing of a claim as a reader would name it: the noun's lemma
/// ("operation", "نسمة"), else its stem ("oper", "نسم").
pub fn what_name(c: &ClaimFact) -> String {
    c.noun.clone().or_else(|| c.desc.what.map(|w| crate::text::symbols::name(w).to_string())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::spelling_variants;

    #[test]
    fn a_name_spelled_with_one_letter_more_is_one_name() {
        assert!(spelling_variants("غواتيمالا", "غواتيمال"));
        assert!(spelling_variants("مبانداكا", "مبنداكا"));
        assert!(spelling_variants("يوغياكارتا", "يوغياكرتا"));
        // Short words are left alone: a letter more makes another word.
        assert!(!spelling_variants("قتل", "قتلى"));
        assert!(!spelling_variants("اسبان", "اسبان"));
        // Two letters apart, or another first letter, is another word.
        assert!(!spelling_variants("غواتيمالا", "غواتيم"));
        assert!(!spelling_variants("مهاجرين", "تهاجرين"));
        assert!(!spelling_variants("كيلومتر", "كيلوغرام"));
    }
}
