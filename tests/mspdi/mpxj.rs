//! MPXJ from the tests: whether it runs here, and tests/mspdi/read.py's reading (and
//! optionally scheduling or rewriting) of an MSPDI document.
#![allow(dead_code)]
use std::path::Path;
use std::process::Command;

use chrono::Days;
use serde_json::Value;

use crate::common::{TestProgram, date};

/// Whether MPXJ runs here (its Python package, JPype and a Java runtime that starts);
/// says why the caller skips if not.
pub fn have_mpxj() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import mpxj, jpype; jpype.startJVM()"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "skipped: MPXJ is not available (python3 -m pip install mpxj JPype1; and a Java runtime)"
        );
    }
    ok
}

/// MPXJ's reading of `xml` (tests/mspdi/read.py), optionally scheduled by MPXJ.
pub fn mpxj_read(xml: &str, schedule: bool) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.xml");
    std::fs::write(&path, xml).expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mspdi/read.py");
    let mut cmd = Command::new("python3");
    cmd.arg(script).arg(&path);
    if schedule {
        cmd.arg("--schedule");
    }
    let out = cmd.output().expect("python3");
    assert!(
        out.status.success(),
        "read.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("read.py prints JSON")
}

/// The MSPDI document MPXJ writes (its own MSPDIWriter) after reading `xml`.
pub fn mpxj_rewrite(xml: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let (input, output) = (dir.path().join("in.xml"), dir.path().join("out.xml"));
    std::fs::write(&input, xml).expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mspdi/read.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&input)
        .arg("--write")
        .arg(&output)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "read.py --write failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(output).expect("MPXJ wrote the file")
}

/// A random program on one calendar without progress: FS, SS and FF links with lags
/// of 0 to 3 days, start-no-earlier dates on some tasks; every event has a predecessor.
pub fn generated(seed: u64) -> TestProgram {
    generate(seed, false)
}

/// [`generated`] over three calendars: the program's (Mon–Fri), a region `tw`
/// (Mon–Sat, its own holidays) for the items at site `tw1`, and `elapsed`.
pub fn generated_regional(seed: u64) -> TestProgram {
    generate(seed, true)
}

fn generate(seed: u64, regional: bool) -> TestProgram {
    let mut rng = milepost::testkit::Rng(seed);
    let n = 8 + rng.index(25);
    let mut yaml = String::from("milestones:\n");
    for k in 0..n {
        let event = k > 0 && rng.percent(20);
        let duration = if event { 0 } else { 1 + rng.index(10) };
        yaml.push_str(&format!("  - id: t{k}\n    duration: {duration}\n"));
        if regional {
            match rng.index(5) {
                0 | 1 => yaml.push_str("    site: tw1\n"),
                2 if !event => yaml.push_str("    calendar: elapsed\n"),
                _ => {}
            }
        }
        if k > 0 {
            yaml.push_str("    depends_on:\n");
            let preds = 1 + rng.index(2.min(k));
            let mut seen = Vec::new();
            for _ in 0..preds {
                let pred = rng.index(k);
                if seen.contains(&pred) {
                    continue;
                }
                seen.push(pred);
                let rel = ["FS", "FS", "SS", "FF"][rng.index(4)];
                let lag = if rng.percent(70) { 0 } else { rng.index(4) };
                yaml.push_str(&format!(
                    "      - {{ id: t{pred}, type: {rel}, lag: {lag} }}\n"
                ));
            }
        }
        if !event && rng.percent(10) {
            let d = date("2026-10-05") + Days::new(rng.index(60) as u64);
            yaml.push_str(&format!("    start_no_earlier: {d}\n"));
        }
    }
    let mut config = String::from(
        "[program]\nname = \"generated\"\nstart = 2026-10-05\n[calendar]\nholidays = [2026-10-12, 2026-11-26, 2026-12-25]\n",
    );
    if regional {
        config.push_str("[calendar.regions.tw]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\ninherit_holidays = false\nholidays = [2026-10-09, 2026-10-26]\n");
        yaml.push_str("sites:\n  - {id: tw1, region: tw}\n");
    }
    TestProgram::new(&config).file("plan.yaml", &yaml)
}
