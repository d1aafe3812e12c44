//! A series as a spreadsheet: one row a period, one column a line, then a row for the rows
//! dated less precisely than the interval, one for the undated, and the totals, so the CSV
//! holds every figure of the chart it was saved from and adds up to the list.

use cuttings_core::coverage::Series;
use cuttings_core::error::{Error, Result};

/// What the cells hold: counts, or each line's share of the period (share of voice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count,
    Share,
}

fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = w
        .into_inner()
        .map_err(|e| Error::invalid("csv", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid("csv", e.to_string()))
}

fn err(e: ::csv::Error) -> Error {
    Error::invalid("csv", e.to_string())
}

/// The series as RFC 4180 CSV: `period,label,from,to,All,<line>...`. Shares are written as
/// fractions (0.25), the shortest text that reads back as the same number; the whole list's
/// column is always a count. Shares are per period, so the closing rows carry counts alone.
pub fn series_csv(s: &Series, measure: Measure) -> Result<String> {
    let mut w = writer();
    let mut head: Vec<String> = ["period", "label", "from", "to", "All"]
        .map(String::from)
        .to_vec();
    head.extend(s.lines.iter().map(|l| l.name.clone()));
    w.write_record(&head).map_err(err)?;
    for (i, b) in s.buckets.iter().enumerate() {
        let mut row = vec![
            b.key.clone(),
            b.label.clone(),
            b.from.clone(),
            b.to.clone(),
            s.all.counts[i].to_string(),
        ];
        row.extend(s.lines.iter().map(|l| match measure {
            Measure::Count => l.counts[i].to_string(),
            Measure::Share => l.share[i].to_string(),
        }));
        w.write_record(&row).map_err(err)?;
    }
    for (k, (key, label, all)) in s.all.beside().into_iter().enumerate() {
        let mut row = vec![
            key.to_string(),
            label.to_string(),
            String::new(),
            String::new(),
        ];
        row.push(all.to_string());
        row.extend(s.lines.iter().map(|l| l.beside()[k].2.to_string()));
        w.write_record(&row).map_err(err)?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings_core::coverage::{CoverageAsk, Every, Split};
    use cuttings_core::model::ClippingDraft;
    use cuttings_core::{Library, PartialDate};

    fn library() -> Library {
        let mut lib = Library::open_in_memory().unwrap();
        let rows = [
            ("2015-01-05", Some("BBC")),
            ("2015-01-20", Some("Reuters, London")),
            ("2015-03-02", Some("BBC")),
            ("2015-02", None),
            ("2015", Some("Reuters, London")),
        ];
        for (i, (date, source)) in rows.into_iter().enumerate() {
            lib.insert_clipping(&ClippingDraft {
                title: format!("Item {i}"),
                body: format!(
                    "Report number {i} on the harbour works and ward {}.",
                    i * 17
                ),
                source: source.map(str::to_string),
                published: Some(PartialDate::parse_iso(date).unwrap()),
                ..Default::default()
            })
            .unwrap();
        }
        lib
    }

    /// A chart's CSV read back gives its series' figures, cell for cell.
    #[test]
    fn the_csv_reads_back_as_the_series() {
        let lib = library();
        let s = lib
            .coverage(&CoverageAsk {
                every: Every::Month,
                by: Split::Source,
                ..CoverageAsk::default()
            })
            .unwrap();
        for measure in [Measure::Count, Measure::Share] {
            let text = series_csv(&s, measure).unwrap();
            let mut r = ::csv::Reader::from_reader(text.as_bytes());
            let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
            let names: Vec<&str> = s.lines.iter().map(|l| l.name.as_str()).collect();
            assert_eq!(
                head[4..],
                *["All"].iter().chain(&names).copied().collect::<Vec<_>>()
            );
            let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
            assert_eq!(rows.len(), s.buckets.len() + 3);
            for (i, b) in s.buckets.iter().enumerate() {
                assert_eq!(&rows[i][0], b.key);
                assert_eq!(rows[i][4].parse::<i64>().unwrap(), s.all.counts[i]);
                for (j, l) in s.lines.iter().enumerate() {
                    let cell = &rows[i][5 + j];
                    match measure {
                        Measure::Count => assert_eq!(cell.parse::<i64>().unwrap(), l.counts[i]),
                        Measure::Share => assert_eq!(cell.parse::<f64>().unwrap(), l.share[i]),
                    }
                }
            }
            let n = s.buckets.len();
            assert_eq!(&rows[n][0], "coarser");
            assert_eq!(rows[n][4].parse::<i64>().unwrap(), 1);
            assert_eq!(&rows[n + 2][0], "total");
            assert_eq!(rows[n + 2][4].parse::<i64>().unwrap(), 5);
        }
        // A source name with a comma stays one cell.
        assert!(series_csv(&s, Measure::Count)
            .unwrap()
            .contains("\"Reuters, London\""));
    }
}
