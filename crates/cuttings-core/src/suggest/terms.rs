//! A clipping's words as topic suggestion weighs them: lower-cased, stemmed (so "elections"
//! teaches "election"), without the words every article uses, each with how often it occurs.
//! The headline counts twice: it says in a few words what the article is about.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

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

pub struct Reader {
    stemmer: Stemmer,
    /// Each word's stem, once worked out: the stemmer was most of the cost of learning, and a
    /// library's articles use the same words again and again.
    stems: RefCell<HashMap<String, String>>,
}

/// Stems remembered, at most (a few tens of MB); past it the memory starts again.
const MOST_STEMS: usize = 500_000;

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
        self.read(title, standfirst, body, true)
    }

    /// As [`Reader::clipping`], without the words as written: what learning needs.
    pub fn counts(&self, title: &str, standfirst: &str, body: &str) -> Terms {
        self.read(title, standfirst, body, false)
    }

    fn read(&self, title: &str, standfirst: &str, body: &str, shown: bool) -> Terms {
        let mut t = Terms::default();
        for text in [title, title, standfirst, body] {
            self.add(&mut t, text, shown);
        }
        t
    }

    fn add(&self, t: &mut Terms, text: &str, shown: bool) {
        let mut word = String::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() < MIN_LETTERS || w.chars().all(|c| c.is_numeric()) {
                continue;
            }
            word.clear();
            word.extend(w.chars().flat_map(char::to_lowercase));
            if STOP.binary_search(&word.as_str()).is_ok() {
                continue;
            }
            let mut stems = self.stems.borrow_mut();
            if !stems.contains_key(&word) {
                if stems.len() >= MOST_STEMS {
                    stems.clear();
                }
                stems.insert(word.clone(), self.stemmer.stem(&word).into_owned());
            }
            let stem = &stems[&word];
            // A word seen before in this text costs no allocation.
            if let Some(c) = t.counts.get_mut(stem) {
                *c += 1;
                continue;
            }
            let stem = stem.clone();
            drop(stems);
            if shown {
                t.shown.insert(stem.clone(), word.clone());
            }
            t.counts.insert(stem, 1);
        }
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
}
