//! The `claimcheck` command: arguments in, the library's report out.
//!
//! This file only parses the command line and hands over to [`cli::run`]; each
//! subcommand is one file in `src/cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
