//! EPUB 3: a title page with the summary, a navigable contents (nav.xhtml, grouped as the
//! report is), and one chapter per clipping. Written straight into a zip: the format is a few
//! small XML files, and a builder crate would add more than it saves.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use super::report::{article, Report, CSS};
use super::text::escape;
use cuttings_core::error::{Error, Result};

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;

/// A stable identifier for the collection: the same clippings under the same title give the
/// same book, so a reader's library replaces it rather than adding a copy.
fn identifier(r: &Report<'_>) -> String {
    let mut h = blake3::Hasher::new();
    h.update(r.title.as_bytes());
    for it in r.items {
        h.update(&it.clipping.id.to_le_bytes());
        h.update(it.clipping.content_hash.as_bytes());
    }
    let b = h.finalize();
    let mut x: Vec<u8> = b.as_bytes()[..16].to_vec();
    // Shaped as a version 4 UUID so every reader accepts it.
    x[6] = (x[6] & 0x0f) | 0x40;
    x[8] = (x[8] & 0x3f) | 0x80;
    let hex: String = x.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn page(title: &str, body: &str, extra_ns: bool) -> String {
    let ns = if extra_ns {
        " xmlns:epub=\"http://www.idpf.org/2007/ops\""
    } else {
        ""
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\"{ns} xml:lang=\"en\" lang=\"en\">\n\
         <head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n\
         <link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

fn chapter_file(id: i64) -> String {
    format!("c{id}.xhtml")
}

pub(crate) fn render(r: &Report<'_>) -> Result<Vec<u8>> {
    let zerr = |e: zip::result::ZipError| Error::invalid("epub", e.to_string());
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(r.items.len() * 3000)));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    // The mimetype comes first and uncompressed, so tools can recognise the file by its bytes.
    w.start_file("mimetype", stored).map_err(zerr)?;
    w.write_all(b"application/epub+zip")?;
    w.start_file("META-INF/container.xml", deflated)
        .map_err(zerr)?;
    w.write_all(CONTAINER.as_bytes())?;

    // Title page: the cover and the summary tables.
    let mut cover = String::new();
    let _ = write!(
        cover,
        "<section class=\"cover\" id=\"cover\">\n<p class=\"kind\">Clipping report</p>\n\
         <h1 class=\"collection\" dir=\"auto\">{}</h1>\n<p class=\"range\">{}</p>\n\
         <p class=\"count\">{}</p>\n<p class=\"exported\">Exported {}</p>\n</section>\n\
         <section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n",
        escape(&r.title),
        escape(&r.range_text()),
        escape(&r.count_text()),
        escape(&r.exported_on)
    );
    r.summary_tables(&mut cover);
    cover.push_str("</section>\n");
    w.start_file("OEBPS/cover.xhtml", deflated).map_err(zerr)?;
    w.write_all(page(&r.title, &cover, false).as_bytes())?;

    // Contents, grouped as the report is.
    let grouped = r.groups.len() > 1 || r.groups.iter().any(|g| !g.name.is_empty());
    let mut nav = String::from(
        "<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n<li><a href=\"cover.xhtml\">Cover and summary</a></li>\n",
    );
    for g in &r.groups {
        if grouped {
            let _ = write!(
                nav,
                "<li><span dir=\"auto\">{}</span>\n<ol>\n",
                escape(&g.name)
            );
        }
        for &i in &g.items {
            let c = &r.items[i].clipping;
            let _ = writeln!(
                nav,
                "<li><a href=\"{}\" dir=\"auto\">{}</a></li>",
                chapter_file(c.id),
                escape(&c.title)
            );
        }
        if grouped {
            nav.push_str("</ol>\n</li>\n");
        }
    }
    nav.push_str("</ol>\n</nav>\n");
    w.start_file("OEBPS/nav.xhtml", deflated).map_err(zerr)?;
    w.write_all(page("Contents", &nav, true).as_bytes())?;

    w.start_file("OEBPS/style.css", deflated).map_err(zerr)?;
    w.write_all(CSS.as_bytes())?;

    let mut manifest = String::new();
    let mut spine = String::new();
    let mut body = String::new();
    for g in &r.groups {
        for &i in &g.items {
            let c = &r.items[i].clipping;
            body.clear();
            article(&mut body, c, &r.items[i].also, 1);
            w.start_file(format!("OEBPS/{}", chapter_file(c.id)), deflated)
                .map_err(zerr)?;
            w.write_all(page(&c.title, &body, false).as_bytes())?;
            let _ = writeln!(
                manifest,
                "    <item id=\"c{0}\" href=\"{1}\" media-type=\"application/xhtml+xml\"/>",
                c.id,
                chapter_file(c.id)
            );
            let _ = writeln!(spine, "    <itemref idref=\"c{}\"/>", c.id);
        }
    }

    let now = chrono::Utc::now();
    let opf = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="bookid">{id}</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:language>en</dc:language>
    <dc:description>{desc}</dc:description>
    <dc:date>{date}</dc:date>
    <dc:publisher>Cuttings</dc:publisher>
    <meta property="dcterms:modified">{modified}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
{manifest}  </manifest>
  <spine>
    <itemref idref="cover"/>
    <itemref idref="nav"/>
{spine}  </spine>
</package>
"#,
        id = identifier(r),
        title = escape(&r.title),
        desc = escape(&format!(
            "Clipping report: {}, {}",
            r.count_text(),
            r.range_text()
        )),
        date = now.format("%Y-%m-%d"),
        modified = now.format("%Y-%m-%dT%H:%M:%SZ"),
    );
    w.start_file("OEBPS/content.opf", deflated).map_err(zerr)?;
    w.write_all(opf.as_bytes())?;
    Ok(w.finish().map_err(zerr)?.into_inner())
}
