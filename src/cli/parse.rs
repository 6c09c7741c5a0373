//! `claimcheck parse number|date`: the line protocol. One expression per stdin line,
//! one JSON object per line, in order, with the line as `text` and `value` null when
//! the whole line is not understood.

use super::ExitStatus;
use claimcheck::lexicon::Lexicon;
use std::io::{BufRead, Write};

/// `parse number`.
pub fn number() -> ExitStatus {
    lines(|line| {
        let value = claimcheck::parse::number::number_line(Lexicon::default_lexicon(), line);
        serde_json::json!({"text": line, "value": value.map(claimcheck::report::render::json::number)})
    })
}

/// `parse date --reference DAY`.
pub fn date(reference: chrono::NaiveDate) -> ExitStatus {
    lines(|line| {
        let value = claimcheck::resolve::dates::date_line(Lexicon::default_lexicon(), line, reference);
        serde_json::json!({"text": line, "value": value})
    })
}

fn lines(answer: impl Fn(&str) -> serde_json::Value) -> ExitStatus {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for (k, line) in stdin.split(b'\n').enumerate() {
        let line = match line {
            Ok(bytes) => bytes,
            Err(e) => return ExitStatus::failure(format!("reading stdin: {e}")),
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        if std::str::from_utf8(&line).is_err() {
            eprintln!("claimcheck: stdin line {}: not UTF-8, answered null", k + 1);
        }
        if let Err(e) = writeln!(stdout, "{}", answer(text)) {
            return ExitStatus::write_error(e);
        }
    }
    match stdout.flush() {
        Ok(()) => ExitStatus::Ok,
        Err(e) => ExitStatus::write_error(e),
    }
}
