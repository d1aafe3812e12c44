//! Coverage figures written out: a series as the CSV a chart saves, and (for the reports)
//! the charts themselves as SVG. The figures come from `cuttings_core::coverage`; nothing is
//! counted here.

mod csv;

pub use self::csv::{series_csv, spread_csv, Measure};
