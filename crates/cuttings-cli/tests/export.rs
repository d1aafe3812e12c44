//! `cuttings export` as a user runs it, each format checked by a real consumer where there is
//! one: an HTML parser, epubcheck, the csv crate, pdftotext, re-import for JSON and Markdown.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use serde_json::Value;

mod common;
use common::Lib;

impl Lib {
    /// Runs and expects failure; returns what it printed on stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            !out.status.success(),
            "cuttings {args:?} should have failed"
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Every clipping in full, in id order, without the fields an import sets afresh.
    fn clippings(&self) -> Vec<Value> {
        let mut ids: Vec<i64> = self.json(&["list", "--limit", "1000"])["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
        ids.sort();
        ids.iter()
            .map(|id| {
                let mut c = self.json(&["show", &id.to_string()]);
                let o = c.as_object_mut().unwrap();
                for k in ["id", "origin", "updated_at", "date_origin"] {
                    o.remove(k);
                }
                for n in o["notes"].as_array_mut().unwrap() {
                    let n = n.as_object_mut().unwrap();
                    for k in ["id", "created_at", "updated_at"] {
                        n.remove(k);
                    }
                }
                c
            })
            .collect()
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    repo().join("seeds/000_73811806d1c1e07a.txt")
}

const ARABIC: &str = "---
title: لافروف يؤكد الالتزام بإنجاح الحوار السوري
source: سانا
date: 2015-04-07
authors:
  - منار الفريح
  - Haifa Said
place: موسكو
language: ar
tags: [Syria/Diplomacy, Russia]
notes:
  - \"ملاحظة: قارن مع تاس\"
---

أكد وزير الخارجية الروسي سيرغي لافروف التزام بلاده بإنجاح الحوار السوري.

فقرة ثانية من النص.
";

const CYRILLIC: &str = "---
title: \"Лавров: переговоры в Москве продолжатся\"
source: ТАСС
date: 2015-04
authors: [Ольга Иванова]
language: ru
tags: [Russia]
starred: true
status: filed
---

Сергей Лавров заявил журналистам, что переговоры «продолжатся».

Ещё один абзац — с тире и кавычками \"так\".
";

const ACCENTS: &str = "---
title: Communiqué & <réaction> de l'Élysée
source: Le Monde
authors: [Hélène Dupont-Aignan, José María Álvarez]
language: fr
url: https://example.org/a?b=1&c=\"2\"
tags: [France/Politique]
---

Le communiqué de l'Élysée, publié à 18 h, « salue » l'accord.
";

/// A library with the seed and three clippings written here (Arabic, Cyrillic, accents), a
/// note, a tag colour and an outlet alias.
fn fixture() -> Lib {
    let lib = Lib::new();
    let files = lib.out("in");
    std::fs::create_dir(&files).unwrap();
    for (name, text) in [("ar.md", ARABIC), ("ru.md", CYRILLIC), ("fr.md", ACCENTS)] {
        std::fs::write(files.join(name), text).unwrap();
    }
    std::fs::copy(seed(), files.join("seed.txt")).unwrap();
    let out = lib.json(&["import", files.to_str().unwrap()]);
    assert_eq!(out["imported"], 4, "{out}");
    let seed_id = lib.json(&["search", "Lavrov stresses"])["items"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    lib.json(&["tag", "add", &seed_id, "Syria/Diplomacy"]);
    lib.json(&[
        "note",
        "add",
        &seed_id,
        "Check the *TASS* version.\n\nSecond line.",
    ]);
    lib.json(&["tag", "colour", "Syria", "#aa3300"]);
    lib.json(&["sources", "alias", "SANA", "Syrian Arab News Agency"]);
    lib
}

fn export(lib: &Lib, format: &str, name: &str, extra: &[&str]) -> PathBuf {
    let out = lib.out(name);
    let mut args = vec![
        "export",
        "--format",
        format,
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = lib.json(&args);
    assert_eq!(r["path"], out.to_str().unwrap());
    out
}

fn have(tool: &str) -> bool {
    let found = Process::new(tool).arg("--version").output().is_ok()
        || Process::new("which")
            .arg(tool)
            .output()
            .is_ok_and(|o| o.status.success());
    if !found {
        println!("note: {tool} is not installed; skipping the check that needs it");
    }
    found
}

#[test]
fn the_html_report_has_a_cover_summaries_contents_and_every_clipping() {
    use scraper::{Html, Selector};
    let lib = fixture();
    let out = export(
        &lib,
        "html",
        "report.html",
        &["--group-by", "topic", "--title", "Syria & Russia <2015>"],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = Html::parse_document(&text);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let texts = |s: &str| -> Vec<String> {
        doc.select(&sel(s))
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert_eq!(texts("title"), ["Syria & Russia <2015>"]);
    assert_eq!(texts(".cover h1"), ["Syria & Russia <2015>"]);
    assert_eq!(texts(".cover .count"), ["4 clippings"]);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("link[rel=stylesheet]")).count(), 0);
    assert!(texts("style")[0].contains("@media print"));
    for t in ["by-source", "by-topic", "by-month"] {
        assert!(
            doc.select(&sel(&format!(".summary table.{t} tbody tr")))
                .count()
                >= 1,
            "{t}"
        );
    }
    let sources = texts(".summary table.by-source td:first-child");
    for s in ["SANA", "سانا", "ТАСС", "Le Monde"] {
        assert!(sources.contains(&s.to_string()), "{s} in {sources:?}");
    }
    // Every contents link leads to an article in the page.
    let articles: Vec<String> = doc
        .select(&sel("article.clipping"))
        .map(|a| a.value().id().unwrap().to_string())
        .collect();
    assert_eq!(articles.len(), 4);
    let links: Vec<String> = doc
        .select(&sel("nav.toc a[href^='#c']"))
        .map(|a| a.value().attr("href").unwrap()[1..].to_string())
        .collect();
    let mut sorted_links = links.clone();
    sorted_links.sort();
    let mut sorted_articles = articles.clone();
    sorted_articles.sort();
    assert_eq!(sorted_links, sorted_articles);
    // Grouped by topic: the sections carry the topics' names.
    let groups = texts("main section.group > h2");
    assert!(
        groups.contains(&"Syria/Diplomacy".to_string()),
        "{groups:?}"
    );

    let arabic = doc
        .select(&sel("article[lang=ar]"))
        .next()
        .expect("the Arabic clipping keeps its language");
    let headline = arabic.select(&sel(".headline")).next().unwrap();
    assert_eq!(headline.value().attr("dir"), Some("auto"));
    assert_eq!(
        headline.text().collect::<String>(),
        "لافروف يؤكد الالتزام بإنجاح الحوار السوري"
    );
    assert_eq!(
        arabic
            .select(&sel(".byline"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "منار الفريح, Haifa Said"
    );
    assert_eq!(arabic.select(&sel(".body p")).count(), 2);
    assert!(texts(".notes .note p")
        .iter()
        .any(|n| n.contains("قارن مع تاس")));
    // Notes' Markdown is rendered as the window renders it, not printed raw.
    assert_eq!(texts(".notes .note em"), vec!["TASS".to_string()]);
    assert!(!texts(".notes .note p").iter().any(|n| n.contains("*TASS*")));
    assert!(texts(".headline")
        .iter()
        .any(|h| h == "Communiqué & <réaction> de l'Élysée"));
    assert!(texts(".date").contains(&"April 2015".to_string()));
    assert!(texts(".date").contains(&"date unknown".to_string()));
    let url = doc.select(&sel(".url a")).next().unwrap();
    assert_eq!(
        url.value().attr("href"),
        Some("https://example.org/a?b=1&c=%222%22")
    );
    assert_eq!(
        url.text().collect::<String>(),
        "https://example.org/a?b=1&c=\"2\""
    );
}

#[test]
fn the_epub_passes_epubcheck() {
    let lib = fixture();
    let out = export(&lib, "epub", "book.epub", &["--group-by", "source"]);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[30..38], b"mimetype");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = z.file_names().map(str::to_string).collect();
    assert!(names.contains(&"OEBPS/nav.xhtml".to_string()));
    let chapters = names
        .iter()
        .filter(|n| {
            n.strip_prefix("OEBPS/c")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    assert_eq!(chapters, 4);
    let mut nav = String::new();
    std::io::Read::read_to_string(&mut z.by_name("OEBPS/nav.xhtml").unwrap(), &mut nav).unwrap();
    assert!(nav.contains("Лавров: переговоры"));
    // Debian installs epubcheck as a jar; run it with java when it is there.
    let jar = Path::new("/usr/share/java/epubcheck.jar");
    let check = if jar.is_file() && have("java") {
        Process::new("java")
            .arg("-jar")
            .arg(jar)
            .arg(&out)
            .output()
            .unwrap()
    } else if have("epubcheck") {
        Process::new("epubcheck").arg(&out).output().unwrap()
    } else {
        return;
    };
    assert!(
        check.status.success(),
        "epubcheck: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn markdown_exported_and_imported_again_gives_the_same_clippings() {
    let lib = fixture();
    let folder = export(&lib, "markdown", "notes", &[]);
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.contains(&"2015-04-07 لافروف يؤكد الالتزام بإنجاح الحوار السوري.md".to_string()));
    assert!(names.contains(&"2015-04 Лавров переговоры в Москве продолжатся.md".to_string()));
    for n in &names {
        assert!(
            !n.contains([':', '?', '<', '>', '"', '\\', '|', '*']),
            "{n}"
        );
    }

    let copy = Lib::new();
    let r = copy.json(&["import", folder.to_str().unwrap()]);
    assert_eq!(r["imported"], 4, "{r}");
    // Markdown carries no story numbers: each library numbers its own.
    let by_title = |mut v: Vec<Value>| {
        v.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
        for c in &mut v {
            c.as_object_mut().unwrap().remove("story");
        }
        v
    };
    assert_eq!(by_title(copy.clippings()), by_title(lib.clippings()));

    // The zip holds the same files in one folder named after it.
    let zipped = export(&lib, "markdown", "notes.zip", &["--zip"]);
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zipped).unwrap()).unwrap();
    assert_eq!(z.len(), 4);
    let mut zipped_names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().to_string())
        .collect();
    zipped_names.sort();
    let mut expected: Vec<String> = names.iter().map(|n| format!("notes/{n}")).collect();
    expected.sort();
    assert_eq!(zipped_names, expected);
}

#[test]
fn the_csv_reads_back_row_by_row_with_a_bom_when_asked() {
    let lib = fixture();
    let out = export(&lib, "csv", "table.csv", &["--bom", "--tag", "Russia"]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let ar = rows.iter().find(|r| r[col("language")] == *"ar").unwrap();
    assert_eq!(&ar[col("authors")], "منار الفريح; Haifa Said");
    assert_eq!(&ar[col("tags")], "Russia; Syria/Diplomacy");
    assert_eq!(&ar[col("date")], "2015-04-07");
    let ru = rows.iter().find(|r| r[col("language")] == *"ru").unwrap();
    assert_eq!(&ru[col("title")], "Лавров: переговоры в Москве продолжатся");
    assert!(
        ru[col("text")].contains("«продолжатся».\n\nЕщё один абзац — с тире и кавычками \"так\".")
    );
    assert_eq!(&ru[col("date_precision")], "month");
}

#[test]
fn json_export_imports_into_an_empty_library_and_exports_the_same_bytes() {
    let lib = fixture();
    let first = export(&lib, "json", "all.json", &["--title", "Everything"]);
    let copy = Lib::new();
    let r = copy.json(&["import", first.to_str().unwrap()]);
    assert_eq!(r["imported"], 4, "{r}");
    assert_eq!(copy.json(&["stats"]), lib.json(&["stats"]));
    assert_eq!(copy.json(&["tag", "list"]), lib.json(&["tag", "list"]));
    assert_eq!(copy.json(&["sources"]), lib.json(&["sources"]));
    let second = copy.out("again.json");
    copy.json(&[
        "export",
        "--format",
        "json",
        "--title",
        "Everything",
        "--output",
        second.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "the re-exported file differs"
    );
    // Importing it again adds nothing.
    let r = copy.json(&["import", first.to_str().unwrap()]);
    assert_eq!(r["imported"], 0);
    assert_eq!(r["already_present"], 4);
}

#[test]
fn csl_json_items_have_the_required_fields_and_types() {
    let lib = fixture();
    let out = export(&lib, "csl-json", "refs.json", &[]);
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 4);
    for it in items {
        assert!(it["id"].is_string());
        assert_eq!(it["type"], "article-newspaper");
        assert!(it["title"].is_string());
        for a in it["author"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let o = a.as_object().unwrap();
            assert!(
                o.get("literal").is_some_and(Value::is_string)
                    || (o["family"].is_string() && o["given"].is_string()),
                "{a}"
            );
        }
        if let Some(issued) = it.get("issued") {
            let parts = issued["date-parts"][0].as_array().unwrap();
            assert!((1..=3).contains(&parts.len()));
            assert!(parts.iter().all(Value::is_i64));
        }
        if let Some(k) = it.get("keyword") {
            assert!(k.is_string());
        }
    }
    let ar = items.iter().find(|i| i["language"] == "ar").unwrap();
    assert_eq!(ar["author"][0]["literal"], "منار الفريح");
    assert_eq!(
        ar["author"][1],
        serde_json::json!({"family": "Said", "given": "Haifa"})
    );
    assert_eq!(ar["container-title"], "سانا");
    assert_eq!(
        ar["issued"]["date-parts"],
        serde_json::json!([[2015, 4, 7]])
    );
    let fr = items.iter().find(|i| i["language"] == "fr").unwrap();
    assert!(fr.get("issued").is_none());
    assert_eq!(fr["author"][1]["family"], "Álvarez");

    let ris = std::fs::read_to_string(export(&lib, "ris", "refs.ris", &[])).unwrap();
    assert_eq!(ris.matches("TY  - NEWS").count(), 4);
    assert!(ris.contains("AU  - Иванова, Ольга\r\n"));
    assert!(ris.contains("T2  - ТАСС\r\n"));
    assert!(ris.contains("DA  - 2015/04//\r\n"));
}

#[test]
fn the_pdf_carries_the_text_in_every_script() {
    let lib = fixture();
    let out = lib.out("report.pdf");
    let r = lib
        .cmd()
        .args([
            "export",
            "--format",
            "pdf",
            "--group-by",
            "month",
            "--coverage",
            "--output",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    if !have("pdftotext") {
        return;
    }
    let t = Process::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    assert!(t.status.success());
    let text = String::from_utf8(t.stdout).unwrap();
    for s in [
        "Lavrov stresses commitment",
        "Лавров: переговоры в Москве продолжатся",
        "Communiqué",
        "Élysée",
        "date unknown",
        // The coverage section asked for with --coverage: its charts and figures.
        "Coverage",
        "Top sources",
        "All clippings by period",
    ] {
        assert!(text.contains(s), "'{s}' is not in the PDF's text:\n{text}");
    }
    // Arabic is shaped (joined letter forms), and the text maps back to the letters in logical
    // order. Lam-alef ligatures come back as alef-lam, so the words checked avoid them.
    for s in ["الحوار السوري", "منار الفريح", "موسكو", "سانا"] {
        assert!(text.contains(s), "'{s}' is not in the PDF's text:\n{text}");
    }
    // The contents give each clipping's page: its headline is on that page (pdftotext
    // separates pages with form feeds), after the contents. An entry is the headline's line
    // followed by "SOURCE · DATE · page N".
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let contents = pages.iter().position(|p| p.contains("Contents")).unwrap();
    let lines: Vec<&str> = pages[contents]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut checked = 0;
    for pair in lines.windows(2) {
        // In a right-to-left entry the parts come out in visual order: look for "page N"
        // anywhere in the line.
        let Some((_, after)) = pair[1]
            .split_once("· page ")
            .or(pair[1].split_once("page "))
        else {
            continue;
        };
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let n: usize = digits
            .parse()
            .unwrap_or_else(|_| panic!("no page number in '{}'", pair[1]));
        assert!(
            n > contents + 1 && n <= pages.len(),
            "page {n} of {}",
            pages.len()
        );
        // The headline's start: a larger type may wrap it elsewhere on the article's page.
        let start: String = pair[0].trim().chars().take(24).collect();
        assert!(
            pages[n - 1].contains(&start),
            "'{}' is not on page {n}:\n{}",
            pair[0],
            pages[n - 1]
        );
        checked += 1;
    }
    assert!(
        checked >= 3,
        "entries with a page number:\n{}",
        pages[contents]
    );
}

#[test]
fn bad_destinations_are_named_and_leave_nothing_behind() {
    let lib = fixture();
    // A missing folder.
    let missing = lib.out("no/such/folder/report.html");
    let err = lib.fails(&[
        "export",
        "--format",
        "html",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert!(
        err.contains("no/such/folder") && err.contains("does not exist"),
        "{err}"
    );

    // An existing file, without and with --force.
    let existing = lib.out("mine.csv");
    std::fs::write(&existing, "keep me").unwrap();
    let err = lib.fails(&[
        "export",
        "--format",
        "csv",
        "--output",
        existing.to_str().unwrap(),
    ]);
    assert!(err.contains("mine.csv") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    lib.json(&[
        "export",
        "--format",
        "csv",
        "--force",
        "--output",
        existing.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&existing)
        .unwrap()
        .starts_with("id,title"));

    // A folder without write permission. Root may write anywhere but in /sys, so as root the
    // test writes there instead.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = lib.out("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let writable = |d: &Path| {
            let probe = d.join("cuttings-probe");
            let ok = std::fs::write(&probe, "x").is_ok();
            let _ = std::fs::remove_file(&probe);
            ok
        };
        let target = if !writable(&locked) {
            Some(locked.clone())
        } else if Path::new("/sys").is_dir() && !writable(Path::new("/sys")) {
            Some(PathBuf::from("/sys"))
        } else {
            println!("note: no unwritable folder to try; skipping the permission check");
            None
        };
        if let Some(dir) = target {
            let out = dir.join("report.html");
            let err = lib.fails(&[
                "export",
                "--format",
                "html",
                "--output",
                out.to_str().unwrap(),
            ]);
            assert!(
                err.contains("permission denied") && err.contains(dir.to_str().unwrap()),
                "{err}"
            );
            assert!(!out.exists());
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    let stray: Vec<String> = std::fs::read_dir(lib.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_selection_and_a_saved_search_choose_the_clippings() {
    let lib = fixture();
    let ids: Vec<String> = lib.json(&["list", "--tag", "Russia"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].to_string())
        .collect();
    let out = export(&lib, "json", "pick.json", &["--id", &ids[0]]);
    let v: Value = serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
    assert_eq!(v["clippings"].as_array().unwrap().len(), 1);

    lib.json(&["saved", "add", "French", "Élysée"]);
    let out = export(&lib, "ris", "saved.ris", &["--saved", "French"]);
    let ris = std::fs::read_to_string(out).unwrap();
    assert_eq!(ris.matches("TY  - NEWS").count(), 1);
    assert!(ris.contains("Élysée"));
}
