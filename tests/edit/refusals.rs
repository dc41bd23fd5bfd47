//! Every refusal exits 2, says why (and where, for a file that cannot be edited in
//! place) and leaves every file byte-identical.
use super::example::{example_repo, milepost};
use crate::common::repo::Repo;

/// Every file of the repository's working tree (but `.git`), with its bytes.
fn snapshot(repo: &Repo) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![repo.path().to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.ends_with(".git") {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Runs `args`, expects exit 2 with `message` on stderr and no file changed.
#[track_caller]
fn refused(repo: &Repo, args: &[&str], message: &str) {
    let before = snapshot(repo);
    let out = milepost(repo).args(args).run().code(2);
    assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
    assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    assert!(snapshot(repo) == before, "{args:?} changed a file");
}

#[test]
fn refusals_leave_every_file_byte_identical() {
    let repo = example_repo();
    let r = &repo;
    refused(
        r,
        &["start", "dfw1-a100-migration", "--on", "2026-12-15"],
        "after today (2026-12-14)",
    );
    refused(
        r,
        &["done", "dfw1-a100-migration", "--on", "2027-01-01"],
        "cannot be in the future",
    );
    refused(
        r,
        &["start", "dfw1-h200-handover"],
        "is a milestone event (duration 0)",
    );
    refused(
        r,
        &["start", "dfw1-a100-migrashun"],
        "did you mean `dfw1-a100-migration`?",
    );
    refused(
        r,
        &[
            "link",
            "dfw1-a100-eol-notice",
            "--after",
            "dfw1-a100-retired",
        ],
        "dependency cycle",
    );
    refused(
        r,
        &["unlink", "dfw1-a100-migration", "dfw1-h200-po"],
        "does not depend on `dfw1-h200-po`",
    );
    refused(
        r,
        &["set", "dfw1-a100-migration", "vendor=nobody"],
        "nobody",
    );
    refused(
        r,
        &["set", "dfw1-a100-migration", "id=x"],
        "an id is how other items",
    );
    refused(
        r,
        &["set", "dfw1-a100-migration", "remaining=3"],
        "remaining",
    );
    refused(
        r,
        &["forecast", "dfw1-a100-migration", "--finish", "2027-01-01"],
        "start it first",
    );
    refused(
        r,
        &["start", "dfw1-a100-migration", "--at", "HEAD"],
        "history is read-only",
    );
}

#[test]
fn several_ids_are_all_checked_before_anything_is_written() {
    let repo = example_repo();
    let before = snapshot(&repo);
    let out = milepost(&repo)
        .args(["start", "dfw1-a100-migration", "nope", "dfw1-h200-handover"])
        .run()
        .code(2);
    assert!(out.stderr.contains("no milestone `nope`"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`dfw1-h200-handover` is a milestone event"),
        "{}",
        out.stderr
    );
    assert!(snapshot(&repo) == before);
}

#[test]
fn an_anchor_in_the_file_is_refused_at_its_place() {
    let repo = example_repo();
    repo.write(
        "extra.yaml",
        "milestones:\n  - &base {id: x1, duration: 2, site: dfw1}\n  - {id: x2, duration: 1, site: dfw1}\n",
    );
    let before = snapshot(&repo);
    let out = milepost(&repo).args(["start", "x2"]).run().code(2);
    assert!(out.stderr.contains("extra.yaml:2:5"), "{}", out.stderr);
    assert!(out.stderr.contains("anchor or alias"), "{}", out.stderr);
    assert!(!out.stderr.contains("program is invalid"), "{}", out.stderr);
    assert!(snapshot(&repo) == before);
}

#[test]
fn an_invalid_program_is_not_edited() {
    let repo = example_repo();
    repo.write(
        "extra.yaml",
        "milestones:\n  - {id: x1, duration: -2, site: dfw1}\n",
    );
    let before = snapshot(&repo);
    milepost(&repo)
        .args(["start", "dfw1-a100-migration"])
        .run()
        .code(2);
    assert!(snapshot(&repo) == before);
}
