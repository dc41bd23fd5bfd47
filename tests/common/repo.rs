//! Scratch git repositories for tests: the git CLI with a fixed identity, clock and
//! config, and the milepost binary run inside them.
#![allow(dead_code)]
use std::path::Path;
use std::process::Command;

use super::Milepost;

/// A scratch repository driven through the git CLI with a fixed identity and clock.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn git_in(dir: &Path, args: &[&str], date: &str) -> String {
        let out = Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ann Example")
            .env("GIT_AUTHOR_EMAIL", "ann@example.com")
            .env("GIT_COMMITTER_NAME", "Ann Example")
            .env("GIT_COMMITTER_EMAIL", "ann@example.com")
            .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00+00:00"))
            .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00+00:00"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn git(&self, args: &[&str]) -> String {
        Repo::git_in(self.path(), args, "2026-10-05")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Repo {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn commit(&self, date: &str, message: &str) {
        Repo::git_in(self.path(), &["add", "-A"], date);
        Repo::git_in(self.path(), &["commit", "-q", "-m", message], date);
    }

    /// milepost run in `dir` of the repository (no today: the tests pass `--today`).
    pub fn milepost(&self, dir: &str) -> Milepost {
        Milepost::new().dir(self.path().join(dir))
    }
}
