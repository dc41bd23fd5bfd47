//! `milepost import FILE.xml --into DIR`: MS Project XML back into a program. The
//! example round-trips (export, import, the same `status --format json` and the same
//! export again), also through MPXJ's own MSPDI writer; a hand-written MSPDI in the
//! shape MS Project writes (no milepost fields) imports with what milepost cannot hold
//! reported; existing files are never overwritten and an invalid result writes nothing.
mod common;
#[path = "mspdi/mpxj.rs"]
mod mpxj;

use std::path::Path;

use common::Milepost;
use mpxj::{generated, have_mpxj, mpxj_rewrite};

const TODAY: &str = "2026-12-14";

fn example(args: &[&str]) -> String {
    Milepost::example()
        .args(["--today", TODAY])
        .args(args)
        .run()
        .success()
        .stdout
}

/// Imports `xml` (written as `name`) into a new directory `program` under `dir`.
fn import(dir: &Path, name: &str, xml: &str) -> common::cli::Outcome {
    let file = dir.join(name);
    std::fs::write(&file, xml).expect("write");
    Milepost::new()
        .args(["--today", TODAY, "import"])
        .arg(&file)
        .arg("--into")
        .arg(dir.join("program"))
        .run()
}

fn in_program(dir: &Path, args: &[&str]) -> String {
    Milepost::new()
        .arg("-C")
        .arg(dir.join("program"))
        .args(["--today", TODAY])
        .args(args)
        .run()
        .success()
        .stdout
}

#[test]
fn the_example_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xml = example(&["export", "--format", "mspdi"]);
    let out = import(dir.path(), "plan.xml", &xml).success();
    assert!(
        out.stderr.contains("imported 67 milestones"),
        "{}",
        out.stderr
    );
    // Nothing milepost holds is lost on its own export.
    assert!(!out.stderr.contains("left out"), "{}", out.stderr);
    let status = example(&["status", "--format", "json"]);
    assert_eq!(
        in_program(dir.path(), &["status", "--format", "json"]),
        status
    );
    assert_eq!(
        in_program(dir.path(), &["export", "--format", "mspdi"]),
        xml
    );
    let config = std::fs::read_to_string(dir.path().join("program/milepost.toml")).expect("toml");
    assert!(config.contains("finish_by = 2027-06-30"), "{config}");
    assert!(
        config.contains("[calendar.regions.tw]\ninherit_holidays = false"),
        "{config}"
    );
    let cluster = std::fs::read_to_string(dir.path().join("program/clusters/dfw1-h200.yaml"))
        .expect("cluster file");
    assert!(cluster.contains("clusters:\n  - id: dfw1-h200\n    site: dfw1\n    gpu: \"H200\"\n    ready_by: 2027-01-08\n"), "{cluster}");
}

#[test]
fn an_mspdi_written_by_mpxj_imports_to_the_same_schedule() {
    if !have_mpxj() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let xml = mpxj_rewrite(&example(&["export", "--format", "mspdi"]));
    import(dir.path(), "mpxj.xml", &xml).success();
    let status = example(&["status", "--format", "json"]);
    assert_eq!(
        in_program(dir.path(), &["status", "--format", "json"]),
        status
    );
    for seed in [3, 8] {
        let p = generated(seed);
        let xml = p
            .cmd("2026-10-05")
            .args(["export", "--format", "mspdi"])
            .run()
            .success()
            .stdout;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("gen.xml");
        std::fs::write(&file, mpxj_rewrite(&xml)).expect("write");
        Milepost::new()
            .args(["--today", "2026-10-05", "import"])
            .arg(&file)
            .arg("--into")
            .arg(dir.path().join("program"))
            .run()
            .success();
        let imported = Milepost::new()
            .arg("-C")
            .arg(dir.path().join("program"))
            .args(["--today", "2026-10-05", "status", "--format", "json"])
            .run()
            .success()
            .json();
        let original = p
            .cmd("2026-10-05")
            .args(["status", "--format", "json"])
            .run()
            .success()
            .json();
        assert_eq!(
            imported["milestones"], original["milestones"],
            "seed {seed}"
        );
    }
}

#[test]
fn existing_files_are_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("program")).expect("mkdir");
    std::fs::write(dir.path().join("program/vendors.yaml"), "mine").expect("write");
    let xml = example(&["export", "--format", "mspdi"]);
    let out = import(dir.path(), "plan.xml", &xml).code(2);
    assert!(
        out.stderr.contains("not overwriting existing files"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("vendors.yaml"), "{}", out.stderr);
    let left: Vec<_> = std::fs::read_dir(dir.path().join("program"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["vendors.yaml"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("program/vendors.yaml")).expect("read"),
        "mine"
    );
}

#[test]
fn an_invalid_result_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Finished after today (2026-12-14): the program would not validate.
    let xml = FOREIGN.replace(
        "2026-10-09T17:00:00</ActualFinish>",
        "2027-10-09T17:00:00</ActualFinish>",
    );
    let out = import(dir.path(), "plan.xml", &xml).code(2);
    assert!(
        out.stderr.contains("does not make a valid program"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("after today"), "{}", out.stderr);
    assert!(!dir.path().join("program").exists());
    let out = import(dir.path(), "plan.xml", "<Project><Tasks>").code(2);
    assert!(out.stderr.contains("not XML"), "{}", out.stderr);
}

/// An MSPDI as MS Project writes one: no milepost fields, a summary task with a nested
/// one, a resource, a night-shift calendar, elapsed durations, hour and percent lags,
/// a constraint milepost does not have, a yearly holiday and a working Saturday.
const FOREIGN: &str = include_str!("mspdi/foreign.xml");

#[test]
fn a_foreign_plan_imports_and_reports_what_it_leaves_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = import(dir.path(), "Vendor plan.xml", FOREIGN).success();
    for lost in [
        "1 resource(s) and 1 assignment(s) are not imported",
        "`wire-racks`: its 50% lag on `design` is not imported (lag 0)",
        "constraint Start No Later Than (not imported)",
        "working exception(s) (extra working days) are not imported",
        "the deadline of summary task `Phase 1: Build` is not imported",
    ] {
        assert!(
            out.stderr.contains(lost),
            "missing `{lost}` in:\n{}",
            out.stderr
        );
    }
    let config = std::fs::read_to_string(dir.path().join("program/milepost.toml")).expect("toml");
    assert!(config.contains("name = \"Vendor rollout\""), "{config}");
    assert!(
        config.contains("holidays = [2026-12-25, 2027-12-25]"),
        "{config}"
    );
    assert!(config.contains("[calendar.regions.night-shift]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\ninherit_holidays = false\nholidays = []"), "{config}");
    let phase = std::fs::read_to_string(dir.path().join("program/phase-1-build.yaml"))
        .expect("file per top-level summary");
    assert!(phase.contains("  - id: design\n    name: \"Design\"\n    duration: 5\n    status: done\n    started: 2026-10-05\n    finished: 2026-10-09\n"), "{phase}");
    assert!(phase.contains("  - id: ship\n    name: \"Ship\"\n    calendar: elapsed\n    duration: 3\n    depends_on:\n      - { id: design, type: SS, lag: 2 }\n"), "{phase}");
    assert!(phase.contains("    calendar: night-shift\n"), "{phase}");
    // The second `Design` (in the nested summary) takes its group's name.
    assert!(phase.contains("  - id: racks-design\n"), "{phase}");
    let program =
        std::fs::read_to_string(dir.path().join("program/program.yaml")).expect("loose tasks");
    assert!(program.contains("  - id: go-live\n    name: \"Go live\"\n    depends_on:\n      - wire-racks\n    due: 2026-11-20\n"), "{program}");
    let status = in_program(dir.path(), &["status", "--format", "json"]);
    assert!(status.contains("\"id\": \"go-live\""), "{status}");
}

/// A random program over two calendars (a Mon–Sat region), with every relation type,
/// leads and lags, events, constraints, due dates and progress.
fn random_program(seed: u64) -> common::TestProgram {
    use milepost::testkit::fuzz::{CONFIG, SITES};
    use milepost::testkit::{Dep, Item, Progress, Rng, milestones_yaml};
    let mut rng = Rng(seed);
    let start = common::date("2026-10-05");
    let day = |n: u64| start + chrono::Days::new(n);
    let mut items = Vec::new();
    for k in 0..30usize {
        let event = rng.percent(20);
        let mut it = Item::new(
            format!("m{k}"),
            if event { 0 } else { 1 + rng.index(8) as i64 },
        );
        it.cluster = [None, Some("c1"), Some("c2")][rng.index(3)].map(str::to_string);
        if it.cluster.is_none() && rng.percent(30) {
            it.site = Some("tw1".into());
        }
        if k > 0 {
            for _ in 0..1 + rng.index(2) {
                let pred = format!("m{}", rng.index(k));
                if it.deps.iter().any(|d| d.id == pred) {
                    continue;
                }
                let rel = ["FS", "SS", "FF", "SF"][rng.index(4)];
                it.deps.push(Dep::typed(pred, rel, rng.index(6) as i64 - 2));
            }
        }
        if k < 6 {
            let finished = day(3 * k as u64 + 3);
            let started = (!event).then(|| day(3 * k as u64));
            it.progress = Progress::Done { started, finished };
        } else if k < 10 && !event {
            let started = day(30 + k as u64);
            it.progress = Progress::InProgress {
                started,
                remaining: Some(1 + rng.index(5) as i64),
            };
        }
        if rng.percent(30) {
            it.due = Some(day(40 + rng.index(60) as u64));
        }
        if rng.percent(20) {
            it.start_no_earlier = Some(day(30 + rng.index(40) as u64));
        }
        items.push(it);
    }
    common::TestProgram::new(CONFIG)
        .file("sites.yaml", SITES)
        .file("plan.yaml", &milestones_yaml(&items))
}

#[test]
fn random_programs_round_trip() {
    let today = "2026-11-16";
    for seed in 1..=8u64 {
        let p = random_program(seed);
        let status = |dir: &Path| {
            Milepost::new()
                .arg("-C")
                .arg(dir)
                .args(["--today", today, "status", "--format", "json"])
                .run()
                .success()
                .stdout
        };
        let xml = p
            .cmd(today)
            .args(["export", "--format", "mspdi"])
            .run()
            .success()
            .stdout;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("plan.xml");
        std::fs::write(&file, &xml).expect("write");
        Milepost::new()
            .args(["--today", today, "import"])
            .arg(&file)
            .arg("--into")
            .arg(dir.path().join("program"))
            .run()
            .success();
        assert_eq!(
            status(&dir.path().join("program")),
            status(p.path()),
            "seed {seed}"
        );
    }
}

#[test]
fn utf16_and_a_byte_order_mark_read_the_same() {
    let utf8 = tempfile::tempdir().expect("tempdir");
    import(utf8.path(), "plan.xml", FOREIGN).success();
    let expected =
        std::fs::read_to_string(utf8.path().join("program/phase-1-build.yaml")).expect("imported");
    let text = FOREIGN.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(FOREIGN.bytes());
    for bytes in [utf16, bom] {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("plan.xml");
        std::fs::write(&file, bytes).expect("write");
        Milepost::new()
            .args(["--today", TODAY, "import"])
            .arg(&file)
            .arg("--into")
            .arg(dir.path().join("program"))
            .run()
            .success();
        let got = std::fs::read_to_string(dir.path().join("program/phase-1-build.yaml"))
            .expect("imported");
        assert_eq!(got, expected);
    }
}
