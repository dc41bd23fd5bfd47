//! One key of a mapping (an item) set, added or removed in place: in a block mapping a
//! key's lines, in a flow mapping (`{id: a, duration: 3}`) its `key: value` text.
//! Everything else — comments, order, indentation, quoting, line breaks — is kept.
use std::ops::Range;

use super::Refusal;
use super::scalar::Quote;
use super::text::Text;
use crate::load::yaml::{Node, NodeKind};

/// Whether a collection is written in flow style (`{…}`, `[…]`).
pub fn is_flow(text: &Text, node: &Node) -> bool {
    matches!(text.at(text.byte(node.span.start)), Some('{' | '['))
}

/// The bytes a node's own text covers: a block collection ends with its last child
/// (not at the next token, which may lie past comment lines that belong to it).
pub fn content(text: &Text, node: &Node) -> Range<usize> {
    let own = text.trimmed(node);
    if is_flow(text, node) {
        return own;
    }
    let last = match &node.kind {
        NodeKind::Seq(items) => items.last().map(|n| content(text, n)),
        NodeKind::Map(entries) => entries.last().map(|(k, v)| entry(text, k, v)),
        _ => None,
    };
    match last {
        Some(last) => own.start..last.end,
        None => own,
    }
}

/// The bytes of a `key: value` entry, from the key to the end of the value's text.
pub fn entry(text: &Text, key: &Node, value: &Node) -> Range<usize> {
    let key_range = text.trimmed(key);
    let value_range = content(text, value);
    let empty_null = matches!(value.kind, NodeKind::Null) && value_range.is_empty();
    let end = if empty_null || value_range.start < key_range.end {
        key_range.end
    } else {
        value_range.end
    };
    key_range.start..end
}

fn entries(map: &Node) -> &[(Node, Node)] {
    match &map.kind {
        NodeKind::Map(entries) => entries,
        _ => &[],
    }
}

fn position(map: &Node, key: &str) -> Option<usize> {
    entries(map)
        .iter()
        .position(|(k, _)| k.as_str() == Some(key))
}

/// The quoting of `key`'s scalar value and its text, when it has one.
pub fn quote_of<'m>(text: &Text, map: &'m Node, key: &str) -> Option<(Quote, &'m str)> {
    let (_, value) = &entries(map)[position(map, key)?];
    let old = value.as_str()?;
    Some((Quote::of(text.at(text.byte(value.span.start))), old))
}

/// Sets `key` to the YAML text `value`: replaced where it stands, or added after the
/// entry `after` (the last entry when `after` is absent from the mapping).
pub fn set(text: &mut Text, map: &Node, key: &str, value: &str, after: &str) {
    match position(map, key) {
        Some(i) => replace(text, map, i, key, value),
        None => insert(text, map, key, value, after),
    }
}

fn replace(text: &mut Text, map: &Node, i: usize, key: &str, value: &str) {
    let (k, v) = &entries(map)[i];
    let range = content(text, v);
    let single_line = !text.text[range.clone()].contains(['\n', '\r']);
    let block_scalar = matches!(text.at(range.start), Some('|' | '>'));
    let is_scalar = matches!(v.kind, NodeKind::Scalar(..)) && !range.is_empty();
    if is_scalar && single_line && !block_scalar || is_flow(text, map) && !range.is_empty() {
        text.splice(range, value);
        return;
    }
    // A multi-line or empty value: the entry becomes one line.
    let whole = entry(text, k, v);
    let end = text.last_line_end(&whole);
    let eol = if text.text[..end].ends_with('\n') {
        text.eol
    } else {
        ""
    };
    text.splice(whole.start..end, &format!("{key}: {value}{eol}"));
}

fn insert(text: &mut Text, map: &Node, key: &str, value: &str, after: &str) {
    let all = entries(map);
    let Some(anchor) = position(map, after).or(all.len().checked_sub(1)) else {
        return;
    };
    let (k, v) = &all[anchor];
    let anchor_range = entry(text, k, v);
    if is_flow(text, map) {
        text.splice(
            anchor_range.end..anchor_range.end,
            &format!(", {key}: {value}"),
        );
        return;
    }
    let indent = text.column_indent(text.trimmed(&all[0].0).start);
    let end = text.last_line_end(&anchor_range);
    text.insert_line(end, &format!("{indent}{key}: {value}"));
}

/// Removes `key` and its value. Refused when it is the only key left.
pub fn remove(text: &mut Text, map: &Node, key: &str) -> Result<(), Refusal> {
    let Some(i) = position(map, key) else {
        return Ok(());
    };
    let all = entries(map);
    let (k, v) = &all[i];
    let range = entry(text, k, v);
    if is_flow(text, map) {
        let cut = match (i.checked_sub(1), all.get(i + 1)) {
            (Some(p), _) => entry(text, &all[p].0, &all[p].1).end..range.end,
            (None, Some((next, _))) => range.start..text.trimmed(next).start,
            (None, None) => return Err(only_key(k, key)),
        };
        text.splice(cut, "");
        return Ok(());
    }
    if text.only_blanks_before(range.start) {
        text.remove_lines_keeping_comment(range.start, range.end);
        return Ok(());
    }
    // The first key of a list item (`- status: done`): the next key takes its place.
    match all.get(i + 1) {
        Some((next, _)) => {
            let next_start = text.trimmed(next).start;
            text.splice(range.start..next_start, "");
            Ok(())
        }
        None => Err(only_key(k, key)),
    }
}

fn only_key(k: &Node, key: &str) -> Refusal {
    Refusal::new(
        k.span,
        format!("`{key}` is the item's only key; it cannot be removed"),
    )
}
