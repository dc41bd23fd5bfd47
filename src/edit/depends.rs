//! `depends_on` entries added, replaced or removed in the list's own style: `[a, b]`
//! gains `, c`; a block list gains a `- c` line lined up with the others.
use super::mapping::{content, is_flow};
use super::text::Text;
use crate::load::yaml::{Node, NodeKind};
use crate::model::Relation;

/// The text of one `depends_on` entry: `pred`, or `{ id: pred, type: SS, lag: 2 }`.
pub fn entry_text(pred: &str, relation: Relation, lag: i64) -> String {
    if relation == Relation::Fs && lag == 0 {
        return pred.to_string();
    }
    let mut parts = vec![format!("id: {pred}")];
    if relation != Relation::Fs {
        parts.push(format!("type: {relation}"));
    }
    if lag != 0 {
        parts.push(format!("lag: {lag}"));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// The predecessor id an entry names (`a` or `{ id: a, … }`).
pub fn entry_id(entry: &Node) -> Option<&str> {
    match &entry.kind {
        NodeKind::Scalar(..) => entry.as_str(),
        NodeKind::Map(_) => entry.get("id").and_then(Node::as_str),
        _ => None,
    }
}

/// Where the entry naming `pred` is in the list.
pub fn find(list: &Node, pred: &str) -> Option<usize> {
    match &list.kind {
        NodeKind::Seq(items) => items.iter().position(|e| entry_id(e) == Some(pred)),
        _ => None,
    }
}

fn items(list: &Node) -> &[Node] {
    match &list.kind {
        NodeKind::Seq(items) => items,
        _ => &[],
    }
}

/// Appends `entry` to the list.
pub fn append(text: &mut Text, list: &Node, entry: &str) {
    let all = items(list);
    if is_flow(text, list) {
        match all.last() {
            Some(last) => {
                let end = content(text, last).end;
                text.splice(end..end, &format!(", {entry}"));
            }
            None => {
                let open = text.byte(list.span.start) + 1;
                text.splice(open..open, entry);
            }
        }
        return;
    }
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let prefix = dash_prefix(text, first);
    let end = text.last_line_end(&content(text, last));
    text.insert_line(end, &format!("{prefix}{entry}"));
}

/// The text before a block list element on its line: indent, dash and spaces (`  - `).
fn dash_prefix(text: &Text, element: &Node) -> String {
    let start = content(text, element).start;
    let dash = dash_of(text, start);
    let indent = text.column_indent(dash);
    let after_dash = &text.text[dash..start];
    if after_dash.contains(['\n', '\r']) {
        format!("{indent}- ")
    } else {
        format!("{indent}{after_dash}")
    }
}

/// The byte of the `-` that opens the block list element starting at `start`.
fn dash_of(text: &Text, start: usize) -> usize {
    let before = text.text[..start].trim_end();
    if before.ends_with('-') {
        before.len() - 1
    } else {
        start
    }
}

/// Replaces element `i` with `entry`.
pub fn replace(text: &mut Text, list: &Node, i: usize, entry: &str) {
    let range = content(text, &items(list)[i]);
    text.splice(range, entry);
}

/// Removes element `i` (the caller removes the whole key when it is the only one).
pub fn remove(text: &mut Text, list: &Node, i: usize) {
    let all = items(list);
    let range = content(text, &all[i]);
    if is_flow(text, list) {
        let cut = match (i.checked_sub(1), all.get(i + 1)) {
            (Some(p), _) => content(text, &all[p]).end..range.end,
            (None, Some(next)) => range.start..content(text, next).start,
            (None, None) => range,
        };
        text.splice(cut, "");
        return;
    }
    let dash = dash_of(text, range.start);
    text.remove_lines_keeping_comment(dash, range.end);
}
