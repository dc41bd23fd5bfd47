//! Which revision a change is compared against when none is named: what a reviewer
//! compares with — the pull request's target in CI, else the default branch — never
//! the current branch's own upstream (a pushed feature branch would compare with
//! itself and hide every slip it carries).
use super::git::{GitError, Repo};
use super::missing::{CloneShape, fetch_hints};

/// A base revision and why it was chosen (for the message that says so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    pub rev: String,
    pub why: String,
}

/// The default branches, in the order they are tried after `origin/HEAD`.
const DEFAULT_BRANCHES: [&str; 4] = ["origin/main", "origin/master", "main", "master"];

/// Finds the default base. `env` reads environment variables (injected for tests).
pub fn default_base(repo: &Repo, env: &dyn Fn(&str) -> Option<String>) -> Result<Base, GitError> {
    for var in ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] {
        if let Some(branch) = env(var).filter(|b| !b.is_empty()) {
            let rev = format!("origin/{branch}");
            // In CI the target must be there; a fallback would compare against the wrong base.
            if !repo.exists(&rev) {
                return Err(repo.unknown_rev(&rev));
            }
            return Ok(Base {
                rev,
                why: format!("the pull request's target, ${var}"),
            });
        }
    }
    if let Some(rev) = origin_head(repo) {
        return Ok(Base {
            rev,
            why: "the default branch, origin/HEAD".into(),
        });
    }
    if let Some(rev) = DEFAULT_BRANCHES.into_iter().find(|rev| repo.exists(rev)) {
        return Ok(Base {
            rev: rev.to_string(),
            why: "the default branch".into(),
        });
    }
    Err(no_base(repo))
}

/// `origin/HEAD`'s target as a short name (`origin/main`), when the clone has one.
fn origin_head(repo: &Repo) -> Option<String> {
    let reference = repo.git().find_reference("refs/remotes/origin/HEAD").ok()?;
    let target = reference.symbolic_target().ok()??;
    let short = target.strip_prefix("refs/remotes/")?.to_string();
    repo.exists(&short).then_some(short)
}

/// No default branch here: say how to get one, or how to name a base.
fn no_base(repo: &Repo) -> GitError {
    let shape = CloneShape::of(repo.git());
    let name = "name the base: milepost diff BASE (a branch, tag or commit)";
    let mut hints = Vec::new();
    if shape.partial() {
        hints = fetch_hints("origin/main", shape);
    }
    hints.push(if hints.is_empty() {
        name.to_string()
    } else {
        format!("or {name}")
    });
    GitError::NoBase { hints }
}
