//! What a lossless import keeps as it was, beyond what a draft carries: read by the one insert
//! (`insert.rs`) and by the notes it stores (`notes.rs`).

use chrono::{DateTime, Utc};

use crate::model::ClippingId;

/// What a lossless import keeps as it was, beyond a draft: the clipping's id (where it is free
/// in this library), its last change and trash time, and its notes with their ids and times.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub id: Option<ClippingId>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Stored instead of the draft's plain note bodies.
    pub notes: Vec<KeptNote>,
    /// Those of the draft's tags the model put on as the clipping arrived, not yet kept by
    /// the user: stored marked so.
    pub auto_tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeptNote {
    pub id: Option<i64>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
