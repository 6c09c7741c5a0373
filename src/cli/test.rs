//! `claimcheck test DIR…`: gate fixture corpora on their expected findings.

use super::ExitStatus;
use claimcheck::Options;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct TestArgs {
    /// Corpus folders, or folders holding them (searched recursively).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// A folder of rule files that add to or override the embedded rules.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
}

pub fn run(args: TestArgs) -> ExitStatus {
    let mut corpora = Vec::new();
    for d in &args.dirs {
        let found = claimcheck::gate::corpora(d);
        if found.is_empty() {
            return ExitStatus::failure(format!("{}: no corpus with expected.yaml or gold.yaml", d.display()));
        }
        corpora.extend(found);
    }
    let dirs: Vec<&std::path::Path> = args.rules_dirs.iter().map(PathBuf::as_path).collect();
    let rules = match claimcheck::check::load_rules(&dirs) {
        Ok(r) => r,
        Err(e) => return ExitStatus::failure(e.to_string()),
    };
    let options = Options { rules_dirs: args.rules_dirs.clone(), ..Options::default() };
    let mut failed = 0;
    for dir in &corpora {
        let outcome = claimcheck::gate::load_expected(dir).map_err(|e| e.to_string()).and_then(|expected| {
            let report =
                claimcheck::check_with_rules(std::slice::from_ref(dir), &options, &rules).map_err(|e| e.to_string())?;
            super::print_input_errors(&report.errors, false);
            claimcheck::gate::compare(dir, &report, &expected).map_err(|e| e.to_string())
        });
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => return ExitStatus::failure(e),
        };
        let verdict = if outcome.passed() { "ok" } else { "FAILED" };
        println!("{verdict:<6} {} ({}/{} conflicts found)", dir.display(), outcome.found, outcome.expected);
        for why in &outcome.missed {
            println!("       missed: {why}");
        }
        for f in outcome.lookalike_alarms.iter().chain(&outcome.unexpected) {
            println!("       unexpected: [{}] {}", f.rule, f.message);
        }
        if !outcome.passed() {
            failed += 1;
        }
    }
    println!("{} corpora, {} passed, {} failed", corpora.len(), corpora.len() - failed, failed);
    if failed > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Ok
    }
}
