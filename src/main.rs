//! The `claimcheck` command: parses arguments, calls the library, prints.

use claimcheck::{lexicon::Lexicon, parse::number::number_line, render, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Find numeric claims and dates in news articles and report where they contradict.
#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    after_help = "Exit codes: 0 no findings; 1 findings of severity error or warning; 2 usage or input error \
                  (a file that cannot be read is named on stderr and skipped, the others are still checked)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a corpus: extract claims and report findings.
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// Gate fixture corpora: each folder with an expected.yaml (or gold.yaml) must get
    /// exactly its expected conflicts. Exit 1 when any corpus differs.
    Test {
        /// Corpus folders, or folders holding them (searched recursively).
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// A folder of rule files that add to or override the embedded rules.
        #[arg(long = "rules", value_name = "DIR")]
        rules_dir: Option<PathBuf>,
    },
    /// List the rules with their documentation, or show one rule.
    Rules {
        /// A rule id, to show that rule only.
        id: Option<String>,
        /// A folder of rule files that add to or override the embedded rules.
        #[arg(long = "rules", value_name = "DIR")]
        rules_dir: Option<PathBuf>,
    },
    /// List the numeric claims found in the corpus.
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
        format: ExtractFormat,
    },
    /// Line protocol: read one expression per stdin line, print one JSON object per line.
    Parse {
        #[command(subcommand)]
        what: ParseWhat,
    },
}

#[derive(clap::Args)]
struct InputArgs {
    /// Files or directories (directories are walked recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// File-name glob for directory walks; repeat for several [default: *.txt, *.md].
    #[arg(long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    /// Publication date (YYYY-MM-DD) for documents that do not state one.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    published: Option<chrono::NaiveDate>,
    /// A folder of rule files (*.yaml) that add to or override the embedded rules.
    #[arg(long = "rules", value_name = "DIR")]
    rules_dir: Option<PathBuf>,
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
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        reference: Option<chrono::NaiveDate>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// Findings for people, diff-style, with the lines they point at.
    Human,
    /// JSON report version 1.
    Json,
    /// path:line:col: severity[rule] message, one line per location.
    Line,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One line per claim.
    Table,
    /// JSON report version 1.
    Json,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected YYYY-MM-DD, got {s:?}"))
}

impl InputArgs {
    fn options(&self) -> Options {
        let mut options =
            Options { published: self.published, rules_dir: self.rules_dir.clone(), ..Options::default() };
        if !self.globs.is_empty() {
            options.globs = self.globs.clone();
        }
        options
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { input, format } => {
            let options = input.options();
            let rules = match claimcheck::rules::load_rules(options.rules_dir.as_deref()) {
                Ok(r) => r,
                Err(e) => return usage_error(&e),
            };
            let report = claimcheck::check_with_rules(&input.paths, &options, &rules);
            let out = match format {
                CheckFormat::Human => render::human(&report),
                CheckFormat::Json => render::json(&report),
                CheckFormat::Line => render::line(&report),
                CheckFormat::Sarif => render::sarif(&report, &rules),
            };
            finish(&report, &out)
        }
        Command::Test { dirs, rules_dir } => gate(&dirs, rules_dir),
        Command::Rules { id, rules_dir } => {
            let rules = match claimcheck::rules::load_rules(rules_dir.as_deref()) {
                Ok(r) => r,
                Err(e) => return usage_error(&e),
            };
            if let Some(id) = &id {
                if !rules.iter().any(|r| &r.meta().id == id) {
                    let ids: Vec<&str> = rules.iter().map(|r| r.meta().id.as_str()).collect();
                    eprintln!("claimcheck: no rule `{id}`; rules are: {}", ids.join(", "));
                    return ExitCode::from(2);
                }
            }
            print!("{}", render::rules_list(&rules, id.as_deref()));
            ExitCode::SUCCESS
        }
        Command::Extract { input, format } => {
            // Extraction needs no rules.
            let report = claimcheck::check_with_rules(&input.paths, &input.options(), &[]);
            let out = match format {
                ExtractFormat::Table => render::claims_table(&report),
                ExtractFormat::Json => render::json(&report),
            };
            finish(&report, &out)
        }
        Command::Parse { what: ParseWhat::Number } => parse_lines(|line| {
            let value = number_line(Lexicon::default_lexicon(), line);
            serde_json::json!({"text": line, "value": value.map(json_number)})
        }),
        Command::Parse { what: ParseWhat::Date { reference } } => {
            let reference = reference.unwrap_or_else(|| chrono::Local::now().date_naive());
            parse_lines(|line| {
                let value = claimcheck::dates::date_line(Lexicon::default_lexicon(), line, reference);
                serde_json::json!({"text": line, "value": value})
            })
        }
    }
}

fn json_number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Value::from(v)
    }
}

/// `claimcheck test`: check each corpus, compare with its expected findings, print a
/// verdict per corpus and the differences.
fn gate(dirs: &[PathBuf], rules_dir: Option<PathBuf>) -> ExitCode {
    let mut corpora = Vec::new();
    for d in dirs {
        let found = claimcheck::gate::corpora(d);
        if found.is_empty() {
            eprintln!("claimcheck: {}: no corpus with expected.yaml or gold.yaml", d.display());
            return ExitCode::from(2);
        }
        corpora.extend(found);
    }
    let options = Options { rules_dir, ..Options::default() };
    let mut failed = 0;
    for dir in &corpora {
        let outcome = claimcheck::gate::load_expected(dir).and_then(|expected| {
            let report = claimcheck::check(std::slice::from_ref(dir), &options)?;
            for e in &report.errors {
                eprintln!("claimcheck: {e}");
            }
            claimcheck::gate::compare(dir, &report, &expected)
        });
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => return usage_error(&e),
        };
        let verdict = if outcome.passed() { "ok" } else { "FAILED" };
        println!("{verdict:<6} {} ({}/{} conflicts found)", dir.display(), outcome.found, outcome.expected);
        for why in &outcome.missed {
            println!("       missed: {why}");
        }
        for f in outcome.lookalike_alarms.iter().chain(&outcome.unexpected) {
            let at = f.locations.first().map(|l| format!("{}:{}", l.doc, l.line)).unwrap_or_default();
            println!("       unexpected: {at}: [{}] {}", f.rule, f.message);
        }
        if !outcome.passed() {
            failed += 1;
        }
    }
    println!("{} corpora, {} passed, {} failed", corpora.len(), corpora.len() - failed, failed);
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage_error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("claimcheck: {e}");
    ExitCode::from(2)
}

/// Print the rendered report and input errors; choose the exit code.
fn finish(report: &claimcheck::report::Report, out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()).is_err() {
        return ExitCode::from(2);
    }
    for e in &report.errors {
        eprintln!("claimcheck: {e}");
    }
    if !report.errors.is_empty() {
        ExitCode::from(2)
    } else if report.failing_findings() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The line protocol: one JSON object per stdin line, in order.
fn parse_lines(answer: impl Fn(&str) -> serde_json::Value) -> ExitCode {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for (k, line) in stdin.split(b'\n').enumerate() {
        let line = match line {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("claimcheck: reading stdin: {e}");
                return ExitCode::from(2);
            }
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        if std::str::from_utf8(&line).is_err() {
            eprintln!("claimcheck: stdin line {}: not UTF-8, answered null", k + 1);
        }
        if writeln!(stdout, "{}", answer(text)).is_err() {
            return ExitCode::from(2);
        }
    }
    if stdout.flush().is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
