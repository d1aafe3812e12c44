//! Snippets: a line of the article around the search words, with the hits marked.
//!
//! FTS5's `snippet()` tokenizes every indexed column of each result, twice and through the
//! Porter stemmer, which made it half the cost of a search. Here only the body is read: its
//! words are folded as the index folds them (case and diacritics), and stemmed only when their
//! first letters could match a search word.
//! A result whose body shows no hit (the words were in the title or a note, or this stemmer
//! and the index's disagree on a word) gets FTS5's `snippet()` instead, so nothing changes for
//! it but the cost.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use super::{HIT_END, HIT_START};

/// How many words a snippet shows (as FTS5's `snippet()` was asked for).
const WORDS: usize = 24;
/// Words of context kept before the first hit of a window.
const LEAD: usize = 4;

/// The words a search looks for, folded and stemmed.
pub(crate) struct Terms {
    stemmer: Stemmer,
    terms: Vec<Term>,
}

struct Term {
    text: String,
    /// `prefix*`: any word starting with the text.
    prefix: bool,
}

impl Terms {
    /// The words of an FTS5 expression as `search::query` writes it: every word or phrase in
    /// double quotes (a quote inside doubled), a prefix marked by `*` after the closing quote,
    /// and operators and brackets between them.
    pub(crate) fn of_expression(expr: &str) -> Terms {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut terms: Vec<Term> = Vec::new();
        let mut chars = expr.chars().peekable();
        let mut folded = String::new();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut quoted = String::new();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        quoted.push('"');
                        continue;
                    }
                    break;
                }
                quoted.push(c);
            }
            let prefix = chars.peek() == Some(&'*');
            let words = tokens(&quoted);
            for (i, &(s, e)) in words.iter().enumerate() {
                fold(&quoted[s..e], &mut folded);
                let prefix = prefix && i + 1 == words.len();
                let text = if prefix {
                    folded.clone()
                } else {
                    stemmer.stem(&folded).into_owned()
                };
                if !text.is_empty() && !terms.iter().any(|t| t.text == text && t.prefix == prefix) {
                    terms.push(Term { text, prefix });
                }
            }
        }
        Terms { stemmer, terms }
    }

    /// Which term `word` matches, if any; `folded` is scratch space.
    fn matches(&self, word: &str, folded: &mut String) -> Option<usize> {
        // Stemming only cuts and changes endings, so a word can only match a term that starts
        // with the same two letters; most words are ruled out before being folded or stemmed.
        let first = word.as_bytes()[0];
        if first.is_ascii()
            && !self
                .terms
                .iter()
                .any(|t| t.text.as_bytes()[0] == first.to_ascii_lowercase())
        {
            return None;
        }
        fold(word, folded);
        let head = |s: &str| s.char_indices().nth(2).map_or(s.len(), |(i, _)| i);
        if !self
            .terms
            .iter()
            .any(|t| folded.starts_with(&t.text[..head(&t.text)]))
        {
            return None;
        }
        let stem = self.stemmer.stem(folded);
        self.terms.iter().position(|t| {
            if t.prefix {
                folded.starts_with(&t.text)
            } else {
                *stem == t.text
            }
        })
    }

    /// A snippet of `text` around its hits, or None when no word of it is searched for.
    pub(crate) fn snippet(&self, text: &str) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        let words = tokens(text);
        let mut hits: Vec<(usize, usize)> = Vec::new(); // (word index, term)
        let mut folded = String::new();
        for (i, &(s, e)) in words.iter().enumerate() {
            if let Some(t) = self.matches(&text[s..e], &mut folded) {
                hits.push((i, t));
            }
        }
        if hits.is_empty() {
            return None;
        }
        // The window that shows the most different search words; the earliest of equals.
        let (mut best, mut best_score) = (0, 0);
        let mut seen = Vec::new();
        for &(h, _) in &hits {
            let start = h.saturating_sub(LEAD);
            seen.clear();
            for &(_, t) in hits
                .iter()
                .filter(|(i, _)| (start..start + WORDS).contains(i))
            {
                if !seen.contains(&t) {
                    seen.push(t);
                }
            }
            if seen.len() > best_score {
                (best, best_score) = (start, seen.len());
            }
        }
        // A window near the end starts earlier, so it still shows WORDS words.
        let start = best.min(words.len().saturating_sub(WORDS));
        let end = (start + WORDS).min(words.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut at = words[start].0;
        for &(i, _) in hits.iter().filter(|(i, _)| (start..end).contains(i)) {
            let (s, e) = words[i];
            out.push_str(&text[at..s]);
            out.push(HIT_START);
            out.push_str(&text[s..e]);
            out.push(HIT_END);
            at = e;
        }
        if end < words.len() {
            out.push_str(&text[at..words[end - 1].1]);
            out.push('…');
        } else {
            // The end of the text, with its closing punctuation.
            out.push_str(text[at..].trim_end());
        }
        // Paragraph breaks would break the list's one-line snippet.
        Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Byte ranges of the words of `text`, split as the index's tokenizer splits them: letters,
/// digits, `_` and combining marks make words; everything else separates them. ASCII, most of
/// any text, is classed byte by byte; other characters are decoded.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5);
    let (mut i, mut start) = (0, None);
    while i < bytes.len() {
        let (word, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_', 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric() || is_combining_mark(c), c.len_utf8())
        };
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, bytes.len()));
    }
    out
}

/// `word` in lower case without diacritics, into `out`, as the index stores it before stemming.
fn fold(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(
            word.nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &str) -> String {
        s.replace(HIT_START, "[").replace(HIT_END, "]")
    }

    fn snip(expr: &str, text: &str) -> Option<String> {
        Terms::of_expression(expr).snippet(text).map(|s| marked(&s))
    }

    #[test]
    fn words_are_found_by_stem_case_and_diacritics() {
        assert_eq!(
            snip("\"communique\"", "The Communiqués were issued."),
            Some("The [Communiqués] were issued.".into())
        );
        assert_eq!(
            snip("\"negotiations\"", "Talks: Lavrov negotiated with them."),
            Some("Talks: Lavrov [negotiated] with them.".into())
        );
        assert_eq!(
            snip("\"al-frieh\"", "By Manar al-Frieh."),
            Some("By Manar [al]-[Frieh].".into())
        );
    }

    #[test]
    fn prefixes_phrases_and_or_groups() {
        assert_eq!(
            snip("\"diplom\"*", "A diplomatic row."),
            Some("A [diplomatic] row.".into())
        );
        assert_eq!(
            snip(
                "(\"syria\" OR \"damascus\") AND \"talks\"",
                "Damascus hosts talks on Syria."
            ),
            Some("[Damascus] hosts [talks] on [Syria].".into())
        );
        assert_eq!(
            snip("\"foreign minister\"", "the foreign minister said"),
            Some("the [foreign] [minister] said".into())
        );
        // A quote inside a phrase is doubled in the expression.
        assert_eq!(
            snip("\"say \"\"no\"\"\"", "they say no"),
            Some("they [say] [no]".into())
        );
    }

    #[test]
    fn a_long_text_is_cut_around_the_best_window() {
        let filler = "lorem ".repeat(100);
        let text =
            format!("{filler}ceasefire alone {filler}ceasefire and talks together {filler}end");
        let s = snip("\"ceasefire\" OR \"talks\"", &text).unwrap();
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[ceasefire] and [talks]"), "{s}");
        assert_eq!(s.split_whitespace().count(), WORDS);
        // A hit near the end still shows a full window, ending with the text.
        let s = snip("\"end\"", &text).unwrap();
        assert!(s.starts_with('…') && s.ends_with("[end]"), "{s}");
        assert_eq!(s.split_whitespace().count(), WORDS);
    }

    #[test]
    fn other_scripts_fold_as_the_index_folds_them() {
        assert_eq!(
            snip("\"москва\"", "Заявление: МОСКВА, 7 апреля."),
            Some("Заявление: [МОСКВА], 7 апреля.".into())
        );
        // Arabic vowel marks are diacritics: the bare word finds the marked one.
        assert_eq!(
            snip("\"السلام\"", "قال إن السَّلام ممكن"),
            Some("قال إن [السَّلام] ممكن".into())
        );
        assert_eq!(
            snip("\"東京\"", "東京 と 大阪"),
            Some("[東京] と 大阪".into())
        );
        // Odd text never breaks the cut: only marks, emoji, a lone combining mark.
        assert_eq!(snip("\"x\"", "… — !! 🙂 \u{301}"), None);
    }

    #[test]
    fn no_hit_gives_none() {
        assert_eq!(snip("\"tehran\"", "Nothing about it here."), None);
        assert_eq!(snip("", "Anything."), None);
        assert_eq!(snip("\"word\"", ""), None);
    }

    #[test]
    fn paragraphs_become_one_line() {
        assert_eq!(
            snip("\"second\"", "First line.\n\nSecond   line."),
            Some("First line. [Second] line.".into())
        );
    }
}
