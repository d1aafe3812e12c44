//! Plain-text wire copy: a headline, maybe a byline and a standfirst, a dateline opening the
//! first paragraph, the story, maybe a closing byline, then whatever the site appended.
//!
//! Everything here is a reading of conventions, not a grammar, so each step only acts when the
//! text clearly follows the convention and otherwise leaves the field empty.

use cuttings_core::date::DateOrigin;
use cuttings_core::model::ClippingDraft;

use super::byline::{bare_names, by_line};
use super::dateline::read_dateline;

/// Whole lines that mark the end of the article and the start of a site's links and teasers.
const TRAILERS: &[&str] = &[
    "also read",
    "check also",
    "more on this story",
    "read also",
    "read more",
    "recommended",
    "related",
    "related articles",
    "related news",
    "related posts",
    "related stories",
    "see also",
    "share this",
    "share this article",
    "you may also like",
];

/// Longer first lines are taken for paragraphs: real headlines rarely pass 200 characters.
const MAX_HEADLINE: usize = 250;

/// Reads a plain-text article. Never fails: what cannot be read with confidence stays empty, and
/// `raw` keeps the text as given.
pub fn parse_plain_text(text: &str) -> ClippingDraft {
    let mut draft = ClippingDraft {
        raw: Some(text.to_owned()),
        ..ClippingDraft::default()
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
        return draft;
    };
    let lone = lines[first + 1..].iter().all(|l| l.is_empty());
    // A lone paragraph is more likely a pasted passage than a headline with no story, and a
    // first line that opens with a dateline or runs on for sentences is the story itself.
    let headline = !lone
        && lines[first].chars().count() <= MAX_HEADLINE
        && read_dateline(lines[first]).is_none();
    let mut rest: Vec<&str> = if headline {
        draft.title = lines[first].to_owned();
        lines[first + 1..].to_vec()
    } else {
        lines[first..].to_vec()
    };

    cut_trailers(&mut rest);
    draft.authors = take_byline(&mut rest);

    let mut paragraphs = paragraphs(&rest);
    let dateline = match paragraphs.first().and_then(|p| read_dateline(p)) {
        Some(d) => Some(d),
        None if paragraphs.len() >= 2 && is_standfirst(&paragraphs[0]) => {
            read_dateline(&paragraphs[1]).inspect(|_| {
                draft.standfirst = Some(paragraphs.remove(0));
            })
        }
        None => None,
    };
    if let Some(d) = dateline {
        let opening = paragraphs[0][d.len..].trim_start().to_owned();
        if opening.is_empty() {
            paragraphs.remove(0);
        } else {
            paragraphs[0] = opening;
        }
        draft.place = Some(d.place);
        draft.source = Some(d.source);
        if d.date.is_some() {
            draft.published = d.date;
            draft.date_origin = Some(DateOrigin::Parsed);
        }
    }
    draft.body = paragraphs.join("\n\n");
    draft
}

/// Drops the first trailer line and all after it, but never before some article text.
fn cut_trailers(lines: &mut Vec<&str>) {
    let mut seen_text = false;
    for (i, line) in lines.iter().enumerate() {
        if seen_text && is_trailer(line) {
            lines.truncate(i);
            return;
        }
        seen_text |= !line.is_empty();
    }
}

fn is_trailer(line: &str) -> bool {
    let key = line.trim_end_matches([':', '…', '.', ' ']).to_lowercase();
    TRAILERS.contains(&key.as_str())
}

/// Takes a `By` line from among the first two lines of text, or else a byline (`By` or bare
/// names) from the last line, blanking it so that the paragraphs around it stay apart.
fn take_byline(lines: &mut [&str]) -> Vec<String> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    if filled.len() < 2 {
        return Vec::new();
    }
    for &i in filled.iter().take(2) {
        if let Some(authors) = by_line(lines[i]) {
            lines[i] = "";
            return authors;
        }
    }
    let last = filled[filled.len() - 1];
    match by_line(lines[last]).or_else(|| bare_names(lines[last])) {
        Some(authors) => {
            lines[last] = "";
            authors
        }
        None => Vec::new(),
    }
}

/// Groups lines into paragraphs. Blank lines always separate paragraphs. Within a run of lines,
/// short lines are hard-wrapped text and are joined; long lines that end a sentence are each a
/// paragraph, since some sites drop the blank line between paragraphs.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for block in lines.split(|l| l.is_empty()).filter(|b| !b.is_empty()) {
        let wrapped = block.len() > 1 && block[..block.len() - 1].iter().all(|l| l.len() <= 80);
        let mut current = String::new();
        for line in block {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
            if !wrapped && ends_sentence(line) {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ':'])
}

/// A standfirst is one short sentence standing alone between the headline and the dateline.
fn is_standfirst(paragraph: &str) -> bool {
    let words = paragraph.split_whitespace().count();
    let inner_break = paragraph
        .trim_end_matches(['.', '!', '?'])
        .contains(['.', '!', '?']);
    (3..=40).contains(&words) && !inner_break
}

#[cfg(test)]
mod tests;
