//! Saving a search: its query is checked in the search language before the store keeps it,
//! so a saved search always means something to the app and the CLI alike.

use super::{filter_to_query, Filter, Query};
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

    /// Saves the window's filters as a search, written in the search language
    /// ([`filter_to_query`]) so that the CLI and the sidebar run the same query.
    pub fn save_filter(&mut self, name: &str, filter: &Filter) -> Result<SavedSearch> {
        self.save_search(name, &filter_to_query(filter))
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{Filter, Match};
    use crate::store::Library;

    #[test]
    fn a_saved_filter_keeps_any_of_its_topics() {
        let mut lib = Library::open_in_memory().unwrap();
        let f = Filter {
            tags: vec!["Syria".into(), "Iraq".into()],
            tag_match: Match::Any,
            ..Filter::default()
        };
        let saved = lib.save_filter("Levant", &f).unwrap();
        assert_eq!(saved.query, "tag:Syria OR tag:Iraq");
        assert_eq!(lib.saved_searches().unwrap()[0].query, saved.query);
    }
}
