//! `cuttings`: the command-line face of a Cuttings library. Arguments in, core calls, results
//! out as text or `--json`; every rule lives in cuttings-core.

/// Writes a line to stdout. When the reader has gone (`cuttings list | head`), stop quietly
/// instead of panicking as `println!` does. Defined before the modules so they all see it.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            panic!("writing to stdout: {e}");
        }
    }};
}

mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cuttings: {e:#}");
            ExitCode::from(1)
        }
    }
}
