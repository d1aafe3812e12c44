//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "cuttings",
    version,
    about = "Organise press cuttings: import, tag, note, search and filter a library of clippings."
)]
pub struct Cli {
    /// The library file (default: $CUTTINGS_LIBRARY, else library.cuttings in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub library: Option<PathBuf>,

    /// Print results as JSON.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import files and folders (recursively): text and Markdown, web pages, feeds, e-mail
    /// (.eml, .mbox), PDFs, and exports of Pocket, Instapaper, wallabag, Omnivore, browsers'
    /// bookmarks and Zotero (CSL-JSON).
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Put this tag on every clipping imported (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Refuse files larger than this many megabytes.
        #[arg(long, default_value_t = 20)]
        max_mb: u64,
    },
    /// List clippings, newest first, narrowed by filters.
    List(ListArgs),
    /// Search the full text (words, "phrases", -exclusions, OR, prefix*, tag:/source:/from:… filters).
    Search {
        /// What to look for; without it, this is `list`.
        query: Option<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Show one clipping in full.
    Show {
        id: i64,
        /// Show the source text as it was imported.
        #[arg(long)]
        raw: bool,
    },
    /// Change a clipping's fields.
    Edit(EditArgs),
    /// Move clippings to the trash.
    Delete {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Bring clippings back from the trash.
    Restore {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Delete everything in the trash for good.
    EmptyTrash,
    /// Tag clippings, and manage the topic tree.
    #[command(subcommand)]
    Tag(TagCommand),
    /// Notes on clippings.
    #[command(subcommand)]
    Note(NoteCommand),
    /// Sources (outlets) with their counts; rename, merge and alias them.
    Sources {
        #[command(subcommand)]
        action: Option<SourceCommand>,
    },
    /// Saved searches.
    #[command(subcommand)]
    Saved(SavedCommand),
    /// Stories: the clippings that carry the same article, listed with their copies (first
    /// copy first), narrowed by the list's filters; split a copy out, merge stories, choose
    /// the copy to keep.
    Stories(StoriesArgs),
    /// Topics suggested for clippings, learned from how you filed the others: chosen ids,
    /// --untagged, or the list's filters (the model is learned again first when the filing
    /// changed). --accept files each clipping under the topics offered ticked.
    Suggest(SuggestArgs),
    /// Coverage over time: how many clippings (or --stories) the filters' list holds each
    /// day, week, month or year, split by source, topic or saved search, with each line's
    /// share; or, with --spread, which outlets carried stories first and how long pickups
    /// took. --limit, --offset and --sort do not apply.
    Coverage(CoverageArgs),
    /// Counts for the library.
    Stats,
    /// Check the library file and its search index.
    Check,
    /// Export clippings (a tag, a search, any filter, or chosen ids) as a report, e-book,
    /// Markdown notes, spreadsheet, citations or lossless JSON. Every matching clipping is
    /// exported: --limit and --offset do not apply.
    Export(ExportArgs),
    /// Fetch a web page (or a PDF) by its address and add it.
    Add {
        url: String,
        /// Put this tag on the clipping (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Fetch the articles of clippings saved with only their address (bookmarks, feed teasers).
    Fetch {
        /// Every clipping waiting for its article.
        #[arg(long, required = true)]
        pending: bool,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Feeds: subscribe, refresh, list, and OPML import and export.
    #[command(subcommand)]
    Feed(FeedCommand),
}

#[derive(Subcommand, Debug)]
pub enum FeedCommand {
    /// Subscribe to a feed (an address or a file) and take its items into the inbox.
    Add {
        source: String,
        /// Put this tag on every item taken now (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Bring the new items of every feed, or of one (id or address).
    Refresh { feed: Option<String> },
    /// The feeds subscribed to.
    List,
    /// Unsubscribe (id or address); the clippings stay.
    Remove { feed: String },
    /// Subscribe to every feed of an OPML file.
    Import { path: PathBuf },
    /// Write the subscriptions as OPML (to a file, or to standard output).
    Export { path: Option<PathBuf> },
}

#[derive(Args, Debug, Default)]
pub struct ListArgs {
    /// Only clippings with this tag or one below it (repeatable: all must match).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// With several --tag, any of them is enough.
    #[arg(long)]
    pub any_tag: bool,
    /// Only this source (name or alias; repeatable: any).
    #[arg(long = "source", value_name = "NAME")]
    pub sources: Vec<String>,
    /// Only clippings by an author whose name contains this (repeatable).
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// Only this dateline place (repeatable: any).
    #[arg(long = "place", value_name = "PLACE")]
    pub places: Vec<String>,
    /// Dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Dated on or before (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// With --from/--to, also show clippings whose date is unknown.
    #[arg(long)]
    pub include_undated: bool,
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only starred clippings.
    #[arg(long)]
    pub starred: bool,
    /// List the trash instead.
    #[arg(long)]
    pub trash: bool,
    /// One row per story: a story's later copies are left out, and counts count stories.
    #[arg(long)]
    pub group_copies: bool,
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    #[arg(long, default_value_t = 0)]
    pub offset: i64,
}

#[derive(Args, Debug)]
pub struct StoriesArgs {
    #[command(subcommand)]
    pub action: Option<StoryCommand>,
    /// Search words and filters in the search language (as for `search`).
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
    /// Only stories carried by at least this many clippings.
    #[arg(long, default_value_t = 1)]
    pub min_copies: i64,
    #[command(flatten)]
    pub filter: ListArgs,
}

#[derive(Args, Debug)]
pub struct CoverageArgs {
    /// Search words and filters in the search language (as for `search`).
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
    /// What the lines are: the whole list alone, or one a source, a topic or a saved search.
    #[arg(long, value_enum, default_value = "none")]
    pub by: ByArg,
    #[arg(long, value_enum, default_value = "month")]
    pub every: EveryArg,
    /// Count stories rather than clippings: a story carried by many outlets counts once, at
    /// its first copy (the same as --group-copies).
    #[arg(long)]
    pub stories: bool,
    /// For --by topic: 1 for the top of the topic tree, 2 for the topics under those, ...
    #[arg(long, default_value_t = 1)]
    pub depth: u32,
    /// At most this many lines, the largest; the rest make "Other" (0: all).
    #[arg(long, default_value_t = 8)]
    pub top: u32,
    /// Only these lines, in this order: source names, topic paths or saved search names
    /// (repeatable).
    #[arg(long = "only", value_name = "NAME")]
    pub only: Vec<String>,
    /// Leave out the "Other" and "No source" / "No topic" lines.
    #[arg(long)]
    pub no_rest: bool,
    /// Print each line's share of the period (share of voice) rather than its count.
    #[arg(long)]
    pub shares: bool,
    /// Print the series as CSV (one row a period, one column a line).
    #[arg(long, conflicts_with = "spread")]
    pub csv: bool,
    /// How stories spread instead: the outlets that carried them first, pickups and their
    /// delays, and the most widely carried stories (at most --top).
    #[arg(long)]
    pub spread: bool,
    #[command(flatten)]
    pub filter: ListArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByArg {
    None,
    Source,
    Topic,
    Saved,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EveryArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// Clippings to suggest topics for (else --untagged, or the filters).
    pub ids: Vec<i64>,
    /// The clippings filed under no topic (newest first, up to --limit).
    #[arg(long, conflicts_with = "ids")]
    pub untagged: bool,
    /// Search words and filters in the search language (as for `search`).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["ids", "untagged"])]
    pub search: Option<String>,
    /// File each clipping under its topics offered ticked.
    #[arg(long)]
    pub accept: bool,
    /// Keep the topics put on these clippings as they arrived (`is:auto-tagged`): they become
    /// your own filing.
    #[arg(long, conflicts_with = "accept")]
    pub keep: bool,
    /// For this library: file each clipping as it arrives under the topics offered ticked,
    /// marked for review (`is:auto-tagged`), or not (the default).
    #[arg(long, value_name = "WHEN")]
    pub on_arrival: Option<OnOff>,
    #[command(flatten)]
    pub filter: ListArgs,
}

#[derive(Subcommand, Debug)]
pub enum StoryCommand {
    /// Take a copy (a clipping id) out of its story into one of its own.
    Split { id: i64 },
    /// Merge stories (story ids, as `stories` lists them) into the first.
    Merge {
        #[arg(required = true, num_args = 2..)]
        stories: Vec<i64>,
    },
    /// Make this copy (a clipping id) the one that stands for its story.
    Keep { id: i64 },
    /// Let the story of this clipping be led by its earliest copy again.
    Unkeep { id: i64 },
    /// Show one story (a story id) with every copy and what it changes.
    Show { story: i64 },
    /// Clippings on the same event that are not copies of this one (a clipping id).
    Related {
        id: i64,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnOff {
    On,
    Off,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum StatusArg {
    Inbox,
    Filed,
    Archived,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SortArg {
    Relevance,
    Date,
    Oldest,
    Source,
    Title,
    Captured,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    #[arg(required = true)]
    pub ids: Vec<i64>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub standfirst: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD; "unknown" clears it.
    #[arg(long)]
    pub date: Option<String>,
    /// The outlet; "" clears it.
    #[arg(long)]
    pub source: Option<String>,
    /// Authors in order (repeatable); replaces the byline.
    #[arg(long = "author")]
    pub authors: Vec<String>,
    /// Remove every author.
    #[arg(long, conflicts_with = "authors")]
    pub no_authors: bool,
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub language: Option<String>,
    #[arg(long)]
    pub section: Option<String>,
    #[arg(long)]
    pub page: Option<String>,
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    #[arg(long, conflicts_with = "unstar")]
    pub star: bool,
    #[arg(long)]
    pub unstar: bool,
}

#[derive(Subcommand, Debug)]
pub enum TagCommand {
    /// Tag clippings: `tag add 3 4 Syria/Diplomacy`.
    Add {
        #[arg(required = true, num_args = 2.., value_name = "ID... TAG")]
        args: Vec<String>,
    },
    /// Untag clippings: `tag remove 3 4 Syria/Diplomacy`.
    Remove {
        #[arg(required = true, num_args = 2.., value_name = "ID... TAG")]
        args: Vec<String>,
    },
    /// The topic tree with counts.
    List,
    /// Rename or move a tag with everything below it.
    Rename { from: String, to: String },
    /// File everything under FROM into INTO, then remove FROM.
    Merge { from: String, into: String },
    /// Delete a tag and its subtags; the clippings stay.
    Delete { tag: String },
    /// Set a tag's colour (#rrggbb), or clear it with "".
    Colour { tag: String, colour: String },
}

#[derive(Subcommand, Debug)]
pub enum NoteCommand {
    /// Add a Markdown note to a clipping.
    Add { id: i64, text: String },
    /// The notes on a clipping.
    List { id: i64 },
    /// Replace a note's text.
    Edit { note: i64, text: String },
    /// Delete a note.
    Delete { note: i64 },
}

#[derive(Subcommand, Debug)]
pub enum SourceCommand {
    /// Rename a source; the old name stays as an alias.
    Rename { from: String, to: String },
    /// File every clipping of FROM under INTO.
    Merge { from: String, into: String },
    /// Another name for a source.
    Alias { source: String, alias: String },
    /// A web domain of a source.
    Domain { source: String, domain: String },
}

#[derive(Subcommand, Debug)]
pub enum SavedCommand {
    /// Save a search: `saved add "Syria talks" "lavrov tag:Syria"`.
    Add {
        name: String,
        query: String,
    },
    List,
    Delete {
        name: String,
    },
    /// Run a saved search.
    Run {
        name: String,
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Search words, as for `search`; without them, every clipping the filters allow.
    pub query: Option<String>,
    #[command(flatten)]
    pub list: ListArgs,
    /// Only these clippings (repeatable, or comma-separated): a hand-picked selection.
    #[arg(long = "id", value_name = "ID", value_delimiter = ',')]
    pub ids: Vec<i64>,
    /// Use a saved search's query.
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    pub saved: Option<String>,
    #[arg(long, short = 'f', value_enum)]
    pub format: ExportFormatArg,
    /// The file to write (a folder for Markdown without --zip).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: PathBuf,
    /// How a report, PDF or e-book groups its clippings.
    #[arg(long, value_enum, default_value = "none")]
    pub group_by: GroupByArg,
    /// The collection's name, for the cover and the book title.
    #[arg(long)]
    pub title: Option<String>,
    /// CSV: start with a byte order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
    /// HTML and PDF reports: add a coverage section (the clippings over time by source and
    /// the top sources, as `cuttings coverage` counts them).
    #[arg(long)]
    pub coverage: bool,
    /// Markdown: write one .zip instead of a folder.
    #[arg(long)]
    pub zip: bool,
    /// Replace the file or folder at --output.
    #[arg(long)]
    pub force: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ExportFormatArg {
    Html,
    Pdf,
    Epub,
    #[value(alias = "md")]
    Markdown,
    Csv,
    Json,
    #[value(alias = "csl")]
    CslJson,
    Ris,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum GroupByArg {
    Topic,
    Source,
    Month,
    None,
}
