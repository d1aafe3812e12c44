//! How results look: JSON with the documented names, or text for a terminal.

use cuttings_core::search::{HIT_END, HIT_START};
use cuttings_core::{Clipping, ClippingSummary};
use serde_json::{json, Value};

/// The JSON form of a clipping, with the field names the CLI documents.
pub fn clipping_json(c: &Clipping) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "standfirst": c.standfirst,
        "body": c.body,
        "source": c.source,
        "authors": c.authors,
        "published": c.published.map(|d| d.to_string()),
        "date_precision": c.date_precision,
        "date_origin": c.date_origin,
        "modified": c.modified.map(|d| d.to_string()),
        "place": c.place,
        "language": c.language,
        "section": c.section,
        "page": c.page,
        "url": c.url,
        "tags": c.tags,
        "auto_tags": c.auto_tags,
        "notes": c.notes.iter().map(|n| json!({"id": n.id, "body": n.body, "created_at": n.created_at, "updated_at": n.updated_at})).collect::<Vec<_>>(),
        "status": c.status,
        "starred": c.starred,
        "captured_at": c.captured_at,
        "updated_at": c.updated_at,
        "deleted": c.deleted_at.is_some(),
        "word_count": c.word_count,
        "origin": c.origin,
        "story": c.story,
    })
}

pub fn summary_json(c: &ClippingSummary) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "source": c.source,
        "authors": c.authors,
        "published": c.published.map(|d| d.to_string()),
        "date_precision": c.date_precision,
        "place": c.place,
        "tags": c.tags,
        "status": c.status,
        "starred": c.starred,
        "captured_at": c.captured_at,
        "word_count": c.word_count,
        "snippet": c.snippet.replace([HIT_START, HIT_END], ""),
        "story": c.story,
        "copies": c.copies,
        "story_sources": c.story_sources,
    })
}

/// A snippet for a terminal: hits in bold where the output is a terminal, else in brackets.
pub fn terminal_snippet(s: &str, colour: bool) -> String {
    let (a, b) = if colour {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    s.replace(HIT_START, a).replace(HIT_END, b)
}

pub fn print_json(v: &Value) {
    say!(
        "{}",
        serde_json::to_string_pretty(v).expect("JSON values always serialise")
    );
}

/// A progress bar on stderr that only appears when work takes more than a moment, and never
/// in JSON mode or when stderr is not a terminal.
pub struct Bar {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
}

impl Bar {
    pub fn new(verb: &str, json: bool) -> Bar {
        use std::io::IsTerminal;
        let bar = (!json && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(0);
            b.set_style(
                indicatif::ProgressStyle::with_template(&format!(
                    "{{spinner}} {verb} {{bar:30}} {{pos}}/{{len}} {{wide_msg}}"
                ))
                .expect("the template is valid"),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        Bar {
            bar,
            started: std::time::Instant::now(),
        }
    }

    pub fn show(&self, done: usize, total: usize, current: &str) {
        if let Some(b) = &self.bar {
            if self.started.elapsed() > std::time::Duration::from_millis(300) {
                b.set_length(total as u64);
                b.set_position(done as u64);
                b.set_message(current.to_string());
            }
        }
    }

    pub fn finish(self) {
        if let Some(b) = self.bar {
            b.finish_and_clear();
        }
    }
}
