//! `trend`: a stated rise or fall that its own numbers contradict.
//!
//! What it does: reads the trends resolution found in each sentence ("ارتفع من A إلى
//! B", "climbed to B from A") and reports a rise to a smaller figure or a fall to a
//! larger one, when the two figures count the same thing.
//!
//! Why: a rise to a smaller number is a typo in a figure or in the verb.
//!
//! Example: "ارتفع عدد النازحين من 40 ألفًا إلى 35 ألفًا".

use crate::check::engine::{Docs, Kind, Rule, RuleMeta};
use crate::check::{Corpus, Finding};
use crate::lexicon::describe::Direction;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "trend",
    docs: || Docs {
        what: "A rise or fall stated with \"from N to M\" must go the way its numbers go.".into(),
        why: "A rise to a smaller number (or a fall to a larger one) is a typo in a figure or the verb.".into(),
        example: "\"ارتفع عدد النازحين من 40 ألفًا إلى 35 ألفًا\"".into(),
    },
    placeholders: &["direction", "a", "b"],
    build: |meta, file, text| {
        let _: Options = crate::check::engine::options(file, text)?;
        Ok(Box::new(Trend { meta }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

pub struct Trend {
    meta: RuleMeta,
}

impl Rule for Trend {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            if !corpus.wanted(d) {
                continue;
            }
            for t in &doc.trends {
                let (from, to) = (&doc.claims[t.from as usize], &doc.claims[t.to as usize]);
                // One thing counted: the same noun, or the second inheriting it.
                let same_thing = from.desc.what == to.desc.what || to.desc.what.is_none() || to.flags.inherited;
                if !same_thing
                    || from.flags.share != to.flags.share
                    || from.flags.score.is_some()
                    || to.flags.score.is_some()
                    || from.flags.ordinal
                    || to.flags.ordinal
                {
                    continue;
                }
                let wrong = match t.direction {
                    Direction::Rise => to.value < from.value,
                    Direction::Fall => to.value > from.value,
                };
                if !wrong {
                    continue;
                }
                // "من 704 ميغاوات إلى 10.200 ميغاوات": a dot before three digits may part
                // thousands; read so, the numbers go the stated way.
                let thousands = |c: &crate::resolve::ClaimFact| {
                    let t = &c.text;
                    t.char_indices().any(|(k, ch)| {
                        ch == '.'
                            && t[k + 1..].chars().take_while(char::is_ascii_digit).count() == 3
                            && t[..k].ends_with(|c: char| c.is_ascii_digit())
                    })
                };
                if thousands(from) || thousands(to) {
                    continue;
                }
                // Figures far apart with no slip between them are another pair than the
                // trend's ("بزيادة وصلت إلى 10.9 مليار، مقارنة بـ 225.7 مليار": the increase
                // and the old level).
                let ratio = from.value.abs().max(to.value.abs()) / from.value.abs().min(to.value.abs()).max(1e-9);
                if ratio > 5.0 && !super::typo_slip(from.value, to.value) {
                    continue;
                }
                let direction = match t.direction {
                    Direction::Rise => "a rise",
                    Direction::Fall => "a fall",
                };
                let message = self.meta.message(&[
                    ("direction", direction.into()),
                    ("a", super::show(from)),
                    ("b", super::show(to)),
                ]);
                let f = self.meta.finding(
                    message,
                    vec![
                        corpus.claim_location((d, t.from as usize), Some("from".into())),
                        corpus.claim_location((d, t.to as usize), Some("to".into())),
                    ],
                );
                out.push(f);
            }
            for x in &doc.percents {
                if let Some(f) = self.percent_finding(corpus, d, x) {
                    out.push(f);
                }
            }
        }
    }
}

impl Trend {
    /// A percentage its own figures contradict: "13 مقعدا من أصل 41، أي نحو 40 بالمئة"
    /// (13 / 41 is 32%), "من 47.60 إلى 55.20 جنيه، بزيادة 26 بالمئة" (16%).
    fn percent_finding(
        &self,
        corpus: &Corpus,
        d: usize,
        x: &crate::resolve::relations::StatedPercent,
    ) -> Option<Finding> {
        let doc = &corpus.docs[d];
        let (a, b, p) = (&doc.claims[x.a as usize], &doc.claims[x.b as usize], &doc.claims[x.percent as usize]);
        use crate::lexicon::Bound;
        // Only figures told exactly give a percentage to check, and only a percentage
        // told exactly or "about" is one to check against.
        if a.bound != Bound::Exact || b.bound != Bound::Exact || !matches!(p.bound, Bound::Exact | Bound::Approx) {
            return None;
        }
        if b.value <= 0.0 || a.value < 0.0 || a.flags.ordinal || b.flags.ordinal {
            return None;
        }
        let actual =
            if x.change { (b.value - a.value).abs() / a.value.max(1e-9) * 100.0 } else { a.value / b.value * 100.0 };
        // A percentage is rounded to its last written digit, "about" one to a tenth of
        // itself; a point either way besides.
        let slack = if p.bound == Bound::Approx { (0.1 * p.value).max(2.0) } else { 1.0 };
        if (actual - p.value).abs() <= slack {
            return None;
        }
        let (direction, said) = if x.change { ("the change", "from") } else { ("the share", "of") };
        let message = format!(
            "{direction} {said} {} {} {} is {:.1}%, not {}%",
            super::show(a),
            if x.change { "to" } else { "out of" },
            super::show(b),
            actual,
            super::show(p)
        );
        let mut f = self.meta.finding(
            message,
            vec![
                corpus.claim_location((d, x.percent as usize), Some("the percentage".into())),
                corpus.claim_location((d, x.a as usize), Some(if x.change { "from" } else { "the part" }.into())),
                corpus.claim_location((d, x.b as usize), Some(if x.change { "to" } else { "the whole" }.into())),
            ],
        );
        f.evidence.push("the sentence restates its own figures as this percentage".into());
        Some(f)
    }
}
