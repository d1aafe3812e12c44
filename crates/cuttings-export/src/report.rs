//! The clipping report: a cover, summary tables, contents, then every clipping in full,
//! grouped by topic, source or month. The HTML form is written here; the EPUB and PDF read the
//! same [`Report`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Local;

use super::coverage::{bars_svg, time_svg};
use super::text::{escape, escape_into, human_date, month_name, paragraphs};
use super::{GroupBy, Item};
use cuttings_core::coverage::{Every, LineKind, Series};
use cuttings_core::date::PartialDate;
use cuttings_core::model::Clipping;

pub(crate) struct Group {
    /// Empty when the report is not grouped.
    pub name: String,
    /// Indexes into the items, in the export's order.
    pub items: Vec<usize>,
}

pub(crate) struct Report<'a> {
    pub title: String,
    pub items: &'a [Item],
    pub groups: Vec<Group>,
    pub by_source: Vec<(String, usize)>,
    pub by_topic: Vec<(String, usize)>,
    pub by_month: Vec<(String, usize)>,
    pub earliest: Option<PartialDate>,
    pub latest: Option<PartialDate>,
    pub undated: usize,
    pub exported_on: String,
    /// The coverage section's series, when asked for.
    pub coverage: Option<Series>,
}

const NO_SOURCE: &str = "Source unknown";
const NO_TOPIC: &str = "No topic";
const NO_DATE: &str = "Date unknown";

fn month_key(d: Option<PartialDate>) -> String {
    match d {
        None => NO_DATE.into(),
        Some(d) => match d.month_value() {
            Some(m) => format!("{} {}", month_name(m), d.year_value()),
            None => format!("{} (month unknown)", d.year_value()),
        },
    }
}

/// Counts by name, busiest first, then by name; a fixed "unknown" row goes last.
fn ranked(counts: BTreeMap<String, usize>, unknown: &str) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| {
        (a.0 == unknown)
            .cmp(&(b.0 == unknown))
            .then(b.1.cmp(&a.1))
            .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    v
}

impl<'a> Report<'a> {
    pub fn new(title: &str, items: &'a [Item], group_by: GroupBy) -> Report<'a> {
        let mut by_source = BTreeMap::new();
        let mut by_topic = BTreeMap::new();
        // Months in time order, whatever the export's order.
        let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        let (mut year_only, mut undated) = (BTreeMap::new(), 0);
        let (mut earliest, mut latest): (Option<PartialDate>, Option<PartialDate>) = (None, None);
        for it in items {
            let c = &it.clipping;
            *by_source
                .entry(c.source.clone().unwrap_or_else(|| NO_SOURCE.into()))
                .or_insert(0) += 1;
            if c.tags.is_empty() {
                *by_topic.entry(NO_TOPIC.to_string()).or_insert(0) += 1;
            }
            for t in &c.tags {
                *by_topic.entry(t.clone()).or_insert(0) += 1;
            }
            match c.published {
                Some(d) => {
                    match d.month_value() {
                        Some(m) => *months.entry((d.year_value(), m)).or_insert(0) += 1,
                        None => *year_only.entry(d.year_value()).or_insert(0) += 1,
                    }
                    if earliest.is_none_or(|e| d.first_day() < e.first_day()) {
                        earliest = Some(d);
                    }
                    if latest.is_none_or(|l| d.last_day() > l.last_day()) {
                        latest = Some(d);
                    }
                }
                None => undated += 1,
            }
        }
        let mut by_month: Vec<(String, usize)> = months
            .into_iter()
            .map(|((y, m), n)| (format!("{} {y}", month_name(m)), n))
            .collect();
        by_month.extend(
            year_only
                .into_iter()
                .map(|(y, n)| (format!("{y} (month unknown)"), n)),
        );
        if undated > 0 {
            by_month.push((NO_DATE.into(), undated));
        }
        let groups = group(items, group_by);
        Report {
            title: title.to_string(),
            items,
            groups,
            by_source: ranked(by_source, NO_SOURCE),
            by_topic: ranked(by_topic, NO_TOPIC),
            by_month,
            earliest,
            latest,
            undated,
            exported_on: human_date(Some(PartialDate::from_naive(Local::now().date_naive()))),
            coverage: None,
        }
    }

    pub fn with_coverage(self, series: Series) -> Report<'a> {
        Report {
            coverage: Some(series),
            ..self
        }
    }

    /// What the coverage chart is of, as its caption reads.
    pub fn coverage_title(s: &Series) -> String {
        let every = match s.every {
            Every::Day => "day",
            Every::Week => "week",
            Every::Month => "month",
            Every::Year => "year",
        };
        let what = if s.stories { "Stories" } else { "Clippings" };
        format!("{what} per {every}, by source")
    }

    /// The coverage section: the chart over time and the top sources as SVG, then every
    /// figure in a table (the periods, then what no period holds), as the window shows them.
    pub fn coverage_section(&self, h: &mut String) {
        let Some(s) = &self.coverage else {
            return;
        };
        let title = Self::coverage_title(s);
        h.push_str("<section class=\"coverage\" id=\"coverage\">\n<h2>Coverage</h2>\n<figure>\n");
        h.push_str(&time_svg(s, &title, 720, 280));
        let _ = write!(
            h,
            "\n<figcaption>{}</figcaption>\n</figure>\n",
            escape(&title)
        );
        if s.lines.iter().any(|l| l.kind == LineKind::Member) {
            h.push_str("<figure>\n");
            h.push_str(&bars_svg(s, "Top sources", 720));
            h.push_str("\n<figcaption>Top sources</figcaption>\n</figure>\n");
        }
        let unit = if s.stories { "Stories" } else { "Clippings" };
        let _ = write!(
            h,
            "<table class=\"coverage-table\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Period</th><th scope=\"col\" class=\"n\">{unit}</th>",
            escape(&title)
        );
        for l in &s.lines {
            h.push_str("<th scope=\"col\" class=\"n\" dir=\"auto\">");
            escape_into(h, &l.name);
            h.push_str("</th>");
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        let row = |h: &mut String, label: &str, all: i64, cells: Vec<i64>| {
            h.push_str("<tr><td>");
            escape_into(h, label);
            let _ = write!(h, "</td><td class=\"n\">{all}</td>");
            for c in cells {
                let _ = write!(h, "<td class=\"n\">{c}</td>");
            }
            h.push_str("</tr>\n");
        };
        for (i, b) in s.buckets.iter().enumerate() {
            row(
                h,
                &b.label,
                s.all.counts[i],
                s.lines.iter().map(|l| l.counts[i]).collect(),
            );
        }
        for (k, (key, label, all)) in s.all.beside().into_iter().enumerate() {
            if key == "total" || all > 0 {
                row(
                    h,
                    label,
                    all,
                    s.lines.iter().map(|l| l.beside()[k].2).collect(),
                );
            }
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }

    /// "7 April 2015 to March 2016", plus how many are undated.
    pub fn range_text(&self) -> String {
        let range = match (self.earliest, self.latest) {
            (Some(a), Some(b)) if a == b => human_date(Some(a)),
            (Some(a), Some(b)) => format!("{} to {}", human_date(Some(a)), human_date(Some(b))),
            _ => "no dated clippings".into(),
        };
        match self.undated {
            0 => range,
            n if n == self.items.len() => "dates unknown".into(),
            n => format!("{range} ({n} undated)"),
        }
    }

    pub fn count_text(&self) -> String {
        match self.items.len() {
            1 => "1 clipping".into(),
            n => format!("{n} clippings"),
        }
    }

    /// The three summary tables (valid as XHTML too, for the e-book).
    pub fn summary_tables(&self, h: &mut String) {
        for (class, caption, head, rows) in [
            ("by-source", "By source", "Source", &self.by_source),
            ("by-topic", "By topic", "Topic", &self.by_topic),
            ("by-month", "By month", "Month", &self.by_month),
        ] {
            let _ = write!(
                h,
                "<table class=\"{class}\">\n<caption>{caption}</caption>\n<thead><tr><th scope=\"col\">{head}</th><th scope=\"col\" class=\"n\">Clippings</th></tr></thead>\n<tbody>\n"
            );
            for (name, n) in rows.iter() {
                h.push_str("<tr><td dir=\"auto\">");
                escape_into(h, name);
                let _ = writeln!(h, "</td><td class=\"n\">{n}</td></tr>");
            }
            h.push_str("</tbody>\n</table>\n");
        }
    }

    pub fn html(&self) -> String {
        let mut h = String::with_capacity(self.items.len() * 5000 + 8192);
        let t = escape(&self.title);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"Cuttings\">\n<title>{t}</title>\n<style>{CSS}</style>\n\
             </head>\n<body>\n<header class=\"cover\" id=\"cover\">\n\
             <p class=\"kind\">Clipping report</p>\n<h1 class=\"collection\" dir=\"auto\">{t}</h1>\n\
             <p class=\"range\">{}</p>\n<p class=\"count\">{}</p>\n<p class=\"exported\">Exported {}</p>\n</header>\n",
            escape(&self.range_text()),
            escape(&self.count_text()),
            escape(&self.exported_on)
        );
        h.push_str("<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n");
        self.summary_tables(&mut h);
        h.push_str("</section>\n");
        self.coverage_section(&mut h);
        h.push_str("<nav class=\"toc\" id=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
        let grouped = self.groups.len() > 1 || self.groups.iter().any(|g| !g.name.is_empty());
        for (gi, g) in self.groups.iter().enumerate() {
            if grouped {
                let _ = write!(
                    h,
                    "<li class=\"group\"><a href=\"#g{}\" dir=\"auto\">{}</a> <span class=\"n\">({})</span>\n<ol>\n",
                    gi + 1,
                    escape(&g.name),
                    g.items.len()
                );
            }
            for &i in &g.items {
                let c = &self.items[i].clipping;
                let _ = writeln!(
                    h,
                    "<li><a href=\"#c{}\" dir=\"auto\">{}</a> <span class=\"meta\">{}</span></li>",
                    c.id,
                    escape(&c.title),
                    escape(&meta_line(c))
                );
            }
            if grouped {
                h.push_str("</ol>\n</li>\n");
            }
        }
        h.push_str("</ol>\n</nav>\n<main>\n");
        for (gi, g) in self.groups.iter().enumerate() {
            if grouped {
                let _ = writeln!(
                    h,
                    "<section class=\"group\" id=\"g{}\">\n<h2 dir=\"auto\">{}</h2>",
                    gi + 1,
                    escape(&g.name)
                );
            }
            for &i in &g.items {
                let item = &self.items[i];
                article(
                    &mut h,
                    &item.clipping,
                    &item.also,
                    if grouped { 3 } else { 2 },
                );
            }
            if grouped {
                h.push_str("</section>\n");
            }
        }
        h.push_str("</main>\n</body>\n</html>\n");
        h
    }
}

/// "SANA · 7 April 2015": source and date for contents lines.
pub(crate) fn meta_line(c: &Clipping) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &c.source {
        parts.push(s.clone());
    }
    parts.push(human_date(c.published));
    parts.join(" · ")
}

fn group(items: &[Item], by: GroupBy) -> Vec<Group> {
    let key = |c: &Clipping| -> String {
        match by {
            GroupBy::None => String::new(),
            GroupBy::Topic => c.tags.first().cloned().unwrap_or_else(|| NO_TOPIC.into()),
            GroupBy::Source => c.source.clone().unwrap_or_else(|| NO_SOURCE.into()),
            GroupBy::Month => month_key(c.published),
        }
    };
    let mut order: Vec<String> = Vec::new();
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let k = key(&it.clipping);
        let slot = members.entry(k.clone()).or_default();
        if slot.is_empty() {
            order.push(k);
        }
        slot.push(i);
    }
    match by {
        // Months follow the export's order (newest first for a date sort).
        GroupBy::Month | GroupBy::None => {}
        GroupBy::Topic | GroupBy::Source => {
            let unknown = if by == GroupBy::Topic {
                NO_TOPIC
            } else {
                NO_SOURCE
            };
            order.sort_by(|a, b| {
                (a == unknown)
                    .cmp(&(b == unknown))
                    .then_with(|| a.to_lowercase().cmp(&b.to_lowercase()))
            });
        }
    }
    order
        .into_iter()
        .map(|name| Group {
            items: members.remove(&name).unwrap_or_default(),
            name,
        })
        .collect()
}

/// One clipping in full. Every piece of text decides its own direction (`dir="auto"`), so an
/// Arabic headline reads right to left inside an English report.
pub(crate) fn article(h: &mut String, c: &Clipping, also: &[String], level: u8) {
    let _ = write!(h, "<article class=\"clipping\" id=\"c{}\"", c.id);
    if let Some(lang) = c.language.as_deref().filter(|l| valid_lang(l)) {
        let _ = write!(h, " lang=\"{}\"", escape(lang));
    }
    let _ = write!(h, ">\n<h{level} class=\"headline\" dir=\"auto\">");
    escape_into(h, &c.title);
    let _ = writeln!(h, "</h{level}>");
    if let Some(s) = &c.standfirst {
        h.push_str("<p class=\"standfirst\" dir=\"auto\">");
        escape_into(h, s);
        h.push_str("</p>\n");
    }
    h.push_str("<dl class=\"meta\">\n");
    let field = |h: &mut String, class: &str, label: &str, value: &str| {
        let _ = writeln!(
            h,
            "<dt>{label}</dt><dd class=\"{class}\" dir=\"auto\">{}</dd>",
            escape(value)
        );
    };
    if let Some(s) = &c.source {
        field(h, "source", "Source", s);
    }
    match c.published {
        Some(d) => {
            let _ = writeln!(
                h,
                "<dt>Date</dt><dd class=\"date\"><time datetime=\"{d}\">{}</time></dd>",
                escape(&human_date(Some(d)))
            );
        }
        None => h.push_str("<dt>Date</dt><dd class=\"date unknown\">date unknown</dd>\n"),
    }
    if !c.authors.is_empty() {
        field(h, "byline", "By", &c.authors.join(", "));
    }
    if let Some(p) = &c.place {
        field(h, "place", "Place", p);
    }
    if !also.is_empty() {
        field(h, "also", "Also carried by", &also.join("; "));
    }
    for (class, label, v) in [
        ("section", "Section", &c.section),
        ("page", "Page", &c.page),
    ] {
        if let Some(v) = v {
            field(h, class, label, v);
        }
    }
    if let Some(u) = &c.url {
        match link_target(u) {
            Some(href) => {
                let _ = writeln!(
                    h,
                    "<dt>Address</dt><dd class=\"url\"><a href=\"{}\">{}</a></dd>",
                    escape(&href),
                    escape(u)
                );
            }
            None => field(h, "url", "Address", u),
        }
    }
    if !c.tags.is_empty() {
        h.push_str("<dt>Tags</dt><dd class=\"tags\">");
        for t in &c.tags {
            h.push_str("<span class=\"tag\" dir=\"auto\">");
            escape_into(h, t);
            h.push_str("</span> ");
        }
        h.push_str("</dd>\n");
    }
    h.push_str("</dl>\n<div class=\"body\">\n");
    for p in paragraphs(&c.body) {
        h.push_str("<p dir=\"auto\">");
        line_breaks(h, p);
        h.push_str("</p>\n");
    }
    h.push_str("</div>\n");
    if !c.notes.is_empty() {
        let _ = writeln!(
            h,
            "<aside class=\"notes\">\n<h{} class=\"notes-title\">Notes</h{0}>",
            level + 1
        );
        for n in &c.notes {
            // Rendered once in the core, as the window shows it: safe HTML, links to the web only.
            h.push_str("<div class=\"note\" dir=\"auto\">\n");
            h.push_str(&n.html);
            h.push('\n');
            let _ = writeln!(
                h,
                "<p class=\"note-time\">{}</p>\n</div>",
                escape(&n.created_at.format("%-d %B %Y %H:%M UTC").to_string())
            );
        }
        h.push_str("</aside>\n");
    }
    h.push_str("</article>\n");
}

/// A web address fit for `href`: only http(s), so a stored `javascript:` address can never run,
/// with every character a URI may not hold percent-encoded (EPUB checkers insist).
pub(crate) fn link_target(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Some(out)
}

fn line_breaks(h: &mut String, p: &str) {
    for (i, line) in p.lines().enumerate() {
        if i > 0 {
            h.push_str("<br/>");
        }
        escape_into(h, line.trim());
    }
}

/// A language tag shape worth putting in `lang` (letters, digits, hyphens).
pub(crate) fn valid_lang(l: &str) -> bool {
    !l.is_empty()
        && l.len() <= 35
        && l.split('-').all(|p| !p.is_empty() && p.len() <= 8)
        && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && l.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

pub(crate) const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d7d7db; --accent: #8a1c1c; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif", "DejaVu Serif", Georgia, "Times New Roman", serif; color: var(--ink);
  max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; line-height: 1.55; }
h1, h2, h3, h4, th, .meta, .kind, dt, .toc { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
.cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; border-bottom: 3px solid var(--accent); margin-bottom: 2rem; }
.cover .kind { text-transform: uppercase; letter-spacing: .12em; color: var(--accent); margin: 0; }
.cover h1 { font-size: 2.4rem; margin: .3rem 0 1rem; }
.cover p { margin: .2rem 0; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
.coverage figure { margin: 1rem 0 1.5rem; }
.coverage svg { width: 100%; height: auto; display: block; }
.coverage figcaption { font-size: .85rem; color: var(--muted); margin-top: .3rem; }
.coverage-table { font-size: .85rem; }
.coverage-table td.n, .coverage-table th.n { text-align: end; font-variant-numeric: tabular-nums; }
caption { text-align: start; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .5rem; text-align: start; }
.n { text-align: end; width: 7rem; font-variant-numeric: tabular-nums; }
.toc ol { padding-inline-start: 1.4rem; }
.toc li { margin: .15rem 0; }
.toc .meta { color: var(--muted); font-size: .85em; }
.group > h2 { border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 3rem; }
article.clipping { border-top: 1px solid var(--rule); padding-top: 1.5rem; margin-top: 2rem; }
.headline { margin: 0 0 .5rem; line-height: 1.25; }
.standfirst { font-style: italic; color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; font-size: .9em; color: var(--muted); }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.tag { display: inline-block; border: 1px solid var(--rule); border-radius: .6rem; padding: 0 .45rem; margin: 0 .2rem .2rem 0; }
.notes { background: #f6f3ea; border-inline-start: 3px solid #c9b458; padding: .5rem 1rem; margin-top: 1rem; }
.note-time { font-size: .8em; color: var(--muted); }
a { color: var(--accent); }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .cover { min-height: 0; height: 90vh; }
  .cover, .summary, .toc { break-after: page; page-break-after: always; }
  .group > h2 { break-before: page; page-break-before: always; margin-top: 0; }
  article.clipping { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  .group > h2 + article.clipping { break-before: auto; page-break-before: auto; }
  h1, h2, h3, .headline { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .url a::after { content: ""; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
}
"#;
