//! milepost: a git-native program manager for GPU cluster delivery.
//!
//! The modules read as the pipeline: [`source`] → [`load`] → [`validate`] → [`model`]
//! → [`schedule`] → [`analysis`] → [`render`]; [`cli`] is the only edge that prints.
pub mod analysis;
pub mod calendar;
pub mod cli;
pub mod diag;
pub mod load;
pub mod model;
pub mod render;
pub mod schedule;
pub mod source;
pub mod validate;
pub mod write;
