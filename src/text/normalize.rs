//! Normalised text with a map back to the original bytes.
//!
//! Every later stage reads [`Normalized::text`]: Arabic-Indic and Persian digits become
//! ASCII, `٫` a decimal point, `٬` (and `،` between digits) a thousands comma; tatweel,
//! diacritics, tanween and invisible direction marks disappear; alef, hamza, ya and
//! ta-marbuta variants fold to one form each, and ASCII is lower-cased, so that word
//! lists match however an article spells a word. Spans found in the normalised text
//! are mapped back with [`Normalized::original_range`]; offsets reported to users always
//! point into the original bytes.

/// A document's normalised text and the map back to the original bytes.
///
/// Most chars keep their byte length when folded (Arabic letter to Arabic letter,
/// ASCII to ASCII), so the map stores only break points: after every char whose
/// length changes (a dropped mark, a two-byte digit folded to one byte), the pair
/// (normalised offset, original offset). Memory is proportional to the marks and
/// digits, not to the text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    breaks: Vec<(u32, u32)>,
}

/// What normalisation does with one char.
enum Fold {
    Drop,
    Keep,
    To(char),
}

fn fold(c: char) -> Fold {
    match c {
        // Invisible marks: BOM, zero-width space/joiners, direction marks and embeddings.
        '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' => {
            Fold::Drop
        }
        // Tatweel, harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        '\u{0660}'..='\u{0669}' => Fold::To(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Fold::To(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{066B}' => Fold::To('.'),
        '\u{066C}' => Fold::To(','),
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::To('ا'),
        'ى' | 'ئ' | 'ی' => Fold::To('ي'),
        'ؤ' => Fold::To('و'),
        'ة' => Fold::To('ه'),
        'ک' => Fold::To('ك'),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => Fold::To(' '),
        'A'..='Z' => Fold::To(c.to_ascii_lowercase()),
        _ => Fold::Keep,
    }
}

fn is_dropped_mark(c: char) -> bool {
    matches!(fold(c), Fold::Drop)
}

/// What normalisation does with one char of U+0600..U+06FF.
#[derive(Clone, Copy, PartialEq)]
enum ArabicFold {
    Same,
    Drop,
    To(char),
    /// "،": a comma between digits, else itself.
    Comma,
}

/// [`ArabicFold`] for every char of U+0600..U+06FF, by its offset in the block.
fn arabic_table() -> &'static [ArabicFold; 256] {
    static TABLE: std::sync::OnceLock<[ArabicFold; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [ArabicFold::Same; 256];
        for (k, slot) in t.iter_mut().enumerate() {
            let c = char::from_u32(0x0600 + k as u32).expect("U+06xx is a char");
            *slot = match fold(c) {
                Fold::Drop => ArabicFold::Drop,
                Fold::Keep if c == '،' => ArabicFold::Comma,
                Fold::Keep => ArabicFold::Same,
                Fold::To(d) => ArabicFold::To(d),
            };
        }
        t
    })
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        let bytes = original.as_bytes();
        let table = arabic_table();
        let mut out = String::with_capacity(bytes.len());
        let mut breaks = Vec::new();
        // Bytes from `copied` to `i` are unchanged and copied in one go.
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_uppercase() {
                    out.push_str(&original[copied..i]);
                    out.push(b.to_ascii_lowercase() as char);
                    copied = i + 1;
                }
                i += 1;
                continue;
            }
            let (fold_to, width) = if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
                // U+0600..U+06FF, all of Arabic: decoded by hand, folded by table.
                let low = (((b as usize) & 0x03) << 6) | (bytes[i + 1] as usize & 0x3F);
                let f = match table[low] {
                    ArabicFold::Same => {
                        i += 2;
                        continue;
                    }
                    ArabicFold::Comma => {
                        let grouping = (copied < i && bytes[i - 1].is_ascii_digit())
                            || (copied == i && out.as_bytes().last().is_some_and(u8::is_ascii_digit));
                        if !(grouping && next_is_digit(&original[i + 2..])) {
                            i += 2;
                            continue;
                        }
                        Some(',')
                    }
                    ArabicFold::Drop => None,
                    ArabicFold::To(c) => Some(c),
                };
                (f, 2)
            } else {
                let c = original[i..].chars().next().expect("i is on a char boundary");
                match fold(c) {
                    Fold::Keep => {
                        i += c.len_utf8();
                        continue;
                    }
                    Fold::Drop => (None, c.len_utf8()),
                    Fold::To(d) => (Some(d), c.len_utf8()),
                }
            };
            out.push_str(&original[copied..i]);
            let written = fold_to.map_or(0, |c| {
                out.push(c);
                c.len_utf8()
            });
            i += width;
            copied = i;
            if written != width {
                breaks.push((out.len() as u32, i as u32));
            }
        }
        out.push_str(&original[copied..]);
        Normalized { text: out, breaks }
    }

    /// The original byte offset of normalised offset `n` (a char boundary). Marks
    /// dropped right at `n` count as before it, so a span ending at `n` keeps the
    /// diacritics that trail its last letter.
    pub fn original_offset(&self, n: usize) -> usize {
        let k = self.breaks.partition_point(|&(norm, _)| norm as usize <= n);
        match k {
            0 => n,
            _ => {
                let (norm, orig) = self.breaks[k - 1];
                orig as usize + (n - norm as usize)
            }
        }
    }

    /// The original byte range of the normalised range `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.original_offset(start);
        (s, self.original_offset(end).max(s))
    }
}

fn next_is_digit(rest: &str) -> bool {
    rest.chars()
        .find(|&c| !is_dropped_mark(c))
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'))
}

/// Normalise a word or phrase from a word list the way documents are normalised.
pub fn normalize_word(s: &str) -> String {
    Normalized::new(s.trim()).text
}

/// A character of the Arabic block (letters, digits, marks and punctuation).
pub fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

/// Letters that make up words: Arabic letters and Latin letters (after normalisation).
/// The length in bytes of the run of word characters ([`is_word_char`]) that starts
/// `s`. Reads ASCII and the two-byte Arabic letters byte by byte: the grammars ask
/// for words far more often than for anything else.
pub fn word_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut k = 0;
    while k < b.len() {
        let c = b[k];
        if c < 0x80 {
            if c.is_ascii_alphabetic() {
                k += 1;
                continue;
            }
            break;
        }
        if (0xD8..=0xDB).contains(&c) && k + 1 < b.len() {
            let cp = ((c as u32 & 0x1F) << 6) | (b[k + 1] as u32 & 0x3F);
            let letter = matches!(cp, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06FA..=0x06FC);
            if letter {
                k += 2;
                continue;
            }
            break;
        }
        match s[k..].chars().next() {
            Some(ch) if is_word_char(ch) => k += ch.len_utf8(),
            _ => break,
        }
    }
    k
}

/// The start in bytes of the run of word characters that ends `s`.
pub fn word_start_back(s: &str) -> usize {
    let b = s.as_bytes();
    let mut k = b.len();
    while k > 0 {
        let c = b[k - 1];
        if c < 0x80 {
            if c.is_ascii_alphabetic() {
                k -= 1;
                continue;
            }
            break;
        }
        if k >= 2 && (0xD8..=0xDB).contains(&b[k - 2]) {
            let cp = ((b[k - 2] as u32 & 0x1F) << 6) | (c as u32 & 0x3F);
            if matches!(cp, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06FA..=0x06FC) {
                k -= 2;
                continue;
            }
            if (0x0600..=0x06FF).contains(&cp) {
                break;
            }
        }
        match s[..k].chars().next_back() {
            Some(ch) if is_word_char(ch) => k -= ch.len_utf8(),
            _ => break,
        }
    }
    k
}

pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        // Arabic letters (not digits, punctuation or marks), the common case.
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FC}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_are_those_of_is_word_char() {
        let by_chars = |s: &str| s.char_indices().find(|&(_, c)| !is_word_char(c)).map_or(s.len(), |(k, _)| k);
        let back_by_chars =
            |s: &str| s.char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(s.len(), |(k, _)| k);
        for s in [
            "",
            "قتل 14",
            "والخمسة،",
            "abc٣def",
            "ـ22",
            "إلى870",
            "ﻻ ی ک",
            "Ünïcode déjà",
            "٪٫٬؟",
            "مؤكدة",
            "x\u{064B}y",
            "日本語",
            "ۓ۔ۺ",
        ] {
            for (k, _) in s.char_indices().chain([(s.len(), ' ')]) {
                assert_eq!(word_len(&s[k..]), by_chars(&s[k..]), "{:?}", &s[k..]);
                assert_eq!(word_start_back(&s[..k]), back_by_chars(&s[..k]), "{:?}", &s[..k]);
            }
        }
    }

    #[test]
    fn digits_fold_to_ascii() {
        assert_eq!(Normalized::new("٦٥ ألف").text, "65 الف");
        assert_eq!(Normalized::new("۴۵").text, "45");
        assert_eq!(Normalized::new("١٬٢٠٠٫٥").text, "1,200.5");
    }

    #[test]
    fn arabic_comma_groups_only_between_digits() {
        assert_eq!(Normalized::new("1،200").text, "1,200");
        assert_eq!(Normalized::new("قال، إن").text, "قال، ان");
    }

    #[test]
    fn marks_and_variants_fold() {
        assert_eq!(Normalized::new("ألفًا").text, "الفا");
        assert_eq!(Normalized::new("بـ22").text, "ب22");
        assert_eq!(Normalized::new("عمليّة").text, "عمليه");
        assert_eq!(Normalized::new("2\u{200F}2").text, "22");
        assert_eq!(Normalized::new("More").text, "more");
    }

    #[test]
    fn ranges_map_back_to_original_bytes() {
        let original = "قال نحو ٦٥ ألفًا هنا";
        let n = Normalized::new(original);
        let start = n.text.find("65").unwrap();
        let end = n.text.find("الفا").unwrap() + "الفا".len();
        let (s, e) = n.original_range(start, end);
        assert_eq!(&original[s..e], "٦٥ ألفًا");
    }

    #[test]
    fn trailing_diacritics_are_kept_in_the_span() {
        let original = "شخصٌ واحد";
        let n = Normalized::new(original);
        let (s, e) = n.original_range(0, "شخص".len());
        assert_eq!(&original[s..e], "شخصٌ");
    }
}
