//! E-mail newsletters, one `.eml` message or an `.mbox` of many, read by `mail-parser`: each
//! message a clipping, its HTML part through the page reader, the sender as the outlet and the
//! `Date` header as the date.

use std::io::BufReader;

use mail_parser::MessageParser;

use super::{html, meta::clean_text};
use cuttings_core::date::{DateOrigin, PartialDate};
use cuttings_core::model::ClippingDraft;

/// Reads one message.
pub fn message(bytes: &[u8]) -> Result<ClippingDraft, String> {
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or("this is not an e-mail message Cuttings can read")?;
    if msg.headers().is_empty() {
        return Err("this is not an e-mail message (it has no headers)".into());
    }
    let subject = msg.subject().and_then(clean_text);
    let sender = msg.from().and_then(|a| a.first()).and_then(|a| {
        a.name()
            .and_then(clean_text)
            .or_else(|| a.address().map(str::to_string))
    });
    let published = msg.date().and_then(|d| {
        PartialDate::day(i32::from(d.year), u32::from(d.month), u32::from(d.day)).ok()
    });

    let mut draft = if msg.html_body_count() > 0 {
        let page = msg.body_html(0).unwrap_or_default();
        let (whole, safe) = html::fragment(&page, None);
        // Newsletters are laid out in tables that article finders often cut too hard: take
        // what the finder gives only when it keeps most of the text.
        match html::extract(&page, None) {
            Ok(p) if p.draft.body.len() * 10 >= whole.len() * 6 => p.draft,
            _ => ClippingDraft {
                body: whole,
                html: Some(safe),
                ..ClippingDraft::default()
            },
        }
    } else {
        ClippingDraft {
            body: html::paragraphs_keeping_lines(&msg.body_text(0).unwrap_or_default()),
            ..ClippingDraft::default()
        }
    };
    if draft.body.trim().is_empty() {
        return Err(match &subject {
            Some(s) => format!("the message \"{s}\" has no text"),
            None => "the message has no text".into(),
        });
    }
    draft.title = subject.unwrap_or_default();
    draft.source = sender.or(draft.source);
    if published.is_some() {
        draft.published = published;
        draft.date_origin = Some(DateOrigin::Metadata);
    }
    Ok(draft)
}

/// Reads every message of an mbox file; a message that cannot be read fails the file, naming
/// the message, so that nothing is half-imported.
pub fn mbox(bytes: &[u8]) -> Result<Vec<ClippingDraft>, String> {
    let mut out = Vec::new();
    let iter = mail_parser::mailbox::mbox::MessageIterator::new(BufReader::new(bytes));
    for (i, m) in iter.enumerate() {
        let m = m.map_err(|e| format!("message {}: {e}", i + 1))?;
        let d = message(m.contents()).map_err(|e| format!("message {}: {e}", i + 1))?;
        out.push(d);
    }
    if out.is_empty() {
        return Err("no messages found in the mailbox".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML_MAIL: &str = "From: The Courier Briefing <briefing@courier.example>\r\nTo: me@example.com\r\nSubject: Morning briefing: talks resume\r\nDate: Tue, 06 Feb 2024 07:30:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTalks resume in Geneva today.\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><table><tr><td><h1>Talks resume</h1><p>Talks resume in Geneva today, with both delegations present for the first time since the summer.</p><p>Café owners near the venue expect a busy week.</p></td></tr></table></body></html>\r\n--b1--\r\n";

    #[test]
    fn an_html_newsletter_becomes_a_clipping() {
        let d = message(HTML_MAIL.as_bytes()).unwrap();
        assert_eq!(d.title, "Morning briefing: talks resume");
        assert_eq!(d.source.as_deref(), Some("The Courier Briefing"));
        assert_eq!(d.published.unwrap().to_string(), "2024-02-06");
        assert!(
            d.body.contains("Talks resume in Geneva today, with both"),
            "{}",
            d.body
        );
        assert!(d.body.contains("Café owners"), "{}", d.body);
        assert!(d.html.is_some());
    }

    #[test]
    fn a_plain_text_message_keeps_its_paragraphs() {
        let m = "From: a@b.example\nSubject: Note\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nFirst paragraph.\n\nSecond paragraph.\n";
        let d = message(m.as_bytes()).unwrap();
        assert_eq!(d.body, "First paragraph.\n\nSecond paragraph.");
        assert_eq!(d.source.as_deref(), Some("a@b.example"));
    }

    #[test]
    fn a_message_with_no_body_is_refused_naming_it() {
        let e = message(b"From: a@b.example\nSubject: Empty one\n\n").unwrap_err();
        assert!(e.contains("Empty one") && e.contains("no text"), "{e}");
    }

    #[test]
    fn an_mbox_gives_every_message() {
        let text = "From a@b.example Mon Jan  1 10:00:00 2024\nFrom: a@b.example\nSubject: One\n\nBody one.\n\nFrom c@d.example Tue Jan  2 10:00:00 2024\nFrom: c@d.example\nSubject: Two\n\nBody two.\n";
        let d = mbox(text.as_bytes()).unwrap();
        assert_eq!(
            d.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
            ["One", "Two"]
        );
    }
}
