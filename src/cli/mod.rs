//! The command line: clap definitions, one file per subcommand, and the exit-code
//! contract (README, "Exit codes").

mod check;
mod extract;
mod parse;
mod rules;
mod test;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Find numeric claims and dates in news articles and report where they contradict.
#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    after_help = "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, config or \
                  rule error, or inputs of which nothing could be checked."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a corpus: extract claims and dates, report the findings.
    Check(check::CheckArgs),
    /// List the claims (and dates) found, without checking them.
    Extract(extract::ExtractArgs),
    /// Gate fixture corpora: each folder with an expected.yaml (or gold.yaml) must get
    /// exactly its expected conflicts. Exit 1 when any corpus differs.
    Test(test::TestArgs),
    /// List the rules with their documentation and options, or show one rule.
    Rules(rules::RulesArgs),
    /// Line protocol: read one expression per stdin line, print one JSON object per line.
    Parse {
        #[command(subcommand)]
        what: ParseWhat,
    },
}

#[derive(Subcommand)]
enum ParseWhat {
    /// The number each line denotes: {"text": …, "value": number or null}.
    Number,
    /// The date each line denotes, resolved against --reference: {"text": …, "value":
    /// "YYYY" | "YYYY-MM" | "YYYY-MM-DD" | "START/END" or null}.
    Date {
        /// The day relative expressions are resolved against, as if it were the
        /// publication date [default: today].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        reference: Option<chrono::NaiveDate>,
    },
}

/// Where input documents come from and how folders are walked.
#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// Files, folders (walked recursively), JSON Lines corpora (.jsonl, .jsonl.gz), or `-`
    /// for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// File-name glob of files to read in folders; repeat for several [default: *.txt,
    /// *.md, *.jsonl, *.jsonl.gz].
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Glob of files or folders to leave out; repeat for several.
    #[arg(long = "exclude", value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Read files that .gitignore or .ignore files list.
    #[arg(long)]
    pub no_ignore: bool,
    /// The name of the document read from standard input (`-`).
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Publication date (YYYY-MM-DD) for documents that state none.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub published: Option<chrono::NaiveDate>,
    /// A folder of rule files (*.yaml) that add to or override the embedded rules.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Exit 2 when any input was skipped.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar and no notes on stderr; errors only.
    #[arg(long, short)]
    pub quiet: bool,
}

/// When to colour output.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected YYYY-MM-DD, got {s:?}"))
}

/// How a command ended, and so its exit code.
pub enum ExitStatus {
    /// 0: nothing at or above the failing level.
    Ok,
    /// 1: findings at or above it (or a corpus that differs from its expectations).
    Findings,
    /// 2: a usage, config or rule error, or nothing could be checked; the message says why.
    Failure(String),
}

impl ExitStatus {
    pub fn failure(message: impl Into<String>) -> Self {
        ExitStatus::Failure(message.into())
    }

    /// A failed write to stdout: a closed pipe ends quietly, anything else is said.
    pub fn write_error(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitStatus::Ok;
        }
        ExitStatus::Failure(format!("writing output: {e}"))
    }
}

impl InputArgs {
    pub fn options(&self) -> claimcheck::Options {
        let mut walk = claimcheck::input::WalkOptions {
            exclude: self.exclude.clone(),
            no_ignore: self.no_ignore,
            stdin_name: self.stdin_filename.clone(),
            ..Default::default()
        };
        if !self.globs.is_empty() {
            walk.include = self.globs.clone();
        }
        claimcheck::Options {
            walk,
            published: self.published,
            rules_dirs: self.rules_dirs.clone(),
            ..Default::default()
        }
    }
}

/// Print input problems on stderr, one line each.
pub fn print_input_errors(errors: &[claimcheck::input::InputError], quiet: bool) {
    for e in errors {
        if e.skipped || !quiet {
            let kind = if e.skipped { "" } else { "note: " };
            eprintln!("claimcheck: {kind}{}", claimcheck::input::printable(&e.to_string()));
        }
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Test(args) => test::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Parse { what: ParseWhat::Number } => parse::number(),
        Command::Parse { what: ParseWhat::Date { reference } } => {
            parse::date(reference.unwrap_or_else(|| chrono::Local::now().date_naive()))
        }
    };
    match status {
        ExitStatus::Ok => ExitCode::SUCCESS,
        ExitStatus::Findings => ExitCode::from(1),
        ExitStatus::Failure(message) => {
            eprintln!("claimcheck: {}", claimcheck::input::printable(&message));
            ExitCode::from(2)
        }
    }
}
