//! Finding the output samples in a markdown file: fenced `text` or `markdown` blocks
//! whose first line is `$ milepost …` (what a terminal shows: stderr, then stdout;
//! only stdout when the command ends `2>/dev/null`; `$ echo $?` and a number at the end check
//! the exit status), the scenario they run in
//! (`<!-- scenario: NAME -->` on a line before the block; it applies to the next
//! sample only), and the shape blocks
//! (` ```json ` after `<!-- shape: milepost ARGS -->`).

/// One sample: the command, the output the doc shows, and where it is.
#[derive(Debug)]
pub struct Sample {
    pub file: String,
    pub line: usize,
    pub scenario: String,
    /// The words after `$ milepost` (without `2>/dev/null`).
    pub args: Vec<String>,
    /// Whether stderr is shown too, before stdout (unless the command ends `2>/dev/null`).
    pub stderr: bool,
    pub expected: Vec<String>,
    /// The exit status the doc shows (`$ echo $?` and a number at the end).
    pub code: Option<i32>,
}

/// A JSON block documenting the shape of a command's output.
#[derive(Debug)]
pub struct Shape {
    /// `<!-- output: … -->`: the block is the whole output, not only its shape.
    pub exact: bool,
    pub file: String,
    pub line: usize,
    pub scenario: String,
    pub args: Vec<String>,
    pub text: String,
}

/// A fenced block that looks like output but is not a checked sample.
#[derive(Debug)]
pub struct Unchecked {
    pub file: String,
    pub line: usize,
    pub first: String,
}

#[derive(Default)]
pub struct Found {
    pub samples: Vec<Sample>,
    pub shapes: Vec<Shape>,
    pub unchecked: Vec<Unchecked>,
}

/// Splits a command line into words (double and single quotes group).
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

fn marker<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    line.trim()
        .strip_prefix("<!-- ")?
        .strip_suffix(" -->")?
        .strip_prefix(name)?
        .strip_prefix(':')
        .map(str::trim)
}

/// Every sample, shape and unchecked output-like block of one file.
pub fn scan(file: &str, text: &str, found: &mut Found) {
    let lines: Vec<&str> = text.lines().collect();
    let mut scenario = "example".to_string();
    let mut shape: Option<(bool, String)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(name) = marker(line, "scenario") {
            scenario = name.to_string();
        }
        if let Some(cmd) = marker(line, "shape") {
            shape = Some((false, cmd.to_string()));
        }
        if let Some(cmd) = marker(line, "output") {
            shape = Some((true, cmd.to_string()));
        }
        let Some(lang) = line.strip_prefix("```") else {
            i += 1;
            continue;
        };
        let start = i;
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].starts_with("```"))
            .unwrap_or(lines.len());
        let body: Vec<&str> = lines[i + 1..end].to_vec();
        let first = body.first().copied().unwrap_or("");
        match lang.trim() {
            "text" | "markdown" if first.starts_with("$ milepost") => {
                let mut args = words(&first["$ milepost".len()..]);
                let stderr = args.last().is_none_or(|a| a != "2>/dev/null");
                if !stderr {
                    args.pop();
                }
                let mut expected: Vec<String> = body[1..].iter().map(|s| s.to_string()).collect();
                let code = exit_code(&mut expected);
                let scenario = std::mem::replace(&mut scenario, "example".to_string());
                found.samples.push(Sample {
                    file: file.to_string(),
                    line: start + 2,
                    scenario,
                    args,
                    stderr,
                    expected,
                    code,
                });
            }
            "json" if shape.is_some() => {
                let (exact, cmd) = shape.take().unwrap_or_default();
                let scenario = std::mem::replace(&mut scenario, "example".to_string());
                found.shapes.push(Shape {
                    exact,
                    file: file.to_string(),
                    line: start + 1,
                    scenario,
                    args: words(cmd.strip_prefix("milepost").unwrap_or(&cmd)),
                    text: body.join("\n"),
                });
            }
            "json" if !marked_not_output(&lines, start) => {
                found.unchecked.push(Unchecked {
                    file: file.to_string(),
                    line: start + 1,
                    first: format!("a JSON block without `<!-- shape: milepost … -->`: {first}"),
                });
            }
            // A synopsis (`milepost status [--format …]`) or an explicitly untested
            // block (`<!-- not-output -->` before it) is not output.
            "text" | "markdown" if !(is_synopsis(first) || marked_not_output(&lines, start)) => {
                found.unchecked.push(Unchecked {
                    file: file.to_string(),
                    line: start + 1,
                    first: first.to_string(),
                });
            }
            _ => {}
        }
        shape = None;
        i = end + 1;
    }
}

/// `milepost status [--format …]`, or an empty block.
fn is_synopsis(first: &str) -> bool {
    first.starts_with("milepost ") || first.is_empty()
}

/// `<!-- not-output -->` (with an optional reason) on the line before the block.
fn marked_not_output(lines: &[&str], start: usize) -> bool {
    start > 0 && lines[start - 1].contains("<!-- not-output")
}

/// Takes a trailing `$ echo $?` and its number off the expected output.
fn exit_code(expected: &mut Vec<String>) -> Option<i32> {
    let n = expected.len();
    if n < 2 || expected[n - 2] != "$ echo $?" {
        return None;
    }
    let code = expected[n - 1].trim().parse().ok()?;
    expected.truncate(n - 2);
    Some(code)
}

/// Whether `actual` matches `expected`, where a line `…` alone stands for any number
/// of lines; trailing spaces do not count.
pub fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "…" => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| a.trim_end() == e.trim_end() && matches(rest, more)),
    }
}

#[test]
fn a_wildcard_line_stands_for_any_lines() {
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a", "…", "d"]), &["a", "d"]));
    assert!(!matches(&e(&["a", "d"]), &["a", "b", "d"]));
    assert_eq!(words(r#"a "b c" 'd'"#), ["a", "b c", "d"]);
}
