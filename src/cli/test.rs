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
    /// Rewrite each corpus's `known-misses` and `known-alarms` from the current output
    /// (the rest of the file is kept), so that the gate fails only on change.
    #[arg(long)]
    pub bless: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum TestFormat {
    /// One line a corpus, then what it missed or did not expect.
    Human,
    /// JUnit XML, one test case a corpus.
    Junit,
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
    let mut text = String::new();
    let mut cases = Vec::new();
    let mut failed = 0;
    let (mut known_misses, mut known_alarms) = (0, 0);
    for dir in &corpora {
        let outcome = claimcheck::gate::load_expected(dir).map_err(|e| e.to_string()).and_then(|expected| {
            let report =
                claimcheck::check_with_rules(std::slice::from_ref(dir), &options, &rules).map_err(|e| e.to_string())?;
            super::print_input_errors(&report.errors, false);
            claimcheck::gate::compare(dir, &report, &expected).map_err(|e| e.to_string())
        });
        let mut outcome = match outcome {
            Ok(o) => o,
            Err(e) => return ExitStatus::failure(e),
        };
        if args.bless {
            if let Err(e) = claimcheck::gate::bless(dir, &outcome) {
                return ExitStatus::failure(format!("{}: cannot bless: {e}", dir.display()));
            }
            // What the gate now says: every difference known.
            outcome.known_missed.append(&mut outcome.missed);
            outcome.known_alarms.append(&mut outcome.lookalike_alarms);
            outcome.known_alarms.append(&mut outcome.unexpected);
            outcome.now_found.clear();
            outcome.gone_alarms.clear();
        }
        let verdict = if outcome.passed() { "ok" } else { "FAILED" };
        let blessed = if args.bless { " (blessed)" } else { "" };
        text.push_str(&format!(
            "{verdict:<6} {} ({}/{} conflicts found){blessed}\n",
            dir.display(),
            outcome.found,
            outcome.expected
        ));
        let mut failures = Vec::new();
        for why in &outcome.missed {
            failures.push(format!("missed: {why}"));
        }
        for f in outcome.lookalike_alarms.iter().chain(&outcome.unexpected) {
            failures.push(format!("unexpected: [{}] {}", f.rule, f.message));
        }
        let mut notes = Vec::new();
        for why in &outcome.known_missed {
            notes.push(format!("known miss: {why}"));
        }
        for f in &outcome.known_alarms {
            notes.push(format!("known alarm: [{}] {}", f.rule, f.message));
        }
        for why in &outcome.now_found {
            notes.push(format!("now found (a known miss; --bless drops it): {why}"));
        }
        for what in &outcome.gone_alarms {
            notes.push(format!("no longer reported (a known alarm; --bless drops it): {what}"));
        }
        for line in failures.iter().chain(&notes) {
            text.push_str(&format!("       {line}\n"));
        }
        if !outcome.passed() {
            failed += 1;
        }
        known_misses += outcome.known_missed.len();
        known_alarms += outcome.known_alarms.len();
        cases.push(claimcheck::report::render::junit::CorpusCase { name: dir.display().to_string(), failures });
    }
    let known = if known_misses + known_alarms > 0 {
        let n = |k: usize, one: &str, many: &str| format!("{k} known {}", if k == 1 { one } else { many });
        format!(
            " ({}, {} listed in expected.yaml)",
            n(known_misses, "miss", "misses"),
            n(known_alarms, "alarm", "alarms")
        )
    } else {
        String::new()
    };
    let corpora_n = if corpora.len() == 1 { "1 corpus".to_string() } else { format!("{} corpora", corpora.len()) };
    text.push_str(&format!("{corpora_n}, {} passed, {} failed{known}\n", corpora.len() - failed, failed));
    let mut out: Box<dyn std::io::Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return ExitStatus::failure(format!("{}: cannot write: {e}", p.display())),
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let written = match args.format {
        TestFormat::Human => out.write_all(text.as_bytes()),
        TestFormat::Junit => claimcheck::report::render::junit::write_corpora(&cases, &mut out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        return ExitStatus::write_error(e);
    }
    if failed > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Ok
    }
}
