//! Line numbers of byte offsets, computed once per document.
//!
//! A line ends at `\n`, at `\r\n` or at a lone `\r` (old Mac files and some CMS
//! exports), so every convention gives the lines a reader sees.

/// The start offset of every line of a text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(line_ends(text).map(|k| k as u32 + 1));
        LineIndex { starts }
    }

    /// How many line breaks `text` holds: its lines less one.
    pub fn breaks(text: &str) -> usize {
        line_ends(text).count()
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset)
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line.saturating_sub(1)).map_or(0, |&s| s as usize)
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

/// The offset of the last byte of every line break: a `\n`, or a `\r` not followed by
/// `\n`.
fn line_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter(move |&k| bytes[k] == b'\n' || bytes.get(k + 1) != Some(&b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_in_every_convention() {
        let idx = LineIndex::new("a\nbc\nd");
        assert_eq!((idx.line(0), idx.line(2), idx.line(5)), (1, 2, 3));
        let idx = LineIndex::new("a\r\nbc\r\nd");
        assert_eq!((idx.line(0), idx.line(3), idx.line(7)), (1, 2, 3));
        let idx = LineIndex::new("a\rbc\rd");
        assert_eq!((idx.line(0), idx.line(2), idx.line(5)), (1, 2, 3));
        assert_eq!(idx.line_start(2), 2);
        assert_eq!(LineIndex::breaks("a\r\nb\rc\n\nd\r"), 5);
        assert_eq!(LineIndex::breaks("no break"), 0);
    }
}
