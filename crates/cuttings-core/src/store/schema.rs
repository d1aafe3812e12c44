//! The library's schema, as numbered migrations.
//!
//! Append-only: once a migration has shipped it is never edited; a change is a new step. The
//! number of steps applied is kept in `PRAGMA user_version`, so opening an older library brings
//! it up to date in one transaction, and a library from a newer Cuttings is refused rather than
//! damaged.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Each entry upgrades the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first release. The view's `facets` column writes the filter words of
    // `search::filter_words` in SQL of its own: this text stays as it shipped.
    r#"
CREATE TABLE outlet (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT NOT NULL
);
-- Every other name an outlet goes by ("Syrian Arab News Agency" for SANA). One alias names one
-- outlet, so reading an outlet from text is never ambiguous.
CREATE TABLE outlet_alias (
    alias      TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    outlet_id  INTEGER NOT NULL REFERENCES outlet(id) ON DELETE CASCADE
);
CREATE INDEX outlet_alias_outlet ON outlet_alias(outlet_id);
CREATE TABLE outlet_domain (
    domain     TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    outlet_id  INTEGER NOT NULL REFERENCES outlet(id) ON DELETE CASCADE
);
CREATE INDEX outlet_domain_outlet ON outlet_domain(outlet_id);

-- Metadata only, so lists and filters read small rows; the text lives in clipping_text.
CREATE TABLE clipping (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    standfirst      TEXT,
    excerpt         TEXT NOT NULL DEFAULT '',
    url             TEXT,
    outlet_id       INTEGER REFERENCES outlet(id),
    -- ISO 8601 with reduced precision (2015, 2015-04, 2015-04-07): sorts as text.
    published       TEXT,
    date_precision  TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
    date_origin     TEXT CHECK (date_origin IN ('parsed', 'metadata', 'manual')),
    place           TEXT,
    language        TEXT,
    section         TEXT,
    page            TEXT,
    word_count      INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'inbox' CHECK (status IN ('inbox', 'filed', 'archived')),
    starred         INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    captured_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    content_hash    TEXT NOT NULL UNIQUE,
    origin          TEXT
);
CREATE INDEX clipping_date ON clipping(published, id) WHERE deleted_at IS NULL;
CREATE INDEX clipping_outlet_date ON clipping(outlet_id, published) WHERE deleted_at IS NULL;
CREATE INDEX clipping_status_date ON clipping(status, published) WHERE deleted_at IS NULL;
CREATE INDEX clipping_starred ON clipping(published) WHERE starred = 1 AND deleted_at IS NULL;
CREATE INDEX clipping_deleted ON clipping(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX clipping_url ON clipping(url);

CREATE TABLE clipping_text (
    clipping_id  INTEGER PRIMARY KEY REFERENCES clipping(id) ON DELETE CASCADE,
    body         TEXT NOT NULL,
    html         TEXT,
    -- The source as it was read, so that nothing a parser missed is lost.
    raw          TEXT
);

CREATE TABLE clipping_author (
    clipping_id  INTEGER NOT NULL REFERENCES clipping(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (clipping_id, position)
) WITHOUT ROWID;
CREATE INDEX clipping_author_name ON clipping_author(name COLLATE NOCASE);

-- Topics nest; `path` is kept whole ("Syria/Diplomacy") so a subtree is one index range.
CREATE TABLE tag (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES tag(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    path       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour     TEXT,
    -- The search-index words for this tag and its ancestors ("_t3 _t17"): a clipping tagged
    -- Syria/Diplomacy is found by a filter on Syria through the index itself.
    ancestry   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tag_parent ON tag(parent_id);

CREATE TABLE clipping_tag (
    tag_id       INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    clipping_id  INTEGER NOT NULL REFERENCES clipping(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, clipping_id)
) WITHOUT ROWID;
CREATE INDEX clipping_tag_clipping ON clipping_tag(clipping_id, tag_id);

CREATE TABLE note (
    id           INTEGER PRIMARY KEY,
    clipping_id  INTEGER NOT NULL REFERENCES clipping(id) ON DELETE CASCADE,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX note_clipping ON note(clipping_id);

CREATE TABLE saved_search (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- What the full-text index reads. The index keeps no copy of the text (external content), so
-- every change to a column here goes through store::fts, which removes the old entry and adds
-- the new one in the same transaction.
CREATE VIEW clipping_fts_source AS
SELECT
    c.id AS id,
    c.title AS title,
    c.standfirst AS standfirst,
    t.body AS body,
    (SELECT group_concat(a.name, '; ' ORDER BY a.position)
       FROM clipping_author a WHERE a.clipping_id = c.id) AS authors,
    (SELECT o.name || coalesce(' ' || (SELECT group_concat(al.alias, ' ' ORDER BY al.alias)
                                         FROM outlet_alias al WHERE al.outlet_id = o.id), '')
       FROM outlet o WHERE o.id = c.outlet_id) AS outlet,
    c.place AS place,
    (SELECT group_concat(n.body, char(10) ORDER BY n.id)
       FROM note n WHERE n.clipping_id = c.id) AS notes,
    -- Filter words, so that a tag, source or year narrows a search inside the index before
    -- anything is ranked: _t<tag id> for each tag and its ancestors, _s<outlet id>, _y<year>.
    concat_ws(' ',
        (SELECT group_concat(tg.ancestry, ' ' ORDER BY tg.id)
           FROM clipping_tag ct JOIN tag tg ON tg.id = ct.tag_id WHERE ct.clipping_id = c.id),
        '_s' || c.outlet_id,
        '_y' || substr(c.published, 1, 4)) AS facets
FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id;

CREATE VIRTUAL TABLE clipping_fts USING fts5(
    title, standfirst, body, authors, outlet, place, notes, facets,
    content = 'clipping_fts_source',
    content_rowid = 'id',
    -- '_' belongs to words, so the filter words (_t3, _s7, _y2015) are single tokens that
    -- ordinary text never produces, and a search needs no column filter to avoid them.
    tokenize = 'porter unicode61 remove_diacritics 2 tokenchars ''_'''
);
-- Weights set once so that `ORDER BY rank` lets FTS5 sort before building snippets.
INSERT INTO clipping_fts(clipping_fts, rank)
    VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 3.0, 2.0, 2.0, 1.0, 0.0)');
-- Gather 64 MiB of new index in memory before writing a segment (the default is 1 MiB): far
-- fewer segments to merge during imports.
INSERT INTO clipping_fts(clipping_fts, rank) VALUES ('hashsize', 67108864);
"#,
    // 2: pages carry a canonical address and a lead image (web capture), and the library
    // records facts about itself, such as an unfinished bulk load.
    r#"
ALTER TABLE clipping ADD COLUMN canonical_url TEXT;
ALTER TABLE clipping ADD COLUMN image_url TEXT;
CREATE INDEX clipping_canonical_url ON clipping(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"#,
    // 3: capture. Feeds subscribed to, the items already taken from each (so a refresh never
    // brings the same item twice), and clippings of which only the address is known yet.
    r#"
CREATE TABLE feed (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,
    site_url      TEXT,
    added_at      TEXT NOT NULL,
    refreshed_at  TEXT,
    last_error    TEXT
);
-- key is 'guid:<guid>' or 'url:<normalised link>'; an item is known when either is.
CREATE TABLE feed_item (
    feed_id      INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    clipping_id  INTEGER REFERENCES clipping(id) ON DELETE SET NULL,
    seen_at      TEXT NOT NULL,
    PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
CREATE TABLE pending_fetch (
    clipping_id  INTEGER PRIMARY KEY REFERENCES clipping(id) ON DELETE CASCADE,
    added_at     TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
"#,
    // 4: when the publisher last changed the article (ISO 8601 at the precision declared, as
    // `published`), beside when it was first published.
    r#"
ALTER TABLE clipping ADD COLUMN modified TEXT;
"#,
    // 5: filter words that pair a tag or a source with a year (_t12y2016, _s7y2016), beside
    // the ones of step 1, as `search::filter_words` describes them (this SQL spells them out
    // for itself and stays as it shipped). A topic over a few years is a small list of its
    // own, where intersecting a tag's list with the years' long lists costs as much for any
    // search word. The index is rebuilt from the new view and merged into one segment.
    r#"
DROP VIEW clipping_fts_source;
CREATE VIEW clipping_fts_source AS
SELECT
    c.id AS id,
    c.title AS title,
    c.standfirst AS standfirst,
    t.body AS body,
    (SELECT group_concat(a.name, '; ' ORDER BY a.position)
       FROM clipping_author a WHERE a.clipping_id = c.id) AS authors,
    (SELECT o.name || coalesce(' ' || (SELECT group_concat(al.alias, ' ' ORDER BY al.alias)
                                         FROM outlet_alias al WHERE al.outlet_id = o.id), '')
       FROM outlet o WHERE o.id = c.outlet_id) AS outlet,
    c.place AS place,
    (SELECT group_concat(n.body, char(10) ORDER BY n.id)
       FROM note n WHERE n.clipping_id = c.id) AS notes,
    -- Filter words, so that a tag, source or year narrows a search inside the index before
    -- anything is ranked: _t<tag id> for each tag and its ancestors, _s<outlet id>, _y<year>,
    -- and each tag and source word with the year appended.
    (SELECT concat_ws(' ', g, '_s' || c.outlet_id, '_y' || y,
                      replace(g || ' ', ' ', 'y' || y || ' '), '_s' || c.outlet_id || 'y' || y)
       FROM (SELECT group_concat(tg.ancestry, ' ' ORDER BY tg.id) AS g,
                    substr(c.published, 1, 4) AS y
               FROM clipping_tag ct JOIN tag tg ON tg.id = ct.tag_id
              WHERE ct.clipping_id = c.id AND tg.ancestry <> '')) AS facets
FROM clipping c JOIN clipping_text t ON t.clipping_id = c.id;
INSERT INTO clipping_fts(clipping_fts) VALUES ('rebuild');
INSERT INTO clipping_fts(clipping_fts) VALUES ('optimize');
"#,
    // 6: stories (see `store::stories`). Every clipping belongs to one; `story_pos` is its
    // place there (0 is the copy that stands for the story: the one the user keeps, else the
    // earliest), `story_first` marks the earliest-dated copy, `story_by_user` a copy the user
    // split out or merged in. The prints of each clipping's opening find the clippings that
    // might carry the same article; they have no foreign key, because a purge would then scan
    // them all: the purge takes its own prints off, and a stale print only costs a lookup.
    // Libraries from before are grouped the next time they are opened.
    r#"
CREATE TABLE story (
    id       INTEGER PRIMARY KEY,
    kept_id  INTEGER REFERENCES clipping(id) ON DELETE SET NULL
);
ALTER TABLE clipping ADD COLUMN story_id INTEGER REFERENCES story(id);
ALTER TABLE clipping ADD COLUMN story_pos INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clipping ADD COLUMN story_first INTEGER NOT NULL DEFAULT 1;
ALTER TABLE clipping ADD COLUMN story_by_user INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clipping_story ON clipping(story_id, story_pos);
-- The list with copies grouped and nothing else filtered: the copy that stands for each story.
CREATE INDEX clipping_lead_date ON clipping(published, id) WHERE deleted_at IS NULL AND story_pos = 0;
CREATE INDEX story_kept ON story(kept_id) WHERE kept_id IS NOT NULL;
CREATE TABLE story_print (
    print        INTEGER NOT NULL,
    clipping_id  INTEGER NOT NULL,
    PRIMARY KEY (print, clipping_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE clipping_fts_terms USING fts5vocab(clipping_fts, 'row');
"#,
    // 7: topic suggestions (see `store::suggest`). The model learned from the user's filing,
    // and a count of changes to that filing (a tag put on or taken off, a clipping trashed or
    // restored, a topic moved), kept by triggers so that every way of changing it is counted
    // and the model is known to be out of date; and the topics offered to the inbox.
    r#"
CREATE TABLE suggest_model (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    filing      INTEGER NOT NULL,
    learned_at  TEXT NOT NULL,
    model       BLOB NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('filing_changes', '0');
CREATE TRIGGER filing_tagged AFTER INSERT ON clipping_tag BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
CREATE TRIGGER filing_untagged AFTER DELETE ON clipping_tag BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
CREATE TRIGGER filing_trashed AFTER UPDATE OF deleted_at ON clipping
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
CREATE TRIGGER filing_moved AFTER UPDATE OF parent_id ON tag BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
-- The topics offered ticked for the inbox's clippings, for `is:suggested`: refreshed after
-- each learning and import; a topic the clipping is filed under is no longer offered.
CREATE TABLE clipping_offer (
    clipping_id  INTEGER NOT NULL REFERENCES clipping(id) ON DELETE CASCADE,
    tag_id       INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    score        REAL NOT NULL,
    PRIMARY KEY (clipping_id, tag_id)
) WITHOUT ROWID;
CREATE TRIGGER offer_taken AFTER INSERT ON clipping_tag BEGIN
    DELETE FROM clipping_offer WHERE clipping_id = NEW.clipping_id AND tag_id = NEW.tag_id;
END;
"#,
    // 8: filing on arrival (see `store::arrival`), and a count of changes to the topic tree. A topic put on by the model as a clipping
    // arrived is marked `auto` until the user keeps it; such a topic is not the user's filing,
    // so it neither teaches the model nor counts as a change to what it learned from, until
    // kept.
    r#"
ALTER TABLE clipping_tag ADD COLUMN auto INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clipping_tag_auto ON clipping_tag (clipping_id) WHERE auto = 1;
DROP TRIGGER filing_tagged;
CREATE TRIGGER filing_tagged AFTER INSERT ON clipping_tag WHEN NEW.auto = 0 BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
DROP TRIGGER filing_untagged;
CREATE TRIGGER filing_untagged AFTER DELETE ON clipping_tag WHEN OLD.auto = 0 BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
CREATE TRIGGER filing_kept AFTER UPDATE OF auto ON clipping_tag
WHEN OLD.auto = 1 AND NEW.auto = 0 BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'filing_changes';
END;
-- Changes to the topic tree, counted so that what is worked out from it (the tree that
-- suggestions read) is read again only when it changed, whichever connection changed it.
INSERT OR IGNORE INTO meta (key, value) VALUES ('tag_changes', '0');
CREATE TRIGGER tag_added AFTER INSERT ON tag BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'tag_changes';
END;
CREATE TRIGGER tag_changed AFTER UPDATE ON tag BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'tag_changes';
END;
CREATE TRIGGER tag_removed AFTER DELETE ON tag BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'tag_changes';
END;
"#,
    // 9: the prints a large load has stored and not yet put in the print index (see
    // `store::print_staging`): one row a clipping, appended in id order, moved into
    // `story_print` in print order when the load ends (or when the library is next opened,
    // after a crash).
    r#"
CREATE TABLE story_print_staged (
    clipping_id  INTEGER PRIMARY KEY,
    prints       BLOB NOT NULL
);
"#,
    // 10: the leading copy of each story by source and date, for coverage counted in stories
    // (`search::tally`): holding both columns, a series by source reads this index alone
    // rather than every story's row (4.1 s at a million clippings before, warm).
    r#"
CREATE INDEX clipping_lead_outlet ON clipping(outlet_id, published)
    WHERE deleted_at IS NULL AND story_pos = 0;
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to [`SCHEMA_VERSION`], all steps in one transaction.
pub(crate) fn migrate(conn: &mut Connection, path_for_messages: &std::path::Path) -> Result<()> {
    let current = user_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::Library {
            path: path_for_messages.to_path_buf(),
            message: format!(
                "it was written by a newer Cuttings (schema {current}, this one knows {SCHEMA_VERSION}); \
                 update Cuttings to open it"
            ),
        });
    }
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    let tx = conn.transaction()?;
    for (i, step) in MIGRATIONS.iter().enumerate().take(version) {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}
