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
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        let mut k = 0;
        while k < bytes.len() {
            match bytes[k] {
                b'\n' => starts.push(k as u32 + 1),
                b'\r' if bytes.get(k + 1) != Some(&b'\n') => starts.push(k as u32 + 1),
                _ => {}
            }
            k += 1;
        }
        LineIndex { starts }
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
    }
}
