//! Resolves a path into a YAML file (`milestones[3].due`) to the span it names.
//!
//! Used only when a diagnostic is shown: the file is parsed again, so the happy path
//! never pays for keeping positions of every node.
use crate::diag::Seg;

use super::yaml::{self, Node, NodeKind, Span};

/// The span `path` names in `text`: the deepest node that exists along the path.
pub fn locate(text: &str, path: &[Seg]) -> Option<Span> {
    let root = yaml::parse(text).ok()?;
    Some(walk(&root, path))
}

/// Walks a parsed tree; stops at the deepest node the path reaches.
pub fn walk(root: &Node, path: &[Seg]) -> Span {
    let mut node = root;
    for seg in path {
        match (seg, &node.kind) {
            (Seg::Key(k), NodeKind::Map(_)) => match node.get(k) {
                Some(next) => node = next,
                None => break,
            },
            (Seg::KeyOf(k), NodeKind::Map(_)) => {
                if let Some((key, _)) = node.entry(k) {
                    return key.span;
                }
                break;
            }
            (Seg::Index(i), NodeKind::Seq(items)) => match items.get(*i) {
                Some(next) => node = next,
                None => break,
            },
            _ => break,
        }
    }
    node.span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_stops_at_the_deepest_node() {
        let text = "milestones:\n  - id: a\n    depends_on: [x, {id: y}]\n";
        let span = |p: &[Seg]| {
            let s = locate(text, p).unwrap();
            &text[s.start as usize..s.end as usize]
        };
        let dep = [
            Seg::Key("milestones"),
            Seg::Index(0),
            Seg::Key("depends_on"),
            Seg::Index(1),
            Seg::Key("id"),
        ];
        assert_eq!(span(&dep), "y");
        let short = [
            Seg::Key("milestones"),
            Seg::Index(0),
            Seg::Key("depends_on"),
            Seg::Index(0),
            Seg::Key("id"),
        ];
        assert_eq!(span(&short), "x");
        assert_eq!(
            span(&[Seg::Key("milestones"), Seg::Index(0), Seg::KeyOf("id")]),
            "id"
        );
    }
}
