//! `claimcheck check`: the main job.

use super::{print_input_errors, Color, ExitStatus, InputArgs};
use claimcheck::check::Severity;
use claimcheck::report::render;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour the human report (NO_COLOR and CLICOLOR_FORCE are honoured under auto).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// An archive to check the inputs against: only findings that involve an input are
    /// reported.
    #[arg(long, value_name = "ARCHIVE")]
    pub against: Vec<PathBuf>,
    /// Where to keep the archive's facts between runs [default: the user's cache folder,
    /// `claimcheck` in it].
    #[arg(long, value_name = "DIR", requires = "against")]
    pub cache_dir: Option<PathBuf>,
    /// Also print the number of findings per rule (on stderr).
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Findings for people, diff-style, with the lines they point at.
    Human,
    /// JSON report version 1.
    Json,
    /// One finding a line, as JSON.
    Jsonl,
    /// path:line:col: severity[rule] message, one line per location.
    Line,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test case a document.
    Junit,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn level(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A progress bar on stderr for long runs on a terminal.
pub fn progress(quiet: bool) -> Option<(indicatif::ProgressBar, std::sync::Arc<dyn Fn() + Send + Sync>)> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} documents read ({per_sec})")
            .expect("a valid template"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let b = bar.clone();
    Some((bar, std::sync::Arc::new(move || b.inc(1))))
}

pub fn run(args: CheckArgs) -> ExitStatus {
    let dirs: Vec<&std::path::Path> = args.input.rules_dirs.iter().map(PathBuf::as_path).collect();
    let rules = match claimcheck::check::load_rules(&dirs) {
        Ok(r) => r,
        Err(e) => return ExitStatus::failure(e.to_string()),
    };
    let mut options = args.input.options();
    options.against = args.against.clone();
    options.cache_dir = args.cache_dir.clone();
    let bar = progress(args.input.quiet);
    options.on_document = bar.as_ref().map(|(_, f)| f.clone());
    let report = claimcheck::check_with_rules(&args.input.paths, &options, &rules);
    if let Some((bar, _)) = bar {
        bar.finish_and_clear();
    }
    let report = match report {
        Ok(r) => r,
        Err(e) => return ExitStatus::failure(e.to_string()),
    };
    print_input_errors(&report.errors, args.input.quiet);
    if report.docs.is_empty() {
        return ExitStatus::failure("no documents to check (check the paths and --glob)");
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return ExitStatus::failure(format!("{}: cannot write: {e}", p.display())),
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let written = match args.format {
        Format::Human => {
            let choice = match (args.color, &args.output) {
                (Color::Always, _) => anstream::ColorChoice::Always,
                (Color::Never, _) | (Color::Auto, Some(_)) => anstream::ColorChoice::Never,
                (Color::Auto, None) => anstream::ColorChoice::Auto,
            };
            let width = terminal_width();
            let mut stream = anstream::AutoStream::new(&mut out, choice);
            render::human::write(&report, &mut stream, &render::human::Layout { width })
        }
        Format::Json => render::json::write(&report, &mut out),
        Format::Jsonl => render::jsonl::write(&report, &mut out),
        Format::Line => render::line::write(&report, &mut out),
        Format::Sarif => render::sarif::write(&report, &rules, &mut out),
        Format::Github => render::github::write(&report, &mut out),
        Format::Junit => render::junit::write(&report, &mut out, args.fail_on.level().unwrap_or(Severity::Error)),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        return ExitStatus::write_error(e);
    }
    if args.statistics {
        let mut counts: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
        for f in &report.findings {
            let e = counts.entry(&f.rule).or_default();
            match f.severity {
                Severity::Error => e.0 += 1,
                Severity::Warning => e.1 += 1,
                Severity::Info => e.2 += 1,
            }
        }
        for (rule, (e, w, i)) in counts {
            eprintln!("{rule:<24} {e:>6} errors {w:>6} warnings {i:>6} info");
        }
    }
    if args.input.strict && report.errors.iter().any(|e| e.skipped) {
        return ExitStatus::failure("inputs were skipped (--strict)");
    }
    match args.fail_on.level() {
        Some(level) if report.count_at_least(level) > 0 => ExitStatus::Findings,
        _ => ExitStatus::Ok,
    }
}

/// The terminal's width, from COLUMNS (a terminal sets it for programs it runs), else 100.
fn terminal_width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w: &usize| w >= 40).unwrap_or(100)
}
