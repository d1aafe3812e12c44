//! `cuttings suggest`: the topics the library's model offers for clippings, and accepting
//! them.

use std::process::ExitCode;

use anyhow::Result;
use cuttings_core::Library;
use serde_json::json;

use super::list;
use crate::cli::{OnOff, SuggestArgs};
use crate::output::print_json;

pub fn run(lib: &mut Library, a: SuggestArgs, json: bool) -> Result<ExitCode> {
    if let Some(when) = a.on_arrival {
        lib.set_files_on_arrival(when == OnOff::On)?;
        let on = lib.files_on_arrival()?;
        if json {
            print_json(&json!({ "file_on_arrival": on }));
        } else if on {
            say!("clippings arriving from now on are filed under the topics offered ticked, marked for review (is:auto-tagged)");
        } else {
            say!("clippings arriving from now on are offered topics, not filed");
        }
        if a.ids.is_empty() && !a.untagged && a.search.is_none() {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let ids = if !a.ids.is_empty() {
        a.ids.clone()
    } else if a.untagged {
        lib.untagged_clippings(usize::try_from(a.filter.limit).unwrap_or(0))?
    } else {
        let f = list::filter(a.search.as_deref(), &a.filter)?;
        let sort = list::sort(a.filter.sort, a.search.is_some());
        lib.search(&f, sort, a.filter.offset, a.filter.limit, false)?
            .items
            .iter()
            .map(|c| c.id)
            .collect()
    };
    if lib.topic_model_stale()? {
        if !json {
            eprintln!("learning the topics from your filing…");
        }
        lib.learn_topics()?;
    }
    if a.keep {
        let kept = lib.keep_auto_tags(&ids)?;
        if json {
            print_json(&json!({ "kept": kept }));
        } else {
            say!("kept {kept} topics put on as the clippings arrived");
        }
        return Ok(ExitCode::SUCCESS);
    }
    if a.accept {
        let done = lib.accept_suggestions(&ids)?;
        if json {
            print_json(&json!({
                "accepted": done.applied.iter().map(|(id, tags)| json!({"id": id, "tags": tags})).collect::<Vec<_>>(),
            }));
        } else if done.applied.is_empty() {
            say!("no topic was likely enough to file any of them");
        } else {
            for (id, tags) in &done.applied {
                say!("{id:>6}  filed under {}", tags.join(", "));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let all = lib.suggest_topics(&ids)?;
    if json {
        print_json(&json!(all
            .iter()
            .map(|s| json!({
                "id": s.id,
                "suggestions": s.topics.iter().map(|t| json!({
                    "tag": t.tag,
                    "score": t.score,
                    "suggested": t.suggested,
                    "why": t.why,
                })).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()));
        return Ok(ExitCode::SUCCESS);
    }
    let status = lib.topic_model_status()?;
    if status.topics == 0 {
        say!(
            "no topic has {} filed clippings yet: file a few under each topic, and suggestions follow",
            cuttings_core::suggest::MIN_EXAMPLES
        );
        return Ok(ExitCode::SUCCESS);
    }
    for s in &all {
        if s.topics.is_empty() {
            say!("{:>6}  (no suggestion)", s.id);
            continue;
        }
        for (i, t) in s.topics.iter().enumerate() {
            let head = if i == 0 {
                format!("{:>6}", s.id)
            } else {
                " ".repeat(6)
            };
            say!(
                "{head}  [{}] {:<30} {:.3}  ({})",
                if t.suggested { "x" } else { " " },
                t.tag,
                t.score,
                t.why.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
