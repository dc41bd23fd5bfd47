//! A git revision as a program source: trees and blobs read straight from the object
//! database — never a checkout, never the index, never the working tree or refs.
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::missing::{CloneShape, fetch_hints, similar_names};
use super::{CONFIG_FILE, Memory, Skipped, is_program_file};
use crate::limits::{Limits, exclude_of, limits_of};

/// A failure to read the program from git.
#[derive(Debug, Clone, PartialEq)]
pub enum GitError {
    /// The program directory is not inside a git repository.
    NotARepo { dir: PathBuf },
    /// A revision that does not resolve; `partial` when the clone may lack it (shallow
    /// or single-branch); `hints` say how to fetch it, or what was meant.
    UnknownRev {
        rev: String,
        partial: bool,
        hints: Vec<String>,
    },
    /// No revision was named and there is no default branch to compare with.
    NoBase { hints: Vec<String> },
    /// The revision has no `milepost.toml` at the program's path.
    NoProgram { rev: String, path: String },
    /// Any other error from git.
    Git(String),
}

impl GitError {
    /// What went wrong, in one sentence.
    pub fn message(&self) -> String {
        match self {
            GitError::NotARepo { dir } => format!(
                "{} is not inside a git repository; this command reads the program's git history",
                dir.display()
            ),
            GitError::UnknownRev {
                rev, partial: true, ..
            } => format!(
                "revision `{rev}` is not in this clone (a shallow or single-branch clone, or it was not fetched)"
            ),
            GitError::UnknownRev { rev, .. } => format!("unknown revision `{rev}`"),
            GitError::NoBase { .. } => "no base to compare with: this clone has no origin/HEAD, origin/main, origin/master, main or master".into(),
            GitError::NoProgram { rev, path } => {
                let at = if path.is_empty() {
                    CONFIG_FILE.to_string()
                } else {
                    format!("{path}/{CONFIG_FILE}")
                };
                format!("there is no {at} at {rev}")
            }
            GitError::Git(message) => format!("git: {message}"),
        }
    }

    /// What to do about it, one line each.
    pub fn hints(&self) -> Vec<String> {
        match self {
            GitError::UnknownRev { hints, .. } | GitError::NoBase { hints } => hints.clone(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        for hint in self.hints() {
            write!(f, "\n  {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GitError {}

fn git_err(e: git2::Error) -> GitError {
    GitError::Git(e.message().to_string())
}

/// A resolved revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rev {
    /// As the user named it (`v1`, `HEAD~3`), used in messages and file names.
    pub label: String,
    pub commit: Oid,
    /// Commit time, seconds since the epoch.
    pub time: i64,
}

/// A repository holding a program.
pub struct Repo {
    repo: Repository,
    workdir: PathBuf,
    /// Parsed blobs are keyed by id elsewhere; raw blob bytes are shared here.
    blobs: std::cell::RefCell<HashMap<Oid, Arc<[u8]>>>,
}

impl Repo {
    /// The repository that contains `dir`.
    pub fn discover(dir: &Path) -> Result<Repo, GitError> {
        let repo = Repository::discover(dir).map_err(|_| GitError::NotARepo {
            dir: dir.to_path_buf(),
        })?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| {
                GitError::Git(
                    "a bare repository has no working tree to locate the program in".into(),
                )
            })?
            .canonicalize()
            .map_err(|e| GitError::Git(e.to_string()))?;
        Ok(Repo {
            repo,
            workdir,
            blobs: Default::default(),
        })
    }

    /// Opens the same repository again (a handle for another thread).
    pub fn reopen(&self) -> Result<Repo, GitError> {
        let repo = Repository::open(self.repo.path()).map_err(git_err)?;
        Ok(Repo {
            repo,
            workdir: self.workdir.clone(),
            blobs: Default::default(),
        })
    }

    /// The working directory (canonical).
    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The underlying repository.
    pub fn git(&self) -> &Repository {
        &self.repo
    }

    /// Whether this is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// The path of `dir` relative to the repository root, `/`-separated ("" at the root).
    pub fn prefix_of(&self, dir: &Path) -> Result<String, GitError> {
        let abs = dir
            .canonicalize()
            .map_err(|e| GitError::Git(format!("{}: {e}", dir.display())))?;
        let rel = abs.strip_prefix(&self.workdir).map_err(|_| {
            GitError::Git(format!(
                "{} is outside the repository at {}",
                dir.display(),
                self.workdir.display()
            ))
        })?;
        Ok(rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"))
    }

    /// Resolves any revspec (tag, branch, `HEAD~3`, sha) to a commit. A branch that
    /// exists only as `origin/NAME` is found by its bare name too, as `git checkout`
    /// does, and is labelled `origin/NAME`.
    pub fn resolve(&self, rev: &str) -> Result<Rev, GitError> {
        let (label, object) = match self.repo.revparse_single(rev) {
            Ok(object) => (rev.to_string(), object),
            Err(_) => {
                let remote = format!("origin/{rev}");
                match self.repo.revparse_single(&remote) {
                    Ok(object) if !rev.starts_with("origin/") => (remote, object),
                    _ => return Err(self.unknown_rev(rev)),
                }
            }
        };
        let commit = object.peel_to_commit().map_err(|_| GitError::UnknownRev {
            rev: rev.to_string(),
            partial: false,
            hints: vec![format!(
                "`{rev}` names a {}, not a commit",
                object.kind().map_or("object", |k| k.str())
            )],
        })?;
        Ok(Rev {
            label,
            commit: commit.id(),
            time: commit.time().seconds(),
        })
    }

    /// The error for a revision that is not here, with the fetch that brings it (in a
    /// shallow or single-branch clone) or the branch and tag names it may mean.
    pub fn unknown_rev(&self, rev: &str) -> GitError {
        let shape = CloneShape::of(&self.repo);
        let mut hints: Vec<String> = similar_names(&self.repo, rev)
            .into_iter()
            .map(|name| format!("did you mean `{name}`?"))
            .take(1)
            .collect();
        if shape.partial() || hints.is_empty() {
            hints.extend(fetch_hints(rev, shape));
        }
        GitError::UnknownRev {
            rev: rev.to_string(),
            partial: shape.partial(),
            hints,
        }
    }

    /// Whether `rev` names something in the repository.
    pub fn exists(&self, rev: &str) -> bool {
        self.repo.revparse_single(rev).is_ok()
    }

    /// The program at `prefix` as the commit had it. File names read `LABEL:path`.
    pub fn program_at(&self, rev: &Rev, prefix: &str) -> Result<Memory, GitError> {
        let commit = self.repo.find_commit(rev.commit).map_err(git_err)?;
        let root = commit.tree().map_err(git_err)?;
        let tree = if prefix.is_empty() {
            root
        } else {
            let entry = root
                .get_path(Path::new(prefix))
                .map_err(|_| GitError::NoProgram {
                    rev: rev.label.clone(),
                    path: prefix.to_string(),
                })?;
            self.repo
                .find_tree(entry.id())
                .map_err(|_| GitError::NoProgram {
                    rev: rev.label.clone(),
                    path: prefix.to_string(),
                })?
        };
        let mut files: Vec<(String, Oid)> = Vec::new();
        let mut skipped: Vec<Skipped> = Vec::new();
        tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
            let name = entry.name().unwrap_or("");
            let rel = format!("{dir}{name}");
            match entry.kind() {
                // Hidden directories are never part of the program.
                Some(ObjectType::Tree) if name.starts_with('.') => TreeWalkResult::Skip,
                Some(ObjectType::Blob) if rel == CONFIG_FILE || is_program_file(&rel) => {
                    // Links (mode 120000) are not followed: their blob is a path, not YAML.
                    if entry.filemode() == 0o120000 {
                        skipped.push(Skipped::warning(
                            &rel,
                            "a symbolic link; links are not followed in a git revision".into(),
                        ));
                    } else {
                        files.push((rel, entry.id()));
                    }
                    TreeWalkResult::Ok
                }
                Some(ObjectType::Commit) if is_program_file(&rel) => {
                    skipped.push(Skipped::warning(&rel, "a submodule; not read".into()));
                    TreeWalkResult::Ok
                }
                _ => TreeWalkResult::Ok,
            }
        })
        .map_err(git_err)?;
        let Some(config_oid) = files
            .iter()
            .find(|(rel, _)| rel == CONFIG_FILE)
            .map(|(_, oid)| *oid)
        else {
            return Err(GitError::NoProgram {
                rev: rev.label.clone(),
                path: prefix.to_string(),
            });
        };
        let display = if prefix.is_empty() {
            format!("{}:", rev.label)
        } else {
            format!("{}:{prefix}/", rev.label)
        };
        let mut memory = Memory::new().with_display_prefix(display);
        for s in skipped {
            memory = memory.with_skipped(s);
        }
        // Sizes come from the object headers: a blob over the limits is never loaded.
        let odb = self.repo.odb().map_err(git_err)?;
        let size_of = |oid: Oid| -> Result<u64, GitError> {
            odb.read_header(oid)
                .map(|(size, _)| size as u64)
                .map_err(git_err)
        };
        // Size up the files as loading will (milepost.toml first, then the program files
        // not excluded, in path order; a file over `file_size` does not count), so that
        // exactly the blobs loading would refuse are never read.
        let mut limits = Limits::DEFAULT;
        let mut exclude = Vec::new();
        let config_size = size_of(config_oid)?;
        if config_size <= limits.file_size {
            let text = String::from_utf8_lossy(&self.blob(config_oid)?).into_owned();
            limits = limits_of(&text);
            exclude = exclude_of(&text);
            memory = memory.with_shared(CONFIG_FILE, self.blob(config_oid)?, None);
        } else {
            memory = memory.with_unread(CONFIG_FILE, config_size);
        }
        let globs = super::worktree::glob_set(&exclude).unwrap_or_default();
        files.retain(|(rel, _)| rel != CONFIG_FILE && !globs.is_match(rel.as_str()));
        files.sort();
        let mut total = if config_size <= Limits::DEFAULT.file_size {
            config_size
        } else {
            0
        };
        for (rel, oid) in files {
            let size = size_of(oid)?;
            if size <= limits.file_size {
                total = total.saturating_add(size);
            }
            memory = if size > limits.file_size || total > limits.program_size {
                memory.with_unread(&rel, size)
            } else {
                memory.with_shared(&rel, self.blob(oid)?, Some(oid.to_string()))
            };
        }
        Ok(memory)
    }

    fn blob(&self, oid: Oid) -> Result<Arc<[u8]>, GitError> {
        if let Some(bytes) = self.blobs.borrow().get(&oid) {
            return Ok(bytes.clone());
        }
        let blob = self.repo.find_blob(oid).map_err(git_err)?;
        let bytes: Arc<[u8]> = Arc::from(blob.content());
        self.blobs.borrow_mut().insert(oid, bytes.clone());
        Ok(bytes)
    }
}
