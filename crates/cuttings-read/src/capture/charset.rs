//! Web pages and messages to text without mojibake. A page's bytes are read with, in order: a
//! byte order mark; UTF-8 when the bytes are valid UTF-8 (a legacy encoding is almost never
//! valid UTF-8 by chance, and pages that declare Latin-1 but are UTF-8 are common); the charset
//! of the HTTP header; the page's own `<meta charset>` or XML declaration; Windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use unicode_normalization::UnicodeNormalization;

/// How far into a page a `<meta charset>` is looked for (the HTML standard says 1024 bytes;
/// real pages put scripts first, so a little more).
const META_WINDOW: usize = 8 * 1024;

/// Decodes a page; `header` is the HTTP `Content-Type`, when the page was fetched.
pub fn decode_html(bytes: &[u8], header: Option<&str>) -> String {
    let text = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        enc.decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_owned()
    } else {
        let declared = header
            .and_then(charset_param)
            .or_else(|| meta_charset(&bytes[..bytes.len().min(META_WINDOW)]))
            .and_then(|l| Encoding::for_label(l.as_bytes()))
            // A page that says UTF-8 but is not is in the legacy encoding its authors used.
            .filter(|e| *e != UTF_8)
            .unwrap_or(WINDOWS_1252);
        declared.decode_without_bom_handling(bytes).0.into_owned()
    };
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .collect()
}

/// `charset=` of a Content-Type value.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The charset a page declares in its first bytes: `<meta charset>`, `<meta http-equiv>` or
/// `<?xml encoding>`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    for marker in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let at = from + i + marker.len();
            let rest = lower[at..].trim_start_matches(['"', '\'', ' ']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !label.is_empty() && Encoding::for_label(label.as_bytes()).is_some() {
                return Some(label);
            }
            from = at;
        }
    }
    None
}

/// True when the bytes cannot be a text document: NUL bytes or many control codes at the start.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false; // UTF-16 is full of NULs by nature
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    !sample.is_empty() && controls * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin1_page_is_read_by_its_meta_charset() {
        let page =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9 \x80</body></html>";
        let text = decode_html(page, None);
        assert!(text.contains("Café €"), "{text}");
    }

    #[test]
    fn a_utf8_page_that_declares_latin1_is_read_as_utf8() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Dàmasco – Ḥamāh</p>";
        assert!(decode_html(page.as_bytes(), None).contains("Dàmasco – Ḥamāh"));
    }

    #[test]
    fn the_http_header_charset_is_used_when_the_bytes_are_not_utf8() {
        let page = b"<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>"; // "Привет" in windows-1251
        assert!(decode_html(page, Some("text/html; charset=windows-1251")).contains("Привет"));
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let mut page = vec![0xff, 0xfe];
        page.extend("<p>Ünïcode</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(decode_html(&page, Some("text/html; charset=iso-8859-1")).contains("Ünïcode"));
        assert!(!looks_binary(&page));
    }

    #[test]
    fn binary_bytes_are_told_from_text() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"<html><body>x</body></html>"));
    }
}
