//! Commands on single clippings and the library as a whole.

use std::process::ExitCode;

use anyhow::{bail, Result};
use cuttings_core::date_format::{date_label, DateStyle};
use cuttings_core::{ClippingPatch, Library, PartialDate};
use serde_json::json;

use crate::cli::EditArgs;
use crate::commands::list::status;
use crate::output::{clipping_json, print_json};

pub fn show(lib: &Library, id: i64, raw: bool, json: bool) -> Result<ExitCode> {
    if raw {
        match lib.clipping_raw(id)? {
            Some(r) if json => print_json(&json!({"id": id, "raw": r})),
            Some(r) => print!("{r}"),
            None => bail!("clipping {id} has no source text kept"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let c = lib.clipping(id)?;
    if json {
        print_json(&clipping_json(&c));
        return Ok(ExitCode::SUCCESS);
    }
    say!("{}", c.title);
    if let Some(s) = &c.standfirst {
        say!("{s}");
    }
    say!();
    let line = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            say!("{k:<9} {v}");
        }
    };
    line("Id", Some(c.id.to_string()));
    line("Source", c.source.clone());
    line("Date", Some(date_label(c.published, DateStyle::Short)));
    line(
        "Modified",
        c.modified.map(|m| date_label(Some(m), DateStyle::Short)),
    );
    line("By", Some(c.authors.join(", ")));
    line("Place", c.place.clone());
    line("URL", c.url.clone());
    line("Tags", Some(c.tags.join(", ")));
    line(
        "Status",
        Some(format!(
            "{}{}",
            c.status.as_str(),
            if c.starred { ", starred" } else { "" }
        )),
    );
    line("Words", Some(c.word_count.to_string()));
    if c.deleted_at.is_some() {
        line(
            "Trash",
            Some("in the trash (cuttings restore to bring it back)".into()),
        );
    }
    say!("\n{}\n", c.body);
    for n in &c.notes {
        say!(
            "— note {} ({}):\n{}\n",
            n.id,
            n.created_at.format("%Y-%m-%d %H:%M"),
            n.body
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn opt(v: &Option<String>) -> Option<Option<String>> {
    v.as_ref()
        .map(|s| Some(s.clone()).filter(|s| !s.trim().is_empty()))
}

pub fn edit(lib: &mut Library, a: &EditArgs, json: bool) -> Result<ExitCode> {
    let published = match a.date.as_deref() {
        None => None,
        Some(d) if d.trim().eq_ignore_ascii_case("unknown") || d.trim().is_empty() => Some(None),
        Some(d) => Some(Some(
            PartialDate::parse_iso(d).map_err(|e| anyhow::anyhow!("--date: {e}"))?,
        )),
    };
    let patch = ClippingPatch {
        title: a.title.clone(),
        standfirst: opt(&a.standfirst),
        url: opt(&a.url),
        source: opt(&a.source),
        authors: if a.no_authors {
            Some(Vec::new())
        } else {
            (!a.authors.is_empty()).then(|| a.authors.clone())
        },
        published,
        place: opt(&a.place),
        language: opt(&a.language),
        section: opt(&a.section),
        page: opt(&a.page),
        status: a.status.map(status),
        starred: if a.star {
            Some(true)
        } else if a.unstar {
            Some(false)
        } else {
            None
        },
        body: None,
    };
    if patch == ClippingPatch::default() {
        bail!("nothing to change: give at least one of --title, --date, --source, --author, --place, --status, --star …");
    }
    let n = lib.update_clippings(&a.ids, &patch)?;
    if json {
        let items: Vec<_> = a
            .ids
            .iter()
            .map(|id| lib.clipping(*id).map(|c| clipping_json(&c)))
            .collect::<Result<_, _>>()?;
        print_json(&json!({"updated": n, "items": items}));
    } else {
        say!("updated {n} clipping{}", if n == 1 { "" } else { "s" });
    }
    Ok(ExitCode::SUCCESS)
}

pub fn trash(lib: &mut Library, ids: &[i64], to_trash: bool, json: bool) -> Result<ExitCode> {
    let n = if to_trash {
        lib.trash(ids)?
    } else {
        lib.restore(ids)?
    };
    let verb = if to_trash {
        "moved to the trash"
    } else {
        "restored"
    };
    if json {
        print_json(&json!({ if to_trash { "trashed" } else { "restored" }: n }));
    } else {
        say!("{verb}: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn empty_trash(lib: &mut Library, json: bool) -> Result<ExitCode> {
    let n = lib.empty_trash(None)?;
    if json {
        print_json(&json!({"deleted": n}));
    } else {
        say!("deleted for good: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(lib: &Library, json: bool) -> Result<ExitCode> {
    let s = lib.stats()?;
    if json {
        print_json(&serde_json::to_value(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    say!("library   {}", lib.path().display());
    say!(
        "clippings {} (inbox {}, filed {}, archived {}; starred {}; undated {})",
        s.total,
        s.inbox,
        s.filed,
        s.archived,
        s.starred,
        s.undated
    );
    say!("trash     {}", s.trash);
    say!("sources   {}", s.sources);
    say!("tags      {}", s.tags);
    say!("notes     {}", s.notes);
    if let (Some(a), Some(b)) = (s.earliest, s.latest) {
        say!("dates     {a} to {b}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check(lib: &Library, json: bool) -> Result<ExitCode> {
    lib.check_integrity()?;
    if json {
        print_json(&json!({"ok": true}));
    } else {
        say!("the library file and its search index are sound");
    }
    Ok(ExitCode::SUCCESS)
}
