//! Each edit command on a copy of the example: the exact lines of its `git diff`, and
//! the change as `status --format json` shows it.
use std::path::Path;

use crate::common::Milepost;
use crate::common::repo::Repo;

pub const TODAY: &str = "2026-12-14";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The bundled example committed in a scratch repository.
pub fn example_repo() -> Repo {
    let repo = Repo::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/gpu-buildout");
    copy_dir(&example, repo.path());
    repo.commit("2026-12-01", "the example program");
    repo
}

/// milepost in the repository, as of [`TODAY`].
pub fn milepost(repo: &Repo) -> Milepost {
    repo.milepost(".").today(TODAY)
}

/// The changed lines of `git diff` (`-`/`+` lines, without the file headers).
pub fn changed_lines(repo: &Repo) -> Vec<String> {
    repo.git(&["diff", "-U0"])
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .map(str::to_string)
        .collect()
}

/// The `status --format json` record of item `id`.
pub fn record(repo: &Repo, id: &str) -> serde_json::Value {
    let all = milepost(repo)
        .args(["status", "--format", "json"])
        .run()
        .success()
        .json();
    all["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no {id} in status"))
}

fn comments(repo: &Repo) -> usize {
    let mut n = 0;
    for dir in ["", "clusters", "facility"] {
        for entry in std::fs::read_dir(repo.path().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                n += std::fs::read_to_string(path).unwrap().matches('#').count();
            }
        }
    }
    n
}

#[test]
fn start_adds_status_and_started_after_the_items_last_key() {
    let repo = example_repo();
    milepost(&repo)
        .args(["start", "dfw1-a100-migration"])
        .run()
        .success();
    assert_eq!(
        changed_lines(&repo),
        ["+    status: in_progress", "+    started: 2026-12-14"]
    );
    let m = record(&repo, "dfw1-a100-migration");
    assert_eq!(m["status"], "in_progress");
    assert_eq!(m["start"], "2026-12-14");
}

#[test]
fn done_keeps_started_removes_the_forecast_and_keeps_its_comments() {
    let repo = example_repo();
    let before = comments(&repo);
    let out = milepost(&repo)
        .args(["done", "dfw1-h200-cabling", "--on", "2026-12-11"])
        .run()
        .success();
    assert!(
        out.stdout.contains("Wrote clusters/dfw1-h200.yaml"),
        "{}",
        out.stdout
    );
    assert_eq!(
        changed_lines(&repo),
        [
            "-    status: in_progress",
            "+    status: done",
            "-    remaining: 4                # leaf tier done; spine links need the backordered optics",
            "-    as_of: 2026-12-10           # Thursday's build review",
            "+    finished: 2026-12-11",
            "+    # leaf tier done; spine links need the backordered optics",
            "+    # Thursday's build review",
        ]
    );
    assert_eq!(comments(&repo), before);
    let m = record(&repo, "dfw1-h200-cabling");
    assert_eq!(
        (m["status"].as_str(), m["finish"].as_str()),
        (Some("done"), Some("2026-12-11"))
    );
}

#[test]
fn done_on_an_item_never_started_records_a_start_and_says_where_it_came_from() {
    let repo = example_repo();
    let out = milepost(&repo)
        .args(["done", "dfw1-h200-fabric-up"])
        .run()
        .success();
    assert!(
        out.stdout.contains(
            "note: `dfw1-h200-fabric-up` was not started: started 2026-12-08 is its duration (5 working days) back from the finish"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        changed_lines(&repo),
        [
            "+    status: done",
            "+    started: 2026-12-08",
            "+    finished: 2026-12-14"
        ]
    );
    // Its predecessors are not done: reported, not refused.
    assert!(
        out.stderr.contains("is done but its predecessor"),
        "{}",
        out.stderr
    );
}

#[test]
fn forecast_switches_between_the_two_forms() {
    let repo = example_repo();
    milepost(&repo)
        .args(["forecast", "dfw1-h200-cabling", "--finish", "2026-12-18"])
        .run()
        .success();
    assert_eq!(
        changed_lines(&repo),
        [
            "-    remaining: 4                # leaf tier done; spine links need the backordered optics",
            "-    as_of: 2026-12-10           # Thursday's build review",
            "+    expected_finish: 2026-12-18",
            "+    # leaf tier done; spine links need the backordered optics",
            "+    # Thursday's build review",
        ]
    );
    assert_eq!(record(&repo, "dfw1-h200-cabling")["finish"], "2026-12-18");
    milepost(&repo)
        .args(["forecast", "dfw1-h200-cabling", "--remaining", "3"])
        .run()
        .success();
    let text = std::fs::read_to_string(repo.path().join("clusters/dfw1-h200.yaml")).unwrap();
    assert!(
        text.contains("    remaining: 3\n    as_of: 2026-12-14\n"),
        "{text}"
    );
    assert!(!text.contains("expected_finish"), "{text}");
}

#[test]
fn set_replaces_in_place_adds_in_order_and_quotes_only_when_needed() {
    let repo = example_repo();
    milepost(&repo)
        .args([
            "set",
            "dfw1-a100-migration",
            "owner=Lee H.",
            "due=2027-02-05",
            "notes=PO: 4500",
        ])
        .run()
        .success();
    assert_eq!(
        changed_lines(&repo),
        [
            "-    owner: lee.h",
            "+    owner: Lee H.",
            "+    due: 2027-02-05",
            "+    notes: \"PO: 4500\"",
        ]
    );
    let m = record(&repo, "dfw1-a100-migration");
    assert_eq!(
        (m["owner"].as_str(), m["due"].as_str()),
        (Some("Lee H."), Some("2027-02-05"))
    );
    milepost(&repo)
        .args(["set", "dfw1-a100-migration", "notes=", "due="])
        .run()
        .success();
    assert_eq!(
        changed_lines(&repo),
        ["-    owner: lee.h", "+    owner: Lee H."]
    );
}

/// The predecessors `show --format json` lists for `id`.
fn predecessors(repo: &Repo, id: &str) -> Vec<String> {
    let v = milepost(repo)
        .args(["show", id, "--format", "json"])
        .run()
        .success()
        .json();
    v["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn link_and_unlink_edit_the_list_in_its_own_style() {
    let repo = example_repo();
    let before = comments(&repo);
    milepost(&repo)
        .args([
            "link",
            "dfw1-h200-fabric-up",
            "--after",
            "dfw1-h200-frontend-net",
            "--type",
            "ss",
            "--lag",
            "1",
        ])
        .run()
        .success();
    assert_eq!(
        changed_lines(&repo),
        [
            "-    depends_on: [dfw1-h200-cabling, dfw1-h200-optics-delivered]",
            "+    depends_on: [dfw1-h200-cabling, dfw1-h200-optics-delivered, { id: dfw1-h200-frontend-net, type: SS, lag: 1 }]",
        ]
    );
    milepost(&repo)
        .args([
            "link",
            "dfw1-h200-cabling",
            "--after",
            "dfw1-h200-frontend-net",
        ])
        .run()
        .success();
    assert!(
        predecessors(&repo, "dfw1-h200-fabric-up").contains(&"dfw1-h200-frontend-net".to_string())
    );
    let diff = changed_lines(&repo);
    assert_eq!(diff.len(), 3, "{diff:?}");
    assert_eq!(comments(&repo), before);
    assert!(
        diff.contains(&"+      - dfw1-h200-frontend-net".to_string()),
        "{diff:?}"
    );
    milepost(&repo)
        .args(["unlink", "dfw1-h200-cabling", "dfw1-h200-frontend-net"])
        .run()
        .success();
    milepost(&repo)
        .args(["unlink", "dfw1-h200-fabric-up", "dfw1-h200-frontend-net"])
        .run()
        .success();
    assert!(
        changed_lines(&repo).is_empty(),
        "{:?}",
        changed_lines(&repo)
    );
}

#[test]
fn dry_run_prints_the_diff_and_the_impact_and_writes_nothing() {
    let repo = example_repo();
    let out = milepost(&repo)
        .args(["start", "dfw1-a100-migration", "--dry-run"])
        .run()
        .success();
    assert!(
        out.stdout.starts_with(
            "--- a/clusters/dfw1-a100-retire.yaml\n+++ b/clusters/dfw1-a100-retire.yaml\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("+    started: 2026-12-14\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Schedule: program finish"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Dry run: nothing written"),
        "{}",
        out.stdout
    );
    assert!(changed_lines(&repo).is_empty());
}

#[test]
fn json_reports_the_changes_and_the_commitments_crossed() {
    let repo = example_repo();
    let out = milepost(&repo)
        .args([
            "set",
            "dfw1-h200-burn-in",
            "duration=30",
            "--format",
            "json",
        ])
        .run()
        .success();
    let v = out.json();
    assert_eq!(v["changes"][0]["key"], "duration");
    assert_eq!(v["changes"][0]["before"], "5");
    assert_eq!(v["changes"][0]["after"], "30");
    assert_eq!(v["files"][0], "clusters/dfw1-h200.yaml");
    let crossed: Vec<&str> = v["impact"]["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] == "now_missed")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!crossed.is_empty(), "{v:#}");
    assert!(v["impact"]["moved"].as_array().unwrap().len() > 1, "{v:#}");
}
