//! `milepost export --format mspdi`: the example as Microsoft Project XML — a golden
//! snapshot, well-formed XML with every text escaped, UIDs stable across exports — and
//! read back by MPXJ (PyPI `mpxj`, with a Java runtime), a reader no one here wrote:
//! tasks, links, durations, milestone flags, calendars, constraints and progress as
//! milepost has them; and MPXJ's own CPM scheduler (MicrosoftScheduler) on exported
//! generated programs without progress — on one calendar, and across the program
//! calendar, a Mon–Sat region and `elapsed` — gives milepost's dates.
mod common;
#[path = "mspdi/mpxj.rs"]
mod mpxj;

use std::collections::HashMap;
use std::path::Path;

use mpxj::{generated, generated_regional, have_mpxj, mpxj_read};

use chrono::{NaiveDate, NaiveDateTime};
use common::{Milepost, TestProgram, date};
use milepost::analysis::Plan;
use milepost::model::{Relation, Status};
use milepost::source::WorkTree;
use serde_json::Value;

const TODAY: &str = "2026-12-14";
const NS: &str = "http://schemas.microsoft.com/project";

fn export_example(today: &str) -> String {
    Milepost::example()
        .args(["--today", today, "export", "--format", "mspdi"])
        .run()
        .success()
        .stdout
}

/// The example, loaded in-process as of [`TODAY`].
fn example_plan() -> Plan {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/gpu-buildout");
    let tree = WorkTree::new(root).expect("tree");
    let loaded = milepost::load::load(&tree).expect("load");
    let validated = milepost::validate::validate(loaded, date(TODAY));
    Plan::new(validated.program.expect("valid"), date(TODAY)).expect("schedule")
}

/// The text of `tag` children of `node`, if any.
fn child<'a>(node: roxmltree::Node<'a, 'a>, tag: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((NS, tag)))
        .and_then(|c| c.text())
}

#[test]
fn example_snapshot_parses_and_keeps_uids() {
    let xml = export_example(TODAY);
    insta::assert_snapshot!("example_mspdi", xml);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((NS, "Project")));
    assert_eq!(child(root, "StatusDate"), Some("2026-12-14T08:00:00"));
    assert_eq!(child(root, "MinutesPerDay"), Some("480"));
    let tasks: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name((NS, "Task")))
        .collect();
    let items = tasks
        .iter()
        .filter(|t| child(**t, "Summary") == Some("0"))
        .count();
    assert_eq!(items, 67);
    // The project summary task (0), two sites, four clusters.
    assert_eq!(tasks.len(), 1 + 67 + 2 + 4);
    assert_eq!(child(tasks[0], "Deadline"), Some("2027-06-30T17:00:00"));
    let uids: Vec<&str> = tasks.iter().filter_map(|t| child(*t, "UID")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len());
    // Another data date moves dates and progress, never a task's UID.
    let later = export_example("2027-01-11");
    let later = roxmltree::Document::parse(&later).expect("XML");
    let later_uids: Vec<&str> = later
        .descendants()
        .filter(|n| n.has_tag_name((NS, "Task")))
        .filter_map(|t| child(t, "UID"))
        .collect();
    assert_eq!(later_uids, uids);
}

#[test]
fn every_text_is_escaped() {
    let p = TestProgram::new("[program]\nname = \"R&D <\\\"lab\\\"> 'x'\"\nstart = 2026-10-05\n")
        .file(
            "plan.yaml",
            "milestones:\n  - id: a\n    name: \"a <b> & \\\"c\\\" ]]>\"\n    duration: 2\n    owner: \"Q&A <team>\"\n    notes: \"1 < 2 && 3 > 2\"\n  - id: b\n    depends_on: [a]\n",
        );
    let xml = p
        .cmd("2026-10-05")
        .args(["export", "--format", "mspdi"])
        .run()
        .success()
        .stdout;
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(child(root, "Name"), Some("R&D <\"lab\"> 'x'"));
    let names: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name((NS, "Task")))
        .filter_map(|t| child(t, "Name"))
        .collect();
    assert_eq!(names, ["R&D <\"lab\"> 'x'", "a <b> & \"c\" ]]>", "b"]);
    let texts: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name((NS, "Value")) || n.has_tag_name((NS, "Notes")))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"Q&A <team>"), "{texts:?}");
    assert!(texts.contains(&"1 < 2 && 3 > 2"), "{texts:?}");
}

/// The date of an MPXJ date-time (`2026-12-14T08:00`).
fn day_of(text: &Value) -> Option<NaiveDate> {
    let text = text.as_str()?;
    let t = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Some(t.date())
}

fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::Fs => "FINISH_START",
        Relation::Ss => "START_START",
        Relation::Ff => "FINISH_FINISH",
        Relation::Sf => "START_FINISH",
    }
}

#[test]
fn mpxj_reads_the_example_as_milepost_has_it() {
    if !have_mpxj() {
        return;
    }
    let plan = example_plan();
    let p = &plan.program;
    let read = mpxj_read(&export_example(TODAY), false);
    assert_eq!(read["title"], "2027 GPU build-out");
    assert_eq!(read["minutes_per_day"], 480);
    assert_eq!(read["status_date"], "2026-12-14T08:00");
    // Calendars: the program's (the project calendar), each region, elapsed.
    let calendars = read["calendars"].as_array().expect("calendars");
    let by_name: HashMap<&str, &Value> = calendars
        .iter()
        .map(|c| (c["name"].as_str().expect("name"), c))
        .collect();
    assert_eq!(read["calendar"], "Standard");
    let holidays = |name: &str| -> Vec<String> {
        by_name[name]["holidays"]
            .as_array()
            .expect("holidays")
            .iter()
            .map(|h| h.as_str().expect("date").to_string())
            .collect()
    };
    let as_text = |d: &[NaiveDate]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    assert_eq!(holidays("Standard"), as_text(&p.config.calendar.holidays));
    assert_eq!(holidays("tw"), as_text(&p.config.regions["tw"].holidays));
    assert_eq!(holidays("elapsed"), Vec::<String>::new());
    assert_eq!(
        by_name["elapsed"]["workdays"],
        serde_json::json!([true, true, true, true, true, true, true])
    );
    assert_eq!(
        by_name["Standard"]["workdays"],
        serde_json::json!([true, true, true, true, true, false, false])
    );
    // Tasks: one per milestone, found by its milepost id.
    let tasks = read["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.iter().filter(|t| t["summary"] == false).count(), 67);
    let mut by_id = HashMap::new();
    let mut id_of_uid = HashMap::new();
    for t in tasks {
        if let Some(id) = t["milepost_id"].as_str() {
            by_id.insert(id.to_string(), t);
            id_of_uid.insert(t["uid"].as_i64().expect("uid"), id.to_string());
        }
    }
    let elapsed = p.calendar_names.len() - 1;
    for (i, m) in p.milestones.iter().enumerate() {
        let t = by_id[&format!("milepost:{}", m.id)];
        let it = &plan.schedule.items[i];
        let at = |what: &str| format!("{} {what}: {t}", m.id);
        assert_eq!(t["name"], m.name.as_str(), "{}", at("name"));
        assert_eq!(t["milestone"], m.is_event(), "{}", at("milestone flag"));
        assert_eq!(day_of(&t["start"]), Some(it.start), "{}", at("start"));
        assert_eq!(day_of(&t["finish"]), Some(it.finish), "{}", at("finish"));
        assert_eq!(t["owner"].as_str(), m.owner.as_deref(), "{}", at("owner"));
        let vendor = m.vendor.map(|v| p.vendors[v].id.as_str());
        assert_eq!(t["vendor"].as_str(), vendor, "{}", at("vendor"));
        let site_calendar = p.site_of(m).map_or(0, |s| p.sites[s].calendar);
        let calendar = match m.calendar {
            0 if site_calendar == 0 => None,
            0 => Some("Standard"),
            c => Some(p.calendar_names[c].as_str()),
        };
        assert_eq!(t["calendar"].as_str(), calendar, "{}", at("calendar"));
        assert_eq!(day_of(&t["deadline"]), m.due, "{}", at("deadline"));
        match m.start_no_earlier {
            Some(d) => {
                assert_eq!(t["constraint"], "START_NO_EARLIER_THAN", "{}", at("SNET"));
                assert_eq!(day_of(&t["constraint_date"]), Some(d), "{}", at("SNET"));
            }
            None => assert_eq!(t["constraint"], "AS_SOON_AS_POSSIBLE", "{}", at("ASAP")),
        }
        match m.status {
            Status::NotStarted => {
                assert_eq!(t["duration"], m.duration as f64, "{}", at("duration"));
                assert_eq!(t["actual_start"], Value::Null, "{}", at("no actual start"));
                assert_eq!(t["percent_complete"], 0.0, "{}", at("percent"));
            }
            Status::InProgress => {
                assert_eq!(
                    day_of(&t["actual_start"]),
                    Some(it.start),
                    "{}",
                    at("actual")
                );
                assert_eq!(
                    t["actual_finish"],
                    Value::Null,
                    "{}",
                    at("no actual finish")
                );
                let remaining = t["remaining"].as_f64().expect("remaining");
                assert!(remaining >= 1.0, "{}", at("remaining"));
            }
            Status::Done => {
                assert_eq!(
                    day_of(&t["actual_start"]),
                    Some(it.start),
                    "{}",
                    at("actual")
                );
                assert_eq!(
                    day_of(&t["actual_finish"]),
                    Some(it.finish),
                    "{}",
                    at("actual")
                );
                assert_eq!(t["percent_complete"], 100.0, "{}", at("percent"));
                assert_eq!(t["remaining"], 0.0, "{}", at("remaining"));
            }
        }
        // Links: the same predecessors, types and lags (elapsed days for elapsed items).
        let links: Vec<(String, String, Value)> = t["predecessors"]
            .as_array()
            .expect("links")
            .iter()
            .map(|l| {
                let uid = l["uid"].as_i64().expect("uid");
                (
                    id_of_uid[&uid].clone(),
                    l["type"].as_str().expect("type").to_string(),
                    l["lag"].clone(),
                )
            })
            .collect();
        let expected: Vec<(String, String, Value)> = m
            .deps
            .iter()
            .map(|d| {
                let lag = if m.calendar == elapsed {
                    serde_json::json!({"elapsed": d.lag as f64})
                } else {
                    serde_json::json!(d.lag as f64)
                };
                let pred = format!("milepost:{}", p.milestones[d.pred].id);
                (pred, relation_name(d.relation).to_string(), lag)
            })
            .collect();
        assert_eq!(links, expected, "{}", at("links"));
    }
}

#[test]
fn mpxj_schedules_exported_programs_as_milepost_does() {
    if !have_mpxj() {
        return;
    }
    let programs = (1..=5u64)
        .map(|seed| (seed, generated(seed)))
        .chain((11..=15u64).map(|seed| (seed, generated_regional(seed))));
    for (seed, p) in programs {
        let plan = p.plan("2026-10-05");
        let xml = p
            .cmd("2026-10-05")
            .args(["export", "--format", "mspdi"])
            .run()
            .success()
            .stdout;
        let read = mpxj_read(&xml, true);
        let tasks: Vec<&Value> = read["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .filter(|t| t["summary"] == false)
            .collect();
        assert_eq!(tasks.len(), plan.program.milestones.len(), "seed {seed}");
        for t in tasks {
            let id = t["milepost_id"]
                .as_str()
                .expect("id")
                .trim_start_matches("milepost:");
            let i = plan.program.milestone_index(id).expect("known id");
            let it = &plan.schedule.items[i];
            let cal = &plan.program.calendars[plan.program.milestones[i].calendar];
            // A start is the first working time at or after it, in the item's calendar
            // (MPXJ may leave a start-no-earlier date on a day off as it is); a finish
            // at the start of a day is the end of the working day before.
            let start_day = |v: &Value| -> NaiveDate {
                let t = NaiveDateTime::parse_from_str(v.as_str().expect("start"), "%Y-%m-%dT%H:%M")
                    .expect("date-time");
                let late = t.format("%H:%M").to_string().as_str() >= "17:00";
                let day = t.date() + chrono::Days::new(u64::from(late));
                cal.date(cal.first_on_or_after(day)).expect("date")
            };
            let finish_day = |v: &Value| -> NaiveDate {
                let t =
                    NaiveDateTime::parse_from_str(v.as_str().expect("finish"), "%Y-%m-%dT%H:%M")
                        .expect("date-time");
                let early = t.format("%H:%M").to_string().as_str() <= "08:00";
                let day = t.date() - chrono::Days::new(u64::from(early));
                cal.date(cal.last_on_or_before(day)).expect("date")
            };
            let event = plan.program.milestones[i].is_event();
            let got_finish = finish_day(&t["finish"]);
            let got_start = if event {
                got_finish
            } else {
                start_day(&t["start"])
            };
            assert_eq!(
                (got_start, got_finish),
                (it.start, it.finish),
                "seed {seed}, {id}: MPXJ {} .. {}\n{}",
                t["start"],
                t["finish"],
                std::fs::read_to_string(p.path().join("plan.yaml")).unwrap_or_default()
            );
        }
    }
}

#[test]
fn a_scope_exports_its_items_and_the_links_between_them() {
    let xml = Milepost::example()
        .args([
            "--today",
            TODAY,
            "export",
            "--format",
            "mspdi",
            "--cluster",
            "tpe1-h200",
        ])
        .run()
        .success()
        .stdout;
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let tasks: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NS, "Task")))
        .collect();
    let ids: Vec<&str> = tasks
        .iter()
        .flat_map(|t| t.descendants().filter(|n| n.has_tag_name((NS, "Value"))))
        .filter_map(|v| v.text())
        .filter(|v| v.starts_with("milepost:"))
        .collect();
    assert_eq!(
        ids[..2],
        ["milepost:site:tpe1", "milepost:cluster:tpe1-h200"]
    );
    assert!(
        ids[2..]
            .iter()
            .all(|id| id.starts_with("milepost:tpe1-h200-")),
        "{ids:?}"
    );
    let uids: Vec<&str> = tasks.iter().filter_map(|t| child(*t, "UID")).collect();
    for link in doc
        .descendants()
        .filter(|n| n.has_tag_name((NS, "PredecessorLink")))
    {
        let pred = child(link, "PredecessorUID").expect("UID");
        assert!(
            uids.contains(&pred),
            "a link to {pred}, which is not exported"
        );
    }
}
