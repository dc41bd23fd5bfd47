//! milepost: a git-native program manager for GPU cluster delivery.
pub mod cli;
