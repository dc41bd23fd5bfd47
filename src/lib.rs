//! milepost: a git-native program manager for GPU cluster delivery.
//!
//! The modules read as the pipeline: [`source`] → [`load`] → [`validate`] → [`model`]
//! → [`schedule`] → [`analysis`] → [`render`]; [`cli`] is the only edge that prints.
// No input may panic the program: outside tests, `unwrap` and `expect` are errors
// (docs/reliability.md). Test code may use them.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
pub mod analysis;
pub mod calendar;
pub mod cli;
pub mod diag;
pub mod edit;
pub mod limits;
pub mod load;
pub mod model;
pub mod render;
pub mod schedule;
pub mod source;
#[doc(hidden)]
pub mod testkit;
pub mod validate;
pub mod write;
