//! `cuttings list` and `cuttings search`.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use cuttings_core::date_format::{date_label, DateStyle};
use cuttings_core::{Filter, Library, Match, PartialDate, Scope, Sort, Status};
use serde_json::json;

use crate::cli::{ListArgs, SortArg, StatusArg};
use crate::output::{print_json, summary_json, terminal_snippet};

pub fn status(s: StatusArg) -> Status {
    match s {
        StatusArg::Inbox => Status::Inbox,
        StatusArg::Filed => Status::Filed,
        StatusArg::Archived => Status::Archived,
    }
}

fn date(flag: &str, v: &Option<String>) -> Result<Option<PartialDate>> {
    v.as_deref()
        .map(|s| PartialDate::parse_iso(s).map_err(|e| anyhow::anyhow!("--{flag}: {e}")))
        .transpose()
}

pub fn filter(query: Option<&str>, a: &ListArgs) -> Result<Filter> {
    Ok(Filter {
        text: query.unwrap_or_default().to_string(),
        tags: a.tags.clone(),
        tag_match: if a.any_tag { Match::Any } else { Match::All },
        sources: a.sources.clone(),
        authors: a.authors.clone(),
        places: a.places.clone(),
        from: date("from", &a.from)?,
        to: date("to", &a.to)?,
        include_undated: a.include_undated,
        status: a.status.map(status),
        starred: a.starred.then_some(true),
        scope: if a.trash { Scope::Trash } else { Scope::Live },
        ids: None,
        group_copies: a.group_copies,
    })
}

pub fn sort(s: Option<SortArg>, has_query: bool) -> Sort {
    match s {
        Some(SortArg::Relevance) => Sort::Relevance,
        Some(SortArg::Date) => Sort::Date,
        Some(SortArg::Oldest) => Sort::DateAsc,
        Some(SortArg::Source) => Sort::Source,
        Some(SortArg::Title) => Sort::Title,
        Some(SortArg::Captured) => Sort::Captured,
        None if has_query => Sort::Relevance,
        None => Sort::Date,
    }
}

pub fn run(lib: &Library, query: Option<&str>, a: &ListArgs, json: bool) -> Result<ExitCode> {
    let f = filter(query, a)?;
    let page = lib.search(&f, sort(a.sort, query.is_some()), a.offset, a.limit, true)?;
    let total = page.total.unwrap_or(0);
    if json {
        print_json(&json!({
            "total": total,
            "offset": a.offset,
            "items": page.items.iter().map(summary_json).collect::<Vec<_>>(),
        }));
        return Ok(ExitCode::SUCCESS);
    }
    let colour = std::io::stdout().is_terminal();
    for c in &page.items {
        let mut meta = vec![date_label(c.published, DateStyle::Short)];
        if let Some(s) = &c.source {
            meta.push(s.clone());
        }
        if !c.authors.is_empty() {
            meta.push(c.authors.join(", "));
        }
        say!(
            "{:>6}  {}{}",
            c.id,
            if c.starred { "★ " } else { "" },
            c.title
        );
        say!("        {}", meta.join(" · "));
        if !c.tags.is_empty() {
            say!("        tags: {}", c.tags.join(", "));
        }
        if query.is_some() && !c.snippet.is_empty() {
            say!(
                "        {}",
                terminal_snippet(
                    &c.snippet.split_whitespace().collect::<Vec<_>>().join(" "),
                    colour
                )
            );
        }
    }
    let shown = page.items.len() as i64;
    if shown == 0 {
        say!("no clippings match");
    } else if total > shown {
        say!("{}-{} of {total}", a.offset + 1, a.offset + shown);
    } else {
        say!("{total} clipping{}", if total == 1 { "" } else { "s" });
    }
    Ok(ExitCode::SUCCESS)
}
