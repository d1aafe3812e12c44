//! What happens to a clipping as it arrives (an import, a capture, a feed, a paste): the topics the
//! library's model would offer it are worked out at once, so that `is:suggested` finds it without
//! waiting for the next learning, and, when the library files on arrival (a setting of its own, off
//! by default), those offered ticked and above their topic's own threshold are put on it marked
//! `auto` (`is:auto-tagged`) for the user to keep or take off. Only a clipping that arrives under
//! no topic is filed so: one that comes with the user's own topics (an import's "tag everything
//! with", a lossless archive) is already filed.

use rusqlite::params;

use super::suggest::OFFERED_INBOX;
use super::{fts, id_list, Library};
use crate::error::Result;
use crate::model::ClippingId;

const ON_ARRIVAL_KEY: &str = "file_on_arrival";

impl Library {
    /// Whether confident suggestions are put on clippings as they arrive.
    pub fn files_on_arrival(&self) -> Result<bool> {
        Ok(self.meta(ON_ARRIVAL_KEY)?.as_deref() == Some("1"))
    }

    pub fn set_files_on_arrival(&mut self, on: bool) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            params![ON_ARRIVAL_KEY, if on { "1" } else { "0" }],
        )?;
        Ok(())
    }

    /// Offers topics to (and, when the library files on arrival, files) clippings just
    /// stored. Without a learned model there is nothing to offer. Called by every write path
    /// after its transaction: the clippings are stored whatever happens here.
    pub(crate) fn arrived(&mut self, ids: &[ClippingId]) -> Result<()> {
        if ids.is_empty() || !self.has_topic_model()? {
            return Ok(());
        }
        let file = self.files_on_arrival()?;
        // Offered only, the newest arrivals are enough (the inbox's offers are bounded so at
        // each learning too), and a large import is not slowed by offering all of them; filed,
        // every one the user asked to be filed is.
        let ids = if file {
            ids
        } else {
            &ids[ids.len().saturating_sub(OFFERED_INBOX)..]
        };
        let mut offers = Vec::new();
        for chunk in ids.chunks(500) {
            let unfiled: Vec<ClippingId> = {
                let mut stmt = self.conn.prepare(&format!(
                    "SELECT id FROM clipping c
                      WHERE id IN ({}) AND deleted_at IS NULL AND status = 'inbox'
                        AND NOT EXISTS (SELECT 1 FROM clipping_tag ct WHERE ct.clipping_id = c.id)",
                    id_list(chunk)
                ))?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if unfiled.is_empty() {
                continue;
            }
            for s in self.suggest(&unfiled, 0)? {
                for t in s.topics.into_iter().filter(|t| t.suggested) {
                    offers.push((s.id, t.tag, t.score, t.sure));
                }
            }
        }
        if offers.is_empty() {
            return Ok(());
        }
        let mut filed: Vec<ClippingId> = offers.iter().filter(|o| o.3).map(|o| o.0).collect();
        filed.dedup();
        self.write(|tx| {
            let mut offer = tx.prepare(
                "INSERT OR IGNORE INTO clipping_offer (clipping_id, tag_id, score)
                 SELECT ?1, id, ?3 FROM tag WHERE path = ?2",
            )?;
            for (id, tag, score, _) in &offers {
                offer.execute(params![id, tag, score])?;
            }
            if !file || filed.is_empty() {
                return Ok(());
            }
            // Topics are words of the index: the clippings filed are indexed again.
            let chosen = format!("SELECT id FROM clipping WHERE id IN ({})", id_list(&filed));
            fts::reindexing(tx, &chosen, [], || {
                let mut put = tx.prepare(
                    "INSERT OR IGNORE INTO clipping_tag (tag_id, clipping_id, auto)
                     SELECT id, ?1, 1 FROM tag WHERE path = ?2",
                )?;
                for (id, tag, _, _) in offers.iter().filter(|o| o.3) {
                    put.execute(params![id, tag])?;
                }
                Ok(())
            })
        })
    }

    /// [`Library::arrived`] for a write path whose clippings are stored already: a failure
    /// here costs only the offer, which the next learning works out again.
    pub(crate) fn after_arrival(&mut self, ids: &[ClippingId]) {
        if let Err(e) = self.arrived(ids) {
            eprintln!(
                "cuttings: topics not offered to {} new clippings: {e}",
                ids.len()
            );
        }
    }

    fn has_topic_model(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM suggest_model WHERE id = 1")?
            .exists([])?)
    }

    /// Keeps the topics put on these clippings as they arrived: they become the user's filing
    /// (and teach the model from then on). Returns how many topics were kept.
    pub fn keep_auto_tags(&mut self, ids: &[ClippingId]) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            Ok(tx.execute(
                &format!(
                    "UPDATE clipping_tag SET auto = 0 WHERE auto = 1 AND clipping_id IN ({})",
                    id_list(ids)
                ),
                [],
            )?)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use crate::store::suggest::tests::{BUDGET, FOOTBALL};
    use crate::store::tests::{draft, ids, text};
    use crate::store::ImportSummary;
    use crate::Library;

    fn learned() -> Library {
        let mut lib = Library::open_in_memory().unwrap();
        for (texts, tag) in [(FOOTBALL, "Football"), (BUDGET, "Politics")] {
            let ids: Vec<i64> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let d = draft(&format!("{tag} {i}"), t);
                    lib.insert_clipping(&d).unwrap().id()
                })
                .collect();
            lib.tag_clippings(&ids, tag).unwrap();
        }
        lib.learn_topics().unwrap();
        lib
    }

    fn changes(lib: &Library) -> String {
        lib.meta("filing_changes").unwrap().unwrap()
    }

    #[test]
    fn off_by_default_a_new_clipping_is_offered_its_topic_but_not_filed() {
        let mut lib = learned();
        assert!(!lib.files_on_arrival().unwrap());
        let d = draft(
            "Derby",
            "The striker's goal won the league match for the club",
        );
        let id = lib.insert_clipping(&d).unwrap().id();
        assert_eq!(ids(&lib, &text("is:suggested")), vec![id]);
        assert!(lib.clipping(id).unwrap().tags.is_empty());
        assert!(ids(&lib, &text("is:auto-tagged")).is_empty());
    }

    #[test]
    fn on_arrival_confident_topics_are_put_on_marked_and_teach_only_once_kept() {
        let mut lib = learned();
        lib.set_files_on_arrival(true).unwrap();
        let before = changes(&lib);
        let d = draft(
            "Derby",
            "The striker's goal won the league match for the club",
        );
        let id = lib.insert_clipping(&d).unwrap().id();
        let c = lib.clipping(id).unwrap();
        assert_eq!(c.tags, vec!["Football".to_string()]);
        assert_eq!(c.auto_tags, c.tags);
        assert_eq!(ids(&lib, &text("is:auto-tagged")), vec![id]);
        // Found by its topic, as a topic filed by hand is.
        assert!(ids(&lib, &text("tag:Football")).contains(&id));
        // Not the user's filing: the model is not out of date, and does not learn from it.
        assert_eq!(changes(&lib), before);
        assert!(!lib.topic_model_stale().unwrap());
        assert_eq!(lib.learn_topics().unwrap().examples, 8);

        // A clipping about nothing the library files is left alone.
        let other = lib
            .insert_clipping(&draft("Weather", "Rain and snow are expected in the north"))
            .unwrap()
            .id();
        assert!(lib.clipping(other).unwrap().tags.is_empty());

        assert_eq!(lib.keep_auto_tags(&[id]).unwrap(), 1);
        let c = lib.clipping(id).unwrap();
        assert_eq!(c.tags, vec!["Football".to_string()]);
        assert!(c.auto_tags.is_empty());
        assert!(ids(&lib, &text("is:auto-tagged")).is_empty());
        assert_ne!(changes(&lib), before);
        assert_eq!(lib.learn_topics().unwrap().examples, 9);
    }

    #[test]
    fn filing_by_hand_keeps_a_topic_put_on_as_it_arrived_and_taking_it_off_removes_it() {
        let mut lib = learned();
        lib.set_files_on_arrival(true).unwrap();
        let a = lib
            .insert_clipping(&draft("A", "The striker's goal won the league match"))
            .unwrap()
            .id();
        let b = lib
            .insert_clipping(&draft("B", "A goal from the striker won the cup match"))
            .unwrap()
            .id();
        for id in [a, b] {
            assert_eq!(
                lib.clipping(id).unwrap().auto_tags,
                vec!["Football".to_string()]
            );
        }
        lib.tag_clippings(&[a], "Football").unwrap();
        assert!(lib.clipping(a).unwrap().auto_tags.is_empty());
        lib.untag_clippings(&[b], "Football").unwrap();
        assert!(lib.clipping(b).unwrap().tags.is_empty());
        assert!(ids(&lib, &text("is:auto-tagged")).is_empty());
    }

    #[test]
    fn an_import_files_what_arrives_unfiled_and_leaves_what_comes_filed() {
        let mut lib = learned();
        lib.set_files_on_arrival(true).unwrap();
        let mut filed = draft("Cup", "The striker's goal won the cup final for the club");
        filed.tags = vec!["Sport news".into()];
        let items = vec![
            (
                "a.txt".to_string(),
                Ok(vec![draft(
                    "Vote",
                    "Parliament passed the budget bill after the minister spoke",
                )]),
            ),
            ("b.txt".to_string(), Ok(vec![filed])),
        ];
        let mut summary = ImportSummary::default();
        lib.load_drafts(
            items,
            2,
            &[],
            &AtomicBool::new(false),
            &mut |_| {},
            &mut summary,
        )
        .unwrap();
        let (vote, cup) = (summary.imported[0], summary.imported[1]);
        assert_eq!(
            lib.clipping(vote).unwrap().auto_tags,
            vec!["Politics".to_string()]
        );
        assert_eq!(
            lib.clipping(cup).unwrap().tags,
            vec!["Sport news".to_string()]
        );
        assert!(lib.clipping(cup).unwrap().auto_tags.is_empty());
    }
}
