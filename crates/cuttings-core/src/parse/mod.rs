//! Reading clippings out of text.
