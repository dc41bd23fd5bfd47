//! Messages that mislead or miss the fix (issue #16, item 6): each test is one message
//! that used to point the wrong way, and now names the problem and what to do.
mod common;

use common::TestProgram;

const TODAY: &str = "2026-11-16";

/// Runs `args` in `p` and returns stderr, checking the exit status.
fn stderr(p: &TestProgram, args: &[&str], code: i32) -> String {
    let out = p.cmd(TODAY).args(args).run();
    assert_eq!(out.code, code, "exit status:\n{}", out.stderr);
    out.stderr
}

#[test]
fn a_hint_offers_only_valid_ids() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "milestones:\n  - {id: fabric_Up}\n  - {id: b, depends_on: [fabric-up]}\n",
    );
    let err = stderr(&p, &["validate"], 2);
    assert!(err.contains("milestone id `fabric_Up` must match"), "{err}");
    assert!(err.contains("unknown milestone `fabric-up`"), "{err}");
    assert!(!err.contains("did you mean `fabric_Up`"), "{err}");
}

#[test]
fn a_quoted_toml_date_says_to_remove_the_quotes() {
    for toml in [
        "[program]\nname = \"t\"\nstart = \"2026-10-05\"\n",
        "[program]\nname = \"t\"\nstart = 2026-10-05\n[calendar]\nholidays = [\"2026-12-25\"]\n",
    ] {
        let p = TestProgram::new(toml).file("plan.yaml", "milestones:\n  - {id: a}\n");
        let err = stderr(&p, &["validate"], 2);
        assert!(err.contains("expected a TOML datetime"), "{err}");
        assert!(
            err.contains("remove the quotes: TOML dates are written bare, e.g. 2026-01-05"),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_status_is_the_only_message_about_the_item_progress() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "milestones:\n  - {id: a, duration: 3, status: done, finished: 2026-10-07}\n  - id: b\n    duration: 5\n    depends_on: [a]\n    status: in-progress\n    started: 2026-10-08\n    remaining: 2\n    as_of: 2026-11-02\n  - {id: c, depends_on: [b], status: done, finished: 2026-11-06}\n",
    );
    let err = stderr(&p, &["validate"], 2);
    assert!(err.contains("unknown value `in-progress`"), "{err}");
    assert!(err.contains("did you mean `in_progress`?"), "{err}");
    assert!(err.contains("the program is invalid: 1 error\n"), "{err}");
    assert!(!err.contains("milepost::progress"), "{err}");
    assert!(!err.contains("out-of-sequence"), "{err}");
}

#[test]
fn a_parse_error_does_not_cascade_into_unknown_references() {
    let p = TestProgram::simple()
        .file(
            "a.yaml",
            "milestones:\n  - id: fabric-up\n  \tduration: 3\n  - {id: burn-in}\n",
        )
        .file(
            "b.yaml",
            "milestones:\n  - {id: handover, depends_on: [fabric-up, burn-in, burn-ni]}\n",
        );
    let err = stderr(&p, &["validate"], 2);
    assert!(err.contains("a tab in the indentation"), "{err}");
    assert!(!err.contains("unknown milestone `fabric-up`"), "{err}");
    assert!(!err.contains("unknown milestone `burn-in`"), "{err}");
    // An id the unparsable file does not even mention is still unknown.
    assert!(err.contains("unknown milestone `burn-ni`"), "{err}");
    assert!(err.contains("the program is invalid: 2 errors"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_does_not_cascade_either() {
    let p = TestProgram::simple()
        .file("a.yaml", "milestones:\n  - {id: fabric-up}\n")
        .file(
            "b.yaml",
            "milestones:\n  - {id: handover, depends_on: [fabric-up]}\n",
        );
    std::fs::write(
        p.path().join("a.yaml"),
        b"milestones:\n  - {id: fabric-up, notes: caf\xe9}\n",
    )
    .expect("write");
    let err = stderr(&p, &["validate"], 2);
    assert!(!err.contains("unknown milestone"), "{err}");
}

#[test]
fn owners_match_in_any_case_and_an_unknown_owner_is_an_error() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "milestones:\n  - {id: a, duration: 2, owner: lee.h}\n  - {id: b, duration: 2, owner: priya.n}\n",
    );
    let out = p
        .cmd(TODAY)
        .args(["status", "--owner", "Lee.H", "--format", "json"])
        .run()
        .success();
    let ids: Vec<String> = out.json()["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids, ["a"]);
    let err = stderr(&p, &["status", "--owner", "lee.j"], 2);
    assert!(err.contains("no item has owner `lee.j`"), "{err}");
    assert!(err.contains("did you mean `lee.h`?"), "{err}");
}

#[test]
fn show_of_a_cluster_site_or_vendor_says_what_it_is_and_what_to_run() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "sites:\n  - {id: sjc2}\nvendors:\n  - {id: dell}\nclusters:\n  - {id: sjc2-b200, site: sjc2}\nmilestones:\n  - {id: sjc2-b200-po, cluster: sjc2-b200, vendor: dell, duration: 2}\n",
    );
    for (id, what, run) in [
        (
            "sjc2-b200",
            "a cluster",
            "milepost status --cluster sjc2-b200",
        ),
        ("sjc2", "a site", "milepost status --site sjc2"),
        ("dell", "a vendor", "milepost status --vendor dell"),
    ] {
        let err = stderr(&p, &["show", id], 2);
        assert!(
            err.contains(&format!("`{id}` is {what}, not a milestone")),
            "{err}"
        );
        assert!(err.contains(run), "{err}");
        assert!(!err.contains("did you mean"), "{err}");
    }
}

#[test]
fn a_command_option_in_the_wrong_place_says_where_it_goes() {
    let p = TestProgram::simple().file("plan.yaml", "milestones:\n  - {id: a}\n");
    let err = stderr(&p, &["--baseline", "v1", "kpi"], 2);
    assert!(
        err.contains(
            "`--baseline` is an option of `kpi`, not of milepost: put it after the command"
        ),
        "{err}"
    );
    assert!(err.contains("milepost kpi --baseline REV"), "{err}");
    assert!(!err.contains("Usage: milepost --today"), "{err}");
    let err = stderr(&p, &["vendors", "--baseline", "v1"], 2);
    assert!(
        err.contains("`vendors` does not take `--baseline`"),
        "{err}"
    );
    assert!(
        err.contains("it is an option of status, critical,"),
        "{err}"
    );
    let err = stderr(&p, &["--baseline", "v1"], 2);
    assert!(err.contains("`--baseline` needs a command"), "{err}");
    // Options no command takes keep clap's own message.
    let err = stderr(&p, &["status", "--bogus"], 2);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
}

/// A repository with the program in `prog/` and an overdue item in
/// `prog/clusters/c.yaml` (with a warning on the next one).
fn program_in_a_repo() -> common::repo::Repo {
    let repo = common::repo::Repo::new();
    repo.write("prog/milepost.toml", "[program]\nname = \"t\"\nstart = 2026-10-05\n")
        .write(
            "prog/clusters/c.yaml",
            "milestones:\n  - {id: a, duration: 2, due: 2026-10-06}\n  - {id: b, duration: 1, started: 2026-10-05}\n",
        );
    repo.commit("2026-10-05", "program");
    repo
}

#[test]
fn every_command_names_files_relative_to_the_current_directory() {
    let repo = program_in_a_repo();
    for (dir, args, path) in [
        ("prog/clusters", &[][..], "../clusters/c.yaml"),
        ("prog", &[][..], "clusters/c.yaml"),
        ("", &["-C", "prog"][..], "prog/clusters/c.yaml"),
    ] {
        let run = |cmd: &[&str]| repo.milepost(dir).today(TODAY).args(args).args(cmd).run();
        let check = run(&["check"]).code(1);
        assert!(
            check.stdout.starts_with(&format!("{path}:2:5: overdue")),
            "{dir}: {}",
            check.stdout
        );
        let show = run(&["show", "a"]).success();
        assert!(
            show.stdout.contains(&format!("file  {path}:2:5")),
            "{dir}: {}",
            show.stdout
        );
        let validate = run(&["validate"]).success();
        assert!(
            validate.stderr.contains(&format!("[{path}:3:")),
            "{dir}: {}",
            validate.stderr
        );
        let lint = run(&["lint"]);
        assert!(
            lint.stdout.contains(&format!("    {path}:2: a\n")),
            "{dir}: {}",
            lint.stdout
        );
        // CI annotations keep paths from the repository root, as CI tools want them.
        let json = run(&["check", "--format", "json"]).code(1).json();
        assert_eq!(
            json["violations"][0]["file"], "prog/clusters/c.yaml",
            "{dir}: {json}"
        );
    }
}
