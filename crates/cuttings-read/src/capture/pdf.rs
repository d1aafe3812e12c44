//! Text-based PDFs, read by `pdf-extract`: the text is the body, the title comes from the
//! document's metadata or else its first line. A scan with no text layer is refused with a
//! reason, since nothing searchable would be stored.

use pdf_extract::{Document, Object};

use super::{html::paragraphs_keeping_lines, meta::clean_text};
use cuttings_core::model::ClippingDraft;

pub fn read(bytes: &[u8]) -> Result<ClippingDraft, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("this is not a PDF file".into());
    }
    let doc = Document::load_mem(bytes).map_err(|e| format!("the PDF could not be read: {e}"))?;
    if doc.is_encrypted() {
        return Err("the PDF is encrypted".into());
    }
    let title = info_title(&doc);
    // The extractor can panic on malformed fonts; one bad PDF must not stop an import.
    let text = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|_| "the PDF's text could not be read (a damaged or unusual file)".to_string())?
        .map_err(|e| format!("the PDF's text could not be read: {e}"))?;
    let body = paragraphs_keeping_lines(&text.replace('\u{c}', "\n\n"));
    if body.split_whitespace().count() == 0 {
        return Err(
            "the PDF has no text layer (a scanned document?): run it through OCR first".into(),
        );
    }
    let title = title.unwrap_or_else(|| {
        body.lines()
            .find_map(clean_text)
            .map(|l| l.chars().take(160).collect())
            .unwrap_or_default()
    });
    Ok(ClippingDraft {
        title,
        body,
        ..ClippingDraft::default()
    })
}

fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let Object::String(bytes, _) = title else {
        return None;
    };
    let text = if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    };
    clean_text(&text)
}

/// A one-page PDF written by hand, for tests here and in the CLI: `text` drawn in Helvetica,
/// `title` in its metadata. With no text, a page with nothing on it (as a scan without OCR).
#[doc(hidden)]
pub fn sample_pdf(title: Option<&str>, lines: &[&str]) -> Vec<u8> {
    let mut stream = String::from("BT /F1 12 Tf 72 720 Td\n");
    for l in lines {
        let l = l.replace('(', "\\(").replace(')', "\\)");
        stream.push_str(&format!("({l}) Tj 0 -28 Td\n"));
    }
    stream.push_str("ET");
    if lines.is_empty() {
        stream = "0 0 1 rg 72 72 100 100 re f".into();
    }
    let info = match title {
        Some(t) => format!("<< /Title ({t}) >>"),
        None => "<< >>".into(),
    };
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        info,
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_pdf_gives_its_title_and_text() {
        let pdf = sample_pdf(
            Some("Annual report 2023"),
            &["Revenue rose by a tenth.", "Costs fell."],
        );
        let d = read(&pdf).unwrap();
        assert_eq!(d.title, "Annual report 2023");
        assert!(d.body.contains("Revenue rose by a tenth."), "{}", d.body);
    }

    #[test]
    fn without_metadata_the_first_line_is_the_title() {
        let d = read(&sample_pdf(
            None,
            &["Minister resigns", "The minister resigned today."],
        ))
        .unwrap();
        assert_eq!(d.title, "Minister resigns");
    }

    #[test]
    fn a_pdf_with_no_text_layer_is_refused_with_a_reason() {
        let e = read(&sample_pdf(Some("Scan"), &[])).unwrap_err();
        assert!(e.contains("no text layer"), "{e}");
        assert!(read(b"%PDF-1.4 garbage").is_err());
    }
}
