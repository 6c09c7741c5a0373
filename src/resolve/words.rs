//! A document's distinct words, each looked up once.
//!
//! The descriptors, date contexts, passages and terms of a document ask about the
//! same words again and again: is it a stopword, a role word, a month, what is its
//! stem. Asked of a string, each question hashes it into a memo; here a document's
//! tokens are mapped once to its distinct words (one hash a token), and what a word
//! is gets computed the first time it is asked and kept by the word's index.

use crate::lexicon::describe::{with_stem, Describe};
use crate::lexicon::Lexicon;
use crate::text::symbols::{intern, Sym, WordKey};
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
}

/// What a word is, once known; its stem (and the passage hash made of it) only once
/// asked for, since stemming is the dearest part and most words are never stemmed.
#[derive(Clone, Copy)]
struct Facts {
    class: u32,
    lex: u8,
    stem: Option<(Sym, u64)>,
}

struct Word {
    /// A token of this word (its text).
    token: u32,
    facts: Cell<Option<Facts>>,
}

/// The distinct words of one document, by token.
pub struct DocWords<'t, 'a> {
    text: &'t DocText<'a>,
    ids: Vec<u32>,
    words: Vec<Word>,
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
                    words.push(Word { token: k as u32, facts: Cell::new(None) });
                    words.len() as u32 - 1
                })
            })
            .collect();
        DocWords { text, ids, words }
    }

    /// Look up what every word is, at once: one pass over the memo, whose look-ups
    /// overlap (asked one by one, word after word, each waits for memory). For a
    /// caller that will ask of nearly every word.
    pub fn learn_all(&self) {
        let mut unknown = Vec::new();
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            for w in &self.words {
                let text = self.text(w.token as usize);
                match WordKey::of(text).and_then(|k| m.get(&k)) {
                    Some(f) => w.facts.set(Some(f)),
                    None => unknown.push(w.token as usize),
                }
            }
        });
        for k in unknown {
            self.facts(k);
        }
    }

    /// What token `k` is: looked up (or worked out) the first time it is asked.
    fn facts(&self, k: usize) -> Facts {
        let w = &self.words[self.ids[k] as usize];
        if let Some(f) = w.facts.get() {
            return f;
        }
        let f = facts_of(self.text(k));
        w.facts.set(Some(f));
        f
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
        self.facts(k).class
    }

    /// Is token `k` of describe class `bit`?
    pub fn is(&self, k: usize, bit: u32) -> bool {
        self.class(k) & bit != 0
    }

    /// Is token `k` any of the lexicon's `bits` ([`lex`])?
    pub fn lex_is(&self, k: usize, bits: u8) -> bool {
        self.facts(k).lex & bits != 0
    }

    fn stem_and_hash(&self, k: usize) -> (Sym, u64) {
        let f = self.facts(k);
        if let Some(s) = f.stem {
            return s;
        }
        let s = stem_of(self.text(k), self.text.tokens[k].kind);
        self.words[self.ids[k] as usize].facts.set(Some(Facts { stem: Some(s), ..f }));
        s
    }

    /// The interned stem of token `k` ([`crate::lexicon::describe::stem`]).
    pub fn stem(&self, k: usize) -> Sym {
        self.stem_and_hash(k).0
    }

    /// The hash token `k` compares by in a passage: its stem's for a word, its own
    /// text's for a number.
    pub fn passage_hash(&self, k: usize) -> u64 {
        self.stem_and_hash(k).1
    }
}

/// What a word is, memoised per thread (a corpus repeats its words): one lookup a
/// distinct word a document.
fn facts_of(w: &str) -> Facts {
    let key = WordKey::of(w);
    if let Some(f) = key.and_then(|k| MEMO.with(|m| m.borrow_mut().get(&k))) {
        return f;
    }
    let (d, l) = (Describe::default_describe(), Lexicon::default_lexicon());
    let mut b = 0;
    for (yes, bit) in [
        (l.numbers.contains_key(w), lex::NUMBER),
        (l.weekdays.contains_key(w), lex::WEEKDAY),
        (!l.months.starting_with(w).is_empty(), lex::MONTH_START),
        (!l.before.starting_with(w).is_empty(), lex::BEFORE_START),
        (l.calendar.openers.contains(w), lex::OPENER),
    ] {
        if yes {
            b |= bit;
        }
    }
    // (this memo holds the class; `class_of`'s own would hold it twice)
    let f = Facts { class: d.class_of_forms(w), lex: b, stem: None };
    if let Some(k) = key {
        MEMO.with(|m| m.borrow_mut().insert(k, f));
    }
    f
}

/// A word's interned stem and passage hash, worked out once a thread: asked only when
/// the word's facts, as the memo gave them, have none.
fn stem_of(w: &str, kind: TokenKind) -> (Sym, u64) {
    let mut h = rustc_hash::FxHasher::default();
    let stem = with_stem(w, |s| {
        match kind {
            TokenKind::Word => s.hash(&mut h),
            TokenKind::Number => w.hash(&mut h),
        }
        intern(s)
    });
    let s = (stem, h.finish());
    if let Some(k) = WordKey::of(w) {
        MEMO.with(|m| m.borrow_mut().set_stem(&k, s));
    }
    s
}

/// Empty every thread's memo, giving its memory back (a corpus read, its words are
/// not asked again; tens of MiB a thread that the stories and rules can use).
pub fn forget_all() {
    let forget = || MEMO.with(|m| *m.borrow_mut() = Default::default());
    rayon::broadcast(|_| {
        forget();
        crate::lexicon::describe::forget_classes();
    });
    forget();
    crate::lexicon::describe::forget_classes();
}

/// How many words a thread's memo holds before it starts again.
const MEMO_WORDS: usize = 200_000;
/// A thread's memo holds the last words asked in `1 << HOT_BITS` slots too (under a
/// MiB, in the core's cache): a corpus's common words are asked in every document,
/// and a look-up in the whole memo, tens of MiB, mostly waits for memory.
const HOT_BITS: u32 = 13;

/// What words are, by word: all of them, and the last asked by slot.
#[derive(Default)]
struct Memo {
    all: rustc_hash::FxHashMap<WordKey, Facts>,
    hot: Vec<Option<(WordKey, Facts)>>,
}

impl Memo {
    fn get(&mut self, k: &WordKey) -> Option<Facts> {
        if self.hot.is_empty() {
            self.hot = vec![None; 1 << HOT_BITS];
        }
        let slot = &mut self.hot[k.slot(HOT_BITS)];
        match slot {
            Some((key, f)) if key == k => Some(*f),
            _ => {
                let f = *self.all.get(k)?;
                *slot = Some((*k, f));
                Some(f)
            }
        }
    }

    fn insert(&mut self, k: WordKey, f: Facts) {
        if self.all.len() > MEMO_WORDS {
            self.all.clear();
            self.hot.iter_mut().for_each(|s| *s = None);
        }
        self.all.insert(k, f);
    }

    fn set_stem(&mut self, k: &WordKey, stem: (Sym, u64)) {
        if let Some(f) = self.all.get_mut(k) {
            f.stem = Some(stem);
        }
        if let Some(Some((key, f))) = self.hot.get_mut(k.slot(HOT_BITS)) {
            if key == k {
                f.stem = Some(stem);
            }
        }
    }
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = Default::default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::describe::{class, stem};
    use crate::text::symbols::name;

    #[test]
    fn the_memo_s_hot_slots_give_what_the_whole_memo_holds() {
        let mut m = Memo::default();
        let facts = |class| Facts { class, lex: 0, stem: None };
        let a = WordKey::of("مستشفى").unwrap();
        // A word that takes the same slot as `a`.
        let b = (0..100_000)
            .map(|n| WordKey::of(&format!("w{n}")).unwrap())
            .find(|k| k.slot(HOT_BITS) == a.slot(HOT_BITS))
            .expect("a word of a's slot");
        assert!(m.get(&a).is_none());
        m.insert(a, facts(1));
        m.insert(b, facts(2));
        assert_eq!(m.get(&a).map(|f| f.class), Some(1));
        // A stem learnt while the word is hot is kept in both.
        m.set_stem(&a, (intern("مستشف"), 7));
        assert_eq!(m.get(&a).and_then(|f| f.stem).map(|s| s.1), Some(7));
        // `b` takes the slot; `a` comes back from the whole memo, stem and all.
        assert_eq!(m.get(&b).map(|f| f.class), Some(2));
        assert_eq!(m.get(&a).and_then(|f| f.stem).map(|s| s.1), Some(7));
        assert_eq!(m.get(&b).map(|f| f.class), Some(2));
    }

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
            assert_eq!(words.lex_is(k, lex::WEEKDAY), l.weekdays.contains_key(w), "{w}");
            assert_eq!(words.lex_is(k, lex::MONTH_START), !l.months.starting_with(w).is_empty(), "{w}");
            assert_eq!(*name(words.stem(k)), *stem(w), "{w}");
        }
        let k = text.tokens.iter().position(|t| text.token_text(t) == "في").unwrap();
        assert!(words.is(k, class::STOPWORD) && words.lex_is(k, lex::OPENER));
        let five = text.tokens.iter().position(|t| text.token_text(t) == "خمسه").unwrap();
        assert!(words.lex_is(five, lex::NUMBER));
    }

    #[test]
    fn memo_keys_tell_words_apart_and_long_words_go_without() {
        assert!(WordKey::of("قتل") != WordKey::of("قتلى"));
        assert!(WordKey::of("ab") != WordKey::of("ab\u{1}"));
        assert!(WordKey::of("a\0").is_none());
        let long = "وبالاستثماراتهم";
        assert!(long.len() > 24 && WordKey::of(long).is_none());
        assert!(WordKey::of("والاستثمارات").is_some());
        let text = DocText::new("وبالاستثماراتهم قتل وبالاستثماراتهم قتل");
        let words = DocWords::new(&text);
        for k in 0..text.tokens.len() {
            let w = text.token_text(&text.tokens[k]);
            assert_eq!(words.class(k), Describe::default_describe().class_of(w), "{w}");
            assert_eq!(*name(words.stem(k)), *stem(w), "{w}");
        }
    }

    #[test]
    fn words_learnt_at_once_are_what_they_are_one_by_one() {
        let text = DocText::new("أعلنت الوزارة يوم الخميس مقتل 14 شخصا، وقالت الوزارة إن وبالاستثماراتهم ارتفعت");
        let (eager, lazy) = (DocWords::new(&text), DocWords::new(&text));
        eager.learn_all();
        for k in 0..text.tokens.len() {
            assert_eq!(eager.class(k), lazy.class(k));
            assert_eq!(eager.lex_is(k, 0xff), lazy.lex_is(k, 0xff));
            assert_eq!(eager.stem(k), lazy.stem(k));
            assert_eq!(eager.passage_hash(k), lazy.passage_hash(k));
        }
    }
}
