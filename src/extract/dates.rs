//! Date expressions in a document, unresolved.
//!
//! The date grammar ([`crate::parse::date`]) runs at the date candidates of
//! [`super::candidates`] (digits and calendar words), and from up to three words
//! before them when those words can open a date ("بين", "منذ", "في", "أواخر", a
//! weekday), so that openers are part of the expression. What an expression means
//! in time is decided later, against a reference day (`crate::resolve`).

use crate::lexicon::Lexicon;
use crate::parse::date::{date_expr, DateExpr, Mode};
use crate::parse::number::{lookup_number_word, Words};
use crate::text::{is_word_char, DocText, Span};

/// A date expression found in a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FoundDate {
    /// Its span in the normalised text.
    pub norm: Span,
    /// Its span in the original bytes.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub expr: DateExpr,
}

/// How many words before a candidate an expression may start.
const WORDS_BEFORE: usize = 4;

/// Every date expression of a document, given its candidate positions.
pub fn find(lex: &Lexicon, doc: &DocText, candidates: &[usize]) -> Vec<FoundDate> {
    let text = doc.text();
    let openers = &lex.calendar.openers;
    let mut out = Vec::new();
    let mut last_end = 0;
    for &anchor in candidates {
        if anchor < last_end {
            continue;
        }
        // Openers, and the words of a day in words: "التاسع والعشرين من يونيو".
        let opens = |w: &str| {
            openers.contains(w)
                || lookup_number_word(lex, w, Words::Ordinal).is_some()
                || lex.teen_base.iter().any(|t| t == w)
        };
        let starts = starts_before(text, anchor, last_end, opens);
        for start in starts {
            let Ok((rest, expr)) = date_expr(lex, Mode::Document, &text[start..]) else { continue };
            let end = start + crate::parse::offset(&text[start..], rest);
            let end = start + text[start..end].trim_end().len();
            if end <= anchor {
                continue;
            }
            let (s, e) = doc.original_range(start, end);
            out.push(FoundDate {
                norm: Span::new(start, end),
                start: s,
                end: e,
                line: doc.line(s),
                text: doc.original[s..e].to_string(),
                expr,
            });
            last_end = end;
            break;
        }
    }
    out
}

/// Starts to try for a candidate at `pos`, earliest first: up to [`WORDS_BEFORE`]
/// words before it (not before `floor`), each separated by spaces or a comma and
/// each one an opener (or a candidate word itself), then `pos`.
fn starts_before(text: &str, pos: usize, floor: usize, is_opener: impl Fn(&str) -> bool) -> Vec<usize> {
    let mut starts = Vec::with_capacity(WORDS_BEFORE + 1);
    let mut k = pos;
    for _ in 0..WORDS_BEFORE {
        let base = floor.min(k);
        let before = &text[base..k];
        let trimmed = before.trim_end_matches([' ', '\t', ',', '،', '(', '"', '“']);
        if trimmed.len() == before.len() || trimmed.is_empty() {
            break;
        }
        let Some(ws) = trimmed.char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map(|(i, _)| base + i)
        else {
            break;
        };
        if ws < floor || !is_opener(&text[ws..base + trimmed.len()]) {
            break;
        }
        starts.push(ws);
        k = ws;
    }
    starts.reverse();
    starts.push(pos);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::candidates::Triggers;

    fn dates(s: &str) -> Vec<String> {
        let doc = DocText::new(s);
        let c = Triggers::default_triggers().find(doc.text());
        find(Lexicon::default_lexicon(), &doc, &c.dates).into_iter().map(|d| d.text).collect()
    }

    #[test]
    fn openers_belong_to_the_expression() {
        assert_eq!(dates("قال يوم الأربعاء 12 من تشرين الثاني إن"), vec!["يوم الأربعاء 12 من تشرين الثاني"]);
        assert_eq!(dates("وذلك بين 13 و15 تموز الماضي"), vec!["بين 13 و15 تموز الماضي"]);
        assert_eq!(dates("الحكومة قالت في 2019 إن"), vec!["في 2019"]);
    }
}
