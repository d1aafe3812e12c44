//! A clipping's words as topic suggestion weighs them: lower-cased, stemmed (so "elections"
//! teaches "election"), without the words every article uses, each with how often it occurs.
//! The headline counts twice: it says in a few words what the article is about.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// Words that say nothing of a topic: they are in every article whatever it is about.
const STOP: &[&str] = &[
    "about", "above", "after", "again", "against", "all", "also", "although", "among", "and",
    "another", "any", "are", "around", "because", "been", "before", "being", "below", "between",
    "both", "but", "can", "could", "did", "does", "doing", "down", "during", "each", "either",
    "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "into", "its",
    "itself", "just", "last", "later", "least", "less", "made", "make", "many", "may", "more",
    "most", "much", "must", "near", "next", "nor", "not", "now", "off", "often", "once", "one",
    "only", "other", "others", "our", "ours", "out", "over", "own", "per", "rather", "said",
    "same", "say", "says", "she", "should", "since", "some", "still", "such", "than", "that",
    "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "though",
    "through", "thus", "told", "too", "two", "under", "until", "upon", "very", "was", "were",
    "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "year", "years", "yet", "you", "your", "yours",
];

/// Words shorter than this are mostly particles and initials.
const MIN_LETTERS: usize = 3;

/// The terms of a text with their counts, and for each term the first word it was read from
/// (to show a person "elections", not the stem "elect").
#[derive(Debug, Default, Clone)]
pub struct Terms {
    pub counts: HashMap<String, u32>,
    pub shown: HashMap<String, String>,
}

/// Stems remembered, at most (a few tens of MB); past it the memory starts again.
const MOST_STEMS: usize = 500_000;

/// Calls `f` with each word of `text` that can say something of a topic, lower-cased into a
/// buffer of its own (one allocation for the whole text).
fn words(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        // Bytes first: a word of fewer bytes has fewer letters, and most words are ASCII.
        if w.len() < MIN_LETTERS
            || (!w.is_ascii() && w.chars().count() < MIN_LETTERS)
            || w.chars().all(char::is_numeric)
        {
            continue;
        }
        word.clear();
        word.extend(w.chars().flat_map(char::to_lowercase));
        f(&word);
    }
}

fn is_stop(word: &str) -> bool {
    STOP.binary_search(&word).is_ok()
}

/// Reads the clipping a suggestion is asked for.
pub struct Reader {
    stemmer: Stemmer,
    /// Each word's stem, once worked out: a reader asked for many clippings (the inbox's
    /// offers) meets the same words again and again.
    stems: RefCell<HashMap<String, String>>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            stemmer: Stemmer::create(Algorithm::English),
            stems: RefCell::new(HashMap::new()),
        }
    }
}

impl Reader {
    /// Reads a clipping: its headline (twice), its standfirst and its body.
    pub fn clipping(&self, title: &str, standfirst: &str, body: &str) -> Terms {
        let mut t = Terms::default();
        for text in [title, title, standfirst, body] {
            words(text, |word| {
                if is_stop(word) {
                    return;
                }
                let mut stems = self.stems.borrow_mut();
                if !stems.contains_key(word) {
                    if stems.len() >= MOST_STEMS {
                        stems.clear();
                    }
                    stems.insert(word.to_string(), self.stemmer.stem(word).into_owned());
                }
                let stem = &stems[word];
                if let Some(c) = t.counts.get_mut(stem) {
                    *c += 1;
                    return;
                }
                t.shown.insert(stem.clone(), word.to_string());
                t.counts.insert(stem.clone(), 1);
            });
        }
        t
    }
}

/// Reads the clippings a model learns from, numbering each stem once: a library's worth of
/// clippings as numbers, not a string per word per clipping (most of the cost of learning was
/// in those strings and their hashing).
pub struct Numbering {
    stemmer: Stemmer,
    /// The stems, by number.
    pub words: Vec<String>,
    stem_ids: FxHashMap<String, u32>,
    /// Each word as written (lower-cased) to its stem's number, or none for a stop word.
    seen: FxHashMap<String, Option<u32>>,
    ids: Vec<u32>,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering {
            stemmer: Stemmer::create(Algorithm::English),
            words: Vec::new(),
            stem_ids: FxHashMap::default(),
            seen: FxHashMap::default(),
            ids: Vec::new(),
        }
    }
}

impl Numbering {
    /// A clipping's stems, read as [`Reader::clipping`] reads them, as (number, count) by
    /// number.
    pub fn clipping(&mut self, title: &str, standfirst: &str, body: &str) -> Vec<(u32, u32)> {
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        for text in [title, title, standfirst, body] {
            words(text, |word| {
                if let Some(&known) = self.seen.get(word) {
                    ids.extend(known);
                    return;
                }
                let id = if is_stop(word) {
                    None
                } else {
                    let stem = self.stemmer.stem(word);
                    Some(match self.stem_ids.get(stem.as_ref()) {
                        Some(&id) => id,
                        None => {
                            let id = self.words.len() as u32;
                            self.words.push(stem.to_string());
                            self.stem_ids.insert(stem.into_owned(), id);
                            id
                        }
                    })
                };
                if self.seen.len() >= MOST_STEMS {
                    self.seen.clear();
                }
                self.seen.insert(word.to_string(), id);
                ids.extend(id);
            });
        }
        ids.sort_unstable();
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for &id in &ids {
            match counts.last_mut() {
                Some((last, c)) if *last == id => *c += 1,
                _ => counts.push((id, 1)),
            }
        }
        self.ids = ids;
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_list_is_sorted_for_its_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_are_stemmed_and_common_ones_left_out() {
        let t = Reader::default().clipping("Elections", "", "The election was held; 2024 votes.");
        assert_eq!(t.counts["elect"], 3);
        assert_eq!(t.shown["elect"], "elections");
        assert!(!t.counts.contains_key("the") && !t.counts.contains_key("2024"));
        assert_eq!(t.counts["vote"], 1);
    }

    #[test]
    fn numbering_reads_the_words_a_reader_reads() {
        let text = "Élections in Zürich: the élection was held; 2024 votes, VOTES and votes.";
        let t = Reader::default().clipping("Elections", "", text);
        let mut n = Numbering::default();
        n.clipping("Other words", "", "held the vote");
        let counts = n.clipping("Elections", "", text);
        let mut by_word: Vec<(String, u32)> = counts
            .iter()
            .map(|&(id, c)| (n.words[id as usize].clone(), c))
            .collect();
        by_word.sort();
        let mut want: Vec<(String, u32)> = t.counts.into_iter().collect();
        want.sort();
        assert_eq!(by_word, want);
        assert!(counts.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
