//! `claimcheck extract`: the claims and dates found, without checking them.

use super::{print_input_errors, ExitStatus, InputArgs};
use claimcheck::report::render;
use clap::ValueEnum;
use std::io::Write;

#[derive(clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One line per claim.
    Table,
    /// JSON report version 1 (no findings).
    Json,
    /// Facts one per line (documents, claims, dates), the shape an outside engine can
    /// group and join.
    Jsonl,
}

pub fn run(mut args: ExtractArgs) -> ExitStatus {
    if let Err(e) = args.input.configure() {
        return ExitStatus::Failure(e);
    }
    let options = claimcheck::Options { facts_only: true, ..args.input.options() };
    let report = match claimcheck::check_with_rules(&args.input.paths, &options, &[]) {
        Ok(r) => r,
        Err(e) => return ExitStatus::failure(e.to_string()),
    };
    print_input_errors(&report.errors, args.input.quiet);
    if report.docs.is_empty() {
        return ExitStatus::failure("no documents to read (check the paths and --glob)");
    }
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Table => render::table::write(&report, &mut out),
        Format::Json => render::json::write(&report, &mut out),
        Format::Jsonl => render::json::write_facts(&report, &mut out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        return ExitStatus::write_error(e);
    }
    if args.input.strict && report.errors.iter().any(|e| e.skipped) {
        return ExitStatus::failure("inputs were skipped (--strict)");
    }
    ExitStatus::Ok
}
