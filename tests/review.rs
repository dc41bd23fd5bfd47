//! The review loop as a team runs it (issue: the review loop must not hide a slip):
//! a feature branch pushed to a bare `origin`, a GitHub-style single-branch shallow
//! clone, a slip that crosses a commitment without any `due` being edited, the gate's
//! order and policy names, and tables that fit their width.
mod common;

#[path = "review/fixture.rs"]
mod fixture;

#[path = "review/base.rs"]
mod base;

#[path = "review/commitments.rs"]
mod commitments;
