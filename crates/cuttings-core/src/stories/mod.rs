//! Stories: the clippings that carry the same article, whatever their outlet, headline, length
//! or OCR noise. How a text is read (`text`), sketched for the index (`sketch`) and compared
//! (`likeness`), and which prints a library may hold (`seen`); the store keeps the stories and places each new clipping in one
//! (`store::stories`).

pub mod likeness;
pub mod seen;
pub mod sketch;
pub mod text;

pub use likeness::{difference, likeness, openings_alike, Difference, Likeness};
pub use seen::SeenPrints;
pub use sketch::prints;
pub use text::{article, opening, Article};
