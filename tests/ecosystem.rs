//! Fitting the ecosystem: the JSON Schema checked by an independent validator (Python's
//! `jsonschema`), `init`, shell completions, the man page, CSV output and the guide.
mod common;
#[path = "ecosystem/validator.rs"]
mod validator;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{Milepost, TestProgram};
use validator::{python_validator, schema_errors, yaml_files};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/gpu-buildout");

/// The CLI with a fixed today, run in `dir`.
pub fn milepost(dir: &Path) -> Milepost {
    Milepost::new().dir(dir).today("2027-01-04")
}

/// A new program made by `milepost init` in a temporary directory.
fn initialized() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = milepost(dir.path()).args(["init"]).run().parts();
    assert_eq!(code, 0, "{err}");
    dir
}

#[test]
fn the_example_and_init_output_validate_against_the_schema() {
    if !python_validator() {
        return;
    }
    let example = yaml_files(Path::new(EXAMPLE));
    assert_eq!(example.len(), 10);
    let init = initialized();
    let scaffold = yaml_files(init.path());
    assert_eq!(scaffold.len(), 4);
    let files: Vec<PathBuf> = example.into_iter().chain(scaffold).collect();
    assert_eq!(schema_errors(&[], &files), Vec::<String>::new());
    let configs = [
        Path::new(EXAMPLE).join("milepost.toml"),
        init.path().join("milepost.toml"),
    ];
    assert_eq!(schema_errors(&["--toml"], &configs), Vec::<String>::new());
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    if !python_validator() {
        return;
    }
    let p = TestProgram::simple()
        .file("a.yaml", "sites:\n  - id: dfw1\n    colour: red\n")
        .file(
            "b.yaml",
            "clusters:\n  - {id: c1, site: dfw1, lifecycle: live}\n",
        )
        .file("c.yaml", "milestones:\n  - {id: Bad_Id}\n")
        .file(
            "d.yaml",
            "milestones:\n  - {id: x, depends_on: [{id: y, type: XS}]}\n",
        )
        .file("e.yaml", "milestone:\n  - {id: x}\n")
        .file(
            "ok.yaml",
            "milestones:\n  - {id: y}\n  - {id: x, depends_on: [y, {id: y, type: ss, lag: -2}], due: 2027-01-04}\n",
        );
    let files: Vec<PathBuf> = ["a", "b", "c", "d", "e", "ok"]
        .iter()
        .map(|n| p.path().join(format!("{n}.yaml")))
        .collect();
    let errors = schema_errors(&[], &files);
    for (file, what) in [
        ("a.yaml", "'colour' was unexpected"),
        ("b.yaml", "/clusters/0/lifecycle: 'live'"),
        ("c.yaml", "does not match"),
        ("d.yaml", "/milestones/0/depends_on/0"),
        ("e.yaml", "'milestone' was unexpected"),
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(&format!("{file}:")) && e.contains(what)),
            "{file}: no error with {what:?} in {errors:#?}"
        );
    }
    assert!(!errors.iter().any(|e| e.contains("ok.yaml")), "{errors:#?}");
    // The loader agrees: each bad file is an error there too.
    let (code, _, err) = milepost(p.path()).args(["validate"]).run().parts();
    assert_eq!(code, 2);
    for what in [
        "unknown key `colour`",
        "`live`",
        "Bad_Id",
        "XS",
        "unknown key `milestone`",
    ] {
        assert!(err.contains(what), "{what}: {err}");
    }
}

#[test]
fn the_example_carries_modelines_and_current_schemas() {
    let root = Path::new(EXAMPLE);
    for file in yaml_files(root) {
        let rel = file.strip_prefix(root).unwrap();
        let up = "../".repeat(rel.components().count() - 1);
        let first = std::fs::read_to_string(&file).unwrap();
        let first = first.lines().next().unwrap_or("");
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={up}.milepost/schema.json"),
            "{}",
            rel.display()
        );
    }
    for (file, args) in [
        ("schema.json", &["schema"][..]),
        ("milepost.toml.schema.json", &["schema", "--toml"][..]),
    ] {
        let committed = std::fs::read_to_string(root.join(".milepost").join(file)).unwrap();
        let (_, current, _) = milepost(root).args(args).run().parts();
        assert!(
            committed == current,
            "examples/gpu-buildout/.milepost/{file} is stale: regenerate it with `milepost {}`",
            args.join(" ")
        );
    }
}

#[test]
fn init_then_validate_then_status_in_an_empty_directory() {
    let dir = initialized();
    let (code, out, err) = milepost(dir.path()).args(["validate"]).run().parts();
    assert_eq!((code, err.as_str()), (0, ""), "{err}");
    assert_eq!(
        out,
        "valid: 1 site, 1 cluster, 1 vendor, 5 milestones, 0 risks\n"
    );
    let (code, out, err) = milepost(dir.path()).args(["status"]).run().parts();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("dc1-gpu1-handover"), "{out}");
    assert!(out.contains("5 milestones"), "{out}");
    let toml = std::fs::read_to_string(dir.path().join("milepost.toml")).unwrap();
    assert!(toml.contains("start = 2027-01-04"), "{toml}");
    let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/reports/"), "{ignore}");
    let schema = std::fs::read_to_string(dir.path().join(".milepost/schema.json")).unwrap();
    assert_eq!(schema, milepost(dir.path()).args(["schema"]).run().stdout);
}

#[test]
fn init_makes_a_named_directory() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = milepost(dir.path())
        .args(["init", "q3/new-program"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cd q3/new-program"), "{err}");
    let toml = std::fs::read_to_string(dir.path().join("q3/new-program/milepost.toml")).unwrap();
    assert!(toml.contains("name = \"new-program\""), "{toml}");
    let (code, _, err) = milepost(dir.path())
        .args(["-C", "q3/new-program", "validate"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
}

/// Every file below `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push((path.clone(), Vec::new()));
            out.extend(snapshot(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path, bytes));
        }
    }
    out.sort();
    out
}

#[test]
fn init_refuses_to_overwrite_and_force_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("milepost.toml"), "# mine\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "/target").unwrap();
    let before = snapshot(dir.path());
    let (code, out, err) = milepost(dir.path()).args(["init"]).run().parts();
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("not overwriting existing files") && err.contains("milepost.toml"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(snapshot(dir.path()), before, "init changed files");

    let (code, _, err) = milepost(dir.path()).args(["init", "--force"]).run().parts();
    assert_eq!(code, 0, "{err}");
    let toml = std::fs::read_to_string(dir.path().join("milepost.toml")).unwrap();
    assert!(toml.contains("[program]"), "{toml}");
    // The existing .gitignore keeps its lines and gains the entry once.
    milepost(dir.path()).args(["init", "--force"]).run().parts();
    let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert_eq!(
        ignore,
        "/target\n# milepost: generated reports\n/reports/\n"
    );
    assert_eq!(milepost(dir.path()).args(["validate"]).run().code, 0);
    // No temporary file is left behind.
    assert!(
        !snapshot(dir.path())
            .iter()
            .any(|(p, _)| p.to_string_lossy().contains("init-tmp"))
    );
}

#[test]
fn init_refuses_a_file_as_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan"), "").unwrap();
    let (code, _, err) = milepost(dir.path()).args(["init", "plan"]).run().parts();
    assert_eq!(code, 2);
    assert!(err.contains("not a directory"), "{err}");
}

#[test]
fn completion_scripts_load_in_bash() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = milepost(dir.path())
            .args(["completions", shell])
            .run()
            .parts();
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("milepost"), "{shell}");
    }
    let script = dir.path().join("milepost.bash");
    std::fs::write(
        &script,
        milepost(dir.path())
            .args(["completions", "bash"])
            .run()
            .stdout,
    )
    .unwrap();
    // Source it, then complete `milepost stat` and `milepost status --format `.
    let complete = |line: &str| {
        let out = Process::new("bash")
            .arg("-c")
            .arg(format!(
                "set -e; source '{}'; complete -p milepost; COMP_LINE='{line}'; \
                 read -ra COMP_WORDS <<< \"$COMP_LINE\"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); \
                 COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_POINT=${{#COMP_LINE}}; \
                 _milepost milepost \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; echo \"${{COMPREPLY[*]}}\"",
                script.display()
            ))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success() && err.is_empty(), "{line}: {err}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = complete("milepost stat");
    assert!(out.contains("-F _milepost"), "{out}");
    assert!(out.trim_end().ends_with("status"), "{out}");
    let out = complete("milepost status --format ");
    assert!(out.trim_end().ends_with("table json markdown csv"), "{out}");
}

#[test]
fn man_page_is_roff() {
    let dir = tempfile::tempdir().unwrap();
    let (code, page, _) = milepost(dir.path()).args(["man"]).run().parts();
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie \\n(.g"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(page.contains(".TH milepost 1"), "no title header");
    assert!(page.contains("completions"));
    let (code, _, err) = milepost(dir.path())
        .args(["man", "--dir", "."])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("milepost.1").is_file());
    assert!(dir.path().join("milepost-status.1").is_file());
}

fn csv_program() -> TestProgram {
    TestProgram::simple()
        .file("sites.yaml", "sites:\n  - {id: dfw1}\n")
        .file(
            "c.yaml",
            "clusters:\n  - {id: a, site: dfw1, gpus: 8}\n  - {id: b, site: dfw1}\nmilestones:\n  - {id: po, name: \"PO, signed\", cluster: a, duration: 3}\n  - {id: rack, name: Rack \"A\", cluster: a, duration: 2, depends_on: [po], due: 2026-10-30}\n  - {id: b-po, cluster: b}\n",
        )
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

#[test]
fn status_csv_has_every_json_field() {
    let p = csv_program();
    let (code, out, err) = milepost(p.path())
        .args(["status", "--format", "csv"])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(",\"PO, signed\","), "{out}");
    assert!(out.contains(",\"Rack \"\"A\"\"\","), "{out}");
    let (headers, rows) = parse_csv(&out);
    let (_, json, _) = milepost(p.path())
        .args(["status", "--format", "json"])
        .run()
        .parts();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = json["milestones"][0].as_object().unwrap();
    // Every JSON field, in order; the commitment object spreads over three columns.
    let spread: Vec<String> = first
        .keys()
        .flat_map(|k| match k.as_str() {
            "commitment" => ["kind", "id", "date"]
                .map(|f| format!("commitment_{f}"))
                .to_vec(),
            _ => vec![k.clone()],
        })
        .collect();
    assert_eq!(headers, spread);
    assert_eq!(rows.len(), json["milestones"].as_array().unwrap().len());
    let po = rows.iter().find(|r| r[0] == "po").unwrap();
    assert_eq!(po[1], "PO, signed");
    for (i, h) in headers.iter().enumerate() {
        let value = match h.strip_prefix("commitment_") {
            Some(field @ ("kind" | "id" | "date")) => &json["milestones"][1]["commitment"][field],
            _ => &json["milestones"][1][h],
        };
        let expected = match value {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        assert_eq!(rows[1][i], expected, "{h}");
    }
    // A filter that matches nothing still writes the header.
    let (_, out, _) = milepost(p.path())
        .args(["status", "--format", "csv", "--stale"])
        .run()
        .parts();
    assert_eq!(parse_csv(&out), (headers, vec![]));
}

#[test]
fn clusters_and_critical_csv_and_show_rejects_it() {
    let p = csv_program();
    let (code, out, _) = milepost(p.path())
        .args(["clusters", "--format", "csv"])
        .run()
        .parts();
    assert_eq!(code, 0);
    let (headers, rows) = parse_csv(&out);
    assert_eq!(headers[0], "id");
    assert_eq!(rows.len(), 2);
    let (code, out, _) = milepost(p.path())
        .args(["critical", "--format", "csv"])
        .run()
        .parts();
    assert_eq!(code, 0);
    assert_eq!(parse_csv(&out).0[..2], ["#".to_string(), "id".to_string()]);
    let (code, out, err) = milepost(p.path())
        .args(["show", "po", "--format", "csv"])
        .run()
        .parts();
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("invalid value 'csv'") && err.contains("table, json, markdown"),
        "{err}"
    );
}

#[test]
fn no_arguments_print_a_guide() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = milepost(dir.path()).run().parts();
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("milepost init"), "{out}");
    assert!(out.contains("milepost status"), "{out}");
    for sub in ["init", "schema", "completions", "man", "status", "clusters"] {
        let (code, help, _) = milepost(dir.path()).args([sub, "--help"]).run().parts();
        assert_eq!(code, 0);
        assert!(help.contains("Examples:\n  milepost "), "{sub}: {help}");
    }
}
