//! `superseded`: a later document of one story gives a new value of the same quantity.
//!
//! What it does: for claims of one quantity ([`same_quantity`]) in two documents of one
//! story on different days, whose values differ, notes the newer figure (info: not a
//! contradiction, a change).
//!
//! Why: quoting the older figure as current would be wrong.
//!
//! Example: a.txt (January) "45 ألف نازح" → b.txt (June) "38 ألف نازح".

use super::{bucket, incompatible, role_of, show, story_pairs, Tolerance};
use crate::check::comparable::{same_quantity, time_relation, Strength, TimeRelation};
use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding};
use crate::lexicon::describe::Describe;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "superseded",
    docs: || Docs {
        what: "A later document gives a newer value of the same quantity.".into(),
        why: "Not a contradiction but a change; quoting the older figure as current would be wrong.".into(),
        example: "a.txt (January) \"45 ألف نازح\" → b.txt (June) \"38 ألف نازح\"".into(),
    },
    placeholders: &["what", "old", "new", "old_time", "new_time", "new_doc"],
    build: |meta, file, text| {
        let options: Options = crate::check::engine::options(file, text)?;
        options.tolerance.validate(file, text)?;
        Ok(Box::new(Superseded { meta, options }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub tolerance: Tolerance,
}

pub struct Superseded {
    meta: RuleMeta,
    options: Options,
}

impl Rule for Superseded {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let describe = Describe::default_describe();
        // Each document's claims by bucket, once: a story pair looks only at the claims
        // of one bucket, in document order.
        let mut index: rustc_hash::FxHashMap<usize, rustc_hash::FxHashMap<crate::text::symbols::Sym, Vec<usize>>> =
            Default::default();
        for (da, db) in story_pairs(corpus) {
            let by_bucket = index.entry(db).or_insert_with(|| {
                let mut m: rustc_hash::FxHashMap<crate::text::symbols::Sym, Vec<usize>> = Default::default();
                for (k, c) in corpus.docs[db].claims.iter().enumerate() {
                    if let Some(key) = bucket(c) {
                        m.entry(key).or_default().push(k);
                    }
                }
                m
            });
            for (ka, ca) in corpus.docs[da].claims.iter().enumerate() {
                let Some(key) = bucket(ca) else { continue };
                let Some(candidates) = by_bucket.get(&key) else { continue };
                for &kb in candidates {
                    let cb = &corpus.docs[db].claims[kb];
                    let TimeRelation::Apart { a_first, .. } = time_relation(ca, cb) else { continue };
                    let role = ca.desc.role.or(cb.desc.role).map(|r| describe.role(r));
                    if role.is_some_and(|r| r.toll || r.fixed) || !incompatible(ca, cb, &self.options.tolerance) {
                        continue;
                    }
                    // Strong evidence needs one counted thing and, but for a rank, one
                    // role on both sides: pairs without them are not worth weighing.
                    let ranked = ca.claim.flags.ordinal && cb.claim.flags.ordinal;
                    if ca.desc.what != cb.desc.what || !(ranked || (ca.desc.role.is_some() && cb.desc.role.is_some())) {
                        continue;
                    }
                    let Ok(m) = same_quantity(corpus, (da, ka), (db, kb)) else { continue };
                    if m.strength < Strength::Strong {
                        continue;
                    }
                    let ((od, ok), (nd, nk)) = if a_first { ((da, ka), (db, kb)) } else { ((db, kb), (da, ka)) };
                    let (old, new) = (corpus.claim((od, ok)), corpus.claim((nd, nk)));
                    let message = self.meta.message(&[
                        ("what", crate::check::comparable::what_name(old)),
                        ("old", show(old)),
                        ("new", show(new)),
                        ("old_time", old.time.as_ref().map(ToString::to_string).unwrap_or_default()),
                        ("new_time", new.time.as_ref().map(ToString::to_string).unwrap_or_default()),
                        ("new_doc", corpus.short(nd).to_string()),
                    ]);
                    let mut f = self.meta.finding(
                        message,
                        vec![
                            corpus.claim_location((od, ok), Some("older".into())),
                            corpus.claim_location((nd, nk), Some(role_of(corpus, (od, ok), (nd, nk)))),
                        ],
                    );
                    f.evidence = m.evidence;
                    out.push(f);
                    break;
                }
            }
        }
    }
}
