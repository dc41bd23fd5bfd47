//! The edit commands (`start`, `done`, `forecast`, `set`, `link`, `unlink`) run as a TPM
//! runs them, on a copy of the bundled example in a git repository: the `git diff` of
//! each touches only the expected lines, every refusal leaves every file
//! byte-identical, `--commit` commits exactly the edited files, and an edit followed by
//! its inverse restores any layout the loader accepts byte for byte.
mod common;

#[path = "edit/example.rs"]
mod example;

#[path = "edit/refusals.rs"]
mod refusals;

#[path = "edit/commit.rs"]
mod commit;

#[path = "edit/inverse.rs"]
mod inverse;
