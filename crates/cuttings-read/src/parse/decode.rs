//! Turning a file's bytes into text the parsers can trust: one encoding (UTF-8), one line ending
//! (`\n`) and one Unicode normal form (NFC), so that the same article always reads, hashes and
//! searches the same way whatever machine it was saved on.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use unicode_normalization::UnicodeNormalization;

use cuttings_core::error::{Error, Result};

/// How much of the start of a file is looked at to tell text from binary.
const SNIFF_LEN: usize = 8 * 1024;

/// The share of control characters above which a file is taken for binary. Text pasted from
/// old word processors carries the odd stray control code, so a few are tolerated.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Decodes a text file's bytes to a normalised `String`.
///
/// UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are read as such.
/// Anything else is read as Windows-1252: bytes that are not valid UTF-8 almost always come from
/// a Western European legacy encoding, and Windows-1252 agrees with Latin-1 on every printable
/// character while also giving the curly quotes and dashes that Windows editors put in 0x80-0x9F.
/// Line endings become `\n` and the text is put in NFC.
///
/// `path_for_messages` only names the file in errors; nothing is read from disk here, so the
/// caller decides how large a file may be.
pub fn decode_text(bytes: &[u8], path_for_messages: &Path) -> Result<String> {
    let empty = || Error::file(path_for_messages, "the file is empty");
    let binary = || Error::file(path_for_messages, "this is a binary file, not text");

    if bytes.is_empty() {
        return Err(empty());
    }

    let decoded = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => {
            // UTF-16 is full of NUL bytes by nature, so it is judged after decoding instead.
            if encoding == UTF_8 && looks_binary(&bytes[bom_len..]) {
                return Err(binary());
            }
            let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if encoding != UTF_8 && text_looks_binary(&text) {
                return Err(binary());
            }
            text.into_owned()
        }
        None => {
            if looks_binary(bytes) {
                return Err(binary());
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => text.to_owned(),
                Err(_) => WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            }
        }
    };

    if decoded.trim().is_empty() {
        return Err(empty());
    }

    Ok(normalise_line_endings(&decoded).nfc().collect())
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| is_stray_control(b)).count();
    too_many(controls, sample.len())
}

fn text_looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(SNIFF_LEN).collect();
    if sample.contains(&'\0') {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&c| u8::try_from(c).is_ok_and(is_stray_control))
        .count();
    too_many(controls, sample.len())
}

/// Control codes that have no business in prose; tab, line feed, form feed and carriage return do.
fn is_stray_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f
}

fn too_many(controls: usize, total: usize) -> bool {
    total > 0 && controls as f64 / total as f64 > MAX_CONTROL_SHARE
}

fn normalise_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String> {
        decode_text(bytes, Path::new("cuttings/article.txt"))
    }

    #[test]
    fn latin1_bytes_are_read_as_windows_1252() {
        assert_eq!(decode(b"Caf\xe9").unwrap(), "Café");
    }

    #[test]
    fn windows_1252_curly_quotes_and_dashes_are_kept() {
        assert_eq!(
            decode(b"\x93Quoted\x94 \x96 it\x92s").unwrap(),
            "“Quoted” – it’s"
        );
    }

    #[test]
    fn utf8_is_read_as_is_and_its_byte_order_mark_is_dropped() {
        assert_eq!(decode("Café".as_bytes()).unwrap(), "Café");
        assert_eq!(decode(b"\xef\xbb\xbfCaf\xc3\xa9").unwrap(), "Café");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Café\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Café\n");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Дамаск".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "Дамаск");
    }

    #[test]
    fn windows_and_old_mac_line_endings_become_newlines() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(decode("Cafe\u{301}".as_bytes()).unwrap(), "Caf\u{e9}");
    }

    #[test]
    fn binary_files_are_refused_naming_the_file() {
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("cuttings/article.txt"), "{msg}");
        assert!(msg.contains("binary"), "{msg}");
        assert_eq!(e.kind(), "file");
    }

    #[test]
    fn many_control_characters_without_nul_count_as_binary() {
        let bytes: Vec<u8> = (0..200)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn a_stray_control_character_in_prose_is_tolerated() {
        assert_eq!(
            decode(b"Some text with one \x0b in it.").unwrap(),
            "Some text with one \x0b in it."
        );
    }

    #[test]
    fn empty_and_blank_files_are_refused_as_empty() {
        for bytes in [&b""[..], b"  \n\r\n\t", b"\xef\xbb\xbf"] {
            let msg = decode(bytes).unwrap_err().to_string();
            assert!(msg.contains("the file is empty"), "{msg}");
            assert!(msg.contains("article.txt"), "{msg}");
        }
    }
}
