//! Claim extraction: find candidate positions, run the claim grammar there, and keep
//! what is a count rather than a year, a time, an ID, a phone number or a URL.
//!
//! The grammar runs only at the candidates of [`super::candidates`].

use crate::lexicon::{Bound, Lexicon};
use crate::parse::claim::{
    claim_at, month_name, noun_lemma, phrase_before, score_at, Noun, RawClaim, Score, PRONOUN_SUFFIXES,
};
use crate::parse::number::{ordinal_number, word};
use crate::parse::offset;
use crate::text::{is_word_char, DocText, Span};

/// What kind of number a claim is, beyond its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ClaimFlags {
    /// The number was written in words.
    pub in_words: bool,
    /// A scale word was read ("ألف", "million").
    pub scaled: bool,
    /// A qualifier or range said how exact it is.
    pub qualified: bool,
    /// The noun came after partitive "من" ("210 من عناصر").
    pub partitive: bool,
    /// An ordinal that counts ("العضو التسعين").
    pub ordinal: bool,
    /// A share of a whole ("نصفهم", "ثلثا السكان"), not a count.
    pub share: bool,
    /// The noun was inherited from an earlier claim ("19 آخرين").
    pub inherited: bool,
    /// A match score ("4-2"): compared with no count.
    #[serde(default)]
    pub score: Option<Score>,
}

/// A numeric claim: spans in the original bytes and in the normalised text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub value: f64,
    pub bound: Bound,
    pub upper: Option<f64>,
    /// The counted noun's lemma, as reported.
    pub noun: Option<String>,
    /// The claim's span in the normalised text.
    pub norm: Span,
    /// The number's span in the normalised text.
    pub number: Span,
    /// The counted noun's span in the normalised text, when a word names it.
    pub noun_span: Option<Span>,
    pub flags: ClaimFlags,
}

/// Finds claims in documents; build once, use for many.
pub struct Extractor {
    lex: &'static Lexicon,
}

impl Extractor {
    pub fn new(lex: &'static Lexicon) -> Self {
        Extractor { lex }
    }

    pub fn default_extractor() -> &'static Extractor {
        static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor::new(Lexicon::default_lexicon()))
    }

    /// Every claim of a document, given its candidate starts.
    pub fn claims(&self, doc: &DocText, candidates: &[usize]) -> Vec<Claim> {
        let text = doc.text();
        let mut raws: Vec<RawClaim> = Vec::new();
        let mut last_end = 0;
        for &pos in candidates {
            if pos < last_end {
                continue;
            }
            // A word right after digits belongs to that number ("40 ألفًا"), not a new one.
            let digits_before = text[..pos].trim_end_matches([' ', '\t']).ends_with(|c: char| c.is_ascii_digit());
            if digits_before && !text[pos..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let found = score_at(self.lex, text, pos).or_else(|| {
                let read = claim_at(self.lex, text, pos).map(|raw| self.with_noun_before(text, raw));
                read.clone()
                    .filter(|raw| self.is_claim(text, raw))
                    .or_else(|| read.and_then(|raw| self.shared_with_next(text, raw)))
                    .or_else(|| self.ordinal_claim(text, pos))
            });
            if let Some(raw) = found {
                last_end = raw.end;
                // "بأربعة أهداف مقابل هدفين": the other side of a score, not a count.
                if let Some(prev) = raws.last_mut().filter(|p| self.score_against(text, p, &raw)) {
                    prev.score = Some(Score { goals: prev.value as u16, against: Some(raw.value as u16) });
                    prev.end = raw.end;
                    continue;
                }
                raws.push(raw);
            }
        }
        let mut out = Vec::with_capacity(raws.len());
        let mut last_noun: Option<(String, usize, Option<Span>)> = None;
        for raw in raws {
            let (start, end) = doc.original_range(raw.start, raw.end);
            let mut inherited = false;
            let (noun, noun_span) = match &raw.noun {
                Noun::Lemma(l) => (Some(l.clone()), raw.noun_span.map(|(s, e)| Span::new(s, e))),
                Noun::Percent => (Some("%".to_string()), None),
                Noun::Word { start, end } => {
                    let (s, e) = doc.original_range(*start, *end);
                    (Some(surface_lemma(&doc.original[s..e])), Some(Span::new(*start, *end)))
                }
                Noun::Dual { start, end, feminine } => {
                    let (s, e) = doc.original_range(*start, *end);
                    let stem = &doc.original[s..e];
                    let lemma = if *feminine { format!("{stem}ة") } else { stem.to_string() };
                    (Some(lemma), raw.noun_span.map(|(s, e)| Span::new(s, e)))
                }
                Noun::None | Noun::BackReference => {
                    // "19 آخرين", "30 ألفًا فقط": the noun of the claim just before.
                    inherited = true;
                    match last_noun.as_ref().filter(|(_, at, _)| raw.start.saturating_sub(*at) < INHERIT_WITHIN) {
                        Some((n, _, span)) => (Some(n.clone()), *span),
                        None => (None, None),
                    }
                }
            };
            if let Some(n) = &noun {
                if n != "%" && !inherited && !self.lex.not_inherited.contains(&crate::text::normalize_word(n)) {
                    last_noun = Some((n.clone(), raw.end, noun_span));
                }
            }
            let original = doc.original;
            out.push(Claim {
                start,
                end,
                line: doc.line(start),
                text: original[start..end].to_string(),
                value: raw.value,
                bound: raw.bound,
                upper: raw.upper,
                noun,
                norm: Span::new(raw.start, raw.end),
                number: Span::new(raw.number_start, raw.number_end),
                noun_span,
                flags: ClaimFlags {
                    in_words: raw.in_words,
                    scaled: raw.scaled,
                    qualified: raw.qualified,
                    partitive: raw.partitive,
                    ordinal: raw.ordinal,
                    share: raw.share,
                    score: raw.score,
                    inherited: inherited && !matches!(raw.noun, Noun::None) || matches!(raw.noun, Noun::BackReference),
                },
            });
        }
        for c in &mut out {
            self.noun_before(doc, c);
        }
        out
    }

    /// A counted noun written before its number: "ارتفع عدد القتلى إلى 58 والجرحى إلى
    /// 2771", "عدد المصابين 412", "the death toll rose to 3,115". A noun glued to "و"
    /// and followed by "إلى" and a number is the next figure's ("58 والجرحى إلى 2771").
    fn noun_before(&self, doc: &DocText, c: &mut Claim) {
        let lex = self.lex;
        let text = doc.text();
        let k = doc.token_at(c.number.end as usize);
        let to_word = |t: &crate::text::Token| lex.range_join_after_number.iter().any(|j| j == doc.token_text(t));
        // "58 والجرحى إلى 2771": the noun is the next claim's.
        if let Some(span) = c.noun_span {
            let noun = &text[span.range()];
            let next = doc.tokens.get(doc.token_at(span.end as usize));
            let after = doc.tokens.get(doc.token_at(span.end as usize) + 1);
            let next_claims_it = noun.starts_with('و')
                && next.is_some_and(&to_word)
                && after.is_some_and(|t| t.kind == crate::text::TokenKind::Number);
            if next_claims_it && c.noun_span.is_some_and(|s| s.start >= c.number.end) {
                c.noun = None;
                c.noun_span = None;
                c.norm.end = c.number.end;
            }
        }
        let _ = k;
        if c.noun.is_none() {
            // "cases fell from 120": the noun before the verb of the trend.
            let first = doc.token_at(c.norm.start as usize);
            let d = crate::lexicon::describe::Describe::default_describe();
            let word = |j: usize| doc.tokens.get(j).filter(|t| t.kind == crate::text::TokenKind::Word);
            if first >= 3 {
                let (p, v) = (word(first - 1), word(first - 2));
                if let (Some(p), Some(v)) = (p, v) {
                    let (pw, vw) = (doc.token_text(p), doc.token_text(v));
                    if (d.is_trend_from(pw) || d.is_trend_to(pw)) && d.direction(vw).is_some() {
                        // The counted noun of the subject ("cases in the district fell"),
                        // else the word before the verb.
                        let mut back = (first.saturating_sub(7)..first - 2).rev();
                        let known =
                            back.find(|&j| word(j).is_some_and(|t| noun_lemma(lex, doc.token_text(t)).is_some()));
                        if let Some(n) = known.or(Some(first - 3)).and_then(word) {
                            let (s, e) = doc.original_range(n.span.start as usize, n.span.end as usize);
                            c.noun =
                                noun_lemma(lex, doc.token_text(n)).or_else(|| Some(surface_lemma(&doc.original[s..e])));
                            c.noun_span = Some(n.span);
                        }
                    }
                }
            }
        }
        if c.noun.is_none() {
            // "القتلى إلى 58", "عدد المصابين 412": a known noun right before the
            // claim, or before "إلى" / "to" right before it.
            let first = doc.token_at(c.norm.start as usize);
            let mut j = first;
            if j > 0 && to_word(&doc.tokens[j - 1]) {
                j -= 1;
            }
            if j > 0 && doc.tokens[j - 1].kind == crate::text::TokenKind::Word {
                let t = doc.tokens[j - 1];
                let w = doc.token_text(&t);
                if let Some(lemma) = noun_lemma(lex, w).filter(|_| w.starts_with("ال") || w.starts_with("وال")) {
                    c.noun = Some(lemma);
                    c.noun_span = Some(t.span);
                    c.norm.start = t.span.start;
                }
            }
        }
        let (start, end) = doc.original_range(c.norm.start as usize, c.norm.end as usize);
        if (start, end) != (c.start, c.end) {
            c.start = start;
            c.end = end;
            c.line = doc.line(start);
            c.text = doc.original[start..end].to_string();
        }
    }

    /// "من 102 إلى 83 مليون طن", "from 102 to 83 million tons": a bare figure joined to
    /// the next takes that one's noun, and its scale when the two are then of one size.
    fn shared_with_next(&self, text: &str, raw: RawClaim) -> Option<RawClaim> {
        let lex = self.lex;
        if !matches!(raw.noun, Noun::None) || raw.scaled || raw.in_words || raw.upper.is_some() {
            return None;
        }
        let after = &text[raw.number_end..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        let (rest, w) = word(trimmed).ok()?;
        if !lex.range_join_after_number.iter().any(|j| j == w) {
            return None;
        }
        let next_at = raw.number_end + (after.len() - rest.trim_start_matches([' ', '\t']).len());
        let next = claim_at(lex, text, next_at).filter(|n| self.is_claim(text, n))?;
        if matches!(next.noun, Noun::None | Noun::BackReference) || next.upper.is_some() {
            return None;
        }
        let mut out = raw;
        if next.scaled && next.value > 0.0 {
            let scale = 10f64.powi((next.value.log10() / 3.0).floor() as i32 * 3);
            let ratio = out.value * scale / next.value;
            if (0.05..=20.0).contains(&ratio) {
                out.value *= scale;
                out.scaled = true;
            }
        }
        out.noun = next.noun.clone();
        out.noun_span = next.noun_span;
        // Years and small bare figures stay out, as any bare number would.
        let year_like = out.value.fract() == 0.0 && (1000.0..=2100.0).contains(&out.value) && !out.scaled;
        if year_like {
            return None;
        }
        self.is_claim(text, &out).then_some(out)
    }

    /// A bare figure whose counted thing came before it: "حصيلة القتلى إلى 870" (the
    /// noun), "وقتل 15." (a toll verb: the noun of the claim before), "the death toll
    /// rose to 3,115".
    fn with_noun_before(&self, text: &str, mut raw: RawClaim) -> RawClaim {
        let bare = matches!(raw.noun, Noun::None) && !raw.scaled && raw.upper.is_none();
        let year_like = raw.value.fract() == 0.0 && (1000.0..=2100.0).contains(&raw.value);
        if !bare || year_like || raw.in_words {
            return raw;
        }
        let d = crate::lexicon::describe::Describe::default_describe();
        let mut before = &text[..raw.start];
        for _ in 0..3 {
            let Some((at, w)) = previous_word_at(before) else { break };
            if before[at + w.len()..].contains(['.', ',', '،', '؛', ';', ':', '\n']) {
                break;
            }
            if self.lex.range_join_after_number.iter().any(|j| j == w) || d.is_trend_to(w) || d.direction(w).is_some() {
                before = &before[..at];
                continue;
            }
            let bare_word = crate::lexicon::describe::strip_prefix(w);
            let lemma = self.lex.nouns.get(w).or_else(|| self.lex.nouns.get(bare_word));
            if let Some(lemma) = lemma {
                raw.noun = Noun::Lemma(lemma.clone());
                raw.noun_span = Some((at, at + w.len()));
            } else if let Some((r, _)) = d.role_at(&[w]).or_else(|| d.role_at(&[bare_word])) {
                if let Some(noun) = self.lex.toll_nouns.get(&d.role(r).id) {
                    raw.noun = Noun::Lemma(noun.clone());
                    raw.noun_span = Some((at, at + w.len()));
                }
            }
            break;
        }
        raw
    }

    /// Is `next` the other side of the goals `prev` counts ("4 أهداف مقابل هدفين")?
    fn score_against(&self, text: &str, prev: &RawClaim, next: &RawClaim) -> bool {
        let goal = |r: &RawClaim| matches!(&r.noun, Noun::Lemma(l) if *l == self.lex.score_noun);
        let between = text.get(prev.end..next.start).map(str::trim);
        goal(prev) && goal(next) && between.is_some_and(|b| self.lex.score_against.iter().any(|w| w == b))
    }

    /// Is what the grammar read a count, given the words around it?
    fn is_claim(&self, text: &str, raw: &RawClaim) -> bool {
        let lex = self.lex;
        let number = &text[raw.number_start..raw.number_end];
        let before = &text[..raw.start];
        let after = &text[raw.number_end..];
        let year_like = !raw.in_words
            && !raw.scaled
            && raw.upper.is_none()
            && raw.value.fract() == 0.0
            && (1000.0..=2100.0).contains(&raw.value)
            && !number.contains(',');
        // Something must say this counts a thing.
        let named = !matches!(raw.noun, Noun::None);
        if !(named || raw.scaled || raw.qualified || raw.share || trend_figure(before)) {
            return false;
        }
        if year_like && !raw.qualified && !matches!(raw.noun, Noun::Lemma(_)) {
            return false;
        }
        // The word before: an ID marker, a clock, a year marker, a month, a weekday.
        if let Some(prev) = previous_word(before) {
            if let Some(why) = lex.not_claim_before.get(prev) {
                if why != "year" || year_like {
                    return false;
                }
            }
            // ("الثلاثاء 4" is a day; "قتل الخميس ثلاثة أشخاص", "الأحد 12 قتيلا" are counts)
            let counted = (matches!(raw.noun, Noun::Lemma(_)) || raw.in_words) && !raw.partitive;
            if lex.weekdays.contains_key(prev) && raw.value <= 31.0 && !counted {
                return false;
            }
        }
        // (A month then "6.42 ليرة" is a price: a day has no decimals.)
        if phrase_before(&lex.months, before).is_some() && (raw.value <= 31.0 && raw.value.fract() == 0.0 || year_like)
        {
            return false;
        }
        // Digits that are part of a date, a time, a version, a phone number or a URL.
        if !raw.in_words && self.in_non_count_token(text, raw) {
            return false;
        }
        if let Ok((_, w)) = word(after.trim_start_matches([' ', '\t'])) {
            if lex.not_claim_after.contains_key(w) {
                return false;
            }
        }
        if raw.in_words && raw.value == 1.0 && !matches!(raw.noun, Noun::Lemma(_)) {
            return false;
        }
        // "الدور السادس عشر": the rest of an ordinal, not a count of its own.
        if raw.in_words {
            if let Some(prev) = previous_word(before) {
                let bare = prev.strip_prefix("ال").unwrap_or(prev);
                if lex.ordinals.contains_key(bare) || lex.ordinals.contains_key(prev) {
                    return false;
                }
            }
        }
        // Latin letters glued after digits: "22nd", "13th", "5G".
        if let Noun::Word { start, .. } = raw.noun {
            if start == raw.number_end && text[start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                return false;
            }
        }
        true
    }

    /// Digits inside a token that is not a count: "18/02/2023", "10:30", "1.2.3",
    /// "+963 11 234 5678", "0944123456", "COVID-19", "https://x.org/2024/…".
    fn in_non_count_token(&self, text: &str, raw: &RawClaim) -> bool {
        let bytes = text.as_bytes();
        let (ns, ne) = (raw.number_start, raw.number_end);
        let digits_end =
            ns + text[ns..ne].bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')).count();
        let next = bytes.get(digits_end).copied();
        let next2 = bytes.get(digits_end + 1).copied();
        if matches!(next, Some(b':' | b'/' | b'.')) && next2.is_some_and(|b| b.is_ascii_digit()) {
            return true;
        }
        if raw.upper.is_none() && matches!(next, Some(b'-')) && next2.is_some_and(|b| b.is_ascii_digit()) {
            return true;
        }
        let prev = ns.checked_sub(1).map(|k| bytes[k]);
        let prev2 = ns.checked_sub(2).map(|k| bytes[k]);
        if matches!(prev, Some(b':' | b'/' | b'+' | b'#' | b'.' | b'_' | b'=')) {
            return true;
        }
        if matches!(prev, Some(b'-')) && prev2.is_some_and(|b| b.is_ascii_alphanumeric()) {
            return true;
        }
        // Leading zero: phone numbers and codes, not counts.
        if text[ns..].starts_with('0') && text[ns..digits_end].len() > 1 && !text[ns..].starts_with("0.") {
            return true;
        }
        // A run of digit groups separated by single spaces: a phone number.
        if raw.upper.is_none() && digit_group_run(text, ns, digits_end) >= 3 {
            return true;
        }
        // Inside a URL, an e-mail or a path.
        super::candidates::in_link(text, ns)
    }

    /// "العضو التسعين", "للمرة الثانية", "هدفه الثالث", "لقبهم العالمي الثاني": an
    /// ordinal after a counted noun; "ثالث رجل", "أول صبيين": one before it.
    fn ordinal_claim(&self, text: &str, pos: usize) -> Option<RawClaim> {
        let lex = self.lex;
        let i = &text[pos..];
        if text[..pos].ends_with(is_word_char) {
            return None;
        }
        let (rest, value) = ordinal_number(lex, i).ok()?;
        if !i.starts_with("ال") {
            return self.ordinal_before_noun(text, pos, rest, value);
        }
        if value < 2.0 {
            return None;
        }
        // "الأول من تشرين" is a day of the month.
        let (r, _) = crate::parse::number::hspace0(rest).ok()?;
        let r = r.strip_prefix("من").map_or(r, |x| x.trim_start_matches([' ', '\t']));
        if month_name(lex, r).is_ok() {
            return None;
        }
        let (prev_start, prev) = previous_word_at(&text[..pos])?;
        if lex.copulas.iter().any(|c| c == prev) {
            return self.ranked_subject(text, pos, prev_start, rest, value);
        }
        // The noun, or the noun before one definite adjective ("الهزة الارتدادية الثلاثين").
        let adjective_before = if prev.starts_with("ال") { previous_word_at(&text[..prev_start]) } else { None };
        let nouns = [Some((prev_start, prev)), adjective_before];
        fn definite<'t>(&(at, w): &(usize, &'t str)) -> Option<(usize, &'t str, &'t str)> {
            definite_noun(w).map(|bare| (at, w, bare))
        }
        // A known noun; an unknown one only for a count of three or more ("الدورة
        // الثالثة"), as "the second" is too often a rank ("الحرب العالمية الثانية").
        let known = nouns.iter().flatten().filter_map(definite).find_map(|(at, w, bare)| {
            let listed = || lex.ordinal_nouns.get(bare).cloned();
            noun_lemma(lex, w).or_else(|| noun_lemma(lex, bare)).or_else(listed).map(|l| (at, w, l))
        });
        let (start, noun_word, lemma) = match known {
            Some(k) => k,
            None if value >= 3.0 => {
                // (By its article only: a final "ه" may be a normalised "ة", "زيارة الأربعين".)
                let by_article = |&(_, w, bare): &(usize, &str, &str)| w.ends_with(bare);
                let mut unknown = nouns.iter().flatten().filter_map(definite).filter(by_article);
                let first = unknown.next()?;
                // A nisba adjective ("العالمية") describes the noun before it.
                let adjective = first.2.ends_with('ي') || first.2.ends_with("يه");
                let (at, w, bare) = if adjective { unknown.next().unwrap_or(first) } else { first };
                if bare.chars().count() < 3 {
                    return None;
                }
                (at, w, bare.to_string())
            }
            None => return None,
        };
        if counts_no_ordinal(lex, &lemma) {
            return None;
        }
        Some(ordinal_raw(start, offset(text, rest), pos, value, lemma, (start, start + noun_word.len()), true))
    }

    /// "ووباء إيبولا الحالي في الكونغو هو الثامن": an ordinal after a copula ranks the
    /// subject of its clause, its first word, when that is a listed noun. The claim is
    /// the copula and the ordinal.
    fn ranked_subject(&self, text: &str, pos: usize, copula: usize, rest: &str, value: f64) -> Option<RawClaim> {
        let lex = self.lex;
        let clause_start = text[..copula]
            .rfind(['\n', '.', '،', ',', '؛', ':', '!', '?', '"'])
            .map_or(0, |k| k + text[k..].chars().next().map_or(1, char::len_utf8));
        let clause = &text[clause_start..copula];
        if clause.split_whitespace().count() > SUBJECT_WORDS {
            return None;
        }
        let first = clause.split_whitespace().next()?;
        let lemma = noun_lemma(lex, first)?;
        if counts_no_ordinal(lex, &lemma) {
            return None;
        }
        let at = clause_start + clause.find(first)?;
        Some(ordinal_raw(copula, offset(text, rest), pos, value, lemma, (at, at + first.len()), true))
    }

    /// "ثالث رجل يفوز", "رابع دولة": an ordinal in construct before its noun; "أول
    /// صبيين": the first two.
    fn ordinal_before_noun(&self, text: &str, pos: usize, rest: &str, value: f64) -> Option<RawClaim> {
        let lex = self.lex;
        let (r, _) = crate::parse::number::hspace0(rest).ok()?;
        let noun_start = offset(text, r);
        let (after, w) = word(r).ok()?;
        if w.starts_with("ال") || w.chars().count() < 3 || lex.numbers.contains_key(w) || month_name(lex, r).is_ok() {
            return None;
        }
        let end = offset(text, after);
        if value == 1.0 {
            // "أول صبيين", "أول جريحين": a dual of a known noun.
            let base = ["تين", "تان", "ين", "ان"].iter().find_map(|x| w.strip_suffix(x))?;
            let lemma = noun_lemma(lex, w).or_else(|| noun_lemma(lex, base))?;
            return Some(ordinal_raw(pos, end, pos, 2.0, lemma, (noun_start, end), false));
        }
        // A known noun, or one that is not a superlative ("ثاني أكبر").
        let lemma = match noun_lemma(lex, w) {
            Some(l) => l,
            None if !w.starts_with(['ا', 'أ', 'إ']) && !lex.ordinals.contains_key(w) => w.to_string(),
            None => return None,
        };
        if counts_no_ordinal(lex, &lemma) {
            return None;
        }
        Some(ordinal_raw(pos, end, pos, value, lemma, (noun_start, end), true))
    }
}

/// How many words the subject of a ranked clause may have ("ووباء إيبولا الحالي في
/// الكونغو الديموقراطية": 6).
const SUBJECT_WORDS: usize = 8;

/// Is an ordinal after `lemma` a position rather than a count ("اليوم الثالث")?
fn counts_no_ordinal(lex: &Lexicon, lemma: &str) -> bool {
    lex.not_ordinal_count.contains(&crate::text::normalize_word(lemma))
}

/// The claim an ordinal reads: `value` of `lemma`, the number at `number..end`.
fn ordinal_raw(
    start: usize,
    end: usize,
    number: usize,
    value: f64,
    lemma: String,
    noun_span: (usize, usize),
    ordinal: bool,
) -> RawClaim {
    RawClaim {
        start,
        end,
        number_start: number,
        number_end: end,
        value,
        upper: None,
        bound: Bound::Exact,
        noun: Noun::Lemma(lemma),
        scaled: false,
        qualified: false,
        in_words: true,
        partitive: false,
        noun_span: Some(noun_span),
        ordinal,
        share: false,
        score: None,
    }
}

/// The bare noun of a definite word: "المرة", "للمرة", "بالدورة" (the article),
/// "هدفه", "بلقبهم" (a pronoun suffix). None for an indefinite word.
fn definite_noun(w: &str) -> Option<&str> {
    if let Some(bare) = ["لل", "ولل", "فلل"].iter().find_map(|p| w.strip_prefix(p)) {
        return Some(bare);
    }
    if let Some(bare) =
        ["", "و", "ف", "ب", "ل", "وب", "ول", "فب"].iter().find_map(|p| w.strip_prefix(p)?.strip_prefix("ال"))
    {
        return Some(bare);
    }
    // (Not "ي": "التفشي", "عالمي" end so without a pronoun.)
    PRONOUN_SUFFIXES.iter().filter(|x| **x != "ي").find_map(|x| w.strip_suffix(x).filter(|b| b.chars().count() >= 3))
}

/// How far back (in normalised bytes) a claim without a noun looks for one.
const INHERIT_WITHIN: usize = 600;

/// The word just before `before`'s end, skipping spaces and a dash or colon.
/// How many words before "from" / "to" the verb of a trend may stand ("climbed to 950
/// pupils from 1,200").
const TREND_VERB_WITHIN: usize = 10;

/// Is a bare figure one end of a stated rise or fall ("cases fell from 120 … to 150",
/// "climbed to 950 pupils from 1,200", "ارتفع عدد القتلى من 10 إلى 20")? Its noun is
/// the other end's, or the one before the verb.
fn trend_figure(before: &str) -> bool {
    let d = crate::lexicon::describe::Describe::default_describe();
    let Some((at, w)) = previous_word_at(before) else { return false };
    if !(d.is_trend_from(w) || d.is_trend_to(w)) {
        return false;
    }
    // The words back to the clause's start (a comma or a full stop ends the search).
    for v in before[..at].split_whitespace().rev().take(TREND_VERB_WITHIN) {
        if v.ends_with(['.', ',', '،', '؛', ';', ':']) {
            return false;
        }
        if d.direction(v).is_some() {
            return true;
        }
    }
    false
}

fn previous_word(before: &str) -> Option<&str> {
    previous_word_at(before).map(|(_, w)| w)
}

/// Like [`previous_word`], with the word's byte offset in `before`.
fn previous_word_at(before: &str) -> Option<(usize, &str)> {
    let t = before.trim_end_matches([' ', '\t', '-', ':']);
    let start = t.char_indices().rev().take_while(|&(_, c)| is_word_char(c) || c == '.').last()?.0;
    let w = t[start..].trim_end_matches('.');
    (!w.is_empty()).then_some((start, w))
}

/// How many digit groups, separated by single spaces or dashes, make the run that
/// holds `start..end` ("11 234 5678" -> 3).
fn digit_group_run(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let gap = |b: u8| matches!(b, b' ' | b'-');
    let mut count = 1;
    let mut k = start;
    loop {
        let mut j = k;
        while j > 0 && gap(bytes[j - 1]) && k - j < 3 {
            j -= 1;
        }
        if j == k || j == 0 || !bytes[j - 1].is_ascii_digit() {
            break;
        }
        k = j;
        while k > 0 && bytes[k - 1].is_ascii_digit() {
            k -= 1;
        }
        count += 1;
    }
    let mut k = end;
    loop {
        let mut j = k;
        while j < bytes.len() && gap(bytes[j]) && j - k < 3 {
            j += 1;
        }
        if j == k || j >= bytes.len() || !bytes[j].is_ascii_digit() {
            break;
        }
        k = j;
        while k < bytes.len() && bytes[k].is_ascii_digit() {
            k += 1;
        }
        count += 1;
    }
    count
}

/// The noun as written, without the article; English plurals made singular.
fn surface_lemma(word: &str) -> String {
    if word.is_ascii() {
        let w = word.to_ascii_lowercase();
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        if w.ends_with("ss") {
            return w;
        }
        return w.strip_suffix('s').map_or(w.clone(), str::to_string);
    }
    let w = word.strip_prefix("ال").filter(|s| s.chars().count() >= 2).unwrap_or(word);
    // The accusative tanween and its alef are case, not part of the noun: "فريقًا".
    let w = w.strip_suffix("ًا").or_else(|| w.strip_suffix("اً")).unwrap_or(w);
    let w: String = w.chars().filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}')).collect();
    // The same alef written without its tanween, as most sites do: "629 مهاجرا".
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n >= 4 && chars[n - 1] == 'ا' && !matches!(chars[n - 2], 'ا' | 'و' | 'ي' | 'ى' | 'آ' | 'ء') {
        return chars[..n - 1].iter().collect();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(s: &str) -> Vec<Claim> {
        let doc = DocText::new(s);
        let c = super::super::candidates::Triggers::default_triggers().find(doc.text());
        Extractor::default_extractor().claims(&doc, &c.claims)
    }

    fn summary(s: &str) -> Vec<(String, f64, &'static str, Option<String>)> {
        claims(s).into_iter().map(|c| (c.text, c.value, c.bound.as_str(), c.noun)).collect()
    }

    #[test]
    fn glued_prefixes_and_qualifiers() {
        let got = summary("قدمنا المساعدة بـ22 عملية ونفذ نحو73 عملية و5 غارات");
        assert_eq!(
            got,
            vec![
                ("22 عملية".into(), 22.0, "exact", Some("عملية".into())),
                ("نحو73 عملية".into(), 73.0, "approx", Some("عملية".into())),
                ("5 غارات".into(), 5.0, "exact", Some("غارة".into())),
            ]
        );
    }

    #[test]
    fn back_references_inherit_the_noun() {
        let got = summary("مقتل خمسة أعضاء من التنظيم وأسر 19 آخرين.");
        assert_eq!(got[1], ("19 آخرين".into(), 19.0, "exact", Some("عضو".into())));
        let got = summary("انخفضت من 70 ألف شخص في 2019 إلى 30 ألفًا فقط.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], ("30 ألفًا فقط".into(), 30000.0, "exact", Some("شخص".into())));
    }

    #[test]
    fn years_dates_times_ids_are_not_claims() {
        for s in [
            "في 2019 هزم التنظيم",
            "عام 2017 استعادت",
            "18/02/2023",
            "الساعة 10:30 صباحا",
            "القرار رقم 2254 الصادر",
            "اتصل على +963 11 234 5678 الآن",
            "اتصل على 0944123456 الآن",
            "الإثنين 22nd شباط / فبراير 2021",
            "الأربعاء 12 من تشرين الثاني",
            "see https://example.org/2024/05/17 story",
            "COVID-19 cases",
            "G20 summit",
            "March 4, 2025",
        ] {
            assert_eq!(summary(s), vec![], "{s}");
        }
    }

    #[test]
    fn ordinal_counts() {
        let got = summary("لتصبح العضو التسعين في التحالف");
        assert_eq!(got, vec![("العضو التسعين".into(), 90.0, "exact", Some("عضو".into()))]);
        assert_eq!(summary("منذ الأول من تشرين الاول"), vec![]);
    }

    #[test]
    fn a_weekday_before_a_count_leaves_it_a_count() {
        let got = |s: &str| claims(s).into_iter().map(|c| (c.text, c.value, c.flags.ordinal)).collect::<Vec<_>>();
        assert_eq!(got("قتل الخميس ثلاثة أشخاص"), vec![("ثلاثة أشخاص".into(), 3.0, false)]);
        assert_eq!(got("قتل الأحد 12 شخصا"), vec![("12 شخصا".into(), 12.0, false)]);
        assert_eq!(got("أخرجت الثلاثاء أربعة متسلقين"), vec![("أربعة متسلقين".into(), 4.0, false)]);
        // A weekday and a day of the month are a date.
        assert_eq!(got("يوم الأحد 3 من الشهر"), vec![]);
        assert_eq!(got("وصلوا الثلاثاء 4 متسلقين"), vec![]);
    }

    #[test]
    fn ordinals_after_and_before_their_noun() {
        let one =
            |s: &str| summary(s).into_iter().map(|(t, v, _, n)| (t, v, n.unwrap_or_default())).collect::<Vec<_>>();
        assert_eq!(one("فازت فرنسا للمرة الثانية باللقب"), vec![("للمرة الثانية".into(), 2.0, "مرة".into())]);
        assert_eq!(one("وقال إن هذا التفشي التاسع في البلاد"), vec![("التفشي التاسع".into(), 9.0, "تفشي".into())]);
        assert_eq!(one("أحرز هدفه الثالث"), vec![("هدفه الثالث".into(), 3.0, "هدف".into())]);
        assert_eq!(one("توج بلقبهم العالمي الثاني"), vec![("بلقبهم العالمي الثاني".into(), 2.0, "لقب".into())]);
        assert_eq!(one("وأصبح ثالث رجل يفوز"), vec![("ثالث رجل".into(), 3.0, "رجل".into())]);
        assert_eq!(one("وتستقبل مصر أول جريحين"), vec![("أول جريحين".into(), 2.0, "جريح".into())]);
        // After a copula, the rank of the clause's subject ("the eighth epidemic").
        assert_eq!(
            one("ووباء إيبولا الحالي في الكونغو الديموقراطية هو الثامن منذ اكتشاف الفيروس"),
            vec![("هو الثامن".into(), 8.0, "وباء".into())]
        );
        // (a subject that is no listed noun ranks nothing we can name)
        assert_eq!(summary("وقال إن ذلك هو الثالث"), vec![]);
        // Ranks, names and clock times are positions, not counts.
        for s in [
            "وهو ثاني أكبر مصدر",
            "الحرب العالمية الثالثة",
            "وقفز إلى المركز الخامس",
            "عند الساعة الرابعة",
            "المرة الأولى",
        ] {
            assert_eq!(summary(s), vec![], "{s}");
        }
    }

    #[test]
    fn a_match_score_is_one_claim_of_the_first_sides_goals() {
        let scores = |s: &str| claims(s).into_iter().map(|c| (c.text, c.value, c.flags.score)).collect::<Vec<_>>();
        let score = |goals, against| Some(Score { goals, against });
        assert_eq!(scores("فازت فرنسا على كرواتيا بنتيجة 4-2"), vec![("4-2".into(), 4.0, score(4, Some(2)))]);
        assert_eq!(scores("إثر فوزه على المنتخب الكرواتي 4 / 2"), vec![("4 / 2".into(), 4.0, score(4, Some(2)))]);
        assert_eq!(
            scores("فوزه على كرواتيا بأربعة أهداف مقابل هدفين"),
            vec![("بأربعة أهداف مقابل هدفين".into(), 4.0, score(4, Some(2)))]
        );
        assert_eq!(scores("وفاز الفريق برباعية نظيفة"), vec![("برباعية".into(), 4.0, score(4, None))]);
        // Without a word of a result, "3-5" is a range and "4-2-2018" a date.
        assert_eq!(scores("تتراوح بين 3-5 أشخاص"), vec![("3-5 أشخاص".into(), 3.0, None)]);
        assert_eq!(scores("فاز في 4-2-2018"), vec![]);
    }

    #[test]
    fn spans_point_into_original_bytes() {
        let s = "قال: نحو ٦٥ ألف شخص.";
        let c = &claims(s)[0];
        assert_eq!(&s[c.start..c.end], "نحو ٦٥ ألف شخص");
        assert_eq!((c.value, c.line), (65000.0, 1));
    }
}
