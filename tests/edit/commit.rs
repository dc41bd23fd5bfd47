//! `--commit`: exactly the edited files, on top of HEAD, with a message that says what
//! changed; refused when those files already had uncommitted changes.
use super::example::{example_repo, milepost};

#[test]
fn commit_commits_exactly_the_edited_files_and_leaves_other_changes_alone() {
    let repo = example_repo();
    // Unrelated work in progress, staged and unstaged, stays out of the commit.
    repo.write("notes.txt", "draft\n");
    repo.git(&["add", "notes.txt"]);
    repo.write("README.local", "scratch\n");
    let out = milepost(&repo)
        .env("GIT_AUTHOR_NAME", "Tess P")
        .env("GIT_AUTHOR_EMAIL", "tess@example.com")
        .env("GIT_COMMITTER_NAME", "Tess P")
        .env("GIT_COMMITTER_EMAIL", "tess@example.com")
        .args([
            "done",
            "dfw1-h200-cabling",
            "--on",
            "2026-12-11",
            "--commit",
        ])
        .run()
        .success();
    assert!(out.stdout.contains("committed "), "{}", out.stdout);
    let log = repo.git(&["log", "-1", "--format=%s", "--name-only"]);
    assert_eq!(
        log,
        "milepost: dfw1-h200-cabling done 2026-12-11\n\nclusters/dfw1-h200.yaml\n"
    );
    let status = repo.git(&["status", "--porcelain"]);
    assert_eq!(status, "A  notes.txt\n?? README.local\n");
}

#[test]
fn commit_is_refused_when_the_file_already_had_changes() {
    let repo = example_repo();
    let path = repo.path().join("clusters/dfw1-h200.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("# a local note\n");
    std::fs::write(&path, &text).unwrap();
    let out = milepost(&repo)
        .args(["done", "dfw1-h200-cabling", "--commit"])
        .run()
        .code(2);
    assert!(
        out.stderr.contains("already has uncommitted changes"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(repo.git(&["log", "--format=%s"]).lines().count(), 1);
}
