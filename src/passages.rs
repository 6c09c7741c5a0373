//! Near-duplicate passages: word shingles hashed once per document, and an inverted
//! index from shingle to documents, so that similar documents are found by counting
//! shared shingles instead of comparing every pair.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;

/// The sorted, distinct hashes of every run of [`SHINGLE_WORDS`] words (letters only,
/// normalised text) in `text`.
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<&str> =
        text.split(|c: char| !crate::text::is_word_char(c)).filter(|w| w.chars().count() > 1).collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let mut h = FxHasher::default();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// For each document, the most similar other document among `candidates` (by shared
/// shingles), with the share of its own shingles that it shares; `None` when it shares
/// fewer than `min_shared`.
pub fn most_similar(docs: &[Vec<u64>], candidates: &[bool], min_shared: usize) -> Vec<Option<(usize, f64)>> {
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (k, sh) in docs.iter().enumerate().filter(|(k, _)| candidates[*k]) {
        for h in sh {
            index.entry(*h).or_default().push(k);
        }
    }
    docs.iter()
        .enumerate()
        .map(|(k, sh)| {
            let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
            for h in sh {
                for &other in index.get(h).map_or(&[][..], Vec::as_slice) {
                    if other != k {
                        *counts.entry(other).or_default() += 1;
                    }
                }
            }
            counts
                .into_iter()
                .filter(|&(_, n)| n >= min_shared)
                .max_by_key(|&(other, n)| (n, std::cmp::Reverse(other)))
                .map(|(other, n)| (other, n as f64 / sh.len().max(1) as f64))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_documents_are_found_through_the_index() {
        let a = shingles("قالت القيادة المركزية في بيان إن القوات نفذت عمليات مع شركائها في سوريا");
        let b = shingles("وقالت القيادة المركزية في بيان إن القوات نفذت عمليات عدة");
        let c = shingles("the weather was fine across the region on tuesday");
        let best = most_similar(&[a, b, c], &[true, true, true], 3);
        assert_eq!(best[1].map(|x| x.0), Some(0));
        assert_eq!(best[2], None);
    }
}
