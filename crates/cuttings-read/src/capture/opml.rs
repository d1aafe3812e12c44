//! OPML, the list of feeds that feed readers import and export.

use dom_query::Document;

use super::meta::clean_text;

/// A feed named in an OPML file.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
}

/// The feeds of an OPML document, nested outlines included.
pub fn read(text: &str) -> Result<Vec<Outline>, String> {
    if !text.to_ascii_lowercase().contains("<opml") {
        return Err("this is not an OPML file".into());
    }
    // The HTML parser folds attribute names to lower case: xmlUrl is xmlurl.
    let doc = Document::from(text);
    let out: Vec<Outline> = doc
        .select("outline[xmlurl]")
        .iter()
        .filter_map(|o| {
            Some(Outline {
                url: clean_text(&o.attr("xmlurl")?)?,
                title: o
                    .attr("title")
                    .or_else(|| o.attr("text"))
                    .and_then(|t| clean_text(&t)),
                site_url: o.attr("htmlurl").and_then(|t| clean_text(&t)),
            })
        })
        .collect();
    if out.is_empty() {
        return Err("the OPML file names no feeds".into());
    }
    Ok(out)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An OPML 2.0 document listing `feeds`.
pub fn write(feeds: &[Outline]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>Cuttings feeds</title></head>\n  <body>\n",
    );
    for f in feeds {
        let title = esc(f.title.as_deref().unwrap_or(&f.url));
        s.push_str(&format!(
            "    <outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"",
            esc(&f.url)
        ));
        if let Some(h) = &f.site_url {
            s.push_str(&format!(" htmlUrl=\"{}\"", esc(h)));
        }
        s.push_str("/>\n");
    }
    s.push_str("  </body>\n</opml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_round_trips() {
        let feeds = vec![
            Outline {
                url: "https://a.example/rss?x=1&y=2".into(),
                title: Some("A & B".into()),
                site_url: Some("https://a.example/".into()),
            },
            Outline {
                url: "https://b.example/atom".into(),
                title: None,
                site_url: None,
            },
        ];
        let back = read(&write(&feeds)).unwrap();
        assert_eq!(back[0], feeds[0]);
        assert_eq!(back[1].url, feeds[1].url);
    }

    #[test]
    fn nested_outlines_are_found() {
        let o = r#"<opml version="1.0"><body><outline text="News"><outline text="X" xmlUrl="https://x.example/feed"/></outline></body></opml>"#;
        assert_eq!(read(o).unwrap()[0].url, "https://x.example/feed");
        assert!(read("<html></html>").is_err());
    }
}
