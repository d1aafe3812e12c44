//! Topic suggestions learned from the user's own filing, on the user's machine: `terms` reads
//! a clipping's words, `model` learns each topic from the clippings filed under it and says
//! how likely each topic is for another. The store keeps the model in the library file and
//! decides which suggestions to offer (`store::suggest`).

pub mod model;
pub mod terms;

pub use model::{offer, Example, Model, Scored, MIN_EXAMPLES};
pub use terms::{Numbering, Reader, Terms};
