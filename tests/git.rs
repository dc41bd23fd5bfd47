//! The git-native commands on real repositories built here: `--at`, `diff`, `history`
//! and baselines, with renames, removed files, a merge commit, an invalid side, a
//! shallow clone and CI environment variables. Authors, dates and config are fixed.
mod common;

use std::path::PathBuf;

use common::Milepost;
use common::repo::Repo;
use serde_json::Value;

const TOML: &str = "[program]\nname = \"Demo\"\nstart = 2026-10-05\n";
const SITES: &str =
    "sites:\n  - {id: dfw1}\nclusters:\n  - {id: a, site: dfw1, gpus: 8, ready_by: 2026-10-30}\n";
const PLAN: &str = "milestones:
  - {id: po, name: PO placed, cluster: a, duration: 3}
  - {id: deliver, name: Delivered, cluster: a, duration: 5, depends_on: [po]}
  - {id: install, name: Installed, cluster: a, duration: 4, depends_on: [deliver], due: 2026-10-30}
  - {id: side, name: Side work, cluster: a, duration: 2}
";

/// v1: the plan; v2: `deliver` takes 8 days (an edit rippling to `install`), `side`
/// removed, `extra` added, the plan file renamed, `install`'s due moved later.
fn two_versions() -> Repo {
    let r = Repo::new();
    r.write("program/milepost.toml", TOML)
        .write("program/sites.yaml", SITES)
        .write("program/plan.yaml", PLAN);
    r.commit("2026-10-05", "Initial plan");
    r.git(&["tag", "v1"]);
    r.git(&["mv", "program/plan.yaml", "program/milestones.yaml"]);
    let v2 = PLAN
        .replace(
            "duration: 5, depends_on: [po]",
            "duration: 8, depends_on: [po]",
        )
        .replace(
            "  - {id: side, name: Side work, cluster: a, duration: 2}\n",
            "  - {id: extra, name: Extra test, cluster: a, duration: 1, depends_on: [install]}\n",
        )
        .replace("due: 2026-10-30", "due: 2026-11-06");
    r.write("program/milestones.yaml", &v2);
    r.commit("2026-10-07", "Delivery takes longer; plan file renamed");
    r.git(&["tag", "v2"]);
    r
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn item<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {v}"))
}

#[test]
fn at_evaluates_a_revision_and_names_files_by_it() {
    let r = two_versions();
    let (code, out, _) = r
        .milepost("program")
        .args([
            "--today",
            "2026-10-05",
            "--at",
            "v1",
            "status",
            "--format",
            "json",
        ])
        .run()
        .parts();
    assert_eq!(code, 0);
    let v = json(&out);
    let ids: Vec<&str> = v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["po", "deliver", "install", "side"]);
    // A revision whose program is invalid names its files as REV:path.
    r.write(
        "program/plan.yaml",
        "milestones:\n  - {id: bad, duration: x}\n",
    );
    r.commit("2026-10-08", "Break it");
    let (code, _, err) = r
        .milepost("program")
        .args(["--today", "2026-10-08", "--at", "HEAD", "validate"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(err.contains("HEAD:program/plan.yaml:2:"), "{err}");
}

#[test]
fn diff_reports_edits_ripples_additions_removals_and_commitments() {
    let r = two_versions();
    let (code, out, err) = r
        .milepost("program")
        .args([
            "--today",
            "2026-10-05",
            "diff",
            "v1",
            "v2",
            "--format",
            "json",
        ])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(
        (v["base"]["rev"].as_str(), v["head"]["rev"].as_str()),
        (Some("v1"), Some("v2"))
    );
    assert_eq!(v["base"]["commit"].as_str().unwrap().len(), 40);
    assert_eq!(v["today"], "2026-10-05");
    // v1: po [0,3) deliver [3,8) install [8,12) = finish Tue 10-20. v2: deliver [3,11),
    // install [11,15), extra [15,16) = Mon 10-26: 4 working days later.
    assert_eq!(
        (
            v["finish"]["base"].as_str(),
            v["finish"]["head"].as_str(),
            v["finish"]["delta"].as_i64()
        ),
        (Some("2026-10-20"), Some("2026-10-26"), Some(4))
    );
    let deliver = item(&v, "deliver");
    assert_eq!(
        (
            deliver["change"].as_str(),
            deliver["fields"][0].as_str(),
            deliver["finish"]["delta"].as_i64()
        ),
        (Some("edited"), Some("duration"), Some(3))
    );
    let install = item(&v, "install");
    assert_eq!(
        (install["change"].as_str(), install["fields"][0].as_str()),
        (Some("edited"), Some("due"))
    );
    assert_eq!(item(&v, "extra")["change"], "added");
    assert_eq!(item(&v, "side")["change"], "removed");
    assert_eq!(v["commitments_moved"][0]["id"], "install");
    assert_eq!(
        (
            v["commitments_moved"][0]["base"].as_str(),
            v["commitments_moved"][0]["head"].as_str()
        ),
        (Some("2026-10-30"), Some("2026-11-06"))
    );
    assert!(
        v["critical_path"]["entered"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "extra"),
        "{v}"
    );
    // A file renamed with its items is not a removal: po's fields did not change.
    // (SPEC v2: its health did — the longer delivery leaves 4 working days of float
    // to cluster a's ready_by through `extra`, so po is listed as a ripple.)
    let po: Vec<&Value> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"] == "po")
        .collect();
    assert!(po.iter().all(|i| i["change"] == "moved"), "{po:?}");
    assert_eq!(
        po.first().map(|i| &i["health"]["head"]),
        Some(&Value::from("at_risk")),
        "{po:?}"
    );
}

#[test]
fn diff_defaults_to_the_working_tree_and_fails_on_slip() {
    let r = two_versions();
    let (code, out, _) = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff", "v2"])
        .run()
        .parts();
    assert_eq!(code, 0);
    assert!(out.contains("no dates moved"), "{out}");
    // An uncommitted edit is seen, and --fail-on-slip turns a slip into exit 1.
    let slower = std::fs::read_to_string(r.path().join("program/milestones.yaml"))
        .unwrap()
        .replace("duration: 4", "duration: 9");
    r.write("program/milestones.yaml", &slower);
    let (code, out, err) = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff", "v2", "--fail-on-slip"])
        .run()
        .parts();
    assert_eq!(code, 1, "{out}{err}");
    // install 9 days: [11,20), extra [20,21) = Mon 11-02.
    assert!(
        out.contains("program finish 2026-10-26 → 2026-11-02 (+5 working days)"),
        "{out}"
    );
    let (code, _, _) = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff", "v2..v2", "--fail-on-slip"])
        .run()
        .parts();
    assert_eq!(code, 0);
}

#[test]
fn diff_markdown_is_a_pull_request_comment_that_renders() {
    let r = two_versions();
    let (code, out, _) = r
        .milepost("program")
        .args([
            "--today",
            "2026-10-05",
            "diff",
            "v1..v2",
            "--format",
            "markdown",
        ])
        .run()
        .parts();
    assert_eq!(code, 0);
    assert!(out.starts_with("<!-- milepost:diff -->\n"), "{out}");
    assert!(out.contains("\n2 slipped, 1 added, 1 removed · program finish 2026-10-20 → 2026-10-26 (+4 working days)\n"), "{out}");
    assert!(
        out.contains("> [!WARNING]")
            && out.contains("Commitment moved: `install` due 2026-10-30 → **2026-11-06**"),
        "{out}"
    );
    let html = {
        let mut opts = pulldown_cmark::Options::empty();
        opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&out, opts));
        html
    };
    assert!(
        html.contains("<table>") && html.contains("<td><code>deliver</code> Delivered</td>"),
        "{html}"
    );
    assert!(html.contains("<blockquote>"), "{html}");
    insta::assert_snapshot!(out);
}

#[test]
fn an_invalid_side_is_named() {
    let r = two_versions();
    r.write(
        "program/milestones.yaml",
        "milestones:\n  - {id: x, depends_on: [nope]}\n",
    );
    let (code, _, err) = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff", "v1"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(err.contains("in the head (working tree) program:"), "{err}");
    assert!(err.contains("unknown milestone `nope`"), "{err}");
}

#[test]
fn the_default_base_comes_from_ci_or_the_default_branch() {
    let r = two_versions();
    r.git(&["checkout", "-q", "-b", "feature", "v2"]);
    // No upstream, no origin: main is the base, at its merge-base with HEAD.
    let (code, _, err) = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("base: main (the default branch, at merge-base"),
        "{err}"
    );
    // In a GitHub pull request the target branch is origin/<base>.
    let v1 = r.git(&["rev-parse", "v1"]);
    r.git(&["update-ref", "refs/remotes/origin/release", v1.trim()]);
    let (code, out, err) = r
        .milepost("program")
        .args(["--today", "2026-10-05", "diff", "--format", "json"])
        .env("GITHUB_BASE_REF", "release")
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "base: origin/release (the pull request's target, $GITHUB_BASE_REF, at merge-base"
        ),
        "{err}"
    );
    assert_eq!(json(&out)["base"]["rev"], "origin/release");
    // A CI target branch that was not fetched is an error that says how to fetch it.
    r.git(&["remote", "add", "origin", "/nonexistent/origin.git"]);
    let (code, _, err) = r
        .milepost("program")
        .args(["diff"])
        .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop")
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(
        err.contains("git fetch origin develop:refs/remotes/origin/develop"),
        "{err}"
    );
}

#[test]
fn history_follows_an_item_through_renames_and_merges() {
    let r = two_versions();
    r.git(&["checkout", "-q", "-b", "feature"]);
    let text = std::fs::read_to_string(r.path().join("program/milestones.yaml")).unwrap();
    r.write(
        "program/milestones.yaml",
        &text.replace("duration: 4", "duration: 6"),
    );
    r.commit("2026-10-08", "Install needs two more days");
    r.git(&["checkout", "-q", "main"]);
    r.write("program/notes.yaml", "milestones: []\n");
    r.commit("2026-10-09", "Unrelated file");
    Repo::git_in(
        r.path(),
        &["merge", "-q", "--no-ff", "feature", "-m", "Merge feature"],
        "2026-10-12",
    );
    let (code, out, err) = r
        .milepost("program")
        .args(["history", "install", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let rows: Vec<(&str, &str, &str)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["subject"].as_str().unwrap(),
                e["change"].as_str().unwrap(),
                e["finish"].as_str().unwrap(),
            )
        })
        .collect();
    // First-parent history (the plan on main), each revision scheduled as of its commit
    // date: 10-05 (day 0): install [8,12) = 10-20. 10-07 (day 2), deliver 8 days:
    // [13,17) = 10-27. 10-09 (day 4), unchanged fields: [15,19) = 10-29, a ripple of
    // time passing. 10-12 (day 5), the merge brings install 6 days: [16,22) = 11-03.
    assert_eq!(
        rows,
        [
            ("Initial plan", "added", "2026-10-20"),
            (
                "Delivery takes longer; plan file renamed",
                "edited",
                "2026-10-27"
            ),
            ("Unrelated file", "moved", "2026-10-29"),
            ("Merge feature", "edited", "2026-11-03"),
        ]
    );
    assert_eq!(v["entries"][0]["author"], "Ann Example");
    assert_eq!(v["entries"][0]["commit"].as_str().unwrap().len(), 7);
    assert_eq!(
        (v["slips"].as_i64(), v["slipped_days"].as_i64()),
        (Some(3), Some(10))
    );
    let (_, limited, _) = r
        .milepost("program")
        .args(["history", "install", "--limit", "2", "--format", "json"])
        .run()
        .parts();
    let subjects: Vec<String> = json(&limited)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["subject"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(subjects, ["Unrelated file", "Merge feature"]);
    let (_, table, _) = r
        .milepost("program")
        .args(["history", "install"])
        .run()
        .parts();
    assert!(
        table.ends_with(
            "install: finish moved later 3 times in 4 changes, 10 working days in all\n"
        ),
        "{table}"
    );
}

#[test]
fn baselines_add_variance() {
    let r = two_versions();
    r.git(&["tag", "baseline/2026-q4", "v1"]);
    let (code, out, err) = r
        .milepost("program")
        .args([
            "--today",
            "2026-10-07",
            "status",
            "--baseline",
            "baseline/2026-q4",
            "--format",
            "json",
        ])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let install = v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "install")
        .unwrap();
    // Baseline: v1 as of its commit date (10-05): install finishes 10-20. Now (today
    // Wed 10-07, day 2): po [2,5), deliver [5,13), install [13,17) = Tue 10-27: +5.
    assert_eq!(
        (
            install["baseline_finish"].as_str(),
            install["variance"].as_i64()
        ),
        (Some("2026-10-20"), Some(5))
    );
    let extra = v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "extra")
        .unwrap();
    assert!(extra["baseline_finish"].is_null() && extra["variance"].is_null());
    // Without a baseline the SPEC §3 shape has no baseline keys.
    let (_, plain, _) = r
        .milepost("program")
        .args(["--today", "2026-10-07", "status", "--format", "json"])
        .run()
        .parts();
    assert!(!plain.contains("baseline_finish"));
    // [program] baseline in milepost.toml works for clusters and critical too.
    r.write(
        "program/milepost.toml",
        &format!("{TOML}baseline = \"baseline/2026-q4\"\n"),
    );
    let (_, out, _) = r
        .milepost("program")
        .args(["--today", "2026-10-07", "clusters", "--format", "json"])
        .run()
        .parts();
    let c = &json(&out)["clusters"][0];
    // The cluster is ready when extra finishes: [17,18) = Wed 10-28, 6 days past 10-20.
    assert_eq!(
        (c["baseline_finish"].as_str(), c["variance"].as_i64()),
        (Some("2026-10-20"), Some(6))
    );
    let (_, out, _) = r
        .milepost("program")
        .args(["--today", "2026-10-07", "critical", "--format", "json"])
        .run()
        .parts();
    assert_eq!(json(&out)["variance"].as_i64(), Some(6));
}

#[test]
fn a_shallow_clone_says_how_to_fetch_what_is_missing() {
    let r = two_versions();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", r.path().display());
    let dest: PathBuf = clone.path().join("c");
    Repo::git_in(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth=1",
            "--branch",
            "main",
            &url,
            dest.to_str().unwrap(),
        ],
        "2026-10-07",
    );
    let (code, _, err) = Milepost::new()
        .dir(dest.join("program"))
        .args(["diff", "v1"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(
        err.contains("git fetch --depth=1 origin tag v1") && err.contains("fetch-depth: 0"),
        "{err}"
    );
    let (code, out, err) = Milepost::new()
        .dir(dest.join("program"))
        .args(["history", "install", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("shallow clone"), "{err}");
    assert_eq!(json(&out)["entries"].as_array().unwrap().len(), 1);
}

#[test]
fn outside_git_the_git_commands_fail_clearly_and_the_rest_work() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("milepost.toml"), TOML).unwrap();
    std::fs::write(dir.path().join("plan.yaml"), PLAN).unwrap();
    std::fs::write(dir.path().join("sites.yaml"), SITES).unwrap();
    let env = [(
        "GIT_CEILING_DIRECTORIES",
        dir.path().parent().unwrap().to_str().unwrap(),
    )];
    let (code, _, err) = Milepost::new()
        .dir(dir.path())
        .args(["diff"])
        .envs(&env)
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(err.contains("is not inside a git repository"), "{err}");
    let (code, _, _) = Milepost::new()
        .dir(dir.path())
        .args(["--today", "2026-10-05", "status"])
        .envs(&env)
        .run()
        .parts();
    assert_eq!(code, 0);
}

/// `history` reads revisions incrementally (an edited item re-read alone, unchanged
/// items not checked again, the order reused). Every row must equal what a full read
/// of that revision gives (`--at REV --today DATE status`), invalid revisions must be
/// skipped, and every revision where the finish or float moved must have a row.
#[test]
fn history_agrees_with_each_revision_read_in_full() {
    let r = Repo::new();
    let plan = "milestones:
  - id: po
    cluster: a
    duration: 3
  - id: deliver
    cluster: a
    duration: 5
    depends_on:
      - id: po
  - id: install
    cluster: a
    duration: 4
    depends_on:
      - id: deliver
    due: 2026-10-30
  - id: side
    cluster: a
    duration: 2
";
    r.write("program/milepost.toml", TOML)
        .write("program/sites.yaml", SITES)
        .write("program/plan.yaml", plan);
    r.commit("2026-10-05", "Initial plan");
    let steps: [(&str, &str, &str, &str); 11] = [
        (
            "2026-10-06",
            "    duration: 5\n",
            "    duration: 7\n",
            "Delivery slips",
        ),
        (
            "2026-10-07",
            "due: 2026-10-30",
            "due: 2026-11-06",
            "Due moved",
        ),
        (
            "2026-10-08",
            "  - id: po\n    cluster: a\n",
            "  - id: po\n    cluster: a\n    status: in_progress\n    started: 2026-10-06\n    remaining: 6\n    as_of: 2026-10-08\n",
            "PO in progress",
        ),
        (
            "2026-10-09",
            "      - id: deliver\n",
            "      - id: delivr\n",
            "Typo (invalid)",
        ),
        (
            "2026-10-12",
            "      - id: delivr\n",
            "      - id: deliver\n",
            "Typo fixed",
        ),
        (
            "2026-10-13",
            "  - id: side\n    cluster: a\n    duration: 2\n",
            "  - id: side\n    cluster: a\n    duration: 9\n    depends_on:\n      - id: po\n",
            "Side work after the PO",
        ),
        (
            "2026-10-14",
            "      - id: deliver\n",
            "      - id: deliver\n      - id: side\n        type: SS\n        lag: 8\n",
            "Install also waits for side work",
        ),
        (
            "2026-10-15",
            "        lag: 8\n",
            "        lag: 12\n",
            "Longer lag",
        ),
        (
            "2026-10-16",
            "duration: 9\n    depends_on:\n      - id: po\n",
            "duration: 9\n    depends_on:\n      - id: install\n",
            "A cycle (invalid)",
        ),
        (
            "2026-10-19",
            "duration: 9\n    depends_on:\n      - id: install\n",
            "duration: 9\n    depends_on:\n      - id: po\n",
            "Cycle fixed",
        ),
        (
            "2026-10-20",
            "    status: in_progress\n    started: 2026-10-06\n    remaining: 6\n    as_of: 2026-10-08\n",
            "    status: done\n    started: 2026-10-06\n    finished: 2026-10-16\n",
            "PO done",
        ),
    ];
    let mut text = plan.to_string();
    for (date, from, to, subject) in steps {
        assert!(text.contains(from), "{subject}");
        text = text.replacen(from, to, 1);
        r.write("program/plan.yaml", &text);
        r.commit(date, subject);
    }
    let (code, out, err) = r
        .milepost("program")
        .args(["history", "install", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let entries = json(&out)["entries"].as_array().unwrap().clone();
    let log = r.git(&["log", "--reverse", "--format=%h %ad", "--date=short"]);
    let mut previous: Option<(Value, Value)> = None;
    let mut invalid = 0;
    for line in log.lines() {
        let (sha, date) = line.split_once(' ').unwrap();
        let (code, full, _) = r
            .milepost("program")
            .args(["--at", sha, "--today", date, "status", "--format", "json"])
            .run()
            .parts();
        let row = entries.iter().find(|e| e["commit"] == sha);
        if code != 0 {
            assert!(row.is_none(), "an invalid revision {sha} has a row");
            invalid += 1;
            continue;
        }
        let full = json(&full);
        let item = full["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == "install")
            .unwrap();
        let now = (item["finish"].clone(), item["total_float"].clone());
        if let Some(row) = row {
            assert_eq!(
                (&row["finish"], &row["total_float"]),
                (&now.0, &now.1),
                "{sha}"
            );
            assert_eq!(row["date"], date);
        } else {
            assert_eq!(
                previous.as_ref(),
                Some(&now),
                "{sha} {date} moved without a row"
            );
        }
        previous = Some(now);
    }
    // SPEC v2: `remaining` is anchored by `as_of`, so revisions that did not touch the
    // PO no longer move `install` just because they were evaluated on a later day
    // (v1 showed 10 rows; the 3 phantom moves are gone).
    assert_eq!((entries.len(), invalid), (7, 2), "{entries:#?}");
}
