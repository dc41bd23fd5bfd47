//! Tests of the tree deserializer: types, messages and places.
use super::*;
use crate::load::yaml::parse;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    id: String,
    duration: Option<i64>,
    tags: Option<Vec<String>>,
    kind: Option<Kind>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Delivery,
    Facility,
}

fn read(text: &str) -> (Option<Item>, Vec<DeError>) {
    let node = parse(text).unwrap();
    let errors = Collector::default();
    let item = from_node::<Item>(&node, &errors);
    (item, errors.into_errors())
}

#[test]
fn reads_a_valid_item() {
    let (item, errors) = read("id: a\nduration: 3\ntags: [x]\nkind: delivery\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(item.unwrap().duration, Some(3));
}

#[test]
fn reports_every_problem_in_an_item() {
    let (item, errors) = read("id: a\nduraton: 3\nkind: delivry\ntags: 5\nid: b\n");
    let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("unknown key `duraton`")));
    assert!(messages.iter().any(|m| m.contains("duplicate key `id`")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`kind`: unknown value `delivry`"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("`tags`: expected a list"))
    );
    let hint = errors
        .iter()
        .find(|e| e.message.contains("duraton"))
        .unwrap();
    assert_eq!(hint.help.as_deref(), Some("did you mean `duration`?"));
    assert_eq!(item.unwrap().id, "a");
}

#[test]
fn a_wrong_type_on_a_required_key_is_not_also_missing() {
    let (item, errors) = read("id: [1]\nduration: x\n");
    assert!(item.is_none());
    let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "`id`: expected text, found a list",
            "`duration`: expected an integer, found `x`"
        ]
    );
}

#[test]
fn errors_point_at_the_value() {
    let text = "id: a\nduration: \"3\"\n";
    let (_, errors) = read(text);
    let span = errors[0].span.unwrap();
    assert_eq!(&text[span.start as usize..span.end as usize], "\"3\"");
}
