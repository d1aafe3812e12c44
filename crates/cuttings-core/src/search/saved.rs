//! Saving a search: its query is checked in the search language before the store keeps it,
//! so a saved search always means something to the app and the CLI alike.

use super::Query;
use crate::error::Result;
use crate::model::SavedSearch;
use crate::store::{saved_search_name, Library};

impl Library {
    /// Saves (or replaces) a search under a name; the query is checked first.
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<SavedSearch> {
        let name = saved_search_name(name)?;
        Query::parse(query)?;
        self.keep_saved_search(&name, query)
    }
}
