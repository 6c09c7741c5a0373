//! Stories: which documents tell one event. Two documents are of one story when
//! their content words are alike (cosine similarity of TF-IDF weights, the rare names
//! of an event weighing most) and their reference days are close. Candidate pairs come
//! from an inverted index of each document's heaviest words, so the cost grows with
//! the corpus, not with its square.

use crate::resolve::DocFacts;
use crate::text::symbols::Sym;
use rustc_hash::FxHashMap;

/// The lowest similarity for two documents to be one story.
pub const MIN_SIMILARITY: f32 = 0.08;
/// How many days apart two documents of one story may be.
pub const MAX_DAYS_APART: i64 = 10;
/// How many documents one document keeps as its story neighbours (the most similar).
const MAX_NEIGHBOURS: usize = 48;
/// How many of a document's heaviest words find its candidates.
const PROBE_TERMS: usize = 40;
/// A word in more documents than this finds no candidates (it is too common).
const MAX_POSTINGS: usize = 2000;

/// The story neighbours of every document, most similar first.
#[derive(Debug, Default)]
pub struct Stories {
    neighbours: Vec<Vec<(u32, f32)>>,
}

impl Stories {
    pub fn new(docs: &[DocFacts]) -> Self {
        let n = docs.len();
        if n < 2 {
            return Stories { neighbours: vec![Vec::new(); n] };
        }
        let mut df: FxHashMap<Sym, u32> = FxHashMap::default();
        for d in docs {
            for &(t, _) in &d.terms {
                *df.entry(t).or_default() += 1;
            }
        }
        let common = if n >= 200 { (n as f32 * 0.05) as u32 } else { u32::MAX };
        let idf = |t: Sym| -> f32 {
            let f = df.get(&t).copied().unwrap_or(1);
            if f < 2 || f > common {
                0.0
            } else {
                ((n as f32 + 1.0) / f as f32).ln()
            }
        };
        // Unit vectors, sorted by term.
        let vectors: Vec<Vec<(Sym, f32)>> = docs
            .iter()
            .map(|d| {
                let mut v: Vec<(Sym, f32)> = d
                    .terms
                    .iter()
                    .map(|&(t, tf)| (t, (1.0 + (tf as f32).ln()) * idf(t)))
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
                for e in &mut v {
                    e.1 /= norm;
                }
                v
            })
            .collect();
        let mut postings: FxHashMap<Sym, Vec<u32>> = FxHashMap::default();
        for (k, v) in vectors.iter().enumerate() {
            let mut top: Vec<&(Sym, f32)> = v.iter().collect();
            top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
            for &&(t, _) in top.iter().take(PROBE_TERMS) {
                postings.entry(t).or_default().push(k as u32);
            }
        }
        let day = |k: usize| docs[k].reference.map(|r| r.0);
        let neighbours: Vec<Vec<(u32, f32)>> = {
            use rayon::prelude::*;
            (0..n)
                .into_par_iter()
                .map(|k| {
                    let mut seen: FxHashMap<u32, ()> = FxHashMap::default();
                    for &(t, _) in &vectors[k] {
                        if let Some(p) = postings.get(&t).filter(|p| p.len() <= MAX_POSTINGS) {
                            for &o in p {
                                if o as usize != k {
                                    seen.insert(o, ());
                                }
                            }
                        }
                    }
                    let mut out: Vec<(u32, f32)> = seen
                        .into_keys()
                        .filter(|&o| match (day(k), day(o as usize)) {
                            (Some(a), Some(b)) => (a - b).num_days().abs() <= MAX_DAYS_APART,
                            _ => true,
                        })
                        .map(|o| (o, cosine(&vectors[k], &vectors[o as usize])))
                        .filter(|&(_, s)| s >= MIN_SIMILARITY)
                        .collect();
                    out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                    out.truncate(MAX_NEIGHBOURS);
                    out
                })
                .collect()
        };
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
