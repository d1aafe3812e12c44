//! Reading clippings out of text decoded by [`crate::decode::decode_text`] into a
//! [`ClippingDraft`], from YAML front matter when the document has it ([`parse_front_matter`]) or
//! from the conventions of wire copy when it does not ([`parse_plain_text`]).

pub(crate) mod byline;
mod dateline;
pub mod frontmatter;
pub mod text;

pub use frontmatter::{parse_front_matter, write_front_matter};
pub use text::parse_plain_text;

use cuttings_core::error::{Error, Result};
use cuttings_core::model::ClippingDraft;

/// Reads a decoded document: front matter if it has any, plain text otherwise. Fails when no
/// article text is left; a missing title is made from the body's first sentence.
pub fn parse_document(text: &str) -> Result<ClippingDraft> {
    let mut draft = match parse_front_matter(text)? {
        Some(draft) => draft,
        None => parse_plain_text(text),
    };
    draft.raw = Some(text.to_owned());
    if draft.body.trim().is_empty() {
        return Err(Error::invalid("body", "no article text found"));
    }
    if draft.title.trim().is_empty() {
        draft.title = crate::title::made_up_title(&draft.body);
    }
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings_core::date::DateOrigin;

    #[test]
    fn a_document_with_front_matter_is_read_from_its_metadata() {
        let text = "---\ntitle: T\ndate: 2015-04\n---\n\nBody text.\n";
        let d = parse_document(text).unwrap();
        assert_eq!(d.title, "T");
        assert_eq!(d.date_origin, Some(DateOrigin::Metadata));
        assert_eq!(d.body, "Body text.");
        assert_eq!(d.raw.as_deref(), Some(text));
    }

    #[test]
    fn a_document_without_front_matter_is_read_as_plain_text() {
        let text = "Oil falls\n\nLONDON (Reuters) - Oil fell.\n";
        let d = parse_document(text).unwrap();
        assert_eq!(d.title, "Oil falls");
        assert_eq!(d.source.as_deref(), Some("Reuters"));
        assert_eq!(d.raw.as_deref(), Some(text));
    }

    #[test]
    fn the_seed_clipping_parses_as_a_document() {
        let seed = include_str!("../../../../seeds/000_73811806d1c1e07a.txt");
        let d = parse_document(seed).unwrap();
        assert_eq!(d.source.as_deref(), Some("SANA"));
        assert_eq!(d.authors, ["Manar al-Frieh", "Haifa Said"]);
    }

    #[test]
    fn a_document_with_no_article_text_is_refused() {
        for text in ["", "   \n\n", "---\ntitle: Only a title\n---\n\n"] {
            let e = parse_document(text).unwrap_err();
            assert_eq!(e.to_string(), "body: no article text found", "{text:?}");
        }
    }

    #[test]
    fn errors_in_front_matter_are_passed_on() {
        let e = parse_document("---\ndate: soon\n---\nText\n").unwrap_err();
        assert!(e.to_string().starts_with("date: "), "{e}");
    }

    #[test]
    fn a_missing_title_is_made_from_the_first_sentence() {
        let d =
            parse_document("---\nsource: AP\n---\nOil fell 3.5% today. Traders fled.\n").unwrap();
        assert_eq!(d.title, "Oil fell 3.5% today");
        let d = parse_document("A single paragraph with no headline. And more.\n").unwrap();
        assert_eq!(d.title, "A single paragraph with no headline");
        assert_eq!(d.body, "A single paragraph with no headline. And more.");
    }
}
