//! A clipping's text as the story grouping reads it: the article's own sentences, without the
//! page furniture and credit lines that each outlet adds, in words folded so that a scanned
//! copy's OCR slips and a reflowed copy's hyphenated line breaks read as the original.

/// Lines an outlet puts around a reprinted article. They say nothing about which article it
/// is, and they are the same in every article of that outlet, so they are left out before
/// anything is compared. Matched at the start of a paragraph, lower-cased.
const FURNITURE: &[&str] = &[
    "read more",
    "related",
    "share this",
    "share on",
    "sign up",
    "subscribe",
    "click here",
    "advertisement",
    "copyright",
    "©",
    "all rights reserved",
    "follow us",
    "(reporting by",
    "(writing by",
    "(editing by",
    "(additional reporting",
    "--",
    "see also",
    "more on this story",
    "this article",
    "this story",
];

/// A sentence: its words, folded (see [`fold_word`]), and the sentence as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub text: String,
}

/// The sentences of an article's body, in order, furniture left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub sentences: Vec<Sentence>,
    /// Numbers and names (capitalised words not opening a sentence), folded: what a formulaic
    /// item (a results table, an earnings brief, a weather report) changes from one day to the
    /// next while its phrasing stays.
    pub facts: Vec<String>,
}

impl Article {
    pub fn word_count(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Sentences shorter than this are headings, captions or fragments, not reporting.
const MIN_SENTENCE_WORDS: usize = 4;

/// The opening: what every copy keeps (papers cut from the bottom), and where two copies'
/// first sentences are found in each other. Its first sentences, up to this many words.
pub const OPENING_SENTENCES: usize = 4;
pub const OPENING_WORDS: usize = 90;

/// Reads a body into sentences.
pub fn article(body: &str) -> Article {
    read(body, usize::MAX)
}

/// Reads only a body's opening (see [`OPENING_SENTENCES`]): enough for its prints and for a
/// first comparison, at a fraction of the cost of the whole text. Its facts are not read.
pub fn opening(body: &str) -> Article {
    read(body, OPENING_WORDS)
}

fn read(body: &str, most_words: usize) -> Article {
    let mut out = Article::default();
    let mut first = true;
    let mut words_read = 0;
    let limited = most_words != usize::MAX;
    for_paragraphs(body, |para| {
        let head: String = para.chars().take(24).flat_map(char::to_lowercase).collect();
        if FURNITURE.iter().any(|f| head.starts_with(f)) {
            return true;
        }
        let para = if first { strip_credit(para) } else { para };
        first = false;
        for s in split_sentences(para) {
            let mut words = Vec::new();
            for (i, raw) in s.split_whitespace().enumerate() {
                let folded = fold_word(raw);
                if folded.is_empty() {
                    continue;
                }
                if !limited && is_fact(raw, i) {
                    out.facts.push(folded.clone());
                }
                words.push(folded);
            }
            if words.len() >= MIN_SENTENCE_WORDS {
                words_read += words.len();
                out.sentences.push(Sentence {
                    words,
                    text: s.trim().to_string(),
                });
                if limited && (words_read >= most_words || out.sentences.len() >= OPENING_SENTENCES)
                {
                    return false;
                }
            }
        }
        true
    });
    out.facts.sort();
    out.facts.dedup();
    out
}

/// Each paragraph (split at blank lines) to `each`, until it answers false; inside one, a
/// line broken after a hyphen is joined ("comm-" / "ents") and any other line break is a
/// space: a scanned or narrow-column copy breaks its lines where the original did not.
fn for_paragraphs(body: &str, mut each: impl FnMut(&str) -> bool) {
    let mut cur = String::new();
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                if !each(&cur) {
                    return;
                }
                cur.clear();
            }
            continue;
        }
        if cur.ends_with('-') && line.chars().next().is_some_and(char::is_lowercase) {
            let before = cur.trim_end_matches('-');
            if before.chars().last().is_some_and(char::is_alphabetic) {
                cur.truncate(before.len());
                cur.push_str(line);
                continue;
            }
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(line);
    }
    if !cur.is_empty() {
        each(&cur);
    }
}

/// The first paragraph without a leading credit or dateline ("BBC - ", "LONDON (Reuters) - ",
/// "MIAMI — "): each outlet writes its own, so it is no part of the article.
fn strip_credit(para: &str) -> &str {
    for dash in [" - ", " — ", " – ", " -- "] {
        if let Some(at) = para.find(dash) {
            let head = &para[..at];
            let words = head.split_whitespace().count();
            let starts_upper = head.chars().next().is_some_and(char::is_uppercase);
            if words <= 6 && starts_upper && !head.contains(['.', '!', '?', '"']) {
                return para[at + dash.len()..].trim_start();
            }
        }
    }
    para
}

/// Sentence ends: `.`, `!` or `?` (perhaps before a closing quote) then a space and a capital
/// or an opening quote. Good enough for news copy; an abbreviation that splits a sentence only
/// makes two shorter ones, on both sides of a comparison alike. Found as they are asked for,
/// so that reading an opening stops at its last sentence rather than splitting the paragraph.
fn split_sentences(para: &str) -> impl Iterator<Item = &str> {
    let bytes = para.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b' ' {
                    let next = para[j + 1..].chars().next();
                    if next.is_some_and(|c| c.is_uppercase() || c == '"' || c == '\u{201c}') {
                        let sentence = &para[start..j];
                        start = j + 1;
                        i = j + 1;
                        return Some(sentence);
                    }
                }
            }
            i += 1;
        }
        if start < para.len() {
            let rest = &para[start..];
            start = para.len();
            return Some(rest);
        }
        None
    })
}

/// A word lower-cased, with its punctuation dropped and the digits OCR puts for letters inside
/// a word read back as letters ("c1osely", "sh0w"). Numbers stay numbers.
pub fn fold_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let (mut letters, mut digits) = (0usize, 0usize);
    if raw.is_ascii() {
        // Nearly every word: lower-cased byte by byte.
        for b in raw.bytes().filter(u8::is_ascii_alphanumeric) {
            if b.is_ascii_digit() {
                digits += 1;
            } else {
                letters += 1;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in raw
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            if c.is_numeric() {
                digits += 1;
            } else {
                letters += 1;
            }
            out.push(c);
        }
    }
    if digits == 0 || letters <= digits {
        return out;
    }
    out.chars()
        .map(|c| match c {
            '1' => 'l',
            '0' => 'o',
            '5' => 's',
            c => c,
        })
        .collect()
}

/// Whether a word states a fact: a number, or a capitalised word that does not open its
/// sentence (a name).
fn is_fact(raw: &str, position: usize) -> bool {
    let core = raw.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return false;
    }
    if core.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    position > 0 && core.chars().next().is_some_and(char::is_uppercase) && core.len() > 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_credits_and_line_breaks_are_left_out() {
        let a = article(
            "BBC - A blind student has developed\nsoftware that turns colours into mus-\nical notes so he can read maps.\n\nRead more: Dutch watch Van Gogh's last film\n\nHe said it took two years of work.",
        );
        let first: Vec<&str> = a.sentences[0].words.iter().map(String::as_str).collect();
        assert_eq!(first[..3], ["a", "blind", "student"]);
        assert!(first.contains(&"musical"));
        assert_eq!(a.sentences.len(), 2, "{a:?}");
    }

    #[test]
    fn ocr_digits_inside_words_read_as_letters_but_numbers_stay() {
        assert_eq!(fold_word("c1osely,"), "closely");
        assert_eq!(fold_word("£22,000"), "22000");
        assert_eq!(fold_word("2004"), "2004");
    }

    #[test]
    fn facts_are_numbers_and_names() {
        let a = article("Shares in Acme rose 8% on Tuesday after the report.");
        assert_eq!(a.facts, ["8", "acme", "tuesday"]);
    }
}
