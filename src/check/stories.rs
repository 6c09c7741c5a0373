//! Stories: which documents tell one event. Two documents are of one story when
//! their content words are alike (cosine similarity of TF-IDF weights, the rare names
//! of an event weighing most) and their reference days are close. Candidate pairs come
//! from an inverted index of each document's heaviest words, so the cost grows with
//! the corpus, not with its square.

use crate::resolve::DocFacts;
use crate::text::symbols::Sym;
use chrono::Datelike;
use rustc_hash::FxHashMap;

/// The lowest similarity for two documents to be one story.
pub const MIN_SIMILARITY: f32 = 0.08;
/// How many days apart two documents of one story may be.
pub const MAX_DAYS_APART: i64 = 10;
/// How many documents one document keeps as its story neighbours (the most similar).
const MAX_NEIGHBOURS: usize = 48;
/// How many of a document's heaviest words make its vector.
const VECTOR_TERMS: usize = 160;
/// How many of a document's heaviest words find its candidates.
const PROBE_TERMS: usize = 40;
/// A word among the heaviest of more documents than this finds no candidates (it is
/// too common to tell a story: a weekday, a country in the news all year).
pub const MAX_POSTINGS: usize = 400;
/// Below this many documents every pair within the window is compared.
const SMALL_CORPUS: usize = 200;
/// How many heaviest words two documents must share to be compared at all.
const MIN_SHARED_TOP: usize = 3;

/// The story neighbours of every document, most similar first.
#[derive(Debug, Default)]
pub struct Stories {
    neighbours: Vec<Vec<(u32, f32)>>,
}

/// How many documents hold each content word, and of how many: what makes a word
/// rare. A full check counts its own documents; archive mode counts the whole archive
/// with the drafts, whatever subset of it is compared.
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    pub df: FxHashMap<Sym, u32>,
    pub docs: usize,
}

impl TermStats {
    pub fn of(docs: &[DocFacts]) -> Self {
        let mut s = TermStats::default();
        for d in docs {
            s.add(d);
        }
        s
    }

    pub fn add(&mut self, d: &DocFacts) {
        self.docs += 1;
        for t in &d.terms {
            *self.df.entry(t.sym()).or_default() += 1;
        }
    }

    fn idf(&self, t: Sym) -> f32 {
        let n = self.docs;
        let common = if n >= SMALL_CORPUS { (n as f32 * 0.05) as u32 } else { u32::MAX };
        let f = self.df.get(&t).copied().unwrap_or(1);
        if f < 2 || f > common {
            0.0
        } else {
            ((n as f32 + 1.0) / f as f32).ln()
        }
    }

    /// A document's unit vector over its heaviest words, sorted by word.
    pub fn vector(&self, d: &DocFacts) -> Vec<(Sym, f32)> {
        let mut v: Vec<(Sym, f32)> = d
            .terms
            .iter()
            .map(|t| (t.sym(), (1.0 + (t.count() as f32).ln()) * self.idf(t.sym())))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        // The heaviest words carry the cosine; the tail of a long text only costs.
        if v.len() > VECTOR_TERMS {
            heaviest_first(&mut v);
            v.truncate(VECTOR_TERMS);
            v.sort_unstable_by_key(|e| e.0);
        }
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
        for e in &mut v {
            e.1 /= norm;
        }
        // (a corpus keeps one a document while its stories are found)
        v.shrink_to_fit();
        v
    }

    /// The heaviest words of a vector: a document is posted under them and probes with them.
    pub fn probes(v: &[(Sym, f32)]) -> Vec<Sym> {
        probe_indices(v).into_iter().map(|i| v[i as usize].0).collect()
    }

    /// Does a corpus of this size compare every pair of documents within the window?
    pub fn small(&self) -> bool {
        self.docs < SMALL_CORPUS
    }
}

impl Stories {
    pub fn new(docs: &[DocFacts]) -> Self {
        Stories::with_stats(docs, &TermStats::of(docs))
    }

    /// The stories of `docs`, words weighed by `stats` (which may count more documents).
    pub fn with_stats(docs: &[DocFacts], stats: &TermStats) -> Self {
        let n = docs.len();
        if n < 2 {
            return Stories { neighbours: vec![Vec::new(); n] };
        }
        let t0 = std::time::Instant::now();
        use rayon::prelude::*;
        let vectors: Vec<Vec<(Sym, f32)>> = docs.par_iter().map(|d| stats.vector(d)).collect();
        crate::timing("stories: vectors", t0);
        // Each document's probes, by their place in its vector (a byte each, not a word
        // id: a large corpus holds millions).
        let tops: Vec<Vec<u8>> = vectors.par_iter().map(|v| probe_indices(v)).collect();
        let (by_place, vs) = (&tops, &vectors);
        let top = move |k: usize| by_place[k].iter().map(move |&i| vs[k][i as usize].0);
        // Postings by day (documents without a day first, matching any day), so that a
        // probe reads only the documents of its window.
        let day_number = |k: usize| docs[k].reference.map(|r| r.0.num_days_from_ce());
        // A word among the heaviest of too many documents finds no candidates: its
        // postings are never made (counted first, the others made to their size).
        let mut sizes: FxHashMap<Sym, u32> = FxHashMap::default();
        for t in (0..n).flat_map(top) {
            *sizes.entry(t).or_default() += 1;
        }
        let mut postings: FxHashMap<Sym, Vec<(i32, u32)>> = sizes
            .into_iter()
            .filter(|&(_, n)| n as usize <= MAX_POSTINGS)
            .map(|(t, n)| (t, Vec::with_capacity(n as usize)))
            .collect();
        for k in 0..n {
            let d = day_number(k).unwrap_or(i32::MIN);
            for t in top(k) {
                if let Some(p) = postings.get_mut(&t) {
                    p.push((d, k as u32));
                }
            }
        }
        for p in postings.values_mut() {
            p.sort_unstable();
        }
        crate::timing("stories: postings", t0);
        let window = MAX_DAYS_APART as i32;
        // Each thread counts a document's candidates in an array by document, and holds
        // the document's vector spread out by word, so that a candidate's cosine is one
        // look-up a word of the candidate (summed in word order, as [`cosine`] does).
        let words = vectors.iter().flatten().map(|e| e.0 as usize + 1).max().unwrap_or(0);
        let scratch = || (vec![0u8; n], Vec::<u32>::new(), vec![0f32; words]);
        let neighbours: Vec<Vec<(u32, f32)>> = (0..n)
            .into_par_iter()
            .map_init(scratch, |(counts, touched, spread), k| {
                // Two documents of one story share some of their heaviest words; the
                // candidates are the documents posted under the ones of `k`, counted.
                let mut count = |o: u32| {
                    let c = &mut counts[o as usize];
                    if *c == 0 {
                        touched.push(o);
                    }
                    *c = c.saturating_add(1);
                };
                // A small corpus compares every pair of its days.
                let small = stats.small();
                if small {
                    let near = |o: usize| match (day_number(k), day_number(o)) {
                        (Some(a), Some(b)) => (a - b).abs() <= window,
                        _ => true,
                    };
                    (0..n).filter(|&o| o != k && near(o)).for_each(|o| count(o as u32));
                }
                for t in top(k).filter(|_| !small) {
                    let Some(p) = postings.get(&t) else { continue };
                    let undated = p.partition_point(|e| e.0 == i32::MIN);
                    p[..undated].iter().map(|e| e.1).filter(|&o| o as usize != k).for_each(&mut count);
                    let in_window: &[(i32, u32)] = match day_number(k) {
                        Some(d) => {
                            let from = p.partition_point(|e| e.0 < d.saturating_sub(window));
                            let to = p.partition_point(|e| e.0 <= d.saturating_add(window));
                            &p[from.max(undated)..to.max(undated)]
                        }
                        None => &p[undated..],
                    };
                    in_window.iter().map(|e| e.1).filter(|&o| o as usize != k).for_each(&mut count);
                }
                // Candidates sharing some heavy words (every one, in a small corpus).
                let need = if small { 1 } else { MIN_SHARED_TOP as u8 };
                for &(t, w) in &vectors[k] {
                    spread[t as usize] = w;
                }
                // A copy of the same text is no other telling of the story.
                let own = docs[k].text_hash;
                let mut out: Vec<(u32, f32)> = Vec::new();
                for o in touched.drain(..) {
                    let shared = std::mem::take(&mut counts[o as usize]);
                    if shared < need || (own != 0 && docs[o as usize].text_hash == own) {
                        continue;
                    }
                    let s = spread_cosine(spread, &vectors[o as usize]);
                    if s >= MIN_SIMILARITY {
                        out.push((o, s));
                    }
                }
                for &(t, _) in &vectors[k] {
                    spread[t as usize] = 0.0;
                }
                out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                out.truncate(MAX_NEIGHBOURS);
                out
            })
            .collect();
        crate::timing("stories: neighbours", t0);
        Stories { neighbours }
    }

    /// The similarity of two documents when they are one story.
    pub fn similarity(&self, a: usize, b: usize) -> Option<f32> {
        if a == b {
            return Some(1.0);
        }
        let find = |x: usize, y: usize| self.neighbours.get(x)?.iter().find(|(o, _)| *o as usize == y).map(|e| e.1);
        find(a, b).or_else(|| find(b, a))
    }

    /// The documents of `a`'s story, most similar first.
    pub fn neighbours(&self, a: usize) -> &[(u32, f32)] {
        self.neighbours.get(a).map_or(&[], Vec::as_slice)
    }

    /// How many pairs of documents are one story.
    pub fn pairs(&self) -> usize {
        let mut n = 0;
        for (a, ns) in self.neighbours.iter().enumerate() {
            for &(b, _) in ns {
                if (b as usize) > a || !self.neighbours[b as usize].iter().any(|(o, _)| *o as usize == a) {
                    n += 1;
                }
            }
        }
        n
    }
}

/// The places in a vector of its heaviest words, heaviest first ([`heaviest_first`]),
/// at most [`PROBE_TERMS`].
fn probe_indices(v: &[(Sym, f32)]) -> Vec<u8> {
    debug_assert!(v.len() <= VECTOR_TERMS && VECTOR_TERMS <= 256);
    let mut out: Vec<u8> = heaviest_order(v).into_iter().take(PROBE_TERMS).map(|i| i as u8).collect();
    out.shrink_to_fit();
    out
}

/// Heaviest words first; words of one weight (common: one count, one rarity) in an
/// order of their own, the same every run.
fn heaviest_first(v: &mut Vec<(Sym, f32)>) {
    let order = heaviest_order(v);
    *v = order.into_iter().map(|i| v[i]).collect();
}

/// The places of a vector's words, heaviest first, ties by a key of the word's text
/// (not its id, which parallel reading orders differently each run).
fn heaviest_order(v: &[(Sym, f32)]) -> Vec<usize> {
    let keys = crate::text::symbols::stable_keys(&v.iter().map(|e| e.0).collect::<Vec<_>>());
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_unstable_by(|&a, &b| v[b].1.total_cmp(&v[a].1).then(keys[a].cmp(&keys[b])).then(v[a].0.cmp(&v[b].0)));
    order
}

/// [`cosine`] of a vector spread out by word (0 where it has none) and another.
fn spread_cosine(spread: &[f32], b: &[(Sym, f32)]) -> f32 {
    let mut s = 0.0;
    for &(t, w) in b {
        let a = spread[t as usize];
        if a != 0.0 {
            s += a * w;
        }
    }
    s
}

#[cfg(test)]
fn cosine(a: &[(Sym, f32)], b: &[(Sym, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spread_vector_gives_the_same_cosine() {
        let a: Vec<(Sym, f32)> = vec![(1, 0.5), (4, 0.25), (7, 0.8), (9, 0.1)];
        let b: Vec<(Sym, f32)> = vec![(0, 0.3), (4, 0.6), (7, 0.7), (8, 0.2), (9, 0.05)];
        let mut spread = vec![0.0; 10];
        for &(t, w) in &a {
            spread[t as usize] = w;
        }
        let want = 0.25f32 * 0.6 + 0.8 * 0.7 + 0.1 * 0.05;
        assert_eq!(cosine(&a, &b), want);
        assert_eq!(spread_cosine(&spread, &b), want);
        assert_eq!(spread_cosine(&spread, &[(0, 1.0), (2, 1.0)]), 0.0);
    }
}
