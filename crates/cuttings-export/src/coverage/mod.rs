//! Coverage figures written out: a series as the CSV a chart saves, and (for the reports)
//! the charts themselves as SVG. The figures come from `cuttings_core::coverage`; nothing is
//! counted here.

mod csv;
mod svg;

pub use self::csv::{series_csv, Measure};
pub use svg::{bars_svg, colour, time_svg, PALETTE};

use std::path::Path;

use cuttings_core::coverage::{CoverageAsk, Every, Split};
use cuttings_core::date::PartialDate;
use cuttings_core::error::Result;
use cuttings_core::search::Filter;

/// The question a report's coverage section answers: the export's filter by source, its
/// largest eight, per day, week, month or year as the clippings' dates span (a fortnight by
/// day, half a year by week, six years by month, longer by year), so the chart has enough
/// columns to show a shape and few enough to read.
pub fn report_ask(
    filter: &Filter,
    first: Option<PartialDate>,
    last: Option<PartialDate>,
) -> CoverageAsk {
    let days = match (first, last) {
        (Some(a), Some(b)) => (b.last_day() - a.first_day()).num_days(),
        _ => 0,
    };
    let every = if days <= 31 {
        Every::Day
    } else if days <= 183 {
        Every::Week
    } else if days <= 2192 {
        Every::Month
    } else {
        Every::Year
    };
    CoverageAsk {
        filter: filter.clone(),
        every,
        by: Split::Source,
        top: 8,
        ..CoverageAsk::default()
    }
}

/// Writes a saved chart (PNG, SVG) or its CSV to `path` through a temporary file beside it,
/// replacing what the user chose to replace in the save dialog.
pub fn save_chart_file(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::dest::write_file(path, true, bytes)
}
