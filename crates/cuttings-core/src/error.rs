//! The one error type of the core. Each variant says what went wrong and names the file, field or
//! record involved, because a user must be able to act on it; `kind()` gives the UI something
//! stable to branch on.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },

    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },

    #[error("{0}")]
    Conflict(String),

    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },

    /// A destination that is already there and was not to be replaced.
    #[error("{0}: already exists; choose another name or allow overwriting it")]
    Exists(PathBuf),

    #[error("search: {0}")]
    Query(String),

    #[error("the library file {path} could not be opened: {message}")]
    Library { path: PathBuf, message: String },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("{0}")]
    Io(#[from] std::io::Error),

    #[error("cancelled")]
    Cancelled,
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A short, stable name for the kind of error, for the UI and `--json` output.
    /// The message alone, for a report that names the file beside it (an import's failures).
    pub fn reason(&self) -> String {
        match self {
            Error::File { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::File { .. } => "file",
            Error::Exists(_) => "exists",
            Error::Query(_) => "query",
            Error::Library { .. } => "library",
            Error::Sqlite(_) => "database",
            Error::Io(_) => "io",
            Error::Cancelled => "cancelled",
        }
    }
}
