//! `cuttings add`, `fetch --pending` and `feed …`.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use cuttings_core::{Inserted, Library};
use cuttings_read::capture::{ops, FetchOptions};
use serde_json::json;

use crate::cli::FeedCommand;
use crate::output::print_json;

fn opts(timeout: u64) -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(timeout.max(1)),
        ..FetchOptions::default()
    }
}

pub fn add(
    lib: &mut Library,
    url: &str,
    tags: &[String],
    timeout: u64,
    json: bool,
) -> Result<ExitCode> {
    let r = ops::add_url(lib, url, tags, &opts(timeout))?;
    let c = lib.clipping(r.id())?;
    if json {
        print_json(&json!({
            "outcome": match r { Inserted::New(_) => "new", Inserted::Existing(_) => "already_present" },
            "id": c.id,
            "title": c.title,
            "source": c.source,
            "published": c.published.map(|d| d.to_string()),
        }));
    } else {
        match r {
            Inserted::New(id) => println!("added {id}: {}", c.title),
            Inserted::Existing(id) => println!("already present as {id}: {}", c.title),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn fetch_pending(
    lib: &mut Library,
    limit: Option<usize>,
    timeout: u64,
    json: bool,
) -> Result<ExitCode> {
    let s = ops::fetch_pending(lib, limit, &opts(timeout), &mut |i, n, url| {
        if !json {
            eprintln!("[{i}/{n}] {url}");
        }
    })?;
    if json {
        print_json(&json!({
            "fetched": s.fetched.len(),
            "ids": s.fetched,
            "failed": s.failed,
            "left": s.left,
        }));
    } else {
        println!(
            "fetched {}, failed {}{}",
            s.fetched.len(),
            s.failed.len(),
            if s.left > 0 {
                format!(", {} left for later", s.left)
            } else {
                String::new()
            }
        );
        for f in &s.failed {
            println!("  failed: {}: {}", f.path, f.reason);
        }
    }
    Ok(if s.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

pub fn feed(lib: &mut Library, cmd: FeedCommand, json: bool) -> Result<ExitCode> {
    let o = FetchOptions::default();
    match cmd {
        FeedCommand::Add { source, tags } => {
            let (f, new, stored) = ops::subscribe(lib, &source, &tags, &o)?;
            if json {
                print_json(
                    &json!({"feed": f, "subscribed": new, "new": stored.new.len(),
                    "already_present": stored.already_present.len(), "seen": stored.seen,
                    "failed": stored.failed, "ids": stored.new}),
                );
            } else {
                println!(
                    "{} feed {}: {} — {} new, {} already present",
                    if new {
                        "subscribed to"
                    } else {
                        "already subscribed to"
                    },
                    f.id,
                    f.title.as_deref().unwrap_or(&f.url),
                    stored.new.len(),
                    stored.already_present.len()
                );
                for (item, reason) in &stored.failed {
                    println!("  failed: {item}: {reason}");
                }
            }
        }
        FeedCommand::Refresh { feed } => {
            let r = ops::refresh(lib, feed.as_deref(), &o)?;
            if json {
                print_json(&serde_json::to_value(&r)?);
            } else {
                for x in &r {
                    let name = x.feed.title.as_deref().unwrap_or(&x.feed.url);
                    match &x.error {
                        Some(e) => println!("{} {name}: failed: {e}", x.feed.id),
                        None => println!(
                            "{} {name}: {} new, {} already present",
                            x.feed.id,
                            x.stored.new.len(),
                            x.stored.already_present.len()
                        ),
                    }
                }
            }
            if r.iter().any(|x| x.error.is_some()) {
                return Ok(ExitCode::from(2));
            }
        }
        FeedCommand::List => {
            let feeds = lib.feeds()?;
            if json {
                print_json(&json!({"items": feeds}));
            } else if feeds.is_empty() {
                println!("no feeds");
            } else {
                for f in feeds {
                    println!(
                        "{:>4}  {}  ({} items{})\n      {}",
                        f.id,
                        f.title.as_deref().unwrap_or("(untitled)"),
                        f.items,
                        f.last_error
                            .map(|e| format!("; last refresh failed: {e}"))
                            .unwrap_or_default(),
                        f.url
                    );
                }
            }
        }
        FeedCommand::Remove { feed } => {
            lib.remove_feed(&feed)?;
            if json {
                print_json(&json!({"removed": feed}));
            } else {
                println!("unsubscribed from {feed}");
            }
        }
        FeedCommand::Import { path } => {
            let (new, known) = ops::import_opml(lib, &path)?;
            if json {
                print_json(&json!({"subscribed": new, "already_subscribed": known}));
            } else {
                println!("subscribed to {new} feeds, {known} already subscribed; `cuttings feed refresh` brings their items");
            }
        }
        FeedCommand::Export { path } => {
            let opml = ops::export_opml(lib)?;
            match path {
                Some(p) => {
                    std::fs::write(&p, opml)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
                    if json {
                        print_json(&json!({"written": p}));
                    } else {
                        println!("wrote {}", p.display());
                    }
                }
                None => print!("{opml}"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
