//! `trend`: a stated rise or fall contradicted by its own numbers.
//!
//! What it does: in every sentence with a rise word ("ارتفع", "rose") or a fall word
//! ("انخفض", "fell"), reads "from N to M" ("من N إلى M") and "to M from N" ("إلى M بعد
//! أن كان N"), and checks that M is above N for a rise and below it for a fall. Numbers
//! are read with the number grammar, so "from 120 in the first week to 150" counts
//! even where the numbers name no noun. A range of days ("من 10 إلى 12 مارس") is not
//! a trend.
//!
//! Why: "rose from 40,000 to 35,000" cannot be right; one number or the verb is wrong.
//!
//! Example: "ارتفع عدد النازحين من 40 ألفًا إلى 35 ألفًا".

use super::{Corpus, Docs, Kind, Rule, RuleMeta};
use crate::context::ContextLexicon;
use crate::lexicon::Lexicon;
use crate::parse::claim::{month_name, phrase, quantity};
use crate::parse::number::hspace0;
use crate::report::{format_value, Finding, Location};
use crate::text::is_word_char;
use serde::Deserialize;

pub const KIND: Kind = Kind {
    name: "trend",
    docs: || Docs {
        what: "A rise or fall stated with \"from N to M\" must go the way its numbers go.".into(),
        why: "A rise to a smaller number (or a fall to a larger one) is a typo in a figure or the verb.".into(),
        example: "\"ارتفع عدد النازحين من 40 ألفًا إلى 35 ألفًا\"".into(),
    },
    build: |meta, file, text| Ok(Box::new(Trend { meta, options: super::options(file, text)? })),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Words allowed between the first number and the word that introduces the second.
    pub max_gap_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_gap_words: 8 }
    }
}

pub struct Trend {
    meta: RuleMeta,
    options: Options,
}

/// A number at a normalised position: (value, start, end).
fn number_at(lex: &Lexicon, text: &str, pos: usize) -> Option<(f64, usize, usize)> {
    let (rest, (v, _, _)) = quantity(lex, &text[pos..]).ok()?;
    let end = text.len() - rest.len();
    // "من 10 إلى 12 مارس" is a range of days, not a trend.
    let (r, _) = hspace0(rest).ok()?;
    if month_name(lex, r).is_ok() {
        return None;
    }
    Some((v, pos, end))
}

/// Word starts of a normalised sentence.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (k, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let inside = is_word_char(c) || c.is_ascii_digit() || c == '.' || c == ',';
        match (inside, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((s, &text[s..k]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

impl Rule for Trend {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, corpus: &Corpus, out: &mut Vec<Finding>) {
        let ctx = ContextLexicon::default_context();
        let lex = Lexicon::default_lexicon();
        for (d, a) in corpus.docs.iter().enumerate() {
            let norm = a.normalized();
            let text = norm.text.as_str();
            let original = corpus.texts[d];
            let mut sentence_start = 0;
            for (k, c) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
                if !matches!(c, '.' | '؟' | '!' | '؛' | '?' | '\n') || (c == '.' && is_decimal(text, k)) {
                    continue;
                }
                let (s, e) = (sentence_start, k);
                sentence_start = k + c.len_utf8();
                let words = word_starts(&text[s..e]);
                let rise = words.iter().position(|(_, w)| ctx.in_set(&ctx.rise, w));
                let fall = words.iter().position(|(_, w)| ctx.in_set(&ctx.fall, w));
                let (verb_at, is_rise) = match (rise, fall) {
                    (Some(r), None) => (r, true),
                    (None, Some(f)) => (f, false),
                    _ => continue,
                };
                if let Some((old, new)) = self.pair(lex, ctx, text, s, &words[verb_at..]) {
                    let wrong = if is_rise { new.0 < old.0 } else { new.0 > old.0 };
                    if wrong {
                        let loc = |(_, ns, ne): (f64, usize, usize)| {
                            let (os, oe) = norm.original_range(original, ns, ne);
                            Location { doc: a.path.clone(), start: os, end: oe, line: a.line_of(os) }
                        };
                        let message = self.meta.message(&[
                            ("direction", if is_rise { "a rise" } else { "a fall" }.to_string()),
                            ("a", format_value(old.0)),
                            ("b", format_value(new.0)),
                        ]);
                        out.push(self.meta.finding(message, vec![loc(old), loc(new)], None));
                    }
                }
            }
        }
    }
}

fn is_decimal(text: &str, k: usize) -> bool {
    let b = text.as_bytes();
    k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit()
}

type Found = (f64, usize, usize);

impl Trend {
    /// (old, new) figures after the verb: "from N … to M" or "to M … from N".
    fn pair(
        &self,
        lex: &Lexicon,
        ctx: &ContextLexicon,
        text: &str,
        base: usize,
        words: &[(usize, &str)],
    ) -> Option<(Found, Found)> {
        let gap = self.options.max_gap_words;
        for (i, (pos, w)) in words.iter().enumerate() {
            let from = ctx.in_set(&ctx.trend_from, w);
            let to = ctx.in_set(&ctx.trend_to, w);
            if !(from || to) {
                continue;
            }
            let Some(first) = words.get(i + 1).and_then(|(p, _)| number_at(lex, text, base + p)) else { continue };
            let _ = pos;
            // The second marker within a few words after the first number.
            let after: Vec<&(usize, &str)> =
                words[i + 2..].iter().filter(|(p, _)| base + p >= first.2).take(gap).collect();
            for (j, (p2, w2)) in after.iter().enumerate() {
                let second_marker_len = if from && ctx.in_set(&ctx.trend_to, w2) {
                    Some(0)
                } else if to {
                    ctx.trend_from_after.iter().find(|ph| phrase(ph, &text[base + p2..]).is_ok()).map(|ph| ph.len() - 1)
                } else {
                    None
                };
                let Some(extra) = second_marker_len else { continue };
                let Some((p3, _)) = after.get(j + 1 + extra) else { break };
                if let Some(second) = number_at(lex, text, base + p3) {
                    return Some(if from { (first, second) } else { (second, first) });
                }
            }
        }
        None
    }
}
