//! `hijri-gregorian`: a Hijri date and its Gregorian twin that do not match.
//!
//! What it does: converts the Hijri date of "1 رمضان 1445 هـ الموافق 11 آذار 2024" with
//! the Umm al-Qura calendar and compares it with the Gregorian date given beside it,
//! allowing a tolerance (local moon sighting differs by a day).
//!
//! Why: the two halves of one date disagree; at least one is wrong.
//!
//! Example: "1 رمضان 1445 هـ الموافق 15 آذار 2024": 1 Ramadan 1445 is 11 March 2024.

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::dates::{hijri_to_gregorian, DateValue, Resolver};
use crate::parse::date::DateExpr;
use crate::report::{Finding, Location};
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "hijri-gregorian",
    docs: || Docs {
        what: "A Hijri date and the Gregorian date given with it (\"الموافق\") must be the same day.".into(),
        why: "Two halves of one date that disagree mean one of them is wrong.".into(),
        example: "\"1 رمضان 1445 هـ الموافق 15 آذار 2024\": 1 Ramadan 1445 is 11 March 2024".into(),
    },
    build: |meta, file, text| Ok(Box::new(Hijri { meta, options: super::options(file, text)? })),
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

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for a in corpus.docs {
            let resolver = Resolver::new(a.reference.map(|(d, _)| d));
            for d in &a.dates {
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
                    let loc = Location { doc: a.path.clone(), start: d.start, end: d.end, line: d.line };
                    out.push(self.meta.finding(message, vec![loc], None));
                }
            }
        }
    }
}
