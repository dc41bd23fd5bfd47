//! The exit-status contract, in one place: 0 success; 1 a policy violation (`check`,
//! `--fail-on-slip`); 2 an invalid program, a usage, I/O or git error. A violation never
//! looks like a crash, and nothing but a violation exits 1.
mod common;

use common::Milepost;
use common::repo::Repo;

const TOML: &str = "[program]\nname = \"Demo\"\nstart = 2026-10-05\n";
const CLEAN: &str = "milestones:\n  - {id: a, duration: 3, due: 2026-12-01}\n  - {id: b, duration: 2, depends_on: [a], due: 2026-12-15}\n";
const OVERDUE: &str = "milestones:\n  - {id: a, duration: 3, due: 2026-10-06}\n";
const SLOWER: &str = "milestones:\n  - {id: a, duration: 3, due: 2026-12-01}\n  - {id: b, duration: 9, depends_on: [a], due: 2026-12-15}\n";
const INVALID: &str = "milestones:\n  - {id: a, depends_on: [ghost]}\n";

fn repo(plan: &str) -> Repo {
    let r = Repo::new();
    r.write("p/milepost.toml", TOML).write("p/plan.yaml", CLEAN);
    r.commit("2026-10-05", "clean plan");
    r.write("p/plan.yaml", plan);
    r
}

fn code(r: &Repo, args: &[&str]) -> i32 {
    let mut all = vec!["-C", "p", "--today", "2026-10-14"];
    all.extend_from_slice(args);
    Milepost::new().dir(r.path()).args(&all).run().code
}

#[test]
fn the_contract() {
    let clean = repo(CLEAN);
    let overdue = repo(OVERDUE);
    let slower = repo(SLOWER);
    let invalid = repo(INVALID);
    let cases: &[(&str, &Repo, &[&str], i32)] = &[
        ("valid program", &clean, &["validate"], 0),
        ("a report", &clean, &["status", "--format", "json"], 0),
        ("check passes", &clean, &["check"], 0),
        ("diff without a slip", &clean, &["diff", "HEAD"], 0),
        (
            "diff --fail-on-slip without a slip",
            &clean,
            &["diff", "HEAD", "--fail-on-slip"],
            0,
        ),
        ("history", &clean, &["history", "a"], 0),
        ("check finds an overdue item", &overdue, &["check"], 1),
        (
            "check in every format",
            &overdue,
            &["check", "--format", "junit"],
            1,
        ),
        (
            "diff --fail-on-slip finds a slip",
            &slower,
            &["diff", "HEAD", "--fail-on-slip"],
            1,
        ),
        (
            "check --fail-on-slip finds a slip",
            &slower,
            &["check", "--fail-on-slip", "--base", "HEAD"],
            1,
        ),
        ("a slip without the flag", &slower, &["diff", "HEAD"], 0),
        ("invalid program: validate", &invalid, &["validate"], 2),
        (
            "invalid program: check is not a violation",
            &invalid,
            &["check"],
            2,
        ),
        (
            "invalid program: diff",
            &invalid,
            &["diff", "HEAD", "--fail-on-slip"],
            2,
        ),
        (
            "usage: unknown option",
            &clean,
            &["status", "--no-such-flag"],
            2,
        ),
        (
            "usage: bad date",
            &clean,
            &["--today", "2026-02-30", "status"],
            2,
        ),
        (
            "usage: unknown format",
            &clean,
            &["check", "--format", "xml"],
            2,
        ),
        ("git: unknown revision", &clean, &["diff", "no-such-rev"], 2),
        (
            "git: unknown revision for --at",
            &clean,
            &["--at", "no-such-rev", "status"],
            2,
        ),
    ];
    for (what, r, args, expected) in cases {
        assert_eq!(
            code(r, args),
            *expected,
            "{what}: milepost {}",
            args.join(" ")
        );
    }
}

#[test]
fn io_and_git_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let ceiling = [(
        "GIT_CEILING_DIRECTORIES",
        dir.path().parent().unwrap().to_str().unwrap(),
    )];
    // No program at all.
    assert_eq!(
        Milepost::new()
            .dir(dir.path())
            .args(["status"])
            .envs(&ceiling)
            .run()
            .code,
        2
    );
    // A program outside git: git commands fail with 2, the rest work.
    std::fs::write(dir.path().join("milepost.toml"), TOML).unwrap();
    std::fs::write(dir.path().join("plan.yaml"), CLEAN).unwrap();
    assert_eq!(
        Milepost::new()
            .dir(dir.path())
            .args(["--today", "2026-10-14", "check"])
            .envs(&ceiling)
            .run()
            .code,
        0
    );
    assert_eq!(
        Milepost::new()
            .dir(dir.path())
            .args(["diff"])
            .envs(&ceiling)
            .run()
            .code,
        2
    );
    assert_eq!(
        Milepost::new()
            .dir(dir.path())
            .args(["check", "--fail-on-slip"])
            .envs(&ceiling)
            .run()
            .code,
        2
    );
    // An output file that cannot be written.
    let (code, _, err) = Milepost::new()
        .dir(dir.path())
        .args([
            "--today",
            "2026-10-14",
            "check",
            "--format",
            "junit",
            "-o",
            "no/such/dir/out.xml",
        ])
        .envs(&ceiling)
        .run()
        .parts();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write"), "{err}");
}
