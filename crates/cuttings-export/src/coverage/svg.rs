//! A coverage series drawn as SVG for the reports: columns over time (stacked by source when
//! the lines add up to the whole, else lines), and bars of the lines' totals. Plain SVG 1.1
//! with text as text, so the charts stay sharp in print, in a PDF reader and in an e-book,
//! and a reader can copy the figures. Colours match the window's Analysis view.

use std::fmt::Write as _;

use cuttings_core::coverage::{Line, LineKind, Series};

use crate::text::escape;

/// The window's palette (`ui/src/lib/coverage.ts`): named lines in order, then greys for
/// "Other" and rows without a source or topic.
pub const PALETTE: [&str; 10] = [
    "#1f5f8b", "#e07b39", "#2f9e7a", "#c2475a", "#6b58a6", "#c9a227", "#3fa7d6", "#8c6d4f",
    "#d16ba5", "#5c7d2e",
];
const OTHER: &str = "#9aa3ad";
const WITHOUT: &str = "#c9ced4";
const ALL: &str = "#26323d";
const INK: &str = "#3a4652";
const GRID: &str = "#e6e9ed";
const FONT: &str = "Noto Sans, DejaVu Sans, Segoe UI, Arial, sans-serif";

pub fn colour(line: &Line, i: usize) -> &'static str {
    match line.kind {
        LineKind::Other => OTHER,
        LineKind::Without => WITHOUT,
        LineKind::All => ALL,
        LineKind::Member => PALETTE[i % PALETTE.len()],
    }
}

/// A round step for an axis reaching `max` in about five steps: 1, 2 or 5 times a power of ten.
fn step(max: i64) -> i64 {
    let raw = (max.max(1) as f64 / 5.0).max(1.0);
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    (k * p).round() as i64
}

fn open(svg: &mut String, width: u32, height: u32, label: &str) {
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONT}\" font-size=\"11\">",
        escape(label)
    );
    let _ = write!(svg, "<title>{}</title>", escape(label));
}

/// The series over time: a column a period (the lines stacked in it when they add up to the
/// whole, else the whole list's column with a line a member), a value axis, period labels
/// thinned to fit, and a legend.
pub fn time_svg(s: &Series, label: &str, width: u32, height: u32) -> String {
    let mut svg = String::with_capacity(8192 + s.buckets.len() * 200);
    open(&mut svg, width, height, label);
    let lines: Vec<(usize, &Line)> = s.lines.iter().enumerate().collect();
    let legend_rows = if lines.is_empty() {
        0
    } else {
        lines.len().div_ceil(4)
    };
    let (left, right, top, bottom) = (44.0, 12.0, 12.0 + 16.0 * legend_rows as f64, 30.0);
    let (w, h) = (width as f64 - left - right, height as f64 - top - bottom);
    let max = s.all.counts.iter().copied().max().unwrap_or(0).max(1);
    let st = step(max);
    let top_value = (max + st - 1) / st * st;
    let y = |v: f64| top + h - v / top_value as f64 * h;
    // Legend.
    for (k, (i, l)) in lines.iter().enumerate() {
        let (lx, ly) = (
            left + (k % 4) as f64 * (w / 4.0),
            6.0 + 16.0 * (k / 4) as f64,
        );
        let name: String = l.name.chars().take(26).collect();
        let _ = write!(
            svg,
            "<rect x=\"{lx:.1}\" y=\"{ly:.1}\" width=\"10\" height=\"10\" rx=\"2\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">{}</text>",
            colour(l, *i),
            lx + 14.0,
            ly + 9.0,
            escape(&name)
        );
    }
    // Grid and value axis.
    let mut v = 0;
    while v <= top_value {
        let gy = y(v as f64);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{gy:.1}\" x2=\"{:.1}\" y2=\"{gy:.1}\" stroke=\"{GRID}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">{v}</text>",
            left + w,
            left - 6.0,
            gy + 4.0
        );
        v += st;
    }
    let n = s.buckets.len().max(1);
    let slot = w / n as f64;
    let col = (slot * 0.7).max(0.5);
    let stacked = s.adds_up && !lines.is_empty();
    for (p, _) in s.buckets.iter().enumerate() {
        let x = left + slot * p as f64 + (slot - col) / 2.0;
        if stacked {
            let mut base = 0.0;
            for (i, l) in &lines {
                let c = l.counts[p] as f64;
                if c > 0.0 {
                    let _ = write!(
                        svg,
                        "<rect x=\"{x:.2}\" y=\"{:.2}\" width=\"{col:.2}\" height=\"{:.2}\" fill=\"{}\"/>",
                        y(base + c),
                        y(base) - y(base + c),
                        colour(l, *i)
                    );
                }
                base += c;
            }
        } else {
            let c = s.all.counts[p] as f64;
            if c > 0.0 {
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.2}\" y=\"{:.2}\" width=\"{col:.2}\" height=\"{:.2}\" fill=\"{}\"/>",
                    y(c),
                    y(0.0) - y(c),
                    if lines.is_empty() { PALETTE[0] } else { GRID }
                );
            }
        }
    }
    if !stacked {
        for (i, l) in &lines {
            let points: Vec<String> = l
                .counts
                .iter()
                .enumerate()
                .map(|(p, c)| format!("{:.1},{:.1}", left + slot * (p as f64 + 0.5), y(*c as f64)))
                .collect();
            let _ = write!(
                svg,
                "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
                colour(l, *i),
                points.join(" ")
            );
        }
    }
    // Period labels, as many as fit.
    let every = ((n as f64 * 70.0 / w).ceil() as usize).max(1);
    for (p, b) in s.buckets.iter().enumerate().step_by(every) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            left + slot * (p as f64 + 0.5),
            top + h + 18.0,
            escape(&b.label)
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\"/></svg>",
        top + h,
        left + w,
        top + h
    );
    svg
}

/// The named lines' totals as horizontal bars, the largest at the top, each with its figure.
pub fn bars_svg(s: &Series, label: &str, width: u32) -> String {
    let members: Vec<(usize, &Line)> = s
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == LineKind::Member)
        .collect();
    let row = 24.0;
    let height = (members.len() as f64 * row + 8.0).max(32.0) as u32;
    let mut svg = String::with_capacity(1024 + members.len() * 300);
    open(&mut svg, width, height, label);
    let name_w = 150.0;
    let w = width as f64 - name_w - 60.0;
    let max = members
        .iter()
        .map(|(_, l)| l.total)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for (k, (i, l)) in members.iter().enumerate() {
        let ty = 4.0 + k as f64 * row;
        let bw = (l.total as f64 / max * w).max(1.0);
        let name: String = l.name.chars().take(24).collect();
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text><rect x=\"{name_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"16\" rx=\"2\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">{}</text>",
            name_w - 8.0,
            ty + 12.0,
            escape(&name),
            ty,
            colour(l, *i),
            name_w + bw + 6.0,
            ty + 12.0,
            l.total
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings_core::coverage::{Bucket, Every, Split};

    fn line(name: &str, kind: LineKind, counts: Vec<i64>) -> Line {
        let total = counts.iter().sum();
        Line {
            name: name.into(),
            kind,
            share: vec![0.0; counts.len()],
            counts,
            coarser: 0,
            undated: 0,
            total,
        }
    }

    fn series(adds_up: bool) -> Series {
        let buckets = ["Jan 2015", "Feb 2015", "Mar 2015"]
            .iter()
            .map(|l| Bucket {
                key: l.to_string(),
                label: l.to_string(),
                from: String::new(),
                to: String::new(),
            })
            .collect();
        Series {
            every: Every::Month,
            by: Split::Source,
            stories: false,
            buckets,
            all: line("All", LineKind::All, vec![3, 0, 5]),
            lines: vec![
                line("BBC <World>", LineKind::Member, vec![2, 0, 1]),
                line("Other", LineKind::Other, vec![1, 0, 4]),
            ],
            adds_up,
        }
    }

    #[test]
    fn columns_stack_the_lines_when_they_add_up_and_names_are_escaped() {
        let svg = time_svg(&series(true), "By source", 600, 240);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        // Two stacked pieces in January, none in February, two in March.
        assert_eq!(svg.matches("<rect x=").count() - 2, 4, "{svg}");
        assert!(svg.contains("BBC &lt;World&gt;"));
        assert!(svg.contains(PALETTE[0]) && svg.contains(OTHER));
        let lines = time_svg(&series(false), "By topic", 600, 240);
        assert_eq!(lines.matches("<polyline").count(), 2);
    }

    #[test]
    fn bars_leave_other_to_the_table_and_axes_take_round_steps() {
        let svg = bars_svg(&series(true), "Top sources", 500);
        assert!(svg.contains(">3</text>"));
        assert!(!svg.contains(">Other<"));
        assert_eq!((step(5), step(38), step(120), step(1)), (1, 10, 50, 1));
    }
}
