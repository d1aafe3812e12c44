//! Capture through the `cuttings` binary: web pages, feeds, newsletters, PDFs and exports, with
//! every fixture written here; addresses served by a small server on 127.0.0.1.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::Lib;

impl Lib {
    /// Runs with --json and returns the exit code and the parsed output.
    fn run(&self, args: &[&str]) -> (i32, Value) {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "cuttings {args:?}: not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.code().unwrap_or(-1), v)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join("in").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Serves `pages` (path -> (content type, body)) on 127.0.0.1 until the test ends.
fn serve(pages: Vec<(&'static str, &'static str, String)>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut buf = vec![0u8; 8192];
            let n = conn.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = req.split_whitespace().nth(1).unwrap_or("/");
            let path = path.split('?').next().unwrap_or("/");
            let resp = match pages.iter().find(|(p, _, _)| *p == path) {
                Some((_, ct, body)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into(),
            };
            let _ = conn.write_all(resp.as_bytes());
        }
    });
    base
}

fn article(title: &str, first: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Courier</title>
<meta property="og:site_name" content="The Courier"><meta name="author" content="Ann Smith">
<meta property="article:published_time" content="2024-02-10T08:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1><p>{first} Observers on both sides of the line reported no shelling overnight.</p>
<p>Aid convoys reached three towns for the first time in a month, carrying food and medicine.</p></article>
<footer>© The Courier</footer></body></html>"#
    )
}

#[test]
fn a_folder_of_every_kind_of_capture_file_imports_and_names_each_failure() {
    let lib = Lib::new();
    lib.file(
        "page.html",
        article("Ceasefire holds", "The ceasefire held.").as_bytes(),
    );
    lib.file(
        "feed.xml",
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Wire one</title><link>https://wire.example/1</link><guid>w1</guid><description>First wire teaser.</description></item>
<item><title>Wire two</title><link>https://wire.example/2</link><guid>w2</guid><description>Second wire teaser.</description></item>
</channel></rss>"#,
    );
    lib.file(
        "letter.eml",
        b"From: Morning Brief <brief@news.example>\nSubject: Today's brief\nDate: Tue, 06 Feb 2024 07:30:00 +0000\n\nTalks resume in Geneva.\n\nMarkets are calm.\n",
    );
    lib.file(
        "letters.mbox",
        b"From a@b Mon Jan  1 10:00:00 2024\nFrom: a@b.example\nSubject: Letter one\n\nBody one.\n\nFrom c@d Tue Jan  2 10:00:00 2024\nFrom: c@d.example\nSubject: Letter two\n\nBody two.\n",
    );
    lib.file(
        "report.pdf",
        &cuttings_read::capture::pdf::sample_pdf(Some("Quarterly report"), &["Revenue rose."]),
    );
    lib.file("pocket.csv", b"title,url,time_added,tags,status\nSaved one,https://p.example/1,1600322788,energy,archive\n");
    lib.file(
        "bookmarks.html",
        b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><H3>Press</H3><DL><p><DT><A HREF=\"https://b.example/x\" ADD_DATE=\"1600000000\">Bookmarked</A></DL><p></DL>",
    );
    lib.file(
        "zotero.json",
        br#"[{"type":"article-newspaper","title":"From Zotero","URL":"https://z.example/1","container-title":"Le Monde","issued":{"date-parts":[[2020,5,6]]},"abstract":"An abstract."}]"#,
    );
    // Another program's files beside the articles: passed over, not failed.
    lib.file("package.json", br#"{"name": "site", "version": "1.0.0"}"#);
    lib.file(
        "sitemap.xml",
        b"<?xml version=\"1.0\"?><urlset><url><loc>https://a.example/</loc></url></urlset>",
    );
    // Bad input: each named, the rest goes on.
    lib.file("photo.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    lib.file("garbage.rss", b"<rss><channel><item><title>never closed");
    lib.file("empty.eml", b"From: a@b.example\nSubject: Nothing here\n\n");
    lib.file(
        "scan.pdf",
        &cuttings_read::capture::pdf::sample_pdf(Some("Scan"), &[]),
    );
    lib.file(
        "broken.html",
        b"<html><body><p>Cut off in the middle of a sentence that goes on and on about the",
    );

    let (code, v) = lib.run(&["import", s(&lib.dir.path().join("in"))]);
    assert_eq!(code, 2, "{v}");
    let failed: Vec<(String, String)> = v["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reason = |name: &str| {
        failed
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .unwrap_or_else(|| panic!("{name} did not fail: {failed:?}"))
            .1
            .clone()
    };
    assert!(reason("photo.html").contains("binary"));
    assert!(reason("garbage.rss").contains("not a feed"));
    assert!(reason("empty.eml").contains("no text"));
    assert!(reason("scan.pdf").contains("no text layer"));
    assert_eq!(failed.len(), 4, "{failed:?}");
    assert_eq!(v["skipped"], 2, "{v}");
    // page 1 + feed 2 + eml 1 + mbox 2 + pdf 1 + csv 1 + bookmarks 1 + zotero 1 + broken page 1
    assert_eq!(v["imported"], 11, "{v}");

    let list = lib.json(&["list", "--limit", "100"]);
    let titles: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    for t in [
        "Ceasefire holds",
        "Wire one",
        "Today's brief",
        "Letter two",
        "Quarterly report",
        "Saved one",
        "Bookmarked",
        "From Zotero",
    ] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    let page = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Ceasefire holds")
        .unwrap();
    assert_eq!(page["source"], "The Courier");
    assert_eq!(page["authors"][0], "Ann Smith");
    assert_eq!(page["published"], "2024-02-10");
    let shown = lib.json(&["show", &page["id"].to_string()]);
    assert_eq!(shown["date_origin"], "metadata");
    assert!(!shown["body"].as_str().unwrap().contains("Home"));
    let saved = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Saved one")
        .unwrap();
    assert_eq!(saved["status"], "archived");
    assert_eq!(saved["tags"][0], "energy");
    let bm = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Bookmarked")
        .unwrap();
    assert_eq!(bm["tags"][0], "Press");

    // Importing the same folder again adds nothing.
    let (_, again) = lib.run(&["import", s(&lib.dir.path().join("in"))]);
    assert_eq!(again["imported"], 0, "{again}");

    // Named, the same foreign file fails, and says which it is.
    let named = lib.dir.path().join("in").join("package.json");
    let (code, v) = lib.run(&["import", s(&named)]);
    assert_eq!(code, 2, "{v}");
    assert_eq!(v["skipped"], 0, "{v}");
    assert!(
        v["failed"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("package.json"),
        "{v}"
    );
    assert!(
        v["failed"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("not an export"),
        "{v}"
    );
}

#[test]
fn a_page_over_the_size_limit_is_refused_naming_it() {
    let lib = Lib::new();
    let p = lib.file("huge.html", b"");
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let (code, v) = lib.run(&["import", s(&p)]);
    assert_eq!(code, 2);
    let r = v["failed"][0]["reason"].as_str().unwrap();
    assert!(r.contains("MB limit"), "{r}");
    assert!(v["failed"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("huge.html"));
}

#[test]
fn add_fetches_a_page_and_a_second_address_for_it_is_already_present() {
    let base = serve(vec![(
        "/world/ceasefire",
        "text/html; charset=utf-8",
        article("Ceasefire holds", "The ceasefire held."),
    )]);
    let lib = Lib::new();
    let v = lib.json(&[
        "add",
        &format!("{base}/world/ceasefire?utm_source=newsletter"),
        "--tag",
        "Syria",
    ]);
    assert_eq!(v["outcome"], "new", "{v}");
    assert_eq!(v["title"], "Ceasefire holds");
    let again = lib.json(&["add", &format!("{base}/world/ceasefire#comments")]);
    assert_eq!(again["outcome"], "already_present");
    assert_eq!(again["id"], v["id"]);

    let out = lib
        .cmd()
        .args(["add", &format!("{base}/missing")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("404") && err.contains("/missing"), "{err}");
}

#[test]
fn feeds_are_subscribed_listed_exported_and_their_teasers_fetched() {
    // The feed names its items by this server's address, known once it is bound.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    drop(l);
    let feed = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>The Courier</title><link>{base}/</link>
<item><title>Ceasefire holds</title><link>{base}/a</link><guid>a</guid><description>Teaser a.</description></item>
<item><title>Gone</title><link>{base}/gone</link><guid>b</guid><description>Teaser b.</description></item></channel></rss>"#
    );
    let lib = Lib::new();
    let file = lib.file("courier.rss", feed.as_bytes());
    let v = lib.json(&["feed", "add", s(&file)]);
    assert_eq!(v["subscribed"], true);
    assert_eq!(v["new"], 2);
    let again = lib.json(&["feed", "refresh"]);
    assert_eq!(
        again[0]["stored"]["new"].as_array().unwrap().len(),
        0,
        "{again}"
    );
    let list = lib.json(&["feed", "list"]);
    assert_eq!(list["items"][0]["title"], "The Courier");
    assert_eq!(list["items"][0]["items"], 2);

    let out = lib.cmd().args(["feed", "export"]).output().unwrap();
    let opml = String::from_utf8(out.stdout).unwrap();
    assert!(
        opml.contains("<opml") && opml.contains("courier.rss"),
        "{opml}"
    );
    let other = Lib::new();
    let opml_file = other.file("feeds.opml", opml.as_bytes());
    assert_eq!(
        other.json(&["feed", "import", s(&opml_file)])["subscribed"],
        1
    );

    // Now serve the articles on that address: one is there, one is not.
    let l = TcpListener::bind(base.trim_start_matches("http://"));
    let Ok(l) = l else {
        eprintln!("skipped the fetch part: the port was taken meanwhile");
        return;
    };
    let page = article("Ceasefire holds", "The full article text.");
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut buf = vec![0u8; 8192];
            let n = conn.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let resp = if req.starts_with("GET /a ") {
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}", page.len())
            } else {
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into()
            };
            let _ = conn.write_all(resp.as_bytes());
        }
    });
    let (code, v) = lib.run(&["fetch", "--pending"]);
    assert_eq!(code, 2, "{v}");
    assert_eq!(v["fetched"], 1, "{v}");
    assert!(v["failed"][0]["reason"].as_str().unwrap().contains("404"));
    let id = v["ids"][0].to_string();
    let c = lib.json(&["show", &id]);
    assert!(
        c["body"]
            .as_str()
            .unwrap()
            .starts_with("The full article text."),
        "{c}"
    );
    assert_eq!(c["source"], "The Courier");
}

#[test]
fn a_page_modified_after_publication_shows_both_dates() {
    let lib = Lib::new();
    let page = article("Ceasefire holds", "The ceasefire held.").replace(
        "</head>",
        r#"<meta property="article:modified_time" content="2024-02-12T09:30:00Z"></head>"#,
    );
    let p = lib.file("page.html", page.as_bytes());
    let (code, v) = lib.run(&["import", s(&p)]);
    assert_eq!(code, 0, "{v}");
    let id = v["ids"][0].to_string();
    let shown = lib.json(&["show", &id]);
    assert_eq!(shown["published"], "2024-02-10");
    assert_eq!(shown["modified"], "2024-02-12");
    let out = lib.cmd().args(["show", &id]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Modified  12 Feb 2024"), "{text}");
}
