//! `milepost import FILE.csv --into DIR`: the documented column set with a byte order
//! mark, CRLF line ends, quoting, header names in any case and every `depends_on`
//! form; bad rows reported all at once with their line numbers, nothing written.
mod common;

use std::path::Path;

use common::Milepost;

const TODAY: &str = "2026-12-14";

fn import(dir: &Path, csv: &[u8], extra: &[&str]) -> common::cli::Outcome {
    let file = dir.join("plan.csv");
    std::fs::write(&file, csv).expect("write");
    Milepost::new()
        .args(["--today", TODAY, "import"])
        .arg(&file)
        .arg("--into")
        .arg(dir.join("program"))
        .args(extra)
        .run()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join("program").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_spreadsheet_export_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [
        "ID,Name,Duration,Depends_On,DUE,Start_No_Earlier,Status,Started,Finished,Owner,Vendor,Kind,Cluster,Site",
        "po,\"PO placed, signed\",0,,,,done,,2026-11-02,\"Priya \"\"PN\"\" N.\",dell,procurement,c1,dfw1",
        "ship,Ship,10,po,2027-01-15,,in-progress,2026-11-30,,,dell,delivery,c1,",
        "rack,Rack and stack,5,\"po:SS+2; ship:ff-1\",,2026-12-21,,,,,,deployment,c1,dfw1",
        "power,Power on,3,po:+3,,,,,,dana,,FACILITY,,dfw1",
        "accept,Acceptance,0,rack power,2027-02-01,,,,,,,,,",
    ];
    let mut csv = b"\xEF\xBB\xBF".to_vec();
    csv.extend(rows.join("\r\n").into_bytes());
    csv.extend(b"\r\n");
    let out = import(dir.path(), &csv, &[]).success();
    assert!(
        out.stderr.contains("imported 5 milestones"),
        "{}",
        out.stderr
    );
    let config = read(dir.path(), "milepost.toml");
    assert!(
        config.contains("name = \"plan\"\nstart = 2026-11-02\n"),
        "{config}"
    );
    assert_eq!(
        read(dir.path(), "sites.yaml"),
        "# Imported from plan.csv by `milepost import`.\nsites:\n  - id: dfw1\n"
    );
    assert_eq!(
        read(dir.path(), "vendors.yaml"),
        "# Imported from plan.csv by `milepost import`.\nvendors:\n  - id: dell\n"
    );
    let cluster = read(dir.path(), "clusters/c1.yaml");
    assert!(
        cluster.contains("clusters:\n  - id: c1\n    site: dfw1\n"),
        "{cluster}"
    );
    assert!(cluster.contains("  - id: po\n    name: \"PO placed, signed\"\n    cluster: c1\n    vendor: dell\n    owner: \"Priya \\\"PN\\\" N.\"\n    kind: procurement\n    status: done\n    finished: 2026-11-02\n"), "{cluster}");
    assert!(cluster.contains("    depends_on:\n      - { id: po, type: SS, lag: 2 }\n      - { id: ship, type: FF, lag: -1 }\n    start_no_earlier: 2026-12-21\n"), "{cluster}");
    assert!(
        cluster.contains("    status: in_progress\n    started: 2026-11-30\n"),
        "{cluster}"
    );
    let site = read(dir.path(), "sites/dfw1.yaml");
    assert!(site.contains("    kind: facility\n    duration: 3\n    depends_on:\n      - { id: po, type: FS, lag: 3 }\n"), "{site}");
    let program = read(dir.path(), "program.yaml");
    assert!(
        program.contains("    depends_on:\n      - rack\n      - power\n    due: 2027-02-01\n"),
        "{program}"
    );
    let status = Milepost::new()
        .arg("-C")
        .arg(dir.path().join("program"))
        .args(["--today", TODAY, "status", "--format", "json"])
        .run()
        .success()
        .json();
    assert_eq!(status["milestones"].as_array().expect("list").len(), 5);
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = "id,name,duration,depends_on,status,started,finished,cluster,site\n\
               a,A,five,,,,,,\n\
               b,\"B, with a\nline break\",2,a:XX,,,,,\n\
               a,again,1,nope,,,,,\n\
               c,C,1,,in_progress,,,,\n\
               d,D,1,,done,,2026-13-01,,\n\
               e,E,1,,planned,,,c9,\n\
               Bad Id,F,1,,,,,,\n";
    let out = import(dir.path(), csv.as_bytes(), &[]).code(2);
    for expected in [
        "cannot import plan.csv: 9 problems, nothing written",
        "line 2: duration `five` is not a whole number of days",
        "line 3: `a:XX`: unknown relation type `XX`",
        "line 5: id `a` is also on line 2",
        "line 6: status in_progress needs `started`",
        "line 7: finished: `2026-13-01` is not a calendar date",
        "line 8: unknown status `planned`",
        "line 9: id `Bad Id` is not a milepost id",
        "line 5: depends on `nope`, which no row has",
        "line 8: cluster `c9` has no site",
    ] {
        assert!(
            out.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            out.stderr
        );
    }
    assert!(!dir.path().join("program").exists());
}

#[test]
fn an_unknown_column_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = import(dir.path(), b"id,Duration,Predecessors\na,1,\n", &[]).code(2);
    assert!(
        out.stderr.contains(
            "line 1: unknown column `Predecessors`; the columns are id, name, duration, depends_on"
        ),
        "{}",
        out.stderr
    );
    let out = import(dir.path(), b"name\nA\n", &[]).code(2);
    assert!(
        out.stderr.contains("line 1: no `id` column"),
        "{}",
        out.stderr
    );
}

#[test]
fn start_sets_the_program_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    import(
        dir.path(),
        b"id,duration\na,3\n",
        &["--start", "2027-01-04"],
    )
    .success();
    assert!(read(dir.path(), "milepost.toml").contains("start = 2027-01-04\n"));
}
