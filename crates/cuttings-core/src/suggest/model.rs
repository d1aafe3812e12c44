//! What a library's topics look like, learned from the clippings filed under them: for each
//! topic, the centroid of its clippings' weighted words (Rocchio's classifier over TF-IDF
//! vectors), and the likeness above which a clipping is offered that topic ticked. The
//! threshold is each topic's own, chosen where it best separates that topic's clippings from
//! the others when each clipping is left out of its topic's centroid in turn: a broad topic
//! and a narrow one differ in how alike their clippings are.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::terms::Terms;

/// A topic with fewer clippings than this is not suggested: two examples say too little.
pub const MIN_EXAMPLES: usize = 3;
/// The words kept for each topic, its weightiest: the rest weigh little and cost room. With
/// many topics each keeps fewer, so that the model stays within a bounded size (a few MB in
/// the file) however many topics and clippings the library has.
const TOPIC_WORDS: usize = 4000;
const MODEL_WORDS: usize = 1_000_000;
/// The clippings whose left-out scores set the thresholds, at most: enough for a threshold,
/// and the cost stays bounded in a large library.
const THRESHOLD_SAMPLE: usize = 5_000;
/// The likeliest topic is offered ticked when it is this many times as like as the next.
const CLEAR_OF_NEXT: f32 = 1.2;
/// Another topic is offered ticked only when it is at least this share as like as the first.
const NEAR_TOP: f32 = 0.8;
/// Below this share of its threshold, a topic is not offered at all.
const WORTH_OFFERING: f32 = 0.6;
/// No topic is offered ticked below this likeness, however loose its own clippings are.
const FLOOR: f32 = 0.05;

/// One clipping the model learns from: its words with their counts (numbered by a
/// [`Numbering`](super::terms::Numbering)), its topics with their ancestors, and the topics
/// it was itself filed under.
pub struct Example {
    pub counts: Vec<(u32, u32)>,
    pub topics: Vec<i64>,
    pub direct: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Topic {
    pub tag: i64,
    /// The clippings it learned from (its own and its descendants').
    pub examples: usize,
    /// Those filed under the topic itself: a topic the user files nothing under directly (a
    /// parent that only groups others) is learned, for its children, but not suggested.
    pub direct: usize,
    pub threshold: f32,
    /// (word, weight) of the centroid, the heaviest first.
    words: Vec<(u32, f32)>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Model {
    /// The clippings it learned from.
    pub examples: usize,
    words: Vec<String>,
    idf: Vec<f32>,
    pub topics: Vec<Topic>,
    #[serde(skip)]
    index: HashMap<String, u32>,
    /// Word -> (topic, weight): a clipping's likeness to every topic in one pass over its words.
    #[serde(skip)]
    postings: Vec<Vec<(u16, f32)>>,
}

/// A topic's likeness to a clipping.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub tag: i64,
    pub score: f32,
    /// Likely enough to be offered ticked.
    pub ticked: bool,
    pub threshold: f32,
}

impl Scored {
    /// Ticked and above its own threshold, not only clear of the other topics.
    pub fn sure(&self) -> bool {
        self.ticked && self.score >= self.threshold
    }
}

/// Of the topics that may be offered (the likeliest first), which to offer and which ticked:
/// ticked when above the topic's own threshold and near the likeliest (a clipping about two
/// topics is about as like each); the likeliest also when it stands clear of the next, even
/// under its threshold (a short clipping is like nothing much), unless it is far below it:
/// that is the likeness any clipping has with the topic, and such a topic is not offered.
pub fn offer(mut scored: Vec<Scored>) -> Vec<Scored> {
    let top = scored.first().map_or(0.0, |s| s.score);
    let second = scored.get(1).map_or(0.0, |s| s.score);
    for (i, s) in scored.iter_mut().enumerate() {
        let worth = s.score >= WORTH_OFFERING * s.threshold;
        s.ticked = if i == 0 {
            s.ticked || (worth && top >= CLEAR_OF_NEXT * second)
        } else {
            s.ticked && s.score >= NEAR_TOP * top
        };
    }
    scored.retain(|s| s.ticked || s.score >= WORTH_OFFERING * s.threshold);
    scored
}

fn idf(n: usize, df: usize) -> f32 {
    ((n as f32 + 1.0) / (df as f32 + 1.0)).ln() + 1.0
}

fn weigh(count: u32) -> f32 {
    1.0 + (count as f32).ln()
}

impl Model {
    /// Learns from `examples`, whose words are numbers into `vocabulary`.
    pub fn train(vocabulary: &[String], examples: &[Example]) -> Model {
        let n = examples.len();
        let mut df_of = vec![0usize; vocabulary.len()];
        for e in examples {
            for &(w, _) in &e.counts {
                df_of[w as usize] += 1;
            }
        }
        // Every word some clipping has, numbered in sorted order, so that the same filing
        // always gives the same model.
        let mut sorted: Vec<u32> = (0..vocabulary.len() as u32)
            .filter(|&w| df_of[w as usize] > 0)
            .collect();
        sorted.sort_unstable_by(|&a, &b| vocabulary[a as usize].cmp(&vocabulary[b as usize]));
        let mut index = vec![u32::MAX; vocabulary.len()];
        for (i, &w) in sorted.iter().enumerate() {
            index[w as usize] = i as u32;
        }
        let words: Vec<&str> = sorted
            .iter()
            .map(|&w| vocabulary[w as usize].as_str())
            .collect();
        let idfs: Vec<f32> = sorted.iter().map(|&w| idf(n, df_of[w as usize])).collect();
        let vectors: Vec<Vec<(u32, f32)>> = examples
            .iter()
            .map(|e| {
                normalised(
                    e.counts
                        .iter()
                        .map(|&(w, c)| {
                            let id = index[w as usize];
                            (id, weigh(c) * idfs[id as usize])
                        })
                        .collect(),
                )
            })
            .collect();
        // The topics with enough examples, and the sum of their clippings' vectors.
        let (mut counts, mut direct) = (HashMap::<i64, usize>::new(), HashMap::<i64, usize>::new());
        for e in examples {
            for &t in &e.topics {
                *counts.entry(t).or_default() += 1;
            }
            for &t in &e.direct {
                *direct.entry(t).or_default() += 1;
            }
        }
        let mut tags: Vec<i64> = counts
            .iter()
            .filter(|&(_, &c)| c >= MIN_EXAMPLES)
            .map(|(&t, _)| t)
            .collect();
        tags.sort_unstable();
        tags.truncate(u16::MAX as usize);
        let slot: HashMap<i64, usize> = tags.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); tags.len()];
        for (i, e) in examples.iter().enumerate() {
            for t in e.topics.iter().filter_map(|t| slot.get(t)) {
                members[*t].push(i);
            }
        }
        // Each topic's sum, (word, weight) by word: added up topic by topic in one dense row
        // (a word's weight is never zero, so a zero marks a word not yet seen).
        let mut row = vec![0f32; words.len()];
        let sums: Vec<Vec<(u32, f32)>> = members
            .iter()
            .map(|m| {
                let mut seen = Vec::new();
                for &i in m {
                    for &(w, x) in &vectors[i] {
                        if row[w as usize] == 0.0 {
                            seen.push(w);
                        }
                        row[w as usize] += x;
                    }
                }
                seen.sort_unstable();
                seen.into_iter()
                    .map(|w| (w, std::mem::take(&mut row[w as usize])))
                    .collect()
            })
            .collect();
        let norms: Vec<f32> = sums
            .iter()
            .map(|s| s.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt())
            .collect();
        let thresholds = thresholds(examples, &vectors, &sums, &norms, &slot, words.len());
        let topics = tags
            .iter()
            .enumerate()
            .map(|(i, &tag)| {
                let mut ws: Vec<(u32, f32)> = sums[i]
                    .iter()
                    .map(|&(w, x)| (w, x / norms[i].max(f32::MIN_POSITIVE)))
                    .collect();
                let keep = TOPIC_WORDS.min(MODEL_WORDS / tags.len().max(1));
                let heavier =
                    |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                // The heaviest first: picked out, then only they are sorted.
                if ws.len() > keep {
                    ws.select_nth_unstable_by(keep, heavier);
                    ws.truncate(keep);
                }
                ws.sort_by(heavier);
                Topic {
                    tag,
                    examples: counts[&tag],
                    direct: direct.get(&tag).copied().unwrap_or(0),
                    threshold: thresholds[i],
                    words: ws,
                }
            })
            .collect::<Vec<_>>();
        // Keep the words some topic weighs, renumbered: any other word of a clipping counts
        // only in its length, and is given the rarest weight.
        let mut keep = vec![false; words.len()];
        for t in &topics {
            for &(w, _) in &t.words {
                keep[w as usize] = true;
            }
        }
        let mut renumber = vec![u32::MAX; words.len()];
        let (mut kept_words, mut kept_idf) = (Vec::new(), Vec::new());
        for (i, w) in words.into_iter().enumerate() {
            if keep[i] {
                renumber[i] = kept_words.len() as u32;
                kept_words.push(w.to_string());
                kept_idf.push(idfs[i]);
            }
        }
        let topics = topics
            .into_iter()
            .map(|mut t| {
                for w in &mut t.words {
                    w.0 = renumber[w.0 as usize];
                }
                t
            })
            .collect();
        let mut m = Model {
            examples: n,
            words: kept_words,
            idf: kept_idf,
            topics,
            ..Model::default()
        };
        m.prepare();
        m
    }

    /// Builds the lookups a stored model does not keep.
    pub fn prepare(&mut self) {
        self.index = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        self.postings = vec![Vec::new(); self.words.len()];
        for (t, topic) in self.topics.iter().enumerate() {
            for &(w, x) in &topic.words {
                self.postings[w as usize].push((t as u16, x));
            }
        }
    }

    fn vector<'t>(&self, terms: &'t Terms) -> Vec<(Option<u32>, f32, &'t str)> {
        let rare = idf(self.examples, 0);
        let mut v: Vec<(Option<u32>, f32, &'t str)> = terms
            .counts
            .iter()
            .map(|(w, &c)| {
                let id = self.index.get(w).copied();
                let i = id.map_or(rare, |id| self.idf[id as usize]);
                (id, weigh(c) * i, w.as_str())
            })
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
        v
    }

    /// Every topic's likeness to a clipping with these words, the likeliest first; `ticked`
    /// says only whether it reaches the topic's threshold: [`offer`] decides among those the
    /// caller may offer.
    pub fn score(&self, terms: &Terms) -> Vec<Scored> {
        let mut dots = vec![0f32; self.topics.len()];
        for (id, x, _) in self.vector(terms) {
            if let Some(id) = id {
                for &(t, w) in &self.postings[id as usize] {
                    dots[t as usize] += x * w;
                }
            }
        }
        let mut out: Vec<Scored> = self
            .topics
            .iter()
            .zip(dots)
            .filter(|(_, s)| *s > 0.0)
            .map(|(t, score)| Scored {
                tag: t.tag,
                score,
                ticked: score >= t.threshold,
                threshold: t.threshold,
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.tag.cmp(&b.tag)));
        out
    }

    /// The words of a clipping that weighed most for a topic, as the clipping writes them.
    pub fn why(&self, terms: &Terms, tag: i64, most: usize) -> Vec<String> {
        let Some(t) = self.topics.iter().position(|t| t.tag == tag) else {
            return Vec::new();
        };
        let mut weighed: Vec<(f32, &str)> = self
            .vector(terms)
            .into_iter()
            .filter_map(|(id, x, w)| {
                let id = id?;
                let &(_, c) = self.postings[id as usize]
                    .iter()
                    .find(|(tt, _)| *tt as usize == t)?;
                Some((x * c, w))
            })
            .collect();
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        weighed
            .into_iter()
            .take(most)
            .map(|(_, w)| terms.shown.get(w).cloned().unwrap_or_else(|| w.to_string()))
            .collect()
    }

    /// The model as stored in the library file (postcard: compact, and read back quickly).
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a model always encodes")
    }

    pub fn decode(bytes: &[u8]) -> Result<Model, String> {
        let mut m: Model = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        m.prepare();
        Ok(m)
    }
}

fn normalised(mut v: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| x.1 /= norm);
    }
    v.sort_unstable_by_key(|x| x.0);
    v
}

/// Each topic's threshold: where its clippings' left-out likeness best separates them from
/// the other clippings' (the cut with the best F1), halfway to the next score below.
fn thresholds(
    examples: &[Example],
    vectors: &[Vec<(u32, f32)>],
    sums: &[Vec<(u32, f32)>],
    norms: &[f32],
    slot: &HashMap<i64, usize>,
    words: usize,
) -> Vec<f32> {
    let mut postings: Vec<Vec<(u16, f32)>> = vec![Vec::new(); words];
    for (t, s) in sums.iter().enumerate() {
        for &(w, x) in s {
            postings[w as usize].push((t as u16, x));
        }
    }
    let step = examples.len().div_ceil(THRESHOLD_SAMPLE).max(1);
    let mut scores: Vec<Vec<(f32, bool)>> = vec![Vec::new(); sums.len()];
    let mut dots = vec![0f32; sums.len()];
    for (e, v) in examples.iter().zip(vectors).step_by(step) {
        dots.iter_mut().for_each(|d| *d = 0.0);
        for &(w, x) in v {
            for &(t, s) in &postings[w as usize] {
                dots[t as usize] += x * s;
            }
        }
        let mine: Vec<usize> = e
            .topics
            .iter()
            .filter_map(|t| slot.get(t).copied())
            .collect();
        for (t, &dot) in dots.iter().enumerate() {
            let own = mine.contains(&t);
            let score = if own {
                // Left out of its own topic: S - d, with |d| = 1.
                let rest = (norms[t] * norms[t] - 2.0 * dot + 1.0).max(0.0).sqrt();
                if rest > 1e-6 {
                    (dot - 1.0) / rest
                } else {
                    0.0
                }
            } else if norms[t] > 0.0 {
                dot / norms[t]
            } else {
                0.0
            };
            scores[t].push((score, own));
        }
    }
    scores
        .into_iter()
        .map(|mut s| {
            s.sort_by(|a, b| b.0.total_cmp(&a.0));
            let positives = s.iter().filter(|x| x.1).count();
            let (mut tp, mut best, mut cut) = (0usize, -1f32, FLOOR);
            for (i, &(score, own)) in s.iter().enumerate() {
                tp += usize::from(own);
                let f1 = 2.0 * tp as f32 / ((i + 1) + positives) as f32;
                if f1 > best {
                    best = f1;
                    let next = s.get(i + 1).map_or(0.0, |x| x.0);
                    cut = (score + next) / 2.0;
                }
            }
            cut.max(FLOOR)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::terms::{Numbering, Reader};
    use super::*;

    fn ex(n: &mut Numbering, text: &str, topics: &[i64]) -> Example {
        Example {
            counts: n.clipping("", "", text),
            topics: topics.to_vec(),
            direct: topics.to_vec(),
        }
    }

    #[test]
    fn a_topic_learned_from_a_few_examples_is_suggested_for_a_like_clipping_only() {
        let r = Reader::default();
        let mut n = Numbering::default();
        let examples = vec![
            ex(
                &mut n,
                "The striker scored a goal and the club won the league match",
                &[1],
            ),
            ex(
                &mut n,
                "A late goal from the striker gave the club the cup final",
                &[1],
            ),
            ex(
                &mut n,
                "The club's goalkeeper saved a penalty in the league match",
                &[1],
            ),
            ex(
                &mut n,
                "Parliament voted on the budget bill after the minister spoke",
                &[2],
            ),
            ex(
                &mut n,
                "The minister told parliament the bill would pass the vote",
                &[2],
            ),
            ex(
                &mut n,
                "The opposition forced a vote in parliament on the minister",
                &[2],
            ),
        ];
        let m = Model::train(&n.words, &examples);
        let football =
            m.score(&r.clipping("", "", "The striker's goal won the match for the club"));
        assert_eq!(football[0].tag, 1);
        assert!(football[0].ticked);
        assert!(!football.iter().any(|s| s.tag == 2 && s.ticked));
        let weather = m.score(&r.clipping("", "", "Rain and snow are expected across the north"));
        assert!(weather.iter().all(|s| !s.ticked));
        let why = m.why(&r.clipping("", "", "The striker's goal"), 1, 3);
        assert!(why.contains(&"striker".to_string()), "{why:?}");
    }

    #[test]
    fn the_likeliest_clear_of_the_next_is_ticked_but_sure_only_above_its_threshold() {
        let s = |tag, score, threshold| Scored {
            tag,
            score,
            ticked: score >= threshold,
            threshold,
        };
        let offered = offer(vec![s(1, 0.10, 0.15), s(2, 0.05, 0.20)]);
        assert!(offered[0].ticked && !offered[0].sure());
        let offered = offer(vec![s(1, 0.30, 0.15), s(2, 0.05, 0.20)]);
        assert!(offered[0].ticked && offered[0].sure());
    }

    #[test]
    fn a_topic_with_too_few_examples_is_not_learned() {
        let mut n = Numbering::default();
        let examples = vec![
            ex(&mut n, "goal striker club", &[1]),
            ex(&mut n, "goal striker league", &[1]),
        ];
        assert!(Model::train(&n.words, &examples).topics.is_empty());
    }

    #[test]
    fn a_stored_model_scores_as_the_one_trained() {
        let r = Reader::default();
        let mut n = Numbering::default();
        let examples: Vec<Example> = (0..6)
            .map(|i| {
                ex(
                    &mut n,
                    &format!("goal striker club match{i}"),
                    &[1 + (i % 2)],
                )
            })
            .collect();
        let m = Model::train(&n.words, &examples);
        let back = Model::decode(&m.encode()).unwrap();
        let t = r.clipping("", "", "striker goal");
        assert_eq!(m.score(&t), back.score(&t));
    }
}
