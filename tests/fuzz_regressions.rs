//! Inputs the fuzzers found (fuzz/, docs/reliability.md), kept as regression tests:
//! each file in tests/fuzz-regressions/TARGET/ goes through the same pipeline as its
//! fuzz target and must end in a valid program or in errors — never a panic — and
//! fast. Every file also runs through the CLI, which must exit 0 or 2.
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Milepost;
use milepost::analysis::Plan;
use milepost::render::Format;
use milepost::source::Memory;
// The fixed program around the fuzzed file, as in the fuzz targets.
use milepost::testkit::fuzz::{CONFIG, PLAN, SITES, today};

const TIME_BOUND: Duration = Duration::from_secs(2);

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

/// The library pipeline: load, validate, render the diagnostics, schedule, render.
fn pipeline(source: &Memory) -> bool {
    let loaded = milepost::load::load(source).expect("a Memory source loads");
    let files = loaded.files.clone();
    let validated = milepost::validate::validate(loaded, today());
    let text = milepost::cli::diagnostics::render(&validated.diags, &files, false, 100);
    let errors = validated.diags.iter().any(|d| d.is_error());
    assert_eq!(errors, text.contains("the program is invalid"));
    let Some(program) = validated.program else {
        assert!(errors, "no program and no error");
        return false;
    };
    if let Ok(plan) = Plan::new(program, today()) {
        let all: Vec<usize> = plan.in_order().collect();
        let view = milepost::analysis::status::StatusView::new(&plan, &all, None);
        let style = milepost::render::table::Style::default();
        for format in [Format::Json, Format::Table, Format::Markdown, Format::Csv] {
            let _ = milepost::render::view::to_string(&view, format, style);
        }
        let _ = milepost::render::ics::render(&plan, &all);
        let _ = milepost::render::dot::render(&plan, &all);
    }
    true
}

/// The CLI on the same program: exit 0 or 2, never a crash.
fn cli(config: &[u8], sites: &[u8], plan: &[u8]) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("milepost.toml"), config).expect("write");
    std::fs::write(dir.path().join("sites.yaml"), sites).expect("write");
    std::fs::write(dir.path().join("plan.yaml"), plan).expect("write");
    let out = Milepost::new()
        .dir(dir.path())
        .today("2026-11-16")
        .args(["status", "--format", "json"])
        .run();
    let code = out.code;
    assert!(matches!(code, 0 | 2), "exit {code:?}: {}", out.stderr);
}

fn run(target: &str, make: impl Fn(&[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>)) -> usize {
    let files = inputs(target);
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let (config, sites, plan) = make(&bytes);
        let source = Memory::new()
            .with("milepost.toml", config.clone())
            .with("sites.yaml", sites.clone())
            .with("plan.yaml", plan.clone());
        let started = Instant::now();
        pipeline(&source);
        assert!(
            started.elapsed() < TIME_BOUND,
            "{}: too slow",
            path.display()
        );
        cli(&config, &sites, &plan);
    }
    files.len()
}

#[test]
fn program_files_the_yaml_fuzzer_found() {
    run("yaml_file", |bytes| {
        (CONFIG.into(), SITES.into(), bytes.to_vec())
    });
}

#[test]
fn configs_the_toml_fuzzer_found() {
    run("config_toml", |bytes| {
        (bytes.to_vec(), SITES.into(), PLAN.into())
    });
}

#[test]
fn the_fixed_program_is_valid() {
    let source = Memory::new()
        .with("milepost.toml", CONFIG)
        .with("sites.yaml", SITES)
        .with("plan.yaml", PLAN);
    assert!(
        pipeline(&source),
        "the program around the fuzzed files must be valid"
    );
}
