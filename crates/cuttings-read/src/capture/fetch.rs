//! Fetching an address: a blocking client (rustls, redirects followed, timeouts, a size cap)
//! and the page read into a clipping. Blocking is on purpose: the CLI waits anyway, and the app
//! calls this from a worker thread, never from its async runtime.

use std::io::Read;
use std::time::Duration;

use super::{html, pdf};
use crate::decode;
use cuttings_core::error::{Error, Result};
use cuttings_core::model::ClippingDraft;

#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub timeout: Duration,
    /// Pages larger than this are refused: no article is this large, and a huge page is most
    /// likely not an article at all.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 15 * 1024 * 1024,
        }
    }
}

/// What an address gave.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

fn check_address(url: &str) -> Result<url::Url> {
    let u = url::Url::parse(url.trim())
        .map_err(|_| Error::invalid("url", format!("'{url}' is not a web address")))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(Error::invalid(
            "url",
            format!("'{url}' is not a web address (http or https)"),
        ));
    }
    Ok(u)
}

/// Fetches the bytes at `url`. Errors name the address and say what a person can do.
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched> {
    let u = check_address(url)?;
    let fail = |m: String| Error::file(url, m);
    let host = u.host_str().unwrap_or_default().to_string();
    let client = reqwest::blocking::Client::builder()
        .timeout(opts.timeout)
        .connect_timeout(Duration::from_secs(10).min(opts.timeout))
        .redirect(reqwest::redirect::Policy::limited(10))
        .user_agent(concat!(
            "Cuttings/",
            env!("CARGO_PKG_VERSION"),
            " (press cuttings organiser)"
        ))
        .build()
        .map_err(|e| fail(format!("the web client could not start: {e}")))?;
    let resp = client
        .get(u)
        .header("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8")
        .send()
        .map_err(|e| {
            fail(if e.is_timeout() {
                format!("no answer within {} seconds", opts.timeout.as_secs())
            } else if e.is_redirect() {
                "too many redirects".into()
            } else if e.is_connect() {
                format!("could not connect to {host}: you may be offline, or the server refused the connection")
            } else {
                format!("the request failed: {e}")
            })
        })?;
    let status = resp.status();
    if !status.is_success() {
        return Err(fail(format!("the server answered {status}")));
    }
    let final_url = resp.url().to_string();
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let too_big = || {
        fail(format!(
            "the page is larger than the {:.0} MB limit",
            opts.max_bytes as f64 / 1e6
        ))
    };
    if resp.content_length().is_some_and(|n| n > opts.max_bytes) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    resp.take(opts.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("the download was cut off: {e}")))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_big());
    }
    Ok(Fetched {
        url: final_url,
        content_type,
        bytes,
    })
}

/// Fetches a page and reads it into a clipping, with the default limits.
pub fn fetch_url(url: &str) -> Result<ClippingDraft> {
    fetch_url_with(url, &FetchOptions::default())
}

pub fn fetch_url_with(url: &str, opts: &FetchOptions) -> Result<ClippingDraft> {
    let f = fetch(url, opts)?;
    let mut d = read_fetched(&f).map_err(|m| Error::file(url, m))?;
    d.origin = Some(url.trim().to_string());
    super::ensure_title(&mut d);
    if d.url.is_none() {
        d.url = Some(f.url.clone());
    }
    if d.canonical_url.is_none() {
        d.canonical_url = super::urls::normalise(&f.url);
    }
    Ok(d)
}

/// Reads fetched bytes by their type: a web page or a PDF.
pub fn read_fetched(f: &Fetched) -> std::result::Result<ClippingDraft, String> {
    let ct = f.content_type.as_deref().unwrap_or("").to_ascii_lowercase();
    if ct.contains("pdf") || f.bytes.starts_with(b"%PDF-") {
        return pdf::read(&f.bytes);
    }
    if ct.contains("rss") || ct.contains("atom") {
        return Err("this address is a feed: subscribe with `cuttings feed add`".into());
    }
    if !(ct.is_empty() || ct.contains("html") || ct.contains("xml") || ct.starts_with("text/")) {
        return Err(format!("this is not a web page ({ct})"));
    }
    if decode::looks_binary(&f.bytes) {
        return Err("this is a binary file, not a web page".into());
    }
    let text = decode::decode_html(&f.bytes, f.content_type.as_deref());
    let mut d = html::extract(&text, Some(&f.url))?.draft;
    d.raw = Some(text);
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpListener;

    /// A one-shot HTTP server on 127.0.0.1 answering every request with `response`.
    fn serve(response: Vec<u8>, requests: usize) -> String {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        std::thread::spawn(move || {
            for s in l.incoming().take(requests) {
                let mut s = s.unwrap();
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let _ = s.write_all(&response);
            }
        });
        format!("http://{addr}")
    }

    fn http(ct: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r
    }

    #[test]
    fn a_page_is_fetched_and_read_with_the_header_charset() {
        let page = b"<html><head><title>Nachrichten - Der Bote</title><meta property=\"og:site_name\" content=\"Der Bote\"></head><body><article><p>Gr\xfc\xdfe aus M\xfcnchen: die Stadt feiert heute ihr Fest mit vielen G\xe4sten aus aller Welt und Musik.</p></article></body></html>";
        let base = serve(http("text/html; charset=iso-8859-1", page), 1);
        let d = fetch_url(&format!("{base}/news/1?utm_source=x")).unwrap();
        assert!(d.body.contains("Grüße aus München"), "{}", d.body);
        assert_eq!(d.title, "Nachrichten");
        assert_eq!(d.source.as_deref(), Some("Der Bote"));
        assert!(d.canonical_url.unwrap().ends_with("/news/1"));
    }

    #[test]
    fn errors_say_what_happened() {
        let base = serve(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            1,
        );
        let e = fetch_url(&format!("{base}/gone")).unwrap_err().to_string();
        assert!(e.contains("404"), "{e}");

        // A port nobody listens on: bind one, then let it go.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let e = fetch_url(&format!("http://127.0.0.1:{port}/"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("could not connect") && e.contains("offline"),
            "{e}"
        );

        let e = fetch_url("ftp://example.com/x").unwrap_err().to_string();
        assert!(e.contains("not a web address"), "{e}");
    }

    #[test]
    fn a_page_over_the_size_cap_is_refused() {
        let body = vec![b'a'; 4096];
        let base = serve(http("text/html", &body), 1);
        let opts = FetchOptions {
            max_bytes: 1000,
            ..FetchOptions::default()
        };
        let e = fetch_url_with(&base, &opts).unwrap_err().to_string();
        assert!(e.contains("larger than"), "{e}");
    }
}
