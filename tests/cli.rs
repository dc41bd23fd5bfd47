//! The command line: output of each command, the JSON contract, filters, and the
//! exit-status contract (0 fine, 1 a `check` violation, 2 invalid input or usage).
mod common;

use common::{Milepost, TestProgram};
use serde_json::Value;

/// A small program: two clusters at two sites; as of 2026-10-14, `po` is overdue and
/// `install` is slipping against its due date.
fn program() -> TestProgram {
    TestProgram::new("[program]\nname = \"Demo\"\nstart = 2026-10-05\n[calendar.regions.tw]\nholidays = [2026-10-20]\n")
        .file("sites.yaml", "sites:\n  - {id: dfw1, name: Dallas}\n  - {id: tpe1, name: Taipei, region: tw}\nvendors:\n  - {id: dell, name: Dell, category: oem}\n")
        .file("clusters/a.yaml", "clusters:
  - {id: a, site: dfw1, gpu: H200, gpus: 512, lifecycle: deploying, ready_by: 2026-10-23}
milestones:
  - {id: po, name: PO placed, cluster: a, vendor: dell, owner: alice, duration: 3, due: 2026-10-09}
  - {id: deliver, name: Servers delivered, cluster: a, vendor: dell, owner: alice, duration: 5, depends_on: [po]}
  - {id: install, name: Rack and stack, cluster: a, owner: bob, duration: 4, depends_on: [deliver], due: 2026-10-22}
")
        .file("clusters/b.yaml", "clusters:
  - {id: b, site: tpe1, gpus: 256, lifecycle: planned}
milestones:
  - {id: contract, name: Colo contract, cluster: b, owner: chen, status: done, finished: 2026-10-06}
  - {id: cage, name: Cage build, cluster: b, owner: chen, duration: 10, status: in_progress, started: 2026-10-07, depends_on: [contract]}
  - {id: handover, name: Handover, cluster: b, owner: chen, depends_on: [cage], due: 2026-12-01}
")
}

const TODAY: &str = "2026-10-14";

#[test]
fn status_table_and_summary() {
    let (code, out, err) = program().cmd(TODAY).args(["status"]).run().parts();
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn status_json_has_the_spec_shape() {
    let (code, out, _) = program()
        .cmd(TODAY)
        .args(["status", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["program"]["today"], "2026-10-14");
    assert_eq!(v["program"]["start"], "2026-10-05");
    let ids: Vec<&str> = v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    // Topological order, ties by id.
    assert_eq!(
        ids,
        ["contract", "cage", "handover", "po", "deliver", "install"]
    );
    let keys: Vec<&str> = v["milestones"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "site",
            "cluster",
            "vendor",
            "owner",
            "calendar",
            "status",
            "duration",
            "start",
            "finish",
            "late_start",
            "late_finish",
            "total_float",
            "critical",
            "due",
            "slip",
            "commitment_float",
            "commitment",
            "stale",
            "health"
        ]
    );
    let contract = &v["milestones"][0];
    assert_eq!(
        (
            contract["status"].as_str(),
            contract["total_float"].is_null(),
            contract["late_start"].is_null()
        ),
        (Some("done"), true, true)
    );
    let cage = &v["milestones"][1];
    assert_eq!(
        (
            cage["start"].as_str(),
            cage["late_start"].is_null(),
            cage["late_finish"].is_null()
        ),
        (Some("2026-10-07"), true, false)
    );
    insta::assert_snapshot!(out);
}

#[test]
fn filters_narrow_the_list_not_the_schedule() {
    let p = program();
    let (_, all, _) = p
        .cmd(TODAY)
        .args(["status", "--format", "json"])
        .run()
        .parts();
    let (_, some, _) = p
        .cmd(TODAY)
        .args([
            "status",
            "--format",
            "json",
            "--cluster",
            "a",
            "--health",
            "slipping,overdue",
        ])
        .run()
        .parts();
    let all: Value = serde_json::from_str(&all).unwrap();
    let some: Value = serde_json::from_str(&some).unwrap();
    let ids: Vec<&str> = some["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["po", "deliver", "install"]);
    assert_eq!(all["program"], some["program"]);
    let find = |v: &Value, id: &str| {
        v["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(find(&all, "install"), find(&some, "install"));
    for (flag, value, expected) in [
        ("--site", "tpe1", 3),
        ("--owner", "bob", 1),
        ("--vendor", "dell", 2),
    ] {
        let (_, out, _) = p
            .cmd(TODAY)
            .args(["status", "--format", "json", flag, value])
            .run()
            .parts();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["milestones"].as_array().unwrap().len(),
            expected,
            "{flag} {value}"
        );
    }
    let (_, crit, _) = p
        .cmd(TODAY)
        .args(["status", "--critical", "--format", "json"])
        .run()
        .parts();
    let crit: Value = serde_json::from_str(&crit).unwrap();
    assert!(
        crit["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["critical"] == true)
    );
}

#[test]
fn an_unknown_filter_id_is_a_usage_error() {
    let (code, out, err) = program()
        .cmd(TODAY)
        .args(["status", "--cluster", "aa"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no cluster `aa` in the program (did you mean `a`?)"),
        "{err}"
    );
}

#[test]
fn critical_path_json_and_table() {
    let p = program();
    let (code, out, _) = p
        .cmd(TODAY)
        .args(["critical", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 0);
    insta::assert_snapshot!("critical_json", out);
    let (_, table, _) = p.cmd(TODAY).args(["critical"]).run().parts();
    insta::assert_snapshot!("critical_table", table);
}

#[test]
fn clusters_forecast() {
    let p = program();
    let (code, out, _) = p
        .cmd(TODAY)
        .args(["clusters", "--format", "markdown"])
        .run()
        .parts();
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn show_explains_what_drives_an_item() {
    let (code, out, _) = program().cmd(TODAY).args(["show", "install"]).run().parts();
    assert_eq!(code, 0);
    assert!(
        out.contains("driving_chain  po → deliver → install"),
        "{out}"
    );
    insta::assert_snapshot!(out);
    let (code, _, err) = program().cmd(TODAY).args(["show", "instal"]).run().parts();
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `install`?"), "{err}");
}

#[test]
fn check_exits_1_on_an_overdue_item_and_names_its_file_and_line() {
    let (code, out, _) = program().cmd(TODAY).args(["check"]).run().parts();
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().next().unwrap(),
        "clusters/a.yaml:4:5: overdue: `po` PO placed: due 2026-10-09, forecast finish 2026-10-16, float -5 (owner alice, vendor dell)"
    );
    assert!(
        out.ends_with("check failed: 1 violation of fail_on = [overdue] as of 2026-10-14\n"),
        "{out}"
    );
    let (code, out, _) = program()
        .cmd(TODAY)
        .args(["check", "--fail-on", "overdue,slipping", "--format", "json"])
        .run()
        .parts();
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(&str, &str)> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap(), x["class"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        // Grouped by the commitment they threaten; install's own due leads its group.
        [
            ("po", "overdue"),
            ("install", "slipping"),
            ("deliver", "slipping")
        ]
    );
    assert_eq!(
        (
            v["violations"][0]["file"].as_str(),
            v["violations"][0]["line"].as_u64()
        ),
        (Some("clusters/a.yaml"), Some(4))
    );
}

#[test]
fn check_passes_on_a_clean_program_and_reads_the_policy() {
    let p = TestProgram::simple().file(
        "a.yaml",
        "milestones:\n  - {id: a, duration: 3, due: 2026-12-01}\n",
    );
    let (code, out, _) = p.cmd(TODAY).args(["check"]).run().parts();
    assert_eq!(
        (code, out.as_str()),
        (0, "ok: 1 milestone, none overdue as of 2026-10-14\n")
    );
    let strict = TestProgram::new(
        "[program]\nstart = 2026-10-05\n[policy]\nat_risk_days = 50\nfail_on = [\"at-risk\"]\n",
    )
    .file(
        "a.yaml",
        "milestones:\n  - {id: a, duration: 3, due: 2026-12-01}\n",
    );
    assert_eq!(strict.cmd(TODAY).args(["check"]).run().code, 1);
    // `fail_on = []` turns the gate off even for an overdue item.
    let off = TestProgram::new("[program]\nstart = 2026-10-05\n[policy]\nfail_on = []\n").file(
        "a.yaml",
        "milestones:\n  - {id: a, duration: 3, due: 2026-10-06}\n",
    );
    assert_eq!(off.cmd(TODAY).args(["check"]).run().code, 0);
}

#[test]
fn check_exits_2_not_1_on_an_invalid_program() {
    let p = TestProgram::simple().file("a.yaml", "milestones:\n  - {id: a, due: yesterday}\n");
    assert_eq!(p.cmd(TODAY).args(["check"]).run().code, 2);
}

#[test]
fn usage_errors_exit_2() {
    let p = program();
    for args in [
        &["status", "--format", "xml"][..],
        &["--today", "2026-13-01", "status"],
        &["nosuch"],
        &["check", "--fail-on", "late"],
    ] {
        let (code, _, err) = p.cmd(TODAY).args(args).run().parts();
        assert_eq!(code, 2, "{args:?}: {err}");
    }
    let (code, out, _) = p.cmd(TODAY).args(["--help"]).run().parts();
    assert_eq!(code, 0);
    assert!(out.contains("Usage: milepost"));
}

#[test]
fn a_missing_program_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = Milepost::new()
        .dir(dir.path())
        .args(["-C", "nowhere", "status"])
        .run();
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "error: no milepost.toml in nowhere\n");
}

#[test]
fn today_comes_from_the_flag_over_the_environment() {
    let p = program();
    let v = p
        .cmd(TODAY)
        .args(["--today", "2026-10-13", "status", "--format", "json"])
        .run()
        .json();
    assert_eq!(v["program"]["today"], "2026-10-13");
}

#[test]
fn finds_the_program_from_a_subdirectory() {
    let p = program();
    let out = p
        .cmd(TODAY)
        .dir(p.path().join("clusters"))
        .arg("validate")
        .run();
    assert_eq!(
        out.stdout,
        "valid: 2 sites, 2 clusters, 1 vendor, 6 milestones, 0 risks\n"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut yaml = String::from("milestones:\n");
    for i in 0..3000 {
        yaml.push_str(&format!(
            "  - {{id: m{i}, name: item number {i} with a long name, duration: 2}}\n"
        ));
    }
    let p = TestProgram::simple().file("a.yaml", &yaml);
    let mut child = p
        .cmd(TODAY)
        .args(["status", "--format", "json"])
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is now closed; the rest of the (1 MB) output meets a broken pipe.
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn color_is_off_when_piped_and_on_when_forced() {
    let p = program();
    let (_, plain, _) = p.cmd(TODAY).args(["status"]).run().parts();
    assert!(!plain.contains('\x1b'));
    let out = p
        .cmd(TODAY)
        .env_remove("NO_COLOR")
        .args(["--color", "always", "status"])
        .run();
    assert!(out.stdout.contains('\x1b'));
}

/// The bundled example as the README runs it: every date is pinned, and it tells the
/// story the README promises (one overdue item, a slipping chain).
#[test]
fn the_example_program() {
    let run = |args: &[&str]| {
        Milepost::example()
            .args(["--today", "2026-12-14"])
            .args(args)
            .run()
            .parts()
    };
    let (code, out, err) = run(&["validate"]);
    assert_eq!((code, err.as_str()), (0, ""), "{err}");
    assert_eq!(
        out,
        "valid: 2 sites, 4 clusters, 11 vendors, 67 milestones, 6 risks\n"
    );
    let (code, json, _) = run(&["status", "--format", "json"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("example_status_json", json);
    let (code, table, _) = run(&["status"]);
    assert_eq!(code, 0);
    assert!(table.contains("\n67 milestones: 17 done, 29 on_track, 13 at_risk, 7 slipping, 1 overdue · 21 critical · 1 stale (!)\nprogram finish 2027-05-19 · committed finish_by 2027-06-30\nthreatened commitments, worst first:\n  due dfw1-h200-optics-delivered: 1 item, float -10\n  due dfw1-h200-handover: 7 items, float -4\n"), "{table}");
    let (code, out, _) = run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("examples/gpu-buildout/clusters/dfw1-h200.yaml:"),
        "{out}"
    );
    let (_, clusters, _) = run(&["clusters"]);
    insta::assert_snapshot!("example_clusters", clusters);
}

/// Piped, `status` is 120 columns wide: the example's names need `start` hidden, with
/// no note on stderr (the note is for terminals). `--wide`, a global option, shows
/// every column and cuts nothing, before or after the command.
#[test]
fn wide_shows_every_column_of_a_piped_table() {
    let status = |args: &[&str]| {
        Milepost::example()
            .today("2026-12-14")
            .args(args)
            .run()
            .parts()
    };
    let (code, fitted, err) = status(&["status"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let header = fitted.lines().next().unwrap();
    assert!(
        header.contains("name") && !header.contains("start"),
        "{header}"
    );
    assert!(fitted.lines().all(|l| l.chars().count() <= 120));
    assert!(fitted.contains('…'));
    for args in [["--wide", "status"], ["status", "--wide"]] {
        let (code, wide, err) = status(&args);
        assert_eq!((code, err.as_str()), (0, ""));
        let header = wide.lines().next().unwrap();
        assert!(
            header.contains("start") && header.contains("owner"),
            "{header}"
        );
        assert!(wide.lines().any(|l| l.chars().count() > 120));
        assert!(!wide.contains('…'), "{wide}");
    }
}
