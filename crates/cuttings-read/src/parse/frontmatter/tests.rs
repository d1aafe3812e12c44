use super::*;

fn parse(text: &str) -> ClippingDraft {
    parse_front_matter(text)
        .expect("valid front matter")
        .expect("front matter present")
}

fn err(text: &str) -> Error {
    parse_front_matter(text).expect_err("an error")
}

#[test]
fn text_without_front_matter_is_not_claimed() {
    assert!(parse_front_matter("Headline\n\nBody.").unwrap().is_none());
    assert!(parse_front_matter("---\ntitle: never closed\n\nBody.")
        .unwrap()
        .is_none());
    assert!(parse_front_matter("Intro\n---\ntitle: x\n---\n")
        .unwrap()
        .is_none());
}

#[test]
fn every_key_is_read() {
    let d = parse(
        "---\n\
         title: Lavrov stresses commitment\n\
         standfirst: Talks in Moscow\n\
         source: SANA\n\
         date: 2015-04-07\n\
         authors: [Manar al-Frieh, Haifa Said]\n\
         place: Moscow\n\
         url: https://sana.sy/en/?p=1\n\
         language: en\n\
         section: Politics\n\
         page: 12\n\
         status: filed\n\
         starred: true\n\
         tags: [Syria/Diplomacy, Russia]\n\
         notes: [First note]\n\
         captured_at: 2015-04-08T09:30:00+02:00\n\
         ---\n\
         \n\
         Russian Foreign Minister said.\n",
    );
    assert_eq!(d.title, "Lavrov stresses commitment");
    assert_eq!(d.standfirst.as_deref(), Some("Talks in Moscow"));
    assert_eq!(d.source.as_deref(), Some("SANA"));
    assert_eq!(d.published.unwrap().to_string(), "2015-04-07");
    assert_eq!(d.date_origin, Some(DateOrigin::Metadata));
    assert_eq!(d.authors, ["Manar al-Frieh", "Haifa Said"]);
    assert_eq!(d.place.as_deref(), Some("Moscow"));
    assert_eq!(d.url.as_deref(), Some("https://sana.sy/en/?p=1"));
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.section.as_deref(), Some("Politics"));
    assert_eq!(d.page.as_deref(), Some("12"));
    assert_eq!(d.status, Status::Filed);
    assert!(d.starred);
    assert_eq!(d.tags, ["Syria/Diplomacy", "Russia"]);
    assert_eq!(d.notes, ["First note"]);
    assert_eq!(
        d.captured_at.unwrap().to_rfc3339(),
        "2015-04-08T07:30:00+00:00"
    );
    assert_eq!(d.body, "Russian Foreign Minister said.");
}

#[test]
fn other_names_for_keys_are_understood() {
    let d = parse(
        "---\ndescription: A summary\npublication: The Guardian\nlang: fr\n\
         author: Jane Smith and Omar Haddad; Li Wei\ntags: a, b ,c\nnotes: One note\n---\nText\n",
    );
    assert_eq!(d.standfirst.as_deref(), Some("A summary"));
    assert_eq!(d.source.as_deref(), Some("The Guardian"));
    assert_eq!(d.language.as_deref(), Some("fr"));
    assert_eq!(d.authors, ["Jane Smith", "Omar Haddad", "Li Wei"]);
    assert_eq!(d.tags, ["a", "b", "c"]);
    assert_eq!(d.notes, ["One note"]);
    let d = parse("---\noutlet: AP\nsubtitle: S\n---\nText\n");
    assert_eq!(d.source.as_deref(), Some("AP"));
    assert_eq!(d.standfirst.as_deref(), Some("S"));
    let d = parse("---\nsite: example.org\n---\nText\n");
    assert_eq!(d.source.as_deref(), Some("example.org"));
}

#[test]
fn unknown_keys_are_ignored() {
    let d = parse("---\ntitle: T\nlayout: post\nweight: 3\n---\nText\n");
    assert_eq!(d.title, "T");
}

#[test]
fn dates_are_read_at_every_precision_and_as_timestamps() {
    for (yaml, want) in [
        ("date: 2015", "2015"),
        ("date: '2015'", "2015"),
        ("date: 2015-04", "2015-04"),
        ("date: 2015-04-07", "2015-04-07"),
        ("date: \"2015-04-07\"", "2015-04-07"),
        ("date: 2015-04-07T10:00:00Z", "2015-04-07"),
        ("date: 2015-04-07 10:00:00", "2015-04-07"),
        ("date: !!timestamp 2015-04-07", "2015-04-07"),
    ] {
        let d = parse(&format!("---\n{yaml}\n---\nText\n"));
        assert_eq!(d.published.unwrap().to_string(), want, "{yaml}");
    }
}

#[test]
fn a_coarser_date_precision_truncates_the_date() {
    let date = |p: &str| {
        parse(&format!(
            "---\ndate: 2015-04-07\ndate_precision: {p}\n---\nText\n"
        ))
        .published
        .map(|d| d.to_string())
    };
    assert_eq!(date("day").as_deref(), Some("2015-04-07"));
    assert_eq!(date("month").as_deref(), Some("2015-04"));
    assert_eq!(date("year").as_deref(), Some("2015"));
    assert_eq!(date("unknown"), None);
    let d = parse("---\ndate: 2015\ndate_precision: day\n---\nText\n");
    assert_eq!(d.published.unwrap().to_string(), "2015");
}

#[test]
fn no_date_means_no_date_origin() {
    let d = parse("---\ntitle: T\n---\nText\n");
    assert_eq!(d.published, None);
    assert_eq!(d.date_origin, None);
}

#[test]
fn a_leading_heading_becomes_the_title_when_there_is_none() {
    let d = parse("---\nsource: AP\n---\n\n# The Headline\n\nFirst.\n\n\n\nSecond.\n");
    assert_eq!(d.title, "The Headline");
    assert_eq!(d.body, "First.\n\nSecond.");
}

#[test]
fn a_heading_repeating_the_title_is_dropped_and_a_different_one_kept() {
    let d = parse("---\ntitle: Same\n---\n# Same\n\nText.\n");
    assert_eq!(d.body, "Text.");
    let d = parse("---\ntitle: Title\n---\n# Other\n\nText.\n");
    assert_eq!(d.title, "Title");
    assert_eq!(d.body, "# Other\n\nText.");
}

#[test]
fn single_line_breaks_in_the_body_are_kept() {
    let d = parse("---\ntitle: T\n---\n- one\n- two\n\nAfter.\n");
    assert_eq!(d.body, "- one\n- two\n\nAfter.");
}

#[test]
fn invalid_yaml_is_refused_with_the_line_in_the_file() {
    let e = err("---\ntitle: ok\nsource: [unclosed\n---\nText\n");
    let msg = e.to_string();
    assert_eq!(e.kind(), "invalid");
    assert!(msg.starts_with("front matter: "), "{msg}");
    assert!(msg.contains("line 3") || msg.contains("line 4"), "{msg}");

    let msg = err("---\ntitle: a: b\n---\nText\n").to_string();
    assert!(msg.contains("line 2"), "{msg}");
}

#[test]
fn front_matter_that_is_not_keys_and_values_is_refused() {
    let msg = err("---\n- a\n- b\n---\nText\n").to_string();
    assert!(msg.contains("expected `key: value` lines"), "{msg}");
}

#[test]
fn bad_values_are_refused_naming_the_field() {
    for (yaml, field) in [
        ("date: April 2015", "date"),
        ("date: 2015-02-30", "date"),
        ("date: [2015]", "date"),
        ("date_precision: week", "date_precision"),
        ("date: 2015\ndate_precision: week", "date_precision"),
        ("status: done", "status"),
        ("starred: maybe", "starred"),
        ("captured_at: yesterday", "captured_at"),
        ("title: [a, b]", "title"),
    ] {
        let msg = err(&format!("---\n{yaml}\n---\nText\n")).to_string();
        assert!(msg.starts_with(&format!("{field}: ")), "{yaml} -> {msg}");
    }
}

fn full_draft() -> ClippingDraft {
    ClippingDraft {
        title: "«Лавров»: \"talks\" in دمشق — café".to_owned(),
        standfirst: Some("Un résumé: avec des « guillemets »".to_owned()),
        body: "Первый абзац.\n\nالفقرة الثانية: نص.\n\n- a list\n- of items".to_owned(),
        url: Some("https://example.org/a?b=c#d".to_owned()),
        source: Some("SANA: Syrian Arab News Agency".to_owned()),
        authors: vec!["Manar al-Frieh".to_owned(), "José O'Brien".to_owned()],
        published: Some(PartialDate::month(2015, 4).unwrap()),
        date_origin: Some(DateOrigin::Metadata),
        modified: Some(PartialDate::day(2015, 4, 9).unwrap()),
        place: Some("Damascus".to_owned()),
        language: Some("no".to_owned()),
        section: Some("World: Middle East".to_owned()),
        page: Some("12".to_owned()),
        status: Status::Archived,
        starred: true,
        tags: vec![
            "Syria/Diplomacy".to_owned(),
            "true".to_owned(),
            "1, 2".to_owned(),
        ],
        notes: vec![
            "A note: with a colon".to_owned(),
            "Line one\nLine two — «quoted»\n\n# not a heading".to_owned(),
        ],
        captured_at: Some("2015-04-08T09:30:00.250Z".parse().unwrap()),
        ..ClippingDraft::default()
    }
}

#[test]
fn written_front_matter_reads_back_to_the_same_fields() {
    let draft = full_draft();
    let written = write_front_matter(&draft);
    let mut back = parse(&written);
    assert_eq!(back.raw.take().as_deref(), Some(written.as_str()));
    assert_eq!(back, draft, "{written}");
}

#[test]
fn written_front_matter_reads_back_at_every_date_precision() {
    for date in ["2015", "2015-04", "2015-04-07"] {
        let draft = ClippingDraft {
            title: "T".to_owned(),
            body: "B".to_owned(),
            published: Some(date.parse().unwrap()),
            date_origin: Some(DateOrigin::Metadata),
            ..ClippingDraft::default()
        };
        let mut back = parse(&write_front_matter(&draft));
        back.raw = None;
        assert_eq!(back, draft);
    }
}

#[test]
fn written_keys_come_in_a_fixed_order_and_empty_ones_are_left_out() {
    let written = write_front_matter(&full_draft());
    let keys: Vec<&str> = written
        .lines()
        .skip(1)
        .take_while(|l| *l != "---")
        .filter(|l| !l.starts_with([' ', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .collect();
    assert_eq!(
        keys,
        [
            "title",
            "standfirst",
            "source",
            "date",
            "date_precision",
            "modified",
            "authors",
            "place",
            "url",
            "language",
            "section",
            "page",
            "status",
            "starred",
            "tags",
            "notes",
            "captured_at"
        ]
    );
    let sparse = write_front_matter(&ClippingDraft {
        title: "Only".to_owned(),
        body: "Text.".to_owned(),
        ..ClippingDraft::default()
    });
    assert_eq!(sparse, "---\ntitle: Only\nstatus: inbox\n---\n\nText.\n");
}
