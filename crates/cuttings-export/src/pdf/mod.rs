//! The clipping report as a PDF, drawn in Rust (krilla) with a system font embedded (subset).
//!
//! Text is shaped with rustybuzz (a HarfBuzz port), so Arabic letters join as they should, and
//! each line is split into directional runs with the Unicode bidi algorithm, so a right-to-left
//! paragraph reads from the right edge with any Latin words inside it the right way round.
//! Layout is deliberately simple: one column, greedy line breaking, a new page when the next
//! line does not fit.

mod coverage;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use unicode_bidi::{BidiInfo, Level};

use super::report::{meta_line, Report};
use super::text::{human_date, paragraphs};
use cuttings_core::error::{Error, Result};
use cuttings_core::model::Clipping;

/// The fonts a PDF is set in: a regular and a bold face that cover Latin, Cyrillic and Arabic.
#[derive(Debug, Clone, PartialEq)]
pub struct Fonts {
    pub regular: PathBuf,
    pub bold: PathBuf,
}

/// Font families tried in order, as (regular, bold) file names; each covers Latin, Cyrillic and
/// Arabic.
const CANDIDATES: &[(&str, &str)] = &[
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
];

fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("CUTTINGS_FONT_DIR") {
        dirs.push(PathBuf::from(d));
    }
    for d in [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/share/fonts/truetype/freefont",
        "/usr/share/fonts/gnu-free",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts/Supplemental",
        "/opt/homebrew/share/fonts",
    ] {
        dirs.push(PathBuf::from(d));
    }
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(win) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(win).join("Fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(PathBuf::from(local).join("Microsoft/Windows/Fonts"));
    }
    dirs
}

/// Finds the fonts for a PDF, or says which are missing and where they were looked for.
pub fn find_fonts() -> Result<Fonts> {
    let dirs = font_dirs();
    for (regular, bold) in CANDIDATES {
        let find = |name: &str| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file());
        if let Some(r) = find(regular) {
            let b = find(bold).unwrap_or_else(|| r.clone());
            return Ok(Fonts {
                regular: r,
                bold: b,
            });
        }
    }
    Err(Error::invalid(
        "pdf",
        format!(
            "no font covering Latin, Cyrillic and Arabic was found: looked for {} in {}. \
             Install DejaVu Sans (Debian/Ubuntu: apt-get install fonts-dejavu-core) or set \
             CUTTINGS_FONT_DIR to a folder holding DejaVuSans.ttf",
            CANDIDATES
                .iter()
                .map(|c| c.0)
                .collect::<Vec<_>>()
                .join(" or "),
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

// A4 in points, with margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = PAGE_H - 64.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

#[derive(Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    bold: bool,
    grey: bool,
}

const TITLE: Style = Style {
    size: 26.0,
    bold: true,
    grey: false,
};
const H1: Style = Style {
    size: 18.0,
    bold: true,
    grey: false,
};
const H2: Style = Style {
    size: 14.0,
    bold: true,
    grey: false,
};
const BODY: Style = Style {
    size: 10.5,
    bold: false,
    grey: false,
};
const META: Style = Style {
    size: 9.0,
    bold: false,
    grey: true,
};
const LABEL: Style = Style {
    size: 9.0,
    bold: true,
    grey: true,
};

enum Op {
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
        rtl: bool,
    },
    Rule {
        y: f32,
    },
    /// A filled rectangle (the coverage charts), its top left at `x`, `y`.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: (u8, u8, u8),
    },
}

/// A face for measuring, beside the font krilla embeds.
struct Face {
    data: Arc<Vec<u8>>,
    font: Font,
}

impl Face {
    fn load(path: &PathBuf) -> Result<Face> {
        let bytes = std::fs::read(path).map_err(|e| Error::file(path, e.to_string()))?;
        let data = Arc::new(bytes);
        let font = Font::new(data.clone().into(), 0)
            .ok_or_else(|| Error::file(path, "is not a font this program can read"))?;
        if rustybuzz::Face::from_slice(&data, 0).is_none() {
            return Err(Error::file(path, "is not a font this program can read"));
        }
        Ok(Face { data, font })
    }
}

struct Layout<'f> {
    regular: rustybuzz::Face<'f>,
    bold: rustybuzz::Face<'f>,
    widths: HashMap<(bool, String), f32>,
    pages: Vec<Vec<Op>>,
    y: f32,
    footer: String,
    /// Set lines at the left edge whatever their direction (table cells).
    align_left: bool,
    /// Where each clipping's headline is, in the order they are set: (page, y).
    starts: Vec<(usize, f32)>,
    /// Where each group's heading is, and the summary and the contents.
    group_starts: Vec<(usize, f32)>,
    summary_at: (usize, f32),
    contents_at: (usize, f32),
    /// Contents entries as links: (page, area, index of the clipping it leads to).
    links: Vec<(usize, Rect, usize)>,
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The direction of a paragraph: that of its first letter with a strong direction.
fn paragraph_is_rtl(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(is_rtl_char)
}

impl<'f> Layout<'f> {
    /// Width at size 1 of a piece of text, shaped.
    fn unit_width(&mut self, bold: bool, text: &str) -> f32 {
        if let Some(w) = self.widths.get(&(bold, text.to_string())) {
            return *w;
        }
        let face = if bold { &self.bold } else { &self.regular };
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(face, &[], buf);
        let units: i32 = out.glyph_positions().iter().map(|p| p.x_advance).sum();
        let w = units as f32 / face.units_per_em() as f32;
        if text.len() < 40 {
            self.widths.insert((bold, text.to_string()), w);
        }
        w
    }

    fn width(&mut self, style: Style, text: &str) -> f32 {
        self.unit_width(style.bold, text) * style.size
    }

    fn new_page(&mut self) {
        let n = self.pages.len() + 1;
        let footer = format!("{} · {n}", self.footer);
        let w = self.width(META, &footer);
        self.pages.push(vec![Op::Text {
            x: (PAGE_W - w) / 2.0,
            y: PAGE_H - 32.0,
            style: META,
            text: footer,
            rtl: false,
        }]);
        self.y = TOP;
    }

    fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || self.y + height > BOTTOM {
            self.new_page();
        }
    }

    fn page_break(&mut self) {
        if self.y > TOP || self.pages.is_empty() {
            self.new_page();
        }
    }

    fn space(&mut self, h: f32) {
        if self.y > TOP {
            self.y += h;
        }
    }

    fn rule(&mut self) {
        self.ensure(8.0);
        let y = self.y;
        self.pages.last_mut().expect("a page").push(Op::Rule { y });
        self.y += 8.0;
    }

    /// Breaks a word too long for a line (a long address) into pieces that fit.
    fn split_long(&mut self, style: Style, word: &str, max: f32) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in word.chars() {
            cur.push(c);
            if self.width(style, &cur) > max && cur.chars().count() > 1 {
                cur.pop();
                out.push(std::mem::take(&mut cur));
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Sets a paragraph in lines at `indent`, each line laid out in visual order.
    fn paragraph(&mut self, style: Style, text: &str, indent: f32) {
        let max = WIDTH - indent;
        let rtl = paragraph_is_rtl(text);
        let space = self.width(style, " ");
        let mut lines: Vec<String> = Vec::new();
        for hard in text.lines() {
            let mut line = String::new();
            let mut line_w = 0.0;
            let mut words: Vec<String> = Vec::new();
            for w in hard.split_whitespace() {
                if self.width(style, w) > max {
                    words.extend(self.split_long(style, w, max));
                } else {
                    words.push(w.to_string());
                }
            }
            for w in words {
                let ww = self.width(style, &w);
                if !line.is_empty() && line_w + space + ww > max {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if !line.is_empty() {
                    line.push(' ');
                    line_w += space;
                }
                line.push_str(&w);
                line_w += ww;
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        let lead = style.size * 1.4;
        for line in lines {
            self.ensure(lead);
            self.y += style.size;
            self.line(style, &line, indent, rtl);
            self.y += lead - style.size;
        }
    }

    /// One line at the current baseline, split into directional runs in visual order.
    fn line(&mut self, style: Style, line: &str, indent: f32, rtl: bool) {
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        let info = BidiInfo::new(line, Some(base));
        let mut runs: Vec<(String, bool)> = Vec::new();
        if let Some(para) = info.paragraphs.first() {
            let (levels, visual) = info.visual_runs(para, para.range.clone());
            for r in visual {
                let run_rtl = levels[r.start].is_rtl();
                runs.push((line[r].to_string(), run_rtl));
            }
        }
        let widths: Vec<f32> = runs.iter().map(|(t, _)| self.width(style, t)).collect();
        let total: f32 = widths.iter().sum();
        let mut x = if rtl && !self.align_left {
            MARGIN + WIDTH - total
        } else {
            MARGIN + indent
        };
        let y = self.y;
        let page = self.pages.last_mut().expect("a page");
        for ((text, run_rtl), w) in runs.into_iter().zip(widths) {
            page.push(Op::Text {
                x,
                y,
                style,
                text,
                rtl: run_rtl,
            });
            x += w;
        }
    }

    /// A label and its value: "Source: SANA".
    fn field(&mut self, label: &str, value: &str) {
        self.paragraph(META, &format!("{label}: {value}"), 0.0);
    }

    /// Rows of a name and a count, the count set flush right on the row's first line.
    fn table(&mut self, caption: &str, rows: &[(String, usize)]) {
        self.ensure(40.0);
        self.paragraph(H2, caption, 0.0);
        self.space(2.0);
        for (name, n) in rows {
            let count = n.to_string();
            let cw = self.width(BODY, &count);
            self.ensure(BODY.size * 1.4);
            let (page, y) = (self.pages.len() - 1, self.y + BODY.size);
            self.align_left = true;
            self.paragraph(BODY, name, 0.0);
            self.align_left = false;
            self.pages[page].push(Op::Text {
                x: MARGIN + WIDTH - cw,
                y,
                style: BODY,
                text: count,
                rtl: false,
            });
        }
        self.space(10.0);
    }

    /// Where the next line goes: (page index, y).
    fn here(&self) -> (usize, f32) {
        (self.pages.len().saturating_sub(1), self.y)
    }

    fn clipping(&mut self, c: &Clipping) {
        if self.y > BOTTOM - 160.0 {
            self.new_page();
        } else if self.y > TOP {
            self.space(6.0);
            self.rule();
        }
        self.starts.push(self.here());
        self.paragraph(H2, &c.title, 0.0);
        if let Some(s) = &c.standfirst {
            self.paragraph(META, s, 0.0);
        }
        self.space(2.0);
        if let Some(s) = &c.source {
            self.field("Source", s);
        }
        self.field("Date", &human_date(c.published));
        if !c.authors.is_empty() {
            self.field("By", &c.authors.join(", "));
        }
        if let Some(p) = &c.place {
            self.field("Place", p);
        }
        if let Some(u) = &c.url {
            self.field("Address", u);
        }
        if !c.tags.is_empty() {
            self.field("Tags", &c.tags.join(", "));
        }
        self.space(6.0);
        for p in paragraphs(&c.body) {
            self.paragraph(BODY, p, 0.0);
            self.space(4.0);
        }
        if !c.notes.is_empty() {
            self.space(2.0);
            self.paragraph(LABEL, "Notes", 0.0);
            for n in &c.notes {
                // The note's words without its Markdown marks, as the window shows them.
                let text = cuttings_core::markdown::note_text(&n.body);
                for p in paragraphs(&text) {
                    self.paragraph(META, p, 12.0);
                }
                self.paragraph(
                    META,
                    &n.created_at.format("%-d %B %Y %H:%M UTC").to_string(),
                    12.0,
                );
                self.space(3.0);
            }
        }
    }
}

pub(crate) fn render(r: &Report<'_>, fonts: &Fonts) -> Result<Vec<u8>> {
    let regular = Face::load(&fonts.regular)?;
    let bold = if fonts.bold == fonts.regular {
        Face::load(&fonts.regular)?
    } else {
        Face::load(&fonts.bold)?
    };
    let bad = |p: &PathBuf| Error::file(p, "is not a font this program can read");
    let mut l = Layout {
        regular: rustybuzz::Face::from_slice(&regular.data, 0)
            .ok_or_else(|| bad(&fonts.regular))?,
        bold: rustybuzz::Face::from_slice(&bold.data, 0).ok_or_else(|| bad(&fonts.bold))?,
        widths: HashMap::new(),
        pages: Vec::new(),
        y: TOP,
        footer: r.title.clone(),
        align_left: false,
        starts: Vec::new(),
        group_starts: Vec::new(),
        summary_at: (0, TOP),
        contents_at: (0, TOP),
        links: Vec::new(),
    };
    // The contents give each clipping's page, known only once the clippings are set: lay the
    // report out again with the pages found until they stay put (a number's width can move a
    // line break, so once more at most).
    let mut pages_of = vec![0; r.items.len()];
    for _ in 0..3 {
        compose(&mut l, r, &pages_of);
        let found: Vec<usize> = l.starts.iter().map(|s| s.0).collect();
        if found == pages_of {
            break;
        }
        pages_of = found;
    }
    draw(&l, r, &regular, &bold)
}

/// Lays the whole report out, the contents giving `pages_of` as each clipping's page.
fn compose(l: &mut Layout<'_>, r: &Report<'_>, pages_of: &[usize]) {
    l.pages.clear();
    l.starts.clear();
    l.group_starts.clear();
    l.links.clear();
    l.y = TOP;

    // Cover.
    l.new_page();
    l.y = 240.0;
    l.paragraph(META, "CLIPPING REPORT", 0.0);
    l.space(6.0);
    l.paragraph(TITLE, &r.title, 0.0);
    l.space(12.0);
    l.paragraph(BODY, &r.range_text(), 0.0);
    l.paragraph(BODY, &r.count_text(), 0.0);
    l.paragraph(META, &format!("Exported {}", r.exported_on), 0.0);

    // Summary.
    l.page_break();
    l.summary_at = l.here();
    l.paragraph(H1, "Summary", 0.0);
    l.space(8.0);
    l.table("By source", &r.by_source);
    l.table("By topic", &r.by_topic);
    l.table("By month", &r.by_month);
    if let Some(s) = &r.coverage {
        l.coverage(s);
    }

    // Contents, each entry a link to its clipping.
    l.page_break();
    l.contents_at = l.here();
    l.paragraph(H1, "Contents", 0.0);
    l.space(8.0);
    let grouped = is_grouped(r);
    let mut k = 0;
    for g in &r.groups {
        if grouped {
            l.space(4.0);
            l.paragraph(LABEL, &format!("{} ({})", g.name, g.items.len()), 0.0);
        }
        for &i in &g.items {
            let c = &r.items[i].clipping;
            l.ensure(BODY.size * 1.4 + META.size * 1.4);
            let (page, top) = l.here();
            l.paragraph(BODY, &c.title, 10.0);
            let page_no = pages_of.get(k).map_or(0, |p| p + 1);
            l.paragraph(META, &format!("{} · page {page_no}", meta_line(c)), 10.0);
            if l.pages.len() - 1 == page {
                if let Some(area) = Rect::from_xywh(MARGIN, top, WIDTH, l.y - top) {
                    l.links.push((page, area, k));
                }
            }
            k += 1;
        }
    }

    // The clippings.
    for g in &r.groups {
        l.page_break();
        l.group_starts.push(l.here());
        if grouped {
            l.paragraph(H1, &g.name, 0.0);
            l.space(6.0);
        }
        for &i in &g.items {
            l.clipping(&r.items[i].clipping);
        }
    }
}

fn is_grouped(r: &Report<'_>) -> bool {
    r.groups.len() > 1 || r.groups.iter().any(|g| !g.name.is_empty())
}

/// Bookmarks for a PDF reader's sidebar: summary, contents, then each group and clipping.
fn outline(l: &Layout<'_>, r: &Report<'_>) -> Outline {
    let to = |(page, y): (usize, f32)| XyzDestination::new(page, Point::from_xy(0.0, y));
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new("Summary".into(), to(l.summary_at)));
    outline.push_child(OutlineNode::new("Contents".into(), to(l.contents_at)));
    let grouped = is_grouped(r);
    let mut k = 0;
    for (g, &at) in r.groups.iter().zip(&l.group_starts) {
        let mut node = OutlineNode::new(g.name.clone(), to(at));
        for &i in &g.items {
            let Some(&start) = l.starts.get(k) else { break };
            let leaf = OutlineNode::new(r.items[i].clipping.title.clone(), to(start));
            if grouped {
                node.push_child(leaf);
            } else {
                outline.push_child(leaf);
            }
            k += 1;
        }
        if grouped {
            outline.push_child(node);
        }
    }
    outline
}

fn draw(l: &Layout<'_>, r: &Report<'_>, regular: &Face, bold: &Face) -> Result<Vec<u8>> {
    let mut doc = Document::new();
    let ink = |grey: bool| Fill {
        paint: if grey {
            rgb::Color::new(95, 99, 104).into()
        } else {
            rgb::Color::new(29, 29, 31).into()
        },
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    };
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| Error::invalid("pdf", "bad page size"))?;
    for (index, ops) in l.pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    style,
                    text,
                    rtl,
                } => {
                    s.set_fill(Some(ink(style.grey)));
                    let font = if style.bold {
                        bold.font.clone()
                    } else {
                        regular.font.clone()
                    };
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        style.size,
                        text,
                        false,
                        if *rtl {
                            TextDirection::RightToLeft
                        } else {
                            TextDirection::LeftToRight
                        },
                    );
                }
                Op::Rect { x, y, w, h, rgb } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            s.set_fill(Some(Fill {
                                paint: rgb::Color::new(rgb.0, rgb.1, rgb.2).into(),
                                opacity: NormalizedF32::ONE,
                                rule: Default::default(),
                            }));
                            s.draw_path(&path);
                        }
                    }
                }
                Op::Rule { y } => {
                    if let Some(rect) = Rect::from_xywh(MARGIN, *y, WIDTH, 0.6) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            s.set_fill(Some(Fill {
                                paint: rgb::Color::new(215, 215, 219).into(),
                                opacity: NormalizedF32::ONE,
                                rule: Default::default(),
                            }));
                            s.draw_path(&path);
                        }
                    }
                }
            }
        }
        s.finish();
        for (_, area, k) in l.links.iter().filter(|(p, _, _)| *p == index) {
            if let Some(&(page_to, y)) = l.starts.get(*k) {
                let target = Target::Destination(Destination::Xyz(XyzDestination::new(
                    page_to,
                    Point::from_xy(0.0, y),
                )));
                page.add_annotation(Annotation::new_link(
                    LinkAnnotation::new(*area, target),
                    None,
                ));
            }
        }
        page.finish();
    }
    doc.set_outline(outline(l, r));
    doc.finish()
        .map_err(|e| Error::invalid("pdf", format!("the PDF could not be made: {e:?}")))
}
