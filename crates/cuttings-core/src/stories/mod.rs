//! Stories: the clippings that carry the same article, whatever their outlet, headline, length
//! or OCR noise. How a text is read (`text`), sketched for the index (`sketch`) and compared
//! (`likeness`); the store keeps the stories and places each new clipping in one
//! (`store::stories`).

pub mod likeness;
pub mod sketch;
pub mod text;

pub use likeness::{difference, likeness, openings_alike, Difference, Likeness};
pub use sketch::prints;
pub use text::{article, opening, Article};
