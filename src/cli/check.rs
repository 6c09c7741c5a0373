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
    /// Output format [default: human].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour the human report (NO_COLOR and CLICOLOR_FORCE are honoured under
    /// auto) [default: auto].
    #[arg(long, value_enum)]
    pub color: Option<Color>,
    /// The lowest severity that makes the run fail (exit 1) [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Report only findings with a location on a line changed since this git revision
    /// (committed since, staged, unstaged or untracked), e.g. `origin/main`.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// An archive to check the inputs against: only findings that involve an input are
    /// reported.
    #[arg(long, value_name = "ARCHIVE")]
    pub against: Vec<PathBuf>,
    /// Where to keep the archive's facts between runs [default: the user's cache folder,
    /// `claimcheck` in it].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Report only findings that are not in this baseline (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the findings of this run as a baseline in FILE (JSON, by fingerprints that
    /// survive unrelated edits).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
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

/// Fill what the command line left unsaid from the config file.
fn configure(args: &mut CheckArgs) -> Result<(), String> {
    let Some(loaded) = args.input.configure()? else { return Ok(()) };
    let c = &loaded.config;
    if args.format.is_none() {
        args.format = loaded.choice("format", &c.format)?;
    }
    if args.color.is_none() {
        args.color = loaded.choice("color", &c.color)?;
    }
    if args.fail_on.is_none() {
        args.fail_on = loaded.choice("fail-on", &c.fail_on)?;
    }
    if args.against.is_empty() {
        args.against = c.against.iter().map(|p| loaded.path(p)).collect();
    }
    if args.cache_dir.is_none() {
        args.cache_dir = c.cache_dir.as_ref().map(|p| loaded.path(p));
    }
    if args.baseline.is_none() {
        args.baseline = c.baseline.as_ref().map(|p| loaded.path(p));
    }
    args.statistics |= c.statistics.unwrap_or(false);
    Ok(())
}

pub fn run(mut args: CheckArgs) -> ExitStatus {
    if let Err(e) = configure(&mut args) {
        return ExitStatus::Failure(e);
    }
    if args.cache_dir.is_some() && args.against.is_empty() {
        return ExitStatus::failure("--cache-dir keeps an archive's facts: it needs --against ARCHIVE");
    }
    let format = args.format.unwrap_or(Format::Human);
    let color = args.color.unwrap_or(Color::Auto);
    let fail_on = args.fail_on.unwrap_or(FailOn::Error);
    // (before the work: a wrong revision is a usage error, said at once)
    let changes = match args.changed_since.as_deref().map(super::changed::Changes::since).transpose() {
        Ok(c) => c,
        Err(e) => return ExitStatus::Failure(e),
    };
    let rules = match args.input.rules() {
        Ok(r) => r,
        Err(e) => return ExitStatus::Failure(e),
    };
    let mut options = args.input.options();
    options.against = args.against.clone();
    options.cache_dir = args.cache_dir.clone();
    let bar = progress(args.input.quiet);
    options.on_document = bar.as_ref().map(|(_, f)| f.clone());
    // JSON reads the lines its findings quote while it writes the facts, unless a
    // baseline or the changed lines must look at the findings first.
    let overlap =
        format == Format::Json && args.baseline.is_none() && args.write_baseline.is_none() && changes.is_none();
    options.defer_snippets = overlap;
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
    let mut report = report;
    if let Some(file) = &args.write_baseline {
        if let Err(e) = write_baseline(&report, file) {
            return ExitStatus::failure(format!("{}: cannot write the baseline: {e}", file.display()));
        }
    }
    if let Some(file) = &args.baseline {
        match read_baseline(file) {
            Ok(known) => report.hide_known(&known),
            Err(e) => return ExitStatus::failure(format!("{}: {e}", file.display())),
        }
    }
    if let Some(changes) = &changes {
        changes.filter(&mut report);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return ExitStatus::failure(format!("{}: cannot write: {e}", p.display())),
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let rendering = std::time::Instant::now();
    let written = match format {
        Format::Human => {
            let choice = match (color, &args.output) {
                (Color::Always, _) => anstream::ColorChoice::Always,
                (Color::Never, _) | (Color::Auto, Some(_)) => anstream::ColorChoice::Never,
                (Color::Auto, None) => anstream::ColorChoice::Auto,
            };
            let width = terminal_width();
            let mut stream = anstream::AutoStream::new(&mut out, choice);
            render::human::write(&report, &mut stream, &render::human::Layout { width })
        }
        Format::Json if overlap => render::json::write_reading_snippets(&mut report, &mut out),
        Format::Json => render::json::write(&report, &mut out),
        Format::Jsonl => render::jsonl::write(&report, &mut out),
        Format::Line => render::line::write(&report, &mut out),
        Format::Sarif => render::sarif::write(&report, &rules, &mut out),
        Format::Github => render::github::write(&report, &mut out),
        Format::Junit => render::junit::write(&report, &mut out, fail_on.level().unwrap_or(Severity::Error)),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        return ExitStatus::write_error(e);
    }
    claimcheck::timing("report written", rendering);
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
    let status = if args.input.strict && report.errors.iter().any(|e| e.skipped) {
        ExitStatus::failure("inputs were skipped (--strict)")
    } else {
        match fail_on.level() {
            Some(level) if report.count_at_least(level) > 0 => ExitStatus::Findings,
            _ => ExitStatus::Ok,
        }
    };
    // The report holds a corpus's facts, millions of small allocations; the process
    // ends now, and the system takes its memory back at once (freeing them one by one
    // took seconds on 300k articles).
    std::mem::forget(report);
    status
}

/// A baseline: every finding's fingerprint, with its rule, message and first location
/// for the people who read the file.
fn write_baseline(report: &claimcheck::report::Report, file: &std::path::Path) -> std::io::Result<()> {
    let prints = report.fingerprints();
    let mut entries: Vec<serde_json::Value> = report
        .findings
        .iter()
        .zip(&prints)
        .map(|(f, p)| {
            let at = f.locations.first().map(|l| format!("{}:{}", report.docs[l.doc].name, l.line)).unwrap_or_default();
            serde_json::json!({"fingerprint": p, "rule": f.rule, "severity": f.severity.as_str(), "message": f.message, "at": at})
        })
        .collect();
    entries.sort_by(|a, b| a["fingerprint"].as_str().cmp(&b["fingerprint"].as_str()));
    let doc = serde_json::json!({"claimcheck_baseline": 1, "findings": entries});
    let mut text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(file, text)
}

/// The fingerprints of a baseline file.
fn read_baseline(file: &std::path::Path) -> Result<std::collections::HashSet<String>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read the baseline: {e}"))?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("not a claimcheck baseline (invalid JSON: {e})"))?;
    let Some(findings) =
        doc.get("findings").and_then(|f| f.as_array()).filter(|_| doc.get("claimcheck_baseline").is_some())
    else {
        return Err("not a claimcheck baseline (write one with --write-baseline)".into());
    };
    findings
        .iter()
        .map(|f| {
            f.get("fingerprint")
                .and_then(|p| p.as_str())
                .map(str::to_string)
                .ok_or_else(|| "a baseline finding without a fingerprint".to_string())
        })
        .collect()
}

/// The terminal's width, from COLUMNS (a terminal sets it for programs it runs), else 100.
fn terminal_width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w: &usize| w >= 40).unwrap_or(100)
}
