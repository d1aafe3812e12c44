use super::*;

fn meta(html: &str, url: Option<&str>) -> PageMeta {
    read_meta(&Document::from(html), url)
}

#[test]
fn json_ld_gives_headline_authors_dates_and_publisher() {
    let m = meta(
        r#"<html lang="en-GB"><head><title>Oil falls | Daily Planet</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Daily Planet"},
          {"@type":"NewsArticle","headline":"Oil falls on Gulf supply","datePublished":"2019-01-03T07:00:02Z",
           "dateModified":"2019-01-04","author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
           "publisher":{"@type":"Organization","name":"Daily Planet"},"image":{"url":"/img/oil.jpg"}}]}
        </script></head><body></body></html>"#,
        Some("https://dailyplanet.example/news/oil"),
    );
    assert_eq!(m.title.as_deref(), Some("Oil falls on Gulf supply"));
    assert_eq!(m.authors, ["Lois Lane", "Clark Kent"]);
    assert_eq!(m.published.unwrap().to_string(), "2019-01-03");
    assert_eq!(m.date_origin, Some(DateOrigin::Metadata));
    assert_eq!(m.date_source.as_deref(), Some("json-ld"));
    assert_eq!(m.modified.unwrap().to_string(), "2019-01-04");
    assert_eq!(m.site_name.as_deref(), Some("Daily Planet"));
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(
        m.image.as_deref(),
        Some("https://dailyplanet.example/img/oil.jpg")
    );
}

#[test]
fn html_entities_in_json_ld_are_decoded() {
    let m = meta(
        r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Oil &amp; gas &#8211; a &quot;test&quot;"}</script>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Oil & gas – a \"test\""));
}

#[test]
fn opengraph_and_article_meta_are_read() {
    let m = meta(
        r#"<head><meta property="og:title" content="Talks resume in Geneva - The Courier">
        <meta property="og:site_name" content="The Courier">
        <meta property="article:published_time" content="2020-05-06T10:00:00+02:00">
        <meta name="author" content="By Ann Smith and Bo Li">
        <meta name="description" content="Delegations met again.">
        <link rel="canonical" href="/world/talks"></head>"#,
        Some("https://courier.example/world/talks?utm_source=x"),
    );
    assert_eq!(m.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(m.authors, ["Ann Smith", "Bo Li"]);
    assert_eq!(m.published.unwrap().to_string(), "2020-05-06");
    assert_eq!(
        m.date_source.as_deref(),
        Some("meta:article:published_time")
    );
    assert_eq!(
        m.canonical.as_deref(),
        Some("https://courier.example/world/talks")
    );
    assert_eq!(m.description.as_deref(), Some("Delegations met again."));
}

#[test]
fn a_date_only_in_the_address_is_read_from_it() {
    let m = meta(
        "<title>x</title>",
        Some("https://ex.example/2021/03/09/story-slug/"),
    );
    assert_eq!(m.published.unwrap().to_string(), "2021-03-09");
    assert_eq!(m.date_origin, Some(DateOrigin::Parsed));
    assert_eq!(m.date_source.as_deref(), Some("url"));
    assert_eq!(
        date_in_url("https://www.20minutes.fr/sport/4002755-20220928-tarn-lapins")
            .unwrap()
            .to_string(),
        "2022-09-28"
    );
    assert_eq!(
        date_in_url("https://ex.example/2021/03/story")
            .unwrap()
            .to_string(),
        "2021-03"
    );
    assert_eq!(date_in_url("https://ex.example/id/12345678901"), None);
}

#[test]
fn a_time_element_dates_a_page_without_meta() {
    let m = meta(
        r#"<article><time datetime="2018-11-30">30 Nov</time></article>"#,
        None,
    );
    assert_eq!(m.published.unwrap().to_string(), "2018-11-30");
    assert_eq!(m.date_source.as_deref(), Some("time"));
}

#[test]
fn site_suffixes_and_prefixes_leave_the_headline() {
    let t = |s, site| clean_title(s, site, Some("https://www.bbc.co.uk/news/x"));
    assert_eq!(t("Oil falls - BBC News", None), "Oil falls");
    assert_eq!(
        t("Oil falls | The Courier", Some("The Courier")),
        "Oil falls"
    );
    assert_eq!(
        t("The Courier: Oil falls", Some("The Courier")),
        "The Courier: Oil falls"
    );
    assert_eq!(
        t("Courier — Oil falls again", Some("Courier")),
        "Oil falls again"
    );
    assert_eq!(
        t("Left - right divide deepens", None),
        "Left - right divide deepens"
    );
}

#[test]
fn a_site_name_inside_a_headline_is_not_taken_for_the_site() {
    let t = "How we designed Dropbox’s ATF - an async task framework";
    assert_eq!(clean_title(t, Some("Dropbox"), None), t);
    assert_eq!(
        clean_title(
            "Oil falls | Washington Post",
            Some("The Washington Post"),
            None
        ),
        "Oil falls"
    );
    assert_eq!(
        clean_title("Oil falls - BBC News", Some("BBC"), None),
        "Oil falls"
    );
    // The address's name starts a headline without being the site.
    let apple = "Apple unveils a phone - Specs and prices";
    assert_eq!(
        clean_title(apple, None, Some("https://www.apple.com/x")),
        apple
    );
    assert_eq!(
        clean_title(
            "Apple Newsroom - Specs and prices",
            None,
            Some("https://www.apple.com/x")
        ),
        "Specs and prices"
    );
}

#[test]
fn a_site_name_with_a_tagline_is_known_by_its_first_part() {
    let m = meta(
        r#"<title>Space ship breaks up over Siberia</title>
        <meta property="og:title" content="Yahoo News - Latest News &amp; Headlines">
        <meta property="og:site_name" content="Yahoo News - Latest News &amp; Headlines">"#,
        None,
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Space ship breaks up over Siberia")
    );
    assert_eq!(
        clean_title(
            "Oil falls | Yahoo News",
            Some("Yahoo News - Latest News"),
            None
        ),
        "Oil falls"
    );
}

#[test]
fn full_width_and_angle_quote_separators_part_a_site_name() {
    assert_eq!(
        clean_title("原油が下落｜日経新聞", Some("日経新聞"), None),
        "原油が下落"
    );
    assert_eq!(
        clean_title("Le pétrole baisse « Le Courrier", Some("Le Courrier"), None),
        "Le pétrole baisse"
    );
    assert_eq!(
        clean_title("Oil falls ‹ The Courier", Some("The Courier"), None),
        "Oil falls"
    );
}

#[test]
fn a_title_that_is_the_page_heading_keeps_its_separator() {
    let head = r#"<head><title>Left - Right Now</title>
        <meta property="og:site_name" content="Right Now"></head>"#;
    let m = meta(
        &format!("{head}<body><h1>Left - Right Now</h1></body>"),
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Left - Right Now"));
    let m = meta(&format!("{head}<body><h1>Left</h1></body>"), None);
    assert_eq!(m.title.as_deref(), Some("Left"));
    let m = meta(
        r#"<meta property="og:title" content="Left - Right Now"><meta property="og:site_name" content="Right Now">
        <h1>Left - Right Now</h1>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Left - Right Now"));
}

#[test]
fn a_json_ld_headline_cut_short_gives_way_to_the_whole_one() {
    let m = meta(
        r#"<meta property="og:title" content="Talks resume in Geneva as delegations return - The Courier">
        <meta property="og:site_name" content="The Courier">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks resume in Geneva as…"}</script>"#,
        None,
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Talks resume in Geneva as delegations return")
    );
    // A shorter headline that is not cut (no ellipsis) is the newsroom's choice.
    let m = meta(
        r#"<meta property="og:title" content="Talks resume in Geneva as delegations return">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks resume"}</script>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Talks resume"));
}

#[test]
fn a_saved_page_without_its_address_is_named_by_its_canonical_link() {
    let m = meta(
        r#"<title>Oil falls - Courier</title><link rel="canonical" href="https://www.courier.example/oil">"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Oil falls"));
}

#[test]
fn dates_are_read_in_the_forms_pages_use() {
    for (s, want) in [
        ("2019-01-03T07:00:02.000Z", "2019-01-03"),
        ("Thu, 03 Jan 2019 07:00:02 GMT", "2019-01-03"),
        ("2019/01/03", "2019-01-03"),
        ("20190103", "2019-01-03"),
        ("January 3, 2019", "2019-01-03"),
        ("3 January 2019", "2019-01-03"),
        ("2019-01", "2019-01"),
        ("2019", "2019"),
    ] {
        assert_eq!(
            parse_date(s).map(|d| d.to_string()).as_deref(),
            Some(want),
            "{s}"
        );
    }
    assert_eq!(parse_date("soon"), None);
}
