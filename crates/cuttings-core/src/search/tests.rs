//! Searches, counts and timelines over the filters a list can ask for.

use crate::search::{Filter, Match, Scope, Sort};
use crate::store::tests::{draft, ids, sana, text};
use crate::store::Library;
use crate::PartialDate;

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
fn pages_read_one_after_another_give_the_whole_list_in_every_order() {
    let mut lib = Library::open_in_memory().unwrap();
    for i in 0..23 {
        let mut d = draft(&format!("Clipping {}", (i * 7) % 23), &format!("Body {i}"));
        d.source = Some(format!("Source {}", i % 4));
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
        d.source = Some(outlets[i % 3].into());
        d.published = dates[i % 6].map(|s| PartialDate::parse_iso(s).unwrap());
        let id = lib.insert_clipping(&d).unwrap().id();
        if i % 5 != 4 {
            lib.tag_clippings(&[id], tags[i % 4]).unwrap();
        }
        all.push(id);
    }
    lib.add_source_alias("Reuters", "Thomson Reuters").unwrap();
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

#[test]
fn tags_joined_by_or_and_a_saved_any_of_filter_find_any_of_the_topics() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut tagged = |title: &str, tags: &[&str]| {
        let mut d = draft(title, "Grain shipments resumed from the port.");
        d.tags = tags.iter().map(|t| t.to_string()).collect();
        lib.insert_clipping(&d).unwrap().id()
    };
    let a = tagged("One", &["Syria/Aid"]);
    let b = tagged("Two", &["Iraq"]);
    let both = tagged("Three", &["Syria", "Iraq"]);
    tagged("Four", &["Trade"]);
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    // With and without words: the index decides alone with words, the tag lists without.
    for words in ["", "grain "] {
        let any = sorted(ids(&lib, &text(&format!("{words}tag:Syria OR tag:Iraq"))));
        assert_eq!(any, vec![a, b, both], "{words:?}");
        let all = ids(&lib, &text(&format!("{words}tag:Syria tag:Iraq")));
        assert_eq!(all, vec![both], "{words:?}");
        // The window's "any of" filter, saved as a query, finds what the window showed.
        let window = Filter {
            tags: vec!["Syria".into(), "Iraq".into()],
            tag_match: Match::Any,
            ..text(words.trim())
        };
        let saved = text(&crate::search::filter_to_query(&window));
        assert_eq!(sorted(ids(&lib, &window)), any, "{words:?}");
        assert_eq!(sorted(ids(&lib, &saved)), any, "{words:?}");
        assert_eq!(lib.count(&saved).unwrap(), 3);
    }
}
