//! Stories in the store: copies placed as they arrive, the grouped list and the story
//! filters, the user's splits, merges and kept copy, and what a purge leaves.

use super::tests::{draft, ids, text};
use super::*;
use crate::model::ClippingDraft;
use crate::search::{Filter, Sort};
use crate::PartialDate;

const WIRE: &str = "Spain's Football Federation has initiated disciplinary action against national coach Luis Aragones over racist comments about Thierry Henry.\n\nIf found guilty Aragones could lose his job or face a fine of about 22,000 pounds. The federation had initially declined to take action against Aragones after comments he made during a national team training session in October. But its president Angel Maria Villar changed his mind after a request by the anti-violence commission.\n\nAragones insisted the comments, made to Arsenal's Jose Antonio Reyes, were meant to motivate the player, and were not intended to be offensive. England's players made a point of wearing anti-racism shirts before their friendly against Spain in Madrid.";

fn copy(title: &str, body: &str, source: &str, day: &str) -> ClippingDraft {
    ClippingDraft {
        source: Some(source.into()),
        published: Some(PartialDate::parse_iso(day).unwrap()),
        ..draft(title, body)
    }
}

/// The wire story and three pickups (cut, credited, scanned), an article on the same event
/// and an unrelated one: ids in that order.
fn library() -> (Library, Vec<i64>) {
    let mut lib = Library::open_in_memory().unwrap();
    let cut: String = WIRE.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n");
    let scan = WIRE
        .replace("initiated", "initioted")
        .replace("national coach", "nati0nal\ncoach")
        .replace("comments about", "comm-\nents about");
    let drafts = [
        copy("Spain coach faces racism inquiry", WIRE, "BBC", "2004-12-01"),
        copy(
            "Aragones in the dock",
            &format!("MADRID (Reuters) - {cut}\n\n(Reporting by Jane Doe; Editing by John Smith)"),
            "Reuters",
            "2004-12-02",
        ),
        copy("SPAIN COACH CHARGED", &format!("{scan}\n\nAdvertisement\n\nA spokesman for the club declined to comment."), "Evening Courier", "2004-12-03"),
        copy(
            "Federation acts on Aragones",
            &format!("{WIRE}\n\nLocal fans said they were shocked by the remarks."),
            "City Chronicle",
            "2004-11-30",
        ),
        copy("Aragones apologises", "Luis Aragones has apologised to Thierry Henry, a week after Spain's Football Federation began disciplinary action against him.\n\nThe Spain coach said he had never meant to offend anyone. Aragones insisted the comments were meant to motivate the player and were not intended to be offensive. Arsenal said the matter was closed.", "BBC", "2004-12-08"),
        copy("School meals review", "The government has announced a review of school meals after a campaign by parents and teachers. Ministers said new standards would follow next year. Councils welcomed the move.", "BBC", "2004-12-01"),
    ];
    let ids = drafts
        .iter()
        .map(|d| lib.insert_clipping(d).unwrap().id())
        .collect();
    (lib, ids)
}

fn story(lib: &Library, id: i64) -> i64 {
    lib.clipping(id).unwrap().story.unwrap()
}

#[test]
fn copies_cut_credited_scanned_or_added_to_are_one_story_and_other_reporting_is_not() {
    let (lib, ids) = library();
    let s = story(&lib, ids[0]);
    for &id in &ids[1..4] {
        assert_eq!(story(&lib, id), s, "clipping {id}");
    }
    assert_ne!(story(&lib, ids[4]), s, "another article on the same event");
    assert_ne!(story(&lib, ids[5]), s);
    let st = lib.story(s).unwrap();
    assert_eq!(st.copies.len(), 4);
    assert_eq!(st.sources, 4);
    // The earliest-dated copy had it first and leads the story; each pickup says what differs.
    assert_eq!(st.copies[0].id, ids[3]);
    assert!(st.copies[0].first && st.copies[0].lead);
    let cut = st.copies.iter().find(|c| c.id == ids[1]).unwrap();
    assert!(cut.words_left_out > 20, "{cut:?}");
    let scan = st.copies.iter().find(|c| c.id == ids[2]).unwrap();
    assert!(
        scan.added.iter().any(|a| a.starts_with("A spokesman")),
        "{scan:?}"
    );
}

#[test]
fn the_grouped_list_shows_a_story_once_and_counts_stories() {
    let (lib, ids) = library();
    let grouped = Filter {
        group_copies: true,
        ..Default::default()
    };
    let rows = lib.search(&grouped, Sort::Date, 0, 50, true).unwrap();
    assert_eq!(rows.total, Some(3));
    let lead = rows
        .items
        .iter()
        .find(|r| r.id == ids[3])
        .expect("the story's lead");
    assert_eq!((lead.copies, lead.story_sources), (4, 4));
    // A filter that leaves the lead out shows the story by its first copy that matches.
    let reuters = Filter {
        sources: vec!["Reuters".into()],
        group_copies: true,
        ..Default::default()
    };
    assert_eq!(ids_of(&lib, &reuters), [ids[1]]);
    let timeline = lib.timeline(&grouped).unwrap();
    let counted: i64 = timeline.months.iter().map(|m| m.count).sum();
    assert_eq!(counted, 3);
}

fn ids_of(lib: &Library, f: &Filter) -> Vec<i64> {
    ids(lib, f)
}

#[test]
fn story_original_and_pickup_filter_the_copies() {
    let (lib, ids) = library();
    let s = story(&lib, ids[0]);
    let mut of_story = ids_of(&lib, &text(&format!("story:{s}")));
    of_story.sort();
    assert_eq!(of_story, ids[..4]);
    let originals = ids_of(&lib, &text(&format!("story:{s} is:original")));
    assert_eq!(originals, [ids[3]]);
    assert_eq!(
        ids_of(&lib, &text(&format!("story:{s} is:pickup"))).len(),
        3
    );
    assert!(lib
        .search(&text("story:x"), Sort::Date, 0, 5, false)
        .is_err());
}

#[test]
fn splits_merges_and_the_kept_copy_stand_when_the_same_copies_arrive_again() {
    let (mut lib, ids) = library();
    let s = story(&lib, ids[0]);
    let alone = lib.split_copy(ids[2]).unwrap();
    assert_ne!(alone, s);
    assert!(
        lib.split_copy(ids[5]).is_err(),
        "a story of one has nothing to split from"
    );
    lib.merge_stories_of(&[ids[0], ids[4]]).unwrap();
    lib.keep_copy(ids[1]).unwrap();
    // The same files imported again are the clippings already there: nothing moves.
    let (again, _) = library();
    drop(again);
    let cut: String = WIRE.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n");
    let d = copy(
        "Aragones in the dock",
        &format!("MADRID (Reuters) - {cut}\n\n(Reporting by Jane Doe; Editing by John Smith)"),
        "Reuters",
        "2004-12-02",
    );
    assert_eq!(lib.insert_clipping(&d).unwrap(), Inserted::Existing(ids[1]));
    assert_eq!(story(&lib, ids[2]), alone);
    assert_eq!(story(&lib, ids[4]), s);
    let st = lib.story(s).unwrap();
    assert_eq!(st.copies[0].id, ids[1], "the kept copy leads");
    assert!(st.copies[0].kept);
    assert!(st.copies.iter().any(|c| c.id == ids[4] && c.by_user));
    // A new pickup joins the story its best match is in, not the split one's.
    let pickup = copy(
        "Racism inquiry for Spain coach",
        &format!("BBC - {WIRE}"),
        "Daily Post",
        "2004-12-05",
    );
    let new = lib.insert_clipping(&pickup).unwrap().id();
    assert_eq!(story(&lib, new), s);
}

#[test]
fn a_purged_copy_leaves_its_story_and_its_prints() {
    let (mut lib, ids) = library();
    let s = story(&lib, ids[0]);
    lib.trash(&[ids[3]]).unwrap();
    // In the trash, the lead gives way to the earliest copy outside it.
    assert_eq!(lib.story(s).unwrap().copies[0].id, ids[0]);
    lib.empty_trash(None).unwrap();
    assert_eq!(lib.story(s).unwrap().copies.len(), 3);
    let prints: i64 = lib
        .conn()
        .query_row(
            "SELECT count(*) FROM story_print WHERE clipping_id = ?1",
            [ids[3]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(prints, 0);
    lib.trash(&[ids[5]]).unwrap();
    let lone = story(&lib, ids[5]);
    lib.empty_trash(None).unwrap();
    assert!(lib.story(lone).is_err(), "an emptied story is gone");
}

#[test]
fn a_library_from_before_stories_is_grouped_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.cuttings");
    {
        let (lib, _) = library();
        lib.conn()
            .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
            .unwrap();
    }
    {
        let lib = Library::open(&path).unwrap();
        lib.conn()
            .execute_batch(
                "UPDATE clipping SET story_id = NULL; DELETE FROM story; DELETE FROM story_print;",
            )
            .unwrap();
    }
    let lib = Library::open(&path).unwrap();
    let first = lib.clipping(1).unwrap().story.unwrap();
    for id in 2..=4 {
        assert_eq!(lib.clipping(id).unwrap().story, Some(first));
    }
    assert_ne!(lib.clipping(5).unwrap().story, Some(first));
}

#[test]
fn related_lists_other_reporting_and_not_copies() {
    let (lib, ids) = library();
    let related = lib.related(ids[0], 5).unwrap();
    let found: Vec<i64> = related.iter().map(|r| r.id).collect();
    assert!(found.contains(&ids[4]), "{related:?}");
    for copy in &ids[..4] {
        assert!(!found.contains(copy));
    }
    assert!(!found.contains(&ids[5]));
}

#[test]
fn the_group_copies_choice_is_kept_in_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.cuttings");
    let mut lib = Library::open(&path).unwrap();
    assert!(!lib.group_copies().unwrap());
    lib.set_group_copies(true).unwrap();
    drop(lib);
    assert!(Library::open(&path).unwrap().group_copies().unwrap());
}

#[test]
fn story_counts_count_each_story_once_per_tag_and_source() {
    let (mut lib, ids) = library();
    lib.tag_clippings(&ids[..5], "Sport/Football").unwrap();
    let counts = lib.story_counts().unwrap();
    assert_eq!(counts.stories, 3);
    // Every clipping is in the inbox: so is every story. Starring two copies of one story
    // stars one story; archiving one of its copies puts it in the archive too.
    assert_eq!(counts.inbox, 3);
    assert_eq!(counts.starred, 0);
    lib.update_clippings(&ids[..2], &starred()).unwrap();
    lib.update_clippings(&ids[1..2], &archived()).unwrap();
    let counts = lib.story_counts().unwrap();
    assert_eq!((counts.starred, counts.archived, counts.inbox), (1, 1, 3));
    lib.trash(&ids[..1]).unwrap();
    assert_eq!(lib.story_counts().unwrap().trash, 1);
    let sport = lib
        .tags()
        .unwrap()
        .into_iter()
        .find(|t| t.path == "Sport")
        .unwrap();
    assert!(counts.tags.contains(&(sport.id, 2)), "{counts:?}");
    // Another topic of the same subtree on a copy of a story already counted: the parent still
    // counts that story once; the new topic counts it; a story only in the trash counts nowhere.
    lib.tag_clippings(&ids[1..2], "Sport/Tennis").unwrap();
    lib.tag_clippings(&ids[..1], "Archive").unwrap();
    let counts = lib.story_counts().unwrap();
    let id_of = |path: &str| {
        lib.tags()
            .unwrap()
            .into_iter()
            .find(|t| t.path == path)
            .unwrap()
            .id
    };
    assert!(counts.tags.contains(&(sport.id, 2)), "{counts:?}");
    assert!(
        counts.tags.contains(&(id_of("Sport/Tennis"), 1)),
        "{counts:?}"
    );
    assert!(
        !counts.tags.iter().any(|t| t.0 == id_of("Archive")),
        "{counts:?}"
    );
}

#[test]
fn a_clipping_whose_text_becomes_a_copy_joins_the_story_and_an_edited_copy_stays() {
    let (mut lib, ids) = library();
    let s = story(&lib, ids[0]);
    let patch = |body: &str| ClippingPatch {
        body: Some(body.to_string()),
        ..Default::default()
    };
    // A bookmark's teaser replaced by the article: it is a copy after all.
    lib.update_clipping(ids[5], &patch(&format!("BBC - {WIRE}")))
        .unwrap();
    assert_eq!(story(&lib, ids[5]), s);
    // A copy edited into something else keeps its place: only the user moves it.
    lib.update_clipping(
        ids[1],
        &patch("An entirely different text about the weather in Leeds today."),
    )
    .unwrap();
    assert_eq!(story(&lib, ids[1]), s);
}

fn starred() -> crate::store::ClippingPatch {
    crate::store::ClippingPatch {
        starred: Some(true),
        ..Default::default()
    }
}

fn archived() -> crate::store::ClippingPatch {
    crate::store::ClippingPatch {
        status: Some(crate::model::Status::Archived),
        ..Default::default()
    }
}

#[test]
fn a_kept_copy_can_be_let_go_and_the_earliest_leads_again() {
    let (mut lib, ids) = library();
    let story = lib.clipping(ids[0]).unwrap().story.unwrap();
    let lead = |lib: &Library| lib.story(story).unwrap().copies[0].id;
    let earliest = lead(&lib);
    let other = *ids[..4].iter().find(|&&i| i != earliest).unwrap();
    lib.keep_copy(other).unwrap();
    assert_eq!(lead(&lib), other);
    lib.unkeep_copy(other).unwrap();
    assert_eq!(lead(&lib), earliest);
    assert!(lib.story(story).unwrap().copies.iter().all(|c| !c.kept));
}

#[test]
fn a_merge_is_undone_story_by_story_with_the_kept_copy() {
    let (mut lib, ids) = library();
    let a = lib.clipping(ids[0]).unwrap().story.unwrap();
    let other = lib.clipping(ids[4]).unwrap().story.unwrap();
    assert_ne!(a, other);
    let apart: Vec<Vec<i64>> = [a, other]
        .iter()
        .map(|&s| {
            let mut c: Vec<i64> = lib.story(s).unwrap().copies.iter().map(|c| c.id).collect();
            c.sort();
            c
        })
        .collect();
    lib.keep_copy(ids[4]).unwrap();
    let done = lib.merge_stories_undoably(&[ids[0], ids[4]]).unwrap();
    assert_eq!(done.story, a);
    assert_eq!(lib.clipping(ids[4]).unwrap().story, Some(a));
    lib.undo_merge(&done.undo).unwrap();
    let back = lib.clipping(ids[4]).unwrap().story.unwrap();
    assert_ne!(back, a);
    for (s, want) in [(a, &apart[0]), (back, &apart[1])] {
        let mut c: Vec<i64> = lib.story(s).unwrap().copies.iter().map(|c| c.id).collect();
        c.sort();
        assert_eq!(&c, want);
    }
    assert!(lib
        .story(back)
        .unwrap()
        .copies
        .iter()
        .any(|c| c.id == ids[4] && c.kept));
}

/// A load of `drafts` as the importers give it: one source each.
fn load(lib: &mut Library, drafts: impl IntoIterator<Item = ClippingDraft>) -> Vec<i64> {
    let items: Vec<_> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("#{i}"), Ok(vec![d])))
        .collect();
    let n = items.len();
    let mut summary = crate::store::ImportSummary::default();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    lib.load_drafts(items, n, &[], &cancel, &mut |_| {}, &mut summary)
        .unwrap();
    summary.imported
}

#[test]
fn a_large_load_finds_copies_of_clippings_stored_before_it_and_of_its_own() {
    let (mut lib, ids) = library();
    // Small enough that this load stages its prints.
    lib.tuning.stage_prints_from = 2;
    let other = "Ministers have promised a new inquiry into delays at the county's hospitals after a report found waiting lists had doubled. Health officials said staff shortages were to blame. The report was published on Monday by the regional health board.";
    let got = load(
        &mut lib,
        [
            copy("Spain coach in racism row", &format!("GENEVA (AP) - {WIRE}"), "AP", "2004-12-02"),
            copy("Hospital delays inquiry", other, "Courier", "2004-12-04"),
            copy("Inquiry into hospital waits", &format!("LEEDS - {other}\n\nA local MP welcomed it."), "Post", "2004-12-05"),
            copy("Unrelated", "The council has approved plans for a new library in the town centre, to open in 2006. The old building will become a museum.", "Post", "2004-12-05"),
        ],
    );
    assert_eq!(story(&lib, got[0]), story(&lib, ids[0]));
    assert_eq!(story(&lib, got[2]), story(&lib, got[1]));
    assert_ne!(story(&lib, got[3]), story(&lib, got[1]));
    assert_ne!(story(&lib, got[1]), story(&lib, ids[0]));
}

#[test]
fn a_large_load_finds_copies_of_what_another_connection_stored_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.cuttings");
    let mut lib = Library::open(&path).unwrap();
    lib.tuning.stage_prints_from = 2;
    lib.insert_clipping(&copy("Unrelated", "The council has approved plans for a new library in the town centre, to open in 2006. The old building will become a museum.", "Post", "2004-12-05")).unwrap();
    // The app stores the wire story while the command line's import is under way: after the
    // import read the prints the library held, before its first batch is written.
    let mut wire = None;
    let drafts = (0..2).map(|i| {
        if i == 0 {
            let mut app = Library::open(&path).unwrap();
            wire = Some(
                app.insert_clipping(&copy("Spain coach faces racism inquiry", WIRE, "BBC", "2004-12-01"))
                    .unwrap()
                    .id(),
            );
            copy("Aragones in the dock", &format!("MADRID (Reuters) - {WIRE}"), "Reuters", "2004-12-02")
        } else {
            copy("School meals review", "The government has announced a review of school meals after a campaign by parents and teachers. Ministers said new standards would follow next year.", "BBC", "2004-12-01")
        }
    });
    let items = drafts
        .enumerate()
        .map(|(i, d)| (format!("#{i}"), Ok(vec![d])));
    let mut summary = crate::store::ImportSummary::default();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    lib.load_drafts(items, 2, &[], &cancel, &mut |_| {}, &mut summary)
        .unwrap();
    let wire = wire.unwrap();
    assert_eq!(story(&lib, summary.imported[0]), story(&lib, wire));
}

#[test]
fn prints_a_stopped_load_staged_reach_the_index_when_the_library_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.cuttings");
    let mut lib = Library::open(&path).unwrap();
    let wire = lib
        .insert_clipping(&copy(
            "Spain coach faces racism inquiry",
            WIRE,
            "BBC",
            "2004-12-01",
        ))
        .unwrap()
        .id();
    // As a load leaves its prints when it stops before its end: staged, not in the index.
    let prints: Vec<i64> = {
        let conn = lib.conn();
        let mut stmt = conn
            .prepare("SELECT print FROM story_print WHERE clipping_id = ?1")
            .unwrap();
        let rows = stmt.query_map([wire], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    assert!(!prints.is_empty());
    let blob: Vec<u8> = prints.iter().flat_map(|p: &i64| p.to_le_bytes()).collect();
    lib.conn().execute("DELETE FROM story_print", []).unwrap();
    lib.conn()
        .execute(
            "INSERT INTO story_print_staged (clipping_id, prints) VALUES (?1, ?2)",
            rusqlite::params![wire, blob],
        )
        .unwrap();
    drop(lib);
    let mut lib = Library::open(&path).unwrap();
    let staged: i64 = lib
        .conn()
        .query_row("SELECT count(*) FROM story_print_staged", [], |r| r.get(0))
        .unwrap();
    assert_eq!(staged, 0);
    let pickup = lib
        .insert_clipping(&copy(
            "Aragones in the dock",
            &format!("MADRID (Reuters) - {WIRE}"),
            "Reuters",
            "2004-12-02",
        ))
        .unwrap()
        .id();
    assert_eq!(story(&lib, pickup), story(&lib, wire));
}

#[test]
fn a_large_load_leaves_nothing_staged_and_its_prints_in_the_index() {
    let (mut lib, _) = library();
    lib.tuning.stage_prints_from = 2;
    let got = load(
        &mut lib,
        [
            copy("Hospital delays", "Ministers have promised a new inquiry into delays at the county's hospitals after a report found waiting lists had doubled. Health officials said staff shortages were to blame.", "Courier", "2004-12-04"),
            copy("Library plans", "The council has approved plans for a new library in the town centre, to open in 2006. The old building will become a museum.", "Post", "2004-12-05"),
        ],
    );
    let count = |sql: &str| -> i64 { lib.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM story_print_staged"), 0);
    assert!(
        count(&format!(
            "SELECT count(*) FROM story_print WHERE clipping_id = {}",
            got[0]
        )) > 0
    );
}
