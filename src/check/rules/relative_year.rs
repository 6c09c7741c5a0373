//! `relative-year`: a relative year given with its number disagrees with publication.
//!
//! What it does: for "العام الماضي 2022" and the like (a relative year with the year
//! it means), compares the year with the one the relative word gives from the
//! document's publication date.
//!
//! Why: "last year 2022" in a 2024 article: the number or the word is wrong, often a
//! story republished a year later.
//!
//! Example: "العام الماضي 2022" in an article published in 2024.

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding, Location};
use crate::parse::date::{DateExpr, YearRef};
use chrono::Datelike;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "relative-year",
    docs: || Docs {
        what: "A relative year given with its number must match the publication year.".into(),
        why: "\"Last year 2022\" in a 2024 article: the number or the word is wrong.".into(),
        example: "\"العام الماضي 2022\" in an article published in 2024".into(),
    },
    placeholders: &["stated", "expected", "published"],
    build: |meta, file, text| {
        let options: Options = crate::check::engine::options(file, text)?;
        Ok(Box::new(RelativeYear { meta, options }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Relative words that count from the narrated year, not from publication.
    pub anaphoric: Vec<String>,
}

pub struct RelativeYear {
    meta: RuleMeta,
    options: Options,
}

impl Rule for RelativeYear {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for (k, doc) in corpus.docs.iter().enumerate() {
            let Some((published, _)) = doc.publication() else { continue };
            if !corpus.wanted(k) {
                continue;
            }
            for d in &doc.dates {
                let DateExpr::Year { year: YearRef::Abs(y), relative: Some(rel) } = d.expr else { continue };
                let anaphoric = d.text.split_whitespace().any(|w| {
                    let w = crate::text::normalize_word(w.trim_matches(|c: char| !c.is_alphanumeric()));
                    self.options.anaphoric.iter().any(|a| crate::text::normalize_word(a) == w)
                });
                if anaphoric {
                    continue;
                }
                let expected = published.year() + rel;
                // "عام 1889 … العام التالي، 1890", "بلغ الدين 2017 … العام السابق (2016)":
                // counted from a year the text just wrote, not from publication.
                let from_text = rel != 0
                    && doc.dates.iter().any(|o| {
                        o.sentence + 3 >= d.sentence
                            && o.start < d.start
                            && super::written_year(&o.expr).is_some_and(|w| w + rel == y)
                    });
                // "The current year" is the year of writing, whatever years the text tells.
                let narrated = rel != 0 && doc.years.iter().any(|&w| w != published.year() && w + rel == y);
                if y != expected && !from_text && !narrated {
                    let message = self.meta.message(&[
                        ("stated", y.to_string()),
                        ("expected", expected.to_string()),
                        ("published", published.format("%Y-%m-%d").to_string()),
                    ]);
                    let loc = Location { doc: k, start: d.start, end: d.end, line: d.line, role: None };
                    out.push(self.meta.finding(message, vec![loc]));
                }
            }
        }
    }
}
