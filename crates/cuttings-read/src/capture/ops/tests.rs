use super::*;
use crate::capture::test_server::{set, start};

fn article(title: &str, text: &str) -> String {
    format!(
        "<html><head><title>{title} - The Courier</title><meta property=\"og:site_name\" content=\"The Courier\"></head>\
         <body><article><p>{text} It went on for a while, as such things do, with many words said.</p>\
         <p>A second paragraph follows here with more detail about the matter at hand today.</p></article></body></html>"
    )
}

fn rss(base: &str, items: &[(&str, &str)]) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Courier</title>");
    for (guid, path) in items {
        s.push_str(&format!(
            "<item><title>Item {guid}</title><link>{base}{path}?utm_source=rss</link><guid>{guid}</guid><description>Teaser {guid}</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn adding_the_same_article_by_another_address_is_already_present() {
    let (base, routes) = start();
    set(
        &routes,
        "/world/talks",
        "text/html; charset=utf-8",
        &article("Talks resume", "Talks resumed."),
    );
    let mut lib = Library::open_in_memory().unwrap();
    let opts = FetchOptions::default();
    let first = add_url(
        &mut lib,
        &format!("{base}/world/talks?utm_source=x#top"),
        &["Syria".into()],
        &opts,
    )
    .unwrap();
    let Inserted::New(id) = first else {
        panic!("{first:?}")
    };
    let c = lib.clipping(id).unwrap();
    assert_eq!(c.title, "Talks resume");
    assert_eq!(c.source.as_deref(), Some("The Courier"));
    assert_eq!(c.tags, ["Syria"]);
    let again = add_url(
        &mut lib,
        &format!("{base}/world/talks/?fbclid=1"),
        &[],
        &opts,
    )
    .unwrap();
    assert_eq!(again, Inserted::Existing(id));
}

#[test]
fn a_feed_refresh_never_brings_the_same_item_twice() {
    let (base, routes) = start();
    set(
        &routes,
        "/rss",
        "application/rss+xml",
        &rss(&base, &[("a", "/a"), ("b", "/b")]),
    );
    let mut lib = Library::open_in_memory().unwrap();
    let opts = FetchOptions::default();
    let (feed, new, stored) = subscribe(&mut lib, &format!("{base}/rss"), &[], &opts).unwrap();
    assert!(new);
    assert_eq!(feed.title.as_deref(), Some("Courier"));
    assert_eq!(stored.new.len(), 2);

    // Same items, one with a new GUID but the same link, and one new item.
    set(
        &routes,
        "/rss",
        "application/rss+xml",
        &rss(&base, &[("a", "/a"), ("b2", "/b"), ("c", "/c")]),
    );
    let r = refresh(&mut lib, None, &opts).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].stored.new.len(), 1, "{:?}", r[0].stored);
    assert_eq!(r[0].stored.seen, 2);
    assert_eq!(lib.feeds().unwrap()[0].items, 3);
    assert_eq!(lib.stats().unwrap().total, 3);

    // The teasers wait for their article; fetching brings it and keeps the clipping's id.
    assert_eq!(lib.pending_fetches().unwrap().len(), 3);
    set(
        &routes,
        "/a",
        "text/html",
        &article("Item a in full", "The full text of a."),
    );
    let s = fetch_pending(&mut lib, None, &opts, &mut |_, _, _| {}).unwrap();
    assert_eq!(s.fetched.len(), 1);
    assert_eq!(s.failed.len(), 2, "{:?}", s.failed);
    assert!(s.failed[0].reason.contains("404"), "{:?}", s.failed);
    let id = s.fetched[0];
    let c = lib.clipping(id).unwrap();
    assert_eq!(c.title, "Item a in full");
    assert!(c.body.starts_with("The full text of a."), "{}", c.body);
    assert!(!lib.is_pending(id).unwrap());
    assert_eq!(lib.pending_fetches().unwrap().len(), 2);
    lib.check_integrity().unwrap();
    let filter = cuttings_core::Filter {
        text: "\"full text\"".into(),
        ..cuttings_core::Filter::default()
    };
    let found = lib
        .search(&filter, cuttings_core::Sort::Relevance, 0, 10, false)
        .unwrap();
    assert_eq!(found.items.len(), 1);
}

#[test]
fn a_feed_that_cannot_be_read_is_reported_and_the_others_go_on() {
    let (base, routes) = start();
    set(
        &routes,
        "/good",
        "application/rss+xml",
        &rss(&base, &[("a", "/a")]),
    );
    set(
        &routes,
        "/bad",
        "application/rss+xml",
        "<rss><channel><item>",
    );
    let mut lib = Library::open_in_memory().unwrap();
    let opts = FetchOptions::default();
    subscribe(&mut lib, &format!("{base}/good"), &[], &opts).unwrap();
    let e = subscribe(&mut lib, &format!("{base}/bad"), &[], &opts).unwrap_err();
    assert!(e.to_string().contains("not a feed"), "{e}");
    assert_eq!(
        lib.feeds().unwrap().len(),
        1,
        "what is not a feed is not subscribed to"
    );
    lib.add_feed(&format!("{base}/bad"), None, None).unwrap();
    let r = refresh(&mut lib, None, &opts).unwrap();
    assert!(r[0].error.is_none());
    assert!(r[1].error.as_deref().unwrap().contains("not a feed"));
    assert!(lib.feeds().unwrap()[1].last_error.is_some());
}

#[test]
fn opml_export_lists_the_feeds_and_import_adds_them_once() {
    let mut lib = Library::open_in_memory().unwrap();
    lib.add_feed("https://a.example/rss", Some("A"), None)
        .unwrap();
    let opml = export_opml(&lib).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("feeds.opml");
    std::fs::write(
        &p,
        opml.replace(
            "</body>",
            "<outline text=\"B\" xmlUrl=\"https://b.example/atom\"/></body>",
        ),
    )
    .unwrap();
    assert_eq!(import_opml(&mut lib, &p).unwrap(), (1, 1));
    assert_eq!(lib.feeds().unwrap().len(), 2);
}
