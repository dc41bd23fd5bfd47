//! Every output sample in README.md and docs/ is produced by milepost: a fenced `text`
//! or `markdown` block that starts with `$ milepost …` is run and its output compared
//! with the block (a line `…` alone skips any lines); a ` ```json ` block after
//! `<!-- shape: milepost ARGS -->` names only keys the real output has, and after
//! `<!-- output: milepost ARGS -->` is the output; and a block
//! that looks like output but is neither fails the test, so samples cannot drift.
//!
//! Samples run in the repository root (the example program, with `--today` on the
//! command line) unless `<!-- scenario: NAME -->` before them names a git scenario:
//! `week-50` (the review fixture: a feature branch pushed to a bare origin, run in its
//! `program/` with today 2026-10-05) or `week-50-shallow` (a single-branch shallow clone
//! of that branch).
mod common;

#[path = "review/fixture.rs"]
mod fixture;

#[path = "docs/samples.rs"]
mod samples;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::Milepost;
use samples::{Found, Sample, Shape, matches, scan};

fn docs() -> Found {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut in_docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    in_docs.sort();
    files.extend(in_docs);
    let mut found = Found::default();
    for path in files {
        let rel = path.strip_prefix(root).unwrap().display().to_string();
        if rel.contains("CHANGELOG") {
            continue;
        }
        scan(&rel, &std::fs::read_to_string(&path).unwrap(), &mut found);
    }
    found
}

/// The scenarios' directories, built once per test.
struct Scenarios {
    remote: fixture::Remote,
    shallow: (tempfile::TempDir, PathBuf),
}

impl Scenarios {
    fn new() -> Scenarios {
        let remote = fixture::Remote::with_pushed_branch();
        let shallow = remote.shallow_clone("week-50");
        Scenarios { remote, shallow }
    }

    fn milepost(&self, name: &str) -> Milepost {
        match name {
            "example" => Milepost::new().dir(env!("CARGO_MANIFEST_DIR")),
            "week-50" => fixture::milepost_in(self.remote.work.path()),
            "week-50-shallow" => fixture::milepost_in(&self.shallow.1),
            other => match other.strip_prefix("program ") {
                // A program shown in the doc, kept in tests/docs/programs/NAME.
                Some(name) => Milepost::new().dir(
                    Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("tests/docs/programs")
                        .join(name),
                ),
                None => panic!("unknown scenario `{other}`"),
            },
        }
    }
}

fn run(scenarios: &Scenarios, scenario: &str, args: &[String]) -> (i32, String, String) {
    scenarios.milepost(scenario).args(args).run().parts()
}

fn check_sample(scenarios: &Scenarios, s: &Sample) -> Option<String> {
    let (code, out, err) = run(scenarios, &s.scenario, &s.args);
    let shown = if s.stderr { err + &out } else { out };
    let actual: Vec<&str> = shown.lines().collect();
    if s.code.is_some_and(|c| c != code) {
        return Some(format!(
            "{}:{}: `milepost {}` exits {code}, the doc says {:?}",
            s.file,
            s.line,
            s.args.join(" "),
            s.code
        ));
    }
    if matches(&s.expected, &actual) {
        return None;
    }
    if std::env::var_os("DOCS_UPDATE").is_some() {
        update(s, &actual);
    }
    Some({
        format!(
            "{}:{}: `milepost {}` printed:\n{shown}\nthe doc shows:\n{}\n",
            s.file,
            s.line,
            s.args.join(" "),
            s.expected.join("\n")
        )
    })
}

/// Replaces the sample's output in its file with `actual` (`DOCS_UPDATE=1`; review
/// the change, and abbreviate long samples again with `…`).
fn update(s: &Sample, actual: &[&str]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&s.file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Earlier samples of the same file may have changed its length: find the command.
    let command = format!("$ milepost {}", s.args.join(" "));
    let Some(at) = lines.iter().position(|l| l.starts_with(&command)) else {
        return;
    };
    let end = (at + 1..lines.len())
        .find(|&j| lines[j].starts_with("```"))
        .unwrap_or(lines.len());
    lines.splice(at + 1..end, actual.iter().map(|l| l.trim_end().to_string()));
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

/// Every key of a JSON value, at any depth.
fn keys(v: &serde_json::Value, into: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                into.insert(k.clone());
                keys(v, into);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

/// The `"key":` names written in a shape block.
fn documented_keys(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (n, _) in text.match_indices("\":") {
        if let Some(open) = text[..n].rfind('"') {
            out.insert(text[open + 1..n].to_string());
        }
    }
    out
}

fn check_shape(scenarios: &Scenarios, s: &Shape) -> Option<String> {
    let (_, out, err) = run(scenarios, &s.scenario, &s.args);
    let v: serde_json::Value = match serde_json::from_str(&out) {
        Ok(v) => v,
        Err(e) => return Some(format!("{}:{}: not JSON ({e}): {out}{err}", s.file, s.line)),
    };
    if s.exact {
        let doc: Result<serde_json::Value, _> = serde_json::from_str(&s.text);
        return (doc.as_ref().ok() != Some(&v)).then(|| {
            format!(
                "{}:{}: `milepost {}` printed:\n{out}\nthe doc shows:\n{}",
                s.file,
                s.line,
                s.args.join(" "),
                s.text
            )
        });
    }
    let missing: Vec<String> = match serde_json::from_str::<serde_json::Value>(&s.text) {
        // A block that parses is compared path by path.
        Ok(doc) => {
            let mut out = Vec::new();
            missing_paths(&doc, &v, "", &mut out);
            out
        }
        // One with `…` lines names keys that must exist somewhere.
        Err(_) => {
            let mut real = BTreeSet::new();
            keys(&v, &mut real);
            documented_keys(&s.text)
                .difference(&real)
                .cloned()
                .collect()
        }
    };
    (!missing.is_empty()).then(|| {
        format!(
            "{}:{}: `milepost {}` has no {missing:?}",
            s.file,
            s.line,
            s.args.join(" ")
        )
    })
}

/// The paths of `doc`'s keys that `real` lacks. An array element of the doc is compared
/// with the real element it fits best; below an empty real array nothing is checked.
fn missing_paths(
    doc: &serde_json::Value,
    real: &serde_json::Value,
    at: &str,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    match (doc, real) {
        (Value::Object(d), Value::Object(r)) => {
            for (k, dv) in d {
                let path = format!("{at}.{k}");
                match r.get(k) {
                    Some(rv) => missing_paths(dv, rv, &path, out),
                    None => out.push(path),
                }
            }
        }
        (Value::Array(d), Value::Array(r)) => {
            for dv in d {
                let best = r
                    .iter()
                    .map(|rv| {
                        let mut m = Vec::new();
                        missing_paths(dv, rv, &format!("{at}[]"), &mut m);
                        m
                    })
                    .min_by_key(Vec::len);
                out.extend(best.unwrap_or_default());
            }
        }
        (Value::Object(_), _) | (Value::Array(_), _) if !real.is_null() => {
            out.push(format!("{at} (not the same kind of value)"));
        }
        _ => {}
    }
}

#[test]
fn every_output_sample_in_the_docs_is_what_milepost_prints() {
    let found = docs();
    assert!(found.samples.len() >= 15, "{} samples", found.samples.len());
    let scenarios = Scenarios::new();
    let wrong: Vec<String> = found
        .samples
        .iter()
        .filter_map(|s| check_sample(&scenarios, s))
        .chain(
            found
                .shapes
                .iter()
                .filter_map(|s| check_shape(&scenarios, s)),
        )
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_block_that_looks_like_output_is_a_checked_sample() {
    let unchecked: Vec<String> = docs()
        .unchecked
        .iter()
        .map(|u| format!("{}:{}: {}", u.file, u.line, u.first))
        .collect();
    assert!(
        unchecked.is_empty(),
        "start these blocks with `$ milepost …` (or mark a non-output block \
         `<!-- not-output -->`):\n{}",
        unchecked.join("\n")
    );
}
