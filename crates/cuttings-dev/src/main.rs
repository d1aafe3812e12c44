//! `cuttings-dev`: the development tools, kept out of the shipped `cuttings` binary and the app.
//! `bench`, `bench-export`, `bench-stories`, `bench-suggest` and `bench-coverage` time a
//! generated library; `accuracy` scores the page reader on
//! a folder of saved pages with their expected metadata; `accuracy-stories` scores the grouping
//! of copies into stories against a truth file.

mod accuracy;
mod bench;
mod coverage_bench;
mod export_bench;
mod stories_accuracy;
mod stories_bench;
mod suggest_accuracy;
mod suggest_bench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "cuttings-dev",
    version,
    about = "Cuttings' benchmarks and accuracy measures"
)]
struct Cli {
    /// Print the figures as JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Measure import, search and list speed on a generated library.
    Bench(BenchArgs),
    /// Time exporting generated clippings in every format.
    BenchExport(BenchExportArgs),
    /// What stories cost: import with and without placing clippings in stories, the grouped
    /// list against the plain one, a story's copies and related clippings.
    BenchStories(BenchStoriesArgs),
    /// Time topic suggestions: learning from N filed clippings, one clipping's suggestions,
    /// and the model's size in the file.
    BenchSuggest(BenchSuggestArgs),
    /// Time coverage series (by source, topic, day to year, clippings and stories) for
    /// several filters, share of voice between five saved searches, and the story spread.
    BenchCoverage(BenchCoverageArgs),
    /// Measure how well the page reader finds title, byline, site and date on saved pages
    /// with an expected-metadata.json each; prints figures.
    Accuracy {
        #[arg(default_value = "../shared/corpora/readability")]
        path: PathBuf,
        /// Show every page's result.
        #[arg(long)]
        verbose: bool,
    },
    /// Score story grouping: import DIR/files into a fresh library and compare its stories
    /// with DIR/truth.json ({file: story}); prints pairwise and B-cubed figures.
    AccuracyStories {
        #[arg(default_value = "../shared/corpora/analysis/stories-dev")]
        dir: PathBuf,
        /// List the wrong merges and the missed pairs.
        #[arg(long)]
        verbose: bool,
    },
    /// Score topic suggestions: learn from DIR/train (tags in front matter), suggest for
    /// DIR/test and compare with DIR/truth.json ({file: [topics]}).
    AccuracySuggest {
        #[arg(default_value = "../shared/corpora/analysis/suggest-dev")]
        dir: PathBuf,
        /// List the clippings whose ticked topics differ from the truth.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// How many clippings to generate.
    #[arg(long, default_value_t = 100_000)]
    clippings: usize,
    /// Where to build the library (default: a temporary folder, removed after).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// How many searches and list pages to time.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Time the library an earlier run left in --dir again, without importing, when it holds
    /// --clippings clippings (else it is built anew).
    #[arg(long, requires = "dir")]
    reuse: bool,
}

#[derive(Args, Debug)]
struct BenchStoriesArgs {
    #[arg(long, default_value_t = 100_000)]
    clippings: usize,
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Where to build the libraries (default: the temporary folder); removed after.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Leave out the import without stories (at a million clippings, to time the lists).
    #[arg(long)]
    no_baseline: bool,
}

#[derive(Args, Debug)]
struct BenchCoverageArgs {
    #[arg(long, default_value_t = 100_000)]
    clippings: usize,
    /// How many times each series is timed for each filter.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Where to build the library (default: a temporary folder, removed after).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Time the library an earlier run left in --dir again when it holds --clippings.
    #[arg(long, requires = "dir")]
    reuse: bool,
}

#[derive(Args, Debug)]
struct BenchSuggestArgs {
    #[arg(long, default_value_t = 100_000)]
    clippings: usize,
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Where to build the library (default: the temporary folder); removed after.
    #[arg(long)]
    dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct BenchExportArgs {
    /// How many clippings to generate and export.
    #[arg(long, default_value_t = 10_000)]
    clippings: usize,
    /// Where to build the library and write the exports (default: a temporary folder).
    #[arg(long)]
    dir: Option<PathBuf>,
}

fn print_json(v: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cuttings-dev: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Bench(a) => {
            let report = bench::run(
                a.clippings,
                a.queries,
                a.dir.as_deref(),
                a.reuse,
                &mut |msg| eprintln!("{msg}"),
            )?;
            if cli.json {
                print_json(&report)?;
            } else {
                println!("{}", report.to_string().trim_end());
            }
        }
        Command::BenchSuggest(a) => {
            let report = suggest_bench::run(a.clippings, a.queries, a.dir.as_deref(), &mut |m| {
                eprintln!("{m}")
            })?;
            if cli.json {
                print_json(&report)?;
            } else {
                print!("{report}");
            }
        }
        Command::BenchStories(a) => {
            let report = stories_bench::run(
                a.clippings,
                a.queries,
                a.dir.as_deref(),
                !a.no_baseline,
                &mut |m| eprintln!("{m}"),
            )?;
            if cli.json {
                print_json(&report)?;
            } else {
                print!("{report}");
            }
        }
        Command::BenchCoverage(a) => {
            let report =
                coverage_bench::run(a.clippings, a.rounds, a.dir.as_deref(), a.reuse, &mut |m| {
                    eprintln!("{m}")
                })?;
            if cli.json {
                print_json(&report)?;
            } else {
                print!("{report}");
            }
        }
        Command::BenchExport(a) => {
            let report =
                export_bench::run(a.clippings, a.dir.as_deref(), &mut |m| eprintln!("{m}"))?;
            if cli.json {
                print_json(&report)?;
            } else {
                print!("{report}");
            }
        }
        Command::Accuracy { path, verbose } => return accuracy_report(&path, verbose, cli.json),
        Command::AccuracySuggest { dir, verbose } => {
            let s = suggest_accuracy::measure(&dir)?;
            if cli.json {
                print_json(&s)?;
            } else {
                if verbose {
                    for (file, got, want) in &s.wrong {
                        println!("{file}  offered {got:?}  truth {want:?}");
                    }
                }
                println!(
                    "learned {} topics from {} clippings in {:.2} s; {} clippings tested, {} without a suggestion; {:.2} ms a clipping",
                    s.topics, s.trained_on, s.learn_seconds, s.tested, s.without_suggestion, s.suggest_ms
                );
                println!("first suggestion right {:.2}%", s.first_right * 100.0);
                println!(
                    "offered ticked: precision {:.2}%  recall {:.2}%  F1 {:.2}%",
                    s.precision * 100.0,
                    s.recall * 100.0,
                    s.f1 * 100.0
                );
            }
        }
        Command::AccuracyStories { dir, verbose } => {
            let s = stories_accuracy::measure(&dir)?;
            if cli.json {
                print_json(&s)?;
            } else {
                if verbose {
                    for (a, b) in &s.wrong_merges {
                        println!("wrong merge  {a} {b}");
                    }
                    for (a, b) in &s.missed {
                        println!("missed       {a} {b}");
                    }
                }
                println!(
                    "{} files, {} stories in the truth, {} found ({:.1} s to import)",
                    s.files, s.true_stories, s.found_stories, s.import_seconds
                );
                println!(
                    "pairwise  precision {:.2}%  recall {:.2}%  F1 {:.2}%",
                    s.pair_precision * 100.0,
                    s.pair_recall * 100.0,
                    s.pair_f1 * 100.0
                );
                println!(
                    "B-cubed   precision {:.2}%  recall {:.2}%  F1 {:.2}%",
                    s.bcubed_precision * 100.0,
                    s.bcubed_recall * 100.0,
                    s.bcubed_f1 * 100.0
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn accuracy_report(path: &Path, verbose: bool, json: bool) -> Result<ExitCode> {
    let a = accuracy::measure(path)?;
    if json {
        print_json(&a)?;
        return Ok(ExitCode::SUCCESS);
    }
    if verbose {
        for p in &a.pages {
            let mark = |ok: Option<bool>| match ok {
                Some(true) => "ok ",
                Some(false) => "MISS",
                None => " -  ",
            };
            println!("{}", p.page);
            if let Some(e) = &p.error {
                println!("  error: {e}");
            }
            for (field, ok, (got, want)) in [
                ("title", Some(p.title_ok), &p.title),
                ("byline", p.byline_ok, &p.byline),
                ("site", p.site_ok, &p.site),
                ("date", p.date_ok, &p.date),
            ] {
                println!(
                    "  {field:<6} {} {:?} / want {want:?}",
                    mark(ok),
                    got.as_deref().unwrap_or("")
                );
            }
        }
        println!();
    }
    println!("{} pages in {}", a.pages.len(), path.display());
    for (name, s) in [
        ("title", a.title),
        ("byline", a.byline),
        ("site name", a.site),
        ("published date", a.date),
    ] {
        println!("{name:<15} {:>5.1}%  ({} of {})", s.percent(), s.ok, s.of);
    }
    let t = a.title_without_site;
    println!(
        "(title with the site's name also taken off the reference: {:.1}%, {} of {})",
        t.percent(),
        t.ok,
        t.of
    );
    Ok(ExitCode::SUCCESS)
}
