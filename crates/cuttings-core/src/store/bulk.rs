//! Changes to a selection of clippings that the user can undo. The core records what each
//! clipping held before the change and puts exactly that back: a date restored by undo keeps
//! the origin it had (read from the text, the metadata, or set by hand), a tag comes off only
//! the clippings that did not carry it before, a clipping trashed earlier stays in the trash.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{fts, id_list, parse_ts, tags, ts, ClippingPatch, Library};
use crate::date::{DateOrigin, PartialDate};
use crate::error::{Error, Result};
use crate::model::{ClippingId, Status};

/// One change to many clippings.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkChange {
    Tag {
        path: String,
    },
    Untag {
        path: String,
    },
    Status {
        status: Status,
    },
    /// A date set by hand; `None` makes it unknown.
    Date {
        #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
        published: Option<PartialDate>,
    },
    Star {
        starred: bool,
    },
    Trash,
    Restore,
}

/// What one clipping held before a bulk change, as far as that change touches.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Before {
    pub id: ClippingId,
    pub status: Status,
    pub starred: bool,
    #[cfg_attr(feature = "typegen", specta(type = Option<String>))]
    pub published: Option<PartialDate>,
    pub date_origin: Option<DateOrigin>,
    /// Whether it carried the change's tag itself (not only a topic below it).
    pub had_tag: bool,
    /// When it went to the trash, if it was there.
    pub deleted_at: Option<String>,
}

/// Enough to put a selection back as it was before a [`BulkChange`].
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkUndo {
    pub change: BulkChange,
    pub before: Vec<Before>,
}

impl Library {
    fn before(&self, ids: &[ClippingId], tag: Option<&str>) -> Result<Vec<Before>> {
        let tag_path = tag.map(tags::normalize_path).transpose()?;
        let mut out = Vec::with_capacity(ids.len());
        let mut stmt = self.conn().prepare_cached(
            "SELECT status, starred, published, date_origin, deleted_at FROM clipping WHERE id = ?1",
        )?;
        let mut has_tag = self.conn().prepare_cached(
            "SELECT 1 FROM clipping_tag ct JOIN tag t ON t.id = ct.tag_id
              WHERE ct.clipping_id = ?1 AND lower(t.path) = lower(?2)",
        )?;
        for &id in ids {
            let row = stmt.query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            });
            let (status, starred, published, origin, deleted_at) = match row {
                Ok(v) => v,
                Err(rusqlite::Error::QueryReturnedNoRows) => {
                    return Err(Error::not_found("clipping", id))
                }
                Err(e) => return Err(e.into()),
            };
            let had_tag = match &tag_path {
                Some(p) => has_tag.exists(params![id, p])?,
                None => false,
            };
            out.push(Before {
                id,
                status: status.parse().unwrap_or_default(),
                starred,
                published: published.and_then(|p| PartialDate::parse_iso(&p).ok()),
                date_origin: origin.and_then(|o| o.parse().ok()),
                had_tag,
                deleted_at,
            });
        }
        Ok(out)
    }

    /// Applies `change` to every clipping in `ids` (all or none) and returns what undoes it.
    pub fn apply_bulk(&mut self, ids: &[ClippingId], change: &BulkChange) -> Result<BulkUndo> {
        let tag = match change {
            BulkChange::Tag { path } | BulkChange::Untag { path } => Some(path.as_str()),
            _ => None,
        };
        let before = self.before(ids, tag)?;
        match change {
            BulkChange::Tag { path } => {
                self.tag_clippings(ids, path)?;
            }
            BulkChange::Untag { path } => {
                self.untag_clippings(ids, path)?;
            }
            BulkChange::Status { status } => {
                self.update_clippings(ids, &patch(|p| p.status = Some(*status)))?;
            }
            BulkChange::Date { published } => {
                self.update_clippings(ids, &patch(|p| p.published = Some(*published)))?;
            }
            BulkChange::Star { starred } => {
                self.update_clippings(ids, &patch(|p| p.starred = Some(*starred)))?;
            }
            BulkChange::Trash => {
                self.trash(ids)?;
            }
            BulkChange::Restore => {
                self.restore(ids)?;
            }
        }
        Ok(BulkUndo {
            change: change.clone(),
            before,
        })
    }

    /// Puts back what [`Library::apply_bulk`] changed, clipping by clipping, in one transaction.
    pub fn undo_bulk(&mut self, undo: &BulkUndo) -> Result<()> {
        let ids: Vec<ClippingId> = undo.before.iter().map(|b| b.id).collect();
        let chosen = format!("SELECT id FROM clipping WHERE id IN ({})", id_list(&ids));
        self.write(|tx| {
            // Tags and dates are in the index (as words and filter words); the rest is not.
            let indexed = matches!(
                undo.change,
                BulkChange::Tag { .. } | BulkChange::Untag { .. } | BulkChange::Date { .. }
            );
            let put_back = || -> Result<()> {
                for b in &undo.before {
                    match &undo.change {
                        BulkChange::Tag { path } if !b.had_tag => {
                            tx.execute(
                                "DELETE FROM clipping_tag WHERE clipping_id = ?1 AND tag_id =
                                   (SELECT id FROM tag WHERE lower(path) = lower(?2))",
                                params![b.id, tags::normalize_path(path)?],
                            )?;
                        }
                        BulkChange::Untag { path } if b.had_tag => {
                            let tag = tags::ensure(tx, &tags::normalize_path(path)?)?;
                            tx.execute(
                                "INSERT OR IGNORE INTO clipping_tag (tag_id, clipping_id)
                                 VALUES (?1, ?2)",
                                params![tag, b.id],
                            )?;
                        }
                        BulkChange::Status { .. } => {
                            tx.execute(
                                "UPDATE clipping SET status = ?1 WHERE id = ?2",
                                params![b.status.as_str(), b.id],
                            )?;
                        }
                        BulkChange::Star { .. } => {
                            tx.execute(
                                "UPDATE clipping SET starred = ?1 WHERE id = ?2",
                                params![b.starred, b.id],
                            )?;
                        }
                        BulkChange::Date { .. } => {
                            tx.execute(
                                "UPDATE clipping SET published = ?1, date_precision = ?2,
                                    date_origin = ?3 WHERE id = ?4",
                                params![
                                    b.published.map(|d| d.to_string()),
                                    b.published.map_or("unknown", |d| d.precision().as_str()),
                                    b.date_origin.map(DateOrigin::as_str),
                                    b.id
                                ],
                            )?;
                        }
                        BulkChange::Trash | BulkChange::Restore => {
                            // Checked, so a damaged undo record cannot write a bad timestamp.
                            if let Some(at) = &b.deleted_at {
                                parse_ts(at)?;
                            }
                            tx.execute(
                                "UPDATE clipping SET deleted_at = ?1 WHERE id = ?2",
                                params![b.deleted_at, b.id],
                            )?;
                        }
                        _ => {}
                    }
                }
                Ok(())
            };
            if indexed {
                fts::reindexing(tx, &chosen, [], put_back)?;
            } else {
                put_back()?;
            }
            let stamp = ts(super::now());
            tx.execute(
                &format!(
                    "UPDATE clipping SET updated_at = ?1 WHERE id IN ({})",
                    id_list(&ids)
                ),
                [stamp],
            )?;
            Ok(())
        })
    }
}

fn patch(set: impl FnOnce(&mut ClippingPatch)) -> ClippingPatch {
    let mut p = ClippingPatch::default();
    set(&mut p);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClippingDraft;

    fn lib_with(n: usize) -> (Library, Vec<ClippingId>) {
        let mut lib = Library::open_in_memory().unwrap();
        let ids = (0..n)
            .map(|i| {
                lib.insert_clipping(&ClippingDraft {
                    title: format!("Harbour talks {i}"),
                    body: format!("Delegations met at the harbour, round {i}."),
                    published: PartialDate::day(2015, 4, 1 + i as u32).ok(),
                    date_origin: Some(DateOrigin::Parsed),
                    tags: if i == 0 { vec!["Syria".into()] } else { vec![] },
                    ..Default::default()
                })
                .unwrap()
                .id()
            })
            .collect();
        (lib, ids)
    }

    #[test]
    fn undoing_a_bulk_date_edit_restores_each_date_with_its_origin() {
        let (mut lib, ids) = lib_with(3);
        let undo = lib
            .apply_bulk(
                &ids,
                &BulkChange::Date {
                    published: PartialDate::year(2016).ok(),
                },
            )
            .unwrap();
        assert_eq!(
            lib.clipping(ids[1]).unwrap().date_origin,
            Some(DateOrigin::Manual)
        );
        lib.undo_bulk(&undo).unwrap();
        for (i, &id) in ids.iter().enumerate() {
            let c = lib.clipping(id).unwrap();
            assert_eq!(c.published, PartialDate::day(2015, 4, 1 + i as u32).ok());
            assert_eq!(
                c.date_origin,
                Some(DateOrigin::Parsed),
                "not marked as set by hand"
            );
        }
        // The year filter words follow the date back.
        let in_2016 = crate::search::Filter {
            from: PartialDate::year(2016).ok(),
            to: PartialDate::year(2016).ok(),
            ..Default::default()
        };
        assert_eq!(lib.count(&in_2016).unwrap(), 0);
        lib.check_integrity().unwrap();
    }

    #[test]
    fn undoing_a_bulk_tag_takes_it_only_off_the_clippings_that_did_not_carry_it() {
        let (mut lib, ids) = lib_with(3);
        let undo = lib
            .apply_bulk(
                &ids,
                &BulkChange::Tag {
                    path: "syria".into(),
                },
            )
            .unwrap();
        assert!(ids
            .iter()
            .all(|&id| !lib.clipping(id).unwrap().tags.is_empty()));
        lib.undo_bulk(&undo).unwrap();
        assert_eq!(lib.clipping(ids[0]).unwrap().tags, ["Syria"]);
        assert!(lib.clipping(ids[1]).unwrap().tags.is_empty());
        let tagged = crate::search::Filter {
            tags: vec!["Syria".into()],
            ..Default::default()
        };
        assert_eq!(lib.count(&tagged).unwrap(), 1);

        let undo = lib
            .apply_bulk(
                &ids,
                &BulkChange::Untag {
                    path: "Syria".into(),
                },
            )
            .unwrap();
        lib.undo_bulk(&undo).unwrap();
        assert_eq!(lib.clipping(ids[0]).unwrap().tags, ["Syria"]);
        assert!(lib.clipping(ids[2]).unwrap().tags.is_empty());
        lib.check_integrity().unwrap();
    }

    #[test]
    fn undoing_status_star_and_trash_puts_each_clipping_back_as_it_was() {
        let (mut lib, ids) = lib_with(3);
        lib.update_clippings(&ids[..1], &patch(|p| p.status = Some(Status::Filed)))
            .unwrap();
        lib.trash(&ids[2..]).unwrap();
        let was_trashed = lib.clipping(ids[2]).unwrap().deleted_at;
        for change in [
            BulkChange::Status {
                status: Status::Archived,
            },
            BulkChange::Star { starred: true },
            BulkChange::Trash,
            BulkChange::Restore,
        ] {
            let undo = lib.apply_bulk(&ids, &change).unwrap();
            lib.undo_bulk(&undo).unwrap();
            let c: Vec<_> = ids.iter().map(|&id| lib.clipping(id).unwrap()).collect();
            assert_eq!(c[0].status, Status::Filed, "{change:?}");
            assert_eq!(c[1].status, Status::Inbox, "{change:?}");
            assert!(c.iter().all(|c| !c.starred), "{change:?}");
            assert!(
                c[0].deleted_at.is_none() && c[1].deleted_at.is_none(),
                "{change:?}"
            );
            assert_eq!(c[2].deleted_at, was_trashed, "{change:?}");
        }
    }

    #[test]
    fn a_missing_clipping_changes_nothing() {
        let (mut lib, ids) = lib_with(2);
        let e = lib
            .apply_bulk(&[ids[0], 999], &BulkChange::Star { starred: true })
            .unwrap_err();
        assert!(e.to_string().contains("999"), "{e}");
        assert!(!lib.clipping(ids[0]).unwrap().starred);
    }
}
