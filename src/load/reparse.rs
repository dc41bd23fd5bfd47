//! Re-reading a file after a small edit: when the edit falls inside one list item, only
//! that item is parsed again and the other items are shared with the earlier parse.
//!
//! A file's [`Layout`] records where each item of its block lists begins. An edit (the
//! span between the texts' common prefix and suffix) that lies inside one item's lines
//! is re-read by parsing just those lines — the same columns, so the same YAML — and
//! typing the one item. Anything unusual (anchors or aliases, an item not written as
//! `- key: …`, a snippet that is not exactly one clean item, any error) gives up, and
//! the caller parses the whole file: the result is always what a full parse gives.
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::de;
use super::file::ParsedFile;
use super::yaml::{self, Node, NodeKind};
use crate::limits::Limits;

/// Where the items of a file's block lists begin (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(super) struct Layout {
    lists: Vec<ListLayout>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct ListLayout {
    key: &'static str,
    items: Vec<ItemAt>,
    /// Where the list's last item ends: the next top-level key's line, or the text's end.
    end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ItemAt {
    /// The start of the item's first line (the one with its `- `).
    line: usize,
    /// The start of the item's mapping, just after `- `.
    map: usize,
}

/// A list's name and where its items' mappings start.
type Starts = (&'static str, Vec<usize>);

/// The layout of a cleanly parsed file whose `root` came from `text`, when every part
/// of it can be re-read alone (`aliased`: the text uses anchors or aliases).
pub(super) fn layout(text: &str, root: &Node, aliased: bool) -> Option<Layout> {
    let NodeKind::Map(entries) = &root.kind else {
        return None;
    };
    if aliased {
        return None;
    }
    // Every offset needed, in characters, converted to bytes in one pass.
    let mut chars: Vec<u32> = Vec::new();
    for (key, value) in entries {
        chars.push(key.span.start);
        if let NodeKind::Seq(items) = &value.kind {
            chars.extend(items.iter().map(|i| i.span.start));
        }
    }
    let bytes = to_bytes(text, &chars)?;
    let mut at = bytes.into_iter();
    let mut keys: Vec<(usize, Option<Starts>)> = Vec::new();
    for (key, value) in entries {
        let key_at = at.next()?;
        let list = match &value.kind {
            NodeKind::Seq(items) => {
                let starts: Vec<usize> = at.by_ref().take(items.len()).collect();
                let clean = items.iter().all(|i| matches!(i.kind, NodeKind::Map(_)));
                let name = super::raw::FILE_KEYS
                    .iter()
                    .find(|k| Some(**k) == key.as_str())
                    .copied();
                name.filter(|_| clean && !items.is_empty())
                    .map(|n| (n, starts))
            }
            _ => None,
        };
        keys.push((key_at, list));
    }
    let mut lists = Vec::new();
    for (i, (_, list)) in keys.iter().enumerate() {
        let Some((name, starts)) = list else { continue };
        let end = keys
            .get(i + 1)
            .map_or(text.len(), |(next, _)| line_start(text, *next));
        let items: Option<Vec<ItemAt>> = starts.iter().map(|&map| item_at(text, map)).collect();
        if let Some(items) = items {
            lists.push(ListLayout {
                key: name,
                items,
                end,
            });
        }
    }
    Some(Layout { lists })
}

/// An item whose mapping starts at byte `map`, when its line reads `<spaces>- `.
fn item_at(text: &str, map: usize) -> Option<ItemAt> {
    let line = line_start(text, map);
    let prefix = text.get(line..map)?.trim_end_matches(' ');
    let dash = prefix.strip_suffix('-')?;
    (prefix.len() < map - line && dash.bytes().all(|b| b == b' ')).then_some(ItemAt { line, map })
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Character offsets (ascending) → byte offsets.
fn to_bytes(text: &str, chars: &[u32]) -> Option<Vec<usize>> {
    if text.is_ascii() {
        return Some(chars.iter().map(|&c| c as usize).collect());
    }
    if chars.windows(2).any(|w| w[0] > w[1]) {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let mut seen = 0u32;
    let mut current = indices.next()?;
    for &c in chars {
        while seen < c {
            current = indices.next()?;
            seen += 1;
        }
        out.push(current);
    }
    Some(out)
}

/// `old` (cleanly parsed, with a layout) re-read as `text`, when the edit lies inside
/// one list item; `None` when the whole file must be parsed.
pub(super) fn reparse(old: &ParsedFile, text: &str, limits: &Limits) -> Option<ParsedFile> {
    let layout = old.layout.as_deref()?;
    let before: &str = &old.text;
    if before == text {
        return Some(old.clone());
    }
    let (from, to) = edit(before, text);
    let (l, k) = find(layout, from, to)?;
    let list = &layout.lists[l];
    let delta = text.len() as isize - before.len() as isize;
    let shift = |b: usize| b.checked_add_signed(delta);
    let region_end = list.items.get(k + 1).map_or(list.end, |next| next.line);
    let (line, end) = (list.items[k].line, shift(region_end)?);
    // The snippet must be whole lines of the new text, as the region was of the old
    // one: an edit that joins or splits the line after it changes the next line too.
    if end < text.len() && text.as_bytes().get(end.checked_sub(1)?) != Some(&b'\n') {
        return None;
    }
    let item = single_item(text.get(line..end)?, limits)?;
    let map = line + to_bytes(text.get(line..end)?, &[item.span.start])?.first()?;
    let mut out = ParsedFile {
        text: Arc::from(text),
        ..old.clone()
    };
    retype(&mut out, list.key, k, &item)?;
    let mut layout = layout.clone();
    for (i, other) in layout.lists.iter_mut().enumerate() {
        if i > l {
            other.end = shift(other.end)?;
        }
        for (j, at) in other.items.iter_mut().enumerate() {
            if i > l || (i == l && j > k) {
                *at = ItemAt {
                    line: shift(at.line)?,
                    map: shift(at.map)?,
                };
            }
        }
    }
    let changed = &mut layout.lists[l];
    changed.end = shift(changed.end)?;
    match item_at(text, map) {
        Some(at) => changed.items[k] = at,
        None => {
            layout.lists.remove(l);
        }
    }
    out.layout = Some(Arc::new(layout));
    Some(out)
}

/// The edit from `a` to `b`: the common prefix ends at `from`, the part of `a` that
/// changed ends at `to` (both on character boundaries).
fn edit(a: &str, b: &str) -> (usize, usize) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut from = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    while !a.is_char_boundary(from) {
        from -= 1;
    }
    let most = x.len().min(y.len()) - from;
    let mut suffix = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(most)
        .take_while(|(p, q)| p == q)
        .count();
    while !a.is_char_boundary(x.len() - suffix) || !b.is_char_boundary(y.len() - suffix) {
        suffix -= 1;
    }
    (from, x.len() - suffix)
}

/// The list and item whose lines hold the old text's changed part `from..to`: it must
/// start at or after the item's mapping (its `- ` is untouched) and end within its lines.
fn find(layout: &Layout, from: usize, to: usize) -> Option<(usize, usize)> {
    layout.lists.iter().enumerate().find_map(|(l, list)| {
        let k = list
            .items
            .partition_point(|at| at.map <= from)
            .checked_sub(1)?;
        let end = list.items.get(k + 1).map_or(list.end, |next| next.line);
        (to <= end).then_some((l, k))
    })
}

/// The one mapping a snippet of item lines holds, parsed as the file parses it (one
/// level shallower: the snippet has no top-level mapping); `None` unless it is exactly
/// one clean item.
fn single_item(snippet: &str, limits: &Limits) -> Option<Node> {
    // Document markers and directives end or start documents, which a snippet
    // cannot see the effect of on the rest of the file.
    let marker =
        |line: &str| line.starts_with("---") || line.starts_with("...") || line.starts_with('%');
    if snippet.lines().any(marker) {
        return None;
    }
    let limits = Limits {
        depth: limits.depth.checked_sub(1)?,
        ..*limits
    };
    let (root, alias) = yaml::parse_tracked(snippet, &limits).ok()?;
    if alias.is_some() {
        return None;
    }
    match root.kind {
        NodeKind::Seq(mut items) if items.len() == 1 => {
            let item = items.pop()?;
            matches!(item.kind, NodeKind::Map(_)).then_some(item)
        }
        _ => None,
    }
}

/// Types `node` as item `k` of the list `key` in `out`; `None` on any error.
fn retype(out: &mut ParsedFile, key: &str, k: usize, node: &Node) -> Option<()> {
    match key {
        "sites" => replace(&mut out.sites, k, node),
        "clusters" => replace(&mut out.clusters, k, node),
        "vendors" => replace(&mut out.vendors, k, node),
        "milestones" => replace(&mut out.milestones, k, node),
        "risks" => replace(&mut out.risks, k, node),
        _ => None,
    }
}

fn replace<T: DeserializeOwned>(list: &mut [(usize, Arc<T>)], k: usize, node: &Node) -> Option<()> {
    let slot = list.get_mut(k).filter(|(i, _)| *i == k)?;
    let errors = de::Collector::default();
    let value = de::from_node::<T>(node, &errors)?;
    errors
        .into_errors()
        .is_empty()
        .then(|| slot.1 = Arc::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::file::{parse_file, parse_file_after};
    use proptest::prelude::*;

    fn program(indent: &str, names: &[&str]) -> String {
        let mut text = String::from("# a program file\nsites:\n");
        text.push_str(&format!("{indent}- id: s1\n{indent}  name: Site — one\n"));
        text.push_str("milestones:\n");
        for (i, name) in names.iter().enumerate() {
            text.push_str(&format!(
                "{indent}- id: m{i}\n{indent}  name: \"{name}\"\n{indent}  duration: {}\n",
                i + 1
            ));
            if i > 0 {
                text.push_str(&format!(
                    "{indent}  depends_on:\n{indent}    - id: m{}\n{indent}      lag: 2\n",
                    i - 1
                ));
            }
            text.push_str(&format!("{indent}  # about m{i}\n"));
        }
        text.push_str("risks:\n");
        text.push_str(&format!(
            "{indent}- id: r1\n{indent}  title: Late optics\n{indent}  probability: 0.5\n{indent}  impact_days: 3\n"
        ));
        text
    }

    /// The incremental result, or `None` when it gave up.
    fn incremental(before: &str, after: &str) -> Option<ParsedFile> {
        let old = parse_file(before.as_bytes(), &Limits::DEFAULT);
        reparse(&old, after, &Limits::DEFAULT)
    }

    #[test]
    fn an_edit_inside_one_item_re_reads_only_it() {
        let before = program("  ", &["a", "b", "c"]);
        let after = before.replace("duration: 2", "duration: 20");
        let old = parse_file(before.as_bytes(), &Limits::DEFAULT);
        let edited = reparse(&old, &after, &Limits::DEFAULT).expect("re-read in place");
        let full = parse_file(after.as_bytes(), &Limits::DEFAULT);
        assert_eq!(format!("{edited:?}"), format!("{full:?}"));
        assert_eq!(edited.milestones[1].1.duration, Some(20));
        assert!(Arc::ptr_eq(&old.milestones[0].1, &edited.milestones[0].1));
    }

    #[test]
    fn gives_up_on_edits_it_cannot_place() {
        let before = program("  ", &["a", "b"]);
        // A new item, a new top-level key, an anchor, a second document, the dash.
        for after in [
            before.replace("  # about m0\n", "  - id: mx\n"),
            before.replace("  # about m0\n", "extra: 1\n"),
            before.replace("name: \"a\"", "name: &n \"a\""),
            before.replace("  # about m0\n", "---\n"),
            before.replacen("  - id: m1", "  -  id: m1", 1),
        ] {
            assert!(incremental(&before, &after).is_none(), "{after}");
        }
        // Found by the property below: an edit that joins the next key's line into a
        // comment, and a document end (`...`) inside an item.
        let col0 = program("", &["a", "b"]);
        let joined = col0.replace("  # about m1\nrisks:", "  # a1risks:");
        assert_ne!(col0, joined);
        assert!(incremental(&col0, &joined).is_none());
        let ended = before.replace("    duration: 1\n", "    duration: 1\n...\n");
        assert!(incremental(&before, &ended).is_none());
        let aliased = format!("{before}x: &a 1\n");
        assert!(incremental(&aliased, &aliased.replace("duration: 1", "duration: 4")).is_none());
    }

    const PIECES: &[&str] = &[
        "1",
        "x",
        " ",
        "\n",
        "-",
        ":",
        "\"",
        "'",
        "é",
        "#",
        "&a ",
        "*a",
        "---\n",
        "...\n",
        "\n    notes: hi",
        "\n  - id: new\n    duration: 1",
        "\nfoo: 1",
        "\n- id: z",
        "\n      lag: 3",
        "\n    duration: 3",
        "{",
        "[",
        "|\n",
        "\t",
        "  ",
        "\n  ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(std::env::var("REPARSE_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2000)))]
        /// Whatever the edit, the result is exactly what parsing the whole file gives.
        #[test]
        fn equals_a_full_parse(
            col0 in any::<bool>(),
            at in 0usize..2000,
            cut in 0usize..12,
            piece in prop_oneof![
                proptest::sample::select(PIECES).prop_map(str::to_string),
                "[ a-z0-9:#&*!|>'\"{}\\[\\],.-]{0,8}(\n[ ]{0,6}[a-z_]{0,8}:? ?[0-9a-z]{0,3}){0,2}",
            ],
            twice in any::<bool>(),
        ) {
            let before = program(if col0 { "" } else { "  " }, &["a", "bé", "c", "d"]);
            let mut at = at % before.len();
            while !before.is_char_boundary(at) { at -= 1; }
            let mut end = (at + cut).min(before.len());
            while !before.is_char_boundary(end) { end -= 1; }
            let mut after = format!("{}{}{}", &before[..at], piece, &before[end..]);
            if twice {
                after = after.replacen("duration: 3", "duration: 33", 1);
            }
            let old = parse_file(before.as_bytes(), &Limits::DEFAULT);
            let edited = parse_file_after(after.as_bytes(), &Limits::DEFAULT, Some(&old));
            let full = parse_file(after.as_bytes(), &Limits::DEFAULT);
            prop_assert_eq!(format!("{:?}", edited), format!("{:?}", full));
        }
    }
}
