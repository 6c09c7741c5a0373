//! `table` (`claimcheck extract`): one line a claim, `path:line  value  bound  noun  text`.

use super::Report;
use crate::input::printable;
use std::io::Write;

pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    let mut n = 0;
    for d in &report.docs {
        for c in &d.claims {
            n += 1;
            let loc = format!("{}:{}", printable(&d.name), c.line);
            let value = match c.upper {
                Some(u) => {
                    format!("{}-{}", crate::check::rules::format_value(c.value), crate::check::rules::format_value(u))
                }
                None => crate::check::rules::format_value(c.value),
            };
            writeln!(
                w,
                "{loc}  {value:>10}  {:<8}  {:<12}  {}",
                c.bound.as_str(),
                c.noun.as_deref().unwrap_or("-"),
                printable(&c.text.replace(['\n', '\r'], " "))
            )?;
        }
    }
    let (claims, docs) =
        (super::human::plural(n, "claim", "claims"), super::human::plural(report.docs.len(), "document", "documents"));
    writeln!(w, "{claims} in {docs}")?;
    w.flush()
}
