//! Shared by the bad-input tests (tests/bad_input.rs, tests/bad_paths.rs): run milepost
//! on a program directory and check the exit status, each diagnostic's text and place,
//! the time taken, and that nothing was written.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::common::Milepost;

/// A bound that only a runaway (quadratic, exponential) case can reach: every case takes
/// milliseconds, but a debug build on a busy 2-core machine can be 100× slower than that.
/// Speed itself is measured by the benchmarks (bench/run.sh), not here.
pub const TIME_BOUND: Duration = Duration::from_secs(30);

pub const TOML: &str = "[program]\nname = \"bad input\"\nstart = 2026-10-05\n";
pub const PLAN: &str = "milestones:\n  - {id: a, duration: 2}\n";

/// What a case expects: its exit status and diagnostics (text and place).
#[derive(Deserialize)]
pub struct Expect {
    pub about: String,
    pub exit: i32,
    #[serde(default)]
    pub args: Vec<String>,
    #[serde(default)]
    pub diag: Vec<Expected>,
}

#[derive(Deserialize, Clone)]
pub struct Expected {
    pub text: String,
    /// `file:line:col` (a snippet's header or a message prefix), or `file` for a
    /// problem with a whole file.
    pub at: String,
}

pub fn expected(text: &str, at: &str) -> Expected {
    Expected {
        text: text.into(),
        at: at.into(),
    }
}

/// Every file below `dir` with its size.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, u64> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.insert(path, meta.len());
        }
    }
    out
}

/// Runs milepost in `dir` and checks the exit status, each expected diagnostic (its
/// text and place in one report), the time taken and that nothing was written.
pub fn check(name: &str, dir: &Path, args: &[String], exit: i32, diags: &[Expected]) -> String {
    let before = snapshot(dir);
    let cmd = Milepost::new().dir(dir).today("2026-11-16");
    let args: Vec<String> = if args.is_empty() {
        vec!["validate".into()]
    } else {
        args.to_vec()
    };
    let started = Instant::now();
    let out = cmd.args(&args).run();
    let took = started.elapsed();
    let stderr = out.stderr;
    assert_eq!(out.code, exit, "{name}: exit status\n{stderr}");
    assert!(took < TIME_BOUND, "{name}: took {took:?}");
    assert!(
        !stderr.contains("this is a bug"),
        "{name}: panicked\n{stderr}"
    );
    if exit == 2 {
        assert!(out.stdout.is_empty(), "{name}: stdout should be empty");
    }
    // One report per `milepost::code` header: the text and the place in the same one.
    let reports: Vec<&str> = stderr.split("milepost::").skip(1).collect();
    for d in diags {
        let placed = |r: &&str| {
            let flat = r.replace("\n  │ ", " ").replace('\n', " ");
            flat.contains(&d.text)
                && (r.contains(&format!("[{}]", d.at)) || r.contains(&format!("{}: ", d.at)))
        };
        assert!(
            reports.iter().any(placed),
            "{name}: no report with `{}` at `{}` in:\n{stderr}",
            d.text,
            d.at
        );
    }
    assert_eq!(
        snapshot(dir),
        before,
        "{name}: files were written or removed"
    );
    stderr
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "expect.toml" {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A directory with milepost.toml and `files`.
pub fn program(toml: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("milepost.toml"), toml).expect("write");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    dir
}
