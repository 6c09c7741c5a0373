//! A claim's descriptor: what its number is a number of, read from its own sentence.
//!
//! - *what*: the counted noun's canonical lemma (synonyms folded, "%" for shares);
//! - *role*: what happened to what is counted, or the property measured ("قتيلا",
//!   "حصيلة القتلى إلى 870", "على بعد 35 كيلومترا", "يسكنها 1.5 مليون"): the word the
//!   noun names, else the nearest role word before the number in its clause, else one
//!   right after the noun ("629 مهاجرا أنقذتهم");
//! - *near*: the stems of the content words right around the number (the governing
//!   verb or noun when no list names it);
//! - *subject*: the content words of the clause (names, places, things), stemmed;
//! - *scope*: words that narrow what is counted ("في حالة حرجة", "مؤكدة", an adjective
//!   of origin), and whether the claim is a part of a total told nearby ("بينهم");
//! - *source*: who says so ("بحسب وزارة الصحة", "قال الجيش");
//! - *status*: observed, forecast, preliminary, final, estimate.
//!
//! No list gates anything: a claim on no list still has its noun, its near words and
//! its subject, and compares by them.

use super::words::{lex, DocWords};
use crate::extract::Claim;
use crate::lexicon::describe::{class, stem, Describe, Status};
use crate::text::symbols::{intern, Sym};
use crate::text::{normalize_word, DocText, TokenKind};

/// What a claim is a number of.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Descriptor {
    /// The counted thing, canonical ("قتيل" for "شهيدا", "%" for "بالمئة").
    pub what: Option<Sym>,
    /// `what` is a noun of people; `generic`: one that says nothing more ("شخص").
    pub people: bool,
    pub generic: bool,
    /// The role, by its index in the describe lexicon.
    pub role: Option<u16>,
    /// The words of [`Descriptor::near`], [`Descriptor::subject`], [`Descriptor::scope`]
    /// and [`Descriptor::source`], one list after another in one allocation (a corpus
    /// keeps millions of descriptors), and where the last three start.
    words: Box<[Sym]>,
    starts: [u32; 3],
    /// How many of `near` stand before the number (they come first).
    pub near_before: u8,
    /// The claim is a part of a total ("بينهم 12 طفلا", "of them").
    pub part: bool,
    /// The claim is the whole a part is counted from ("ستة من أصل 12").
    pub base: bool,
    /// The claim says how much of a count is done ("بعد فرز 98 بالمئة"), not a result.
    pub progress: bool,
    /// The claim is someone's age ("البالغ من العمر 68 عاما", "(42 عاما)").
    pub age: bool,
    pub status: Status,
    /// For a preliminary count, the share counted ("بعد فرز 98 بالمئة": 98).
    pub counted: Option<f64>,
    /// The clause gives a reason for a lower figure ("خفضت", "revised").
    pub fall_reason: bool,
    /// The clause says the count rose to this figure ("ارتفاع عدد الحالات إلى 168",
    /// "the toll rose to 3,115"): a lower figure of it elsewhere is an earlier state.
    pub risen: bool,
    /// The text says the figure fell to its value ("مقلصة خسائرها إلى 33.7%").
    pub fallen: bool,
    /// The year the count runs from, when the clause says so right after it ("هو
    /// الثامن منذ اكتشاف الفيروس في هذا البلد في 1976", "the third since 2011").
    #[serde(default)]
    pub since: Option<i32>,
}

impl Descriptor {
    /// Stems of the nearest content words before and after the number.
    pub fn near(&self) -> &[Sym] {
        &self.words[..self.starts[0] as usize]
    }

    /// Stems of the clause's content words, sorted and distinct.
    pub fn subject(&self) -> &[Sym] {
        &self.words[self.starts[0] as usize..self.starts[1] as usize]
    }

    /// Words that narrow what is counted, sorted.
    pub fn scope(&self) -> &[Sym] {
        &self.words[self.starts[1] as usize..self.starts[2] as usize]
    }

    /// Stems of the source's words, sorted.
    pub fn source(&self) -> &[Sym] {
        &self.words[self.starts[2] as usize..]
    }

    /// Set the four lists of words.
    pub fn set_words(&mut self, near: &[Sym], subject: &[Sym], scope: &[Sym], source: &[Sym]) {
        self.words = [near, subject, scope, source].concat().into();
        let to = |n: usize| n as u32;
        self.starts = [to(near.len()), to(near.len() + subject.len()), to(near.len() + subject.len() + scope.len())];
    }

    /// The four lists of words, to change in place: near, subject, scope, source.
    pub fn words_mut(&mut self) -> [&mut [Sym]; 4] {
        let [a, b, c] = self.starts.map(|x| x as usize);
        let (near, rest) = self.words.split_at_mut(a);
        let (subject, rest) = rest.split_at_mut(b - a);
        let (scope, source) = rest.split_at_mut(c - b);
        [near, subject, scope, source]
    }
}

/// How many tokens before the number a role word may stand.
const ROLE_BEFORE: usize = 8;
/// How many tokens after the claim a role word may stand.
const ROLE_AFTER: usize = 4;
/// How many content words each side are near words, within how many tokens.
const NEAR_WORDS: usize = 4;
const NEAR_SPAN: usize = 7;
/// How many tokens each side make the subject window.
const SUBJECT_WINDOW: usize = 14;

/// The descriptor of `claim`, one of the claims of `doc` (whose words are `dw`).
pub fn describe(doc: &DocText, dw: &DocWords, claim: &Claim) -> Descriptor {
    let d = Describe::default_describe();
    let text = doc.text();
    let sentence = doc.sentence(doc.sentence_of(claim.norm.start as usize));
    let range = doc.token_range(sentence);
    let base = range.start;
    let tokens = &doc.tokens[range];
    let words: Vec<&str> = tokens.iter().map(|t| doc.token_text(t)).collect();
    let first = tokens.partition_point(|t| t.span.start < claim.norm.start);
    let last = tokens.partition_point(|t| t.span.start < claim.norm.end).max(first);
    // What a word of the sentence is, by its index in `words`.
    let is = |k: usize, bit: u32| dw.is(base + k, bit);
    let stem_of = |k: usize| dw.stem(base + k);
    let is_number = |k: usize| tokens[k].kind == TokenKind::Number || dw.lex_is(base + k, lex::NUMBER);
    let content = |k: usize| {
        tokens[k].kind == TokenKind::Word
            && words[k].chars().nth(1).is_some()
            && !is(k, class::STOPWORD)
            && !dw.lex_is(base + k, lex::NUMBER | lex::WEEKDAY | lex::MONTH_START | lex::BEFORE_START)
    };
    // The phrase lists are asked only at a word one of their phrases starts with.
    let role_at = |k: usize, to: usize| is(k, class::ROLE_START).then(|| d.role_at(&words[k..to])).flatten();

    let what_word = claim.noun.as_deref().map(normalize_word);
    let mut what = what_word.as_deref().map(|w| what_key(d, w));
    // "850 كيلومترا مربعا": an area is not a distance.
    if let Some(w) = what.as_mut() {
        if words.get(last).is_some_and(|x| d.is_unit_power(x)) {
            w.push('²');
        }
    }
    let people =
        what_word.as_deref().is_some_and(|w| d.is_people(w) || what.as_deref().is_some_and(|k| d.is_people(k)));
    let generic = what_word.as_deref().is_some_and(|w| d.is_generic_people(w));

    // The role: the noun's own, else the nearest before, else right after.
    let noun_words: Vec<&str> =
        claim.noun_span.map(|s| doc.tokens_in(s).iter().map(|t| doc.token_text(t)).collect()).unwrap_or_default();
    let mut role = noun_words.first().and_then(|_| d.role_at(&noun_words)).map(|(r, _)| r);
    // A modifier between the number and its noun: "40 rescue operations".
    if role.is_none() {
        role = (first..last).filter(|&k| !is_number(k)).find_map(|k| role_at(k, last).map(|(r, _)| r));
    }
    if role.is_none() {
        // People do not rise like a price: in "عدد الذين توفوا … ارتفع إلى 25 شخصا" the
        // verb of movement says the count rose; the toll word before it says what it is.
        let mut movement = None;
        for k in (first.saturating_sub(ROLE_BEFORE)..first).rev() {
            if tokens[k].kind == TokenKind::Number {
                break;
            }
            if let Some((r, n)) = role_at(k, words.len()) {
                if k + n <= first {
                    let found = d.role(r);
                    if people && found.volatile {
                        movement.get_or_insert(r);
                        continue;
                    }
                    role = Some(r);
                    break;
                }
            }
        }
        role = role.or(movement);
    }
    if role.is_none() {
        for k in last..(last + ROLE_AFTER).min(words.len()) {
            if is_number(k) {
                break;
            }
            if let Some((r, _)) = role_at(k, words.len()) {
                role = Some(r);
                break;
            }
        }
    }

    // Near words: up to four content words each side (role words aside), not past
    // another number: the governing verb or noun, what the figure is of.
    let mut near: Vec<Sym> = Vec::new();
    let mut taken = 0;
    for k in (first.saturating_sub(NEAR_SPAN)..first).rev() {
        if is_number(k) || taken == NEAR_WORDS {
            break;
        }
        if content(k) && role_at(k, k + 1).is_none() && !is(k, class::NOT_SCOPE) {
            near.push(stem_of(k));
            taken += 1;
        }
    }
    let near_before = near.len() as u8;
    taken = 0;
    let noun_end = claim.noun_span.map_or(last, |s| tokens.partition_point(|t| t.span.start < s.end)).max(last);
    for k in noun_end..(noun_end + NEAR_SPAN).min(words.len()) {
        if is_number(k) || taken == NEAR_WORDS {
            break;
        }
        if content(k) && role_at(k, k + 1).is_none() && !is(k, class::NOT_SCOPE) {
            near.push(stem_of(k));
            taken += 1;
        }
    }

    // Subject: the content words of the window, without the claim's own.
    let from = first.saturating_sub(SUBJECT_WINDOW);
    let to = (last + SUBJECT_WINDOW).min(words.len());
    let mut subject: Vec<Sym> = (from..to).filter(|&k| (k < first || k >= last) && content(k)).map(stem_of).collect();

    // Scope: up to two words right after the noun that narrow it.
    let mut scope: Vec<Sym> = Vec::new();
    let noun_end = claim.noun_span.map_or(last, |s| tokens.partition_point(|t| t.span.start < s.end));
    for k in noun_end.max(last)..(noun_end.max(last) + 2).min(words.len()) {
        let w = words[k];
        if tokens[k].kind != TokenKind::Word {
            break;
        }
        let origin =
            w.chars().count() >= 5 && is_origin_adjective(w) && !is(k, class::STOPWORD) && !is(k, class::NOT_SCOPE);
        if is(k, class::SCOPE) || origin {
            scope.push(stem_of(k));
        } else if !w.starts_with('ب') && !w.starts_with("في") {
            // Only adjectives right after the noun narrow it ("جرحى في حالة حرجة" aside).
            break;
        }
    }
    // "في حالة حرجة", "بجروح خطيرة": a scope word a little further on.
    for k in (last..words.len()).take(4) {
        if is_number(k) {
            break;
        }
        if is(k, class::SCOPE) && !scope.contains(&stem_of(k)) {
            scope.push(stem_of(k));
        }
    }

    // A part of a total: "بينهم", "منهم", "of them" just before the number.
    let part = (first.saturating_sub(3)..first).any(|k| is(k, class::PART_START) && d.part_at(&words[k..first]));
    let whole = (first.saturating_sub(3)..first).any(|k| is(k, class::BASE_START) && d.base_at(&words[k..first]))
        || claim.flags.qualified && text[claim.norm.range()].starts_with("من اصل");
    let counting_at =
        |k: usize, to: usize| is(k, class::COUNTING_START).then(|| d.counting_at(&words[k..to])).flatten();
    let progress = (first.saturating_sub(2)..first).any(|k| counting_at(k, first).is_some());
    let age = what_word.as_deref().is_some_and(|w| d.is_age_unit(w)) && {
        let before = &text[..claim.norm.start as usize];
        let in_brackets = before.trim_end().ends_with('(');
        in_brackets || (first.saturating_sub(3)..first).any(|k| is(k, class::AGE))
    };

    // Status: the nearest status word of the clause before the number, or right after;
    // a preliminary count ("بعد فرز 98%") anywhere in the sentence, with how much was
    // counted.
    let mut status = Status::Observed;
    for k in (first.saturating_sub(ROLE_BEFORE)..first).rev().chain(last..(last + ROLE_AFTER).min(words.len())) {
        if let Some((s, _)) = is(k, class::STATUS_START).then(|| d.status_at(&words[k..])).flatten() {
            status = s;
            break;
        }
    }
    // "قد تستغرق" (may take): a possibility, not an observed figure.
    if status == Status::Observed {
        let may = (first.saturating_sub(ROLE_BEFORE)..first).any(|k| {
            words[k] == "قد"
                && words.get(k + 1).is_some_and(|v| v.starts_with(['ي', 'ت', 'ن']) && v.chars().count() >= 4)
        });
        if may {
            status = Status::Forecast;
        }
    }
    let mut counted = None;
    for k in 0..words.len() {
        if let Some(n) = counting_at(k, words.len()) {
            status = Status::Preliminary;
            counted = (k + n..(k + n + 3).min(words.len()))
                .find(|&j| tokens[j].kind == TokenKind::Number && (j < first || j >= last))
                .and_then(|j| text[tokens[j].span.range()].parse::<f64>().ok());
            break;
        }
    }

    // Source: the words after a source marker ("بحسب وزارة الصحة"), or the agent after
    // a verb of saying ("قال الجيش"; not "أفادت بانتشار", whose object follows).
    let mut source: Vec<Sym> = Vec::new();
    for k in 0..words.len() {
        let marker = is(k, class::SOURCE_MARKER);
        let verb = !marker && is(k, class::SOURCE_VERB);
        if !(marker || verb) {
            continue;
        }
        let next = words.get(k + 1).copied().unwrap_or("");
        if verb && (next.starts_with('ب') || matches!(next, "ان" | "انه" | "انها" | "that" | "to" | "in" | "on"))
        {
            continue;
        }
        let names: Vec<Sym> = (k + 1..(k + 7).min(words.len()))
            .take_while(|&j| tokens[j].kind == TokenKind::Word)
            .filter(|&j| content(j) && !is(j, class::SOURCE_FILLER))
            .take(5)
            .map(stem_of)
            .collect();
        if names.len() >= 2 || (marker && !names.is_empty()) {
            source = names;
            break;
        }
    }

    let fall_reason = (0..words.len()).any(|k| is(k, class::FALL_START) && d.fall_reason_at(&words[k..]));
    // "ارتفع … إلى N": "إلى" right before the figure (or its qualifier), a word of rise
    // a few words before that, no other figure between.
    // "مقلصة خسائرها إلى 33.7%": likewise a figure the text says fell to.
    let moved_to = |direction| {
        let to = (first.saturating_sub(3)..first).rev().find(|&k| is(k, class::TREND_TO));
        to.is_some_and(|t| {
            (t.saturating_sub(RISEN_BEFORE)..t)
                .rev()
                .take_while(|&k| !is_number(k))
                .any(|k| d.direction_of_class(dw.class(base + k)) == Some(direction))
        })
    };
    let risen = moved_to(crate::lexicon::describe::Direction::Rise);
    let fallen = moved_to(crate::lexicon::describe::Direction::Fall);

    let what = what.as_deref().map(intern);
    for v in [&mut subject, &mut scope, &mut source] {
        v.sort_unstable();
        v.dedup();
    }
    let mut d = Descriptor {
        what,
        people,
        generic,
        role,
        words: Box::default(),
        starts: [0; 3],
        near_before,
        part,
        base: whole,
        progress,
        age,
        status,
        counted,
        fall_reason,
        risen,
        fallen,
        since: since_year(tokens, &words, last, |k| is(k, class::SINCE)),
    };
    d.set_words(&near, &subject, &scope, &source);
    d
}

/// How many tokens after a claim "منذ" may stand, and after it the year.
const SINCE_AFTER: usize = 4;
const SINCE_YEAR_WITHIN: usize = 8;

/// The year after "منذ"/"since" right after a claim ("الثامن منذ اكتشاف الفيروس … في
/// 1976", "منذ عام 1976").
fn since_year(
    tokens: &[crate::text::Token],
    words: &[&str],
    last: usize,
    is_since: impl Fn(usize) -> bool,
) -> Option<i32> {
    let k = (last..(last + SINCE_AFTER).min(words.len())).find(|&k| is_since(k))?;
    (k + 1..(k + 1 + SINCE_YEAR_WITHIN).min(words.len())).find_map(|j| {
        if tokens[j].kind != TokenKind::Number {
            return None;
        }
        let y: i32 = words[j].parse().ok()?;
        (1800..=2100).contains(&y).then_some(y)
    })
}

/// How many words before "إلى" a word of rise may stand ("ارتفاع عدد حالات ضربات الشمس إلى").
const RISEN_BEFORE: usize = 6;

/// The key a counted noun compares by: its synonym group's head, else its stem
/// ("مهاجرين" and "مهاجر" meet; "مصابا" and "جرحى" meet through their group).
fn what_key(d: &Describe, lemma: &str) -> String {
    if d.has_synonyms(lemma) || lemma == "%" {
        return d.canonical(lemma).to_string();
    }
    let s = stem(lemma);
    if d.has_synonyms(&s) {
        d.canonical(&s).to_string()
    } else {
        s
    }
}

/// An adjective of origin or kind ("إيطاليتين", "فلسطينيا", "الأمريكية"): a nisba
/// ending, as Arabic adjectives of place and kind carry.
fn is_origin_adjective(w: &str) -> bool {
    if w.is_ascii() {
        return false;
    }
    ["يين", "يون", "يتين", "يتان", "يان", "يات", "يه", "يا", "ي"].iter().any(|s| w.ends_with(s))
        && !w.starts_with('ي')
        && !w.starts_with('ت')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_descriptor_keeps_its_four_word_lists_apart_in_one() {
        let mut d = Descriptor::default();
        assert!(d.near().is_empty() && d.subject().is_empty() && d.scope().is_empty() && d.source().is_empty());
        d.set_words(&[3, 1], &[], &[7, 8, 9], &[2]);
        assert_eq!((d.near(), d.subject(), d.scope(), d.source()), (&[3, 1][..], &[][..], &[7, 8, 9][..], &[2][..]));
        let [near, _, scope, source] = d.words_mut();
        near[0] = 4;
        scope.reverse();
        source[0] = 5;
        assert_eq!((d.near(), d.scope(), d.source()), (&[4, 1][..], &[9, 8, 7][..], &[5][..]));
        let mut e = Descriptor::default();
        e.set_words(&[4, 1], &[], &[9, 8], &[7, 5]);
        assert_ne!(d, e, "the same words, other lists");
    }
    use crate::text::symbols::name;

    fn desc(sentence: &str, at: &str) -> (Descriptor, Claim) {
        let doc = DocText::new(sentence);
        let e = crate::extract::extract(&doc);
        let c = e.claims.iter().find(|c| c.text == at).unwrap_or_else(|| panic!("{at} in {:?}", e.claims)).clone();
        (describe(&doc, &DocWords::new(&doc), &c), c)
    }

    fn role(d: &Descriptor) -> Option<String> {
        d.role.map(|r| Describe::default_describe().role(r).id.clone())
    }

    #[test]
    fn figures_the_text_says_rose_or_fell_to() {
        let (d, _) = desc("وأعلنت الوزارة ارتفاع عدد الحالات إلى 168 حالة", "168 حالة");
        assert!(d.risen && !d.fallen);
        let (d, _) = desc("وتعافت الليرة، مقلصة بذلك خسائرها إلى 33.7% منذ بداية العام", "33.7%");
        assert!(d.fallen && !d.risen);
        let (d, _) = desc("وبلغت خسائر الليرة 40% منذ بداية العام", "40%");
        assert!(!d.fallen && !d.risen);
    }

    #[test]
    fn roles_from_noun_before_and_after() {
        let (d, _) = desc("أسفرت الغارة عن مقتل 14 شخصًا وإصابة 30 آخرين في دركوش", "30 آخرين");
        assert_eq!(role(&d).as_deref(), Some("injured"));
        let (d, _) = desc("أسفرت الغارة عن مقتل 14 شخصًا وإصابة 30 آخرين في دركوش", "14 شخصًا");
        assert_eq!(role(&d).as_deref(), Some("killed"));
        assert!(d.generic && d.people);
        let (d, _) = desc("وصلت ثلاث سفن تحمل 629 مهاجرا أنقذتهم السفينة أكواريوس", "629 مهاجرا");
        assert_eq!(role(&d).as_deref(), Some("rescued"));
        let (d, _) = desc("البركان الواقع على بعد 35 كيلومترا من العاصمة", "35 كيلومترا");
        assert_eq!(role(&d).as_deref(), Some("distance"));
        let (d, _) = desc("وهي مدينة يسكنها نحو 1.5 مليون نسمة", "نحو 1.5 مليون نسمة");
        assert_eq!(role(&d).as_deref(), Some("population"));
        let text = "أن عدد الذين توفوا بفيروس إيبولا في الكونغو ارتفع إلى 25 شخصا";
        let (d, _) = desc(text, "25 شخصا");
        assert_eq!(role(&d).as_deref(), Some("killed"));
    }

    #[test]
    fn scope_part_source_status() {
        let (d, _) = desc("وأن هناك 54 جريحا في حالة حرجة جدا", "54 جريحا");
        assert!(!d.scope().is_empty());
        let (d, _) = desc("قتل 59 شخصا بينهم 12 طفلا بحسب وزارة الصحة", "12 طفلا");
        assert!(d.part);
        assert!(d.source().iter().any(|s| *name(*s) == *stem("وزاره")), "{:?}", d.source());
        let (d, _) = desc("ومن المتوقع أن يصل الإنتاج إلى 120 ألف برميل", "120 ألف برميل");
        assert_eq!(d.status, Status::Forecast);
        let (d, c) = desc("وأصيب شخصان مصريان في الحادث", "شخصان");
        assert!(!d.scope().is_empty(), "{d:?} {c:?}");
    }
}

/// What a date is the date of: the stems of the content words right around it (the
/// event's verb and object) and of its clause.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct DateContext {
    pub near: Box<[Sym]>,
    pub subject: Box<[Sym]>,
}

/// The context of a date expression spanning `span` (normalised) in `doc` (whose
/// words are `dw`).
pub fn describe_date(doc: &DocText, dw: &DocWords, span: crate::text::Span) -> DateContext {
    let sentence = doc.sentence(doc.sentence_of(span.start as usize));
    let range = doc.token_range(sentence);
    let (base, len) = (range.start, range.len());
    let tokens = &doc.tokens[range];
    let first = tokens.partition_point(|t| t.span.start < span.start);
    let last = tokens.partition_point(|t| t.span.start < span.end).max(first);
    let content = |k: usize| {
        tokens[k].kind == TokenKind::Word
            && dw.text(base + k).chars().nth(2).is_some()
            && !dw.is(base + k, class::STOPWORD)
            && !dw.lex_is(base + k, lex::NUMBER | lex::WEEKDAY | lex::MONTH_START | lex::OPENER)
    };
    let mut near: Vec<Sym> = (first.saturating_sub(4)..first)
        .rev()
        .filter(|&k| content(k))
        .take(2)
        .chain((last..(last + 4).min(len)).filter(|&k| content(k)).take(2))
        .map(|k| dw.stem(base + k))
        .collect();
    let mut subject: Vec<Sym> = (first.saturating_sub(SUBJECT_WINDOW)..(last + SUBJECT_WINDOW).min(len))
        .filter(|&k| (k < first || k >= last) && content(k))
        .map(|k| dw.stem(base + k))
        .collect();
    near.sort_unstable();
    near.dedup();
    subject.sort_unstable();
    subject.dedup();
    DateContext { near: near.into(), subject: subject.into() }
}
