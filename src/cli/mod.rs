//! The command line: clap definitions, one file per subcommand, and the exit-code
//! contract (README, "Exit codes").

mod changed;
mod check;
pub mod config;
mod extract;
mod parse;
mod rules;
mod test;

use claimcheck::check::Severity;
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `claimcheck man > claimcheck.1`.
    Man,
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
    /// for standard input [default: `paths` of claimcheck.yaml].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The config file to use [default: claimcheck.yaml in the working directory or the
    /// nearest folder above it].
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no config file.
    #[arg(long)]
    pub isolated: bool,
    /// Leave out a rule (by id); repeat for several.
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,
    /// Rule severities from the config file, with where each is said (`FILE:LINE`).
    #[arg(skip)]
    pub severity: Vec<(String, Severity, String)>,
    /// Publication dates by file glob from the config file, and the folder the globs
    /// are relative to.
    #[arg(skip)]
    pub published_files: Vec<(String, chrono::NaiveDate)>,
    #[arg(skip)]
    pub config_base: Option<PathBuf>,
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
    /// Read the config file (unless `--isolated`) and fill what the command line left
    /// unsaid: the command line wins over the file.
    pub fn configure(&mut self) -> Result<Option<config::Loaded>, String> {
        let Some(loaded) = config::load(self.config.as_deref(), self.isolated)? else {
            if self.paths.is_empty() {
                return Err("no paths to check: name files or folders, or list `paths` in claimcheck.yaml".into());
            }
            return Ok(None);
        };
        let c = &loaded.config;
        if self.paths.is_empty() {
            self.paths = c.paths.iter().map(|p| loaded.path(p)).collect();
            if self.paths.is_empty() {
                return Err(format!(
                    "no paths to check: name files or folders, or list `paths` in {}",
                    loaded.file.display()
                ));
            }
        }
        if self.globs.is_empty() {
            self.globs = c.glob.clone();
        }
        self.exclude.extend(c.exclude.iter().cloned());
        self.no_ignore |= c.no_ignore.unwrap_or(false);
        self.strict |= c.strict.unwrap_or(false);
        self.quiet |= c.quiet.unwrap_or(false);
        if self.published.is_none() {
            if let Some(d) = &c.published {
                self.published = Some(loaded.day("published", d)?);
            }
        }
        // The file's rule folders first: a folder named on the command line overrides.
        let mut dirs: Vec<PathBuf> = c.rules.iter().map(|p| loaded.path(p)).collect();
        dirs.append(&mut self.rules_dirs);
        self.rules_dirs = dirs;
        self.disable.extend(c.disable.iter().cloned());
        for (rule, level) in &c.severity {
            let level = match level.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    return Err(loaded
                        .error(rule, format!("severity of {rule}: `{other}` is not one of: error, warning, info")))
                }
            };
            let at = loaded.error(rule, "");
            self.severity.push((rule.clone(), level, at.trim_end_matches([':', ' ']).to_string()));
        }
        for (glob, day) in &c.published_files {
            if let Err(e) = globset::Glob::new(glob) {
                return Err(loaded.error(glob, format!("published-files: {e}")));
            }
            self.published_files.push((glob.clone(), loaded.day(glob, day)?));
        }
        self.config_base = Some(loaded.base().to_path_buf());
        Ok(Some(loaded))
    }

    /// The rules: embedded, then the rule folders; `--disable` and the config's
    /// severities applied. An unknown rule id is an error that lists the valid ones.
    pub fn rules(&self) -> Result<Vec<Box<dyn claimcheck::check::Rule>>, String> {
        let dirs: Vec<&std::path::Path> = self.rules_dirs.iter().map(PathBuf::as_path).collect();
        let mut rules = claimcheck::check::load_rules(&dirs).map_err(|e| e.to_string())?;
        let ids: Vec<String> = rules.iter().map(|r| r.meta().id.clone()).collect();
        let unknown = |id: &str, what: &str| format!("{what}: no rule `{id}`; the rules are: {}", ids.join(", "));
        for id in &self.disable {
            if !ids.contains(id) {
                return Err(unknown(id, "--disable"));
            }
        }
        for (id, level, at) in &self.severity {
            let Some(r) = rules.iter_mut().find(|r| &r.meta().id == id) else {
                return Err(unknown(id, &format!("{at}: severity")));
            };
            r.meta_mut().severity = *level;
        }
        rules.retain(|r| !self.disable.contains(&r.meta().id));
        Ok(rules)
    }

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
            published_for: self.published_for(),
            rules_dirs: self.rules_dirs.clone(),
            ..Default::default()
        }
    }

    /// The config's publication dates by file glob, as a lookup by document name: a glob
    /// with a `/` matches the path from the config's folder, one without the file name.
    fn published_for(&self) -> Option<claimcheck::PublishedFor> {
        if self.published_files.is_empty() {
            return None;
        }
        let base = self.config_base.clone().unwrap_or_default();
        let base = std::fs::canonicalize(&base).unwrap_or(base);
        let globs: Vec<(globset::GlobMatcher, bool, chrono::NaiveDate)> = self
            .published_files
            .iter()
            .filter_map(|(g, d)| Some((globset::Glob::new(g).ok()?.compile_matcher(), g.contains('/'), *d)))
            .collect();
        Some(std::sync::Arc::new(move |name: &str| {
            let path = std::path::Path::new(name);
            let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let relative = full.strip_prefix(&base).unwrap_or(path);
            let file = path.file_name().map(std::path::Path::new).unwrap_or(path);
            globs.iter().find(|(m, slash, _)| m.is_match(if *slash { relative } else { file })).map(|(_, _, d)| *d)
        }))
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
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "claimcheck", &mut std::io::stdout());
            ExitStatus::Ok
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
                Ok(()) => ExitStatus::Ok,
                Err(e) => ExitStatus::write_error(e),
            }
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
