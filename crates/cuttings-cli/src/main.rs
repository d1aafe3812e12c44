//! `cuttings`: the command-line face of a Cuttings library. Arguments in, core calls, results
//! out as text or `--json`; every rule lives in cuttings-core.

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
