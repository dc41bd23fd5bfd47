//! Which revision a change is compared against when none is named: the pull request's
//! target in CI, else the current branch's upstream, else the usual default branches.
use super::git::{GitError, Repo};

/// A base revision and why it was chosen (for the message that says so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    pub rev: String,
    pub why: String,
}

/// Finds the default base. `env` reads environment variables (injected for tests).
pub fn default_base(repo: &Repo, env: &dyn Fn(&str) -> Option<String>) -> Result<Base, GitError> {
    for var in ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] {
        if let Some(branch) = env(var).filter(|b| !b.is_empty()) {
            let rev = format!("origin/{branch}");
            // In CI the target must be there; a fallback would compare against the wrong base.
            if !repo.exists(&rev) {
                return Err(GitError::UnknownRev { rev, shallow: true });
            }
            return Ok(Base {
                rev,
                why: format!("${var}"),
            });
        }
    }
    if let Some(upstream) = upstream(repo) {
        return Ok(Base {
            rev: upstream,
            why: "the current branch's upstream".into(),
        });
    }
    for rev in ["origin/HEAD", "main", "master"] {
        if repo.exists(rev) {
            return Ok(Base {
                rev: rev.to_string(),
                why: "the default branch".into(),
            });
        }
    }
    Err(GitError::Git("no base to compare with: no upstream, origin/HEAD, main or master; name one: milepost diff BASE".into()))
}

fn upstream(repo: &Repo) -> Option<String> {
    let git = repo.git();
    let head = git.head().ok()?;
    if !head.is_branch() {
        return None;
    }
    let name = head.name().ok()?;
    let upstream = git.branch_upstream_name(name).ok()?;
    let upstream = upstream.as_str().ok()?;
    Some(
        upstream
            .strip_prefix("refs/remotes/")
            .or_else(|| upstream.strip_prefix("refs/heads/"))
            .unwrap_or(upstream)
            .to_string(),
    )
}
