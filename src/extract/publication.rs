//! The publication date a text states: after a label ("تاريخ النشر:", "Published:"),
//! in a dateline ("BEIRUT, March 4, 2024 (Wire) -"), or as a full date standing alone
//! on one of the first or last lines.

use super::dates::FoundDate;
use crate::lexicon::Lexicon;
use crate::parse::date::publication_label;
use crate::text::DocText;
use chrono::NaiveDate;

/// How the text states its publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Stated {
    Label,
    DateLine,
}

/// How many bytes before a date a publication label is looked for (60 characters of
/// up to 4 bytes).
const LABEL_WINDOW: usize = 240;
/// A line this much longer than its date is not a date alone on a line.
const LONG_LINE: usize = 1024;

/// The lines of `text` (split at each '\n' and '\r', as `str::split` would), first
/// to last, as byte spans; found by a byte search, not by decoding every char.
fn lines_from_start(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let ends = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    ends.map(move |e| (std::mem::replace(&mut start, e + 1), e))
}

/// The lines of `text`, last to first.
fn lines_from_end(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let starts = memchr::memrchr2_iter(b'\n', b'\r', text.as_bytes()).map(|k| k + 1).chain([0]);
    let mut end = text.len();
    starts.map(move |s| {
        let e = std::mem::replace(&mut end, s.saturating_sub(1));
        (s, e)
    })
}

/// The publication date the text states, if any.
pub fn publication_in_text(lex: &Lexicon, doc: &DocText, dates: &[FoundDate]) -> Option<(NaiveDate, Stated)> {
    let text = doc.text();
    // A label before the date on its line.
    for d in dates {
        let at = d.norm.start as usize;
        // Only the last few hundred bytes before the date: a label stands within 60
        // characters of it, and a long line must not cost a scan a date.
        let mut from = at.saturating_sub(LABEL_WINDOW);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let line_start = match text[from..at].rfind(['\n', '\r']) {
            Some(k) => from + k + 1,
            None if from > 0 => continue,
            None => 0,
        };
        let before = &text[line_start..at];
        // Only a full day can be a publication date; most dates are not, and asking
        // for a label costs a parse at each character before them.
        let Some(day) = d.expr.full_day() else { continue };
        if before.chars().count() >= 60 {
            continue;
        }
        if before.char_indices().any(|(k, _)| publication_label(lex, &before[k..]).is_ok()) {
            return Some((day, Stated::Label));
        }
    }
    // The first six and the last three lines that are not empty; only they are read,
    // so a long text costs nothing more.
    let filled = |&(s, e): &(usize, usize)| !text[s..e].trim().is_empty();
    let first: Vec<(usize, usize)> = lines_from_start(text).filter(filled).take(6).collect();
    let last: Vec<(usize, usize)> = lines_from_end(text).filter(filled).take(3).collect();
    let within = |d: &FoundDate, (s, e): (usize, usize)| d.norm.start as usize >= s && d.norm.end as usize <= e;
    // A dateline: "BEIRUT, March 4, 2024 (Wire) -" near the start of an early line.
    for &(s, e) in &first {
        for d in dates.iter().filter(|d| within(d, (s, e)) && d.norm.start as usize - s <= 40) {
            let after = text[d.norm.end as usize..e].trim_start();
            if after.starts_with(['(', '-', '—', '–', ':']) {
                if let Some(day) = d.expr.full_day() {
                    return Some((day, Stated::DateLine));
                }
            }
        }
    }
    // A date alone on one of the first six or last three non-empty lines.
    for &(s, e) in first.iter().chain(&last) {
        for d in dates.iter().filter(|d| within(d, (s, e))) {
            let (ds, de) = (d.norm.start as usize, d.norm.end as usize);
            // A long line holds more than 30 other characters, whatever its spaces: the
            // date is not alone on it (and counting them for every date would cost the
            // line's length for each).
            if (e - s) - (de - ds) > LONG_LINE {
                continue;
            }
            let rest = text[s..ds].chars().chain(text[de..e].chars()).filter(|c| !c.is_whitespace());
            if rest.count() <= 30 {
                if let Some(day) = d.expr.full_day() {
                    return Some((day, Stated::DateLine));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_str_split_s_both_ways() {
        for text in ["", "a", "\n", "ab\ncd", "ab\r\ncd\n", "\rأ\n\nب\r", "one line with no end"] {
            let split: Vec<&str> = text.split(['\n', '\r']).collect();
            let ahead: Vec<&str> = lines_from_start(text).map(|(s, e)| &text[s..e]).collect();
            let back: Vec<&str> = lines_from_end(text).map(|(s, e)| &text[s..e]).collect();
            assert_eq!(ahead, split, "{text:?}");
            assert_eq!(back, split.iter().rev().copied().collect::<Vec<_>>(), "{text:?}");
        }
    }
}
