//! `cuttings coverage` over a small library of Markdown clippings: the table, the CSV and the
//! JSON give the same figures as the list for the same filters, by source, topic and saved
//! search, in clippings and in stories; `--spread` names who carried a story first.

mod common;

use common::Lib;
use serde_json::Value;

const WIRE: &str = "Spain's Football Federation has initiated disciplinary action against national coach Luis Aragones over racist comments about Thierry Henry. If found guilty Aragones could lose his job or face a fine of about 22,000 pounds. The federation had initially declined to take action against Aragones after comments he made during a national team training session in October. But its president Angel Maria Villar changed his mind after a request by the anti-violence commission. Aragones insisted the comments, made to Arsenal's Jose Antonio Reyes, were meant to motivate the player, and were not intended to be offensive.";

fn library() -> Lib {
    let lib = Lib::new();
    let dir = lib.dir.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let items = [
        (
            "2015-01-05",
            "BBC",
            "Politics/Local",
            "Harbour dredging contract awarded after a long tender.",
        ),
        (
            "2015-01-20",
            "Reuters",
            "Politics",
            "Rail fares rise above inflation for the third year running.",
        ),
        (
            "2015-02",
            "BBC",
            "Transport",
            "Flood defences approved for the river valley towns.",
        ),
        (
            "2015-03-02",
            "The Guardian",
            "Health",
            "Hospital waiting lists fall for the first time in a decade.",
        ),
        (
            "2016",
            "BBC",
            "Politics/National",
            "Council tax freeze agreed by the city cabinet.",
        ),
    ];
    for (i, (date, source, tag, text)) in items.iter().enumerate() {
        let md = format!(
            "---\ntitle: Item {i}\nsource: {source}\ndate: {date}\ntags: [{tag}]\n---\n\n{text} Officials in ward {} said more would follow.\n",
            i * 7
        );
        std::fs::write(dir.join(format!("item{i}.md")), md).unwrap();
    }
    for (i, (source, date)) in [
        ("City Chronicle", "2015-03-14"),
        ("BBC", "2015-03-15"),
        ("Reuters", "2015-03-17"),
    ]
    .iter()
    .enumerate()
    {
        let md = format!(
            "---\ntitle: Aragones copy {i}\nsource: {source}\ndate: {date}\ntags: [Sport]\n---\n\n{WIRE}\n\nCarried by {source}.\n"
        );
        std::fs::write(dir.join(format!("wire{i}.md")), md).unwrap();
    }
    lib.json(&["import", dir.to_str().unwrap()]);
    lib.json(&["saved", "add", "Aragones", "aragones"]);
    lib
}

fn line<'a>(series: &'a Value, name: &str) -> &'a Value {
    series["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("no line {name} in {series}"))
}

fn listed(lib: &Lib, args: &[&str]) -> usize {
    let mut a = vec!["list", "--limit", "1000"];
    a.extend_from_slice(args);
    lib.json(&a)["items"].as_array().unwrap().len()
}

#[test]
fn coverage_by_source_counts_what_the_list_shows_in_clippings_and_in_stories() {
    let lib = library();
    let s = lib.json(&["coverage", "--by", "source", "--every", "month"]);
    assert_eq!(s["all"]["total"], 8);
    assert_eq!(
        line(&s, "BBC")["total"].as_u64().unwrap() as usize,
        listed(&lib, &["--source", "BBC"])
    );
    // The 2016 row is known only to the year: beside the months, not lost.
    assert_eq!(s["all"]["coarser"], 1);
    let keys: Vec<&str> = s["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["2015-01", "2015-02", "2015-03"]);
    assert_eq!(s["all"]["counts"], serde_json::json!([2, 1, 4]));
    let stories = lib.json(&["coverage", "--by", "source", "--stories"]);
    assert_eq!(stories["stories"], true);
    assert_eq!(
        stories["all"]["total"].as_u64().unwrap() as usize,
        listed(&lib, &["--group-copies"])
    );
    assert_eq!(stories["all"]["total"], 6);
    // The story counts once, for the outlet that had it first.
    assert_eq!(line(&stories, "City Chronicle")["total"], 1);
    assert_eq!(line(&stories, "BBC")["total"], 3);
}

#[test]
fn coverage_by_topic_and_saved_search_and_as_csv() {
    let lib = library();
    let t = lib.json(&["coverage", "--by", "topic", "--every", "year", "--top", "0"]);
    assert_eq!(line(&t, "Politics")["total"], 3);
    let deep = lib.json(&[
        "coverage",
        "--by",
        "topic",
        "--depth",
        "2",
        "--only",
        "politics/local",
        "--no-rest",
    ]);
    assert_eq!(deep["lines"].as_array().unwrap().len(), 1);
    assert_eq!(line(&deep, "Politics/Local")["total"], 1);
    let saved = lib.json(&[
        "coverage",
        "--by",
        "saved",
        "--every",
        "day",
        "--from",
        "2015-03-14",
    ]);
    assert_eq!(
        line(&saved, "Aragones")["counts"],
        serde_json::json!([1, 1, 0, 1])
    );
    let out = lib
        .cmd()
        .args([
            "coverage", "--by", "source", "--every", "month", "--csv", "--top", "2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "period,label,from,to,All,BBC,Reuters,Other");
    assert_eq!(rows[1], "2015-01,Jan 2015,2015-01-01,2015-01-31,2,1,1,0");
    assert_eq!(*rows.last().unwrap(), "total,Total,,,8,4,2,2");
    let text = lib
        .cmd()
        .args(["coverage", "--by", "source"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Mar 2015"), "{text}");
    assert!(text.contains("dated less precisely"), "{text}");
}

#[test]
fn the_spread_names_the_first_outlet_and_the_pickups_delays() {
    let lib = library();
    let sp = lib.json(&["coverage", "--spread"]);
    assert_eq!(sp["carried"], 1);
    assert_eq!(sp["pickups"], 2);
    assert_eq!(sp["median_delay_days"], 2.0);
    assert_eq!(sp["widest"][0]["first"]["source"], "City Chronicle");
    let text = lib.cmd().args(["coverage", "--spread"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("City Chronicle"), "{text}");
    assert!(text.contains("+3d"), "{text}");
    let bad = lib
        .cmd()
        .args(["coverage", "--by", "saved", "--only", "Nope"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Nope"));
}
