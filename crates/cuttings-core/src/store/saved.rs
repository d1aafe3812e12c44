//! Saved searches: a name and a query in the search language (words and `tag:`, `source:` …
//! filters), so a saved search means the same in the app and the CLI. The query is checked
//! by the search module (`Library::save_search`) before it is kept here.

use rusqlite::params;

use super::{clean, now, ts, Library};
use crate::error::{Error, Result};
use crate::model::SavedSearch;

/// The name a saved search is kept under, trimmed; a blank one is an error.
pub(crate) fn saved_search_name(name: &str) -> Result<String> {
    clean(Some(name)).ok_or_else(|| Error::invalid("name", "a saved search needs a name"))
}

impl Library {
    /// Keeps (or replaces) a search under `name`, from [`saved_search_name`]; `query` has been
    /// checked.
    pub(crate) fn keep_saved_search(&mut self, name: &str, query: &str) -> Result<SavedSearch> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO saved_search (name, query, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET query = excluded.query",
                params![name, query.trim(), ts(now())],
            )?;
            Ok(())
        })?;
        self.saved_searches()?
            .into_iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| Error::not_found("saved search", name))
    }

    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, query FROM saved_search ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SavedSearch {
                id: r.get(0)?,
                name: r.get(1)?,
                query: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_saved_search(&mut self, name: &str) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM saved_search WHERE name = ?1", [name.trim()])? == 0 {
                return Err(Error::not_found("saved search", name));
            }
            Ok(())
        })
    }
}
