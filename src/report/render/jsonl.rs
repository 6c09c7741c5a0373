//! `jsonl`: one finding a line, each a JSON object as in the `json` format's
//! `findings`, for streaming into other tools and dashboards.

use super::Report;
use std::io::Write;

pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    for k in 0..report.findings.len() {
        serde_json::to_writer(&mut w, &super::json::finding_json(report, k)).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}
