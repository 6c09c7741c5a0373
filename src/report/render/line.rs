//! `line`: `path:line:col: severity[rule] message`, one line per location, for grep,
//! editors and quickfix lists. Related locations say so: `(related: ROLE)`. Paths and
//! messages are one line each whatever their characters.

use super::Report;
use crate::input::printable;
use std::io::Write;

pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for (k, f) in report.findings.iter().enumerate() {
        for (i, l) in f.locations.iter().enumerate() {
            let col = report.snippets.get(k).and_then(|s| s.get(i)).and_then(|s| s.as_ref()).map_or(1, |s| s.column);
            let related = match (i, &l.role) {
                (0, _) => String::new(),
                (_, Some(r)) => format!(" (related: {r})"),
                (_, None) => " (related)".to_string(),
            };
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}{}",
                printable(&report.docs[l.doc].name),
                l.line,
                col,
                f.severity.as_str(),
                f.rule,
                printable(&f.message),
                related
            )?;
        }
    }
    Ok(())
}
