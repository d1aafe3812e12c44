use super::*;

fn titles(d: &[ClippingDraft]) -> Vec<&str> {
    d.iter().map(|d| d.title.as_str()).collect()
}

#[test]
fn netscape_bookmarks_keep_folders_tags_dates_and_descriptions() {
    let page = r#"<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p>
  <DT><H3 ADD_DATE="1600000000">News</H3>
  <DL><p>
    <DT><H3>Middle East</H3>
    <DL><p>
      <DT><A HREF="https://news.example/a?utm_source=x" ADD_DATE="1600000100" TAGS="syria,talks">Talks in Geneva</A>
      <DD>Delegations met.
    </DL><p>
  </DL><p>
  <DT><A HREF="https://blog.example/b" ADD_DATE="1600000200">Loose one</A>
</DL><p>"#;
    let d = netscape(page).unwrap();
    assert_eq!(titles(&d), ["Talks in Geneva", "Loose one"]);
    assert_eq!(d[0].tags, ["News/Middle East", "syria", "talks"]);
    assert_eq!(d[0].body, "Delegations met.");
    assert!(d[0].pending_fetch);
    assert_eq!(
        d[0].canonical_url.as_deref(),
        Some("https://news.example/a")
    );
    assert_eq!(d[0].captured_at.unwrap().timestamp(), 1_600_000_100);
    assert!(d[1].tags.is_empty());
    assert_eq!(d[1].body, "https://blog.example/b");
}

#[test]
fn pocket_html_reads_unread_and_archive() {
    let page = r#"<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>
<h1>Unread</h1><ul><li><a href="https://a.example/1" time_added="1688628695" tags="ifttt,news">One</a></li></ul>
<h1>Read Archive</h1><ul><li><a href="https://a.example/2" time_added="1688628000" tags="">Two</a></li></ul>
</body></html>"#;
    let d = pocket_html(page).unwrap();
    assert_eq!(titles(&d), ["One", "Two"]);
    assert_eq!(d[0].status, Status::Inbox);
    assert_eq!(d[0].tags, ["ifttt", "news"]);
    assert_eq!(d[1].status, Status::Archived);
}

#[test]
fn pocket_and_instapaper_csv_are_read() {
    let pocket = "title,url,time_added,tags,status\n\"Oil, gas and power\",https://e.example/o,1600322788,energy|markets,archive\nUnread one,https://e.example/u,1600322789,,unread\n";
    let d = csv(pocket).unwrap();
    assert_eq!(titles(&d), ["Oil, gas and power", "Unread one"]);
    assert_eq!(d[0].tags, ["energy", "markets"]);
    assert_eq!(d[0].status, Status::Archived);
    assert_eq!(d[1].status, Status::Inbox);

    let insta = "URL,Title,Selection,Folder,Timestamp,Tags\nhttps://i.example/1,Starred one,A quote.,Starred,1700000000,[]\nhttps://i.example/2,Filed one,,Research,1700000001,\"[\"\"x\"\"]\"\n";
    let d = csv(insta).unwrap();
    assert!(d[0].starred);
    assert_eq!(d[0].body, "A quote.");
    assert_eq!(d[1].tags, ["x", "Research"]);
    assert!(csv("a,b\n1,2\n")
        .unwrap_err()
        .to_string()
        .contains("no url column"));
}

#[test]
fn wallabag_json_keeps_content_tags_and_state() {
    let v2 = serde_json::json!([{
        "title": "Saved article", "url": "https://w.example/a", "is_archived": 1, "is_starred": true,
        "created_at": "2016-09-08T11:55:58+0200", "content": "<p>Full text of the saved article.</p>",
        "tags": ["mediapart", "blog"], "language": "fr", "preview_picture": "https://w.example/p.png"
    }]);
    let d = json(&v2).unwrap();
    assert_eq!(d[0].body, "Full text of the saved article.");
    assert!(!d[0].pending_fetch);
    assert_eq!(d[0].status, Status::Archived);
    assert!(d[0].starred);
    assert_eq!(d[0].tags, ["mediapart", "blog"]);
    assert_eq!(
        d[0].captured_at.unwrap().to_rfc3339(),
        "2016-09-08T09:55:58+00:00"
    );
    let v1 = serde_json::json!([{"id": "1", "title": "Old", "url": "https://w.example/o", "is_read": "1", "is_fav": "0", "content": "<p>Old text here now.</p>", "tags": "a,b"}]);
    let d = json(&v1).unwrap();
    assert_eq!(d[0].status, Status::Archived);
    assert_eq!(d[0].tags, ["a", "b"]);
}

#[test]
fn omnivore_json_keeps_labels_dates_and_author() {
    let v = serde_json::json!([{
        "id": "x", "slug": "s", "title": "Breitling expands", "description": "The Swiss brand…",
        "author": "Juliette Garnier", "url": "https://o.example/a", "state": "Archived",
        "labels": ["RSS"], "savedAt": "2024-10-29T16:30:11.000Z", "publishedAt": "2024-10-28T10:00:00.000Z"
    }]);
    let d = json(&v).unwrap();
    assert_eq!(d[0].authors, ["Juliette Garnier"]);
    assert_eq!(d[0].status, Status::Archived);
    assert_eq!(d[0].tags, ["RSS"]);
    assert_eq!(d[0].published.unwrap().to_string(), "2024-10-28");
    assert!(d[0].pending_fetch);
    assert_eq!(d[0].body, "The Swiss brand…");
}

#[test]
fn chrome_and_firefox_bookmarks_keep_their_folders() {
    let chrome = serde_json::json!({"roots": {"bookmark_bar": {"type": "folder", "name": "Bookmarks bar", "children": [
        {"type": "folder", "name": "Press", "children": [
            {"type": "url", "name": "A story", "url": "https://c.example/a", "date_added": "13118850929335823"}]}]}}});
    let d = json(&chrome).unwrap();
    assert_eq!(d[0].tags, ["Press"]);
    assert_eq!(d[0].captured_at.unwrap().format("%Y").to_string(), "2016");
    let firefox = serde_json::json!({"type": "text/x-moz-place-container", "root": "placesRoot", "title": "", "children": [
        {"type": "text/x-moz-place-container", "root": "toolbarFolder", "title": "Toolbar", "children": [
            {"type": "text/x-moz-place-container", "title": "Work/Research", "children": [
                {"type": "text/x-moz-place", "title": "Paper", "uri": "https://f.example/p", "dateAdded": 1472897622350000i64, "tags": "x,y"},
                {"type": "text/x-moz-place", "title": "Recent", "uri": "place:sort=8"}]}]}]});
    let d = json(&firefox).unwrap();
    assert_eq!(d.len(), 1, "place: queries are not articles");
    assert_eq!(d[0].tags, ["Work-Research", "x", "y"]);
}

#[test]
fn zotero_csl_json_gives_authors_outlet_and_issued_date() {
    let v = serde_json::json!([{
        "id": "1", "type": "article-newspaper", "title": "Ceasefire holds",
        "container-title": "The Courier", "URL": "https://z.example/c",
        "author": [{"family": "Smith", "given": "Ann"}, {"literal": "Staff reporter"}],
        "issued": {"date-parts": [[2024, 2, 10]]}, "accessed": {"date-parts": [["2024", "3", "1"]]},
        "abstract": "Observers saw no shelling."
    }]);
    let d = json(&v).unwrap();
    assert_eq!(d[0].authors, ["Ann Smith", "Staff reporter"]);
    assert_eq!(d[0].source.as_deref(), Some("The Courier"));
    assert_eq!(d[0].published.unwrap().to_string(), "2024-02-10");
    assert_eq!(
        d[0].captured_at.unwrap().format("%F").to_string(),
        "2024-03-01"
    );
    assert_eq!(d[0].body, "Observers saw no shelling.");
}

#[test]
fn unknown_json_is_refused() {
    assert!(json(&serde_json::json!({"a": 1}))
        .unwrap_err()
        .to_string()
        .contains("not an export"));
    assert!(json(&serde_json::json!([])).is_err());
}

/// The real exports in the shared corpora, when they are there.
#[test]
fn the_shared_export_samples_are_all_read() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/formats");
    if !root.exists() {
        eprintln!("skipped: {} is absent", root.display());
        return;
    }
    let files = [
        ("pocket/wallabag_ril_export.html", 2),
        ("pocket/wallabag_pocket.csv", 1),
        ("instapaper/instapaper-export.csv", 1),
        ("wallabag/wallabag-v1.json", 1),
        ("wallabag/wallabag-v2.json", 1),
        ("omnivore/omnivore.json", 10),
        ("browser-bookmarks/chrome-bookmarks", 1),
        ("browser-bookmarks/firefox-bookmarks.json", 1),
        ("pinboard/pinboard_export", 1),
        ("delicious/delicious_export.2021.02.06_21.10.json", 1),
        ("elcurator/elcurator.json", 1),
        ("readability-app/readability.json", 1),
        ("netscape-bookmarks/wallabag/shaarli-bookmarks.html", 1),
    ];
    for (f, at_least) in files {
        let p = root.join(f);
        let bytes = std::fs::read(&p).unwrap();
        let d = crate::capture::read_bytes(&p, &bytes)
            .unwrap_or_else(|e| panic!("{f}: {e}"))
            .unwrap_or_else(|| panic!("{f}: not taken for an export"));
        assert!(d.len() >= at_least, "{f}: {} items", d.len());
        for c in &d {
            assert!(
                !c.title.trim().is_empty() && !c.body.trim().is_empty(),
                "{f}: {c:?}"
            );
        }
    }
    for entry in std::fs::read_dir(root.join("netscape-bookmarks/shaarli-parser/input")).unwrap() {
        let p = entry.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        match crate::capture::read_bytes(&p, &bytes) {
            Ok(Some(d)) => assert!(!d.is_empty()),
            Ok(None) => panic!("{}: not taken for bookmarks", p.display()),
            // A file of the parser's own tests may hold no bookmark at all.
            Err(e) => assert!(
                e.to_string().contains("no saved articles"),
                "{}: {e}",
                p.display()
            ),
        }
    }
}
