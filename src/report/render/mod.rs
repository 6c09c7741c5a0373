//! Output formats: one file each, each rendering a [`Report`] to a writer; none
//! decides anything the report does not say.

pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod line;
pub mod sarif;
pub mod table;

use super::Report;

use std::io::Write;
use std::ops::Range;

/// How many items (claims, dates) one unit of parallel rendering holds at most.
const PIECE: usize = 1024;

/// How many units a parallel batch renders before it is written.
const BATCH: usize = 2048;

/// The items of every document (`len(k)` of document `k`) cut in pieces of at most
/// [`PIECE`], in order: `(document, items)`. A document with no items has none; one
/// with a hundred thousand claims is rendered in parallel like many documents.
pub(crate) fn pieces(docs: usize, len: impl Fn(usize) -> usize) -> Vec<(usize, Range<usize>)> {
    (0..docs)
        .flat_map(|k| {
            let n = len(k);
            (0..n).step_by(PIECE).map(move |s| (k, s..(s + PIECE).min(n)))
        })
        .collect()
}

/// Write `units` units, each rendered into bytes by `unit`, rendered in parallel and
/// written in order, a batch at a time (the output never held whole).
pub(crate) fn write_units(
    w: &mut impl Write,
    units: usize,
    unit: impl Fn(usize, &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    for from in (0..units).step_by(BATCH) {
        let parts: Vec<std::io::Result<Vec<u8>>> = (from..(from + BATCH).min(units))
            .into_par_iter()
            .with_min_len(16)
            .map(|k| {
                let mut out = Vec::new();
                unit(k, &mut out).map(|_| out)
            })
            .collect();
        for part in parts {
            w.write_all(&part?)?;
        }
    }
    Ok(())
}
