//! `table` (`claimcheck extract`): one line a claim, `path:line  value  bound  noun  text`.

use super::Report;
use crate::input::printable;
use std::io::Write;

pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    let pieces = super::pieces(report.docs.len(), |k| report.docs[k].claims.len());
    super::write_units(&mut w, pieces.len(), |u, out| {
        let (k, ref range) = pieces[u];
        let d = &report.docs[k];
        let name = printable(&d.name);
        for c in &d.claims[range.clone()] {
            let value = match c.upper {
                Some(u) => {
                    format!("{}-{}", crate::check::rules::format_value(c.value), crate::check::rules::format_value(u))
                }
                None => crate::check::rules::format_value(c.value),
            };
            writeln!(
                out,
                "{name}:{line}  {value:>10}  {:<8}  {:<12}  {}",
                c.bound.as_str(),
                c.noun.as_deref().unwrap_or("-"),
                printable(&c.text.replace(['\n', '\r'], " ")),
                line = c.line,
            )?;
        }
        Ok(())
    })?;
    let n = report.docs.iter().map(|d| d.claims.len()).sum();
    let (claims, docs) =
        (super::human::plural(n, "claim", "claims"), super::human::plural(report.docs.len(), "document", "documents"));
    writeln!(w, "{claims} in {docs}")?;
    w.flush()
}
