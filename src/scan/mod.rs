//! The checker: which social clauses a tender document carries, declines or lacks, and the
//! barriers it raises for small suppliers and work-integrating social enterprises.

mod amount;
pub mod barriers;
pub mod check;
pub mod extract;
pub mod notice;
pub mod scanner;

pub use check::{CheckContext, Report, check};
pub use extract::{ExtractOptions, Extracted, Format, Place, extract};
pub use scanner::{ClauseVerdict, Scanner};
