//! Relations a sentence states between its own figures and dates, read while the text
//! is at hand: a trend ("ارتفع من 40 ألفًا إلى 35 ألفًا": from one claim to another)
//! and an order of events ("تولى الحكم في 1 حزيران بعد حجب الثقة في 11 حزيران": the
//! second date's event came first).

use super::{ClaimFact, DateFact};
use crate::lexicon::describe::{Describe, Direction};
use crate::text::DocText;

/// "rose from A to B": `from` and `to` are claim indices in the document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Trend {
    pub direction: Direction,
    pub from: u32,
    pub to: u32,
}

/// A percentage a sentence gives for two of its own figures: `a` out of `b` ("13 مقعدا
/// من أصل 41، أي نحو 40 بالمئة"), or the change from `a` to `b` ("من 47.60 إلى 55.20،
/// بزيادة 26 بالمئة"). Claim indices in the document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StatedPercent {
    pub a: u32,
    pub b: u32,
    pub percent: u32,
    /// The change from `a` to `b`, not the share `a` is of `b`.
    pub change: bool,
}

/// Two dates of one sentence whose events the sentence orders: the event at `first`
/// happened no later than the event at `then`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DateOrder {
    pub first: u32,
    pub then: u32,
    /// The word that orders them ("بعد", "before").
    pub word: String,
    /// The later date closes a relative clause ("سانشيز، الذي تولى … في 11 حزيران،"):
    /// it may date the main verb instead.
    #[serde(default)]
    pub relative_clause: bool,
}

/// How many words may separate a trend's verb from its first figure, and its figures.
const TREND_GAP: usize = 8;

/// The trends of a document's sentences.
pub fn trends(doc: &DocText, claims: &[ClaimFact]) -> Vec<Trend> {
    let d = Describe::default_describe();
    let mut out = Vec::new();
    let mut k = 0;
    while k < claims.len() {
        let s = claims[k].sentence;
        let end = claims[k..].iter().position(|c| c.sentence != s).map_or(claims.len(), |n| k + n);
        if end - k >= 2 {
            out.extend(sentence_trend(d, doc, claims, k..end));
        }
        k = end;
    }
    out
}

fn sentence_trend(d: &Describe, doc: &DocText, claims: &[ClaimFact], range: std::ops::Range<usize>) -> Option<Trend> {
    let sentence = doc.sentence(claims[range.start].sentence as usize);
    let tokens = doc.tokens_in(sentence);
    let words: Vec<&str> = tokens.iter().map(|t| doc.token_text(t)).collect();
    // The claim (doc index) whose number starts at each token.
    let claim_at = |t: usize| {
        range.clone().find(|&c| {
            let n = claims[c].claim.number.start;
            tokens[t].span.start <= n && n < tokens[t].span.end.max(tokens[t].span.start + 1)
        })
    };
    for i in 1..words.len() {
        let from_word = d.is_trend_from(words[i]);
        let to_word = d.is_trend_to(words[i]);
        if !(from_word || to_word) {
            continue;
        }
        // The verb is the direction word nearest before "from"/"to": in "حالات علاج النقص
        // … ارتفعت من 77 إلى 85" it is ارتفعت, not the noun النقص.
        let Some(direction) = (i.saturating_sub(TREND_GAP)..i).rev().find_map(|k| d.direction(words[k])) else {
            continue;
        };
        let Some(first) = (i + 1..(i + 3).min(words.len())).find_map(claim_at) else { continue };
        let Some(first_tok) = (i + 1..words.len()).find(|&t| claim_at(t) == Some(first)) else { continue };
        for j in first_tok + 1..(first_tok + 1 + TREND_GAP).min(words.len()) {
            let extra = if from_word && d.is_trend_to(words[j]) {
                Some(1)
            } else if to_word {
                d.from_after_at(&words[j..])
            } else {
                None
            };
            let Some(extra) = extra else { continue };
            let Some(second) = (j + extra..(j + extra + 2).min(words.len())).find_map(claim_at) else { break };
            let (from, to) = if from_word { (first, second) } else { (second, first) };
            return Some(Trend { direction, from: from as u32, to: to as u32 });
        }
    }
    None
}

/// The percentages a document's sentences give for their own figures: right after a
/// part and its whole ("من أصل 41") or after a trend's second figure, with a word that
/// restates ("أي", "بزيادة").
pub fn stated_percents(doc: &DocText, claims: &[ClaimFact], trends: &[Trend]) -> Vec<StatedPercent> {
    let d = Describe::default_describe();
    let percent = |c: &ClaimFact| c.noun.as_deref() == Some("%");
    // The words between two claims' spans, when few.
    let between = |x: &ClaimFact, y: &ClaimFact| -> Option<Vec<&str>> {
        if x.sentence != y.sentence || y.claim.norm.start < x.claim.norm.end {
            return None;
        }
        let toks = doc.tokens_in(crate::text::Span { start: x.claim.norm.end, end: y.claim.norm.start });
        let words: Vec<&str> =
            toks.iter().filter(|t| t.kind == crate::text::TokenKind::Word).map(|t| doc.token_text(t)).collect();
        (words.len() <= 6).then_some(words)
    };
    // A restating phrase among the first words between, the percentage right after it.
    let restated = |words: &[&str]| {
        (0..words.len().min(4)).any(|k| d.restate_at(&words[k..]).is_some_and(|n| k + n == words.len()))
    };
    let mut out = Vec::new();
    for k in 0..claims.len().saturating_sub(2) {
        let (a, b, p) = (&claims[k], &claims[k + 1], &claims[k + 2]);
        let same_thing = a.desc.what == b.desc.what
            || b.desc.what.is_none()
            || b.flags.inherited
            || !b.claim.flags.scaled && b.noun.is_some();
        if b.desc.base
            && !percent(a)
            && !percent(b)
            && percent(p)
            && same_thing
            && between(a, b).is_some()
            && between(b, p).is_some_and(|w| restated(&w))
        {
            out.push(StatedPercent { a: k as u32, b: k as u32 + 1, percent: k as u32 + 2, change: false });
        }
    }
    for t in trends {
        let (from, to) = (t.from as usize, t.to as usize);
        let next = from.max(to) + 1;
        let Some(p) = claims.get(next) else { continue };
        if percent(&claims[from]) || percent(&claims[to]) || !percent(p) {
            continue;
        }
        if between(&claims[from.max(to)], p).is_some_and(|w| restated(&w)) {
            out.push(StatedPercent { a: t.from, b: t.to, percent: next as u32, change: true });
        }
    }
    out
}

/// "تراجع الإنتاج من 102 طن إلى 83 مليون طن": a scale said once, on the second figure,
/// is the first's too. A trend's unscaled figure a thousand times or more below its
/// scaled one takes the scale.
pub fn share_elided_scales(trends: &[Trend], claims: &mut [ClaimFact]) {
    for t in trends {
        let (f, to) = (t.from as usize, t.to as usize);
        for (plain, scaled) in [(f, to), (to, f)] {
            let (p, s) = (&claims[plain], &claims[scaled]);
            if p.flags.scaled || !s.flags.scaled || p.value <= 0.0 {
                continue;
            }
            let same_thing = p.desc.what.is_none() || s.desc.what.is_none() || p.desc.what == s.desc.what;
            let ratio = s.value / p.value;
            // The scale word's own value, if the figures are then of one size.
            let scale = 10f64.powi((s.value.log10() / 3.0).floor() as i32 * 3);
            if same_thing && ratio >= 1000.0 && (0.05..=20.0).contains(&(p.value * scale / s.value)) {
                let c = &mut claims[plain];
                c.claim.value *= scale;
                c.claim.upper = c.claim.upper.map(|u| u * scale);
                c.claim.flags.scaled = true;
            }
        }
    }
}

/// The date orders of a document's sentences.
pub fn date_orders(doc: &DocText, dates: &[DateFact]) -> Vec<DateOrder> {
    let d = Describe::default_describe();
    let mut out = Vec::new();
    for k in 0..dates.len().saturating_sub(1) {
        let (a, b) = (&dates[k], &dates[k + 1]);
        if a.sentence != b.sentence || a.opens_period || b.opens_period {
            continue;
        }
        let between = doc.tokens_in(crate::text::Span { start: a.norm.end, end: b.norm.start });
        if between.len() > 12 {
            continue;
        }
        let words: Vec<&str> = between.iter().map(|t| doc.token_text(t)).collect();
        // The ordering word right after the first date: "في 1 حزيران بعد حجب الثقة".
        let Some(w) = words.iter().take(2).find(|w| d.is_after(w) || d.is_before(w)) else { continue };
        // "1954، وبعد أقل من شهر، في أول نوفمبر": with "و" it opens the next clause ("and
        // after that"), it does not put the second date first.
        if w.starts_with('و') {
            continue;
        }
        if words.iter().filter(|w| d.is_after(w) || d.is_before(w)).count() != 1 {
            continue;
        }
        let relative_clause = closes_relative_clause(d, doc, a, b);
        let word = w.to_string();
        if d.is_after(w) {
            out.push(DateOrder { first: k as u32 + 1, then: k as u32, word, relative_clause });
        } else {
            out.push(DateOrder { first: k as u32, then: k as u32 + 1, word, relative_clause });
        }
    }
    out
}

/// How far back before the first date a relative clause may open.
const RELATIVE_BACK: usize = 8;

/// Does the second date end a relative clause that opened, after a comma, before the
/// first one ("سانشيز، الذي تولى الحكم في 1 حزيران بعد حجب الثقة … في 11 حزيران،
/// استقبال")? Then the second date may belong to the main verb.
fn closes_relative_clause(d: &Describe, doc: &DocText, a: &DateFact, b: &DateFact) -> bool {
    let text = doc.text();
    let closes = text[b.norm.end as usize..].trim_start_matches([' ', '\t']).starts_with(['،', ',']);
    if !closes {
        return false;
    }
    let first = doc.token_at(a.norm.start as usize);
    (first.saturating_sub(RELATIVE_BACK)..first).any(|k| {
        let t = &doc.tokens[k];
        let before = text[..t.span.start as usize].trim_end_matches([' ', '\t']);
        d.is_relative(doc.token_text(t)) && before.ends_with(['،', ','])
    })
}
