//! Tags, notes, sources and saved searches.

use std::process::ExitCode;

use anyhow::{anyhow, Result};
use cuttings_core::date_format::{date_label, DateStyle};
use cuttings_core::{Filter, Library, Sort};
use serde_json::json;

use crate::cli::{NoteCommand, SavedCommand, SourceCommand, TagCommand};
use crate::output::{print_json, summary_json};

/// `3 4 Syria/Diplomacy` -> ids [3, 4] and the tag.
fn ids_and_tag(args: &[String]) -> Result<(Vec<i64>, String)> {
    let (tag, ids) = args
        .split_last()
        .ok_or_else(|| anyhow!("give clipping ids and then a tag"))?;
    let ids = ids
        .iter()
        .map(|s| {
            s.parse::<i64>()
                .map_err(|_| anyhow!("'{s}' is not a clipping id (the tag comes last)"))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((ids, tag.clone()))
}

fn done(json: bool, v: serde_json::Value, text: String) -> Result<ExitCode> {
    if json {
        print_json(&v);
    } else {
        say!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn tag(lib: &mut Library, cmd: TagCommand, json: bool) -> Result<ExitCode> {
    match cmd {
        TagCommand::Add { args } => {
            let (ids, tag) = ids_and_tag(&args)?;
            let n = lib.tag_clippings(&ids, &tag)?;
            let tag = cuttings_core::store::normalize_tag_path(&tag)?;
            done(
                json,
                json!({"tag": tag, "tagged": n}),
                format!("tagged {n} with {tag}"),
            )
        }
        TagCommand::Remove { args } => {
            let (ids, tag) = ids_and_tag(&args)?;
            let n = lib.untag_clippings(&ids, &tag)?;
            done(
                json,
                json!({"tag": tag, "untagged": n}),
                format!("removed {tag} from {n}"),
            )
        }
        TagCommand::List => {
            let tags = lib.tags()?;
            if json {
                print_json(&serde_json::to_value(&tags)?);
            } else if tags.is_empty() {
                say!("no tags yet: cuttings tag add ID TAG");
            } else {
                for t in tags {
                    let depth = t.path.matches('/').count();
                    let count = if t.total != t.count {
                        format!("{} ({} here)", t.total, t.count)
                    } else {
                        t.count.to_string()
                    };
                    say!(
                        "{}{}  {}{}",
                        "  ".repeat(depth),
                        t.name,
                        count,
                        t.colour.map(|c| format!("  {c}")).unwrap_or_default()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        TagCommand::Rename { from, to } => {
            lib.rename_tag(&from, &to)?;
            done(
                json,
                json!({"renamed": from, "to": to}),
                format!("renamed {from} to {to}"),
            )
        }
        TagCommand::Merge { from, into } => {
            let n = lib.merge_tags(&from, &into)?;
            done(
                json,
                json!({"merged": from, "into": into, "moved": n}),
                format!("merged {from} into {into}"),
            )
        }
        TagCommand::Delete { tag } => {
            lib.delete_tag(&tag)?;
            done(
                json,
                json!({"deleted": tag}),
                format!("deleted the tag {tag}; its clippings stay"),
            )
        }
        TagCommand::Colour { tag, colour } => {
            lib.set_tag_colour(&tag, Some(colour.as_str()).filter(|c| !c.is_empty()))?;
            done(
                json,
                json!({"tag": tag, "colour": colour}),
                format!(
                    "{tag} is now {}",
                    if colour.is_empty() {
                        "uncoloured"
                    } else {
                        &colour
                    }
                ),
            )
        }
    }
}

pub fn note(lib: &mut Library, cmd: NoteCommand, json: bool) -> Result<ExitCode> {
    match cmd {
        NoteCommand::Add { id, text } => {
            let n = lib.add_note(id, &text)?;
            done(
                json,
                serde_json::to_value(&n)?,
                format!("added note {} to clipping {id}", n.id),
            )
        }
        NoteCommand::List { id } => {
            lib.clipping(id)?;
            let notes = lib.notes(id)?;
            if json {
                print_json(&serde_json::to_value(&notes)?);
            } else if notes.is_empty() {
                say!("clipping {id} has no notes");
            } else {
                for n in notes {
                    say!(
                        "note {} ({}):\n{}\n",
                        n.id,
                        n.created_at.format("%Y-%m-%d %H:%M"),
                        n.body
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        NoteCommand::Edit { note, text } => {
            let n = lib.edit_note(note, &text)?;
            done(
                json,
                serde_json::to_value(&n)?,
                format!("note {note} changed"),
            )
        }
        NoteCommand::Delete { note } => {
            lib.delete_note(note)?;
            done(
                json,
                json!({"deleted": note}),
                format!("note {note} deleted"),
            )
        }
    }
}

pub fn sources(lib: &mut Library, cmd: Option<SourceCommand>, json: bool) -> Result<ExitCode> {
    match cmd {
        None => {
            let sources = lib.sources()?;
            if json {
                print_json(&serde_json::to_value(&sources)?);
            } else if sources.is_empty() {
                say!("no sources yet");
            } else {
                for o in sources {
                    let aka = if o.aliases.is_empty() {
                        String::new()
                    } else {
                        format!("  (also {})", o.aliases.join(", "))
                    };
                    say!("{:>7}  {}{aka}", o.count, o.name);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(SourceCommand::Rename { from, to }) => {
            lib.rename_source(&from, &to)?;
            done(
                json,
                json!({"renamed": from, "to": to}),
                format!("renamed {from} to {to}; '{from}' stays as an alias"),
            )
        }
        Some(SourceCommand::Merge { from, into }) => {
            let n = lib.merge_sources(&from, &into)?;
            done(
                json,
                json!({"merged": from, "into": into, "moved": n}),
                format!("moved {n} clippings from {from} to {into}"),
            )
        }
        Some(SourceCommand::Alias { source, alias }) => {
            lib.add_source_alias(&source, &alias)?;
            done(
                json,
                json!({"source": source, "alias": alias}),
                format!("'{alias}' now means {source}"),
            )
        }
        Some(SourceCommand::Domain { source, domain }) => {
            lib.add_source_domain(&source, &domain)?;
            done(
                json,
                json!({"source": source, "domain": domain}),
                format!("{domain} is {source}"),
            )
        }
    }
}

pub fn saved(lib: &mut Library, cmd: SavedCommand, json: bool) -> Result<ExitCode> {
    match cmd {
        SavedCommand::Add { name, query } => {
            let s = lib.save_search(&name, &query)?;
            done(
                json,
                serde_json::to_value(&s)?,
                format!("saved '{}'", s.name),
            )
        }
        SavedCommand::List => {
            let all = lib.saved_searches()?;
            if json {
                print_json(&serde_json::to_value(&all)?);
            } else if all.is_empty() {
                say!("no saved searches");
            } else {
                for s in all {
                    say!("{}: {}", s.name, s.query);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SavedCommand::Delete { name } => {
            lib.delete_saved_search(&name)?;
            done(json, json!({"deleted": name}), format!("deleted '{name}'"))
        }
        SavedCommand::Run { name, limit } => {
            let s = lib
                .saved_searches()?
                .into_iter()
                .find(|s| s.name.eq_ignore_ascii_case(&name))
                .ok_or_else(|| anyhow!("there is no saved search called '{name}'"))?;
            let f = Filter {
                text: s.query.clone(),
                ..Default::default()
            };
            let page = lib.search(&f, Sort::Relevance, 0, limit, true)?;
            if json {
                print_json(
                    &json!({"total": page.total, "items": page.items.iter().map(summary_json).collect::<Vec<_>>()}),
                );
            } else {
                for c in &page.items {
                    say!(
                        "{:>6}  {}  ({}, {})",
                        c.id,
                        c.title,
                        c.source.as_deref().unwrap_or("no source"),
                        date_label(c.published, DateStyle::Short)
                    );
                }
                let n = page.total.unwrap_or(0);
                say!("{n} clipping{}", if n == 1 { "" } else { "s" });
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
