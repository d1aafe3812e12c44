//! One function per subcommand: read arguments, call the core, print.

mod capture;
mod clippings;
mod coverage;
mod export;
mod import;
mod list;
mod organise;
mod stories;
mod suggest;

use std::process::ExitCode;

use anyhow::Result;
use cuttings_core::Library;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> Result<ExitCode> {
    let path = Library::resolve_path(cli.library.as_deref())?;
    let mut lib = Library::open(&path)?;
    let json = cli.json;
    match cli.command {
        Command::Import {
            paths,
            tags,
            max_mb,
        } => import::run(&mut lib, &paths, tags, max_mb, json),
        Command::List(args) => list::run(&lib, None, &args, json),
        Command::Search { query, list } => list::run(&lib, query.as_deref(), &list, json),
        Command::Show { id, raw } => clippings::show(&lib, id, raw, json),
        Command::Edit(args) => clippings::edit(&mut lib, &args, json),
        Command::Delete { ids } => clippings::trash(&mut lib, &ids, true, json),
        Command::Restore { ids } => clippings::trash(&mut lib, &ids, false, json),
        Command::EmptyTrash => clippings::empty_trash(&mut lib, json),
        Command::Tag(t) => organise::tag(&mut lib, t, json),
        Command::Note(n) => organise::note(&mut lib, n, json),
        Command::Sources { action } => organise::sources(&mut lib, action, json),
        Command::Saved(s) => organise::saved(&mut lib, s, json),
        Command::Stories(s) => stories::run(&mut lib, s, json),
        Command::Suggest(s) => suggest::run(&mut lib, s, json),
        Command::Coverage(c) => coverage::run(&lib, &c, json),
        Command::Stats => clippings::stats(&lib, json),
        Command::Check => clippings::check(&lib, json),
        Command::Add { url, tags, timeout } => capture::add(&mut lib, &url, &tags, timeout, json),
        Command::Fetch { limit, timeout, .. } => {
            capture::fetch_pending(&mut lib, limit, timeout, json)
        }
        Command::Feed(f) => capture::feed(&mut lib, f, json),
        Command::Export(args) => export::run(&lib, &args, json),
    }
}
