//! The default base is what a reviewer compares with, and a shallow clone's hint works.
use crate::common::repo::Repo;
use crate::fixture::{Remote, milepost_in};

#[test]
fn a_pushed_feature_branch_is_compared_with_the_default_branch_not_its_upstream() {
    let remote = Remote::with_pushed_branch();
    let (code, out, err) = milepost_in(remote.work.path())
        .args(["diff", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let merge_base = remote.work.git(&["merge-base", "origin/main", "HEAD"]);
    let short = &merge_base.trim()[..7];
    assert!(
        err.contains(&format!(
            "base: origin/main (the default branch, origin/HEAD, at merge-base {short})"
        )),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["base"]["rev"], "origin/main");
    assert_eq!(v["base"]["commit"], merge_base.trim());
    let deliver = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "deliver")
        .expect("the slipped delivery is in the diff");
    assert_eq!(deliver["finish"]["delta"], 8);
    // The gate sees the slip too.
    let (code, _, err) = milepost_in(remote.work.path())
        .args(["check", "--fail-on-slip"])
        .run()
        .parts();
    assert_eq!(code, 1, "{err}");
}

#[test]
fn without_origin_head_the_default_branch_is_found_by_name() {
    let remote = Remote::with_pushed_branch();
    remote
        .work
        .git(&["remote", "set-head", "origin", "--delete"]);
    let (code, _, err) = milepost_in(remote.work.path()).args(["diff"]).run().parts();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("base: origin/main (the default branch, at merge-base"),
        "{err}"
    );
}

/// Runs a hint's command verbatim: the text after the first `: git `.
fn run_hint(dir: &std::path::Path, hint: &str) {
    let command = &hint[hint
        .find("git fetch")
        .expect("a git fetch command in the hint")..];
    let words: Vec<&str> = command.split_whitespace().skip(1).collect();
    Repo::git_in(dir, &words, "2026-10-07");
}

#[test]
fn in_a_single_branch_shallow_clone_the_hinted_fetch_makes_diff_work() {
    let remote = Remote::with_pushed_branch();
    let (_keep, clone) = remote.shallow_clone("week-50");
    let (code, _, err) = milepost_in(&clone).args(["diff"]).run().parts();
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("fetch-depth: 0") && err.contains("GIT_DEPTH: 0"),
        "{err}"
    );
    let hint = err
        .lines()
        .find(|l| l.contains("git fetch"))
        .unwrap_or_else(|| panic!("no fetch hint in {err}"));
    assert!(
        hint.contains("git fetch --depth=1 origin main:refs/remotes/origin/main"),
        "{hint}"
    );
    run_hint(&clone, hint);
    let (code, out, err) = milepost_in(&clone)
        .args(["diff", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["base"]["rev"], "origin/main");
    // Two depth-1 histories have no merge-base: the tip of main is the base, and the
    // output says so.
    assert!(err.contains("no merge-base"), "{err}");
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "deliver")
    );
}

#[test]
fn a_missing_ci_target_and_a_missing_tag_get_commands_that_work() {
    let remote = Remote::with_pushed_branch();
    remote.work.git(&["tag", "baseline-q4", "main"]);
    remote.work.git(&["push", "-q", "origin", "baseline-q4"]);
    let (_keep, clone) = remote.shallow_clone("week-50");
    let (code, _, err) = milepost_in(&clone)
        .args(["diff"])
        .env("GITHUB_BASE_REF", "main")
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(
        err.contains("git fetch --depth=1 origin main:refs/remotes/origin/main"),
        "{err}"
    );
    let (code, _, err) = milepost_in(&clone)
        .args(["status", "--baseline", "baseline-q4"])
        .run()
        .parts();
    assert_eq!(code, 2);
    let hint = err.lines().find(|l| l.contains("tag")).expect("a tag hint");
    assert!(
        hint.contains("git fetch --depth=1 origin tag baseline-q4"),
        "{hint}"
    );
    run_hint(&clone, hint);
    let (code, _, err) = milepost_in(&clone)
        .args(["status", "--baseline", "baseline-q4"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_mistyped_revision_gets_a_did_you_mean_over_branches_and_tags() {
    let remote = Remote::with_pushed_branch();
    let (code, _, err) = milepost_in(remote.work.path())
        .args(["diff", "mian"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision `mian`"), "{err}");
    assert!(err.contains("did you mean `main`?"), "{err}");
}
