//! Bytes to text for every reader, so that the same article reads, hashes and searches the same
//! way whatever machine saved it and whichever reader took it: one encoding (UTF-8), one line
//! ending (`\n`), one Unicode normal form (NFC), and one test for a file that is not text at all.
//!
//! The encoding is, in order: a byte order mark; UTF-8 when the bytes are valid UTF-8 (a legacy
//! encoding is almost never valid UTF-8 by chance, and pages that declare Latin-1 but are UTF-8
//! are common); for a web page, the charset its HTTP header or its own `<meta>` declares;
//! Windows-1252. Bytes that are not valid UTF-8 almost always come from a Western European
//! legacy encoding, and Windows-1252 agrees with Latin-1 on every printable character while also
//! giving the curly quotes and dashes that Windows editors put in 0x80-0x9F.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use unicode_normalization::UnicodeNormalization;

use cuttings_core::error::{Error, Result};

/// How much of the start of a file is looked at to tell text from binary.
const SNIFF_LEN: usize = 8 * 1024;

/// How far into a page a `<meta charset>` is looked for (the HTML standard says 1024 bytes;
/// real pages put scripts first, so a little more).
const META_WINDOW: usize = 8 * 1024;

/// Decodes a text file's bytes, refusing an empty or blank file and a binary one.
///
/// `path_for_messages` only names the file in errors; nothing is read from disk here, so the
/// caller decides how large a file may be.
pub fn decode_text(bytes: &[u8], path_for_messages: &Path) -> Result<String> {
    let empty = || Error::file(path_for_messages, "the file is empty");
    if bytes.is_empty() {
        return Err(empty());
    }
    if looks_binary(bytes) {
        return Err(Error::file(
            path_for_messages,
            "this is a binary file, not text",
        ));
    }
    let text = decode(bytes, || None);
    if text.trim().is_empty() {
        return Err(empty());
    }
    Ok(text)
}

/// Decodes a web page, a feed or any markup that may declare its own charset; `header` is the
/// HTTP `Content-Type`, when the page was fetched. Never fails: the caller has already turned
/// away binary files with [`looks_binary`].
pub fn decode_html(bytes: &[u8], header: Option<&str>) -> String {
    decode(bytes, || {
        header
            .and_then(charset_param)
            .or_else(|| meta_charset(&bytes[..bytes.len().min(META_WINDOW)]))
            .and_then(|l| Encoding::for_label(l.as_bytes()))
            // A page that says UTF-8 but is not is in the legacy encoding its authors used.
            .filter(|e| *e != UTF_8)
    })
}

/// The one decoder: a byte order mark, else UTF-8 if valid, else what `declared` names (asked
/// only then, as finding it may mean scanning the markup), else Windows-1252.
fn decode(bytes: &[u8], declared: impl FnOnce() -> Option<&'static Encoding>) -> String {
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_owned()
    } else {
        declared()
            .unwrap_or(WINDOWS_1252)
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
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

/// True when the bytes cannot be a text document: a NUL, or more than one in ten of the first
/// characters a control code. Text pasted from old word processors carries the odd stray
/// control code, so a few are tolerated.
pub fn looks_binary(bytes: &[u8]) -> bool {
    match Encoding::for_bom(bytes) {
        // UTF-16 is full of NUL bytes by nature, so it is judged on its characters. No character
        // takes more than four bytes, so this much holds the first `SNIFF_LEN` whole.
        Some((encoding, bom_len)) if encoding != UTF_8 => {
            let head = &bytes[bom_len..bytes.len().min(bom_len + 4 * SNIFF_LEN)];
            let text = encoding.decode_without_bom_handling(head).0;
            mostly_controls(text.chars().take(SNIFF_LEN).map(u32::from))
        }
        Some((_, bom_len)) => mostly_controls(sniffed(&bytes[bom_len..])),
        None => mostly_controls(sniffed(bytes)),
    }
}

fn sniffed(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.iter().take(SNIFF_LEN).map(|&b| u32::from(b))
}

fn mostly_controls(units: impl Iterator<Item = u32>) -> bool {
    let (mut total, mut controls) = (0usize, 0usize);
    for u in units {
        if u == 0 {
            return true;
        }
        total += 1;
        controls += usize::from(is_stray_control(u));
    }
    controls * 10 > total
}

/// Control codes that have no business in prose; tab, line feed, form feed and carriage return do.
fn is_stray_control(u: u32) -> bool {
    (u < 0x20 && !matches!(u, 0x09 | 0x0a | 0x0d | 0x0c)) || u == 0x7f
}

#[cfg(test)]
mod tests;
