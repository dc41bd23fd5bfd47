//! The layering rules of docs/architecture.md, checked on the source text: no module of
//! `src/` imports from a layer above its own, the vocabulary is defined once (in
//! `src/model/vocab.rs`), and commands do not hand-roll their output format.
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use its own layer and any layer below it.
const LAYERS: &[&[&str]] = &[
    &["limits"],
    &["diag"],
    &["calendar"],
    &["model"],
    &["source", "write"],
    &["load"],
    &["edit"],
    &["validate"],
    &["schedule"],
    &["analysis"],
    &["render"],
    &["cli"],
    &["testkit"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file but the crate root, with the code before its test module.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "lib.rs" || rel == "main.rs" || rel.ends_with("/tests.rs") {
                return None;
            }
            let text = fs::read_to_string(&path).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            Some((rel, code))
        })
        .collect()
}

/// The top-level module a file belongs to: `load` for `load/yaml.rs`, `diag` for `diag.rs`.
fn module_of(rel: &str) -> &str {
    rel.split('/').next().unwrap().trim_end_matches(".rs")
}

/// Every `crate::X` the code names (in `use` lines and in paths).
fn crate_refs(code: &str) -> Vec<(usize, String)> {
    let mut refs = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            refs.push((n + 1, name));
        }
    }
    refs
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let mut violations = Vec::new();
    for (rel, code) in sources() {
        let own = layer_of(module_of(&rel))
            .unwrap_or_else(|| panic!("src/{rel}: its module is in no layer of LAYERS"));
        for (line, target) in crate_refs(&code) {
            let Some(theirs) = layer_of(&target) else {
                continue;
            };
            if theirs > own {
                violations.push(format!("src/{rel}:{line}: uses crate::{target}"));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports from a layer above:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_vocabulary_enum_is_defined_once_outside_load() {
    let names = [
        "Status",
        "Kind",
        "Lifecycle",
        "Category",
        "RiskStatus",
        "Relation",
        "Health",
        "FailOn",
        "Rag",
        "ChangeKind",
        "CommitmentKind",
        "LintCheck",
        "LintStatus",
    ];
    for name in names {
        let defined: Vec<String> = sources()
            .into_iter()
            .filter(|(_, code)| code.contains(&format!("enum {name} ")))
            .map(|(rel, _)| rel)
            .collect();
        assert_eq!(defined, ["model/vocab.rs"], "where `{name}` is defined");
    }
}

#[test]
fn commands_do_not_match_on_the_output_format() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(rel, code)| rel.starts_with("cli/") && code.contains("match args.format"))
        .map(|(rel, _)| rel)
        .collect();
    assert!(
        offenders.is_empty(),
        "render through render::emit instead: {offenders:?}"
    );
}

/// The names a `use crate::analysis::…` line brings in (`Plan`, `status`, `late`).
fn analysis_imports(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in code.lines() {
        let Some(rest) = line.trim().strip_prefix("use crate::analysis") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let list = match (rest.find('{'), rest.rfind('}')) {
            (Some(a), Some(b)) => &rest[a + 1..b],
            _ => rest.rsplit("::").next().unwrap_or(""),
        };
        names.extend(list.split(',').map(|n| n.trim().to_string()));
    }
    names
}

#[test]
fn renderers_only_format_they_call_no_analysis() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis");
    let modules: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".rs").to_string()
        })
        .collect();
    let mut calls = Vec::new();
    for (rel, code) in sources() {
        if !rel.starts_with("render/") {
            continue;
        }
        for name in analysis_imports(&code) {
            // Types and constants are data; a lowercase name is a function.
            let is_function = name.starts_with(|c: char| c.is_ascii_lowercase())
                && name != "self"
                && !modules.contains(&name);
            if is_function {
                calls.push(format!("src/{rel}: imports analysis function `{name}`"));
            }
        }
        for (n, line) in code.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("crate::analysis::") {
                rest = &rest[at + "crate::analysis::".len()..];
                let path: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let called = rest[path.len()..].starts_with('(');
                let last = path.rsplit("::").next().unwrap_or("");
                if called && last.starts_with(|c: char| c.is_ascii_lowercase()) {
                    calls.push(format!(
                        "src/{rel}:{}: calls crate::analysis::{path}",
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(calls.is_empty(), "{}", calls.join("\n"));
}

#[test]
fn there_is_one_yaml_reader() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/load");
    assert!(!src.join("fast.rs").exists() && !src.join("fast").exists());
}
