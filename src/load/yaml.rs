//! YAML text → a tree of nodes that remember where in the text they stand.
//!
//! saphyr-parser streams span-carrying events; this module folds them into [`Node`]s
//! (one document per file, aliases expanded within a budget) so that every later
//! diagnostic can point at the exact key or value it is about.
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as PSpan};

pub use crate::diag::Span;
use crate::limits::{self, Limits};

/// A span as saphyr-parser reports it.
fn span_of(span: &PSpan) -> Span {
    let start = clamp_u32(span.start.index());
    let end = clamp_u32(span.end.index()).max(start);
    Span { start, end }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One YAML node with its span.
#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// What a node holds. Plain scalars keep their text; typing happens in the deserializer.
#[derive(Clone, Debug)]
pub enum NodeKind {
    Null,
    /// A scalar and whether it was written plain (unquoted, so `5` is a number).
    Scalar(String, bool),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The value under `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value node under `key` when this node is a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The scalar text of this node, if it is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// A short name for the kind of node, for error messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "null",
            NodeKind::Scalar(..) => "a scalar",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax problem, at a character offset.
#[derive(Clone, Debug)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
}

impl YamlError {
    pub(super) fn new(message: String, span: Span) -> YamlError {
        YamlError {
            message,
            span,
            help: None,
        }
    }
}

/// Parses one YAML document with the default [`Limits`]. An empty file (or one with
/// only comments) is `Null`.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    parse_with(text, &Limits::DEFAULT)
}

/// Parses one YAML document within `limits` (nesting depth, alias expansion, text
/// length), so that no input can exhaust memory or the stack.
pub fn parse_with(text: &str, limits: &Limits) -> Result<Node, YamlError> {
    parse_tracked(text, limits).map(|(node, _)| node)
}

/// Parses a file to be edited in place: the tree, and where its first anchor or alias
/// is (an edit there could not be made faithfully: one part stands for another).
pub fn parse_for_edit(text: &str) -> Result<(Node, Option<Span>), YamlError> {
    parse_tracked(text, &Limits::DEFAULT)
}

/// [`parse_with`], also telling where the text first uses an anchor or alias (which tie
/// one part of a file to another, so a part cannot be re-read or edited on its own).
pub(super) fn parse_tracked(
    text: &str,
    limits: &Limits,
) -> Result<(Node, Option<Span>), YamlError> {
    let mut builder = Builder {
        limits: *limits,
        ..Builder::default()
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            super::text::syntax_error(text, e.info(), clamp_u32(e.marker().index()))
        })?;
        builder.event(event, span_of(&span))?;
    }
    let root = builder.root.unwrap_or(Node {
        span: Span::default(),
        kind: NodeKind::Null,
    });
    Ok((root, builder.alias_at))
}

enum Frame {
    Seq(Span, usize, Vec<Node>),
    Map(Span, usize, Vec<(Node, Node)>, Option<Node>),
}

#[derive(Default)]
struct Builder {
    limits: Limits,
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    anchors: HashMap<usize, Node>,
    /// Nodes copied so far for anchors and aliases (bounded by `limits.alias_nodes`).
    alias_nodes: usize,
    /// Where the first anchor or alias is.
    alias_at: Option<Span>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError::new(
                        "a program file holds one YAML document; found a second one (`---`)".into(),
                        span,
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if let Some(c) = super::text::first_control(&value) {
                    return Err(YamlError::new(
                        format!(
                            "the text holds the control character U+{:04X} (written as an escape), which is not allowed",
                            c as u32
                        ),
                        span,
                    ));
                }
                let max = self.limits.string_length;
                if value.len() > max && value.chars().count() > max {
                    return Err(YamlError::new(
                        format!(
                            "a text of {} characters, longer than the limit of {max} ({})",
                            value.chars().count(),
                            limits::key("string_length")
                        ),
                        span,
                    ));
                }
                let forced_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let plain = style == ScalarStyle::Plain && !forced_str;
                let kind = if plain && is_null(&value) {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar(value.into_owned(), plain)
                };
                self.finish(Node { span, kind }, anchor)?;
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq(span, anchor, Vec::new()))?,
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map(span, anchor, Vec::new(), None))?
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            Event::Alias(id) => {
                self.alias_at.get_or_insert(span);
                let size = match self.anchors.get(&id) {
                    Some(node) => count_nodes(node, self.budget_left().saturating_add(1)),
                    None => {
                        return Err(YamlError::new("alias to an unknown anchor".into(), span));
                    }
                };
                self.spend(size, span)?;
                let node = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| YamlError::new("alias to an unknown anchor".into(), span))?;
                self.finish(Node { span, ..node }, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn budget_left(&self) -> usize {
        self.limits.alias_nodes.saturating_sub(self.alias_nodes)
    }

    /// Charges `nodes` copied nodes against the alias budget.
    fn spend(&mut self, nodes: usize, span: Span) -> Result<(), YamlError> {
        self.alias_nodes = self.alias_nodes.saturating_add(nodes);
        if self.alias_nodes > self.limits.alias_nodes {
            return Err(YamlError {
                help: Some(format!(
                    "a document whose aliases multiply (a \"billion laughs\") is refused; the limit is {}",
                    limits::key("alias_nodes")
                )),
                ..YamlError::new(
                    format!(
                        "anchors and aliases expand to more than {} nodes",
                        self.limits.alias_nodes
                    ),
                    span,
                )
            });
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.depth {
            let span = match &frame {
                Frame::Seq(s, ..) | Frame::Map(s, ..) => *s,
            };
            return Err(YamlError::new(
                format!(
                    "lists and mappings nested deeper than {} levels ({})",
                    self.limits.depth,
                    limits::key("depth")
                ),
                span,
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<(), YamlError> {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq(start, anchor, items)) => (
                Node {
                    span: Span {
                        start: start.start,
                        end: end.end.max(start.start),
                    },
                    kind: NodeKind::Seq(items),
                },
                anchor,
            ),
            Some(Frame::Map(start, anchor, entries, _)) => (
                Node {
                    span: Span {
                        start: start.start,
                        end: end.end.max(start.start),
                    },
                    kind: NodeKind::Map(entries),
                },
                anchor,
            ),
            None => return Ok(()),
        };
        self.finish(node, anchor)
    }

    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.alias_at.get_or_insert(node.span);
            // An anchor keeps a copy: it counts against the same budget as aliases.
            let size = count_nodes(&node, self.budget_left().saturating_add(1));
            self.spend(size, node.span)?;
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(_, _, items)) => items.push(node),
            Some(Frame::Map(_, _, entries, pending)) => match pending.take() {
                None => {
                    if !matches!(node.kind, NodeKind::Scalar(..) | NodeKind::Null) {
                        return Err(YamlError::new(
                            "mapping keys must be plain text".into(),
                            node.span,
                        ));
                    }
                    *pending = Some(node);
                }
                Some(key) => entries.push((key, node)),
            },
        }
        Ok(())
    }
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// The nodes in a tree, counting no further than `cap` (so counting costs no more
/// than the budget it is checked against).
fn count_nodes(node: &Node, cap: usize) -> usize {
    let mut count = 0usize;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        count += 1;
        if count >= cap {
            return count;
        }
        match &node.kind {
            NodeKind::Null | NodeKind::Scalar(..) => {}
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
        }
    }
    count
}

/// Converts a character offset into a byte offset of `text`.
pub fn byte_offset(text: &str, chars: u32) -> usize {
    if text.is_ascii() {
        return (chars as usize).min(text.len());
    }
    text.char_indices()
        .nth(chars as usize)
        .map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_maps_and_sequences_with_spans() {
        let text = "a: 1\nb:\n  - x\n  - 'y'\n";
        let root = parse(text).unwrap();
        let a = root.get("a").unwrap();
        assert!(matches!(&a.kind, NodeKind::Scalar(s, true) if &**s == "1"));
        let b = root.get("b").unwrap();
        let NodeKind::Seq(items) = &b.kind else {
            panic!("not a seq")
        };
        assert!(matches!(&items[1].kind, NodeKind::Scalar(s, false) if &**s == "y"));
        assert_eq!(
            &text[items[0].span.start as usize..items[0].span.end as usize],
            "x"
        );
    }

    #[test]
    fn empty_and_comment_only_files_are_null() {
        assert!(matches!(parse("").unwrap().kind, NodeKind::Null));
        assert!(matches!(parse("# nothing\n").unwrap().kind, NodeKind::Null));
    }

    #[test]
    fn rejects_a_second_document_and_reports_syntax_errors() {
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
        let err = parse("a: [1, 2\n").unwrap_err();
        assert!(!err.message.is_empty());
    }

    #[test]
    fn expands_aliases_within_budget() {
        let root = parse("a: &x [1, 2]\nb: *x\n").unwrap();
        assert!(matches!(&root.get("b").unwrap().kind, NodeKind::Seq(v) if v.len() == 2));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse(&bomb).unwrap_err().message.contains("aliases expand"));
    }

    #[test]
    fn byte_offsets_account_for_multibyte_text() {
        let text = "é: ü";
        assert_eq!(byte_offset(text, 3), 4);
    }
}
