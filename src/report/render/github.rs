//! `github`: GitHub Actions workflow commands, one a location
//! (`::error file=…,line=…,col=…,endColumn=…,title=…::message`), so that findings show
//! as annotations on a pull request. Values are escaped as the runner requires.

use super::Report;
use crate::check::Severity;
use std::io::Write;

/// Escape a property value (`%`, CR, LF, `:` and `,`).
fn property(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A").replace(':', "%3A").replace(',', "%2C")
}

/// Escape a message (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for (k, f) in report.findings.iter().enumerate() {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        for (i, l) in f.locations.iter().enumerate() {
            let s = report.snippets.get(k).and_then(|s| s.get(i)).and_then(|s| s.as_ref());
            let (col, end) = s.map_or((1, 1), |s| (s.column, s.end_column));
            let mut message = f.message.clone();
            if i > 0 {
                message = format!("{} ({})", message, l.role.as_deref().unwrap_or("related"));
            }
            writeln!(
                out,
                "::{level} file={},line={},col={col},endColumn={end},title={}::{}",
                property(&report.docs[l.doc].name),
                l.line,
                property(&format!("claimcheck {}", f.rule)),
                data(&message)
            )?;
        }
    }
    Ok(())
}
