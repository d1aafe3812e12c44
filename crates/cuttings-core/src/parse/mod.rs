//! Reading clippings out of text.

pub mod decode;

pub use decode::decode_text;
