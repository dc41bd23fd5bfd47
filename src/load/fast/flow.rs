//! One-line flow collections (`[a, b]`, `{ id: m0, lag: 1 }`) for the fast reader.
use super::{Reader, plain_first};
use crate::load::yaml::{Node, NodeKind};

impl Reader<'_> {
    /// A one-line flow list or mapping of scalars, at its `[` or `{`.
    pub(super) fn flow(&mut self, depth: usize) -> Option<Node> {
        if depth >= self.limits.depth {
            return None;
        }
        let start = self.pos;
        let (close, map) = if self.peek() == b'[' {
            (b']', false)
        } else {
            (b'}', true)
        };
        self.pos += 1;
        self.skip_spaces();
        let mut items = Vec::new();
        let mut entries = Vec::new();
        if self.peek() != close {
            loop {
                let first = self.flow_scalar()?;
                if map {
                    let colon = self.pos;
                    if self.peek() != b':' || self.at(colon + 1) != b' ' || !first.1 {
                        return None;
                    }
                    self.pos += 1;
                    self.skip_spaces();
                    entries.push((first.0, self.flow_scalar()?.0));
                } else {
                    items.push(first.0);
                }
                match self.peek() {
                    b',' => {
                        self.pos += 1;
                        self.skip_spaces();
                        if self.peek() == close {
                            return None;
                        }
                    }
                    c if c == close => break,
                    _ => return None,
                }
            }
        }
        self.pos += 1;
        let kind = if map {
            NodeKind::Map(entries)
        } else {
            NodeKind::Seq(items)
        };
        Some(Node {
            span: self.span(start, self.pos),
            kind,
        })
    }

    /// A scalar inside a flow collection, and whether it was plain; the reader ends on
    /// the `,`, `:` or bracket after it.
    fn flow_scalar(&mut self) -> Option<(Node, bool)> {
        let start = self.pos;
        if matches!(self.peek(), b'"' | b'\'') {
            let value = self.quoted()?;
            self.skip_spaces();
            return Some((self.owned_scalar(start, self.pos, value)?, false));
        }
        if !plain_first(self.peek(), self.at(self.pos + 1)) {
            return None;
        }
        let mut end = start;
        loop {
            match self.peek() {
                b',' | b']' | b'}' | b':' => break,
                b'\n' | b'[' | b'{' | b'#' | b'"' | b'\'' => return None,
                b' ' => {}
                _ => end = self.pos + 1,
            }
            self.pos += 1;
        }
        Some((self.scalar(start, end, end, true)?, true))
    }
}
