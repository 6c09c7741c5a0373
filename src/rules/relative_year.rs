//! `relative-year`: "last year 2023" against the article's own publication year.
//!
//! What it does: for a relative year written with its number ("العام الماضي 2023",
//! "this year 2024"), checks the number against the publication year plus the offset.
//! Only documents that state their publication date are checked.
//!
//! Why: the number or the relative word is wrong; often a story republished a year on.
//!
//! Example: "العام الماضي 2022" in an article published in 2024.

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::parse::date::{DateExpr, YearRef};
use crate::report::{Finding, Location};
use chrono::Datelike;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "relative-year",
    docs: || Docs {
        what: "A relative year given with its number must match the publication year.".into(),
        why: "\"Last year 2022\" in a 2024 article: the number or the word is wrong.".into(),
        example: "\"العام الماضي 2022\" in an article published in 2024".into(),
    },
    build: |meta, file, text| {
        let _: Options = super::options(file, text)?;
        Ok(Box::new(RelativeYear { meta }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

pub struct RelativeYear {
    meta: RuleMeta,
}

impl Rule for RelativeYear {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for a in corpus.docs {
            let Some((published, _)) = a.published() else { continue };
            for d in &a.dates {
                let DateExpr::Year { year: YearRef::Abs(y), relative: Some(k) } = d.expr else { continue };
                let expected = published.year() + k;
                if y != expected {
                    let message = self.meta.message(&[
                        ("stated", y.to_string()),
                        ("expected", expected.to_string()),
                        ("published", published.format("%Y-%m-%d").to_string()),
                    ]);
                    let loc = Location { doc: a.path.clone(), start: d.start, end: d.end, line: d.line };
                    out.push(self.meta.finding(message, vec![loc], None));
                }
            }
        }
    }
}
