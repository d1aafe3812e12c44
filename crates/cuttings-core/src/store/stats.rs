//! Counts for the sidebar and `cuttings stats`: each one an index lookup, so they stay cheap on
//! a library of a million clippings.

use super::Library;
use crate::date::PartialDate;
use crate::error::Result;
use crate::model::Stats;

impl Library {
    pub fn stats(&self) -> Result<Stats> {
        let conn = self.conn();
        let one = |sql: &str| -> Result<i64> {
            Ok(conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
        };
        let date = |sql: &str| -> Result<Option<PartialDate>> {
            let s: Option<String> = conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
            Ok(s.and_then(|s| PartialDate::parse_iso(&s).ok()))
        };
        let status = |s: &str| -> Result<i64> {
            Ok(conn
                .prepare_cached(
                    "SELECT count(*) FROM clipping WHERE status = ?1 AND deleted_at IS NULL",
                )?
                .query_row([s], |r| r.get(0))?)
        };
        let all = one("SELECT count(*) FROM clipping")?;
        let trash = one("SELECT count(*) FROM clipping WHERE deleted_at IS NOT NULL")?;
        Ok(Stats {
            total: all - trash,
            inbox: status("inbox")?,
            filed: status("filed")?,
            archived: status("archived")?,
            starred: one("SELECT count(*) FROM clipping WHERE starred = 1 AND deleted_at IS NULL")?,
            trash,
            undated: one("SELECT count(*) FROM clipping WHERE published IS NULL AND deleted_at IS NULL")?,
            sources: one("SELECT count(*) FROM outlet")?,
            tags: one("SELECT count(*) FROM tag")?,
            notes: one("SELECT count(*) FROM note")?,
            earliest: date("SELECT min(published) FROM clipping WHERE deleted_at IS NULL AND published IS NOT NULL")?,
            latest: date("SELECT max(published) FROM clipping WHERE deleted_at IS NULL AND published IS NOT NULL")?,
        })
    }
}
