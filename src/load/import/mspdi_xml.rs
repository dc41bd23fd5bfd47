//! Reading MSPDI elements: children by local name (the namespace is ignored), their
//! text, integers and dates.
use chrono::NaiveDate;
use roxmltree::Node;

/// The child element `tag` (namespace ignored).
pub fn child<'a, 'i>(node: Node<'a, 'i>, tag: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.tag_name().name() == tag)
}

/// Every child element `tag`.
pub fn children<'a, 'i>(node: Node<'a, 'i>, tag: &str) -> impl Iterator<Item = Node<'a, 'i>> {
    let tag = tag.to_string();
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == tag)
}

/// The trimmed text of child `tag`, if not empty.
pub fn text<'a>(node: Node<'a, '_>, tag: &str) -> Option<&'a str> {
    child(node, tag)
        .and_then(|c| c.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Child `tag` as an integer (`true`/`false` as 1/0, `2.0` as 2).
pub fn int(node: Node<'_, '_>, tag: &str) -> Option<i64> {
    let t = text(node, tag)?;
    match t {
        "true" => Some(1),
        "false" => Some(0),
        _ => t
            .parse::<i64>()
            .ok()
            .or_else(|| t.parse::<f64>().ok().map(|f| f as i64)),
    }
}

/// The date part of child `tag` (`2026-12-14T08:00:00`).
pub fn date_of(node: Node<'_, '_>, tag: &str) -> Option<NaiveDate> {
    let t = text(node, tag)?;
    crate::load::raw::parse_date(t.get(..10)?).ok()
}
