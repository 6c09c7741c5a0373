//! Sentences and tokens of a normalised text, found in one pass.
//!
//! A sentence ends at ". ؟ ! ؛ ?" (a point between digits is a decimal point, not an
//! end), at a line break, or after [`MAX_SENTENCE`] bytes at the next clause mark or
//! space, so that no later stage works on an unbounded span whatever the input's line
//! lengths. Tokens are runs of letters (words) and runs of digits (numbers); their
//! offsets are into the normalised text.

use super::normalize::is_word_char;

/// A byte range of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: start as u32, end: end as u32 }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset < self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// The longest sentence, in bytes, before it is cut at a clause mark or a space.
pub const MAX_SENTENCE: usize = 1500;

/// Sentence spans and tokens of `text` (normalised), in order.
pub fn segment(text: &str) -> (Vec<Span>, Vec<Token>) {
    let bytes = text.as_bytes();
    let mut sentences = Vec::with_capacity(bytes.len() / 120 + 1);
    let mut tokens = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut sentence_start = 0usize;
    let mut token: Option<(usize, TokenKind)> = None;
    let mut k = 0usize;
    let close_token = |token: &mut Option<(usize, TokenKind)>, end: usize, tokens: &mut Vec<Token>| {
        if let Some((s, kind)) = token.take() {
            tokens.push(Token { span: Span::new(s, end), kind });
        }
    };
    while k < bytes.len() {
        let b = bytes[k];
        let (c, width) = if b < 0x80 {
            (b as char, 1)
        } else if b & 0xE0 == 0xC0 {
            // Two bytes (Arabic letters): decoded here, not by a char iterator.
            let cp = ((b as u32 & 0x1F) << 6) | (bytes[k + 1] as u32 & 0x3F);
            (char::from_u32(cp).expect("two UTF-8 bytes are a char"), 2)
        } else {
            let c = text[k..].chars().next().expect("k is on a char boundary");
            (c, c.len_utf8())
        };
        let kind = if c.is_ascii_digit() {
            Some(TokenKind::Number)
        } else if is_word_char(c) {
            Some(TokenKind::Word)
        } else {
            None
        };
        // A change of script ends a word: "iconدورية" is two.
        let script_change = kind == Some(TokenKind::Word)
            && token.is_some_and(|(s, tk)| tk == TokenKind::Word && bytes[s].is_ascii() != c.is_ascii());
        match (kind, token) {
            (Some(kd), Some((_, tk))) if kd == tk && !script_change => {}
            (Some(kd), _) => {
                close_token(&mut token, k, &mut tokens);
                token = Some((k, kd));
            }
            (None, _) => close_token(&mut token, k, &mut tokens),
        }
        let ends_sentence = match c {
            '\n' | '\r' | '؟' | '!' | '؛' | '?' => true,
            '.' => !(k > 0 && bytes[k - 1].is_ascii_digit() && bytes.get(k + 1).is_some_and(u8::is_ascii_digit)),
            '،' | ',' | ';' | ' ' => k - sentence_start >= MAX_SENTENCE,
            _ => k - sentence_start >= 2 * MAX_SENTENCE,
        };
        if ends_sentence {
            close_token(&mut token, k, &mut tokens);
            if k > sentence_start {
                sentences.push(Span::new(sentence_start, k));
            }
            sentence_start = k + width;
        }
        k += width;
    }
    close_token(&mut token, bytes.len(), &mut tokens);
    if bytes.len() > sentence_start {
        sentences.push(Span::new(sentence_start, bytes.len()));
    }
    (sentences, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        segment(t).0.iter().map(|s| &t[s.range()]).collect()
    }

    #[test]
    fn sentences_end_at_stops_not_at_decimal_points() {
        assert_eq!(sentences("قال إن 3.5 مليون نزحوا. ثم عادوا"), vec!["قال إن 3.5 مليون نزحوا", " ثم عادوا"]);
        assert_eq!(sentences("a\rb\r\nc"), vec!["a", "b", "c"]);
    }

    #[test]
    fn tokens_are_words_and_numbers() {
        let t = "نحو 65 الف شخص، و2271";
        let (_, tokens) = segment(t);
        let got: Vec<(&str, TokenKind)> = tokens.iter().map(|k| (&t[k.span.range()], k.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("نحو", TokenKind::Word),
                ("65", TokenKind::Number),
                ("الف", TokenKind::Word),
                ("شخص", TokenKind::Word),
                ("و", TokenKind::Word),
                ("2271", TokenKind::Number),
            ]
        );
    }

    #[test]
    fn long_lines_are_cut_into_bounded_sentences() {
        let t = "كلمة ".repeat(10_000);
        let (s, _) = segment(&t);
        assert!(s.len() > 5);
        assert!(s.iter().all(|s| s.len() <= MAX_SENTENCE + 16));
    }
}
