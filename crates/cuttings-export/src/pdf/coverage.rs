//! The PDF report's coverage section: the same series as the HTML report's charts, drawn as
//! vector rectangles and text (columns over time, stacked by source when the sources add up to
//! the whole; the top sources as bars), then its figures as tables.

use cuttings_core::coverage::{LineKind, Series};

use super::{Layout, Op, H1, H2, MARGIN, META, WIDTH};
use crate::coverage::colour;
use crate::report::Report;

/// `#rrggbb` as its three channels (black for anything else).
fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let at = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (at(0), at(2), at(4))
}

impl Layout<'_> {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: &str) {
        if w > 0.0 && h > 0.0 {
            self.pages.last_mut().expect("a page").push(Op::Rect {
                x,
                y,
                w,
                h,
                rgb: rgb(colour),
            });
        }
    }

    fn text_at(&mut self, x: f32, y: f32, text: &str) {
        self.pages.last_mut().expect("a page").push(Op::Text {
            x,
            y,
            style: META,
            text: text.to_string(),
            rtl: false,
        });
    }

    /// `text` cut to fit `max` points, with an ellipsis when cut.
    fn fit(&mut self, text: &str, max: f32) -> String {
        if self.width(META, text) <= max {
            return text.to_string();
        }
        let mut cut: Vec<char> = text.chars().collect();
        while !cut.is_empty() {
            cut.pop();
            let t = format!("{}…", cut.iter().collect::<String>().trim_end());
            if self.width(META, &t) <= max {
                return t;
            }
        }
        String::new()
    }

    pub(super) fn coverage(&mut self, s: &Series) {
        let title = Report::coverage_title(s);
        self.page_break();
        self.paragraph(H1, "Coverage", 0.0);
        self.space(4.0);
        self.paragraph(H2, &title, 0.0);
        self.space(4.0);
        let members: Vec<(usize, &cuttings_core::coverage::Line)> =
            s.lines.iter().enumerate().collect();
        // The legend, four names a row.
        for row in members.chunks(4) {
            self.ensure(14.0);
            let y = self.y;
            for (k, (i, l)) in row.iter().enumerate() {
                let x = MARGIN + k as f32 * (WIDTH / 4.0);
                self.rect(x, y + 1.0, 8.0, 8.0, colour(l, *i));
                let name = self.fit(&l.name, WIDTH / 4.0 - 18.0);
                self.text_at(x + 12.0, y + 8.5, &name);
            }
            self.y += 14.0;
        }
        // Columns.
        let (chart_h, axis_w, label_h) = (150.0, 30.0, 14.0);
        self.ensure(chart_h + label_h + 8.0);
        let (top, left, w) = (self.y + 4.0, MARGIN + axis_w, WIDTH - axis_w);
        let max = s.all.counts.iter().copied().max().unwrap_or(0).max(1) as f32;
        let n = s.buckets.len().max(1);
        let slot = w / n as f32;
        let col = (slot * 0.7).max(0.4);
        let bottom = top + chart_h;
        self.rect(left, bottom, w, 0.6, "#3a4652");
        self.text_at(MARGIN, top + 6.0, &(max as i64).to_string());
        self.text_at(MARGIN, bottom, "0");
        let stacked = s.adds_up && !members.is_empty();
        for p in 0..s.buckets.len() {
            let x = left + slot * p as f32 + (slot - col) / 2.0;
            if stacked {
                let mut base = 0.0;
                for (i, l) in &members {
                    let hgt = l.counts[p] as f32 / max * chart_h;
                    self.rect(x, bottom - base - hgt, col, hgt, colour(l, *i));
                    base += hgt;
                }
            } else {
                let hgt = s.all.counts[p] as f32 / max * chart_h;
                self.rect(x, bottom - hgt, col, hgt, crate::coverage::PALETTE[0]);
            }
        }
        let every = ((n as f32 * 60.0 / w).ceil() as usize).max(1);
        for (p, b) in s.buckets.iter().enumerate().step_by(every) {
            let label = b.label.clone();
            let lw = self.width(META, &label);
            let x = (left + slot * (p as f32 + 0.5) - lw / 2.0).max(MARGIN);
            self.text_at(x, bottom + 11.0, &label);
        }
        self.y = bottom + label_h + 10.0;
        // The top sources as bars.
        let named: Vec<(usize, &cuttings_core::coverage::Line)> = members
            .iter()
            .copied()
            .filter(|(_, l)| l.kind == LineKind::Member)
            .collect();
        if !named.is_empty() {
            self.ensure(40.0);
            self.paragraph(H2, "Top sources", 0.0);
            self.space(2.0);
            let most = named.iter().map(|(_, l)| l.total).max().unwrap_or(1).max(1) as f32;
            let name_w = 140.0;
            for (i, l) in named {
                self.ensure(16.0);
                let y = self.y;
                let name = self.fit(&l.name, name_w - 8.0);
                self.text_at(MARGIN, y + 9.0, &name);
                let bw = (l.total as f32 / most * (WIDTH - name_w - 40.0)).max(1.0);
                self.rect(MARGIN + name_w, y + 1.0, bw, 10.0, colour(l, i));
                self.text_at(MARGIN + name_w + bw + 4.0, y + 9.0, &l.total.to_string());
                self.y += 16.0;
            }
            self.space(8.0);
        }
        // Every figure, as the HTML report's table has them.
        let unit = if s.stories { "stories" } else { "clippings" };
        let mut rows: Vec<(String, usize)> = s
            .buckets
            .iter()
            .zip(&s.all.counts)
            .map(|(b, n)| (b.label.clone(), *n as usize))
            .collect();
        for (key, label, n) in s.all.beside() {
            if key != "total" && n > 0 {
                rows.push((label.to_string(), n as usize));
            }
        }
        self.table(&format!("All {unit} by period"), &rows);
        let totals: Vec<(String, usize)> = s
            .lines
            .iter()
            .map(|l| (l.name.clone(), l.total as usize))
            .collect();
        if !totals.is_empty() {
            self.table(&format!("All {unit} by source"), &totals);
        }
    }
}
