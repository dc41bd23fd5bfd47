//! CI integration: the ready-made pipelines are valid YAML whose milepost commands are
//! exactly the ones run here, with the CI environment set, asserting annotations,
//! the job summary, Code Quality and JUnit reports, the PR comment and exit codes.
mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Milepost;
use common::repo::Repo;
use milepost::load::yaml::{self, Node, NodeKind};
use serde_json::Value;

/// The milepost commands the pipelines run; each is executed by a test below.
const GITHUB: &[&str] = &[
    "milepost -C program validate",
    "milepost -C program check --fail-on-slip",
    "milepost -C program check --format junit -o milepost-junit.xml",
    "milepost -C program diff --comment-file milepost-comment.md",
];
const GITLAB: &[&str] = &[
    "milepost -C program validate",
    "milepost -C program check --format gitlab -o gl-code-quality-report.json",
    "milepost -C program check --format junit -o milepost-junit.xml",
    "milepost -C program diff --comment-file milepost-comment.md --fail-on-slip",
];

fn strings(node: &Node, out: &mut Vec<String>) {
    match &node.kind {
        NodeKind::Scalar(s, _) => out.push(s.to_string()),
        NodeKind::Seq(items) => items.iter().for_each(|n| strings(n, out)),
        NodeKind::Map(entries) => entries.iter().for_each(|(_, v)| strings(v, out)),
        NodeKind::Null => {}
    }
}

/// Every `milepost …` command line in a YAML file, without shell `|| …` tails.
fn commands(file: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let root =
        yaml::parse(&text).unwrap_or_else(|e| panic!("{file} is not valid YAML: {}", e.message));
    let mut all = Vec::new();
    strings(&root, &mut all);
    all.iter()
        .flat_map(|s| s.lines())
        .map(|l| l.trim().trim_start_matches("- ").trim())
        .filter(|l| l.starts_with("milepost -C"))
        .map(|l| l.split(" ||").next().unwrap_or(l).trim().to_string())
        .collect()
}

#[test]
fn the_pipelines_are_yaml_running_the_commands_tested_here() {
    let set = |cmds: &[&str]| cmds.iter().map(|c| c.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(commands("examples/ci/github-actions.yml"), set(GITHUB));
    assert_eq!(commands("examples/ci/gitlab-ci.yml"), set(GITLAB));
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let root = yaml::parse(&hooks).unwrap();
    let NodeKind::Seq(items) = &root.kind else {
        panic!("hooks are a list")
    };
    assert_eq!(
        items[0].get("entry").and_then(Node::as_str),
        Some("milepost validate")
    );
    assert_eq!(
        items[0].get("language").and_then(Node::as_str),
        Some("rust")
    );
}

const TOML: &str = "[program]\nname = \"Demo\"\nstart = 2026-10-05\n";
const SITES: &str = "sites:\n  - {id: dfw1}\nclusters:\n  - {id: a, site: dfw1}\n";
/// As of 2026-10-14: `po` is overdue (a name that needs escaping), `soon` at risk.
const PLAN: &str = "milestones:
  - id: po
    name: \"PO: 50% placed, rest\\nnext week\"
    cluster: a
    owner: ann
    duration: 3
    due: 2026-10-09
  - {id: deliver, name: Delivered, cluster: a, duration: 5, depends_on: [po], due: 2026-11-30}
  - {id: soon, name: Soon, cluster: a, duration: 1, due: 2026-10-16}
";

/// A repository whose main has the plan, checked out on a feature branch, with
/// `origin/main` as a GitHub pull request sees it.
fn pull_request() -> Repo {
    let r = Repo::new();
    r.write("program/milepost.toml", TOML)
        .write("program/sites.yaml", SITES)
        .write("program/plan.yaml", PLAN);
    r.commit("2026-10-12", "Plan");
    let main = r.git(&["rev-parse", "HEAD"]);
    r.git(&["update-ref", "refs/remotes/origin/main", main.trim()]);
    r.git(&["checkout", "-q", "-b", "feature"]);
    r
}

/// A pipeline's `milepost …` command line, run in the repository as of 2026-10-14.
fn step(r: &Repo, cmd: &str) -> Milepost {
    Milepost::new()
        .dir(r.path())
        .args(cmd.split_whitespace().skip(1))
        .today("2026-10-14")
}

#[test]
fn github_annotations_point_at_the_lines_and_the_summary_is_written() {
    let r = pull_request();
    let summary = r.path().join("summary.md");
    let env = [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_BASE_REF", "main"),
        ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
    ];
    assert_eq!(step(&r, GITHUB[0]).envs(&env).run().code, 0);
    let (code, out, err) = step(&r, GITHUB[1]).envs(&env).run().parts();
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=program/plan.yaml,line=2,col=5,title=overdue%3A po::PO: 50%25 placed, rest%0Anext week — due 2026-10-09, forecast finish 2026-10-16, float -5 (owner ann)",
            // deliver finishes last (no float against the program finish) but is five
            // weeks ahead of its due: SPEC v2 judges health on commitments, so no warning.
            "::warning file=program/plan.yaml,line=9,col=5,title=at_risk%3A soon::Soon — due 2026-10-16, forecast finish 2026-10-14, float 2",
            "check failed: 1 violation of fail_on = [overdue] as of 2026-10-14",
        ]
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("### ❌ milepost check\n\ncheck failed: 1 violation"),
        "{text}"
    );
    assert!(
        text.contains("| ❌ | `po` PO: 50% placed, rest next week | **overdue**: due 2026-10-09"),
        "{text}"
    );
    // The JUnit step writes its file even though the check fails.
    let (code, out, _) = step(&r, GITHUB[2]).envs(&env).run().parts();
    assert_eq!(
        (code, out.trim_end()),
        (
            1,
            "check failed: 1 violation of fail_on = [overdue] as of 2026-10-14"
        )
    );
    let xml = std::fs::read_to_string(r.path().join("milepost-junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(
        (suite.attribute("tests"), suite.attribute("failures")),
        (Some("3"), Some("1"))
    );
    let failed: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|f| f.parent().unwrap().attribute("name").unwrap())
        .collect();
    assert_eq!(failed, ["po"]);
    let po = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("po"))
        .unwrap();
    assert_eq!(
        (
            po.attribute("classname"),
            po.attribute("file"),
            po.attribute("line")
        ),
        (Some("a"), Some("program/plan.yaml"), Some("2"))
    );
    // Every testcase, passing or not, names its file and line.
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| (n.attribute("name").unwrap(), n.attribute("line").unwrap()))
        .collect();
    // Violations, then warnings, then the items that pass.
    assert_eq!(lines, [("po", "2"), ("soon", "9"), ("deliver", "8")]);
    // The comment for the bot step.
    let (code, _, err) = step(&r, GITHUB[3]).envs(&env).run().parts();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("base: origin/main (the pull request's target, $GITHUB_BASE_REF"),
        "{err}"
    );
    let comment = std::fs::read_to_string(r.path().join("milepost-comment.md")).unwrap();
    assert!(comment.starts_with("<!-- milepost:diff -->\n"), "{comment}");
}

#[test]
fn at_most_ten_annotations_of_a_kind_then_a_notice() {
    let r = pull_request();
    let mut plan = String::from("milestones:\n");
    for i in 0..12 {
        plan.push_str(&format!(
            "  - {{id: late{i:02}, cluster: a, duration: 1, due: 2026-10-09}}\n"
        ));
    }
    r.write("program/plan.yaml", &plan);
    let (code, out, _) = step(&r, "milepost -C program check --format github")
        .run()
        .parts();
    assert_eq!(code, 1);
    assert_eq!(out.lines().filter(|l| l.starts_with("::error")).count(), 10);
    assert!(
        out.contains("::notice title=milepost check::2 more violations not shown as annotations"),
        "{out}"
    );
}

#[test]
fn gitlab_code_quality_fingerprints_survive_unrelated_changes() {
    let r = pull_request();
    let report = |r: &Repo| {
        let (code, out, _) = step(r, GITLAB[1]).run().parts();
        assert_eq!(
            (code, out.trim_end()),
            (
                1,
                "check failed: 1 violation of fail_on = [overdue] as of 2026-10-14"
            )
        );
        serde_json::from_str::<Value>(
            &std::fs::read_to_string(r.path().join("gl-code-quality-report.json")).unwrap(),
        )
        .unwrap()
    };
    let before = report(&r);
    let po = before
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "milepost/overdue")
        .unwrap()
        .clone();
    assert_eq!(
        (
            po["severity"].as_str(),
            po["location"]["path"].as_str(),
            po["location"]["lines"]["begin"].as_i64()
        ),
        (Some("critical"), Some("program/plan.yaml"), Some(2))
    );
    assert_eq!(
        before
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["check_name"] == "milepost/at_risk")
            .unwrap()["severity"],
        "info"
    );
    // An unrelated item added above it moves its line, not its fingerprint.
    r.write(
        "program/plan.yaml",
        &PLAN.replace(
            "milestones:\n",
            "milestones:\n  - {id: extra, cluster: a, duration: 1}\n",
        ),
    );
    let after = report(&r);
    let po2 = after
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "milepost/overdue")
        .unwrap();
    assert_eq!(po2["fingerprint"], po["fingerprint"]);
    assert_eq!(po2["location"]["lines"]["begin"].as_i64(), Some(3));
    // The JUnit line of the same pipeline.
    assert_eq!(step(&r, GITLAB[2]).run().code, 1);
    assert!(r.path().join("milepost-junit.xml").exists());
}

#[test]
fn a_slip_fails_check_and_diff_when_asked() {
    let r = pull_request();
    // The feature branch makes `deliver` later than its due allows at the base: no
    // overdue item, so only the slip gate can fail.
    let fixed = PLAN
        .replace("due: 2026-10-09", "due: 2026-10-20")
        .replace("duration: 5", "duration: 9");
    r.write("program/plan.yaml", &fixed);
    let env = [("GITHUB_BASE_REF", "main")];
    let (code, out, _) = step(&r, "milepost -C program check")
        .envs(&env)
        .run()
        .parts();
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = step(&r, GITHUB[1]).envs(&env).run().parts();
    assert_eq!(code, 1, "{out}");
    // No finish_by judges the program finish: moving it later is the slip.
    assert!(out.contains("program: slip: `program` Demo: program finish moves 4 working days later than at origin/main"), "{out}");
    // `deliver` moves later too but still meets its due (2026-11-30): not a slip.
    assert!(!out.contains("`deliver`"), "{out}");
    assert!(
        out.contains("1 violation of --fail-on-slip (against origin/main)"),
        "{out}"
    );
    let (code, _, _) = step(&r, GITLAB[3])
        .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
        .run()
        .parts();
    assert_eq!(code, 1);
    assert!(
        std::fs::read_to_string(r.path().join("milepost-comment.md"))
            .unwrap()
            .contains("(+4 working days)")
    );
}

#[test]
fn junit_names_the_file_and_line_of_every_item_in_every_file() {
    let r = Repo::new();
    r.write("program/milepost.toml", TOML)
        .write("program/sites.yaml", SITES)
        .write("program/plan.yaml", PLAN)
        .write(
            "program/later.yaml",
            "# later work\nmilestones:\n  - {id: later, cluster: a, duration: 2}\n\n  - id: last\n    duration: 1\n",
        );
    r.commit("2026-10-12", "Plan");
    let (code, out, err) = step(&r, "milepost -C program check --format junit")
        .run()
        .parts();
    assert_eq!(code, 1, "{err}");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let mut places: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| {
            let attr = |a| n.attribute(a).unwrap();
            (attr("name"), attr("file"), attr("line"))
        })
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            ("deliver", "program/plan.yaml", "8"),
            ("last", "program/later.yaml", "5"),
            ("later", "program/later.yaml", "3"),
            ("po", "program/plan.yaml", "2"),
            ("soon", "program/plan.yaml", "9"),
        ]
    );
}
