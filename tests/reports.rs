//! `milepost report`, `kpi` and `vendors` on the example program (snapshots), the report
//! rendered as CommonMark + GFM, its sections and scopes, `-o`, `--since` and
//! `--baseline` on a real git repository, and a large program staying bounded.
mod common;

use common::repo::Repo;
use common::{Milepost, TestProgram};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

const TODAY: &str = "2026-12-14";

/// milepost on the example program as of 2026-12-14.
fn example(args: &[&str]) -> Milepost {
    Milepost::example().args(["--today", TODAY]).args(args)
}

fn ok(args: &[&str]) -> String {
    example(args).run().success().stdout
}

/// The level-2 headings, the tables (as header cells) and the fenced code languages
/// of a markdown document, as a CommonMark + GFM renderer sees them.
fn structure(md: &str) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    let (mut headings, mut tables, mut fences) = (Vec::new(), Vec::new(), Vec::new());
    let (mut in_h2, mut in_head) = (false, false);
    let mut text = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_h2 = level == pulldown_cmark::HeadingLevel::H2;
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) if in_h2 => {
                headings.push(text.clone());
                in_h2 = false;
            }
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) => text.clear(),
            Event::End(TagEnd::TableCell) if in_head => {
                if let Some(t) = tables.last_mut() {
                    t.push(text.clone());
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                fences.push(lang.to_string())
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => {}
        }
    }
    (headings, tables, fences)
}

#[test]
fn the_report_on_the_example_program() {
    let report = ok(&["report"]);
    insta::assert_snapshot!("example_report", report);
    let (headings, tables, fences) = structure(&report);
    assert_eq!(
        headings,
        [
            "Summary",
            "Clusters",
            "Timeline",
            "Critical path",
            "Overdue and slipping",
            "Needs an update",
            "Next two weeks",
            "Open risks",
            "Confidence",
            "Vendors",
            "KPIs",
            "Schedule quality"
        ]
    );
    assert_eq!(fences, ["mermaid"]);
    // Every table renders as a table (a broken row would end it early).
    let firsts: Vec<&str> = tables.iter().map(|t| t[0].as_str()).collect();
    assert_eq!(
        firsts,
        // No late table: every late item is on the critical path above.
        [
            "cluster",
            "#",
            "owner",
            "forecast",
            "risk",
            "commitment",
            "vendor",
            "kpi",
            "cluster",
            "kind",
            "site",
            "#"
        ]
    );
    let html = {
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            Parser::new_ext(&report, Options::ENABLE_TABLES),
        );
        html
    };
    assert_eq!(html.matches("<table>").count(), 12);
    assert!(report.contains("All 8 overdue or slipping items are on the critical path above.\n"));
    assert!(html.contains("<code class=\"language-mermaid\">gantt\n"));
    assert!(report.contains("- **Overall:** 🔴 Red — 1 overdue, 7 slipping, cluster dfw1-h200 forecast past its ready_by\n"));
}

#[test]
fn the_reports_kpis_are_the_ones_kpi_prints() {
    let report = ok(&["report", "--sections", "kpis"]);
    let kpis = ok(&["kpi", "--format", "markdown"]);
    let body = report
        .split("## KPIs\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n---\n").next())
        .unwrap_or_default();
    assert_eq!(body, kpis);
    insta::assert_snapshot!("example_kpi_table", ok(&["kpi"]));
}

#[test]
fn the_vendor_table() {
    insta::assert_snapshot!("example_vendors", ok(&["vendors"]));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["vendors", "--format", "json"])).expect("json");
    let ids: Vec<&str> = json["vendors"]
        .as_array()
        .expect("vendors")
        .iter()
        .filter_map(|v| v["id"].as_str())
        .collect();
    // Coherent has the overdue item; Arista has nothing open and comes last.
    assert_eq!(ids.first(), Some(&"coherent"));
    assert_eq!(ids.last(), Some(&"arista"));
    let csv = ok(&["vendors", "--format", "csv"]);
    assert!(csv.starts_with("id,name,category,items,deliveries,done,open,on_time_ratio,"));
    assert_eq!(csv.lines().count(), 12);
}

#[test]
fn sections_are_chosen_and_kept_in_report_order() {
    let report = ok(&["report", "--sections", "kpis,summary"]);
    let (headings, _, _) = structure(&report);
    assert_eq!(headings, ["Summary", "KPIs"]);
    assert!(report.starts_with("# 2027 GPU build-out: status report\n"));
    let (code, _, err) = example(&["report", "--sections", "changes"]).run().parts();
    assert_eq!(code, 2);
    assert!(err.contains("needs --since"), "{err}");
    let (code, _, err) = example(&["report", "--sections", "summary,bogus"])
        .run()
        .parts();
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_report_for_one_cluster_or_site() {
    let report = ok(&["report", "--cluster", "dfw1-h200"]);
    assert!(report.starts_with("# 2027 GPU build-out — cluster dfw1-h200: status report\n"));
    // Few items: the chart has one bar per item.
    assert!(report.contains("    Racks set, powered and labelled :done, 2026-11-30, 2026-12-09\n"));
    assert!(!report.contains("tpe1-h200"), "{report}");
    assert!(report.contains(
        "against the latest commitment 2027-01-08 (`dfw1-h200` ready_by): **4 working days late**"
    ));
    let site = ok(&["report", "--site", "tpe1", "--sections", "clusters,vendors"]);
    assert!(site.contains("| `tpe1-h200` | tpe1 |") && !site.contains("dfw1-h200"));
    assert!(site.contains("| expeditors |") && !site.contains("| coherent |"));
    let (code, _, err) = example(&["report", "--cluster", "dfw1-h20"]).run().parts();
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `dfw1-h200`"), "{err}");
}

#[test]
fn report_o_writes_the_file_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("report.md");
    std::fs::write(&target, "old report").expect("write");
    let path = target.to_string_lossy().into_owned();
    let (code, out, err) = example(&["report", "-o", &path]).run().parts();
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        ok(&["report"])
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("report.md")]);
}

const TOML: &str = "[program]\nname = \"Demo\"\nstart = 2026-10-05\n";
const SITES: &str =
    "sites:\n  - {id: s1}\nclusters:\n  - {id: x, site: s1, gpus: 8, ready_by: 2026-10-16}\n";
/// v1 (the baseline, committed Mon Oct 5): a days 0-2, b 3-4, c 5-8 (Thu Oct 15).
const V1: &str = "milestones:
  - {id: a, name: A, cluster: x, duration: 3}
  - {id: b, name: B, cluster: x, duration: 2, depends_on: [a]}
  - {id: c, name: C, cluster: x, duration: 4, depends_on: [b], due: 2026-10-16}
";
/// Now (Wed Oct 14, day 7): a done Oct 7, b in progress with 2 days left (days 7-8,
/// Thu Oct 15), c days 9-12 (Wed Oct 21); d added since, done.
const NOW: &str = "milestones:
  - {id: a, name: A, cluster: x, duration: 3, status: done, finished: 2026-10-07}
  - {id: b, name: B, cluster: x, duration: 2, depends_on: [a], status: in_progress, started: 2026-10-08, remaining: 2, as_of: 2026-10-14}
  - {id: c, name: C, cluster: x, duration: 4, depends_on: [b], due: 2026-10-16}
  - {id: d, name: D, cluster: x, status: done, finished: 2026-10-12}
";

#[test]
fn baseline_kpis_and_a_changes_section_from_git() {
    let r = Repo::new();
    r.write("p/milepost.toml", TOML)
        .write("p/sites.yaml", SITES)
        .write("p/plan.yaml", V1);
    r.commit("2026-10-05", "Plan");
    r.git(&["tag", "v1"]);
    r.write("p/plan.yaml", NOW);
    let (code, out, err) = r
        .milepost("p")
        .args([
            "--today",
            "2026-10-14",
            "kpi",
            "--baseline",
            "v1",
            "--format",
            "json",
        ])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let k: serde_json::Value = serde_json::from_str(&out).expect("json");
    let b = &k["baseline"];
    // Finish: v1 Thu Oct 15 (day 8) → now Wed Oct 21 (day 12): +4 working days; the
    // cluster likewise. Planned by Oct 14: a (Oct 7) and b (Oct 9); done: a (d is new).
    assert_eq!(
        (
            &b["rev"],
            &b["finish"]["variance"],
            &b["clusters"][0]["variance"]
        ),
        (
            &serde_json::json!("v1"),
            &serde_json::json!(4),
            &serde_json::json!(4)
        )
    );
    assert_eq!(
        b["execution_index"],
        serde_json::json!({"finished": 1, "planned": 2, "index": 0.5})
    );
    let (code, report, err) = r
        .milepost("p")
        .args([
            "--today",
            "2026-10-14",
            "report",
            "--since",
            "v1",
            "--baseline",
            "v1",
        ])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    let (headings, _, _) = structure(&report);
    assert!(
        headings
            .last()
            .is_some_and(|h| h.starts_with("Changes since v1 (")),
        "{headings:?}"
    );
    assert!(
        report.contains(
            "- **Against baseline `v1`:** finish 2026-10-15 → 2026-10-21 (+4 working days)\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "| Baseline execution index | 0.50 | 1 finished of 2 planned to finish by 2026-10-14 |"
        ),
        "{report}"
    );
    // v1 scheduled with the same today (Oct 14): a days 7-9, b 10-11, c 12-15; now c
    // finishes day 12: 3 working days earlier; d was added.
    assert!(
        report.contains("| `c` | moved | 2026-10-26 → 2026-10-21 | -3 |"),
        "{report}"
    );
    assert!(report.contains("Since `v1` ("), "{report}");
}

#[test]
fn a_large_program_stays_bounded() {
    // 60 clusters of 40 chained items, a few of them late: the chart folds to the 10
    // worst clusters, the lists are capped and say so.
    let mut plan = String::from("milestones:\n");
    let mut clusters = String::from("sites:\n  - {id: s}\nclusters:\n");
    for c in 0..60 {
        clusters.push_str(&format!(
            "  - {{id: c{c}, site: s, gpus: 8, ready_by: 2027-06-30}}\n"
        ));
        for i in 0..40 {
            let dep = if i > 0 {
                format!(", depends_on: [c{c}-{}]", i - 1)
            } else {
                String::new()
            };
            let due = if c % 20 == 0 && i == 39 {
                ", due: 2026-11-02"
            } else {
                ""
            };
            plan.push_str(&format!(
                "  - {{id: c{c}-{i}, name: Item {i}, cluster: c{c}, duration: 1{dep}{due}}}\n"
            ));
        }
    }
    let p = TestProgram::simple()
        .file("sites.yaml", &clusters)
        .file("plan.yaml", &plan);
    let out = p.cmd("2026-10-05").arg("report").run();
    assert_eq!(out.code, 0);
    let report = out.stdout;
    assert!(report.contains("…and 30 more clusters: run `milepost clusters` for all."));
    assert!(
        report.contains("50 more (2,000 items) are folded away"),
        "{report}"
    );
    assert!(report.contains("Generated by milepost from 2,400 milestones"));
    let chart = report
        .split("```mermaid\n")
        .nth(1)
        .and_then(|c| c.split("```").next())
        .unwrap_or_default();
    assert_eq!(chart.matches("    section ").count(), 1 + 10 + 1);
    assert!(chart.lines().count() < 60, "{chart}");
    assert!(report.len() < 40_000, "{} bytes", report.len());
}
