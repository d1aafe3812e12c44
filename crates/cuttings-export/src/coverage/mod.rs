//! Coverage figures written out: a series as the CSV a chart saves, and (for the reports)
//! the charts themselves as SVG. The figures come from `cuttings_core::coverage`; nothing is
//! counted here.

mod csv;

pub use self::csv::{series_csv, spread_csv, Measure};

use std::path::Path;

use cuttings_core::error::Result;

/// Writes a saved chart (PNG, SVG) or its CSV to `path` through a temporary file beside it,
/// replacing what the user chose to replace in the save dialog.
pub fn save_chart_file(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::dest::write_file(path, true, bytes)
}
