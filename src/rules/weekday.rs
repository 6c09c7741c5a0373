//! `weekday`: a weekday that is not that date's weekday.
//!
//! What it does: for every date written with its weekday ("الخميس 14 آب 2024",
//! "Wednesday, March 5"), resolved to a day, checks the day's real weekday.
//!
//! Why: one of the two is wrong, and readers cannot tell which.
//!
//! Example: "الخميس 14 آب 2024": 14 August 2024 was a Wednesday.

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::dates::DateValue;
use crate::parse::date::DateExpr;
use crate::report::{Finding, Location};
use chrono::Datelike;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "weekday",
    docs: || Docs {
        what: "A weekday written with a date must be that date's weekday.".into(),
        why: "A wrong weekday means a wrong day or a wrong date, and the reader cannot tell which.".into(),
        example: "\"الخميس 14 آب 2024\": 14 August 2024 was a Wednesday".into(),
    },
    build: |meta, file, text| {
        let _: Options = super::options(file, text)?;
        Ok(Box::new(Weekday { meta }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

pub struct Weekday {
    meta: RuleMeta,
}

const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn stated_weekday(e: &DateExpr) -> Option<u32> {
    match e {
        DateExpr::Day { weekday, .. } => *weekday,
        DateExpr::HijriPair { gregorian, .. } => stated_weekday(gregorian),
        _ => None,
    }
}

impl Rule for Weekday {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for a in corpus.docs {
            for d in &a.dates {
                let (Some(w), Some(DateValue::Day(day))) = (stated_weekday(&d.expr), &d.value) else { continue };
                let real = day.weekday().number_from_monday();
                if real != w {
                    let message = self.meta.message(&[
                        ("date", day.format("%Y-%m-%d").to_string()),
                        ("stated", NAMES[(w - 1) as usize].to_string()),
                        ("real", NAMES[(real - 1) as usize].to_string()),
                    ]);
                    let loc = Location { doc: a.path.clone(), start: d.start, end: d.end, line: d.line };
                    out.push(self.meta.finding(message, vec![loc], None));
                }
            }
        }
    }
}
