//! `hijri-gregorian`: a Hijri date and its Gregorian twin that are not one day.
//!
//! What it does: for "… هـ الموافق …" pairs (either order), converts the Hijri date
//! with the Umm al-Qura calendar and compares it with the Gregorian one, allowing a
//! day or so for moon sighting.
//!
//! Why: two halves of one date that disagree mean one of them is wrong.
//!
//! Example: "1 رمضان 1445 هـ الموافق 15 آذار 2024": 1 Ramadan 1445 is 11 March 2024.

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location};
use crate::parse::date::DateExpr;
use crate::resolve::dates::hijri_to_gregorian;
use crate::resolve::{DateValue, Resolver};
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "hijri-gregorian",
    docs: || Docs {
        what: "A Hijri date and the Gregorian date given with it (\"الموافق\") must be the same day.".into(),
        why: "Two halves of one date that disagree mean one of them is wrong.".into(),
        example: "\"1 رمضان 1445 هـ الموافق 15 آذار 2024\": 1 Ramadan 1445 is 11 March 2024".into(),
    },
    placeholders: &["hijri", "converted", "stated"],
    build: |meta, file, text| Ok(Box::new(Hijri { meta, options: crate::check::engine::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Days the two may differ by (moon sighting varies by country).
    pub tolerance_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance_days: 1 }
    }
}

pub struct Hijri {
    meta: RuleMeta,
    options: Options,
}

impl Rule for Hijri {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for (k, doc) in corpus.docs.iter().enumerate() {
            if !corpus.wanted(k) {
                continue;
            }
            let resolver = Resolver::new(doc.reference.map(|(d, _)| d));
            for d in &doc.dates {
                let DateExpr::HijriPair { hijri, gregorian } = &d.expr else { continue };
                let DateExpr::Hijri { day, month, year: Some(year) } = **hijri else { continue };
                let (Some(h), Some(DateValue::Day(g))) =
                    (hijri_to_gregorian(year, month, day), resolver.resolve(gregorian))
                else {
                    continue;
                };
                if (h - g).num_days().abs() > self.options.tolerance_days {
                    let message = self.meta.message(&[
                        ("hijri", format!("{year}-{month:02}-{day:02} AH")),
                        ("converted", h.format("%Y-%m-%d").to_string()),
                        ("stated", g.format("%Y-%m-%d").to_string()),
                    ]);
                    let loc = Location { doc: k, start: d.start, end: d.end, line: d.line, role: None };
                    out.push(self.meta.finding(message, vec![loc]));
                }
            }
        }
    }
}
