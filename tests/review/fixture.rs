//! A program in a bare `origin`, a clone on `main`, and a feature branch `week-50`
//! pushed with its upstream set. On week-50 the delivery takes 8 more working days: no
//! `due` or `ready_by` is edited, yet the handover's due and the cluster's ready_by are
//! now missed.
use std::path::{Path, PathBuf};

use crate::common::Milepost;
use crate::common::repo::Repo;

pub const TOML: &str = "[program]\nname = \"Demo\"\nstart = 2026-10-05\nfinish_by = 2026-12-31\n";
pub const SITES: &str =
    "sites:\n  - {id: dfw1}\nclusters:\n  - {id: a, site: dfw1, gpus: 8, ready_by: 2026-10-23}\n";
/// The plan on main (today 2026-10-05): install finishes 2026-10-20, due 2026-10-23
/// with 3 working days to spare; so does cluster `a` against its ready_by.
pub const PLAN: &str = "milestones:
  - {id: po, name: PO placed, cluster: a, duration: 3, owner: ann}
  - {id: deliver, name: Racks delivered, cluster: a, duration: 5, depends_on: [po], owner: bo}
  - {id: install, name: Installed, cluster: a, duration: 4, depends_on: [deliver], due: 2026-10-23, owner: cy}
  - {id: paperwork, name: Paperwork, cluster: a, duration: 2, owner: di}
";

/// The plan on week-50: delivery takes 13 days instead of 5, so install finishes
/// 2026-10-30: 5 working days past its due and the cluster's ready_by.
pub fn week50_plan() -> String {
    PLAN.replace(
        "duration: 5, depends_on: [po]",
        "duration: 13, depends_on: [po]",
    )
}

/// A bare origin holding main, and a working clone.
pub struct Remote {
    pub origin: tempfile::TempDir,
    pub work: Repo,
}

impl Remote {
    /// origin has main; the clone has week-50 pushed with upstream origin/week-50.
    pub fn with_pushed_branch() -> Remote {
        let work = Repo::new();
        work.write("program/milepost.toml", TOML)
            .write("program/sites.yaml", SITES)
            .write("program/plan.yaml", PLAN);
        work.commit("2026-10-05", "Initial plan");
        let origin = tempfile::tempdir().unwrap();
        Repo::git_in(
            origin.path(),
            &["init", "-q", "--bare", "-b", "main"],
            "2026-10-05",
        );
        let url = origin.path().to_str().unwrap().to_string();
        work.git(&["remote", "add", "origin", &url]);
        work.git(&["push", "-q", "-u", "origin", "main"]);
        work.git(&["remote", "set-head", "origin", "main"]);
        work.git(&["checkout", "-q", "-b", "week-50"]);
        work.write("program/plan.yaml", &week50_plan());
        work.commit("2026-10-06", "Delivery slips by 8 days");
        work.git(&["push", "-q", "-u", "origin", "week-50"]);
        Remote { origin, work }
    }

    pub fn url(&self) -> String {
        format!("file://{}", self.origin.path().display())
    }

    /// `git clone --depth 1 --branch BRANCH` of origin, as GitHub's checkout does.
    pub fn shallow_clone(&self, branch: &str) -> (tempfile::TempDir, PathBuf) {
        let parent = tempfile::tempdir().unwrap();
        let dest = parent.path().join("c");
        Repo::git_in(
            parent.path(),
            &[
                "clone",
                "-q",
                "--depth",
                "1",
                "--branch",
                branch,
                &self.url(),
                dest.to_str().unwrap(),
            ],
            "2026-10-07",
        );
        (parent, dest)
    }
}

/// milepost in `dir/program` with a fixed today.
pub fn milepost_in(dir: &Path) -> Milepost {
    Milepost::new()
        .dir(dir.join("program"))
        .args(["--today", "2026-10-05"])
}
