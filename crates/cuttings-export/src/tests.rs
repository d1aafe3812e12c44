//! Export tests on a small library written here: a Latin, a Cyrillic and an Arabic clipping,
//! with tags, colours, notes, aliases, a trashed clipping and dates at every precision.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::*;
use cuttings_core::date::PartialDate;
use cuttings_core::model::{ClippingDraft, Status};
use cuttings_core::search::Scope;

fn fixture() -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    let drafts = [
        ClippingDraft {
            title: "Lavrov stresses commitment to “inter-Syrian” dialogue & <talks>".into(),
            standfirst: Some("Moscow hosts the talks".into()),
            body: "Moscow, SANA – Foreign Minister Sergei Lavrov said…\n\nA second paragraph\nwith a line break.".into(),
            source: Some("SANA".into()),
            authors: vec!["Manar al-Frieh".into(), "Haifa Said".into()],
            published: PartialDate::day(2015, 4, 7).ok(),
            modified: PartialDate::day(2015, 4, 8).ok(),
            place: Some("Moscow".into()),
            url: Some("https://sana.sy/en/?p=1&x=\"2\"".into()),
            language: Some("en".into()),
            tags: vec!["Syria/Diplomacy".into(), "Russia".into()],
            notes: vec!["Compare with the *TASS* version.".into()],
            starred: true,
            status: Status::Filed,
            ..Default::default()
        },
        ClippingDraft {
            title: "Лавров: переговоры в Москве продолжатся".into(),
            body: "Сергей Лавров заявил журналистам, что переговоры продолжатся.".into(),
            source: Some("ТАСС".into()),
            authors: vec!["Ольга Иванова".into()],
            published: PartialDate::month(2015, 4).ok(),
            language: Some("ru".into()),
            tags: vec!["Russia".into()],
            ..Default::default()
        },
        ClippingDraft {
            title: "لافروف يؤكد الالتزام بإنجاح الحوار السوري".into(),
            body: "أكد وزير الخارجية الروسي سيرغي لافروف التزام بلاده.\n\nفقرة ثانية.".into(),
            source: Some("سانا".into()),
            authors: vec!["منار الفريح".into()],
            language: Some("ar".into()),
            tags: vec!["Syria/Diplomacy".into()],
            ..Default::default()
        },
        ClippingDraft {
            title: "A year-only item".into(),
            body: "Text.".into(),
            published: PartialDate::year(2014).ok(),
            ..Default::default()
        },
    ];
    for d in &drafts {
        lib.insert_clipping(d).unwrap();
    }
    lib.set_tag_colour("Syria", Some("#aa3300")).unwrap();
    lib.add_source_alias("SANA", "Syrian Arab News Agency")
        .unwrap();
    lib.add_source_domain("SANA", "sana.sy").unwrap();
    let gone = lib
        .insert_clipping(&ClippingDraft {
            title: "In the trash".into(),
            body: "Deleted text.".into(),
            ..Default::default()
        })
        .unwrap()
        .id();
    lib.trash(&[gone]).unwrap();
    lib
}

fn run(lib: &Library, req: &ExportRequest) -> Result<ExportSummary> {
    export(lib, req, &AtomicBool::new(false), &mut |_| {})
}

fn request(format: Format, dir: &Path, name: &str) -> ExportRequest {
    ExportRequest::new(format, Filter::default(), dir.join(name))
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn json_export_imports_into_an_empty_library_as_it_was_and_exports_the_same_bytes() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(Format::Json, dir.path(), "a.json");
    req.filter.scope = Scope::Live;
    run(&lib, &req).unwrap();
    let first = std::fs::read(dir.path().join("a.json")).unwrap();
    assert!(cuttings_core::archive::is_export(&first));

    let mut copy = Library::open_in_memory().unwrap();
    let stored =
        cuttings_core::archive::import_file(&mut copy, &dir.path().join("a.json"), &[]).unwrap();
    assert_eq!(stored.len(), 4);
    for id in lib.matching_ids(&Filter::default(), Sort::Date).unwrap() {
        assert_eq!(copy.clipping(id).unwrap(), lib.clipping(id).unwrap());
    }
    let modified: Vec<_> = copy
        .matching_ids(&Filter::default(), Sort::Date)
        .unwrap()
        .into_iter()
        .filter_map(|id| copy.clipping(id).unwrap().modified)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(modified, ["2015-04-08"], "the modified date travels");
    assert_eq!(
        copy.sources()
            .unwrap()
            .iter()
            .find(|o| o.name == "SANA")
            .unwrap()
            .aliases,
        vec!["Syrian Arab News Agency"]
    );
    let syria = copy
        .tags()
        .unwrap()
        .into_iter()
        .find(|t| t.path == "Syria")
        .unwrap();
    assert_eq!(syria.colour.as_deref(), Some("#aa3300"));
    copy.check_integrity().unwrap();

    let mut again = req.clone();
    again.output = dir.path().join("b.json");
    run(&copy, &again).unwrap();
    let second = std::fs::read(dir.path().join("b.json")).unwrap();
    assert!(first == second, "the second export differs from the first");
}

#[test]
fn the_trash_exports_and_imports_back_into_the_trash() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(Format::Json, dir.path(), "trash.json");
    req.filter.scope = Scope::Trash;
    assert_eq!(run(&lib, &req).unwrap().clippings, 1);
    let mut copy = Library::open_in_memory().unwrap();
    cuttings_core::archive::import_file(&mut copy, &req.output, &[]).unwrap();
    assert_eq!(copy.stats().unwrap().trash, 1);
    assert_eq!(copy.stats().unwrap().total, 0);
}

#[test]
fn a_newer_or_foreign_json_file_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.json");
    std::fs::write(
        &p,
        r#"{"format": "cuttings-export", "version": 99, "clippings": []}"#,
    )
    .unwrap();
    let err = cuttings_core::archive::read(&p).unwrap_err().to_string();
    assert!(err.contains("newer Cuttings"), "{err}");
    assert!(!cuttings_core::archive::is_export(br#"{"items": []}"#));
}

#[test]
fn html_report_escapes_text_and_marks_direction() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(Format::Html, dir.path(), "r.html");
    req.group_by = GroupBy::Topic;
    req.title = Some("Syria <talks> & Russia".into());
    run(&lib, &req).unwrap();
    let html = std::fs::read_to_string(&req.output).unwrap();
    assert!(html.contains("<title>Syria &lt;talks&gt; &amp; Russia</title>"));
    assert!(html.contains("dialogue &amp; &lt;talks&gt;"));
    assert!(!html.contains("<talks>"));
    assert!(html.contains("lang=\"ar\""));
    assert!(html.contains("لافروف يؤكد"));
    assert!(html.contains("Лавров: переговоры"));
    assert!(html.contains("date unknown"));
    assert!(html.contains("<time datetime=\"2015-04\">April 2015</time>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("In the trash"));
    assert!(html.contains("@media print"));
}

#[test]
fn markdown_files_are_named_by_date_and_title_safely_and_uniquely() {
    let lib = fixture();
    let ids = lib.matching_ids(&Filter::default(), Sort::Date).unwrap();
    let mut items: Vec<Item> = ids
        .iter()
        .map(|&id| Item {
            clipping: lib.clipping(id).unwrap(),
            extras: Default::default(),
            also: Vec::new(),
        })
        .collect();
    let twin = Item {
        clipping: items[0].clipping.clone(),
        extras: Default::default(),
        also: Vec::new(),
    };
    items.push(twin);
    let names = markdown::file_names(&items);
    assert!(names.contains(
        &"2015-04-07 Lavrov stresses commitment to “inter-Syrian” dialogue & talks.md".to_string()
    ));
    assert!(names.iter().any(|n| n.starts_with("undated لافروف")));
    assert!(names.iter().any(|n| n.ends_with(" (2).md")));
    for n in &names {
        assert!(
            !n.contains([':', '?', '<', '>', '"', '/', '\\', '|', '*']),
            "{n}"
        );
        assert!(n.chars().count() <= 84, "{n}");
    }
}

#[test]
fn csv_reads_back_with_one_row_per_clipping_and_joined_lists() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(Format::Csv, dir.path(), "t.csv");
    req.bom = true;
    run(&lib, &req).unwrap();
    let bytes = std::fs::read(&req.output).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut r = ::csv::Reader::from_reader(&bytes[3..]);
    let head = r.headers().unwrap().clone();
    let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let lavrov = rows.iter().find(|r| r[col("source")] == *"SANA").unwrap();
    assert_eq!(&lavrov[col("authors")], "Manar al-Frieh; Haifa Said");
    assert_eq!(&lavrov[col("tags")], "Russia; Syria/Diplomacy");
    assert!(lavrov[col("text")].contains("\n\nA second paragraph"));
    assert!(rows.iter().any(|r| r[col("title")].starts_with("Лавров")));
}

#[test]
fn citations_keep_dates_at_their_precision_and_split_names_sensibly() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let req = request(Format::CslJson, dir.path(), "c.json");
    run(&lib, &req).unwrap();
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&req.output).unwrap()).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 4);
    let by_title = |t: &str| {
        items
            .iter()
            .find(|i| i["title"].as_str().unwrap().starts_with(t))
            .unwrap()
    };
    let sana = by_title("Lavrov");
    assert_eq!(sana["type"], "article-newspaper");
    assert_eq!(sana["container-title"], "SANA");
    assert_eq!(
        sana["issued"]["date-parts"],
        serde_json::json!([[2015, 4, 7]])
    );
    assert_eq!(
        sana["author"][0],
        serde_json::json!({"family": "al-Frieh", "given": "Manar"})
    );
    assert_eq!(
        by_title("Лавров")["issued"]["date-parts"],
        serde_json::json!([[2015, 4]])
    );
    let arabic = by_title("لافروف");
    assert_eq!(
        arabic["author"][0],
        serde_json::json!({"literal": "منار الفريح"})
    );
    assert!(arabic.get("issued").is_none());

    let req = request(Format::Ris, dir.path(), "c.ris");
    run(&lib, &req).unwrap();
    let ris = std::fs::read_to_string(&req.output).unwrap();
    assert_eq!(ris.matches("TY  - NEWS\r\n").count(), 4);
    assert_eq!(ris.matches("ER  - \r\n").count(), 4);
    assert!(ris.contains("AU  - al-Frieh, Manar\r\n"));
    assert!(ris.contains("DA  - 2015/04/07/\r\n"));
    assert!(ris.contains("DA  - 2015/04//\r\n"));
    assert!(ris.contains("KW  - Syria/Diplomacy\r\n"));
    assert!(ris.contains("N1  - Compare with the *TASS* version.\r\n"));
    assert!(ris.contains("AU  - منار الفريح\r\n"));
}

#[test]
fn an_existing_file_is_kept_unless_overwriting_is_asked() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let req = request(Format::Html, dir.path(), "r.html");
    std::fs::write(&req.output, "mine").unwrap();
    let err = run(&lib, &req).unwrap_err().to_string();
    assert!(
        err.contains("r.html") && err.contains("already exists"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&req.output).unwrap(), "mine");
    let mut force = req.clone();
    force.overwrite = true;
    run(&lib, &force).unwrap();
    assert!(std::fs::read_to_string(&req.output)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_missing_folder_is_named_and_nothing_is_written() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let req = request(Format::Csv, &dir.path().join("nope"), "t.csv");
    let err = run(&lib, &req).unwrap_err().to_string();
    assert!(
        err.contains("nope") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn a_cancelled_export_leaves_nothing_behind() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    for (format, zip) in [
        (Format::Html, false),
        (Format::Markdown, false),
        (Format::Markdown, true),
    ] {
        let mut req = request(format, dir.path(), "out");
        req.zip = zip;
        let err = export(&lib, &req, &AtomicBool::new(true), &mut |_| {}).unwrap_err();
        assert!(matches!(err, Error::Cancelled));
        assert!(!req.output.exists());
        assert!(leftovers(dir.path()).is_empty());
    }
}

#[test]
fn a_markdown_folder_replaces_an_old_one_only_when_asked() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(Format::Markdown, dir.path(), "notes");
    let s = run(&lib, &req).unwrap();
    assert_eq!(s.files, 4);
    assert_eq!(std::fs::read_dir(&req.output).unwrap().count(), 4);
    assert!(run(&lib, &req).is_err());
    req.overwrite = true;
    req.filter.tags = vec!["Russia".into()];
    run(&lib, &req).unwrap();
    assert_eq!(std::fs::read_dir(&req.output).unwrap().count(), 2);
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn formats_read_from_their_names() {
    assert_eq!("csl-json".parse::<Format>().unwrap(), Format::CslJson);
    assert_eq!("MD".parse::<Format>().unwrap(), Format::Markdown);
    assert!("docx"
        .parse::<Format>()
        .unwrap_err()
        .to_string()
        .contains("html"));
}

#[test]
fn clippings_read_in_batches_are_the_same_as_read_one_by_one() {
    let lib = fixture();
    let mut ids = lib.matching_ids(&Filter::default(), Sort::Title).unwrap();
    ids.push(9999);
    let many = lib.clippings_full(&ids).unwrap();
    assert_eq!(many.len(), ids.len() - 1);
    for (c, id) in many.iter().zip(&ids) {
        assert_eq!(c, &lib.clipping(*id).unwrap());
    }
}

#[test]
fn a_suggested_file_name_is_the_title_made_safe_with_the_format_ending() {
    assert_eq!(
        suggested_file_name("Syria/Diplomacy: March", Format::Html, false),
        "Syria Diplomacy March.html"
    );
    assert_eq!(
        suggested_file_name("  ", Format::Csv, false),
        "Clippings.csv"
    );
    assert_eq!(
        suggested_file_name("Дипломатия", Format::Markdown, false),
        "Дипломатия"
    );
    assert_eq!(
        suggested_file_name("Press", Format::Markdown, true),
        "Press.zip"
    );
    assert_eq!(suggested_file_name("CON", Format::Pdf, false), "_CON.pdf");
}

#[test]
fn a_report_with_coverage_charts_the_series_and_tables_its_figures() {
    let lib = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(Format::Html, dir.path(), "c.html");
    req.coverage = true;
    run(&lib, &req).unwrap();
    let html = std::fs::read_to_string(&req.output).unwrap();
    let section = &html[html
        .find("<section class=\"coverage\"")
        .expect("a coverage section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // The same series the Analysis view asks for: the dates span 2014 to April 2015, so by
    // month, by source.
    let ask = crate::coverage::report_ask(
        &Filter::default(),
        PartialDate::year(2014).ok(),
        PartialDate::day(2015, 4, 7).ok(),
    );
    let series = lib.coverage(&ask).unwrap();
    assert_eq!(series.all.total, 4);
    assert!(section.contains("<caption>Clippings per month, by source</caption>"));
    let apr = series
        .buckets
        .iter()
        .position(|b| b.key == "2015-04")
        .unwrap();
    assert!(section.contains(&format!(
        "<td>Apr 2015</td><td class=\"n\">{}</td>",
        series.all.counts[apr]
    )));
    // The year-only clipping and the undated one are in the table, not lost.
    assert!(
        section.contains("<td>Dated less precisely</td><td class=\"n\">1</td>"),
        "{section}"
    );
    assert!(section.contains("<td>Undated</td><td class=\"n\">1</td>"));
    assert!(section.contains("<td>Total</td><td class=\"n\">4</td>"));
    // Without the option there is no section.
    let mut plain = request(Format::Html, dir.path(), "p.html");
    plain.coverage = false;
    run(&lib, &plain).unwrap();
    assert!(!std::fs::read_to_string(&plain.output)
        .unwrap()
        .contains("class=\"coverage\""));
}

#[test]
fn a_reports_coverage_interval_follows_the_span_of_its_dates() {
    use cuttings_core::coverage::Every;
    let every = |a: PartialDate, b: PartialDate| {
        crate::coverage::report_ask(&Filter::default(), Some(a), Some(b)).every
    };
    let d = |y, m, day| PartialDate::day(y, m, day).unwrap();
    assert_eq!(every(d(2015, 4, 1), d(2015, 4, 20)), Every::Day);
    assert_eq!(every(d(2015, 1, 1), d(2015, 4, 20)), Every::Week);
    assert_eq!(every(d(2014, 1, 1), d(2015, 4, 20)), Every::Month);
    assert_eq!(
        every(PartialDate::year(2001).unwrap(), d(2015, 4, 20)),
        Every::Year
    );
    let none = crate::coverage::report_ask(&Filter::default(), None, None);
    assert_eq!((none.every, none.top), (Every::Day, 8));
}
