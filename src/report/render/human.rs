//! `human` (the default): findings diff-style, for people at a terminal.
//!
//! Each finding: `path:line:col: severity[rule] message`, then every location with
//! its role ("here", "in b.txt, a day later", "the headline") and its line, the span
//! between ⟦ ⟧, cut at word boundaries to the terminal's width; then why the two
//! figures are one quantity; for aligned passages, the word diff around the change.
//! Arabic and mixed text is wrapped in Unicode isolates (FSI … PDI), so that a
//! right-to-left line reads right in terminals that apply the bidi algorithm and does
//! not scramble the gutter in those that do not. Colour comes from anstyle (the caller
//! decides whether to keep it: `--color`, NO_COLOR, CLICOLOR_FORCE).

use super::Report;
use crate::check::Severity;
use crate::report::Snippet;
use anstyle::{AnsiColor, Effects, Style};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// How the human report is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Columns the lines may take.
    pub width: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { width: 100 }
    }
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Wrap right-to-left or mixed text in a first-strong isolate.
pub fn isolate(s: &str) -> String {
    if s.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c) || ('\u{FB1D}'..='\u{FEFC}').contains(&c)) {
        format!("{FSI}{s}{PDI}")
    } else {
        s.to_string()
    }
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().effects(Effects::BOLD),
        Severity::Warning => AnsiColor::Yellow.on_default().effects(Effects::BOLD),
        Severity::Info => AnsiColor::Cyan.on_default(),
    }
}

const DIM: Style = Style::new().effects(Effects::DIMMED);
const BOLD: Style = Style::new().effects(Effects::BOLD);
const SPAN: Style = AnsiColor::Magenta.on_default().effects(Effects::BOLD);
const DEL: Style = AnsiColor::Red.on_default();
const INS: Style = AnsiColor::Green.on_default();

/// Cut `s` to at most `cols` display columns, at a word boundary, from the start
/// (`from_start`) or the end.
fn cut(s: &str, cols: usize, from_end: bool) -> (String, bool) {
    if s.width() <= cols {
        return (s.to_string(), false);
    }
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<&str> = Vec::new();
    let mut used = 0;
    let iter: Box<dyn Iterator<Item = &&str>> =
        if from_end { Box::new(words.iter().rev()) } else { Box::new(words.iter()) };
    for w in iter {
        let add = w.width() + usize::from(!out.is_empty());
        if used + add > cols {
            break;
        }
        used += add;
        out.push(w);
    }
    if from_end {
        out.reverse();
    }
    (out.join(" "), true)
}

/// The snippet line: the span marked, cut around it to the width.
fn snippet_line(s: &Snippet, width: usize) -> (String, String, String) {
    let chars: Vec<char> = s.text.chars().collect();
    let at = s.span_start.min(chars.len());
    let end = (at + s.span_chars).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let span: String = chars[at..end].iter().collect();
    let after: String = chars[end..].iter().collect();
    let room = width.saturating_sub(span.width() + 12) / 2;
    let (b, cut_b) = cut(before.trim_start(), room.max(8), true);
    let (a, cut_a) = cut(after.trim_end(), room.max(8), false);
    let b = if cut_b { format!("…{b}") } else { b };
    let a = if cut_a { format!("{a}…") } else { a };
    (b, span, a)
}

/// The word diff of two passages, only around what changed.
pub fn word_diff(a: &str, b: &str) -> Vec<(similar::ChangeTag, String)> {
    use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp};
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let ops = capture_diff_slices(Algorithm::Myers, &wa, &wb);
    let mut out = Vec::new();
    const AROUND: usize = 4;
    let n = ops.len();
    for (k, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let words = &wa[old_index..old_index + len];
                let (first, last) = (k == 0, k + 1 == n);
                if len <= 2 * AROUND || (first && len <= AROUND) || (last && len <= AROUND) {
                    out.push((ChangeTag::Equal, words.join(" ")));
                } else {
                    if !first {
                        out.push((ChangeTag::Equal, words[..AROUND].join(" ")));
                    }
                    out.push((ChangeTag::Equal, "…".into()));
                    if !last {
                        out.push((ChangeTag::Equal, words[len - AROUND..].join(" ")));
                    }
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                out.push((ChangeTag::Delete, wa[old_index..old_index + old_len].join(" ")))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                out.push((ChangeTag::Insert, wb[new_index..new_index + new_len].join(" ")))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                out.push((ChangeTag::Delete, wa[old_index..old_index + old_len].join(" ")));
                out.push((ChangeTag::Insert, wb[new_index..new_index + new_len].join(" ")));
            }
        }
    }
    out
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The summary line: what was checked, what was found.
pub fn summary_line(report: &Report) -> String {
    let c = &report.coverage;
    let mut s = format!(
        "{}, {}, {}, {} compared; {} ({}, {}, {} info)",
        plural(c.documents, "document", "documents"),
        plural(c.claims, "claim", "claims"),
        plural(c.dates, "date", "dates"),
        plural(c.story_pairs, "story pair", "story pairs"),
        plural(report.findings.len(), "finding", "findings"),
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
        report.count(Severity::Info),
    );
    if report.hidden_by_baseline > 0 {
        s.push_str(&format!("; {} hidden by the baseline", report.hidden_by_baseline));
    }
    if report.unchanged > 0 {
        s.push_str(&format!("; {} not on changed lines", report.unchanged));
    }
    if report.suppressed > 0 {
        s.push_str(&format!("; {} suppressed", report.suppressed));
    }
    let skipped = report.errors.iter().filter(|e| e.skipped).count();
    if skipped > 0 {
        s.push_str(&format!("; {} skipped", plural(skipped, "input", "inputs")));
    }
    s
}

/// Write the human report. Colour codes are always written; the caller's stream
/// strips them where colour is off.
pub fn write(report: &Report, out: &mut dyn Write, layout: &Layout) -> std::io::Result<()> {
    for (k, f) in report.findings.iter().enumerate() {
        let snippets = report.snippets.get(k);
        let sn = |i: usize| snippets.and_then(|s| s.get(i)).and_then(|s| s.as_ref());
        for (i, l) in f.locations.iter().enumerate() {
            let col = sn(i).map_or(1, |s| s.column);
            let path = isolate(&report.docs[l.doc].name);
            if i == 0 {
                let sev = severity_style(f.severity);
                writeln!(
                    out,
                    "{BOLD}{path}:{}:{col}:{BOLD:#} {sev}{}[{}]{sev:#} {}",
                    l.line,
                    f.severity.as_str(),
                    f.rule,
                    isolate(&f.message)
                )?;
            } else {
                let role = l.role.as_deref().unwrap_or("see also");
                writeln!(out, "  {DIM}╰─{DIM:#} {}: {path}:{}:{col}", isolate(role), l.line)?;
            }
            if let Some(s) = sn(i) {
                let (b, span, a) = snippet_line(s, layout.width);
                writeln!(out, "  {DIM}{:>5} │{DIM:#} {}", l.line, isolate(&format!("{b}{SPAN}⟦{span}⟧{SPAN:#}{a}")))?;
            }
        }
        let aligned = f.rule.contains("aligned") && f.locations.len() == 2;
        if aligned {
            if let (Some(x), Some(y)) = (sn(0), sn(1)) {
                let parts: Vec<String> = word_diff(&x.sentence, &y.sentence)
                    .into_iter()
                    .map(|(tag, w)| match tag {
                        similar::ChangeTag::Delete => format!("{DEL}[-{w}-]{DEL:#}"),
                        similar::ChangeTag::Insert => format!("{INS}{{+{w}+}}{INS:#}"),
                        similar::ChangeTag::Equal => w,
                    })
                    .collect();
                writeln!(out, "  {DIM}= diff:{DIM:#} {}", isolate(&parts.join(" ")))?;
            }
        }
        for e in f.evidence.iter().filter(|e| !(aligned && e.starts_with("[-"))) {
            writeln!(out, "  {DIM}= {DIM:#}{}", isolate(e))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_are_by_words_around_the_change() {
        let d = word_diff(
            "خيام غمرتها مياه الأمطار في مخيم قرب بلدة أطمة - كانون الثاني 2025 (عدسة شاب)",
            "خيام غمرتها مياه الأمطار في مخيم قرب بلدة أطمة - كانون الثاني 2024 (عدسة شاب)",
        );
        let changed: Vec<&(similar::ChangeTag, String)> =
            d.iter().filter(|(t, _)| *t != similar::ChangeTag::Equal).collect();
        assert_eq!(changed.len(), 2);
        assert_eq!(changed[0].1, "2025");
        assert!(d.iter().any(|(_, w)| w == "…"));
    }

    #[test]
    fn arabic_is_isolated() {
        assert_eq!(isolate("abc"), "abc");
        assert!(isolate("قال").starts_with(FSI));
    }
}
