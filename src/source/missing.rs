//! What to tell a user whose revision is not in this clone: the `git fetch` that works
//! for the clone they have (shallow, single-branch, a missing tag), or the names they
//! may have meant.
use git2::{BranchType, Repository};

/// How the clone was made, as far as it matters for fetching a missing revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloneShape {
    pub shallow: bool,
    /// `origin` fetches one branch only (`git clone --branch X --single-branch`, or any
    /// `--depth` clone): `git fetch origin main` then creates no `origin/main`.
    pub single_branch: bool,
    pub has_origin: bool,
}

impl CloneShape {
    /// Reads the shape of `repo`.
    pub fn of(repo: &Repository) -> CloneShape {
        let refspecs: Vec<String> = repo
            .config()
            .and_then(|c| {
                let mut out = Vec::new();
                let mut entries = c.multivar("remote.origin.fetch", None)?;
                while let Some(Ok(e)) = entries.next() {
                    out.extend(e.value().map(str::to_string));
                }
                Ok(out)
            })
            .unwrap_or_default();
        CloneShape {
            shallow: repo.is_shallow(),
            single_branch: !refspecs.is_empty() && !refspecs.iter().any(|r| r.contains("/*")),
            has_origin: repo.find_remote("origin").is_ok(),
        }
    }

    /// Whether a revision may be missing only because it was never fetched.
    pub fn partial(&self) -> bool {
        self.shallow || self.single_branch
    }
}

/// The branch or tag a revspec names (`origin/main~3` → `origin/main`).
fn ref_part(rev: &str) -> &str {
    rev.split(['~', '^', '@', ':']).next().unwrap_or(rev)
}

/// A name that reads like a release tag (`v1`, `v2.3`, `2026.12`, `baseline-q1`).
fn looks_like_tag(name: &str) -> bool {
    let digits = name.trim_start_matches(['v', 'V']);
    digits.starts_with(|c: char| c.is_ascii_digit()) || name.starts_with("baseline")
}

/// The commands that fetch `rev` into this clone, one hint per line, the likeliest
/// first. Each is meant to be run verbatim.
pub fn fetch_hints(rev: &str, shape: CloneShape) -> Vec<String> {
    if !shape.has_origin {
        return Vec::new();
    }
    let name = ref_part(rev);
    let depth = if shape.shallow { "--depth=1 " } else { "" };
    let branch = name.strip_prefix("origin/").unwrap_or(name);
    let branch_cmd = format!("git fetch {depth}origin {branch}:refs/remotes/origin/{branch}");
    let tag_cmd = format!("git fetch {depth}origin tag {branch}");
    let mut hints = if name.starts_with("origin/") {
        vec![format!("fetch the branch: {branch_cmd}")]
    } else if looks_like_tag(name) {
        vec![
            format!("fetch the tag: {tag_cmd}"),
            format!("or, if `{name}` is a branch: {branch_cmd}"),
        ]
    } else {
        vec![
            format!("fetch the branch: {branch_cmd}"),
            format!("or, if `{name}` is a tag: {tag_cmd}"),
        ]
    };
    if shape.shallow {
        hints.push(
            "or clone with full history (GitHub Actions: actions/checkout with fetch-depth: 0; \
             GitLab CI: GIT_DEPTH: 0)"
                .to_string(),
        );
    }
    hints
}

/// The last path component (`origin/main` → `main`): shared prefixes say nothing.
fn tail(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The branches and tags whose names are close to `rev`'s, best first (at most 3).
pub fn similar_names(repo: &Repository, rev: &str) -> Vec<String> {
    let wanted = ref_part(rev);
    let mut names: Vec<String> = Vec::new();
    if let Ok(branches) = repo.branches(None) {
        for (branch, kind) in branches.flatten() {
            if let Ok(Some(name)) = branch.name()
                && !(kind == BranchType::Remote && name.ends_with("/HEAD"))
            {
                names.push(name.to_string());
            }
        }
    }
    if let Ok(tags) = repo.tag_names(None) {
        names.extend(tags.iter().flatten().flatten().map(str::to_string));
    }
    let mut scored: Vec<(f64, String)> = names
        .into_iter()
        .map(|n| (strsim::jaro_winkler(tail(wanted), tail(&n)), n))
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHALLOW: CloneShape = CloneShape {
        shallow: true,
        single_branch: true,
        has_origin: true,
    };

    #[test]
    fn a_remote_branch_is_fetched_into_its_remote_ref() {
        let hints = fetch_hints("origin/main", SHALLOW);
        assert_eq!(
            hints[0],
            "fetch the branch: git fetch --depth=1 origin main:refs/remotes/origin/main"
        );
        assert!(hints.last().unwrap().contains("fetch-depth: 0"));
    }

    #[test]
    fn a_tag_like_name_is_fetched_as_a_tag_first() {
        let full = CloneShape {
            shallow: false,
            ..SHALLOW
        };
        let hints = fetch_hints("v1~2", full);
        assert_eq!(hints[0], "fetch the tag: git fetch origin tag v1");
        assert!(hints[1].contains("git fetch origin v1:refs/remotes/origin/v1"));
        assert_eq!(hints.len(), 2);
    }

    #[test]
    fn without_origin_there_is_nothing_to_fetch() {
        let none = CloneShape {
            has_origin: false,
            ..SHALLOW
        };
        assert!(fetch_hints("main", none).is_empty());
    }
}
