//! Reading clippings out of text.

mod byline;
mod dateline;
pub mod decode;
pub mod text;

pub use decode::decode_text;
pub use text::parse_plain_text;
