//! Whether two clippings carry the same article, read sentence by sentence.
//!
//! Copies of one article keep its opening (papers cut from the bottom) and most of the
//! shorter copy's sentences, whatever was rewritten, cut, added or misread. Two articles on
//! the same event share a few sentences (a quote, a background paragraph) but open
//! differently; two formulaic items (results, earnings briefs, weather) open alike but state
//! other numbers and names. So a pair is one story when the opening matches, most of the
//! shorter text is found in the longer one, and the shorter one's facts are there too.

use std::collections::HashSet;

use super::text::{Article, Sentence, OPENING_SENTENCES};

/// A pair is one story at or above each of these. Chosen with a margin on both sides on the
/// development set: copies' openings match at 0.84 and more, other articles' at 0.55 and less;
/// copies' shorter texts are found at 0.44 and more, other articles' when the opening matches
/// at 0.41 and less.
const OPENING: f64 = 0.7;
const COVER: f64 = 0.4;
/// The shorter copy's facts found in the longer one, when it states at least `FACTS_MIN`.
const FACTS: f64 = 0.6;
const FACTS_MIN: usize = 3;
/// A sentence is found in another text when this share of its word pairs is there.
const SENTENCE_FOUND: f64 = 0.5;

/// How alike two clippings' texts are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Likeness {
    /// The best share of one text's first sentence found in the other's opening.
    pub opening: f64,
    /// The share of the shorter text's words in sentences found in the longer one.
    pub cover: f64,
    /// The share of the shorter text's facts found in the longer one (1 when it states few).
    pub facts: f64,
}

impl Likeness {
    pub fn same_story(&self) -> bool {
        self.opening >= OPENING && self.cover >= COVER && self.facts >= FACTS
    }

    /// Orders candidates: the likeliest copy first.
    pub fn score(&self) -> f64 {
        self.opening + self.cover + self.facts
    }
}

type Pairs = HashSet<(u64, u64)>;

fn word_hash(w: &str) -> u64 {
    super::sketch::fnv1a(w.as_bytes())
}

fn pairs(s: &Sentence) -> Pairs {
    s.words
        .windows(2)
        .map(|w| (word_hash(&w[0]), word_hash(&w[1])))
        .collect()
}

fn share_in(p: &Pairs, within: &Pairs) -> f64 {
    if p.is_empty() {
        return 0.0;
    }
    p.iter().filter(|x| within.contains(x)).count() as f64 / p.len() as f64
}

/// The pairs of a text's sentences, one set per sentence.
struct Read<'a> {
    article: &'a Article,
    sentences: Vec<Pairs>,
}

impl<'a> Read<'a> {
    fn new(article: &'a Article) -> Self {
        Read {
            sentences: article.sentences.iter().map(pairs).collect(),
            article,
        }
    }

    fn all(&self) -> Pairs {
        self.sentences.iter().flatten().copied().collect()
    }

    fn opening(&self) -> Pairs {
        self.sentences
            .iter()
            .take(OPENING_SENTENCES)
            .flatten()
            .copied()
            .collect()
    }
}

/// How alike two openings are (see [`super::text::opening`]): the same figure as
/// [`Likeness::opening`] of the whole texts, at a fraction of the cost, so that only
/// candidates that open alike are read in full.
pub fn openings_alike(a: &Article, b: &Article) -> bool {
    let (a, b) = (Read::new(a), Read::new(b));
    if a.sentences.is_empty() || b.sentences.is_empty() {
        return false;
    }
    let opening =
        share_in(&a.sentences[0], &b.opening()).max(share_in(&b.sentences[0], &a.opening()));
    opening >= OPENING
}

/// How alike `a` and `b` are (the same either way round).
pub fn likeness(a: &Article, b: &Article) -> Likeness {
    let (short, long) = if a.word_count() <= b.word_count() {
        (a, b)
    } else {
        (b, a)
    };
    let (short, long) = (Read::new(short), Read::new(long));
    if short.sentences.is_empty() || long.sentences.is_empty() {
        return Likeness {
            opening: 0.0,
            cover: 0.0,
            facts: 0.0,
        };
    }
    let opening = share_in(&short.sentences[0], &long.opening())
        .max(share_in(&long.sentences[0], &short.opening()));
    let long_all = long.all();
    let mut found = 0usize;
    let mut total = 0usize;
    for (s, p) in short.article.sentences.iter().zip(&short.sentences) {
        total += s.words.len();
        if share_in(p, &long_all) >= SENTENCE_FOUND {
            found += s.words.len();
        }
    }
    let cover = found as f64 / total.max(1) as f64;
    Likeness {
        opening,
        cover,
        facts: facts_found(short.article, long.article),
    }
}

fn facts_found(short: &Article, long: &Article) -> f64 {
    if short.facts.len() < FACTS_MIN {
        return 1.0;
    }
    let long_words: HashSet<&str> = long
        .sentences
        .iter()
        .flat_map(|s| s.words.iter().map(String::as_str))
        .collect();
    let found = short
        .facts
        .iter()
        .filter(|f| long_words.contains(f.as_str()))
        .count();
    found as f64 / short.facts.len() as f64
}

/// What a copy says that the story's first copy does not, and how much of the first copy it
/// leaves out: the story view's "what differs".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Difference {
    /// Sentences of the copy not found in the first copy, as the copy writes them.
    pub added: Vec<String>,
    /// Words of the first copy in sentences the copy does not carry.
    pub words_left_out: usize,
}

pub fn difference(first: &Article, copy: &Article) -> Difference {
    let (first_r, copy_r) = (Read::new(first), Read::new(copy));
    let (first_all, copy_all) = (first_r.all(), copy_r.all());
    let added = copy
        .sentences
        .iter()
        .zip(&copy_r.sentences)
        .filter(|(_, p)| share_in(p, &first_all) < SENTENCE_FOUND)
        .map(|(s, _)| s.text.clone())
        .collect();
    let words_left_out = first
        .sentences
        .iter()
        .zip(&first_r.sentences)
        .filter(|(_, p)| share_in(p, &copy_all) < SENTENCE_FOUND)
        .map(|(s, _)| s.words.len())
        .sum();
    Difference {
        added,
        words_left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::article;
    use super::*;

    const WIRE: &str = "Spain's Football Federation has initiated disciplinary action against national coach Luis Aragones over racist comments about Thierry Henry.\n\nIf found guilty Aragones could lose his job or face a fine of about 22,000 pounds. The federation had initially declined to take action against Aragones after comments he made during a training session in October. But its president Angel Maria Villar changed his mind after a request by the anti-violence commission.\n\nAragones insisted the comments were meant to motivate the player and were not intended to be offensive.";

    fn same(a: &str, b: &str) -> bool {
        likeness(&article(a), &article(b)).same_story()
    }

    #[test]
    fn a_copy_cut_from_the_bottom_with_a_credit_is_the_same_story() {
        let cut = "MADRID (Reuters) - Spain's Football Federation has initiated disciplinary action against national coach Luis Aragones over racist comments about Thierry Henry.\n\nIf found guilty Aragones could lose his job or face a fine of about 22,000 pounds.\n\n(Reporting by Jane Doe; Editing by John Smith)\n\nRead more: Blair to face MPs";
        assert!(same(WIRE, cut));
    }

    #[test]
    fn an_ocr_scan_with_broken_lines_is_the_same_story() {
        let scan = "Spain's Football Federation has\ninitioted disciplinary action against\nnational coach Luis Aragones over\nracist comments about Thierry Henry.\n\nIf found guilty Aragones could lose his\njob or face a fine of about 22,000 pounds.\nThe federation had initially declined\nto take action against Aragones after comm-\nents he made during a trai-\nning session in October. But its\npresident Angel Maria Villar changed\nhis mind after a request by the anti-vio1ence commission.";
        assert!(same(WIRE, scan));
    }

    #[test]
    fn another_article_on_the_same_event_is_another_story() {
        let other = "Luis Aragones has apologised to Thierry Henry, a week after Spain's Football Federation began disciplinary action against him.\n\nThe Spain coach said he had never meant to offend anyone. Aragones insisted the comments were meant to motivate the player and were not intended to be offensive. Arsenal said the matter was closed.";
        assert!(!same(WIRE, other));
    }

    #[test]
    fn formulaic_items_with_other_facts_stay_apart() {
        let a = "Acme Corp reported third-quarter net income of $1.2 billion, or 45 cents a share, up from $1.0 billion a year earlier. Revenue rose 8% to $14.1 billion, the company said on Tuesday. Analysts polled by Refinitiv had expected earnings of 41 cents a share.";
        let b = "Beta Industries reported third-quarter net income of $310 million, or 12 cents a share, up from $280 million a year earlier. Revenue rose 3% to $2.4 billion, the company said on Wednesday. Analysts polled by Refinitiv had expected earnings of 11 cents a share.";
        assert!(!same(a, b));
        let w1 = "Sunny spells and scattered showers across the north on Monday, with highs of 14C in Leeds and 12C in Newcastle. Winds will be light, from the west. Tonight will be dry with lows of 5C.";
        let w2 = "Sunny spells and scattered showers across the north on Tuesday, with highs of 17C in Manchester and 15C in York. Winds will be light, from the west. Tonight will be dry with lows of 8C.";
        assert!(!same(w1, w2));
    }

    #[test]
    fn the_difference_names_added_sentences_and_counts_what_is_left_out() {
        let copy = "Spain's Football Federation has initiated disciplinary action against national coach Luis Aragones over racist comments about Thierry Henry.\n\nResidents contacted on Tuesday said they had heard little about the plans.";
        let d = difference(&article(WIRE), &article(copy));
        assert_eq!(d.added.len(), 1, "{d:?}");
        assert!(d.added[0].starts_with("Residents contacted"));
        assert!(d.words_left_out > 40);
    }
}
