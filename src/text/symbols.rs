//! A process-wide table of words (stems, lemmas, source names), so that the facts of
//! a corpus hold 4-byte ids rather than strings: memory grows with the facts, and
//! comparing two words is comparing two numbers. Documents intern their words in one
//! batch each, under one lock.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A word's id in the table.
pub type Sym = u32;

#[derive(Default)]
struct Table {
    ids: FxHashMap<Arc<str>, Sym>,
    names: Vec<Arc<str>>,
}

fn table() -> &'static Mutex<Table> {
    static T: OnceLock<Mutex<Table>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn intern_locked(t: &mut Table, w: &str) -> Sym {
    if let Some(&id) = t.ids.get(w) {
        return id;
    }
    let id = t.names.len() as Sym;
    let name: Arc<str> = Arc::from(w);
    t.names.push(name.clone());
    t.ids.insert(name, id);
    id
}

/// The id of one word.
pub fn intern(w: &str) -> Sym {
    let mut t = table().lock().expect("symbol table lock");
    intern_locked(&mut t, w)
}

/// The ids of many words, under one lock.
pub fn intern_all<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<Sym> {
    let mut t = table().lock().expect("symbol table lock");
    words.into_iter().map(|w| intern_locked(&mut t, w)).collect()
}

/// Every word of the table, in id order (to store facts that hold ids).
pub fn snapshot() -> Vec<Arc<str>> {
    table().lock().expect("symbol table lock").names.clone()
}

/// The word of an id.
pub fn name(id: Sym) -> Arc<str> {
    let t = table().lock().expect("symbol table lock");
    t.names.get(id as usize).cloned().unwrap_or_else(|| Arc::from("?"))
}

/// A key for each id that depends on its word alone, not on the order words were
/// first seen (which parallel reading changes from run to run): ties broken by it come
/// out the same every run. Under one lock.
pub fn stable_keys(ids: &[Sym]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let t = table().lock().expect("symbol table lock");
    ids.iter()
        .map(|&id| {
            let mut h = rustc_hash::FxHasher::default();
            t.names.get(id as usize).map(|n| &**n).unwrap_or("?").hash(&mut h);
            h.finish()
        })
        .collect()
}

/// A word as a memo key, its bytes held in place (no pointer to follow to compare
/// it): words of up to 24 bytes, nearly all of a text's (a memo works a longer one
/// out each time). Zero bytes pad it (a word holding one has no key).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordKey([u64; 3]);

impl WordKey {
    pub fn of(w: &str) -> Option<WordKey> {
        let b = w.as_bytes();
        if b.len() > 24 || b.contains(&0) {
            return None;
        }
        let mut bytes = [0u8; 24];
        bytes[..b.len()].copy_from_slice(b);
        let word = |k: usize| u64::from_le_bytes(bytes[k * 8..k * 8 + 8].try_into().expect("8 bytes"));
        Some(WordKey([word(0), word(1), word(2)]))
    }

    /// One of `1 << bits` slots, by a hash of the key: where a direct-mapped cache
    /// keeps it.
    pub fn slot(&self, bits: u32) -> usize {
        let [a, b, c] = self.0;
        let h = (a ^ b.rotate_left(21) ^ c.rotate_left(42)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - bits)) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_round_trip() {
        let a = intern("مبانداكا");
        let ids = intern_all(["x", "مبانداكا", "y"]);
        assert_eq!(ids[1], a);
        assert_eq!(&*name(ids[2]), "y");
    }
}
