//! The bad-input corpus (docs/reliability.md): hostile and broken programs, each
//! answered with exit status 2 and a located diagnostic (or accepted where YAML says
//! it is valid), fast, and without writing anything.
//!
//! Static cases live in tests/bad-input/CASE/ (the program files and `expect.toml`);
//! cases that need size, git or a panic are built here; links, special files and
//! unreadable files are in tests/bad_paths.rs.
mod common;
#[path = "support/bad_input.rs"]
mod support;

use std::path::{Path, PathBuf};

use common::Milepost;
use support::{Expect, PLAN, TOML, check, copy_dir, expected, program};

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
    // milepost.toml holds the limits, so it is read within the default whatever it says.
    let toml = format!(
        "{TOML}[limits]\nfile_size = \"1 GiB\"\n{}",
        "#\n".repeat(9 << 20)
    );
    let dir = program(&toml, &[("plan.yaml", PLAN.as_bytes())]);
    check(
        "big milepost.toml",
        dir.path(),
        &[],
        2,
        &[expected("over the limit of 16 MiB", "milepost.toml")],
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
fn a_problem_far_along_a_huge_line_is_named_not_drawn() {
    // miette panics ("Formatting argument out of range") drawing a label past column
    // 65,535; milepost used to crash here (exit 101). Now the place is named instead.
    let items: Vec<String> = (0..8000).map(|i| format!("{{id: m{i}}}")).collect();
    let line = format!(
        "milestones: [{}, {{id: z, duraton: 1}}]\n",
        items.join(", ")
    );
    let dir = program(TOML, &[("plan.yaml", line.as_bytes())]);
    check(
        "far along a line",
        dir.path(),
        &[],
        2,
        &[expected("unknown key `duraton`", "plan.yaml:1:102912")],
    );
    // A problem with a whole list is marked on its first line, not drawn over 5,000.
    let list: String = (0..5000).map(|i| format!("  - {{id: m{i}}}\n")).collect();
    let toml = format!("{TOML}[limits]\nitems = 2\n");
    let dir = program(
        &toml,
        &[("plan.yaml", format!("milestones:\n{list}").as_bytes())],
    );
    let stderr = check(
        "a whole list",
        dir.path(),
        &[],
        2,
        &[expected("5000 items in one file", "plan.yaml:1:1")],
    );
    assert!(stderr.len() < 1_000, "{stderr}");
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

#[test]
fn many_unknown_references_are_reported_in_linear_time() {
    // "Did you mean" compares a reference with every id: past a budget, references are
    // still reported, without a hint (15,000 here; 300,000 take 0.9 s in release).
    let mut text = String::from("milestones:\n");
    for i in 0..5_000 {
        text.push_str(&format!("  - {{id: ok{i}}}\n"));
    }
    let refs: Vec<String> = (0..15_000).map(|i| format!("ok{i}x")).collect();
    text.push_str(&format!(
        "  - id: many\n    depends_on: [{}]\n",
        refs.join(", ")
    ));
    let long = "x".repeat(60_000);
    let sites = format!("sites:\n  - {{id: s, timezone: {long}}}\n");
    let dir = program(
        TOML,
        &[
            ("plan.yaml", text.as_bytes()),
            ("a-sites.yaml", sites.as_bytes()),
        ],
    );
    let stderr = check(
        "many references",
        dir.path(),
        &[],
        2,
        &[
            expected("unknown milestone `ok0x`", "plan.yaml:5003:18"),
            expected("unknown timezone `xxxxxxxx", "a-sites.yaml:2:23"),
        ],
    );
    assert!(
        stderr.contains("did you mean `ok0`?"),
        "the first ones get a hint"
    );
    assert!(stderr.contains("15001 errors"), "{stderr}");
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
    // The program size counts what loading reads: not excluded files, not files over
    // the file size limit; past it, no blob is read.
    r.write(
        "p/milepost.toml",
        &format!(
            "{TOML}exclude = [\"drafts/**\"]\n[limits]\nfile_size = \"2 KiB\"\nprogram_size = \"3 KiB\"\n"
        ),
    )
    .write("p/drafts/old.yaml", &"# draft\n".repeat(400))
    .write("p/a.yaml", &format!("# {}\n", "a".repeat(1500)))
    .write("p/b.yaml", &format!("# {}\n", "b".repeat(1500)));
    std::fs::remove_file(dir.join("big.yaml")).expect("rm");
    r.commit("2026-10-06", "two files over the program size");
    let stderr = check(
        "git program size",
        &dir,
        &args,
        2,
        &[expected(
            "with this file the program comes to more than 3 KiB",
            "HEAD:p/b.yaml",
        )],
    );
    assert!(!stderr.contains("drafts"), "{stderr}");
}

#[test]
fn a_panic_is_reported_as_a_bug_with_exit_101() {
    let dir = program(TOML, &[("plan.yaml", PLAN.as_bytes())]);
    let out = Milepost::new()
        .dir(dir.path())
        .env("MILEPOST_TEST_PANIC", "1")
        .arg("validate")
        .run();
    let stderr = &out.stderr;
    assert_eq!(out.code, 101, "{stderr}");
    assert!(stderr.contains("this is a bug in milepost"), "{stderr}");
    assert!(stderr.contains(env!("CARGO_PKG_VERSION")), "{stderr}");
    assert!(stderr.contains("Please report it"), "{stderr}");
    assert!(out.stdout.is_empty());
}
