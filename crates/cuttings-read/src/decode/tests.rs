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

#[test]
fn a_latin1_page_is_read_by_its_meta_charset() {
    let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9 \x80</body></html>";
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
