//! What an edit command did (`start`, `done`, `forecast`, `set`, `link`, `unlink`): the
//! keys changed, the files touched, and the schedule impact — the items whose finish
//! moved and the commitments the change crosses.
use serde::Serialize;

use super::commitment_diff::CommitmentChange;
use super::diff::{Moved, ScheduleDiff};
use crate::edit::KeyChange;

/// An item whose forecast finish moved.
#[derive(Clone, Debug, Serialize)]
pub struct MovedItem {
    pub id: String,
    pub finish: Moved,
}

/// What the edit does to the schedule.
#[derive(Clone, Debug, Serialize)]
pub struct Impact {
    /// The program finish before and after.
    pub finish: Moved,
    /// Items whose finish moved, the largest move first.
    pub moved: Vec<MovedItem>,
    /// The commitments the edit affects, worst first.
    pub commitments: Vec<CommitmentChange>,
}

impl Impact {
    pub fn new(diff: ScheduleDiff) -> Impact {
        let mut moved: Vec<MovedItem> = diff
            .items
            .into_iter()
            .filter(|i| i.finish.delta.is_some_and(|d| d != 0))
            .map(|i| MovedItem {
                id: i.id,
                finish: i.finish,
            })
            .collect();
        moved.sort_by_key(|m| std::cmp::Reverse(m.finish.delta.map_or(0, i64::abs)));
        Impact {
            finish: diff.finish,
            moved,
            commitments: diff.commitments,
        }
    }
}

/// The result of an edit command.
#[derive(Clone, Debug, Serialize)]
pub struct EditView {
    /// `--dry-run`: nothing was written.
    pub dry_run: bool,
    /// The files changed (or that would be), relative to the program root.
    pub files: Vec<String>,
    /// Every key changed, in order.
    pub changes: Vec<KeyChange>,
    /// Things the command decided for the user (e.g. a `started` date it filled in).
    pub notes: Vec<String>,
    /// The commit made with `--commit`.
    pub commit: Option<String>,
    /// The commit message (`--commit`) or the one it would have.
    pub message: String,
    pub impact: Impact,
    /// The unified diff of the files (shown with `--dry-run`).
    pub diff: String,
}
