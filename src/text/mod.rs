//! Per-document indices, built once: the normalised text with its map back to the
//! original bytes ([`Normalized`]), line starts ([`LineIndex`]), sentences and tokens
//! ([`segment`]). Every later stage reads these; none re-scans the text for lines or
//! sentences.

pub mod lines;
pub mod normalize;
pub mod segment;
pub mod symbols;

pub use lines::LineIndex;
pub use normalize::{is_arabic, is_word_char, normalize_word, word_len, word_start_back, Normalized};
pub use segment::{Span, Token, TokenKind};

/// A document's text and its indices.
pub struct DocText<'a> {
    /// The document as read, byte for byte.
    pub original: &'a str,
    pub norm: Normalized,
    /// Lines of the original text.
    pub lines: LineIndex,
    /// Sentences of the normalised text, in order.
    pub sentences: Vec<Span>,
    /// Words and numbers of the normalised text, in order.
    pub tokens: Vec<Token>,
}

impl<'a> DocText<'a> {
    pub fn new(original: &'a str) -> Self {
        let norm = Normalized::new(original);
        let lines = LineIndex::new(original);
        let (sentences, tokens) = segment::segment(&norm.text);
        DocText { original, norm, lines, sentences, tokens }
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// The index of the sentence holding normalised offset `at` (the last one before it
    /// when `at` falls between sentences).
    pub fn sentence_of(&self, at: usize) -> usize {
        self.sentences.partition_point(|s| s.end as usize <= at).min(self.sentences.len().saturating_sub(1))
    }

    pub fn sentence(&self, k: usize) -> Span {
        self.sentences.get(k).copied().unwrap_or_default()
    }

    /// The tokens inside a normalised span.
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        &self.tokens[self.token_range(span)]
    }

    /// The indices of the tokens inside a normalised span.
    pub fn token_range(&self, span: Span) -> std::ops::Range<usize> {
        let from = self.tokens.partition_point(|t| t.span.start < span.start);
        let to = self.tokens.partition_point(|t| t.span.start < span.end);
        from..to.max(from)
    }

    /// The index of the first token starting at or after normalised offset `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| (t.span.start as usize) < at)
    }

    pub fn token_text(&self, t: &Token) -> &str {
        &self.norm.text[t.span.range()]
    }

    /// The original byte range of a normalised range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        self.norm.original_range(start, end)
    }

    /// The 1-based line of an original byte offset.
    pub fn line(&self, original_offset: usize) -> usize {
        self.lines.line(original_offset)
    }
}

/// The byte offset where a leading front-matter block ends (0 without one).
pub fn front_matter_end(text: &str) -> usize {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let t = &text[bom..];
    if !(t.starts_with("---\n") || t.starts_with("---\r\n")) {
        return 0;
    }
    match t[3..].find("\n---") {
        Some(k) => {
            let after = bom + 3 + k + 4;
            after + text[after..].find('\n').map_or(text.len() - after, |n| n + 1)
        }
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_agree() {
        let original = "العنوان\n\nقال نحو ٦٥ ألف شخص. ثم عادوا";
        let d = DocText::new(original);
        let at = d.text().find("65").unwrap();
        let s = d.sentence_of(at);
        assert_eq!(&d.text()[d.sentence(s).range()], "قال نحو 65 الف شخص");
        let words: Vec<&str> = d.tokens_in(d.sentence(s)).iter().map(|t| d.token_text(t)).collect();
        assert_eq!(words, vec!["قال", "نحو", "65", "الف", "شخص"]);
        let (os, oe) = d.original_range(at, at + 2);
        assert_eq!(&original[os..oe], "٦٥");
        assert_eq!(d.line(os), 3);
    }
}
