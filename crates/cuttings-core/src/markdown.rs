//! Notes' Markdown as HTML, rendered once here for the window and the reports alike.
//!
//! CommonMark through pulldown-cmark, with what a note must never carry taken out: raw HTML in
//! a note is shown as text, links go only to http, https and mailto addresses (anything else
//! keeps its words and loses the link), and images are shown as their description, so a report
//! or the window never loads anything from the network because of a note. The output is XHTML
//! (self-closed empty tags), so the EPUB can take it as it is.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Note headings sit below the headings of the reader or the report they appear in.
fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A note's Markdown as safe HTML.
pub fn note_html(source: &str) -> String {
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    // Links dropped for their address, and images, are counted so their closing tags go too.
    let mut dropped_links = Vec::new();
    let mut in_image = 0usize;
    let events = Parser::new_ext(source, opts).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = safe_link(&dest_url);
            dropped_links.push(!keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => match dropped_links.pop() {
            Some(true) => None,
            _ => Some(Event::End(TagEnd::Link)),
        },
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
        Event::Text(t) if in_image > 0 => Some(Event::Text(t)),
        other => Some(other),
    });
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// A note's Markdown as plain paragraphs (blank-line separated), for output that has no
/// markup of its own (the PDF report): the marks are dropped, list items start with "• ",
/// and a link keeps its words.
pub fn note_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let break_para = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    for e in Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ) {
        match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => {
                break_para(&mut out);
                out.push_str("• ");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                break_para(&mut out)
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::{note_html, note_text};

    #[test]
    fn emphasis_lists_and_headings_are_rendered_with_headings_lowered() {
        let html = note_html("# Lead\n\nSee **this** and *that*.\n\n- one\n- two");
        assert!(html.contains("<h3>Lead</h3>"), "{html}");
        assert!(html.contains("<strong>this</strong>"), "{html}");
        assert!(html.contains("<em>that</em>"), "{html}");
        assert!(
            html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
            "{html}"
        );
    }

    #[test]
    fn no_html_from_a_note_gets_through() {
        let html = note_html(
            "<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick=x>hi</div>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_go_only_to_web_and_mail_addresses_and_images_load_nothing() {
        assert!(note_html("[a](https://sana.sy/x)").contains("href=\"https://sana.sy/x\""));
        let bad = note_html("[a](javascript:alert(1)) and [b](data:text/html,x)");
        assert!(!bad.contains("href"), "{bad}");
        assert!(bad.contains('a') && bad.contains('b'), "{bad}");
        let img = note_html("![the map](https://tracker.example/pixel.png)");
        assert!(!img.contains("<img"), "{img}");
        assert!(img.contains("the map"), "{img}");
    }

    #[test]
    fn the_output_is_well_formed_for_xhtml() {
        let html = note_html("one  \ntwo\n\n---\n\n`a<b`");
        assert!(html.contains("<br />"), "{html}");
        assert!(html.contains("<hr />"), "{html}");
        assert!(html.contains("<code>a&lt;b</code>"), "{html}");
    }

    #[test]
    fn plain_text_drops_the_marks_and_keeps_the_words_and_paragraphs() {
        let text = note_text(
            "Compare with the *TASS* version.\n\n- one\n- [two](https://a.example)\n\n# Lead",
        );
        assert_eq!(
            text,
            "Compare with the TASS version.\n\n• one\n\n• two\n\nLead"
        );
        assert_eq!(
            note_text("<b>raw</b> stays as typed"),
            "<b>raw</b> stays as typed"
        );
    }
}
