//! `cuttings export` and `cuttings bench-export`.

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{anyhow, Result};
use cuttings_core::{Error, Library};
use cuttings_export::{export, ExportRequest, Format, GroupBy};
use serde_json::json;

use crate::cli::{ExportArgs, ExportFormatArg, GroupByArg};
use crate::commands::list::{filter, sort};
use crate::output::{print_json, Bar};

fn format(f: ExportFormatArg) -> Format {
    match f {
        ExportFormatArg::Html => Format::Html,
        ExportFormatArg::Pdf => Format::Pdf,
        ExportFormatArg::Epub => Format::Epub,
        ExportFormatArg::Markdown => Format::Markdown,
        ExportFormatArg::Csv => Format::Csv,
        ExportFormatArg::Json => Format::Json,
        ExportFormatArg::CslJson => Format::CslJson,
        ExportFormatArg::Ris => Format::Ris,
    }
}

fn group_by(g: GroupByArg) -> GroupBy {
    match g {
        GroupByArg::Topic => GroupBy::Topic,
        GroupByArg::Source => GroupBy::Source,
        GroupByArg::Month => GroupBy::Month,
        GroupByArg::None => GroupBy::None,
    }
}

pub fn run(lib: &Library, a: &ExportArgs, json: bool) -> Result<ExitCode> {
    let query = match &a.saved {
        Some(name) => Some(
            lib.saved_searches()?
                .into_iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
                .ok_or_else(|| anyhow!("there is no saved search called '{name}'"))?
                .query,
        ),
        None => a.query.clone(),
    };
    let mut f = filter(query.as_deref(), &a.list)?;
    if !a.ids.is_empty() {
        f.ids = Some(a.ids.clone());
    }
    let req = ExportRequest {
        format: format(a.format),
        filter: f,
        // As `list` and `search` order them: newest first, or best match with search words.
        sort: sort(a.list.sort, query.is_some()),
        group_by: group_by(a.group_by),
        title: a.title.clone(),
        output: a.output.clone(),
        bom: a.bom,
        zip: a.zip,
        overwrite: a.force,
        coverage: a.coverage,
    };
    let bar = Bar::new("exporting", json);
    let cancel = AtomicBool::new(false);
    let result = export(lib, &req, &cancel, &mut |p| {
        bar.show(p.done, p.total, &p.current)
    });
    bar.finish();
    let summary = match result {
        Ok(s) => s,
        Err(Error::Exists(path)) => {
            return Err(anyhow!(
                "{}: already exists; pass --force to replace it, or choose another --output",
                path.display()
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if json {
        print_json(&json!({
            "format": summary.format,
            "path": summary.path,
            "clippings": summary.clippings,
            "files": summary.files,
            "bytes": summary.bytes,
        }));
    } else {
        println!(
            "exported {} clipping{} as {} to {}",
            summary.clippings,
            if summary.clippings == 1 { "" } else { "s" },
            summary.format.as_str(),
            summary.path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
