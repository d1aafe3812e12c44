//! One article, one address: the normalised form of a URL that the library compares, so that
//! the same story reached through a newsletter link, an AMP page or a mobile site is stored once.

use url::Url;

/// Query parameters that say how a reader arrived, never which article they read.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "ref_src",
    "ref_url",
    "cmpid",
    "ocid",
    "ito",
    "smid",
    "sr_share",
    "share",
    "amp",
    "outputtype",
    "at_medium",
    "at_campaign",
    "wt.mc_id",
    "ns_mchannel",
    "ns_source",
    "ns_campaign",
    "ns_linkname",
    "ns_fee",
    "s_cid",
    "spm",
    "__twitter_impression",
];

/// The comparable form of `raw`: https, host without `www.`/`m.`/`mobile.`/`amp.`, no AMP path,
/// no fragment, no tracking parameters, no trailing slash. `None` when it is not a web address.
pub fn normalise(raw: &str) -> Option<String> {
    let mut u = Url::parse(raw.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    // Google's AMP cache wraps the publisher's address: /c/s/host/path.
    if u.host_str()
        .is_some_and(|h| h.ends_with(".cdn.ampproject.org"))
    {
        let path = u.path().to_string();
        let rest = path
            .strip_prefix("/c/s/")
            .or_else(|| path.strip_prefix("/v/s/"))
            .or_else(|| path.strip_prefix("/c/"));
        if let Some(rest) = rest {
            u = Url::parse(&format!("https://{rest}")).ok()?;
        }
    }
    let _ = u.set_scheme("https");
    let host = u.host_str()?.to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').collect();
    while labels.len() > 2 && matches!(labels[0], "www" | "m" | "mobile" | "amp") {
        labels.remove(0);
    }
    // en.m.wikipedia.org and the like
    if labels.len() > 2 {
        if let Some(i) = labels[1..labels.len() - 1]
            .iter()
            .position(|l| *l == "m" || *l == "amp")
        {
            labels.remove(i + 1);
        }
    }
    let host = labels.join(".");
    u.set_host(Some(&host)).ok()?;
    let _ = u.set_port(None);
    u.set_fragment(None);

    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !(k.starts_with("utm_") || TRACKING.contains(&k.as_str()))
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }

    let mut path = u.path().to_string();
    for suffix in ["/amp/", "/amp", ".amp"] {
        if path.len() > suffix.len() && path.ends_with(suffix) {
            path.truncate(path.len() - suffix.len());
            break;
        }
    }
    if let Some(rest) = path.strip_prefix("/amp/") {
        path = format!("/{rest}");
    }
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    u.set_path(&path);
    let mut s = u.to_string();
    if u.path() == "/" && u.query().is_none() && s.ends_with('/') {
        s.pop();
    }
    Some(s)
}

/// `href` made absolute against `base`, when it can be.
pub fn absolute(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if let Ok(u) = Url::parse(href) {
        return Some(u.to_string());
    }
    let base = Url::parse(base?).ok()?;
    base.join(href).ok().map(|u| u.to_string())
}

/// The host without `www.`, for an outlet name of last resort.
pub fn host(raw: &str) -> Option<String> {
    let u = Url::parse(raw).ok()?;
    let h = u.host_str()?.to_ascii_lowercase();
    Some(h.strip_prefix("www.").unwrap_or(&h).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_are_dropped() {
        assert_eq!(
            normalise("https://www.example.com/news/a-story?utm_source=x&utm_medium=y&id=4&fbclid=abc#comments")
                .unwrap(),
            "https://example.com/news/a-story?id=4"
        );
        assert_eq!(
            normalise("http://example.com/a/?gclid=1").unwrap(),
            "https://example.com/a"
        );
    }

    #[test]
    fn amp_and_mobile_addresses_are_the_article_itself() {
        let want = "https://example.co.uk/news/world-1";
        for u in [
            "https://amp.example.co.uk/news/world-1",
            "https://m.example.co.uk/news/world-1",
            "https://www.example.co.uk/news/world-1/amp",
            "https://www.example.co.uk/news/world-1.amp",
            "https://www-example-co-uk.cdn.ampproject.org/c/s/www.example.co.uk/news/world-1",
            "https://www.example.co.uk/amp/news/world-1",
        ] {
            assert_eq!(normalise(u).unwrap(), want, "{u}");
        }
        assert_eq!(
            normalise("https://en.m.wikipedia.org/wiki/Press").unwrap(),
            "https://en.wikipedia.org/wiki/Press"
        );
    }

    #[test]
    fn what_is_not_a_web_address_has_no_normal_form() {
        assert_eq!(normalise("mailto:a@b.c"), None);
        assert_eq!(normalise("not a url"), None);
    }

    #[test]
    fn relative_links_are_made_absolute() {
        assert_eq!(
            absolute(Some("https://example.com/news/a.html"), "../img/b.jpg").unwrap(),
            "https://example.com/img/b.jpg"
        );
        assert_eq!(absolute(None, "/x"), None);
    }
}
