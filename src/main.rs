//! The `claimcheck` command: arguments in, the library's report out.
//!
//! This file only parses the command line and hands over to [`cli::run`]; each
//! subcommand is one file in `src/cli/`.

mod cli;

/// mimalloc: a corpus is many small allocations made on two threads at once (tokens,
/// words, facts), which it serves faster than the system's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
