//! `milepost export`: snapshots of every format on the example program, the iCalendar
//! parsed by Python's `icalendar` and checked against RFC 5545's line rules, the DOT
//! laid out by Graphviz's `dot`, CSV equal to `status --format csv`, and `-o` writing
//! atomically.
mod common;

use std::process::{Command, Stdio};

use common::{Milepost, TestProgram};

const TODAY: &str = "2026-12-14";

/// milepost on the example program as of 2026-12-14.
fn example(args: &[&str]) -> String {
    Milepost::example()
        .args(["--today", TODAY])
        .args(args)
        .run()
        .success()
        .stdout
}

/// Whether `program` runs (`program --version`); says why the caller skips if not.
fn have(program: &str, args: &[&str], install: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: `{program}` is not available ({install})");
    }
    ok
}

#[test]
fn csv_is_the_status_csv() {
    let csv = example(&["export", "--format", "csv"]);
    assert_eq!(csv, example(&["status", "--format", "csv"]));
    assert!(csv.starts_with("id,name,site,cluster,vendor,owner,calendar,status,duration,start,finish,late_start,late_finish,total_float,critical,due,slip,commitment_float,commitment_kind,commitment_id,commitment_date,stale,health\n"));
    assert_eq!(csv.lines().count(), 68);
}

#[test]
fn ics_snapshot_and_rfc5545_line_rules() {
    let ics = example(&["export", "--format", "ics"]);
    insta::assert_snapshot!("example_ics", ics);
    // Every line ends with CRLF and is at most 75 octets; folded lines start with a space.
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    // One event per milestone event (29 in the example) and per due date of a task (2).
    let events = unfolded.matches("BEGIN:VEVENT").count();
    assert_eq!(events, 29 + 2);
    // UIDs are unique, and stable when the data date moves (re-imports update).
    let uids: Vec<&str> = unfolded.lines().filter(|l| l.starts_with("UID:")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len());
    let later = Milepost::example()
        .args(["--today", "2026-12-21"])
        .args(["export", "--format", "ics"])
        .run();
    let later = later.stdout.replace("\r\n ", "");
    let later_uids: Vec<&str> = later.lines().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(later_uids, uids);
    assert!(later.contains("SEQUENCE:111\r\n") && unfolded.contains("SEQUENCE:104\r\n"));
    assert!(unfolded.contains(
        "UID:dfw1-h200-handover.milestone.2027-gpu-build-out@milepost\r\nDTSTAMP:20261214T000000Z\r\nSEQUENCE:104\r\nDTSTART;VALUE=DATE:20270114\r\nDTEND;VALUE=DATE:20270115\r\n"
    ));
}

#[test]
fn ics_parses_with_python_icalendar() {
    if !have(
        "python3",
        &["-c", "import icalendar"],
        "python3 -m pip install icalendar",
    ) {
        return;
    }
    let ics = example(&["export", "--format", "ics"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("program.ics");
    std::fs::write(&path, &ics).expect("write");
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = list(cal.walk('VEVENT'))
by_uid = {str(e['UID']): e for e in events}
h = by_uid['dfw1-h200-handover.milestone.2027-gpu-build-out@milepost']
o = by_uid['dfw1-h200-optics-delivered.milestone.2027-gpu-build-out@milepost']
print(len(events), len(by_uid), cal['X-WR-CALNAME'])
print(h.decoded('DTSTART'), h.decoded('DTEND'), h['SUMMARY'])
print(o['DESCRIPTION'].splitlines()[2])
print(sorted(str(c) for c in o.get('CATEGORIES').cats))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "31 31 2027 GPU build-out\n\
         2027-01-14 2027-01-15 Acceptance report signed; handover to Northwind AI\n\
         forecast finish 2026-12-18 · due 2026-12-04 · float -10 · overdue\n\
         ['critical', 'delivery']\n"
    );
}

#[test]
fn dot_snapshot_and_graphviz_lays_it_out() {
    let dot = example(&["export", "--format", "dot"]);
    insta::assert_snapshot!("example_dot", dot);
    assert!(dot.contains("subgraph \"cluster_dfw1-h200\" {"));
    assert!(dot.contains(
        "\"dfw1-h200-optics-delivered\" -> \"dfw1-h200-fabric-up\" [color=\"#c62828\", penwidth=2];"
    ));
    assert!(dot.contains("\"dfw1-h200-rack-stack\" -> \"dfw1-h200-cabling\" [label=\"SS +2\"];"));
    if !have("dot", &["-V"], "apt-get install graphviz") {
        return;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), dot.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("dot");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(
        svg.contains("<svg") && svg.contains("<title>cluster_dfw1&#45;h200</title>"),
        "{svg}"
    );
}

#[test]
fn dot_quotes_what_ids_and_names_carry() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "milestones:\n  - {id: a.b, name: \"Say \\\"hi\\\" \\\\ now\"}\n  - {id: c-d, name: x, depends_on: [a.b], duration: 2}\n",
    );
    let out = p
        .cmd("2026-10-05")
        .args(["export", "--format", "dot"])
        .run();
    let dot = out.stdout;
    assert!(
        dot.contains("label=\"◆ Say \\\"hi\\\" \\\\ now\\na.b\\n"),
        "{dot}"
    );
    assert!(dot.contains("\"a.b\" -> \"c-d\""), "{dot}");
}

#[test]
fn mermaid_snapshot() {
    let mmd = example(&["export", "--format", "mermaid"]);
    insta::assert_snapshot!("example_mermaid", mmd);
    // The chart alone: no markdown fence.
    assert!(mmd.starts_with("gantt\n"));
    let one = example(&["export", "--format", "mermaid", "--cluster", "dfw1-h200"]);
    // Few items: one bar per item, with SPEC §2's shown dates.
    assert!(one.contains(
        "    InfiniBand cabling (leaf and spine) :crit, active, 2026-12-03, 2026-12-15\n"
    ));
    assert!(
        one.contains("    Optics delivered (all 2,560) :crit, milestone, 2026-12-18, 2026-12-18\n")
    );
    assert!(
        one.contains("    Servers delivered (32 integrated racks) :done, 2026-11-16, 2026-11-24\n")
    );
}

#[test]
fn output_files_are_written_atomically() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "milestones:\n  - {id: a, name: A, duration: 2}\n",
    );
    let target = p.path().join("out/a.ics");
    std::fs::create_dir_all(p.path().join("out")).expect("mkdir");
    std::fs::write(&target, "old").expect("write");
    let out = p
        .cmd("2026-10-05")
        .args(["export", "--format", "ics", "-o", "out/a.ics"])
        .run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&target).expect("read");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    let names: Vec<_> = std::fs::read_dir(p.path().join("out"))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("a.ics")]);
    // A directory that does not exist is an error (exit 2), and nothing is written.
    let out = p
        .cmd("2026-10-05")
        .args(["export", "--format", "csv", "-o", "missing/a.csv"])
        .run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot write"));
    assert!(!p.path().join("missing").exists());
}
