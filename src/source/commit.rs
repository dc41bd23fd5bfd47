//! Committing edited program files (`--commit` of the edit commands): exactly those
//! files, on top of HEAD, whatever else is staged or changed in the working tree.
use std::path::Path;

use git2::{Index, IndexEntry, IndexTime, Oid, Status};

use super::git::{GitError, Repo};

fn git(e: git2::Error) -> GitError {
    GitError::Git(e.message().to_string())
}

impl Repo {
    /// The path of `file` relative to the repository's working directory (`/`-separated).
    pub fn path_in_repo(&self, file: &Path) -> Result<String, GitError> {
        let file = file
            .canonicalize()
            .map_err(|e| GitError::Git(format!("{}: {e}", file.display())))?;
        let rel = file
            .strip_prefix(self.workdir())
            .map_err(|_| GitError::Git(format!("{} is outside the repository", file.display())))?;
        Ok(rel.to_string_lossy().replace('\\', "/"))
    }

    /// Whether `path` (in the repository) differs from HEAD, in the index or the working
    /// tree, or is not tracked.
    pub fn has_changes(&self, path: &str) -> Result<bool, GitError> {
        let status = self.git().status_file(Path::new(path)).map_err(git)?;
        Ok(status != Status::CURRENT)
    }

    /// Commits `files` (path in the repository, new content) on top of HEAD with
    /// `message`, and brings those index entries up to date. Other staged changes stay
    /// staged and out of the commit.
    pub fn commit_files(
        &self,
        files: &[(String, Vec<u8>)],
        message: &str,
    ) -> Result<Oid, GitError> {
        let repo = self.git();
        let head = repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .map_err(|_| GitError::Git("the repository has no commit to add to yet".into()))?;
        let head_tree = head.tree().map_err(git)?;
        let mut index = Index::new().map_err(git)?;
        index.read_tree(&head_tree).map_err(git)?;
        for (path, bytes) in files {
            let id = repo.blob(bytes).map_err(git)?;
            let mode = head_tree
                .get_path(Path::new(path))
                .map_or(0o100_644, |e| e.filemode() as u32);
            index
                .add(&entry(path, id, mode, bytes.len()))
                .map_err(git)?;
        }
        let tree = repo
            .find_tree(index.write_tree_to(repo).map_err(git)?)
            .map_err(git)?;
        let author = signature(repo, "AUTHOR")?;
        let committer = signature(repo, "COMMITTER")?;
        let oid = repo
            .commit(Some("HEAD"), &author, &committer, message, &tree, &[&head])
            .map_err(git)?;
        let mut real = repo.index().map_err(git)?;
        for (path, _) in files {
            real.add_path(Path::new(path)).map_err(git)?;
        }
        real.write().map_err(git)?;
        Ok(oid)
    }
}

/// The author or committer as git would take it: `GIT_AUTHOR_NAME` and
/// `GIT_AUTHOR_EMAIL` (or the committer's) when set, else `user.name` and `user.email`.
fn signature(repo: &git2::Repository, who: &str) -> Result<git2::Signature<'static>, GitError> {
    let var = |what: &str| std::env::var(format!("GIT_{who}_{what}")).ok();
    let signature = match (var("NAME"), var("EMAIL")) {
        (Some(name), Some(email)) => git2::Signature::now(&name, &email),
        _ => repo.signature(),
    };
    signature.map_err(|e| {
        GitError::Git(format!(
            "cannot commit: {} (set git config user.name and user.email)",
            e.message()
        ))
    })
}

fn entry(path: &str, id: Oid, mode: u32, size: usize) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(size).unwrap_or(u32::MAX),
        id,
        flags: u16::try_from(path.len().min(0xfff)).unwrap_or(0xfff),
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}
