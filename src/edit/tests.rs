//! Hand-worked edits: the exact text each layout becomes.
use chrono::NaiveDate;

use super::scalar::Value;
use super::*;

fn date(s: &str) -> Value {
    Value::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

fn edit(text: &str, id: &str, ops: &[Op]) -> String {
    apply(text, id, ops)
        .unwrap_or_else(|r| panic!("{:?}", r.0))
        .0
}

fn start_ops() -> Vec<Op> {
    vec![
        Op::Set("status", Some(Value::Word("in_progress".into()))),
        Op::Set("started", Some(date("2026-12-01"))),
    ]
}

const BLOCK: &str = "\
# comment at the top
milestones:
  - id: a
    name: Cabling   # trailing comment
    duration: 3
    depends_on: [x, y]

  - id: b
    duration: 2
";

#[test]
fn start_in_a_block_mapping_adds_status_then_started_after_the_last_earlier_key() {
    let out = edit(BLOCK, "a", &start_ops());
    assert_eq!(
        out,
        BLOCK.replace(
            "    depends_on: [x, y]\n",
            "    depends_on: [x, y]\n    status: in_progress\n    started: 2026-12-01\n"
        )
    );
}

#[test]
fn a_flow_mapping_item_stays_on_its_line() {
    let text = "milestones:\n  - {id: a, duration: 3}   # keep\n  - {id: b}\n";
    let out = edit(text, "a", &start_ops());
    assert_eq!(
        out,
        "milestones:\n  - {id: a, duration: 3, status: in_progress, started: 2026-12-01}   # keep\n  - {id: b}\n"
    );
    let back = edit(
        &out,
        "a",
        &[Op::Set("started", None), Op::Set("status", None)],
    );
    assert_eq!(back, text);
}

#[test]
fn replacing_a_value_keeps_its_quotes_and_the_trailing_comment() {
    let text = "milestones:\n  - id: a\n    owner: 'lee'  # on call\n    due: \"2027-01-15\"\n";
    let out = edit(
        text,
        "a",
        &[
            Op::Set("owner", Some(Value::Text("Jo's".into()))),
            Op::Set("due", Some(date("2027-02-01"))),
        ],
    );
    assert_eq!(
        out,
        "milestones:\n  - id: a\n    owner: 'Jo''s'  # on call\n    due: \"2027-02-01\"\n"
    );
}

#[test]
fn crlf_stays_crlf() {
    let text = "milestones:\r\n  - id: a\r\n    duration: 3\r\n";
    let out = edit(text, "a", &start_ops());
    assert_eq!(
        out,
        "milestones:\r\n  - id: a\r\n    duration: 3\r\n    status: in_progress\r\n    started: 2026-12-01\r\n"
    );
}

#[test]
fn a_file_without_a_final_line_break_gets_none() {
    let text = "milestones:\n  - id: a\n    duration: 3";
    let out = edit(text, "a", &start_ops());
    assert_eq!(
        out,
        "milestones:\n  - id: a\n    duration: 3\n    status: in_progress\n    started: 2026-12-01"
    );
    assert_eq!(
        edit(
            &out,
            "a",
            &[Op::Set("status", None), Op::Set("started", None)]
        ),
        text
    );
}

#[test]
fn links_append_in_the_lists_own_style() {
    let link = |pred: &str, relation, lag| Op::Link {
        pred: pred.into(),
        relation,
        lag,
    };
    let flow = edit(BLOCK, "a", &[link("z", Relation::Ss, 2)]);
    assert!(
        flow.contains("depends_on: [x, y, { id: z, type: SS, lag: 2 }]\n"),
        "{flow}"
    );
    let block =
        "milestones:\n  - id: a\n    depends_on:\n      # why\n      - x\n    due: 2027-01-01\n";
    let out = edit(block, "a", &[link("z", Relation::Fs, 0)]);
    assert_eq!(
        out,
        "milestones:\n  - id: a\n    depends_on:\n      # why\n      - x\n      - z\n    due: 2027-01-01\n"
    );
    assert_eq!(edit(&out, "a", &[Op::Unlink("z".into())]), block);
    let none = edit(BLOCK, "b", &[link("a", Relation::Fs, 0)]);
    assert!(
        none.ends_with("  - id: b\n    duration: 2\n    depends_on: [a]\n"),
        "{none}"
    );
    assert_eq!(edit(&none, "b", &[Op::Unlink("a".into())]), BLOCK);
}

#[test]
fn linking_an_existing_predecessor_retypes_it_in_place() {
    let out = edit(
        BLOCK,
        "a",
        &[Op::Link {
            pred: "y".into(),
            relation: Relation::Ff,
            lag: 0,
        }],
    );
    assert!(
        out.contains("depends_on: [x, { id: y, type: FF }]"),
        "{out}"
    );
}

#[test]
fn unlinking_the_first_or_only_entry() {
    let out = edit(BLOCK, "a", &[Op::Unlink("x".into())]);
    assert!(out.contains("depends_on: [y]\n"), "{out}");
    let out = edit(&out, "a", &[Op::Unlink("y".into())]);
    assert_eq!(out, BLOCK.replace("    depends_on: [x, y]\n", ""));
}

#[test]
fn removing_the_first_key_of_an_item_lets_the_next_take_its_place() {
    let text = "milestones:\n  - status: done\n    id: a\n    finished: 2026-01-01\n";
    let out = edit(text, "a", &[Op::Set("status", None)]);
    assert_eq!(out, "milestones:\n  - id: a\n    finished: 2026-01-01\n");
}

#[test]
fn a_multi_line_value_is_replaced_by_one_line() {
    let text =
        "milestones:\n  - id: a\n    notes: >\n      long\n      text\n    due: 2027-01-01\n";
    let out = edit(
        text,
        "a",
        &[Op::Set("notes", Some(Value::Text("short".into())))],
    );
    assert_eq!(
        out,
        "milestones:\n  - id: a\n    notes: short\n    due: 2027-01-01\n"
    );
}

#[test]
fn an_alias_in_the_file_is_refused_where_it_stands() {
    let text = "milestones:\n  - &a {id: a}\n  - id: b\n";
    let refusal = apply(text, "b", &start_ops()).unwrap_err().0;
    assert!(refusal.message.contains("anchor or alias"), "{refusal:?}");
    assert_eq!(refusal.span.start as usize, text.find('&').unwrap());
}

#[test]
fn unlinking_what_is_not_there_is_refused() {
    let refusal = apply(BLOCK, "b", &[Op::Unlink("a".into())]).unwrap_err().0;
    assert_eq!(refusal.message, "`b` does not depend on `a`");
}

#[test]
fn non_ascii_text_before_the_edit() {
    let text = "milestones:\n  - id: a\n    name: Câblage 東京\n    duration: 3\n";
    let out = edit(text, "a", &[Op::Set("duration", Some(Value::Int(4)))]);
    assert_eq!(out, text.replace("duration: 3", "duration: 4"));
}

#[test]
fn a_comment_on_a_removed_key_stays_on_its_own_line() {
    let text = "milestones:\n  - id: a\n    remaining: 4   # optics-bound\n    as_of: 2026-12-10\n";
    let out = edit(text, "a", &[Op::Set("remaining", None)]);
    assert_eq!(
        out,
        "milestones:\n  - id: a\n    # optics-bound\n    as_of: 2026-12-10\n"
    );
}
