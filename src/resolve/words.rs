//! A document's distinct words, each looked up once.
//!
//! The descriptors, date contexts, passages and terms of a document ask about the
//! same words again and again: is it a stopword, a role word, a month, what is its
//! stem. Asked of a string, each question hashes it into a memo; here a document's
//! tokens are mapped once to its distinct words (one hash a token), and what a word
//! is gets computed the first time it is asked and kept by the word's index.

use crate::lexicon::describe::{with_stem, Describe};
use crate::lexicon::Lexicon;
use crate::text::symbols::{intern, Sym};
use crate::text::{DocText, TokenKind};
use std::cell::Cell;
use std::hash::{Hash, Hasher};

/// Bits of what the lexicon says of a word.
pub mod lex {
    /// A number word ("خمسة", "five").
    pub const NUMBER: u8 = 1;
    pub const WEEKDAY: u8 = 1 << 1;
    /// A month's name starts with it.
    pub const MONTH_START: u8 = 1 << 2;
    /// A qualifier before a number starts with it ("أكثر", "about").
    pub const BEFORE_START: u8 = 1 << 3;
    /// It can open a date ("منذ", "في").
    pub const OPENER: u8 = 1 << 4;
    pub(super) const KNOWN: u8 = 1 << 7;
}

const UNKNOWN: u32 = u32::MAX;

struct Word {
    /// A token of this word (its text).
    token: u32,
    class: Cell<u32>,
    lex: Cell<u8>,
    stem: Cell<Sym>,
    hash: Cell<Option<u64>>,
}

/// The distinct words of one document, by token.
pub struct DocWords<'t, 'a> {
    text: &'t DocText<'a>,
    ids: Vec<u32>,
    words: Vec<Word>,
    describe: &'static Describe,
    lexicon: &'static Lexicon,
}

impl<'t, 'a> DocWords<'t, 'a> {
    pub fn new(text: &'t DocText<'a>) -> Self {
        let mut index: rustc_hash::FxHashMap<&str, u32> = Default::default();
        let mut words = Vec::new();
        let ids = text
            .tokens
            .iter()
            .enumerate()
            .map(|(k, t)| {
                *index.entry(text.token_text(t)).or_insert_with(|| {
                    words.push(Word {
                        token: k as u32,
                        class: Cell::new(UNKNOWN),
                        lex: Cell::new(0),
                        stem: Cell::new(UNKNOWN),
                        hash: Cell::new(None),
                    });
                    words.len() as u32 - 1
                })
            })
            .collect();
        DocWords { text, ids, words, describe: Describe::default_describe(), lexicon: Lexicon::default_lexicon() }
    }

    fn word(&self, k: usize) -> &Word {
        &self.words[self.ids[k] as usize]
    }

    /// The text of token `k`.
    pub fn text(&self, k: usize) -> &'t str {
        self.text.token_text(&self.text.tokens[k])
    }

    /// The index of token `k`'s word among the document's distinct words.
    pub fn id(&self, k: usize) -> u32 {
        self.ids[k]
    }

    /// How many distinct words the document has.
    pub fn count(&self) -> usize {
        self.words.len()
    }

    /// A token of distinct word `id`.
    pub fn token_of(&self, id: u32) -> usize {
        self.words[id as usize].token as usize
    }

    /// The describe class of token `k` ([`Describe::class_of`]).
    pub fn class(&self, k: usize) -> u32 {
        let w = self.word(k);
        if w.class.get() == UNKNOWN {
            w.class.set(self.describe.class_of(self.text(k)));
        }
        w.class.get()
    }

    /// Is token `k` of describe class `bit`?
    pub fn is(&self, k: usize, bit: u32) -> bool {
        self.class(k) & bit != 0
    }

    /// What the lexicon says of token `k` ([`lex`]).
    pub fn lex(&self, k: usize) -> u8 {
        let w = self.word(k);
        if w.lex.get() & lex::KNOWN == 0 {
            let (l, t) = (self.lexicon, self.text(k));
            let mut b = lex::KNOWN;
            if l.numbers.contains_key(t) {
                b |= lex::NUMBER;
            }
            if l.weekdays.contains_key(t) {
                b |= lex::WEEKDAY;
            }
            if !l.months.starting_with(t).is_empty() {
                b |= lex::MONTH_START;
            }
            if !l.before.starting_with(t).is_empty() {
                b |= lex::BEFORE_START;
            }
            if l.calendar.openers.contains(t) {
                b |= lex::OPENER;
            }
            w.lex.set(b);
        }
        w.lex.get()
    }

    /// Is token `k` any of the lexicon's `bits`?
    pub fn lex_is(&self, k: usize, bits: u8) -> bool {
        self.lex(k) & bits != 0
    }

    /// The interned stem of token `k` ([`crate::lexicon::describe::stem`]).
    pub fn stem(&self, k: usize) -> Sym {
        let w = self.word(k);
        if w.stem.get() == UNKNOWN {
            w.stem.set(with_stem(self.text(k), intern));
        }
        w.stem.get()
    }

    /// The hash token `k` compares by in a passage: its stem's for a word, its own
    /// text's for a number.
    pub fn passage_hash(&self, k: usize) -> u64 {
        let w = self.word(k);
        if let Some(h) = w.hash.get() {
            return h;
        }
        let mut h = rustc_hash::FxHasher::default();
        let t = self.text(k);
        match self.text.tokens[k].kind {
            TokenKind::Word => with_stem(t, |s| s.hash(&mut h)),
            TokenKind::Number => t.hash(&mut h),
        }
        let h = h.finish();
        w.hash.set(Some(h));
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::describe::{class, stem};
    use crate::text::symbols::name;

    #[test]
    fn a_word_is_what_its_string_is() {
        let text = DocText::new("قتل 14 شخصا في الخامس من ايار، وقال الجيش إن خمسة قتلوا في الخامس من ايار");
        let words = DocWords::new(&text);
        let d = Describe::default_describe();
        let l = Lexicon::default_lexicon();
        assert!(words.count() < text.tokens.len());
        for (k, t) in text.tokens.iter().enumerate() {
            let w = text.token_text(t);
            assert_eq!(words.text(words.token_of(words.id(k))), w);
            assert_eq!(words.class(k), d.class_of(w), "{w}");
            assert_eq!(words.lex_is(k, lex::NUMBER), l.numbers.contains_key(w), "{w}");
            assert_eq!(words.lex_is(k, lex::MONTH_START), !l.months.starting_with(w).is_empty(), "{w}");
            assert_eq!(*name(words.stem(k)), *stem(w), "{w}");
        }
        let k = text.tokens.iter().position(|t| text.token_text(t) == "في").unwrap();
        assert!(words.is(k, class::STOPWORD) && words.lex_is(k, lex::OPENER));
        let five = text.tokens.iter().position(|t| text.token_text(t) == "خمسه").unwrap();
        assert!(words.lex_is(five, lex::NUMBER));
    }
}
