//! `cuttings stories`: stories with their copies, and the user's splits, merges and kept copy.

use std::process::ExitCode;

use anyhow::Result;
use cuttings_core::store::Story;
use cuttings_core::Library;
use serde_json::{json, Value};

use super::list;
use crate::cli::{StoriesArgs, StoryCommand};
use crate::output::print_json;

fn story_json(s: &Story) -> Value {
    json!({
        "id": s.id,
        "sources": s.sources,
        "copies": s.copies.iter().map(|c| json!({
            "id": c.id,
            "title": c.title,
            "source": c.source,
            "published": c.published.map(|d| d.to_string()),
            "word_count": c.word_count,
            "lead": c.lead,
            "first": c.first,
            "kept": c.kept,
            "by_user": c.by_user,
            "deleted": c.deleted,
            "added": c.added,
            "words_left_out": c.words_left_out,
        })).collect::<Vec<_>>(),
    })
}

fn print_story(s: &Story, detail: bool) {
    let live = s.copies.iter().filter(|c| !c.deleted).count();
    say!(
        "story {}  carried by {} clipping{} from {} source{}",
        s.id,
        live,
        if live == 1 { "" } else { "s" },
        s.sources,
        if s.sources == 1 { "" } else { "s" }
    );
    for c in &s.copies {
        let mut marks = Vec::new();
        if c.first {
            marks.push("first");
        }
        if c.kept {
            marks.push("kept");
        }
        if c.by_user {
            marks.push("placed by you");
        }
        if c.deleted {
            marks.push("in the trash");
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("  [{}]", marks.join(", "))
        };
        say!(
            "  {:>6}  {:<12}  {:<20}  {}{marks}",
            c.id,
            c.date_label,
            c.source.as_deref().unwrap_or("(no source)"),
            c.title
        );
        if detail && !c.lead {
            if c.words_left_out > 0 {
                say!(
                    "          leaves out {} words of the first copy",
                    c.words_left_out
                );
            }
            for a in &c.added {
                say!("          adds: {a}");
            }
        }
    }
}

pub fn run(lib: &mut Library, a: StoriesArgs, json: bool) -> Result<ExitCode> {
    match a.action {
        None => {
            let f = list::filter(a.search.as_deref(), &a.filter)?;
            let sort = list::sort(a.filter.sort, a.search.is_some());
            let offset = usize::try_from(a.filter.offset).unwrap_or(0);
            let limit = usize::try_from(a.filter.limit).unwrap_or(0);
            let stories = lib.stories(&f, sort, offset, limit, a.min_copies)?;
            if json {
                print_json(&json!({
                    "offset": offset,
                    "stories": stories.iter().map(story_json).collect::<Vec<_>>(),
                }));
            } else if stories.is_empty() {
                say!("no stories match");
            } else {
                for s in &stories {
                    print_story(s, false);
                }
            }
        }
        Some(StoryCommand::Show { story }) => {
            let s = lib.story(story)?;
            if json {
                print_json(&story_json(&s));
            } else {
                print_story(&s, true);
            }
        }
        Some(StoryCommand::Split { id }) => {
            let story = lib.split_copy(id)?;
            if json {
                print_json(&json!({"id": id, "story": story}));
            } else {
                say!("clipping {id} is now story {story} on its own");
            }
        }
        Some(StoryCommand::Merge { stories }) => {
            let into = lib.merge_stories(&stories)?;
            if json {
                print_json(&json!({"story": into}));
            } else {
                say!("merged into story {into}");
            }
        }
        Some(StoryCommand::Keep { id }) => {
            lib.keep_copy(id)?;
            if json {
                print_json(&json!({"id": id, "kept": true}));
            } else {
                say!("clipping {id} now stands for its story");
            }
        }
        Some(StoryCommand::Unkeep { id }) => {
            lib.unkeep_copy(id)?;
            if json {
                print_json(&json!({"id": id, "kept": false}));
            } else {
                say!("the earliest copy stands for the story of clipping {id} again");
            }
        }
        Some(StoryCommand::Related { id, limit }) => {
            let related = lib.related(id, limit)?;
            if json {
                print_json(&serde_json::to_value(&related)?);
            } else if related.is_empty() {
                say!("nothing related found");
            } else {
                for r in &related {
                    say!(
                        "{:>6}  {:<12}  {:<20}  {}",
                        r.id,
                        r.date_label,
                        r.source.as_deref().unwrap_or("(no source)"),
                        r.title
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
