//! JSON Lines corpora (`.jsonl`, `.ndjson`, and the same gzip-compressed): one article
//! a line, `{"text": …, "id" | "path": …, "title": …, "published": "YYYY-MM-DD"}`.
//!
//! Records stream one at a time, so a corpus of any size is read in bounded memory.
//! A document is named `FILE.jsonl#ID`; its text is `title + "\n\n" + text` (or the
//! text alone), the bytes a file of that article would hold, and offsets point there.
//! A line that is not JSON, or has no `text`, is an error naming the file and line;
//! the other records are still read.

use super::meta::parse_day;
use super::read::{io_message, not_regular};
use super::{path_name, Document, InputError, Origin, PublishedSource};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The longest record read.
const MAX_RECORD_BYTES: usize = 256 << 20;

/// Is this a JSON Lines file, by its name?
pub fn is_jsonl(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    [".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"].iter().any(|ext| name.ends_with(ext))
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

#[derive(Deserialize)]
struct Record {
    text: Option<String>,
    id: Option<serde_json::Value>,
    path: Option<String>,
    title: Option<String>,
    published: Option<serde_json::Value>,
}

/// The records of one JSON Lines file, as documents or errors.
pub struct Records {
    file: PathBuf,
    shown: String,
    reader: Option<Box<dyn BufRead + Send>>,
    line: usize,
    seen: rustc_hash::FxHashMap<String, usize>,
    buf: Vec<u8>,
    /// A document whose notice was returned first.
    pending: Option<Document>,
}

impl Records {
    pub fn open(file: &Path) -> Result<Records, InputError> {
        let shown = path_name(file);
        if let Some(why) = not_regular(file) {
            return Err(InputError::skipped(shown, why));
        }
        let f = std::fs::File::open(file).map_err(|e| InputError::skipped(shown.clone(), io_message(&e)))?;
        let reader: Box<dyn BufRead + Send> = if is_gzip(file) {
            Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(BufReader::new(f))))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, f))
        };
        Ok(Records {
            file: file.to_path_buf(),
            shown,
            reader: Some(reader),
            line: 0,
            seen: Default::default(),
            buf: Vec::new(),
            pending: None,
        })
    }

    /// Read the next line into `buf`; `Ok(false)` at the end. A line over the limit is
    /// skipped to its end and reported.
    fn next_line(&mut self) -> Result<bool, InputError> {
        let Some(reader) = self.reader.as_mut() else { return Ok(false) };
        self.buf.clear();
        self.line += 1;
        let n = reader
            .by_ref()
            .take(MAX_RECORD_BYTES as u64 + 1)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| InputError::skipped(format!("{}:{}", self.shown, self.line), io_message(&e)))?;
        if n == 0 {
            return Ok(false);
        }
        if self.buf.len() > MAX_RECORD_BYTES && !self.buf.ends_with(b"\n") {
            let mut sink = Vec::new();
            let _ = reader.read_until(b'\n', &mut sink);
            return Err(InputError::skipped(
                format!("{}:{}", self.shown, self.line),
                format!("record longer than {} MiB, skipped", MAX_RECORD_BYTES >> 20),
            ));
        }
        Ok(true)
    }

    fn record(&mut self) -> Result<Option<Document>, InputError> {
        let at = format!("{}:{}", self.shown, self.line);
        // (validated with SIMD; std's error names the first bad byte)
        let line = simdutf8::basic::from_utf8(&self.buf)
            .or_else(|_| std::str::from_utf8(&self.buf))
            .map_err(|e| InputError::skipped(&at, format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to())))?;
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            return Ok(None);
        }
        let rec: Record = serde_json::from_str(line).map_err(|e| InputError::skipped(&at, format!("not JSON: {e}")))?;
        let body = rec.text.ok_or_else(|| InputError::skipped(&at, "no \"text\" field, skipped"))?;
        let key = match (&rec.id, &rec.path) {
            (Some(serde_json::Value::String(s)), _) => s.clone(),
            (Some(v), _) if !v.is_null() => v.to_string(),
            (_, Some(p)) => p.clone(),
            _ => format!("L{}", self.line),
        };
        let count = self.seen.entry(key.clone()).or_insert(0);
        *count += 1;
        let name = if *count == 1 { format!("{}#{key}", self.shown) } else { format!("{}#{key}~{count}", self.shown) };
        let mut doc = Document {
            name: super::printable(&name),
            origin: Origin::Record { file: self.file.clone(), line: self.line },
            text: compose(rec.title.as_deref(), &body),
            published: None,
            ignore_rules: Vec::new(),
        };
        match rec.published {
            None | Some(serde_json::Value::Null) => {}
            Some(v) => {
                let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                match parse_day(&s) {
                    Some(d) => doc.published = Some((d, PublishedSource::Record)),
                    None => {
                        // Said out loud; the record is still checked, without that date.
                        self.pending = Some(doc);
                        return Err(InputError::notice(
                            &at,
                            format!("published: {s:?} is not a date YYYY-MM-DD; ignored"),
                        ));
                    }
                }
            }
        }
        Ok(Some(doc))
    }
}

/// The document text of a record: the title, a blank line, the text.
fn compose(title: Option<&str>, text: &str) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("{t}\n\n{text}"),
        None => text.to_string(),
    }
}

impl Iterator for Records {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(d) = self.pending.take() {
            return Some(Ok(d));
        }
        loop {
            match self.next_line() {
                Ok(false) => {
                    self.reader = None;
                    return None;
                }
                Err(e) => {
                    // A read error (corrupt gzip) ends the file; a long line does not.
                    if !e.message.starts_with("record longer") {
                        self.reader = None;
                    }
                    return Some(Err(e));
                }
                Ok(true) => {}
            }
            match self.record() {
                Ok(None) => continue,
                Ok(Some(d)) => return Some(Ok(d)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// The text of the record on 1-based `line` of a JSON Lines file, read again.
pub fn record_text(file: &Path, line: usize) -> Option<String> {
    record_texts(file, &[line]).pop().map(|(_, text)| text)
}

/// The texts of the records on the 1-based `lines` of a JSON Lines file, read again
/// in one pass however many are wanted.
pub fn record_texts(file: &Path, lines: &[usize]) -> Vec<(usize, String)> {
    let mut wanted: Vec<usize> = lines.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Vec::with_capacity(wanted.len());
    let Ok(mut records) = Records::open(file) else { return out };
    for line in wanted {
        while records.line + 1 < line {
            if !records.next_line().unwrap_or(false) {
                return out;
            }
        }
        if !records.next_line().unwrap_or(false) {
            return out;
        }
        if let Ok(Some(d)) = records.record() {
            out.push((line, d.text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("claimcheck-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn records_stream_with_errors_named_by_line() {
        let p = tmp(
            "c.jsonl",
            b"{\"id\": \"a1\", \"title\": \"T\", \"text\": \"body 12 people\", \"published\": \"2018-05-14\"}\nnot json\n{\"id\": 7}\n\n{\"path\": \"x/y.txt\", \"text\": \"two\"}\n",
        );
        let got: Vec<Result<Document, InputError>> = Records::open(&p).unwrap().collect();
        assert_eq!(got.len(), 4);
        let d = got[0].as_ref().unwrap();
        assert!(d.name.ends_with("c.jsonl#a1"), "{}", d.name);
        assert_eq!(d.text, "T\n\nbody 12 people");
        assert_eq!(d.published.map(|p| p.0.to_string()), Some("2018-05-14".into()));
        let e = got[1].as_ref().unwrap_err();
        assert!(e.path.ends_with("c.jsonl:2") && e.message.starts_with("not JSON"), "{e}");
        let e = got[2].as_ref().unwrap_err();
        assert!(e.path.ends_with("c.jsonl:3") && e.message.contains("no \"text\""), "{e}");
        assert!(got[3].as_ref().unwrap().name.ends_with("#x/y.txt"));
        assert_eq!(record_text(&p, 5).as_deref(), Some("two"));
    }

    #[test]
    fn gzip_records_read() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"id\": 1, \"text\": \"a\"}\n{\"id\": 1, \"text\": \"b\"}\n").unwrap();
        let p = tmp("c.jsonl.gz", &enc.finish().unwrap());
        let names: Vec<String> = Records::open(&p).unwrap().map(|r| r.unwrap().name).collect();
        assert!(names[0].ends_with("#1") && names[1].ends_with("#1~2"), "{names:?}");
    }

    #[test]
    fn records_are_read_again_in_one_pass() {
        let p = tmp(
            "r.jsonl",
            b"{\"id\": \"a\", \"text\": \"first 1\"}\nnot json\n{\"id\": \"c\", \"text\": \"third 3\"}\n{\"id\": \"d\", \"text\": \"fourth 4\"}\n",
        );
        let got = record_texts(&p, &[4, 1, 2, 9]);
        let texts: Vec<(usize, bool)> =
            got.iter().map(|(l, t)| (*l, t.contains(["", "first", "", "", "fourth"][*l]))).collect();
        assert_eq!(texts, vec![(1, true), (4, true)]);
        assert_eq!(record_text(&p, 3).as_deref().map(|t| t.contains("third")), Some(true));
    }
}
