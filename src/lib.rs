//! socialclause: social and community-benefit clauses for public procurement.
//!
//! The pipeline runs one way: [`input`] loads and validates a procurement; the [`library`]
//! holds the clauses; the [`text`] matcher decides whether a text carries a clause. Commands
//! in [`cmd`] tie them to the command line defined in [`cli`].

pub mod assess;
pub mod cli;
pub mod cmd;
pub mod compose;
mod embedded;
pub mod error;
pub mod input;
pub mod law;
pub mod library;
pub mod messages;
pub mod output;
pub mod render;
pub mod said;
pub mod scan;
pub mod serve;
pub mod templates;
pub mod text;

pub use error::{Diagnostic, Error, Result};
