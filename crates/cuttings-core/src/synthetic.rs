//! Synthetic clippings for tests and benchmarks: about 500 words of Zipf-distributed vocabulary,
//! titles of 6-12 words, 200 outlets, 500 topics two levels deep, one or two authors, dates over
//! ten years (most to the day, some to the month, a few unknown). Seeded, so two runs build the
//! same library. Built for the core's own tests and, with the `synthetic` feature, for the
//! development crate's benchmarks; the shipped app and CLI leave it out.

use crate::date::{DateOrigin, PartialDate};
use crate::model::ClippingDraft;

/// A small, seeded generator (xorshift64*): enough for synthetic text, and no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "sa", "te", "lu", "na", "vi", "do", "re", "sha", "tor", "en", "al", "is",
    "ber", "gan", "mon", "pel", "qui", "zar", "dem", "fos", "hil", "jun", "kes", "lom", "nur",
    "pra", "sul",
];

/// The vocabulary and the other pools the clippings are drawn from.
pub struct Generator {
    pub rng: Rng,
    words: Vec<String>,
    /// Cumulative Zipf weights over `words`.
    cumulative: Vec<f64>,
    pub sources: Vec<String>,
    pub tags: Vec<String>,
    authors: Vec<String>,
    places: Vec<String>,
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let mut rng = Rng::new(seed);
        let word = |rng: &mut Rng, parts: usize| -> String {
            (0..parts)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        };
        let mut words: Vec<String> = Vec::with_capacity(30_000);
        let mut seen = std::collections::HashSet::new();
        while words.len() < 30_000 {
            let n = 1 + rng.below(4);
            let w = word(&mut rng, n);
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        let sources = (0..200)
            .map(|i| {
                format!(
                    "{} {}",
                    capitalise(&word(&mut rng, 2)),
                    ["Times", "Post", "News", "Herald", "Agency"][i % 5]
                )
            })
            .collect();
        let tops: Vec<String> = (0..25).map(|_| capitalise(&word(&mut rng, 3))).collect();
        let mut tags = Vec::new();
        for t in &tops {
            tags.push(t.clone());
            for _ in 0..19 {
                tags.push(format!("{t}/{}", capitalise(&word(&mut rng, 2))));
            }
        }
        let authors = (0..2000)
            .map(|_| {
                format!(
                    "{} {}",
                    capitalise(&word(&mut rng, 2)),
                    capitalise(&word(&mut rng, 3))
                )
            })
            .collect();
        let places = (0..300).map(|_| capitalise(&word(&mut rng, 3))).collect();
        Generator {
            rng,
            words,
            cumulative,
            sources,
            tags,
            authors,
            places,
        }
    }

    /// A word drawn with Zipf frequencies: a few very common, most rare, as in real text.
    pub fn word(&mut self) -> &str {
        let max = *self.cumulative.last().expect("vocabulary is not empty");
        let x = self.rng.unit() * max;
        let i = self
            .cumulative
            .partition_point(|c| *c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    /// A word from a frequency band: rank between `lo` and `hi`.
    pub fn word_in_band(&mut self, lo: usize, hi: usize) -> String {
        self.words[lo + self.rng.below(hi - lo)].clone()
    }

    pub fn clipping(&mut self, n: usize) -> ClippingDraft {
        let title_len = 6 + self.rng.below(7);
        let mut title: Vec<String> = (0..title_len).map(|_| self.word().to_string()).collect();
        title[0] = capitalise(&title[0]);
        // A serial keeps titles distinct, as real headlines mostly are.
        title.push(format!("({n})"));
        let mut body = String::with_capacity(4000);
        let words = 420 + self.rng.below(160);
        for i in 0..words {
            if i > 0 {
                body.push_str(if i % 60 == 0 {
                    ".\n\n"
                } else if i % 12 == 0 {
                    ". "
                } else {
                    " "
                });
            }
            // Sentences open with a capital, as in real text (the story grouping reads them).
            if i % 12 == 0 {
                let w = capitalise(self.word());
                body.push_str(&w);
            } else {
                body.push_str(self.word());
            }
        }
        body.push('.');
        let days = self.rng.below(3653) as i64;
        let day = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).expect("valid")
            + chrono::Duration::days(days);
        let published = match self.rng.below(20) {
            0 => None,
            1 | 2 => {
                PartialDate::month(chrono::Datelike::year(&day), chrono::Datelike::month(&day)).ok()
            }
            _ => Some(PartialDate::from_naive(day)),
        };
        let tags = (0..1 + self.rng.below(3))
            .map(|_| self.tags[self.rng.below(self.tags.len())].clone())
            .collect();
        let authors = (0..1 + self.rng.below(2))
            .map(|_| self.authors[self.rng.below(self.authors.len())].clone())
            .collect();
        ClippingDraft {
            title: title.join(" "),
            body,
            source: Some(self.sources[self.rng.below(self.sources.len())].clone()),
            authors,
            date_origin: published.map(|_| DateOrigin::Metadata),
            published,
            place: Some(self.places[self.rng.below(self.places.len())].clone()),
            tags,
            ..Default::default()
        }
    }
}

impl Generator {
    /// Another outlet's copy of `of`, as papers reprint wire copy: the headline rewritten, cut
    /// from the bottom to one to three of its paragraphs, a credit line before it and a local
    /// sentence after, a few days later.
    pub fn pickup(&mut self, of: &ClippingDraft, n: usize) -> ClippingDraft {
        let paragraphs: Vec<&str> = of.body.split("\n\n").collect();
        let keep = (1 + self.rng.below(3)).min(paragraphs.len());
        let source = self.sources[self.rng.below(self.sources.len())].clone();
        let credit = of.source.clone().unwrap_or_default();
        let local: Vec<String> = (0..14).map(|_| self.word().to_string()).collect();
        let body = format!(
            "{credit} - {}\n\n{}.",
            paragraphs[..keep].join("\n\n"),
            capitalise(&local.join(" "))
        );
        let mut title: Vec<String> = (0..5 + self.rng.below(5))
            .map(|_| self.word().to_string())
            .collect();
        title[0] = capitalise(&title[0]);
        title.push(format!("({n})"));
        let later = chrono::Duration::days(1 + self.rng.below(4) as i64);
        let published = of
            .published
            .map(|p| PartialDate::from_naive(p.first_day() + later));
        ClippingDraft {
            title: title.join(" "),
            body,
            source: Some(source),
            published,
            date_origin: published.map(|_| DateOrigin::Metadata),
            ..of.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_repeatable_and_realistic_in_size() {
        let mut a = Generator::new(42);
        let mut b = Generator::new(42);
        let (x, y) = (a.clipping(1), b.clipping(1));
        assert_eq!(x, y);
        let words = crate::model::word_count(&x.body);
        assert!((400..=600).contains(&words), "{words} words");
        assert_eq!(a.sources.len(), 200);
        assert_eq!(a.tags.len(), 500);
    }
}
