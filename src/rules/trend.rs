//! `trend`: a stated rise or fall contradicted by its own numbers.
//!
//! What it does: in a sentence with a rise word ("ارتفع", "rose") or a fall word
//! ("انخفض", "fell") before "from N to M" ("من N إلى M"), checks that M is above N for
//! a rise and below it for a fall.
//!
//! Why: "rose from 40,000 to 35,000" cannot be right; one number or the verb is wrong.
//!
//! Example: "ارتفع عدد النازحين من 40 ألفًا إلى 35 ألفًا".

use super::{show, Corpus, Docs, Kind, Rule, RuleMeta};
use crate::context::ContextLexicon;
use crate::report::Finding;
use crate::text::{is_word_char, Normalized};
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "trend",
    docs: || Docs {
        what: "A rise or fall stated with \"from N to M\" must go the way its numbers go.".into(),
        why: "A rise to a smaller number (or a fall to a larger one) is a typo in a figure or the verb.".into(),
        example: "\"ارتفع عدد النازحين من 40 ألفًا إلى 35 ألفًا\"".into(),
    },
    build: |meta, file, text| {
        let _: Options = super::options(file, text)?;
        Ok(Box::new(Trend { meta }))
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

pub struct Trend {
    meta: RuleMeta,
}

fn words(s: &str) -> Vec<String> {
    Normalized::new(s).text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

impl Rule for Trend {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let ctx = ContextLexicon::default_context();
        for pair in corpus.facts.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.doc != b.doc || a.sentence != b.sentence {
                continue;
            }
            let text = corpus.texts[a.doc];
            let before = words(&text[a.sentence.0..a.start]);
            let between = words(&text[a.end..b.start]);
            // "from" right before the first number, "to" between them (a year may sit
            // between: "من 70 ألف شخص في 2019 إلى 30 ألفًا").
            let from_ok = before.last().is_some_and(|w| ctx.in_set(&ctx.trend_from, w));
            let to_ok = between.len() <= 4 && between.iter().any(|w| ctx.in_set(&ctx.trend_to, w));
            if !from_ok || !to_ok {
                continue;
            }
            let rise = before.iter().any(|w| ctx.in_set(&ctx.rise, w));
            let fall = before.iter().any(|w| ctx.in_set(&ctx.fall, w));
            let wrong = (rise && !fall && b.value < a.value) || (fall && !rise && b.value > a.value);
            if wrong {
                let direction = if rise { "a rise" } else { "a fall" };
                let message =
                    self.meta.message(&[("direction", direction.to_string()), ("a", show(a)), ("b", show(b))]);
                out.push(self.meta.finding(message, vec![a.location(corpus), b.location(corpus)], None));
            }
        }
    }
}
