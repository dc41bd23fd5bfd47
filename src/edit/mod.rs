//! In-place edits of program files (`milepost start`, `done`, `forecast`, `set`, `link`,
//! `unlink`): one item's keys changed in its file's text as a careful person would —
//! only the touched lines change; comments, order, indentation, quoting, flow or block
//! style and line breaks stay. Where that cannot be done faithfully (an anchor or alias
//! in the file) the edit is refused, naming the place.
mod depends;
mod mapping;
pub mod progress;
pub mod scalar;
mod text;

use serde::Serialize;

use crate::diag::Span;
use crate::load::yaml::{self, Node, NodeKind};
use crate::model::Relation;
use scalar::Value;
use text::Text;

/// The order a person writes an item's keys in (the order of SPEC §1): a new key goes
/// after the nearest key before it in this order, so `started` follows `status`.
pub const KEY_ORDER: &[&str] = &[
    "id",
    "name",
    "cluster",
    "site",
    "vendor",
    "owner",
    "kind",
    "calendar",
    "duration",
    "duration_range",
    "depends_on",
    "start_no_earlier",
    "due",
    "status",
    "started",
    "finished",
    "expected_finish",
    "remaining",
    "as_of",
    "notes",
    "links",
];

/// One change to an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Sets a scalar key, or removes it (`None`).
    Set(&'static str, Option<Value>),
    /// Adds (or retypes) a `depends_on` entry.
    Link {
        pred: String,
        relation: Relation,
        lag: i64,
    },
    /// Removes the `depends_on` entry naming `pred`.
    Unlink(String),
}

/// Why an edit cannot be made, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

impl Refusal {
    pub fn new(span: Span, message: String) -> Refusal {
        Refusal {
            span,
            message,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Refusal {
        self.hint = Some(hint.into());
        self
    }
}

/// How a dependency is named in messages: `po`, `po (SS+2)`.
pub fn depends_label(pred: &str, relation: Relation, lag: i64) -> String {
    match (relation, lag) {
        (Relation::Fs, 0) => pred.to_string(),
        (relation, 0) => format!("{pred} ({relation})"),
        (relation, lag) => format!("{pred} ({relation}{lag:+})"),
    }
}

/// A key as it was and as it is (the YAML text of its value; `None`: absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyChange {
    pub id: String,
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Applies `ops` to the milestone `id` in a file's text, in order. Returns the new text
/// and what changed (ops that change nothing are left out).
/// A refusal carries the text its span points into (earlier ops may have changed it).
pub fn apply(
    text: &str,
    id: &str,
    ops: &[Op],
) -> Result<(String, Vec<KeyChange>), (Refusal, String)> {
    let mut text = Text::new(text.to_string());
    let mut changes = Vec::new();
    for op in ops {
        let before = text.text.clone();
        let refused = |r: Refusal| (r, before.clone());
        let item = item_of(&text, id).map_err(refused)?;
        let change = apply_one(&mut text, &item, id, op).map_err(refused)?;
        if text.text != before {
            changes.push(change);
        }
    }
    Ok((text.text, changes))
}

/// The mapping of milestone `id`, freshly read from the text.
fn item_of(text: &Text, id: &str) -> Result<Node, Refusal> {
    let (root, alias) = yaml::parse_for_edit(&text.text)
        .map_err(|e| Refusal::new(e.span, format!("the file does not parse: {}", e.message)))?;
    if let Some(span) = alias {
        return Err(Refusal::new(
            span,
            "the file uses a YAML anchor or alias here; an edit could change more than one place"
                .into(),
        )
        .hint("milepost edits only files without anchors and aliases: edit this one by hand"));
    }
    let items = match root.get("milestones").map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    let item = items
        .into_iter()
        .find(|i| i.get("id").and_then(Node::as_str) == Some(id))
        .ok_or_else(|| Refusal::new(root.span, format!("no milestone `{id}` in this file")))?;
    if !matches!(item.kind, NodeKind::Map(_)) {
        return Err(Refusal::new(
            item.span,
            format!("milestone `{id}` is not a mapping"),
        ));
    }
    Ok(item)
}

/// The key a new `key` goes after: the present key nearest before it in [`KEY_ORDER`].
fn anchor_for(item: &Node, key: &str) -> String {
    let rank = |k: &str| KEY_ORDER.iter().position(|o| *o == k);
    let own = rank(key).unwrap_or(KEY_ORDER.len());
    let NodeKind::Map(entries) = &item.kind else {
        return "id".into();
    };
    entries
        .iter()
        .filter_map(|(k, _)| k.as_str())
        .filter_map(|k| rank(k).filter(|r| *r < own).map(|r| (r, k)))
        .max()
        .map_or_else(|| "id".into(), |(_, k)| k.to_string())
}

/// The text of a value as written, for the report.
fn shown(text: &Text, node: Option<&Node>) -> Option<String> {
    let node = node?;
    match &node.kind {
        NodeKind::Scalar(s, _) => Some(s.clone()),
        NodeKind::Null => None,
        _ => Some(text.text[mapping::content(text, node)].to_string()),
    }
}

fn apply_one(text: &mut Text, item: &Node, id: &str, op: &Op) -> Result<KeyChange, Refusal> {
    match op {
        Op::Set(key, value) => set(text, item, id, key, value.as_ref()),
        Op::Link {
            pred,
            relation,
            lag,
        } => link(text, item, id, pred, *relation, *lag),
        Op::Unlink(pred) => unlink(text, item, id, pred),
    }
}

fn set(
    text: &mut Text,
    item: &Node,
    id: &str,
    key: &str,
    value: Option<&Value>,
) -> Result<KeyChange, Refusal> {
    let before = shown(text, item.get(key));
    if let Some((k, v)) = item.entry(key)
        && matches!(v.kind, NodeKind::Seq(_) | NodeKind::Map(_))
    {
        return Err(Refusal::new(
            k.span,
            format!("`{key}` of `{id}` holds a list or mapping, not a single value"),
        ));
    }
    match value {
        Some(value) => {
            // Quotes around a date or number are always the writer's choice.
            let quote = mapping::quote_of(text, item, key).and_then(|(quote, old)| match value {
                Value::Text(_) | Value::Word(_) => scalar::kept(quote, old),
                Value::Date(_) | Value::Int(_) => Some(quote),
            });
            let yaml = scalar::render(value, quote);
            mapping::set(text, item, key, &yaml, &anchor_for(item, key));
        }
        None => mapping::remove(text, item, key)?,
    }
    Ok(KeyChange {
        id: id.into(),
        key: key.into(),
        before,
        after: value.map(Value::shown),
    })
}

/// The relation and lag an existing entry states.
fn relation_of(entry: &Node) -> (Relation, i64) {
    let relation = entry
        .get("type")
        .and_then(Node::as_str)
        .and_then(Relation::parse)
        .unwrap_or_default();
    let lag = entry
        .get("lag")
        .and_then(Node::as_str)
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    (relation, lag)
}

fn link(
    text: &mut Text,
    item: &Node,
    id: &str,
    pred: &str,
    relation: Relation,
    lag: i64,
) -> Result<KeyChange, Refusal> {
    let entry = depends::entry_text(pred, relation, lag);
    let list = item.get("depends_on");
    let items = l_items(list);
    let before = list
        .and_then(|l| depends::find(l, pred))
        .map(|i| text.text[mapping::content(text, &items[i])].to_string());
    let change = KeyChange {
        id: id.into(),
        key: format!("depends_on {pred}"),
        before: before.clone(),
        after: Some(entry.clone()),
    };
    match list {
        Some(l) if matches!(l.kind, NodeKind::Seq(_)) => match depends::find(l, pred) {
            Some(i) if relation_of(&items[i]) == (relation, lag) => {}
            Some(i) => depends::replace(text, l, i, &entry),
            None => depends::append(text, l, &entry),
        },
        Some(l) if !matches!(l.kind, NodeKind::Null) => {
            return Err(Refusal::new(
                l.span,
                format!("`depends_on` of `{id}` is not a list"),
            ));
        }
        _ => mapping::set(
            text,
            item,
            "depends_on",
            &format!("[{entry}]"),
            &anchor_for(item, "depends_on"),
        ),
    }
    Ok(change)
}

fn l_items(list: Option<&Node>) -> &[Node] {
    match list.map(|l| &l.kind) {
        Some(NodeKind::Seq(items)) => items,
        _ => &[],
    }
}

fn unlink(text: &mut Text, item: &Node, id: &str, pred: &str) -> Result<KeyChange, Refusal> {
    let list = item.get("depends_on");
    let Some(i) = list.and_then(|l| depends::find(l, pred)) else {
        let span = item.entry("depends_on").map_or(item.span, |(k, _)| k.span);
        return Err(Refusal::new(
            span,
            format!("`{id}` does not depend on `{pred}`"),
        ));
    };
    let items = l_items(list);
    let before = Some(text.text[mapping::content(text, &items[i])].to_string());
    if items.len() == 1 {
        mapping::remove(text, item, "depends_on")?;
    } else if let Some(l) = list {
        depends::remove(text, l, i);
    }
    Ok(KeyChange {
        id: id.into(),
        key: format!("depends_on {pred}"),
        before,
        after: None,
    })
}

#[cfg(test)]
mod tests;
