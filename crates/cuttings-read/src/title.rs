//! A title for a clipping that came without one (an untitled page, a message with no subject, a
//! text file that opens straight into its story): its first sentence, as a reader would name it.

/// Longest title made up from the body.
pub const MAX_MADE_UP_TITLE: usize = 120;

/// The title made up from `body`: its first sentence, cut to [`MAX_MADE_UP_TITLE`].
pub fn made_up_title(body: &str) -> String {
    first_sentence(body, MAX_MADE_UP_TITLE)
}

/// The first sentence of `text`'s first paragraph, without a closing full stop (a `?` or `!`
/// is part of what the sentence says, so it stays), cut at a word boundary with an ellipsis if
/// it runs past `max` characters.
fn first_sentence(text: &str, max: usize) -> String {
    let paragraph = text.trim().split("\n\n").next().unwrap_or_default();
    let mut chars = paragraph.char_indices().peekable();
    let mut end = paragraph.len();
    while let Some((i, c)) = chars.next() {
        // The stop in "3.5%" is not the end of a sentence.
        let at_break = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        if matches!(c, '.' | '!' | '?') && at_break {
            end = i + c.len_utf8();
            break;
        }
    }
    let sentence = paragraph[..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let sentence = sentence.trim_end_matches('.');
    if sentence.chars().count() <= max {
        return sentence.to_owned();
    }
    let mut cut = String::new();
    for word in sentence.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        // A single word longer than the limit still has to be cut somewhere.
        cut = sentence.chars().take(max - 1).collect();
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_up_title_is_cut_at_a_word_boundary() {
        let long = "word ".repeat(60);
        let title = first_sentence(&long, 120);
        assert!(title.chars().count() <= 120, "{title}");
        assert!(title.ends_with("word…"), "{title}");
        let title = first_sentence(&"x".repeat(300), 120);
        assert_eq!(title.chars().count(), 120);
    }
}
