//! `claimcheck rules [ID]`: every rule with What / Why / Example, or one rule with its
//! message, options and file.

use super::ExitStatus;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct RulesArgs {
    /// A rule id, to show that rule only.
    pub id: Option<String>,
    /// A folder of rule files that add to or override the embedded rules.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
}

pub fn run(args: RulesArgs) -> ExitStatus {
    let dirs: Vec<&std::path::Path> = args.rules_dirs.iter().map(PathBuf::as_path).collect();
    let rules = match claimcheck::check::load_rules(&dirs) {
        Ok(r) => r,
        Err(e) => return ExitStatus::failure(e.to_string()),
    };
    if let Some(id) = &args.id {
        if !rules.iter().any(|r| &r.meta().id == id) {
            let ids: Vec<&str> = rules.iter().map(|r| r.meta().id.as_str()).collect();
            return ExitStatus::failure(format!("no rule `{id}`; rules are: {}", ids.join(", ")));
        }
    }
    let mut out = String::new();
    for r in rules.iter().filter(|r| args.id.as_ref().is_none_or(|id| &r.meta().id == id)) {
        let m = r.meta();
        out.push_str(&format!("{} ({}, kind {})\n", m.id, m.severity.as_str(), m.kind));
        out.push_str(&format!("  What:    {}\n", m.docs.what));
        out.push_str(&format!("  Why:     {}\n", m.docs.why));
        out.push_str(&format!("  Example: {}\n", m.docs.example));
        if args.id.is_some() {
            out.push_str(&format!("  Message: {}\n", m.message));
            out.push_str(&format!("  File:    {}\n", m.file));
            if m.options_text.is_empty() {
                out.push_str("  Options: (none)\n");
            } else {
                out.push_str("  Options:\n");
                for l in m.options_text.lines().skip(1) {
                    out.push_str(&format!("    {}\n", l.trim_start()));
                }
            }
        }
        out.push('\n');
    }
    use std::io::Write;
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => ExitStatus::Ok,
        Err(e) => ExitStatus::write_error(e),
    }
}
