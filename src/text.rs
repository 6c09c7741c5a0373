//! Normalised text with a map back to the original bytes.
//!
//! Every later stage reads [`Normalized::text`]: Arabic-Indic and Persian digits become
//! ASCII, `٫` a decimal point, `٬` (and `،` between digits) a thousands comma; tatweel,
//! diacritics, tanween and invisible direction marks disappear; alef, hamza, ya and
//! ta-marbuta variants fold to one form each, and ASCII is lower-cased, so that word
//! lists match however an article spells a word. Spans found in the normalised text
//! are mapped back with [`Normalized::original_range`]; offsets reported to users always
//! point into the original bytes.

/// A document's normalised text and, for every byte of it, the original byte offset.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the offset in the original of the char that produced byte `i`;
    /// one extra entry holds the original length.
    origin: Vec<u32>,
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

/// True for chars that normalisation removes and that may trail a word: a span that
/// ends before them is extended over them when mapped back.
fn is_dropped_mark(c: char) -> bool {
    matches!(fold(c), Fold::Drop)
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII fast path.
                text.push(b.to_ascii_lowercase() as char);
                origin.push(i as u32);
                i += 1;
                continue;
            }
            let c = original[i..].chars().next().expect("i is on a char boundary");
            let width = c.len_utf8();
            let out = match fold(c) {
                Fold::Drop => None,
                Fold::Keep => Some(c),
                Fold::To(',') if c == '\u{066C}' => Some(','),
                Fold::To(d) => Some(d),
            };
            let out = match (c, out) {
                // "،" is a clause comma, except between two digits where it groups thousands.
                ('،', _)
                    if text.as_bytes().last().is_some_and(u8::is_ascii_digit)
                        && next_is_digit(&original[i + width..]) =>
                {
                    Some(',')
                }
                (_, o) => o,
            };
            if let Some(o) = out {
                let mut buf = [0u8; 4];
                let s = o.encode_utf8(&mut buf);
                text.push_str(s);
                origin.extend(std::iter::repeat_n(i as u32, s.len()));
            }
            i += width;
        }
        origin.push(original.len() as u32);
        Normalized { text, origin }
    }

    /// The original byte range of the normalised range `start..end`. The end is moved
    /// past any diacritics or tatweel that trail the last char in the original.
    pub fn original_range(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let o_start = self.origin[start] as usize;
        if end <= start {
            return (o_start, o_start);
        }
        let last = self.origin[end - 1] as usize;
        let mut o_end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        for c in original[o_end..].chars() {
            if !is_dropped_mark(c) || c == '\u{FEFF}' {
                break;
            }
            o_end += c.len_utf8();
        }
        (o_start, o_end)
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

/// Letters that make up words: Arabic letters and Latin letters (after normalisation).
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// 1-based line number of every byte offset, computed once per document.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column (in chars) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }

    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (s, e) = n.original_range(original, start, end);
        assert_eq!(&original[s..e], "٦٥ ألفًا");
    }

    #[test]
    fn trailing_diacritics_are_kept_in_the_span() {
        let original = "شخصٌ واحد";
        let n = Normalized::new(original);
        let (s, e) = n.original_range(original, 0, "شخص".len());
        assert_eq!(&original[s..e], "شخصٌ");
    }

    #[test]
    fn lines_are_one_based() {
        let t = "a\nbc\nd";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line_col(t, 3), (2, 2));
        assert_eq!(idx.line(5), 3);
    }
}
