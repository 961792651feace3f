//! Compose: turn an assessment into a [`Document`], the intermediate model every renderer
//! reads. Wording comes from the templates' string files and the clause library.

pub mod annex;
pub mod briefing;
pub mod check;
pub mod checklist;
pub mod cites;
pub mod document;
pub mod notes;
pub mod shapes;

pub use document::{Bar, Block, Document, Inline};
