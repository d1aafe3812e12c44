//! Sources (the outlets that publish what is clipped) and the other names they go by.
//!
//! "SANA", "Syrian Arab News Agency" and sana.sy are one source: a source has one name and any
//! number of aliases and domains, and text naming any of them files under the source. (Its
//! tables are named `outlet`, `outlet_alias` and `outlet_domain`, as the first schema named
//! them; everything above the SQL says source.)

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{clean, fts, now, ts, Library};
use crate::error::{Error, Result};
use crate::model::Source;

/// The source known by this name or alias, if any.
/// Every source's name, by id.
pub(crate) fn names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM outlet")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM outlet WHERE name = ?1
             UNION ALL SELECT outlet_id FROM outlet_alias WHERE alias = ?1 LIMIT 1",
        )?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Every source a name stands for: the one of that name and any that has it as an alias.
pub(crate) fn find_all(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM outlet WHERE name = ?1 UNION SELECT outlet_id FROM outlet_alias WHERE alias = ?1",
    )?;
    let ids = stmt
        .query_map([name], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// The source known by this name or alias, created if there is none.
pub(crate) fn resolve(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    if let Some(id) = find(tx, name)? {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO outlet (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name, ts(now())])?;
    Ok(tx.last_insert_rowid())
}

fn require(conn: &Connection, name: &str) -> Result<i64> {
    find(conn, name)?.ok_or_else(|| Error::not_found("source", name))
}

fn required_name(field: &str, name: &str) -> Result<String> {
    clean(Some(name)).ok_or_else(|| Error::invalid(field, "a source needs a name"))
}

impl Library {
    /// All sources with their aliases and how many clippings (outside the trash) they have,
    /// busiest first.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.id, o.name,
                    (SELECT count(*) FROM clipping c WHERE c.outlet_id = o.id AND c.deleted_at IS NULL) AS n,
                    (SELECT json_group_array(alias) FROM (SELECT alias FROM outlet_alias WHERE outlet_id = o.id ORDER BY alias)),
                    (SELECT json_group_array(domain) FROM (SELECT domain FROM outlet_domain WHERE outlet_id = o.id ORDER BY domain))
             FROM outlet o ORDER BY n DESC, o.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            let aliases: String = r.get(3)?;
            let domains: String = r.get(4)?;
            Ok(Source {
                id: r.get(0)?,
                name: r.get(1)?,
                count: r.get(2)?,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                domains: serde_json::from_str(&domains).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Gives a source a new name; the old name stays as an alias, so text that uses it still
    /// files here.
    pub fn rename_source(&mut self, from: &str, to: &str) -> Result<()> {
        let to = required_name("new name", to)?;
        self.write(|tx| {
            let id = require(tx, from)?;
            if let Some(other) = find(tx, &to)? {
                if other != id {
                    return Err(Error::Conflict(format!(
                        "there is already a source called '{to}'; merge the two instead"
                    )));
                }
            }
            let old: String =
                tx.query_row("SELECT name FROM outlet WHERE id = ?1", [id], |r| r.get(0))?;
            fts::reindexing(
                tx,
                "SELECT id FROM clipping WHERE outlet_id = ?1",
                [id],
                || {
                    tx.execute("DELETE FROM outlet_alias WHERE alias = ?1", [&to])?;
                    tx.execute("UPDATE outlet SET name = ?1 WHERE id = ?2", params![to, id])?;
                    if !old.eq_ignore_ascii_case(&to) {
                        tx.execute(
                            "INSERT OR IGNORE INTO outlet_alias (alias, outlet_id) VALUES (?1, ?2)",
                            params![old, id],
                        )?;
                    }
                    Ok(())
                },
            )
        })
    }

    /// Files every clipping of `from` under `into`; `from`'s names become aliases of `into`.
    pub fn merge_sources(&mut self, from: &str, into: &str) -> Result<usize> {
        self.write(|tx| {
            let src = require(tx, from)?;
            let dst = require(tx, into)?;
            if src == dst {
                return Err(Error::invalid("source", format!("'{from}' and '{into}' are already one source")));
            }
            fts::reindexing(
                tx,
                "SELECT id FROM clipping WHERE outlet_id IN (?1, ?2)",
                [src, dst],
                || {
                    let moved = tx.execute("UPDATE clipping SET outlet_id = ?1 WHERE outlet_id = ?2", [dst, src])?;
                    tx.execute("UPDATE outlet_alias SET outlet_id = ?1 WHERE outlet_id = ?2", [dst, src])?;
                    tx.execute("UPDATE outlet_domain SET outlet_id = ?1 WHERE outlet_id = ?2", [dst, src])?;
                    tx.execute(
                        "INSERT OR IGNORE INTO outlet_alias (alias, outlet_id) SELECT name, ?1 FROM outlet WHERE id = ?2",
                        [dst, src],
                    )?;
                    tx.execute("DELETE FROM outlet WHERE id = ?1", [src])?;
                    Ok(moved)
                },
            )
        })
    }

    /// Records another name for a source.
    pub fn add_source_alias(&mut self, source: &str, alias: &str) -> Result<()> {
        let alias = required_name("alias", alias)?;
        self.write(|tx| {
            let id = require(tx, source)?;
            match find(tx, &alias)? {
                Some(other) if other == id => return Ok(()),
                Some(_) => {
                    return Err(Error::Conflict(format!(
                        "'{alias}' already names another source; merge the two instead"
                    )))
                }
                None => {}
            }
            fts::reindexing(
                tx,
                "SELECT id FROM clipping WHERE outlet_id = ?1",
                [id],
                || {
                    tx.execute(
                        "INSERT INTO outlet_alias (alias, outlet_id) VALUES (?1, ?2)",
                        params![alias, id],
                    )?;
                    Ok(())
                },
            )
        })
    }

    /// Records a web domain of a source (`sana.sy`), for reading sources from URLs.
    pub fn add_source_domain(&mut self, source: &str, domain: &str) -> Result<()> {
        let domain = required_name("domain", domain)?.to_ascii_lowercase();
        self.write(|tx| {
            let id = require(tx, source)?;
            tx.execute(
                "INSERT INTO outlet_domain (domain, outlet_id) VALUES (?1, ?2)
                 ON CONFLICT(domain) DO UPDATE SET outlet_id = excluded.outlet_id",
                params![domain, id],
            )?;
            Ok(())
        })
    }

    /// The source's name for a web domain (or any of its parents: `www.sana.sy` -> `sana.sy`).
    pub fn source_for_domain(&self, host: &str) -> Result<Option<String>> {
        let host = host.trim().trim_start_matches("www.").to_ascii_lowercase();
        let mut rest = host.as_str();
        loop {
            let found: Option<String> = self
                .conn()
                .query_row(
                    "SELECT o.name FROM outlet_domain d JOIN outlet o ON o.id = d.outlet_id WHERE d.domain = ?1",
                    [rest],
                    |r| r.get(0),
                )
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
            match rest.split_once('.') {
                Some((_, tail)) if tail.contains('.') => rest = tail,
                _ => return Ok(None),
            }
        }
    }
}
