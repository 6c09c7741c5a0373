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
        let opens_bare = |w: &str| {
            openers.contains(w)
                || lookup_number_word(lex, w, Words::Ordinal).is_some()
                || lex.teen_base.iter().any(|t| t == w)
        };
        // "لهذا العام": an opener may carry a preposition the date does not start with.
        let opens = |w: &str| opens_bare(w) || glued_opener(w).is_some_and(|p| opens_bare(&w[p..]));
        let starts = starts_before(text, anchor, last_end, opens);
        let before = out.len();
        for start in starts {
            let read = date_expr(lex, Mode::Document, &text[start..]);
            let (start, read) = match (read, glued_opener(&text[start..])) {
                (Err(_), Some(p)) => (start + p, date_expr(lex, Mode::Document, &text[start + p..])),
                (read, _) => (start, read),
            };
            let Ok((rest, expr)) = read else { continue };
            // "latakia-today.net": a site's name, not today.
            if super::candidates::in_link(text, start) {
                continue;
            }
            // "ذلك اليوم", "نفس اليوم": that day, not today.
            if matches!(expr, DateExpr::Relative { unit: crate::lexicon::Unit::Day, offset: 0 })
                && previous_word(text, start).is_some_and(|w| lex.calendar.today_not_after.iter().any(|x| x == w))
            {
                continue;
            }
            let end = start + crate::parse::offset(&text[start..], rest);
            let end = start + text[start..end].trim_end().len();
            if end <= anchor {
                continue;
            }
            // "17/09" needs a word that makes it a day: "يوم 17/09", "الأحد 17/09".
            let short_numeric = matches!(expr, DateExpr::Day { year: crate::parse::date::YearRef::Unknown, .. })
                && text[start..end].bytes().all(|b| b.is_ascii_digit() || b == b'/');
            if short_numeric
                && !previous_word(text, start).is_some_and(|w| {
                    lex.calendar.short_numeric_after.iter().any(|x| x == w) || lex.weekdays.contains_key(w)
                })
            {
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
        if out.len() == before {
            if let Some(d) = event_year(lex, doc, anchor) {
                last_end = d.norm.end as usize;
                out.push(d);
            }
        }
        // "في 1958 و1962": a year joined to the year just read.
        if let Some(d) =
            out.last().filter(|d| out.len() > before && is_year(&d.expr)).and_then(|d| next_year(lex, doc, d))
        {
            last_end = d.norm.end as usize;
            out.push(d);
        }
    }
    out
}

fn is_year(e: &DateExpr) -> bool {
    matches!(e, DateExpr::Year { year: crate::parse::date::YearRef::Abs(_), .. })
}

/// A year right after `d`, joined by "و" ("1958 و1962"), with no counted noun after it.
fn next_year(lex: &Lexicon, doc: &DocText, d: &FoundDate) -> Option<FoundDate> {
    let text = doc.text();
    let end = d.norm.end as usize;
    let rest = text[end..].trim_start_matches([' ', '\t']);
    let digits = rest.strip_prefix('و').map(|r| r.trim_start_matches([' ', '\t']))?;
    let (after, year) = bare_year(lex, digits)?;
    // "و2000 شخص" counts people; a year is followed by punctuation, a conjunction or a
    // preposition, not by a noun.
    let next = after.trim_start_matches([' ', '\t']);
    let next_word = crate::parse::number::word(next).map(|(_, w)| w).unwrap_or("");
    if crate::parse::claim::noun_lemma(lex, next_word).is_some() {
        return None;
    }
    Some(year_date(doc, end + (text[end..].len() - digits.len()), year))
}

/// The year of a named event: "كأس العالم 2018", "مونديال روسيا 2018", "Euro 2016": a
/// year of four digits one or two words after an event word (`event_markers`), with
/// no digit or counted word glued to it.
fn event_year(lex: &Lexicon, doc: &DocText, at: usize) -> Option<FoundDate> {
    let text = doc.text();
    let (_, year) = bare_year(lex, &text[at..])?;
    let markers = &lex.calendar.event_markers;
    let w1 = previous_word(text, at)?;
    let w1_start = w1.as_ptr() as usize - text.as_ptr() as usize;
    let near = markers.iter().any(|m| m == w1)
        || previous_word(text, w1_start).is_some_and(|w2| markers.iter().any(|m| m == w2));
    if !near || w1.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(year_date(doc, at, year))
}

/// Four digits at the start of `i` that stand alone as a year of 1900–2099: nothing
/// glued after them, and no decimals ("1998." ends a sentence; "2018.5" is a number).
fn bare_year<'a>(lex: &Lexicon, i: &'a str) -> Option<(&'a str, i32)> {
    let (after, year) = crate::parse::date::year_number(lex, i).ok()?;
    let decimal = after.strip_prefix(['.', ',']).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    (!after.starts_with(is_word_char) && !decimal && (1900..=2099).contains(&year)).then_some((after, year))
}

/// The date of the year written in the four digits at `start` (normalised text).
fn year_date(doc: &DocText, start: usize, year: i32) -> FoundDate {
    let stop = start + 4;
    let (s, e) = doc.original_range(start, stop);
    FoundDate {
        norm: Span::new(start, stop),
        start: s,
        end: e,
        line: doc.line(s),
        text: doc.original[s..e].to_string(),
        expr: DateExpr::Year { year: crate::parse::date::YearRef::Abs(year), relative: None },
    }
}

/// The word right before `pos`, across spaces.
fn previous_word(text: &str, pos: usize) -> Option<&str> {
    let before = text[..pos].trim_end_matches([' ', '"', '“', '”']);
    let start = crate::text::word_start_back(before);
    (start < before.len()).then(|| &before[start..])
}

/// Starts to try for a candidate at `pos`, earliest first: up to [`WORDS_BEFORE`]
/// words before it (not before `floor`), each separated by spaces or a comma and
/// each one an opener (or a candidate word itself), then `pos`.
/// The length of a one-letter preposition or conjunction glued to an Arabic word
/// ("لهذا", "وهذا"), when one is.
fn glued_opener(w: &str) -> Option<usize> {
    let p = super::candidates::GLUED_PREFIXES.iter().find(|p| p.chars().count() == 1 && w.starts_with(**p))?;
    w[p.len()..].starts_with(crate::text::is_arabic).then_some(p.len())
}

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
        let ws = crate::text::word_start_back(trimmed);
        if ws == trimmed.len() {
            break;
        }
        let ws = base + ws;
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

    #[test]
    fn a_link_holds_no_date() {
        assert_eq!(dates("للمزيد: https://latakia-today.net/archives/48213"), Vec::<String>::new());
        assert_eq!(dates("راسلونا على news@today.org اليوم"), vec!["اليوم"]);
        assert_eq!(dates("the site www.today-news.com said today"), vec!["today"]);
    }

    #[test]
    fn loose_times_are_read_whole_and_durations_left_to_claims() {
        assert_eq!(dates("ارتفعت الليرة لهذا العام"), vec!["هذا العام"]);
        assert_eq!(dates("وصلت قبل ما يزيد قليلا عن أسبوع إلى"), vec!["قبل ما يزيد قليلا عن أسبوع"]);
        assert_eq!(dates("عالقون منذ أكثر من أسبوعين في الكهف"), Vec::<String>::new());
        assert_eq!(dates("يحكم البلاد منذ 15 عاما"), Vec::<String>::new());
    }

    #[test]
    fn years_of_named_events() {
        assert_eq!(dates("المباراة النهائية لمونديال روسيا 2018، وهو"), vec!["2018"]);
        assert_eq!(dates("ببطولة كأس العالم 2018 التي أقيمت"), vec!["2018"]);
        assert_eq!(dates("فاز بكأس العالم 1998 على أرضه"), vec!["1998"]);
        assert_eq!(dates("حل ثالثا في بطولة كأس العالم 1998.\nوكان"), vec!["1998"]);
        assert_eq!(dates("الفائز به كلاعب في 1958 و1962 وكمدرب في 1970"), vec!["في 1958", "1962", "في 1970"]);
        assert_eq!(dates("في 2018 و2000 شخص"), vec!["في 2018"]);
        assert_eq!(dates("وفاز به في2013 ثم"), vec!["في2013"]);
        assert_eq!(dates("ولد في ألفين وستة"), vec!["في ألفين وستة"]);
        assert_eq!(dates("بطولة تقام منذ الأول حتى الثالث من مارس الجاري"), vec!["منذ الأول حتى الثالث من مارس الجاري"]);
        // A year with no event word before it is not an event's year.
        assert!(dates("وصل عدد المشاركين 2018 شخصا").is_empty());
    }
}
