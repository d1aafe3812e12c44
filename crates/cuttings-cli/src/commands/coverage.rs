//! `cuttings coverage`: the core's coverage series and story spread, printed as a table, CSV
//! or JSON.

use std::process::ExitCode;

use anyhow::Result;
use cuttings_core::coverage::{CoverageAsk, Every, Series, Split, Spread};
use cuttings_core::Library;
use cuttings_export::coverage::{series_csv, Measure};

use super::list;
use crate::cli::{ByArg, CoverageArgs, EveryArg};
use crate::output::print_json;

pub fn run(lib: &Library, a: &CoverageArgs, json: bool) -> Result<ExitCode> {
    let mut filter = list::filter(a.search.as_deref(), &a.filter)?;
    filter.group_copies |= a.stories;
    if a.spread {
        let spread = lib.spread(&filter, a.top as usize)?;
        if json {
            print_json(&serde_json::to_value(&spread)?);
        } else {
            print_spread(&spread);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let ask = CoverageAsk {
        filter,
        every: match a.every {
            EveryArg::Day => Every::Day,
            EveryArg::Week => Every::Week,
            EveryArg::Month => Every::Month,
            EveryArg::Year => Every::Year,
        },
        by: match a.by {
            ByArg::None => Split::None,
            ByArg::Source => Split::Source,
            ByArg::Topic => Split::Topic,
            ByArg::Saved => Split::Saved,
        },
        depth: a.depth,
        top: a.top,
        only: a.only.clone(),
        rest: !a.no_rest,
    };
    let series = lib.coverage(&ask)?;
    let measure = if a.shares {
        Measure::Share
    } else {
        Measure::Count
    };
    if a.csv {
        let text = series_csv(&series, measure)?;
        say!("{}", text.strip_suffix("\r\n").unwrap_or(&text));
    } else if json {
        print_json(&serde_json::to_value(&series)?);
    } else {
        print_series(&series, measure);
    }
    Ok(ExitCode::SUCCESS)
}

/// A table a terminal shows: a row a period, a column a line, then the rows no period holds.
fn print_series(s: &Series, measure: Measure) {
    let what = if s.stories { "stories" } else { "clippings" };
    if s.all.total == 0 {
        say!("no {what} match");
        return;
    }
    let label_width = s
        .buckets
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = label_width.max(22);
    let mut head = format!("{what:<label_width$}  {:>8}", "All");
    let widths: Vec<usize> = s
        .lines
        .iter()
        .map(|l| l.name.chars().count().clamp(6, 24))
        .collect();
    for (l, w) in s.lines.iter().zip(&widths) {
        let name: String = l.name.chars().take(*w).collect();
        head.push_str(&format!("  {name:>w$}"));
    }
    say!("{head}");
    let cell = |l: &cuttings_core::coverage::Line, i: usize| match measure {
        Measure::Count => l.counts[i].to_string(),
        Measure::Share => format!("{:.1}%", l.share[i] * 100.0),
    };
    for (i, b) in s.buckets.iter().enumerate() {
        let mut row = format!("{:<label_width$}  {:>8}", b.label, s.all.counts[i]);
        for (l, w) in s.lines.iter().zip(&widths) {
            row.push_str(&format!("  {:>w$}", cell(l, i)));
        }
        say!("{row}");
    }
    for (k, (key, label, all)) in s.all.beside().into_iter().enumerate() {
        if key != "total" && all == 0 {
            continue;
        }
        let name = label.to_lowercase();
        let mut row = format!("{name:<label_width$}  {all:>8}");
        for (l, w) in s.lines.iter().zip(&widths) {
            row.push_str(&format!("  {:>w$}", l.beside()[k].2));
        }
        say!("{row}");
    }
}

fn days(d: Option<f64>) -> String {
    match d {
        Some(1.0) => "1 day".into(),
        Some(d) => format!("{d} days"),
        None => "-".into(),
    }
}

fn print_spread(s: &Spread) {
    say!(
        "{} stories, {} carried by more than one clipping; {} pickups ({} the same day), median delay {}",
        s.stories,
        s.carried,
        s.pickups,
        s.same_day,
        days(s.median_delay_days)
    );
    if !s.outlets.is_empty() {
        say!("");
        say!(
            "{:<32}  {:>6}  {:>8}  median delay",
            "source",
            "first",
            "pickups"
        );
    }
    for o in &s.outlets {
        say!(
            "{:<32}  {:>6}  {:>8}  {}",
            o.name,
            o.first,
            o.pickups,
            days(o.median_delay_days)
        );
    }
    for w in &s.widest {
        say!("");
        say!(
            "story {}  {}  ({} copies, {} outlets)",
            w.story,
            w.first.title,
            w.pickups.len() + 1,
            w.outlets
        );
        say!(
            "  first  {:<12}  {}",
            w.first.date_label,
            w.first.source.as_deref().unwrap_or("(no source)")
        );
        for p in &w.pickups {
            let delay = p
                .delay_days
                .map(|d| format!("+{d}d"))
                .unwrap_or_else(|| "?".into());
            say!(
                "  {delay:>5}  {:<12}  {:<24}  {}",
                p.date_label,
                p.source.as_deref().unwrap_or("(no source)"),
                p.title
            );
        }
    }
}
