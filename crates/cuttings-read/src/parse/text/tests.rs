use super::*;
use crate::decode::decode_text;

const SEED: &str = include_str!("../../../../../seeds/000_73811806d1c1e07a.txt");

#[test]
fn the_seed_clipping_is_read_field_by_field() {
    let d = parse_plain_text(SEED);
    assert_eq!(
        d.title,
        "Lavrov stresses commitment to make inter-Syrian dialogue succeed"
    );
    assert_eq!(d.place.as_deref(), Some("Moscow"));
    assert_eq!(d.source.as_deref(), Some("SANA"));
    assert_eq!(d.authors, ["Manar al-Frieh", "Haifa Said"]);
    assert_eq!(d.published, None);
    assert_eq!(d.date_origin, None);
    assert_eq!(d.standfirst, None);
    assert_eq!(d.raw.as_deref(), Some(SEED));
    assert!(
        d.body
            .starts_with("Russian Foreign Minister Sergei Lavrov said"),
        "{}",
        &d.body[..80]
    );
    assert!(d.body.ends_with("double standards."), "{}", d.body);
    for absent in ["Check Also", "Deir al-Balah", "Haifa Said", "SANA"] {
        assert!(!d.body.contains(absent), "body still has {absent:?}");
    }
    assert!(!d.body.contains("\n\n\n"));
    assert!(d.body.split("\n\n").all(|p| !p.contains('\n')));
}

#[test]
fn the_seed_paragraphs_joined_by_a_single_newline_are_kept_apart() {
    let d = parse_plain_text(SEED);
    let paragraphs: Vec<&str> = d.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 17);
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("Lavrov referred to the “fight-freezing”")));
}

#[test]
fn a_reuters_story_gives_place_outlet_and_a_clean_body() {
    let d = parse_plain_text(
        "Oil falls on supply fears\n\nLONDON (Reuters) - Oil prices fell on Monday.\n\nTraders said more.\n",
    );
    assert_eq!(d.title, "Oil falls on supply fears");
    assert_eq!(d.place.as_deref(), Some("London"));
    assert_eq!(d.source.as_deref(), Some("Reuters"));
    assert_eq!(d.published, None);
    assert_eq!(d.body, "Oil prices fell on Monday.\n\nTraders said more.");
}

#[test]
fn a_dated_ap_dateline_sets_a_parsed_date() {
    let d = parse_plain_text(
        "Stocks rally\n\nNEW YORK, March 2, 2015 (AP) — Stocks rose sharply on Monday.\n",
    );
    assert_eq!(d.place.as_deref(), Some("New York"));
    assert_eq!(d.source.as_deref(), Some("AP"));
    assert_eq!(d.published.unwrap().to_string(), "2015-03-02");
    assert_eq!(d.date_origin, Some(DateOrigin::Parsed));
    assert_eq!(d.body, "Stocks rose sharply on Monday.");
}

#[test]
fn a_dateline_without_a_year_sets_no_date() {
    let d = parse_plain_text("Stocks rally\n\nNEW YORK, March 2 (AP) — Stocks rose.\n");
    assert_eq!(d.place.as_deref(), Some("New York"));
    assert_eq!(d.published, None);
    assert_eq!(d.date_origin, None);
}

#[test]
fn an_agency_dateline_with_a_month_sets_a_month_date() {
    let d = parse_plain_text("Talks resume\n\nDamascus, April 2015, SANA – Talks resumed.\n");
    assert_eq!(d.published.unwrap().to_string(), "2015-04");
    assert_eq!(d.date_origin, Some(DateOrigin::Parsed));
    assert_eq!(d.body, "Talks resumed.");
}

#[test]
fn a_by_line_under_the_headline_gives_the_authors() {
    let d = parse_plain_text(
        "Oil falls\nBy Jane Smith and Omar Haddad\n\nLONDON (Reuters) - Oil fell.\n",
    );
    assert_eq!(d.authors, ["Jane Smith", "Omar Haddad"]);
    assert_eq!(d.source.as_deref(), Some("Reuters"));
    assert_eq!(d.body, "Oil fell.");
}

#[test]
fn a_by_line_at_the_end_gives_the_authors() {
    let d = parse_plain_text(
        "Oil falls\n\nOil fell on Monday.\n\nBy Jane Smith, Omar Haddad and Li Wei, Reuters\n",
    );
    assert_eq!(d.authors, ["Jane Smith", "Omar Haddad", "Li Wei"]);
    assert_eq!(d.body, "Oil fell on Monday.");
}

#[test]
fn a_standfirst_between_headline_and_dateline_is_recognised() {
    let d = parse_plain_text(
        "Oil falls\n\nPrices drop for a third day as supply fears grow\n\nLONDON (Reuters) - Oil fell.\n",
    );
    assert_eq!(
        d.standfirst.as_deref(),
        Some("Prices drop for a third day as supply fears grow")
    );
    assert_eq!(d.body, "Oil fell.");
}

#[test]
fn a_first_paragraph_without_a_dateline_after_it_is_not_a_standfirst() {
    let d = parse_plain_text("Oil falls\n\nPrices dropped again.\n\nTraders were worried.\n");
    assert_eq!(d.standfirst, None);
    assert_eq!(d.body, "Prices dropped again.\n\nTraders were worried.");
}

#[test]
fn text_without_a_dateline_sets_no_place_or_outlet() {
    let d = parse_plain_text("A quiet day\n\nNothing happened in London today.\n");
    assert_eq!(d.place, None);
    assert_eq!(d.source, None);
    assert_eq!(d.published, None);
    assert_eq!(d.body, "Nothing happened in London today.");
}

#[test]
fn a_wire_dateline_later_in_the_story_is_left_alone() {
    let text = "Markets\n\nShares rose.\n\nLONDON (Reuters) - Oil fell.\n";
    let d = parse_plain_text(text);
    assert_eq!(d.place, None);
    assert_eq!(d.source, None);
    assert_eq!(d.body, "Shares rose.\n\nLONDON (Reuters) - Oil fell.");
}

#[test]
fn a_closing_sentence_that_looks_like_names_is_not_a_byline() {
    let d = parse_plain_text(
        "Cup final\n\nThe match ended in a draw.\n\nManchester United and Chelsea meet again\n",
    );
    assert!(d.authors.is_empty(), "{:?}", d.authors);
    assert!(d.body.ends_with("Chelsea meet again"));
}

#[test]
fn trailers_only_count_after_some_article_text() {
    let d = parse_plain_text("Headline\n\nRelated\n\nThe story itself.\n\nRead more:\n\nTeaser\n");
    assert_eq!(d.body, "Related\n\nThe story itself.");
}

#[test]
fn a_trailer_phrase_inside_a_line_is_not_a_trailer() {
    let d = parse_plain_text("Headline\n\nPlease check also the appendix.\n\nMore text.\n");
    assert_eq!(d.body, "Please check also the appendix.\n\nMore text.");
}

#[test]
fn hard_wrapped_lines_are_joined_into_one_paragraph() {
    let d = parse_plain_text(
        "Headline\n\nThis paragraph was wrapped by an email client\nat a fixed width. It goes\non for a while.\n\nNext one.\n",
    );
    assert_eq!(
        d.body,
        "This paragraph was wrapped by an email client at a fixed width. It goes on for a while.\n\nNext one."
    );
}

#[test]
fn leading_blank_lines_and_surrounding_spaces_are_ignored() {
    let d = parse_plain_text("\n\n   Headline here  \n\n   Body text.  \n");
    assert_eq!(d.title, "Headline here");
    assert_eq!(d.body, "Body text.");
}

#[test]
fn a_single_paragraph_is_body_not_headline() {
    let d = parse_plain_text("Just one paragraph of text.\n");
    assert_eq!(d.title, "");
    assert_eq!(d.body, "Just one paragraph of text.");
}

#[test]
fn a_story_that_opens_with_its_dateline_has_no_headline() {
    let d = parse_plain_text("LONDON (Reuters) - Oil fell on Monday.\n\nTraders said more.\n");
    assert_eq!(d.title, "");
    assert_eq!(d.place.as_deref(), Some("London"));
    assert_eq!(d.body, "Oil fell on Monday.\n\nTraders said more.");
}

#[test]
fn a_first_line_too_long_for_a_headline_is_body_text() {
    let long = "Word ".repeat(60);
    let d = parse_plain_text(&format!("{long}\n\nSecond paragraph.\n"));
    assert_eq!(d.title, "");
    assert!(d.body.ends_with("\n\nSecond paragraph."));
}

/// The BBC news corpus, when the machine has it: titles on line 1, no datelines or bylines.
#[test]
fn the_bbc_corpus_parses_to_its_titles_without_false_datelines_or_bylines() {
    let root = std::env::var("CUTTINGS_BBC_CORPUS")
        .unwrap_or_else(|_| "/work/shared/corpora/bbc".to_owned());
    let Ok(categories) = std::fs::read_dir(&root) else {
        return;
    };
    let mut files = 0;
    let mut flagged = Vec::new();
    for category in categories.flatten() {
        let Ok(entries) = std::fs::read_dir(category.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = decode_text(&bytes, &path).unwrap();
            let d = parse_plain_text(&text);
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
            assert_eq!(d.title, first, "{}", path.display());
            assert!(!d.body.is_empty(), "{}", path.display());
            assert!(!d.body.contains("\n\n\n"), "{}", path.display());
            if d.source.is_some()
                || !d.authors.is_empty()
                || d.place.is_some()
                || d.published.is_some()
                || d.standfirst.is_some()
            {
                flagged.push(format!(
                    "{}: outlet {:?} place {:?} authors {:?} date {:?} standfirst {:?}",
                    path.display(),
                    d.source,
                    d.place,
                    d.authors,
                    d.published,
                    d.standfirst
                ));
            }
            files += 1;
        }
    }
    assert!(files > 0, "no files read from {root}");
    println!(
        "BBC corpus: {files} files, {} with a dateline, byline or date",
        flagged.len()
    );
    for f in &flagged {
        println!("{f}");
    }
    assert!(flagged.is_empty(), "{} of {files} flagged", flagged.len());
}
