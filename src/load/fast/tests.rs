//! The fast reader against saphyr-parser: on every text it accepts, the same tree.
use proptest::prelude::*;

use super::parse;
use crate::limits::Limits;
use crate::load::yaml::{Node, parse_full};

/// Whether the fast reader took `text`; when it did, its tree is saphyr's.
fn agrees(text: &str) -> Result<bool, String> {
    let Some(fast) = parse(text, &Limits::DEFAULT) else {
        return Ok(false);
    };
    match parse_full(text, &Limits::DEFAULT) {
        Ok((full, false)) if full == fast => Ok(true),
        Ok((full, _)) => Err(format!(
            "on {text:?}\nfast and saphyr differ at {}",
            first_difference(&fast, &full)
        )),
        Err(e) => Err(format!("on {text:?}\nsaphyr refuses: {}", e.message)),
    }
}

/// The first node where two trees differ, both ways.
fn first_difference(a: &Node, b: &Node) -> String {
    use crate::load::yaml::NodeKind::{Map, Seq};
    let children = |n: &Node| -> Vec<Node> {
        match &n.kind {
            Seq(items) => items.clone(),
            Map(entries) => entries
                .iter()
                .flat_map(|(k, v)| [k.clone(), v.clone()])
                .collect(),
            _ => Vec::new(),
        }
    };
    let (ca, cb) = (children(a), children(b));
    if let Some((x, y)) = ca.iter().zip(&cb).find(|(x, y)| x != y)
        && ca.len() == cb.len()
    {
        return first_difference(x, y);
    }
    let shallow = |n: &Node| match &n.kind {
        Seq(items) => format!("{:?} list of {}", n.span, items.len()),
        Map(entries) => format!("{:?} mapping of {}", n.span, entries.len()),
        other => format!("{:?} {other:?}", n.span),
    };
    format!("fast {} / saphyr {}", shallow(a), shallow(b))
}

fn accepted(text: &str) -> bool {
    agrees(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn reads_the_plain_subset_as_saphyr_does() {
    let texts = [
        "a: 1\nb:\n  - x\n  - \"y\"\n  - { id: m0, type: FF, lag: 0 }\n  - [p, q]\nc: hello world  # c\nd:\ne: 'it''s'\n",
        "# head\nmilestones:\n- id: m0\n  name: x y   \n  depends_on:\n    - a\n    # c\n\n    - [ b ,c ]\n  note:   # hi\n\n# tail\nsites: []\nz: {}\nw:\n",
        "m:\n- a: 1\n  b: 2\n- a: 3\n  # x\n- c\nn: 1",
        "a: 1\n# c",
        "a:\n  - x\n  -   y\n    # deep\n# shallow\nb: [ ]\nc: { }\nd: -5\ne: x:y\nf: a#b\ng: \"a b\" # c\nh: O'Brien, TX\n",
        "x: a [b] {c}\n",
        "x: [a b, c , \"d\", 'e']\ny: { id: m 1 , type: x}\n",
        "g: \"a\"   \nh: 'b'  # c\n",
        "x: [\"d\" , 'e' ]\ny: { a: \"q\" , b: 'r' }\n",
        "a: \"x\"",
        "x: [a]  # c\ny: {b: 1}   \nz: [ ]\n",
        "a: 1\n\n\n   ",
        "- a\n- b: 1\n  c: ~\n- null\n",
        "k: 'a\\b'\nnull: x\n",
        "name: Zürich — phase 2 🚀\nk: [台北, 'é', \"ü x\" ]  # ç\nm: { a: 東京 }\nz: ok\n",
        "# Ünïcödé comment\nl:\n  - São Paulo\n  - \u{a0}nbsp\u{3000}\n",
    ];
    for text in texts {
        assert!(accepted(text), "not taken: {text:?}");
    }
}

#[test]
fn leaves_the_rest_of_yaml_to_saphyr() {
    let texts = [
        "",
        "# only a comment\n",
        "a:\tb\n",
        "a: b\r\n",
        "é: 1\n",
        "a: b\u{85}c\n",
        "a: b\u{2028}c\n",
        "a: \u{feff}b\n",
        "---\na: 1\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 5\n",
        "a: |\n  text\n",
        "a: b\n  c\n",
        "a: \"x\\ty\"\n",
        "a: 'two\n  lines'\n",
        "a: b: c\n",
        "a: [1, [2]]\n",
        "a: [1, 2,]\n",
        "- - a\n",
        "-\n  a: 1\n",
        "? a\n: b\n",
        "a: 1\n  b: 2\n",
        "a: 1\n- b\n",
        "  a: 1\n",
        "a: [1,\n 2]\n",
        "plain text\n",
    ];
    for text in texts {
        assert!(!accepted(text), "taken: {text:?}");
    }
}

#[test]
fn respects_the_depth_and_length_limits() {
    let limits = Limits {
        depth: 2,
        string_length: 5,
        ..Limits::DEFAULT
    };
    assert!(parse("a:\n  b: 1\n", &limits).is_some());
    assert!(parse("a:\n  b: [1]\n", &limits).is_none());
    assert!(parse("a: 123456\n", &limits).is_none());
    assert!(parse("a: '123456'\n", &limits).is_none());
}

#[test]
fn reads_the_bundled_example_program() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/gpu-buildout");
    let mut stack = vec![std::path::PathBuf::from(dir)];
    let mut files = 0;
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(accepted(&text), "not taken: {}", path.display());
            files += 1;
        }
    }
    assert!(files > 5);
}

/// A value of the plain subset, to be written out in one of its styles.
#[derive(Clone, Debug)]
enum Value {
    Scalar(&'static str),
    Flow(Vec<&'static str>, bool),
    Map(Vec<(String, Value)>),
    List(Vec<Value>),
}

const SCALARS: &[&str] = &[
    "m0",
    "Work item 3 of cluster 7",
    "2026-03-02",
    "-5",
    "0",
    "null",
    "~",
    "a#b",
    "x:y",
    "O'Brien, TX",
    "a [b] {c}",
    "\"Phase 1: build\"",
    "'it''s'",
    "'a\\b'",
    "\"\"",
    "''",
    "https://x.example/a?b=c",
    "-x-",
    "Zürich — phase 2",
    "台北 🚀",
    "'é'",
    "\"ñ\"",
    "(tbd)",
    "true",
    "1.5e3",
    "",
];

const FLOW_SCALARS: &[&str] = &[
    "m0", "a b", "FF", "-1", "\"q r\"", "'s'", "~", "null", "x.y", "3", "é", "東京 x",
];

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        proptest::sample::select(SCALARS).prop_map(Value::Scalar),
        (
            proptest::collection::vec(proptest::sample::select(FLOW_SCALARS), 0..4),
            any::<bool>()
        )
            .prop_map(|(items, map)| Value::Flow(items, map)),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(("[a-z_][a-z0-9_.-]{0,6}", inner.clone()), 1..4)
                .prop_map(Value::Map),
            proptest::collection::vec(inner, 1..4).prop_map(Value::List),
        ]
    })
}

/// How to write a value out: the choices YAML leaves to the writer.
#[derive(Clone, Debug)]
struct Style {
    indent: usize,
    indentless: bool,
    comments: bool,
    blank_lines: bool,
    trailing: &'static str,
}

fn style() -> impl Strategy<Value = Style> {
    (
        1usize..4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(""), Just("  ")],
    )
        .prop_map(
            |(indent, indentless, comments, blank_lines, trailing)| Style {
                indent,
                indentless,
                comments,
                blank_lines,
                trailing,
            },
        )
}

fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Scalar(s) => Some((*s).to_string()),
        Value::Flow(items, false) => Some(format!("[{}]", items.join(", "))),
        Value::Flow(items, true) => Some(format!(
            "{{ {} }}",
            items
                .iter()
                .enumerate()
                .map(|(i, s)| format!("k{i}: {s}"))
                .collect::<Vec<_>>()
                .join(" , ")
        )),
        _ => None,
    }
}

/// Writes `v` as a block node whose lines start at column `col`.
fn write(v: &Value, col: usize, st: &Style, out: &mut String, first_inline: bool) {
    let pad = " ".repeat(col);
    let end = |out: &mut String, n: usize| {
        out.push_str(st.trailing);
        if st.comments && n.is_multiple_of(3) {
            out.push_str(" # note");
        }
        out.push('\n');
        if st.blank_lines && n % 4 == 1 {
            out.push_str(&format!("\n{pad}# between\n"));
        }
    };
    match v {
        Value::Map(entries) => {
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 || !first_inline {
                    out.push_str(&pad);
                }
                out.push_str(key);
                out.push(':');
                match inline(value) {
                    Some(s) if s.is_empty() => end(out, i),
                    Some(s) => {
                        out.push(' ');
                        out.push_str(&s);
                        end(out, i);
                    }
                    None => {
                        end(out, i);
                        let child = match value {
                            Value::List(_) if st.indentless => col,
                            _ => col + st.indent,
                        };
                        write(value, child, st, out, false);
                    }
                }
            }
        }
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 || !first_inline {
                    out.push_str(&pad);
                }
                out.push_str("- ");
                match (inline(item), item) {
                    (Some(s), _) if !s.is_empty() => {
                        out.push_str(&s);
                        end(out, i);
                    }
                    (_, Value::Map(_)) => write(item, col + 2, st, out, true),
                    _ => {
                        out.push('x');
                        end(out, i);
                    }
                }
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("FAST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1500)))]

    /// Files written in the plain subset, in any of its styles, are taken, and read
    /// exactly as saphyr reads them.
    #[test]
    fn takes_the_subset_and_agrees(
        entries in proptest::collection::vec(("[a-z_][a-z0-9_]{0,6}", value()), 1..5),
        st in style(),
    ) {
        let mut text = String::new();
        write(&Value::Map(entries), 0, &st, &mut text, false);
        prop_assert!(agrees(&text).map_err(TestCaseError::fail)?, "not taken: {:?}", text);
    }

    /// Whatever is cut from or pasted into such a file, the fast reader either gives up
    /// or reads what saphyr reads (and never takes what saphyr refuses).
    #[test]
    fn never_disagrees_on_edited_files(
        entries in proptest::collection::vec(("[a-z_][a-z0-9_]{0,6}", value()), 1..4),
        st in style(),
        at in 0usize..4000,
        cut in 0usize..10,
        piece in "[ a-z0-9:#&*!|>'\"{}\\[\\],.~\\\\é台—-]{0,6}(\n[ ]{0,6}-? ?[a-z_]{0,4}:? ?[0-9a-z\\[\\]'\"]{0,3}){0,2}",
    ) {
        let mut text = String::new();
        write(&Value::Map(entries), 0, &st, &mut text, false);
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let edited = format!("{}{}{}", &text[..at], piece, &text[end..]);
        agrees(&edited).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn nodes_compare_by_span_and_kind() {
    // The agreement above rests on Node's equality looking at spans too.
    let a = parse("a: 1\n", &Limits::DEFAULT);
    let b = parse("a:  1\n", &Limits::DEFAULT);
    assert!(a.is_some() && b.is_some());
    assert_ne!(a, b);
    let _: Option<Node> = a;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("FAST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1500)))]

    /// Lines shifted, dropped, doubled or joined (the structure going wrong rather
    /// than the text): again the fast reader gives up or agrees with saphyr.
    #[test]
    fn never_disagrees_on_misshapen_files(
        entries in proptest::collection::vec(("[a-z_][a-z0-9_]{0,6}", value()), 1..4),
        st in style(),
        edits in proptest::collection::vec((0usize..200, 0u8..5), 1..3),
    ) {
        let mut text = String::new();
        write(&Value::Map(entries), 0, &st, &mut text, false);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (at, how) in edits {
            let at = at % lines.len();
            match how {
                0 => lines[at].insert(0, ' '),
                1 => {
                    if lines[at].starts_with(' ') {
                        lines[at].remove(0);
                    }
                }
                2 => {
                    if lines.len() > 1 {
                        lines.remove(at);
                    }
                }
                3 => lines.insert(at, lines[at].clone()),
                _ => {
                    if at + 1 < lines.len() {
                        let next = lines.remove(at + 1);
                        lines[at].push_str(&next);
                    }
                }
            }
        }
        agrees(&(lines.join("\n") + "\n")).map_err(TestCaseError::fail)?;
    }
}
