//! A fast reader for the plain YAML that program files are written in, beside the
//! full parser.
//!
//! Most program files use a small part of YAML: block mappings and lists, one-line
//! scalars, one-line flow lists and mappings, comments. This module reads exactly that
//! part straight from the bytes, several times faster than the general parser, and
//! builds the same [`Node`]s with the same spans. Anything else — tabs, non-ASCII text,
//! anchors, tags, multi-line scalars, escapes, document markers, and every syntax
//! error — makes it give up (`None`), and the file is read by saphyr-parser instead.
//! Its tests check it against saphyr-parser on generated files.
use std::cell::Cell;

use super::yaml::{Node, NodeKind, Span, is_null};
use crate::limits::Limits;

/// The tree of `text` when it is in the plain subset, or `None`.
pub(super) fn parse(text: &str, limits: &Limits) -> Option<Node> {
    let b = text.as_bytes();
    // Control characters (tab, CR, DEL) have rules of their own, and so have the
    // characters YAML 1.1 took for line breaks and the byte-order mark.
    let ascii = text.is_ascii();
    if b.iter().any(|&c| (c < b' ' && c != b'\n') || c == 0x7f)
        || (!ascii && text.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']))
        || b.len() > u32::MAX as usize
    {
        return None;
    }
    let mut p = Reader {
        text,
        b,
        pos: 0,
        line: 0,
        limits,
        ascii,
        chars: Cell::new((0, 0)),
    };
    p.skip_lines();
    if p.eof() || p.col() != 0 || p.starts_with(b"---") || p.starts_with(b"...") {
        return None;
    }
    let root = if p.at_dash() {
        p.block_seq(0, false, 0)?
    } else {
        p.block_map(0, 0)?
    };
    p.eof().then_some(root)
}

struct Reader<'a> {
    /// The text; every structural position is a character boundary.
    text: &'a str,
    b: &'a [u8],
    /// The current byte.
    pos: usize,
    /// Where the current line starts.
    line: usize,
    limits: &'a Limits,
    /// Whether the text is all ASCII (then a byte offset is a character offset).
    ascii: bool,
    /// The last byte offset turned into a character offset, and that character offset:
    /// spans come in nearly in order, so each is counted from the one before.
    chars: Cell<(usize, usize)>,
}

impl Reader<'_> {
    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    /// The byte at `i`, or a line feed past the end (the end ends a line).
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }

    fn col(&self) -> usize {
        self.pos - self.line
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.b[self.pos..].starts_with(s)
    }

    /// At a `- ` that opens a list item (`-` alone on its line is not taken).
    fn at_dash(&self) -> bool {
        self.peek() == b'-' && self.at(self.pos + 1) == b' '
    }

    /// The span of bytes `start..end`, in characters as saphyr-parser counts them.
    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.char_offset(start),
            end: self.char_offset(end),
        }
    }

    fn char_offset(&self, byte: usize) -> u32 {
        // The text is under 4 GiB (checked on entry).
        if self.ascii {
            return byte as u32;
        }
        let (from, chars) = self.chars.get();
        // Characters start at every byte that is not a UTF-8 continuation byte.
        let count = |bytes: &[u8]| bytes.iter().filter(|&&c| (c as i8) >= -0x40).count();
        let chars = if byte >= from {
            chars + count(&self.b[from..byte])
        } else {
            chars - count(&self.b[byte..from])
        };
        self.chars.set((byte, chars));
        chars as u32
    }

    fn skip_spaces(&mut self) -> usize {
        let start = self.pos;
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        self.pos - start
    }

    /// From the start of a line, past blank and comment-only lines to the first token
    /// of the next line with content (or the end of the text).
    fn skip_lines(&mut self) {
        loop {
            self.line = self.pos;
            self.skip_spaces();
            match self.b.get(self.pos) {
                Some(b'\n') => self.pos += 1,
                Some(b'#') => self.skip_to_line_end(true),
                _ => return,
            }
        }
    }

    /// To the end of the line, and past its line feed when `past`.
    fn skip_to_line_end(&mut self, past: bool) {
        match self.b[self.pos..].iter().position(|&c| c == b'\n') {
            Some(n) => self.pos += n + usize::from(past),
            None => self.pos = self.b.len(),
        }
    }

    /// After a value: spaces and a comment to the end of the line, then on to the next
    /// token. Returns where the spaces and comment end (a quoted scalar's span reaches
    /// there), or `None` when something else follows the value.
    fn end_line(&mut self) -> Option<usize> {
        self.skip_spaces();
        if self.peek() == b'#' && self.pos > 0 && self.b[self.pos - 1] == b' ' {
            self.skip_to_line_end(false);
        }
        let end = self.pos;
        if self.peek() != b'\n' {
            return None;
        }
        self.pos = (self.pos + 1).min(self.b.len());
        self.skip_lines();
        Some(end)
    }

    /// A block mapping whose first key is at the current token, in column `indent`.
    fn block_map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth >= self.limits.depth {
            return None;
        }
        let start = self.pos;
        // Most mappings in a program file are items of about this many keys.
        let mut entries = Vec::with_capacity(8);
        loop {
            let key = self.key()?;
            let colon = self.pos;
            self.pos += 1;
            let value = self.map_value(indent, colon, depth + 1)?;
            entries.push((key, value));
            if self.eof() || self.col() < indent {
                break;
            }
            if self.col() > indent {
                return None;
            }
        }
        Some(Node {
            span: self.span(start, self.pos),
            kind: NodeKind::Map(entries),
        })
    }

    /// The length of the key at the current token when it is a plain key followed by
    /// `: ` (or `:` at the end of the line).
    fn key_len(&self) -> Option<usize> {
        let rest = &self.b[self.pos..];
        let first = *rest.first()?;
        if !(first.is_ascii_alphanumeric() || first == b'_') {
            return None;
        }
        let n = rest
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')))?;
        (rest[n] == b':' && matches!(self.at(self.pos + n + 1), b' ' | b'\n') && n <= 1024)
            .then_some(n)
    }

    /// A mapping key; leaves the reader on its `:`.
    fn key(&mut self) -> Option<Node> {
        let n = self.key_len()?;
        let start = self.pos;
        self.pos += n;
        self.scalar(start, self.pos, self.pos, true)
    }

    /// The value after a key's `:` (the reader is past it), ending on the next token.
    fn map_value(&mut self, indent: usize, colon: usize, depth: usize) -> Option<Node> {
        let spaces = self.skip_spaces();
        let empty = self.peek() == b'\n' || (self.peek() == b'#' && spaces > 0);
        if !empty {
            let value = self.inline_value(depth)?;
            return (self.eof() || self.col() <= indent).then_some(value);
        }
        self.end_line()?;
        let null = Node {
            span: self.span(colon, colon),
            kind: NodeKind::Null,
        };
        if self.eof() || self.col() < indent {
            return Some(null);
        }
        let col = self.col();
        match (col == indent, self.at_dash()) {
            (true, true) => self.block_seq(col, true, depth),
            (true, false) => Some(null),
            (false, true) => self.block_seq(col, false, depth),
            (false, false) => self.block_map(col, depth),
        }
    }

    /// A block list whose first `- ` is at the current token, in column `indent`. An
    /// indentless list (a mapping's value in the mapping's own column) ends at the
    /// first line of that column without a dash, and starts where its first item does.
    fn block_seq(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<Node> {
        if depth >= self.limits.depth {
            return None;
        }
        let mut start = self.pos;
        let mut items = Vec::new();
        loop {
            self.pos += 1;
            self.skip_spaces();
            if indentless && items.is_empty() {
                start = self.pos;
            }
            let item = match self.peek() {
                b'\n' | b'#' => return None,
                _ if self.at_dash() => return None,
                _ if self.key_len().is_some() => self.block_map(self.col(), depth + 1)?,
                _ => self.inline_value(depth + 1)?,
            };
            items.push(item);
            if self.eof() || self.col() < indent {
                break;
            }
            if self.col() > indent {
                return None;
            }
            if !self.at_dash() {
                if indentless {
                    break;
                }
                return None;
            }
        }
        Some(Node {
            span: self.span(start, self.pos),
            kind: NodeKind::Seq(items),
        })
    }

    /// A scalar or flow collection on the rest of the line, then on to the next token.
    fn inline_value(&mut self, depth: usize) -> Option<Node> {
        let start = self.pos;
        match self.peek() {
            b'"' | b'\'' => {
                let value = self.quoted()?;
                let end = self.end_line()?;
                self.owned_scalar(start, end, value)
            }
            b'[' | b'{' => {
                let mut node = self.flow(depth)?;
                // As after a quoted scalar, the span takes in trailing spaces and a comment.
                let end = self.end_line()?;
                node.span.end = self.span(start, end).end;
                Some(node)
            }
            first if plain_first(first, self.at(self.pos + 1)) => {
                let end = self.block_plain_end()?;
                self.pos = end;
                let node = self.scalar(start, end, end, true)?;
                self.end_line()?;
                Some(node)
            }
            _ => None,
        }
    }

    /// Where a one-line plain scalar in block context ends (trailing spaces and a
    /// comment excluded); `None` if it holds `: ` or goes on to the next line.
    fn block_plain_end(&self) -> Option<usize> {
        let mut i = self.pos;
        let mut end = i;
        loop {
            match self.at(i) {
                b'\n' => return Some(end),
                b'#' if i > self.pos && self.b[i - 1] == b' ' => return Some(end),
                b':' if matches!(self.at(i + 1), b' ' | b'\n') => return None,
                b' ' => {}
                _ => end = i + 1,
            }
            i += 1;
        }
    }

    /// A one-line quoted scalar without escapes: its text (the reader ends past it).
    fn quoted(&mut self) -> Option<String> {
        let quote = self.peek();
        let mut value = String::new();
        let mut i = self.pos + 1;
        loop {
            let n = self.b[i..]
                .iter()
                .position(|&c| c == quote || c == b'\n' || c == b'\\')?;
            let c = self.b[i + n];
            if c == b'\n' || (c == b'\\' && quote == b'"') {
                return None;
            }
            if c == b'\\' {
                value.push_str(self.text.get(i..=i + n)?);
                i += n + 1;
                continue;
            }
            value.push_str(self.text.get(i..i + n)?);
            i += n + 1;
            if quote == b'\'' && self.at(i) == b'\'' {
                value.push('\'');
                i += 1;
                continue;
            }
            self.pos = i;
            return Some(value);
        }
    }

    /// A scalar node for `b[start..end]`, its span ending at `span_end`.
    fn scalar(&self, start: usize, end: usize, span_end: usize, plain: bool) -> Option<Node> {
        let text = self.text.get(start..end)?;
        let span = self.span(start, span_end);
        if plain && is_null(text) {
            return Some(Node {
                span,
                kind: NodeKind::Null,
            });
        }
        if self.too_long(text) {
            return None;
        }
        Some(Node {
            span,
            kind: NodeKind::Scalar(text.to_string(), plain),
        })
    }

    /// Whether a scalar is over the length limit (in characters).
    fn too_long(&self, text: &str) -> bool {
        let max = self.limits.string_length;
        text.len() > max && text.chars().count() > max
    }

    /// A quoted scalar node holding `value`.
    fn owned_scalar(&self, start: usize, span_end: usize, value: String) -> Option<Node> {
        (!self.too_long(&value)).then(|| Node {
            span: self.span(start, span_end),
            kind: NodeKind::Scalar(value, false),
        })
    }
}

/// Whether a plain scalar may start with `c` (followed by `next`): not with an
/// indicator, except `-` before a letter or digit (`-5`).
fn plain_first(c: u8, next: u8) -> bool {
    match c {
        b'-' => next.is_ascii_alphanumeric(),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
        _ => true,
    }
}

mod flow;
#[cfg(test)]
mod tests;
