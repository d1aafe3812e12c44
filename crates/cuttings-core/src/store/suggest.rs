//! Topic suggestions in the library: the model learned from the clippings the user filed
//! (outside the trash), kept in the file with the count of filing changes it saw, and the
//! topics offered for a clipping. Which topics are offered is decided here: not those the
//! clipping has (or their parents), not a parent the user files nothing under directly, and
//! not a parent of a topic offered before it, since filing under the child files under it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{id_list, now, tags, ts, BulkChange, BulkUndo, Library};
use crate::error::{Error, Result};
use crate::model::ClippingId;
use crate::suggest::{offer, Example, Model, Numbering, Reader};

/// The inbox clippings whose offers are refreshed, the newest: a day's or a month's inbox, and
/// refreshing stays a matter of seconds however large the library.
pub const OFFERED_INBOX: usize = 5_000;
/// Topics offered for one clipping, at most.
const MOST_TOPICS: usize = 5;
/// Words shown for why a topic is offered.
const WHY_WORDS: usize = 6;

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicSuggestion {
    /// The topic's path ("Syria/Diplomacy").
    pub tag: String,
    /// Its likeness to the clipping, 0 to 1.
    pub score: f64,
    /// Likely enough to be offered ticked (and applied by "Accept suggestions").
    pub suggested: bool,
    /// Ticked and above the topic's own threshold: what filing on arrival puts on a clipping
    /// with no one to look first (a topic ticked only for standing clear of the others, as
    /// any clipping may in a library of two or three topics, is offered, not filed).
    pub sure: bool,
    /// The clipping's words that weighed most for it.
    pub why: Vec<String>,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestions {
    pub id: ClippingId,
    pub topics: Vec<TopicSuggestion>,
}

#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicModelStatus {
    /// When the model was last learned; none before the first time.
    pub learned_at: Option<String>,
    /// The filed clippings it learned from.
    pub examples: i64,
    /// The topics it can suggest.
    pub topics: i64,
    /// Whether the filing changed since.
    pub up_to_date: bool,
}

/// What "Accept suggestions" did: the topics each clipping was filed under, and how to put
/// the selection back (undo in reverse order).
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accepted {
    pub applied: Vec<(ClippingId, Vec<String>)>,
    pub undo: Vec<BulkUndo>,
}

/// The model as loaded from the file, with when it was learned (to know when to load again).
pub(crate) struct Loaded {
    learned_at: String,
    model: Model,
}

/// What suggesting keeps between calls: the topic tree, until a tag changes (counted by
/// triggers in `meta`, so that another connection's change counts too), and a reader whose
/// stems are remembered. Reading both afresh was most of the time of one suggestion.
#[derive(Default)]
pub(crate) struct Kept {
    tree: Option<(String, Arc<Tree>)>,
    reader: Reader,
}

/// The topic tree as suggestions need it: each tag's path, and each tag with its ancestors
/// (from the tags' ancestry words, see `tags`).
struct Tree {
    paths: HashMap<i64, String>,
    ancestors: HashMap<i64, Vec<i64>>,
}

fn tag_tree(conn: &Connection) -> Result<Tree> {
    Ok(Tree {
        paths: tags::paths(conn)?,
        ancestors: tags::ancestors(conn)?,
    })
}

/// These tags and all their ancestors, each once.
fn with_ancestors(tree: &Tree, tags: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    for &t in tags {
        let own = [t];
        let line = tree.ancestors.get(&t).map_or(&own[..], |a| &a[..]);
        for &a in line.iter().chain(&own) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

impl Library {
    fn tree(&mut self) -> Result<Arc<Tree>> {
        let version = self.meta("tag_changes")?.unwrap_or_default();
        if let Some((v, tree)) = &self.suggesting.tree {
            if *v == version {
                return Ok(tree.clone());
            }
        }
        let tree = Arc::new(tag_tree(&self.conn)?);
        self.suggesting.tree = Some((version, tree.clone()));
        Ok(tree)
    }

    /// How many times the user's filing changed since the library was made.
    fn filing_changes(&self) -> Result<i64> {
        Ok(self
            .meta("filing_changes")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// What the stored model knows, read through the loaded model (decoded once).
    pub fn topic_model_status(&mut self) -> Result<TopicModelStatus> {
        let up_to_date = !self.topic_model_stale()?;
        let (examples, topics) = match self.topic_model()? {
            None => (0, 0),
            Some(m) => (
                m.examples as i64,
                m.topics.iter().filter(|t| t.direct > 0).count() as i64,
            ),
        };
        Ok(TopicModelStatus {
            learned_at: self.topics.as_ref().map(|l| l.learned_at.clone()),
            examples,
            topics,
            up_to_date,
        })
    }

    /// The stored model's size in the library file, in bytes (0 before it is learned).
    pub fn topic_model_bytes(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row(
                "SELECT length(model) FROM suggest_model WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    /// Whether the filing changed since the model was learned (or it never was).
    pub fn topic_model_stale(&self) -> Result<bool> {
        let filing: Option<i64> = self
            .conn
            .query_row("SELECT filing FROM suggest_model WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(filing != Some(self.filing_changes()?))
    }

    /// Learns the topics again from every filed clipping outside the trash and stores the
    /// model. Reads in one transaction, so the model matches the filing count it records; a
    /// change made while it learns leaves it out of date, to be learned again.
    pub fn learn_topics(&mut self) -> Result<TopicModelStatus> {
        let (changes, vocabulary, examples) = {
            let tx = self.conn.transaction()?;
            let changes: i64 = tx
                .query_row(
                    "SELECT value FROM meta WHERE key = 'filing_changes'",
                    [],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let tree = tag_tree(&tx)?;
            let mut filed: HashMap<ClippingId, Vec<i64>> = HashMap::new();
            {
                let mut stmt = tx.prepare(
                    // A topic put on as the clipping arrived is the model's guess, not
                    // the user's filing, until the user keeps it.
                    "SELECT ct.clipping_id, ct.tag_id FROM clipping_tag ct
                       JOIN clipping c ON c.id = ct.clipping_id
                      WHERE c.deleted_at IS NULL AND ct.auto = 0",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    filed.entry(r.get(0)?).or_default().push(r.get(1)?);
                }
            }
            let mut numbering = Numbering::default();
            let mut examples = Vec::with_capacity(filed.len());
            let mut stmt = tx.prepare(
                "SELECT c.id, c.title, coalesce(c.standfirst, ''), t.body
                   FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id
                  WHERE c.deleted_at IS NULL
                    AND c.id IN (SELECT clipping_id FROM clipping_tag)
                  ORDER BY c.id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: ClippingId = r.get(0)?;
                let Some(direct) = filed.remove(&id) else {
                    continue;
                };
                let (title, standfirst, body): (String, String, String) =
                    (r.get(1)?, r.get(2)?, r.get(3)?);
                examples.push(Example {
                    counts: numbering.clipping(&title, &standfirst, &body),
                    topics: with_ancestors(&tree, &direct),
                    direct,
                });
            }
            (changes, numbering.words, examples)
        };
        let model = Model::train(&vocabulary, &examples);
        let blob = model.encode();
        let learned_at = ts(now());
        self.conn.execute(
            "INSERT OR REPLACE INTO suggest_model (id, filing, learned_at, model)
             VALUES (1, ?1, ?2, ?3)",
            params![changes, learned_at, blob],
        )?;
        self.topics = Some(Loaded { learned_at, model });
        self.refresh_offers()?;
        self.topic_model_status()
    }

    /// The stored model, loaded once and kept until another is stored.
    fn topic_model(&mut self) -> Result<Option<&Model>> {
        let learned_at: Option<String> = self
            .conn
            .query_row(
                "SELECT learned_at FROM suggest_model WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let Some(learned_at) = learned_at else {
            self.topics = None;
            return Ok(None);
        };
        if self
            .topics
            .as_ref()
            .is_none_or(|l| l.learned_at != learned_at)
        {
            let blob: Vec<u8> =
                self.conn
                    .query_row("SELECT model FROM suggest_model WHERE id = 1", [], |r| {
                        r.get(0)
                    })?;
            self.topics = Some(Loaded {
                learned_at,
                model: decode(&blob)?,
            });
        }
        Ok(self.topics.as_ref().map(|l| &l.model))
    }

    /// The topics the model offers for each of these clippings, the likeliest first (see the
    /// module's rules). Uses the model as last learned; none before it is first learned.
    pub fn suggest_topics(&mut self, ids: &[ClippingId]) -> Result<Vec<Suggestions>> {
        self.suggest(ids, WHY_WORDS)
    }

    /// As [`Library::suggest_topics`], with at most `why` words of explanation for each topic.
    pub(super) fn suggest(&mut self, ids: &[ClippingId], why: usize) -> Result<Vec<Suggestions>> {
        let tree = self.tree()?;
        let mut texts: HashMap<ClippingId, (String, String, String)> = HashMap::new();
        let mut has: HashMap<ClippingId, Vec<i64>> = HashMap::new();
        {
            let list = id_list(ids);
            let mut stmt = self.conn.prepare(&format!(
                "SELECT c.id, c.title, coalesce(c.standfirst, ''), t.body
                   FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id
                  WHERE c.id IN ({list})"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                texts.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?));
            }
            let mut stmt = self.conn.prepare(&format!(
                "SELECT clipping_id, tag_id FROM clipping_tag WHERE clipping_id IN ({list})"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                has.entry(r.get(0)?).or_default().push(r.get(1)?);
            }
        }
        for id in ids {
            if !texts.contains_key(id) {
                return Err(Error::not_found("clipping", *id));
            }
        }
        if self.topic_model()?.is_none() {
            return Ok(ids
                .iter()
                .map(|&id| Suggestions {
                    id,
                    topics: Vec::new(),
                })
                .collect());
        }
        // Read again through the field: the reader below is borrowed beside it.
        let model = &self.topics.as_ref().expect("loaded just now").model;
        let direct: HashSet<i64> = model
            .topics
            .iter()
            .filter(|t| t.direct > 0)
            .map(|t| t.tag)
            .collect();
        let reader = &self.suggesting.reader;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let (title, standfirst, body) = &texts[&id];
            let terms = reader.clipping(title, standfirst, body);
            let already: HashSet<i64> =
                with_ancestors(&tree, has.get(&id).map_or(&[][..], |v| &v[..]))
                    .into_iter()
                    .collect();
            let mut allowed = Vec::new();
            let mut covered: HashSet<i64> = HashSet::new();
            for s in model.score(&terms) {
                if already.contains(&s.tag)
                    || !direct.contains(&s.tag)
                    || covered.contains(&s.tag)
                    || !tree.paths.contains_key(&s.tag)
                {
                    continue;
                }
                // A parent after its child adds nothing: filing under the child files under
                // it. A child after its parent is offered (it is more precise).
                covered.extend(with_ancestors(&tree, &[s.tag]));
                allowed.push(s);
            }
            let mut chosen: Vec<(i64, f32, bool, bool)> = offer(allowed)
                .into_iter()
                .map(|s| (s.tag, s.score, s.ticked, s.sure()))
                .collect();
            chosen.truncate(MOST_TOPICS);
            // A parent offered ticked when one of its children is too is implied by the child.
            let ticked_children: Vec<i64> = chosen.iter().filter(|c| c.2).map(|c| c.0).collect();
            let implied: HashSet<i64> = ticked_children
                .iter()
                .flat_map(|&c| {
                    with_ancestors(&tree, &[c])
                        .into_iter()
                        .filter(move |&a| a != c)
                })
                .collect();
            let topics = chosen
                .into_iter()
                .filter(|c| !(c.2 && implied.contains(&c.0)))
                .map(|(tag, score, ticked, sure)| TopicSuggestion {
                    tag: tree.paths[&tag].clone(),
                    score: (f64::from(score) * 1000.0).round() / 1000.0,
                    suggested: ticked,
                    sure,
                    why: if why > 0 {
                        model.why(&terms, tag, why)
                    } else {
                        Vec::new()
                    },
                })
                .collect();
            out.push(Suggestions { id, topics });
        }
        Ok(out)
    }

    /// Works out again the topics offered ticked to the newest [`OFFERED_INBOX`] clippings of
    /// the inbox, for `is:suggested`; returns how many clippings have one. Run after learning
    /// and after an import (the app does it in the background, on a connection of its own).
    pub fn refresh_offers(&mut self) -> Result<usize> {
        let inbox: Vec<ClippingId> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM clipping
                  WHERE deleted_at IS NULL AND status = 'inbox'
                  ORDER BY id DESC LIMIT ?1",
            )?;
            let ids = stmt.query_map([OFFERED_INBOX as i64], |r| r.get(0))?;
            ids.collect::<rusqlite::Result<_>>()?
        };
        let mut offers = Vec::new();
        for chunk in inbox.chunks(500) {
            for s in self.suggest(chunk, 0)? {
                for t in s.topics.into_iter().filter(|t| t.suggested) {
                    offers.push((s.id, t.tag, t.score));
                }
            }
        }
        self.write(|tx| {
            tx.execute("DELETE FROM clipping_offer", [])?;
            let mut add = tx.prepare(
                "INSERT OR IGNORE INTO clipping_offer (clipping_id, tag_id, score)
                 SELECT ?1, id, ?3 FROM tag WHERE path = ?2",
            )?;
            let mut with = HashSet::new();
            for (id, tag, score) in &offers {
                add.execute(params![id, tag, score])?;
                with.insert(*id);
            }
            Ok(with.len())
        })
    }

    /// The newest clippings outside the trash filed under no topic, at most `limit`: the
    /// inbox that suggestions file.
    pub fn untagged_clippings(&self, limit: usize) -> Result<Vec<ClippingId>> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM clipping c
              WHERE deleted_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM clipping_tag ct WHERE ct.clipping_id = c.id)
              ORDER BY published IS NULL, published DESC, id DESC
              LIMIT ?1",
        )?;
        let ids = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Files each clipping under the topics offered ticked for it: one undoable change per
    /// topic (see `bulk`).
    pub fn accept_suggestions(&mut self, ids: &[ClippingId]) -> Result<Accepted> {
        let suggestions = self.suggest_topics(ids)?;
        let mut by_tag: HashMap<String, Vec<ClippingId>> = HashMap::new();
        let mut applied = Vec::new();
        for s in suggestions {
            let tags: Vec<String> = s
                .topics
                .into_iter()
                .filter(|t| t.suggested)
                .map(|t| t.tag)
                .collect();
            for t in &tags {
                by_tag.entry(t.clone()).or_default().push(s.id);
            }
            if !tags.is_empty() {
                applied.push((s.id, tags));
            }
        }
        let mut tags: Vec<(String, Vec<ClippingId>)> = by_tag.into_iter().collect();
        tags.sort();
        let mut undo = Vec::with_capacity(tags.len());
        for (path, ids) in tags {
            undo.push(self.apply_bulk(&ids, &BulkChange::Tag { path })?);
        }
        Ok(Accepted { applied, undo })
    }
}

fn decode(blob: &[u8]) -> Result<Model> {
    Model::decode(blob).map_err(|e| Error::Invalid {
        field: "topic model".into(),
        message: format!("the stored model could not be read ({e}); learn the topics again"),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::store::tests::{draft, ids, text};
    use crate::Library;

    pub(crate) const FOOTBALL: &[&str] = &[
        "The striker scored twice and the club won the league match at home",
        "A late goal from the striker gave the club the cup final against its rivals",
        "The goalkeeper saved a penalty as the club drew the league match",
        "The club signed a striker before the league season; the manager praised the goal",
    ];
    pub(crate) const BUDGET: &[&str] = &[
        "Parliament voted on the budget bill after the finance minister spoke",
        "The finance minister told parliament the budget bill would pass the vote",
        "The opposition forced a vote in parliament on the minister's budget",
        "Parliament debated taxes in the budget as the minister defended the bill",
    ];

    fn library() -> (Library, Vec<i64>, Vec<i64>) {
        let mut lib = Library::open_in_memory().unwrap();
        let add = |lib: &mut Library, texts: &[&str], tag: &str| {
            let ids: Vec<i64> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    lib.insert_clipping(&draft(&format!("{tag} {i}"), t))
                        .unwrap()
                        .id()
                })
                .collect();
            lib.tag_clippings(&ids, tag).unwrap();
            ids
        };
        let f = add(&mut lib, FOOTBALL, "Sport/Football");
        let b = add(&mut lib, BUDGET, "Politics");
        (lib, f, b)
    }

    #[test]
    fn a_renamed_topic_is_offered_by_its_new_name() {
        let (mut lib, _, _) = library();
        lib.learn_topics().unwrap();
        let new = lib
            .insert_clipping(&draft("Derby", "The striker's goal won the league match"))
            .unwrap()
            .id();
        assert_eq!(
            lib.suggest_topics(&[new]).unwrap()[0].topics[0].tag,
            "Sport/Football"
        );
        lib.rename_tag("Sport/Football", "Sport/Soccer").unwrap();
        assert_eq!(
            lib.suggest_topics(&[new]).unwrap()[0].topics[0].tag,
            "Sport/Soccer"
        );
        // Changed by any statement (another connection's, a sync's), not only the API's.
        lib.conn()
            .execute(
                "UPDATE tag SET path = 'Sport/Fútbol' WHERE path = 'Sport/Soccer'",
                [],
            )
            .unwrap();
        assert_eq!(
            lib.suggest_topics(&[new]).unwrap()[0].topics[0].tag,
            "Sport/Fútbol"
        );
    }

    #[test]
    fn a_learned_topic_is_offered_for_a_like_clipping_and_accepting_is_undoable() {
        let (mut lib, football, _) = library();
        assert!(lib.topic_model_stale().unwrap());
        let status = lib.learn_topics().unwrap();
        assert!(status.up_to_date);
        assert_eq!((status.examples, status.topics), (8, 2));
        let new = lib
            .insert_clipping(&draft(
                "Derby",
                "The striker's goal won the league match for the club",
            ))
            .unwrap()
            .id();
        let s = &lib.suggest_topics(&[new]).unwrap()[0];
        // The child, not its parent "Sport" (filed under nothing directly).
        assert_eq!(s.topics[0].tag, "Sport/Football");
        assert!(s.topics[0].suggested);
        assert!(!s.topics.iter().any(|t| t.tag == "Sport"));
        assert!(!s.topics.iter().any(|t| t.tag == "Politics" && t.suggested));
        assert!(
            s.topics[0].why.iter().any(|w| w == "striker"),
            "{:?}",
            s.topics[0].why
        );
        assert_eq!(lib.untagged_clippings(10).unwrap(), vec![new]);
        // One already filed is not offered the other topic, which it is nothing like.
        let filed = &lib.suggest_topics(&football[..1]).unwrap()[0];
        assert!(filed.topics.iter().all(|t| !t.suggested), "{filed:?}");
        // Offered to the inbox as it arrived, and whenever the offers are worked out again.
        assert_eq!(ids(&lib, &text("is:suggested")), vec![new]);
        assert_eq!(lib.refresh_offers().unwrap(), 1);
        assert_eq!(ids(&lib, &text("is:suggested")), vec![new]);

        let done = lib.accept_suggestions(&[new]).unwrap();
        assert_eq!(
            done.applied,
            vec![(new, vec!["Sport/Football".to_string()])]
        );
        assert!(lib.untagged_clippings(10).unwrap().is_empty());
        assert!(ids(&lib, &text("is:suggested")).is_empty());
        // Filed now: nothing more to offer under that topic.
        assert!(lib.suggest_topics(&[new]).unwrap()[0]
            .topics
            .iter()
            .all(|t| t.tag != "Sport/Football"));
        for u in done.undo.iter().rev() {
            lib.undo_bulk(u).unwrap();
        }
        assert_eq!(lib.untagged_clippings(10).unwrap(), vec![new]);
    }

    #[test]
    fn untagging_and_the_trash_unlearn_and_a_stored_model_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.cuttings");
        {
            let mut lib = Library::open(&path).unwrap();
            for (i, t) in FOOTBALL.iter().enumerate() {
                let id = lib
                    .insert_clipping(&draft(&format!("f{i}"), t))
                    .unwrap()
                    .id();
                lib.tag_clippings(&[id], "Football").unwrap();
            }
            lib.learn_topics().unwrap();
        }
        let mut lib = Library::open(&path).unwrap();
        assert!(!lib.topic_model_stale().unwrap());
        assert_eq!(lib.topic_model_status().unwrap().topics, 1);
        let new = lib
            .insert_clipping(&draft("x", "The striker's goal won the match"))
            .unwrap()
            .id();
        assert_eq!(
            lib.suggest_topics(&[new]).unwrap()[0].topics[0].tag,
            "Football"
        );
        // Two of four taken off: too few examples left, and the topic is not offered.
        lib.untag_clippings(&[1], "Football").unwrap();
        lib.trash(&[2]).unwrap();
        assert!(lib.topic_model_stale().unwrap());
        let status = lib.learn_topics().unwrap();
        assert_eq!((status.examples, status.topics), (2, 0));
        assert!(lib.suggest_topics(&[new]).unwrap()[0].topics.is_empty());
    }
}
