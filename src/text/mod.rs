//! The text matcher: normalisation and present / declined / absent classification.
//!
//! One module for every place that matches clause patterns against prose: `clauses lint`
//! (checking each clause's examples), the assessment (keywords in a description) and the
//! checker. Keeping it in one place keeps their answers the same.

mod matcher;
mod normalize;

pub use matcher::{
    Detector, Hit, HitKind, PatternError, Presence, SourceText, Verdict, boundary_beside_non_ascii,
    compile_pattern, prepare_pattern,
};
pub use normalize::{Normalized, normalize};
