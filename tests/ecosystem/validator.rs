//! The independent check of `milepost schema`: Python's jsonschema (Draft 7) run on
//! YAML and TOML files, skipped with a reason where Python or the packages are missing.
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use super::milepost;

/// Validates YAML (or, with `toml`, TOML) files against a schema with Python's
/// jsonschema. PyYAML is told not to read dates as timestamps: in YAML 1.2, as editors
/// read it, `2026-10-05` is a string. TOML dates become strings, as TOML tools pass them.
const VALIDATE_PY: &str = r#"
import datetime, json, sys, jsonschema, yaml
class Loader(yaml.SafeLoader): pass
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
def strings(x):
    if isinstance(x, dict): return {k: strings(v) for k, v in x.items()}
    if isinstance(x, list): return [strings(v) for v in x]
    if isinstance(x, (datetime.date, datetime.datetime)): return x.isoformat()
    return x
mode, schema = sys.argv[1], json.load(open(sys.argv[2]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
for path in sys.argv[3:]:
    if mode == "toml":
        import tomllib
        doc = strings(tomllib.load(open(path, "rb")))
    else:
        doc = yaml.load(open(path), Loader=Loader)
    for e in validator.iter_errors(doc):
        print(f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}")
"#;

/// Whether Python with jsonschema and PyYAML is here; says why a test skips if not.
pub fn python_validator() -> bool {
    let ok = Process::new("python3")
        .args(["-c", "import jsonschema, yaml, tomllib"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "skipped: python3 with jsonschema, pyyaml and tomllib is not available \
             (python3 -m pip install jsonschema pyyaml)"
        );
    }
    ok
}

/// The schema (`milepost schema`, with `extra` args) validation errors of `files`.
pub fn schema_errors(extra: &[&str], files: &[PathBuf]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["schema"];
    args.extend(extra);
    let (code, schema, err) = milepost(dir.path()).args(&args).run().parts();
    assert_eq!(code, 0, "{err}");
    let schema_path = dir.path().join("schema.json");
    std::fs::write(&schema_path, schema).unwrap();
    let mode = if extra.contains(&"--toml") {
        "toml"
    } else {
        "yaml"
    };
    let out = Process::new("python3")
        .args(["-c", VALIDATE_PY, mode])
        .arg(&schema_path)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "validator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every `*.yaml` file below `dir`, hidden ones included.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    out.sort();
    out
}
