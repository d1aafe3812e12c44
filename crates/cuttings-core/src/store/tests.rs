//! The store's behaviour, on in-memory and on-disk libraries.

use super::*;
use crate::model::{ClippingDraft, Status};
use crate::search::{Filter, Match, Scope, Sort};
use crate::{DatePrecision, PartialDate};

fn draft(title: &str, body: &str) -> ClippingDraft {
    ClippingDraft {
        title: title.into(),
        body: body.into(),
        ..Default::default()
    }
}

fn sana() -> ClippingDraft {
    ClippingDraft {
        title: "Lavrov stresses commitment to make inter-Syrian dialogue succeed".into(),
        body: "Russian Foreign Minister Sergei Lavrov said Russia is committed to the Geneva 1 Communiqué.\n\nThose efforts should be based on Geneva 1 Communiqué.".into(),
        outlet: Some("SANA".into()),
        authors: vec!["Manar al-Frieh".into(), "Haifa Said".into()],
        place: Some("Moscow".into()),
        ..Default::default()
    }
}

fn ids(lib: &Library, f: &Filter) -> Vec<i64> {
    lib.search(f, Sort::Date, 0, 100, false)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect()
}

fn text(t: &str) -> Filter {
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
fn search_ignores_diacritics_and_case_and_splits_hyphens() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib.insert_clipping(&sana()).unwrap().id();
    for q in [
        "communique",
        "COMMUNIQUÉ",
        "al-frieh",
        "Haifa",
        "moscow",
        "SANA",
        "commit",
    ] {
        assert_eq!(ids(&lib, &text(q)), vec![id], "query {q}");
    }
}

#[test]
fn search_ranks_a_title_hit_above_a_body_hit_and_marks_hits() {
    let mut lib = Library::open_in_memory().unwrap();
    let body_hit = lib
        .insert_clipping(&draft(
            "Weather report",
            "Rain later. Lavrov was not mentioned at length here, just Lavrov.",
        ))
        .unwrap()
        .id();
    let title_hit = lib
        .insert_clipping(&draft(
            "Lavrov meets envoy",
            "A meeting took place in the capital today.",
        ))
        .unwrap()
        .id();
    let page = lib
        .search(&text("lavrov"), Sort::Relevance, 0, 10, true)
        .unwrap();
    assert_eq!(
        page.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![title_hit, body_hit]
    );
    assert_eq!(page.total, Some(2));
    let snip = &page.items[1].snippet;
    assert!(
        snip.contains(&format!(
            "{}Lavrov{}",
            crate::search::HIT_START,
            crate::search::HIT_END
        )),
        "{snip:?}"
    );
    // The title-only hit shows its opening lines under the headline that holds the word.
    assert_eq!(
        page.items[0].snippet,
        "A meeting took place in the capital today."
    );
    // A word found only in a note: the index's snippet shows the note with the word marked.
    lib.add_note(title_hit, "Ask about the Tehran visit")
        .unwrap();
    let page = lib
        .search(&text("tehran"), Sort::Relevance, 0, 10, true)
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(
        page.items[0].snippet.contains(&format!(
            "{}Tehran{}",
            crate::search::HIT_START,
            crate::search::HIT_END
        )),
        "{:?}",
        page.items[0].snippet
    );
}

#[test]
fn phrases_exclusions_and_or_work() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib
        .insert_clipping(&draft("One", "The Moscow process is progressing"))
        .unwrap()
        .id();
    let b = lib
        .insert_clipping(&draft("Two", "A process in Moscow was slow"))
        .unwrap()
        .id();
    let c = lib
        .insert_clipping(&draft("Three", "Talks in Cairo"))
        .unwrap()
        .id();
    assert_eq!(ids(&lib, &text("\"moscow process\"")), vec![a]);
    let mut both = ids(&lib, &text("moscow -slow"));
    both.sort();
    assert_eq!(both, vec![a]);
    let mut any = ids(&lib, &text("cairo OR slow"));
    any.sort();
    assert_eq!(any, vec![b, c]);
    let mut not = ids(&lib, &text("-moscow"));
    not.sort();
    assert_eq!(not, vec![c]);
    for nasty in ["\"", "NEAR(x", "body:", "a\"b\"c", ")(", "***"] {
        lib.search(&text(nasty), Sort::Relevance, 0, 10, true)
            .unwrap();
    }
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
    lib.add_outlet_alias("SANA", "Syrian Arab News Agency")
        .unwrap();
    let mut d = draft("Another", "More news from Damascus");
    d.outlet = Some("syrian arab news agency".into());
    let b = lib.insert_clipping(&d).unwrap().id();
    assert_eq!(lib.clipping(b).unwrap().source.as_deref(), Some("SANA"));
    let src = |s: &str| Filter {
        sources: vec![s.into()],
        ..Default::default()
    };
    assert_eq!(ids(&lib, &src("Syrian Arab News Agency")).len(), 2);
    assert_eq!(ids(&lib, &text("\"arab news agency\"")).len(), 2);

    let mut r = draft("Reuters piece", "From London");
    r.outlet = Some("Reuters".into());
    let c = lib.insert_clipping(&r).unwrap().id();
    assert!(
        lib.rename_outlet("SANA", "Reuters").is_err(),
        "renaming onto another source is refused"
    );
    lib.rename_outlet("SANA", "Syrian Arab News Agency (SANA)")
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
    lib.merge_outlets("Reuters", "SANA").unwrap();
    assert_eq!(
        lib.clipping(c).unwrap().source.as_deref(),
        Some("Syrian Arab News Agency (SANA)")
    );
    assert_eq!(lib.outlets().unwrap().len(), 1);
    assert_eq!(
        ids(&lib, &text("reuters")).len(),
        3,
        "the merged name is an alias of the one source now"
    );
    lib.check_integrity().unwrap();
}

#[test]
fn date_ranges_overlap_periods_and_undated_is_opt_in() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut mk = |t: &str, d: Option<&str>| {
        let mut x = draft(t, &format!("text of {t}"));
        x.published = d.map(|d| PartialDate::parse_iso(d).unwrap());
        lib.insert_clipping(&x).unwrap().id()
    };
    let day = mk("day", Some("2015-04-07"));
    let month = mk("month", Some("2015-04"));
    let year = mk("year", Some("2015"));
    let later = mk("later", Some("2016-01-02"));
    let undated = mk("undated", None);
    let range = |from: &str, to: &str, undated: bool| {
        let mut v = ids(
            &lib,
            &Filter {
                from: Some(PartialDate::parse_iso(from).unwrap()),
                to: Some(PartialDate::parse_iso(to).unwrap()),
                include_undated: undated,
                ..Default::default()
            },
        );
        v.sort();
        v
    };
    assert_eq!(
        range("2015-04-01", "2015-04-10", false),
        vec![day, month, year]
    );
    assert_eq!(range("2015-04-08", "2015-04-30", false), vec![month, year]);
    assert_eq!(range("2015-05", "2015-12", false), vec![year]);
    assert_eq!(range("2016", "2016", false), vec![later]);
    assert_eq!(range("2016", "2016", true), vec![later, undated]);
    let words_in = |from: &str, to: &str| {
        let f = Filter {
            text: "text".into(),
            from: Some(PartialDate::parse_iso(from).unwrap()),
            to: Some(PartialDate::parse_iso(to).unwrap()),
            ..Default::default()
        };
        let mut v = ids(&lib, &f);
        v.sort();
        v
    };
    assert_eq!(words_in("2015-04-08", "2016-01"), vec![month, year, later]);
    assert_eq!(words_in("2014", "2014"), Vec::<i64>::new());
    let newest_first = ids(&lib, &Filter::default());
    assert_eq!(newest_first.first(), Some(&later));
    assert_eq!(newest_first.last(), Some(&undated), "undated sorts last");
    let t = lib.timeline(&Filter::default()).unwrap();
    assert_eq!((t.year_only, t.undated), (1, 1));
    assert_eq!(
        t.months
            .iter()
            .map(|m| (m.month.as_str(), m.count))
            .collect::<Vec<_>>(),
        vec![("2015-04", 2), ("2016-01", 1)]
    );
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
fn pages_read_one_after_another_give_the_whole_list_in_every_order() {
    let mut lib = Library::open_in_memory().unwrap();
    for i in 0..23 {
        let mut d = draft(&format!("Clipping {}", (i * 7) % 23), &format!("Body {i}"));
        d.outlet = Some(format!("Outlet {}", i % 4));
        // Some undated, some sharing a date, so ties are broken the same way on every page.
        d.published = (i % 5 != 0).then(|| PartialDate::day(2015, 1 + (i % 3) as u32, 1).unwrap());
        lib.insert_clipping(&d).unwrap();
    }
    for sort in [
        Sort::Date,
        Sort::DateAsc,
        Sort::Source,
        Sort::Title,
        Sort::Captured,
    ] {
        let all = Filter::default();
        let whole: Vec<_> = lib
            .search(&all, sort, 0, 100, false)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(whole.len(), 23);
        let rows = lib.search(&all, sort, 0, 100, false).unwrap().items;
        let in_order =
            |a: &crate::model::ClippingSummary, b: &crate::model::ClippingSummary| match sort {
                Sort::Date => {
                    (b.published.map(|d| d.to_string()), b.id)
                        <= (a.published.map(|d| d.to_string()), a.id)
                }
                Sort::Title => a.title.to_lowercase() <= b.title.to_lowercase(),
                Sort::Source => a.source <= b.source,
                _ => true,
            };
        assert!(rows.windows(2).all(|w| in_order(&w[0], &w[1])), "{sort:?}");
        let mut paged = Vec::new();
        for offset in (0..23).step_by(5) {
            paged.extend(
                lib.search(&all, sort, offset, 5, false)
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|i| i.id),
            );
        }
        assert_eq!(paged, whole, "{sort:?}");
        // Select all and exports take every id at once, in the same order.
        assert_eq!(lib.matching_ids(&all, sort).unwrap(), whole, "{sort:?}");
    }
}

#[test]
fn a_search_counts_its_matches_outside_the_trash() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            lib.insert_clipping(&draft(&format!("Truce {i}"), "The ceasefire holds."))
                .unwrap()
                .id(),
        );
    }
    lib.insert_clipping(&draft("Other", "Nothing here."))
        .unwrap();
    let count = |lib: &Library, f: &Filter| lib.count(f).unwrap();
    assert_eq!(count(&lib, &text("ceasefire")), 5);
    lib.trash(&ids[..2]).unwrap();
    assert_eq!(count(&lib, &text("ceasefire")), 3);
    assert_eq!(
        lib.search(&text("ceasefire"), Sort::Relevance, 0, 10, true)
            .unwrap()
            .total,
        Some(3)
    );
    // In the trash, the same words count the trashed ones.
    let trash = Filter {
        scope: Scope::Trash,
        ..text("ceasefire")
    };
    assert_eq!(count(&lib, &trash), 2);
    // With another filter too, the count still agrees with the rows.
    let starred = Filter {
        starred: Some(false),
        ..text("ceasefire")
    };
    assert_eq!(count(&lib, &starred), 3);
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

#[test]
fn a_ranked_search_finds_what_the_same_filter_finds_in_date_order() {
    // Ranked searches whose filters the index words cover are answered by the index alone;
    // date-ordered ones read every row. Both must find the same clippings for every filter.
    let mut lib = Library::open_in_memory().unwrap();
    let outlets = ["SANA", "Reuters", "AP"];
    let tags = ["Syria", "Syria/Diplomacy", "Syria/Aid", "Trade"];
    let dates = [
        Some("2014"),
        Some("2015-03"),
        Some("2015-12-31"),
        Some("2016-01-01"),
        Some("2017-06-15"),
        None,
    ];
    let mut all = Vec::new();
    for i in 0..36usize {
        let mut d = draft(
            &format!("Grain talks, part {i}"),
            &format!("Grain and ports, item {i}; {}", "grain ".repeat(i % 4)),
        );
        d.outlet = Some(outlets[i % 3].into());
        d.published = dates[i % 6].map(|s| PartialDate::parse_iso(s).unwrap());
        let id = lib.insert_clipping(&d).unwrap().id();
        if i % 5 != 4 {
            lib.tag_clippings(&[id], tags[i % 4]).unwrap();
        }
        all.push(id);
    }
    lib.add_outlet_alias("Reuters", "Thomson Reuters").unwrap();
    lib.trash(&[all[1], all[7], all[12]]).unwrap();

    let year = |y: i32| PartialDate::year(y).ok();
    let filters = vec![
        text("grain"),
        Filter {
            tags: vec!["Syria".into()],
            ..text("grain")
        },
        Filter {
            tags: vec!["Syria".into(), "Trade".into()],
            tag_match: Match::Any,
            ..text("grain")
        },
        Filter {
            tags: vec!["Syria/Aid".into(), "Nowhere".into()],
            ..text("grain")
        },
        Filter {
            sources: vec!["Thomson Reuters".into(), "AP".into()],
            ..text("grain")
        },
        Filter {
            sources: vec!["Unknown".into()],
            ..text("grain")
        },
        Filter {
            from: year(2015),
            to: year(2016),
            ..text("grain")
        },
        Filter {
            from: PartialDate::parse_iso("2015-06").ok(),
            to: year(2016),
            ..text("grain")
        },
        Filter {
            from: year(2015),
            to: year(2016),
            include_undated: true,
            ..text("grain")
        },
        Filter {
            from: year(2015),
            ..text("grain")
        },
        Filter {
            tags: vec!["Syria".into()],
            sources: vec!["SANA".into()],
            from: year(2014),
            to: year(2015),
            ..text("grain ports")
        },
        Filter {
            tags: vec!["Syria/Diplomacy".into(), "Trade".into()],
            tag_match: Match::Any,
            from: year(2015),
            to: year(2016),
            ..text("grain")
        },
        Filter {
            sources: vec!["Thomson Reuters".into(), "AP".into()],
            from: year(2016),
            to: year(2017),
            ..text("grain")
        },
        Filter {
            scope: Scope::Trash,
            ..text("grain")
        },
        Filter {
            scope: Scope::Trash,
            tags: vec!["Syria".into()],
            from: year(2014),
            to: year(2015),
            ..text("grain")
        },
        text("grain -\"part 3\""),
        text("grain OR nothing tag:Trade"),
    ];
    for f in &filters {
        let ranked = lib.search(f, Sort::Relevance, 0, 100, true).unwrap();
        let dated = lib.search(f, Sort::Date, 0, 100, true).unwrap();
        let mut a: Vec<i64> = ranked.items.iter().map(|i| i.id).collect();
        let mut b: Vec<i64> = dated.items.iter().map(|i| i.id).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{f:?}");
        assert_eq!(ranked.total, Some(b.len() as i64), "{f:?}");
        assert_eq!(dated.total, Some(b.len() as i64), "{f:?}");
        // Every clipping holds "grain" and "ports": the same filter without words, decided
        // by the SQL conditions alone, proves the index's filter words right.
        if ["grain", "grain ports"].contains(&f.text.as_str()) {
            let plain = Filter {
                text: String::new(),
                ..f.clone()
            };
            let mut c = ids(&lib, &plain);
            c.sort_unstable();
            assert_eq!(a, c, "{f:?}");
        }
    }
    // The filters did narrow: not every one found everything.
    let found = |f: &Filter| lib.search(f, Sort::Date, 0, 100, true).unwrap().items.len();
    assert_eq!(found(&filters[0]), 33);
    assert!(filters[1..].iter().all(|f| found(f) < 33));
    assert_eq!(found(&filters[5]), 0);
}

#[test]
fn a_timeline_counts_every_clipping_its_filter_matches_once() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut g = crate::synthetic::Generator::new(3);
    for i in 0..300 {
        lib.insert_clipping(&g.clipping(i)).unwrap();
    }
    // Clippings in the trash are on no timeline.
    lib.trash(&[1, 2, 3, 4, 5, 6]).unwrap();
    let word = g.word_in_band(0, 20);
    let topic = g.tags[0].clone();
    for f in [
        Filter::default(),
        Filter {
            text: word.clone(),
            ..Default::default()
        },
        Filter {
            tags: vec![topic.clone()],
            ..Default::default()
        },
        Filter {
            text: word.clone(),
            tags: vec![topic.clone()],
            // The range is ignored: the timeline shows where the rest of the filter falls.
            from: PartialDate::parse_iso("2019-05").ok(),
            ..Default::default()
        },
    ] {
        let t = lib.timeline(&f).unwrap();
        let mut months: Vec<&str> = t.months.iter().map(|m| m.month.as_str()).collect();
        assert!(months.iter().all(|m| m.len() == 7), "{months:?}");
        let n = months.len();
        months.dedup();
        assert_eq!(months.len(), n, "each month once");
        assert!(months.windows(2).all(|w| w[0] < w[1]), "in order");
        let counted: i64 = t.months.iter().map(|m| m.count).sum::<i64>() + t.year_only + t.undated;
        let all = lib
            .count(&Filter {
                from: None,
                ..f.clone()
            })
            .unwrap();
        assert!(all > 10, "{f:?}");
        assert_eq!(counted, all, "{f:?}");
        if f == Filter::default() {
            // One generated clipping in twenty is undated.
            assert!(t.undated > 0, "{t:?}");
        }
        // Named by id, the same clippings are counted through their rows, not along the date
        // index with the ids the words matched (a word in most clippings): the same months.
        let by_rows = lib
            .timeline(&Filter {
                ids: Some((1..=300).collect()),
                ..f.clone()
            })
            .unwrap();
        assert_eq!(by_rows, t, "{f:?}");
    }
}
