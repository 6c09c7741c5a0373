//! `date-order`: one sentence orders two events against their own dates.
//!
//! What it does: where a sentence links two dated events with "بعد" / "after" or
//! "قبل" / "before" ("تولى الحكم في 1 حزيران بعد حجب الثقة في 11 حزيران"), checks
//! that the event said to come first is not dated after the other.
//!
//! Why: a cause dated after its effect means one of the two dates is wrong.
//!
//! Example: "took power on 1 June after the no-confidence vote of 11 June".

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location};
use crate::resolve::DateValue;
use chrono::Datelike;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "date-order",
    docs: || Docs {
        what: "Two events a sentence orders (\"after\", \"before\") must be dated in that order.".into(),
        why: "An event said to follow another but dated before it has a wrong date.".into(),
        example: "\"تولى الحكم في أول حزيران بعد حجب الثقة في 11 حزيران\"".into(),
    },
    placeholders: &["first", "then", "word"],
    build: |meta, file, text| {
        let _: Options = crate::check::engine::options(file, text)?;
        Ok(Box::new(DateOrder { meta }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

pub struct DateOrder {
    meta: RuleMeta,
}

/// A day said with its day number and month ("1 حزيران", "11 June"): weekdays, relative
/// days and holidays depend on readings a checker cannot be sure of.
fn dated(d: &crate::resolve::DateFact) -> Option<&DateValue> {
    use crate::parse::date::{DateExpr, MonthRef};
    let explicit = matches!(d.expr, DateExpr::Day { month: MonthRef::Abs(_), .. });
    d.value.as_ref().filter(|v| explicit && matches!(v, DateValue::Day(_)))
}

fn has_year(d: &crate::resolve::DateFact) -> bool {
    use crate::parse::date::{DateExpr, YearRef};
    matches!(d.expr, DateExpr::Day { year: YearRef::Abs(_), .. })
}

impl Rule for DateOrder {
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
            for o in &doc.orders {
                let (a, b) = (&doc.dates[o.first as usize], &doc.dates[o.then as usize]);
                let (Some(va), Some(vb)) = (dated(a), dated(b)) else { continue };
                // One date with its year and one without: the sentence means the same year
                // ("السابع من أكتوبر 1954 وبعد … أول نوفمبر"); order by day within it.
                let (ya, yb) = (has_year(a), has_year(b));
                let (da, db) = match (va, vb) {
                    (DateValue::Day(x), DateValue::Day(y)) if ya != yb => {
                        let year = if ya { x.year() } else { y.year() };
                        (x.with_year(year).unwrap_or(*x), y.with_year(year).unwrap_or(*y))
                    }
                    // Neither with its year: one year, unless the two months lie so far
                    // apart that the order crosses a new year ("28 كانون الأول … 3 كانون الثاني").
                    (DateValue::Day(x), DateValue::Day(y)) if !ya && !yb => {
                        if (x.month() as i32 - y.month() as i32).abs() > 6 {
                            continue;
                        }
                        (x.with_year(2000).unwrap_or(*x), y.with_year(2000).unwrap_or(*y))
                    }
                    _ => (va.days().0, vb.days().1),
                };
                if da <= db {
                    continue;
                }
                let message =
                    self.meta.message(&[("first", va.to_string()), ("then", vb.to_string()), ("word", o.word.clone())]);
                let loc = |d: &crate::resolve::DateFact, role: &str| Location {
                    doc: k,
                    start: d.start,
                    end: d.end,
                    line: d.line,
                    role: Some(role.to_string()),
                };
                // The first in the text is the primary location.
                let (p, s) = if a.start < b.start { (a, b) } else { (b, a) };
                let role = |d: &crate::resolve::DateFact| {
                    if std::ptr::eq(d, a) {
                        "said to come first"
                    } else {
                        "said to come later"
                    }
                };
                let mut finding = self.meta.finding(message, vec![loc(p, role(p)), loc(s, role(s))]);
                // "سانشيز، الذي تولى الحكم في 1 حزيران بعد حجب الثقة … في 11 حزيران، …":
                // read so, the dates contradict; the later one may also date the main verb.
                if o.relative_clause {
                    finding.severity = self.meta.severity.weaker();
                    finding.evidence.push(
                        "the later date closes a relative clause: it may date the sentence's main verb instead".into(),
                    );
                }
                out.push(finding);
            }
        }
    }
}
