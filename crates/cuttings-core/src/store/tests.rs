//! The store's behaviour, on in-memory and on-disk libraries. The drafts and helpers here
//! serve the search tests too.

use super::*;
use crate::model::{ClippingDraft, Status};
use crate::search::{Filter, Match, Scope, Sort};
use crate::{DatePrecision, PartialDate};

pub(crate) fn draft(title: &str, body: &str) -> ClippingDraft {
    ClippingDraft {
        title: title.into(),
        body: body.into(),
        ..Default::default()
    }
}

pub(crate) fn sana() -> ClippingDraft {
    ClippingDraft {
        title: "Lavrov stresses commitment to make inter-Syrian dialogue succeed".into(),
        body: "Russian Foreign Minister Sergei Lavrov said Russia is committed to the Geneva 1 Communiqué.\n\nThose efforts should be based on Geneva 1 Communiqué.".into(),
        source: Some("SANA".into()),
        authors: vec!["Manar al-Frieh".into(), "Haifa Said".into()],
        place: Some("Moscow".into()),
        ..Default::default()
    }
}

pub(crate) fn ids(lib: &Library, f: &Filter) -> Vec<i64> {
    lib.search(f, Sort::Date, 0, 100, false)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect()
}

pub(crate) fn text(t: &str) -> Filter {
    Filter {
        text: t.into(),
        ..Default::default()
    }
}

#[test]
fn a_stored_clipping_reads_back_with_every_field() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut d = sana();
    d.published = Some(PartialDate::month(2015, 4).unwrap());
    d.tags = vec!["Syria/Diplomacy".into()];
    d.notes = vec!["Check the **Geneva** reference".into()];
    d.url = Some("https://sana.sy/en/?p=1".into());
    let id = lib.insert_clipping(&d).unwrap().id();
    let c = lib.clipping(id).unwrap();
    assert_eq!(c.title, d.title);
    assert_eq!(c.source.as_deref(), Some("SANA"));
    assert_eq!(c.authors, vec!["Manar al-Frieh", "Haifa Said"]);
    assert_eq!(c.published.unwrap().to_string(), "2015-04");
    assert_eq!(c.date_precision, DatePrecision::Month);
    assert_eq!(c.place.as_deref(), Some("Moscow"));
    assert_eq!(c.tags, vec!["Syria/Diplomacy"]);
    assert_eq!(c.notes.len(), 1);
    assert_eq!(c.status, Status::Inbox);
    assert!(c.word_count > 20, "word count {}", c.word_count);
    assert!(c.body.contains("\n\n"), "paragraphs are kept");
}

#[test]
fn an_unknown_date_stays_unknown() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib.insert_clipping(&sana()).unwrap().id();
    let c = lib.clipping(id).unwrap();
    assert_eq!(c.published, None);
    assert_eq!(c.date_precision, DatePrecision::Unknown);
    assert_eq!(c.date_origin, None);
}

#[test]
fn the_same_article_is_stored_once() {
    let mut lib = Library::open_in_memory().unwrap();
    let first = lib.insert_clipping(&sana()).unwrap();
    let mut again = sana();
    again.body = again.body.replace(' ', "  ");
    let second = lib.insert_clipping(&again).unwrap();
    assert!(matches!(first, Inserted::New(_)));
    assert_eq!(second, Inserted::Existing(first.id()));
    assert_eq!(lib.stats().unwrap().total, 1);
}

#[test]
fn the_index_follows_edits_notes_and_purges() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib.insert_clipping(&sana()).unwrap().id();
    lib.update_clipping(
        id,
        &ClippingPatch {
            title: Some("Kerry in Geneva".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ids(&lib, &text("kerry")), vec![id]);
    assert!(ids(&lib, &text("inter-syrian")).is_empty());
    let note = lib.add_note(id, "Follow up with the ministry").unwrap();
    assert_eq!(ids(&lib, &text("ministry")), vec![id]);
    lib.edit_note(note.id, "Ask the embassy").unwrap();
    assert!(ids(&lib, &text("ministry")).is_empty());
    assert_eq!(ids(&lib, &text("embassy")), vec![id]);
    lib.check_integrity().unwrap();
    lib.delete_note(note.id).unwrap();
    lib.update_clipping(
        id,
        &ClippingPatch {
            source: Some(Some("Reuters".into())),
            authors: Some(vec!["Jane Roe".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ids(&lib, &text("reuters roe")), vec![id]);
    lib.check_integrity().unwrap();
    lib.trash(&[id]).unwrap();
    lib.empty_trash(None).unwrap();
    assert!(ids(&lib, &text("kerry")).is_empty());
    lib.check_integrity().unwrap();
}

#[test]
fn trash_hides_and_restore_brings_back() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib.insert_clipping(&sana()).unwrap().id();
    lib.trash(&[id]).unwrap();
    assert!(ids(&lib, &Filter::default()).is_empty());
    assert_eq!(
        ids(
            &lib,
            &Filter {
                scope: Scope::Trash,
                ..Default::default()
            }
        ),
        vec![id]
    );
    assert_eq!(lib.stats().unwrap().trash, 1);
    // Ranked searches with words and no other filter are answered by the index alone: the
    // trash must still be kept apart there.
    let other = lib
        .insert_clipping(&draft("Lavrov again", "More on Lavrov."))
        .unwrap()
        .id();
    let ranked = |lib: &Library, scope: Scope| -> Vec<i64> {
        let f = Filter {
            scope,
            ..text("lavrov")
        };
        let page = lib.search(&f, Sort::Relevance, 0, 10, true).unwrap();
        assert_eq!(page.total, Some(page.items.len() as i64));
        page.items.iter().map(|i| i.id).collect()
    };
    assert_eq!(ranked(&lib, Scope::Live), vec![other]);
    assert_eq!(ranked(&lib, Scope::Trash), vec![id]);
    lib.trash(&[other]).unwrap();
    lib.restore(&[id, other]).unwrap();
    assert_eq!(ranked(&lib, Scope::Live).len(), 2);
    lib.trash(&[other]).unwrap();
    lib.restore(&[id]).unwrap();
    assert_eq!(ids(&lib, &text("lavrov")), vec![id]);
    assert!(
        lib.trash(&[id + 100]).is_err(),
        "a missing clipping is an error"
    );
}

#[test]
fn a_tag_filter_includes_descendants_and_tags_can_be_renamed_merged_and_deleted() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib.insert_clipping(&draft("A", "alpha text")).unwrap().id();
    let b = lib.insert_clipping(&draft("B", "beta text")).unwrap().id();
    lib.tag_clippings(&[a], "Syria/Diplomacy").unwrap();
    lib.tag_clippings(&[b], " Syria / Aid ").unwrap();
    let by = |lib: &Library, t: &str| {
        let mut v = ids(
            lib,
            &Filter {
                tags: vec![t.into()],
                ..Default::default()
            },
        );
        v.sort();
        v
    };
    assert_eq!(by(&lib, "Syria"), vec![a, b]);
    assert_eq!(by(&lib, "syria/diplomacy"), vec![a]);
    assert!(
        by(&lib, "Syr").is_empty(),
        "a prefix of a name is not a parent"
    );
    let tags = lib.tags().unwrap();
    let syria = tags.iter().find(|t| t.path == "Syria").unwrap();
    assert_eq!((syria.count, syria.total), (0, 2));

    lib.rename_tag("Syria", "Middle East/Syria").unwrap();
    assert_eq!(
        lib.clipping(a).unwrap().tags,
        vec!["Middle East/Syria/Diplomacy"]
    );
    assert_eq!(by(&lib, "Middle East"), vec![a, b]);
    lib.check_integrity().unwrap();
    // With words, the tag narrows the search inside the index too.
    let words_and_tag = |lib: &Library, t: &str| {
        ids(
            lib,
            &Filter {
                text: "text".into(),
                tags: vec![t.into()],
                ..Default::default()
            },
        )
        .len()
    };
    assert_eq!(words_and_tag(&lib, "Middle East"), 2);
    assert_eq!(words_and_tag(&lib, "Middle East/Syria/Aid"), 1);
    assert_eq!(words_and_tag(&lib, "Syria"), 0, "the old path is gone");

    lib.merge_tags("Middle East/Syria/Aid", "Middle East/Syria/Diplomacy")
        .unwrap();
    lib.check_integrity().unwrap();
    assert_eq!(words_and_tag(&lib, "Middle East/Syria/Diplomacy"), 2);
    assert_eq!(
        lib.clipping(b).unwrap().tags,
        vec!["Middle East/Syria/Diplomacy"]
    );
    assert!(lib
        .tags()
        .unwrap()
        .iter()
        .all(|t| t.path != "Middle East/Syria/Aid"));

    lib.set_tag_colour("Middle East", Some("#3B82F6")).unwrap();
    assert!(lib.set_tag_colour("Middle East", Some("blue")).is_err());
    lib.delete_tag("Middle East").unwrap();
    lib.check_integrity().unwrap();
    assert!(lib.clipping(a).unwrap().tags.is_empty());
    assert_eq!(
        lib.stats().unwrap().total,
        2,
        "clippings survive their tags"
    );

    lib.tag_clippings(&[a], "X").unwrap();
    lib.tag_clippings(&[b], "Y").unwrap();
    let any = Filter {
        tags: vec!["X".into(), "Y".into()],
        tag_match: Match::Any,
        ..Default::default()
    };
    assert_eq!(ids(&lib, &any).len(), 2);
    let all = Filter {
        tags: vec!["X".into(), "Y".into()],
        ..Default::default()
    };
    assert!(ids(&lib, &all).is_empty());
    let any_words = Filter {
        text: "text".into(),
        ..any
    };
    assert_eq!(ids(&lib, &any_words).len(), 2);
    lib.untag_clippings(&[a], "X").unwrap();
    assert_eq!(
        ids(
            &lib,
            &Filter {
                text: "alpha".into(),
                tags: vec!["X".into()],
                ..Default::default()
            }
        )
        .len(),
        0
    );
    lib.check_integrity().unwrap();
}

#[test]
fn outlets_have_aliases_and_can_be_renamed_and_merged() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib.insert_clipping(&sana()).unwrap().id();
    lib.add_source_alias("SANA", "Syrian Arab News Agency")
        .unwrap();
    let mut d = draft("Another", "More news from Damascus");
    d.source = Some("syrian arab news agency".into());
    let b = lib.insert_clipping(&d).unwrap().id();
    assert_eq!(lib.clipping(b).unwrap().source.as_deref(), Some("SANA"));
    let src = |s: &str| Filter {
        sources: vec![s.into()],
        ..Default::default()
    };
    assert_eq!(ids(&lib, &src("Syrian Arab News Agency")).len(), 2);
    assert_eq!(ids(&lib, &text("\"arab news agency\"")).len(), 2);

    let mut r = draft("Reuters piece", "From London");
    r.source = Some("Reuters".into());
    let c = lib.insert_clipping(&r).unwrap().id();
    assert!(
        lib.rename_source("SANA", "Reuters").is_err(),
        "renaming onto another source is refused"
    );
    lib.rename_source("SANA", "Syrian Arab News Agency (SANA)")
        .unwrap();
    assert_eq!(
        lib.clipping(a).unwrap().source.as_deref(),
        Some("Syrian Arab News Agency (SANA)")
    );
    assert_eq!(
        ids(&lib, &src("SANA")).len(),
        2,
        "the old name stays as an alias"
    );
    lib.merge_sources("Reuters", "SANA").unwrap();
    assert_eq!(
        lib.clipping(c).unwrap().source.as_deref(),
        Some("Syrian Arab News Agency (SANA)")
    );
    assert_eq!(lib.sources().unwrap().len(), 1);
    assert_eq!(
        ids(&lib, &text("reuters")).len(),
        3,
        "the merged name is an alias of the one source now"
    );
    lib.check_integrity().unwrap();
}

#[test]
fn a_hand_set_date_is_marked_manual_and_bulk_edits_are_all_or_nothing() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib.insert_clipping(&draft("A", "alpha")).unwrap().id();
    let b = lib.insert_clipping(&draft("B", "beta")).unwrap().id();
    let patch = ClippingPatch {
        published: Some(Some(PartialDate::parse_iso("2015-03-02").unwrap())),
        status: Some(Status::Filed),
        ..Default::default()
    };
    lib.update_clippings(&[a, b], &patch).unwrap();
    let c = lib.clipping(b).unwrap();
    assert_eq!(c.date_origin, Some(crate::DateOrigin::Manual));
    assert_eq!(c.status, Status::Filed);
    let bad = ClippingPatch {
        status: Some(Status::Archived),
        ..Default::default()
    };
    assert!(lib.update_clippings(&[a, 9999], &bad).is_err());
    assert_eq!(
        lib.clipping(a).unwrap().status,
        Status::Filed,
        "nothing changed when one failed"
    );
}

#[test]
fn saved_searches_keep_a_checked_query() {
    let mut lib = Library::open_in_memory().unwrap();
    lib.save_search("Syria talks", "lavrov tag:Syria").unwrap();
    lib.save_search("syria talks", "lavrov tag:Syria from:2015")
        .unwrap();
    let all = lib.saved_searches().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].query, "lavrov tag:Syria from:2015");
    assert!(lib.save_search("bad", "from:never").is_err());
    lib.delete_saved_search("Syria talks").unwrap();
    assert!(lib.saved_searches().unwrap().is_empty());
}

#[test]
fn a_library_from_an_older_schema_opens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.cuttings");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, 1).unwrap();
        // Written as version 1 wrote it.
        conn.execute_batch(
            "INSERT INTO outlet (id, name, created_at) VALUES (1, 'SANA', '2015-04-07T00:00:00.000Z');
             INSERT INTO clipping (id, title, excerpt, outlet_id, published, date_precision, date_origin,
                 word_count, status, starred, captured_at, updated_at, content_hash)
             VALUES (1, 'Old clipping', 'x', 1, '2015-04', 'month', 'parsed', 2, 'filed', 1,
                 '2015-04-07T00:00:00.000Z', '2015-04-07T00:00:00.000Z', 'h1');
             INSERT INTO clipping_text (clipping_id, body) VALUES (1, 'Communiqué text');
             INSERT INTO clipping_author VALUES (1, 0, 'Haifa Said');
             INSERT INTO tag (id, name, path, ancestry) VALUES (1, 'Syria', 'Syria', '_t1');
             INSERT INTO clipping_tag VALUES (1, 1);
             INSERT INTO note (clipping_id, body, created_at, updated_at) VALUES (1, 'a note', '2015-04-07T00:00:00.000Z', '2015-04-07T00:00:00.000Z');
             INSERT INTO clipping_fts(clipping_fts) VALUES ('rebuild');",
        )
        .unwrap();
    }
    let lib = Library::open(&path).unwrap();
    assert_eq!(schema::user_version(lib.conn()).unwrap(), SCHEMA_VERSION);
    let c = lib.clipping(1).unwrap();
    assert_eq!(
        (c.title.as_str(), c.source.as_deref(), c.status),
        ("Old clipping", Some("SANA"), Status::Filed)
    );
    assert_eq!(c.published.unwrap().to_string(), "2015-04");
    assert_eq!(c.tags, vec!["Syria"]);
    assert_eq!(c.notes[0].body, "a note");
    assert_eq!(ids(&lib, &text("communique")), vec![1]);
    // The index was rebuilt with the filter words of the new schema (tag with year).
    let by_topic_and_year = Filter {
        tags: vec!["Syria".into()],
        from: PartialDate::year(2015).ok(),
        to: PartialDate::year(2015).ok(),
        ..text("communique")
    };
    assert_eq!(ids(&lib, &by_topic_and_year), vec![1]);
    lib.check_integrity().unwrap();

    // The upgraded schema is the one a new library gets.
    let fresh = Library::open_in_memory().unwrap();
    let schema_of = |l: &Library| -> Vec<String> {
        let mut s = l
            .conn()
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(schema_of(&lib), schema_of(&fresh));
}

#[test]
fn a_modified_date_is_stored_apart_from_the_published_one() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut d = sana();
    d.published = PartialDate::day(2015, 4, 7).ok();
    d.modified = PartialDate::day(2015, 4, 9).ok();
    let id = lib.insert_clipping(&d).unwrap().id();
    let c = lib.clipping(id).unwrap();
    assert_eq!(c.published.unwrap().to_string(), "2015-04-07");
    assert_eq!(c.modified.unwrap().to_string(), "2015-04-09");
    let undated = lib
        .insert_clipping(&draft("No dates", "Nothing said of when."))
        .unwrap()
        .id();
    assert_eq!(lib.clipping(undated).unwrap().modified, None);
}

#[test]
fn a_library_from_before_modified_dates_opens_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.cuttings");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO clipping (id, title, excerpt, published, date_precision, date_origin,
                 word_count, status, starred, captured_at, updated_at, content_hash)
             VALUES (1, 'Before', 'x', '2020-01-02', 'day', 'metadata', 2, 'inbox', 0,
                 '2020-01-02T00:00:00.000Z', '2020-01-02T00:00:00.000Z', 'h1');
             INSERT INTO clipping_text (clipping_id, body) VALUES (1, 'Old text');
             INSERT INTO clipping_fts(clipping_fts) VALUES ('rebuild');",
        )
        .unwrap();
    }
    let lib = Library::open(&path).unwrap();
    assert_eq!(schema::user_version(lib.conn()).unwrap(), SCHEMA_VERSION);
    let c = lib.clipping(1).unwrap();
    assert_eq!(c.published.unwrap().to_string(), "2020-01-02");
    assert_eq!(c.modified, None);
    lib.check_integrity().unwrap();
}

#[test]
fn a_library_from_a_newer_cuttings_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.cuttings");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Library::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("newer Cuttings") && err.contains("new.cuttings"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_library_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "just some text, long enough to not be a database header at all....",
    )
    .unwrap();
    let err = Library::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("notes.txt") && err.contains("not a Cuttings library"),
        "{err}"
    );
}

#[test]
fn a_topic_total_counts_each_clipping_once_and_leaves_out_the_trash() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib.insert_clipping(&draft("A", "a")).unwrap().id();
    let b = lib.insert_clipping(&draft("B", "b")).unwrap().id();
    let c = lib.insert_clipping(&draft("C", "c")).unwrap().id();
    // a has two tags under Syria and one under Syria/War: Syria counts it once.
    lib.tag_clippings(&[a], "Syria/Aid").unwrap();
    lib.tag_clippings(&[a], "Syria/War/Aleppo").unwrap();
    lib.tag_clippings(&[b], "Syria/War").unwrap();
    lib.tag_clippings(&[c], "Syria").unwrap();
    let totals = |lib: &Library| -> Vec<(String, i64, i64)> {
        lib.tags()
            .unwrap()
            .into_iter()
            .map(|t| (t.path, t.count, t.total))
            .collect()
    };
    assert_eq!(
        totals(&lib),
        vec![
            ("Syria".to_string(), 1, 3),
            ("Syria/Aid".to_string(), 1, 1),
            ("Syria/War".to_string(), 1, 2),
            ("Syria/War/Aleppo".to_string(), 1, 1),
        ]
    );
    lib.trash(&[a]).unwrap();
    assert_eq!(
        totals(&lib),
        vec![
            ("Syria".to_string(), 1, 2),
            ("Syria/Aid".to_string(), 0, 0),
            ("Syria/War".to_string(), 1, 1),
            ("Syria/War/Aleppo".to_string(), 0, 0),
        ]
    );
}
