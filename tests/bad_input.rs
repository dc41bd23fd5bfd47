//! The bad-input corpus (docs/reliability.md): hostile and broken programs, each
//! answered with exit status 2 and a located diagnostic (or accepted where YAML says
//! it is valid), fast, and without writing anything.
//!
//! Static cases live in tests/bad-input/CASE/ (the program files and `expect.toml`);
//! cases that need size, links, special files or git are built here.
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde::Deserialize;

/// Generous, so CI is never flaky; every case takes milliseconds.
const TIME_BOUND: Duration = Duration::from_secs(2);

const TOML: &str = "[program]\nname = \"bad input\"\nstart = 2026-10-05\n";
const PLAN: &str = "milestones:\n  - {id: a, duration: 2}\n";

/// What a case expects: its exit status and diagnostics (text and place).
#[derive(Deserialize)]
struct Expect {
    about: String,
    exit: i32,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    diag: Vec<Expected>,
}

#[derive(Deserialize, Clone)]
struct Expected {
    text: String,
    /// `file:line:col` (a snippet's header or a message prefix), or `file` for a
    /// problem with a whole file.
    at: String,
}

fn expected(text: &str, at: &str) -> Expected {
    Expected {
        text: text.into(),
        at: at.into(),
    }
}

/// Every file below `dir` with its size.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, u64> {
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
fn check(name: &str, dir: &Path, args: &[String], exit: i32, diags: &[Expected]) -> String {
    let before = snapshot(dir);
    let mut cmd = Command::cargo_bin("milepost").expect("binary");
    cmd.current_dir(dir)
        .env("MILEPOST_TODAY", "2026-11-16")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("RUST_BACKTRACE");
    let args: Vec<String> = if args.is_empty() {
        vec!["validate".into()]
    } else {
        args.to_vec()
    };
    let started = Instant::now();
    let out = cmd.args(&args).output().expect("run");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(exit),
        "{name}: exit status\n{stderr}"
    );
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

fn copy_dir(from: &Path, to: &Path) {
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

#[test]
fn the_static_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/bad-input")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus is missing");
    for case in cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(case.join("expect.toml")).expect("expect.toml");
        let expect: Expect = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!expect.about.is_empty());
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&case, dir.path());
        check(&name, dir.path(), &expect.args, expect.exit, &expect.diag);
    }
}

/// A directory with milepost.toml and `files`.
fn program(toml: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("milepost.toml"), toml).expect("write");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    dir
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let mut big = String::from("milestones:\n");
    while big.len() < 50 << 20 {
        big.push_str("  - {id: item, duration: 5, notes: \"padding padding padding\"}\n");
    }
    let dir = program(
        TOML,
        &[("big.yaml", big.as_bytes()), ("plan.yaml", PLAN.as_bytes())],
    );
    check(
        "50 MB",
        dir.path(),
        &[],
        2,
        &[expected(
            "over the limit of 16 MiB; it is not read",
            "big.yaml",
        )],
    );
}

#[test]
fn a_10000_deep_nesting_ends_at_the_depth_limit() {
    let block = format!("milestones:\n  - notes:\n    {}x\n", "- ".repeat(10_000));
    let flow = format!("milestones: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let maps = format!(
        "milestones: {}{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    let dir = program(
        TOML,
        &[
            ("block.yaml", block.as_bytes()),
            ("flow.yaml", flow.as_bytes()),
            ("maps.yaml", maps.as_bytes()),
        ],
    );
    check(
        "10,000 deep",
        dir.path(),
        &[],
        2,
        &[
            expected("nested deeper than 64 levels", "block.yaml:3:127"),
            expected("nesting too deep for the YAML parser", "flow.yaml:1:268"),
            expected("nested deeper than 64 levels", "maps.yaml:1:265"),
        ],
    );
}

#[test]
fn many_problems_are_capped_and_still_fast() {
    // 30,000 unknown keys in one item: every one is an error, reported in linear time
    // (100,000 take 0.4 s in a release build; see docs/reliability.md).
    let keys: Vec<String> = (0..30_000).map(|i| format!("k{i}: 1")).collect();
    let text = format!("milestones:\n  - {{id: a, {}}}\n", keys.join(", "));
    let dir = program(TOML, &[("plan.yaml", text.as_bytes())]);
    let stderr = check(
        "many problems",
        dir.path(),
        &[],
        2,
        &[expected("unknown key `k0`", "plan.yaml:2:13")],
    );
    assert!(
        stderr.contains("… and 29800 more problems not shown"),
        "{stderr}"
    );
    assert!(stderr.contains("30000 errors"), "{stderr}");
    assert!(stderr.len() < 200_000, "the output is flooded");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_program_and_link_loops_are_reported_and_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.yaml"), "token: hunter2\n").expect("write");
    std::fs::create_dir(outside.path().join("shared")).expect("mkdir");
    let dir = program(
        TOML,
        &[("plan.yaml", PLAN.as_bytes()), ("in/real.yml", b"")],
    );
    let p = dir.path();
    symlink(outside.path().join("secret.yaml"), p.join("leak.yaml")).expect("link");
    symlink(outside.path().join("shared"), p.join("shared")).expect("link");
    symlink(p.join("loop-b.yaml"), p.join("loop-a.yaml")).expect("link");
    symlink(p.join("loop-a.yaml"), p.join("loop-b.yaml")).expect("link");
    symlink(p.join("in"), p.join("again")).expect("link");
    symlink(p.join("in/real.yml"), p.join("alias.yml")).expect("link");
    let stderr = check(
        "links",
        p,
        &[],
        0,
        &[
            expected("a symbolic link out of the program directory", "leak.yaml"),
            expected("a symbolic link out of the program directory", "shared"),
            expected("a symbolic link loop", "loop-a.yaml"),
            expected("a symbolic link loop", "loop-b.yaml"),
        ],
    );
    assert!(
        !stderr.contains("hunter2"),
        "a file outside the program was read"
    );
    assert!(
        !stderr.contains("again"),
        "a link to a directory inside is skipped quietly"
    );
    // milepost.toml itself may not lead out of the program either.
    std::fs::remove_file(p.join("milepost.toml")).expect("rm");
    std::fs::write(outside.path().join("milepost.toml"), TOML).expect("write");
    symlink(
        outside.path().join("milepost.toml"),
        p.join("milepost.toml"),
    )
    .expect("link");
    let stderr = check("config link", p, &[], 2, &[]);
    assert!(
        stderr.contains("milepost.toml: a symbolic link out of the program directory"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_and_unreadable_files_are_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = program(
        TOML,
        &[
            ("plan.yaml", PLAN.as_bytes()),
            ("locked.yaml", b"risks: []\n"),
        ],
    );
    let p = dir.path();
    let fifo = std::process::Command::new("mkfifo")
        .arg(p.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    let sock = std::os::unix::net::UnixListener::bind(p.join("sock.yaml")).ok();
    let locked = p.join("locked.yaml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // root reads anything: the unreadable half of the case needs an ordinary user.
    let unreadable = std::fs::read(&locked).is_err();
    let mut diags = Vec::new();
    if fifo {
        diags.push(expected(
            "not a regular file (a fifo); skipped",
            "pipe.yaml",
        ));
    }
    if sock.is_some() {
        diags.push(expected(
            "not a regular file (a socket); skipped",
            "sock.yaml",
        ));
    }
    if unreadable {
        diags.push(expected(
            "cannot read this file: Permission denied",
            "locked.yaml",
        ));
    }
    check("special", p, &[], if unreadable { 2 } else { 0 }, &diags);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = program(TOML, &[("plan.yaml", PLAN.as_bytes())]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.yaml");
    std::fs::write(dir.path().join(name), PLAN).expect("write");
    check(
        "file name",
        dir.path(),
        &[],
        2,
        &[expected(
            "the file name is not valid UTF-8",
            "caf\u{FFFD}.yaml",
        )],
    );
}

#[test]
fn git_revisions_stay_in_the_program_and_within_the_limits() {
    let r = common::repo::Repo::new();
    let big = format!("# {}\nmilestones: []\n", "x".repeat(4096));
    r.write(
        "p/milepost.toml",
        &format!("{TOML}[limits]\nfile_size = \"2 KiB\"\n"),
    )
    .write("p/plan.yaml", PLAN)
    .write("p/big.yaml", &big)
    .write("elsewhere.yaml", "not: [a program file\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("../elsewhere.yaml", r.path().join("p/link.yaml")).expect("link");
    r.commit("2026-10-05", "a program with a big file and a link out");
    let dir = r.path().join("p");
    let mut diags = vec![expected("over the limit of 2 KiB", "HEAD:p/big.yaml")];
    if cfg!(unix) {
        diags.push(expected(
            "a symbolic link; links are not followed in a git revision",
            "HEAD:p/link.yaml",
        ));
    }
    let args: Vec<String> = ["--at", "HEAD", "validate"].map(String::from).to_vec();
    let stderr = check("git", &dir, &args, 2, &diags);
    assert!(
        !stderr.contains("elsewhere"),
        "a file outside the program was read: {stderr}"
    );
}

#[test]
fn a_panic_is_reported_as_a_bug_with_exit_101() {
    let dir = program(TOML, &[("plan.yaml", PLAN.as_bytes())]);
    let out = Command::cargo_bin("milepost")
        .expect("binary")
        .current_dir(dir.path())
        .env("MILEPOST_TEST_PANIC", "1")
        .env_remove("RUST_BACKTRACE")
        .arg("validate")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(101), "{stderr}");
    assert!(stderr.contains("this is a bug in milepost"), "{stderr}");
    assert!(stderr.contains(env!("CARGO_PKG_VERSION")), "{stderr}");
    assert!(stderr.contains("Please report it"), "{stderr}");
    assert!(out.stdout.is_empty());
}
