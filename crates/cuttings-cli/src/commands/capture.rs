//! `cuttings add`, `fetch --pending`, `feed …` and `accuracy`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use cuttings_core::capture::{accuracy as acc, ops, FetchOptions};
use cuttings_core::{Inserted, Library};
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

pub fn accuracy(path: &Path, verbose: bool, json: bool) -> Result<ExitCode> {
    let a = acc::measure(path)?;
    if json {
        print_json(&serde_json::to_value(&a)?);
        return Ok(ExitCode::SUCCESS);
    }
    if verbose {
        for p in &a.pages {
            let mark = |ok: Option<bool>| match ok {
                Some(true) => "ok ",
                Some(false) => "MISS",
                None => " -  ",
            };
            println!("{}", p.page);
            if let Some(e) = &p.error {
                println!("  error: {e}");
            }
            println!(
                "  title  {} {:?} / want {:?}",
                mark(Some(p.title_ok)),
                p.title.0.as_deref().unwrap_or(""),
                p.title.1
            );
            println!(
                "  byline {} {:?} / want {:?}",
                mark(p.byline_ok),
                p.byline.0.as_deref().unwrap_or(""),
                p.byline.1
            );
            println!(
                "  site   {} {:?} / want {:?}",
                mark(p.site_ok),
                p.site.0.as_deref().unwrap_or(""),
                p.site.1
            );
            println!(
                "  date   {} {:?} / want {:?}",
                mark(p.date_ok),
                p.date.0.as_deref().unwrap_or(""),
                p.date.1
            );
        }
        println!();
    }
    println!("{} pages in {}", a.pages.len(), path.display());
    for (name, s) in [
        ("title", a.title),
        ("byline", a.byline),
        ("site name", a.site),
        ("published date", a.date),
    ] {
        println!("{name:<15} {:>5.1}%  ({} of {})", s.percent(), s.ok, s.of);
    }
    let t = a.title_without_site;
    println!(
        "(title with the site's name also taken off the reference: {:.1}%, {} of {})",
        t.percent(),
        t.ok,
        t.of
    );
    Ok(ExitCode::SUCCESS)
}
