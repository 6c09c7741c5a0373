//! Reading one file, safely: only regular files, at most [`MAX_FILE_BYTES`], and text
//! that is UTF-8 (with or without a BOM). Everything else is an error that says what
//! the file is instead ("a FIFO", "UTF-16", "binary", "not UTF-8 at byte 3").

use std::io::Read;
use std::path::Path;

/// The largest file read as one document or corpus.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

/// What a path is, when it is not a regular file.
pub fn not_regular(path: &Path) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Some(io_message(&e)),
    };
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some("is a directory".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("not a regular file (a FIFO), not read".into());
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("not a regular file (a device), not read".into());
        }
        if t.is_socket() {
            return Some("not a regular file (a socket), not read".into());
        }
    }
    Some("not a regular file, not read".into())
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    if let Some(why) = not_regular(path) {
        return Err(ReadError(why));
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError(io_message(&e)))?;
    // (read at once into room for the whole file, not into a buffer doubled as it fills)
    let size = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| ReadError(io_message(&e)))?;
    if bytes.len() as u64 > limit {
        let size = if limit >= 1 << 20 { format!("{} MiB", limit >> 20) } else { format!("{} KiB", limit >> 10) };
        return Err(ReadError(format!("larger than {size}, not read")));
    }
    Ok(bytes)
}

/// A text file: its text and whether it was empty.
pub fn read_text(path: &Path) -> Result<(String, bool), ReadError> {
    let bytes = read_bytes(path, MAX_FILE_BYTES)?;
    let text = text_from_bytes(bytes)?;
    let empty = text.trim_start_matches('\u{FEFF}').trim().is_empty();
    Ok((text, empty))
}

/// Validate bytes as text: UTF-8, no NUL bytes; UTF-16 is named as such.
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_like_utf16(&bytes) {
        return Err(ReadError("UTF-16 text; claimcheck reads UTF-8 (convert it, e.g. with iconv)".into()));
    }
    if let Some(k) = memchr::memchr(0, &bytes) {
        return Err(ReadError(format!("binary file (NUL byte at offset {k}), skipped")));
    }
    if bytes.len() > 2 * PIECE {
        if let Some(text) = validated_in_pieces(&bytes) {
            return Ok(text);
        }
    }
    String::from_utf8(bytes)
        .map_err(|e| ReadError(format!("not UTF-8 (invalid byte at offset {}), skipped", e.utf8_error().valid_up_to())))
}

/// The size of the pieces a long text is validated in, in parallel.
const PIECE: usize = 1 << 20;

/// Long text validated as UTF-8 (with SIMD) in pieces on every core, cut where a
/// character starts (so the text is valid when every piece is), then copied into one
/// string: `None` when a piece is not UTF-8 (the caller then names the first bad byte).
fn validated_in_pieces(bytes: &[u8]) -> Option<String> {
    use rayon::prelude::*;
    let mut cuts = vec![0];
    let mut at = PIECE;
    while at < bytes.len() {
        // (a byte 10xxxxxx continues a character)
        while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
            at += 1;
        }
        cuts.push(at);
        at += PIECE;
    }
    cuts.push(bytes.len());
    cuts.dedup();
    let pieces: Vec<&str> =
        cuts.par_windows(2).map(|w| simdutf8::basic::from_utf8(&bytes[w[0]..w[1]]).ok()).collect::<Option<_>>()?;
    let mut text = String::with_capacity(bytes.len());
    pieces.iter().for_each(|p| text.push_str(p));
    Some(text)
}

/// UTF-16 without a BOM: every other byte of the first ones is NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 8 {
        return false;
    }
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    (zeros_odd * 10 >= half * 9 && zeros_even == 0) || (zeros_even * 10 >= half * 9 && zeros_odd == 0)
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_named() {
        let e = text_from_bytes(b"abc\xffdef".to_vec()).unwrap_err();
        assert!(e.0.contains("offset 3"), "{e:?}");
        let e = text_from_bytes(b"ab\0".to_vec()).unwrap_err();
        assert!(e.0.contains("NUL byte at offset 2"), "{e:?}");
        let utf16: Vec<u8> = "hello world, 12 people".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let e = text_from_bytes(utf16).unwrap_err();
        assert!(e.0.contains("UTF-16"), "{e:?}");
        // Long text is validated in pieces: the same text, the same first bad byte.
        let long = "نحو ٦٥ ألف شخص، more than 1,200 families.\n".repeat(60_000);
        assert!(long.len() > 2 * PIECE);
        assert_eq!(text_from_bytes(long.clone().into_bytes()).unwrap(), long);
        let mut bad = long.clone().into_bytes();
        // (the second byte of a character, in the third piece)
        let k = 2 * PIECE + bad[2 * PIECE..].iter().position(|&b| b & 0xC0 == 0x80).unwrap();
        bad[k] = b'x';
        let e = text_from_bytes(bad).unwrap_err();
        assert!(e.0.contains(&format!("offset {}", k - 1)), "{e:?}");
    }
}
