//! Every series checked against the list itself: for the same filter, the rows `search`
//! returns, counted one by one into periods, sources, topics and saved searches, must give
//! the series' figures exactly, with undated rows, dates known to the month or the year, the
//! trash and grouped stories among them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::buckets::Placed;
use super::*;
use crate::model::{ClippingDraft, ClippingSummary};
use crate::search::{Scope, Sort};
use crate::store::Library;
use crate::PartialDate;

const WIRE: &str = "Spain's Football Federation has initiated disciplinary action against national coach Luis Aragones over racist comments about Thierry Henry.\n\nIf found guilty Aragones could lose his job or face a fine of about 22,000 pounds. The federation had initially declined to take action against Aragones after comments he made during a national team training session in October. But its president Angel Maria Villar changed his mind after a request by the anti-violence commission.\n\nAragones insisted the comments, made to Arsenal's Jose Antonio Reyes, were meant to motivate the player, and were not intended to be offensive. England's players made a point of wearing anti-racism shirts before their friendly against Spain in Madrid.";

/// Distinct articles, so that only the wire copies group into one story.
const TOPICS: [&str; 8] = [
    "harbour dredging contract awarded to a consortium after a long tender",
    "school meals review announced after a campaign by parents and teachers",
    "rail fares rise above inflation for the third year running",
    "hospital waiting lists fall for the first time in a decade",
    "flood defences approved for the river valley towns",
    "council tax freeze agreed by the city cabinet",
    "library opening hours cut in budget savings",
    "airport expansion plan delayed by planning inquiry",
];

fn draft(i: usize, date: Option<&str>, source: Option<&str>, tags: &[&str]) -> ClippingDraft {
    let topic = TOPICS[i % TOPICS.len()];
    ClippingDraft {
        title: format!("Item {i}: {topic}"),
        body: format!(
            "Item {i} reports that the {topic}. Officials number {i} said more would follow. \
             Residents in ward {} gave their views at a meeting on evening {}.",
            i * 7 + 3,
            i * 13 + 1
        ),
        source: source.map(str::to_string),
        published: date.map(|d| PartialDate::parse_iso(d).unwrap()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

/// A library with rows of every kind: dated to the day, the month and the year, undated,
/// without a source, without a topic, under two topics, in the trash, and one wire story
/// carried by four outlets over three days.
fn library() -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    let dates = [
        Some("2015-01-05"),
        Some("2015-01-05"),
        Some("2015-01-31"),
        Some("2015-02"),
        Some("2015"),
        None,
        Some("2015-03-16"),
        Some("2014-12-29"),
        Some("2015-06-01"),
        Some("2016-02-29"),
    ];
    let sources = [
        Some("BBC"),
        Some("The Guardian"),
        None,
        Some("Reuters"),
        Some("BBC"),
    ];
    let tags: [&[&str]; 6] = [
        &["Politics/Local"],
        &["Politics/National", "Transport"],
        &[],
        &["Transport/Rail"],
        &["Health"],
        &["Politics"],
    ];
    let mut trash = Vec::new();
    for i in 0..40 {
        let d = draft(
            i,
            dates[i % dates.len()],
            sources[i % sources.len()],
            tags[i % tags.len()],
        );
        let id = lib.insert_clipping(&d).unwrap().id();
        if i % 11 == 4 {
            trash.push(id);
        }
    }
    lib.trash(&trash).unwrap();
    for (n, (source, day)) in [
        ("City Chronicle", "2015-03-14"),
        ("BBC", "2015-03-15"),
        ("Reuters", "2015-03-15"),
        ("Evening Courier", "2015-03-17"),
    ]
    .into_iter()
    .enumerate()
    {
        let d = ClippingDraft {
            title: format!("Aragones faces inquiry ({n})"),
            body: format!("{WIRE}\n\nCopy {n} as carried by {source}."),
            source: Some(source.into()),
            published: Some(PartialDate::parse_iso(day).unwrap()),
            tags: vec!["Sport".into()],
            ..Default::default()
        };
        lib.insert_clipping(&d).unwrap();
    }
    lib.save_search("Rail", "rail OR fares").unwrap();
    lib.save_search("Health", "tag:Health").unwrap();
    lib.save_search("Sport", "aragones").unwrap();
    lib
}

fn rows(lib: &Library, f: &Filter) -> Vec<ClippingSummary> {
    lib.search(f, Sort::Date, 0, 10_000, false).unwrap().items
}

/// What the list's rows give, counted one by one: per line name, per period key (or
/// "coarser" / "undated").
type Counted = BTreeMap<String, BTreeMap<String, i64>>;

fn slot(every: Every, row: &ClippingSummary) -> String {
    let stored = row.published.map(|d| d.to_string());
    match every.place(stored.as_deref()) {
        Placed::At(d) => every.bucket(d).key,
        Placed::Coarser => "coarser".into(),
        Placed::Undated => "undated".into(),
    }
}

fn count(out: &mut Counted, line: &str, slot: &str) {
    *out.entry(line.into())
        .or_default()
        .entry(slot.into())
        .or_default() += 1;
}

/// The series' lines in the same shape, with its whole-list line as "All".
fn figures(s: &Series) -> Counted {
    let mut out = Counted::new();
    for line in std::iter::once(&s.all).chain(&s.lines) {
        let m = out.entry(line.name.clone()).or_default();
        for (b, n) in s.buckets.iter().zip(&line.counts) {
            if *n > 0 {
                m.insert(b.key.clone(), *n);
            }
        }
        if line.coarser > 0 {
            m.insert("coarser".into(), line.coarser);
        }
        if line.undated > 0 {
            m.insert("undated".into(), line.undated);
        }
        assert_eq!(line.total, m.values().sum::<i64>(), "{}", line.name);
    }
    out.retain(|_, m| !m.is_empty());
    out
}

/// The filters every series is checked under.
fn filters() -> Vec<Filter> {
    let mut out = Vec::new();
    for group_copies in [false, true] {
        for scope in [Scope::Live, Scope::Trash] {
            for text in [
                "",
                "item OR aragones",
                "source:BBC",
                "from:2015-01 to:2015-11",
            ] {
                out.push(Filter {
                    text: text.into(),
                    scope,
                    group_copies,
                    ..Filter::default()
                });
            }
        }
    }
    out.push(Filter {
        from: Some(PartialDate::parse_iso("2015-01").unwrap()),
        to: Some(PartialDate::parse_iso("2015-03").unwrap()),
        include_undated: true,
        ..Filter::default()
    });
    out
}

const EVERY: [Every; 4] = [Every::Day, Every::Week, Every::Month, Every::Year];

fn ask(filter: &Filter, every: Every, by: Split) -> CoverageAsk {
    CoverageAsk {
        filter: filter.clone(),
        every,
        by,
        top: 0,
        ..CoverageAsk::default()
    }
}

#[test]
fn the_whole_list_and_its_sources_are_the_lists_rows_counted_one_by_one() {
    let lib = library();
    for f in filters() {
        let listed = rows(&lib, &f);
        for every in EVERY {
            let s = lib.coverage(&ask(&f, every, Split::Source)).unwrap();
            let mut want = Counted::new();
            for r in &listed {
                let at = slot(every, r);
                count(&mut want, "All", &at);
                count(&mut want, r.source.as_deref().unwrap_or("No source"), &at);
            }
            assert_eq!(figures(&s), want, "{f:?} {every:?}");
            assert_eq!(s.all.total, listed.len() as i64);
            assert!(s.adds_up);
            assert_eq!(s.stories, f.group_copies);
        }
    }
}

#[test]
fn topics_at_each_depth_count_a_row_once_in_each_of_its_topics() {
    let lib = library();
    for f in filters() {
        let listed = rows(&lib, &f);
        for depth in [1, 2] {
            let s = lib
                .coverage(&CoverageAsk {
                    depth,
                    ..ask(&f, Every::Month, Split::Topic)
                })
                .unwrap();
            let mut want = Counted::new();
            for r in &listed {
                let at = slot(Every::Month, r);
                count(&mut want, "All", &at);
                let lines: BTreeSet<String> = r
                    .tags
                    .iter()
                    .map(|t| {
                        t.split('/')
                            .take(depth as usize)
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .collect();
                for l in &lines {
                    count(&mut want, l, &at);
                }
                if lines.is_empty() {
                    count(&mut want, "No topic", &at);
                }
            }
            assert_eq!(figures(&s), want, "{f:?} depth {depth}");
        }
    }
}

#[test]
fn topics_not_shown_make_one_other_line_counting_each_row_once() {
    let lib = library();
    let f = Filter::default();
    let s = lib
        .coverage(&CoverageAsk {
            top: 2,
            ..ask(&f, Every::Year, Split::Topic)
        })
        .unwrap();
    let shown: Vec<&str> = s.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert_eq!(&shown[2..], ["Other", "No topic"]);
    let mut other = 0;
    for r in rows(&lib, &f) {
        if r.tags
            .iter()
            .any(|t| !shown[..2].contains(&t.split('/').next().unwrap()))
        {
            other += 1;
        }
    }
    assert_eq!(s.lines[2].total, other);
    // The largest lines lead: "Politics" carries the most rows.
    assert_eq!(shown[0], "Politics");
}

#[test]
fn chosen_sources_and_topics_are_the_lines_in_the_order_asked_with_the_rest_beside() {
    let lib = library();
    let f = Filter::default();
    let listed = rows(&lib, &f);
    let s = lib
        .coverage(&CoverageAsk {
            only: vec!["Reuters".into(), "bbc".into()],
            ..ask(&f, Every::Month, Split::Source)
        })
        .unwrap();
    let names: Vec<&str> = s.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Reuters", "bbc", "Other", "No source"]);
    let bbc = listed
        .iter()
        .filter(|r| r.source.as_deref() == Some("BBC"))
        .count();
    assert_eq!(s.lines[1].total, bbc as i64);
    for i in 0..s.buckets.len() {
        let share: f64 = s.lines.iter().map(|l| l.share[i]).sum();
        let any = s.lines.iter().any(|l| l.counts[i] > 0);
        assert!(
            !any || (share - 1.0).abs() < 1e-9,
            "shares in {}",
            s.buckets[i].key
        );
    }
    let t = lib
        .coverage(&CoverageAsk {
            only: vec!["Transport".into(), "politics/local".into()],
            rest: false,
            ..ask(&f, Every::Year, Split::Topic)
        })
        .unwrap();
    let transport = listed
        .iter()
        .filter(|r| r.tags.iter().any(|t| t.starts_with("Transport")))
        .count();
    assert_eq!(t.lines.len(), 2);
    assert_eq!(t.lines[0].total, transport as i64);
    assert_eq!(t.lines[1].name, "Politics/Local");
    assert!(!t.adds_up);
}

#[test]
fn saved_search_lines_are_the_list_narrowed_by_each_saved_search() {
    let lib = library();
    for f in filters() {
        let s = lib.coverage(&ask(&f, Every::Week, Split::Saved)).unwrap();
        let mut want = Counted::new();
        for r in rows(&lib, &f) {
            count(&mut want, "All", &slot(Every::Week, &r));
        }
        let mut got = figures(&s);
        for saved in lib.saved_searches().unwrap() {
            // The list narrowed: the rows matching both, or, when copies are grouped, the
            // saved search's words typed after the filter's (the language has no brackets,
            // so filters with OR on both sides are checked ungrouped alone).
            let narrowed = if f.group_copies {
                if f.text.contains(" OR ") && saved.query.contains(" OR ") {
                    got.remove(&saved.name);
                    continue;
                }
                rows(
                    &lib,
                    &Filter {
                        text: format!("{} {}", f.text, saved.query),
                        ..f.clone()
                    },
                )
            } else {
                let other: BTreeSet<i64> = rows(
                    &lib,
                    &Filter {
                        text: saved.query.clone(),
                        ..f.clone()
                    },
                )
                .iter()
                .map(|r| r.id)
                .collect();
                rows(&lib, &f)
                    .into_iter()
                    .filter(|r| other.contains(&r.id))
                    .collect()
            };
            for r in narrowed {
                count(&mut want, &saved.name, &slot(Every::Week, &r));
            }
        }
        assert_eq!(got, want, "{f:?}");
        assert!(!s.adds_up);
    }
}

#[test]
fn grouped_copies_count_the_wire_story_once_at_its_first_copy() {
    let lib = library();
    let grouped = Filter {
        text: "aragones".into(),
        group_copies: true,
        ..Filter::default()
    };
    let s = lib
        .coverage(&ask(&grouped, Every::Day, Split::Source))
        .unwrap();
    assert_eq!(s.all.total, 1);
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].name, "City Chronicle");
    // Every day from the first to the last, gaps filled.
    assert_eq!(s.buckets.len(), 1);
    let each = lib
        .coverage(&ask(
            &Filter {
                group_copies: false,
                ..grouped.clone()
            },
            Every::Day,
            Split::None,
        ))
        .unwrap();
    assert_eq!(each.all.total, 4);
    let keys: Vec<&str> = each.buckets.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(
        keys,
        ["2015-03-14", "2015-03-15", "2015-03-16", "2015-03-17"]
    );
    assert_eq!(each.all.counts, [1, 2, 0, 1]);
}

#[test]
fn a_date_range_sets_the_periods_and_gaps_are_filled() {
    let lib = library();
    let f = Filter {
        text: "from:2014-06 to:2016-06".into(),
        ..Filter::default()
    };
    let s = lib.coverage(&ask(&f, Every::Month, Split::None)).unwrap();
    assert_eq!(s.buckets.first().unwrap().key, "2014-06");
    assert_eq!(s.buckets.last().unwrap().key, "2016-06");
    assert_eq!(s.buckets.len(), 25);
    let b = &s.buckets[20];
    assert_eq!(
        (b.from.as_str(), b.to.as_str()),
        ("2016-02-01", "2016-02-29")
    );
    assert!(NaiveDate::parse_from_str(&b.to, "%Y-%m-%d").is_ok());
}

#[test]
fn the_spread_names_who_carried_each_story_first_and_how_long_pickups_took() {
    let lib = library();
    let sp = lib.spread(&Filter::default(), 5).unwrap();
    assert_eq!(sp.carried, 1);
    assert_eq!(sp.pickups, 3);
    assert_eq!(sp.same_day, 0);
    // Pickups one, one and three days after the first copy.
    assert_eq!(sp.median_delay_days, Some(1.0));
    let w = &sp.widest[0];
    assert_eq!(w.first.source.as_deref(), Some("City Chronicle"));
    assert_eq!(w.outlets, 4);
    assert_eq!(w.span_days, Some(3));
    assert_eq!(sp.outlets[0].name, "City Chronicle");
    assert_eq!(sp.outlets[0].first, 1);
    let bbc = sp.outlets.iter().find(|o| o.name == "BBC").unwrap();
    assert_eq!(
        (bbc.first, bbc.pickups, bbc.median_delay_days),
        (0, 1, Some(1.0))
    );
    // Live stories the list shows: every live clipping but the three pickups.
    let live = rows(
        &lib,
        &Filter {
            group_copies: true,
            ..Filter::default()
        },
    )
    .len() as i64;
    assert_eq!(sp.stories, live);
}
