//! The text of a file being edited: character spans (as the YAML reader gives them) to
//! byte offsets, lines and their breaks, and one splice at a time.
use std::ops::Range;

use crate::load::yaml::{Node, Span};

/// A file's text while it is edited, with the line break it uses.
#[derive(Clone, Debug)]
pub struct Text {
    pub text: String,
    /// `\r\n` when the file uses it, else `\n`: new lines are written the same way.
    pub eol: &'static str,
}

impl Text {
    pub fn new(text: String) -> Text {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Text { text, eol }
    }

    /// The byte offset of character `chars`.
    pub fn byte(&self, chars: u32) -> usize {
        let n = chars as usize;
        if self.text.is_ascii() {
            return n.min(self.text.len());
        }
        self.text
            .char_indices()
            .nth(n)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// The bytes a span covers.
    pub fn bytes(&self, span: Span) -> Range<usize> {
        self.byte(span.start)..self.byte(span.end)
    }

    /// The bytes a node's text covers, trailing blanks and line breaks left out (a
    /// block value's span may run on to the next line).
    /// A quoted scalar ends at its closing quote (the reader's span may run on over a
    /// comment after it).
    pub fn trimmed(&self, node: &Node) -> Range<usize> {
        let Range { start, end } = self.bytes(node.span);
        if let Some(close) = self.quoted_end(start) {
            return start..close;
        }
        let text = &self.text[start..end.max(start)];
        start..start + text.trim_end().len()
    }

    /// The end (after the closing quote) of a quoted scalar starting at `start`.
    fn quoted_end(&self, start: usize) -> Option<usize> {
        let quote = self.at(start).filter(|c| *c == '\'' || *c == '"')?;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if quote == '"' => i += 2,
                b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
                b if b == quote as u8 => return Some(i + 1),
                _ => i += 1,
            }
        }
        None
    }

    /// The start of the line holding `byte`.
    pub fn line_start(&self, byte: usize) -> usize {
        self.text[..byte].rfind(['\n', '\r']).map_or(0, |i| i + 1)
    }

    /// The end of the line holding `byte`, after its line break (the end of the text
    /// when the last line has none).
    pub fn line_end(&self, byte: usize) -> usize {
        match self.text[byte..].find('\n') {
            Some(i) => byte + i + 1,
            None => self.text.len(),
        }
    }

    /// The end of the line holding the last byte of `range` (its line break included).
    pub fn last_line_end(&self, range: &Range<usize>) -> usize {
        let mut last = range.end.saturating_sub(1).max(range.start);
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        self.line_end(last)
    }

    /// Whether the line before `byte` (from its start) holds only blanks.
    pub fn only_blanks_before(&self, byte: usize) -> bool {
        self.text[self.line_start(byte)..byte]
            .chars()
            .all(|c| c == ' ' || c == '\t')
    }

    /// The text from the start of `byte`'s line to `byte`, as spaces: the indent that
    /// lines up a new line with what stands at `byte`.
    pub fn column_indent(&self, byte: usize) -> String {
        " ".repeat(self.text[self.line_start(byte)..byte].chars().count())
    }

    /// The character at `byte`, if any.
    pub fn at(&self, byte: usize) -> Option<char> {
        self.text[byte..].chars().next()
    }

    /// Inserts `line` (without its break) as a new line after the line ending at
    /// `line_end`, which may be the end of a text without a final line break.
    pub fn insert_line(&mut self, line_end: usize, line: &str) {
        let ends_with_break = line_end > 0 && self.text[..line_end].ends_with('\n');
        let insert = if ends_with_break {
            format!("{line}{}", self.eol)
        } else {
            format!("{}{line}", self.eol)
        };
        self.text.insert_str(line_end, &insert);
    }

    /// Removes whole lines: from the start of `from`'s line to the end of the line that
    /// ends at `to_line_end`. When these are the last lines and the text had no final
    /// line break, the break before them goes instead, so an insert is undone exactly.
    pub fn remove_lines(&mut self, from: usize, to_line_end: usize) {
        let start = self.line_start(from);
        if to_line_end == self.text.len() && !self.text.ends_with('\n') && start > 0 {
            let before = if self.text[..start].ends_with("\r\n") {
                start - 2
            } else {
                start - 1
            };
            self.text.replace_range(before..to_line_end, "");
        } else {
            self.text.replace_range(start..to_line_end, "");
        }
    }

    /// Removes the lines from `from`'s line to the end of the line holding the byte
    /// before `content_end` (the end of what is removed); a comment after it on that
    /// line stays, on a line of its own at `from`'s column.
    pub fn remove_lines_keeping_comment(&mut self, from: usize, content_end: usize) {
        let end = self.last_line_end(&(from..content_end));
        let rest = self.text[content_end..end].trim();
        if rest.starts_with('#') {
            let line = format!("{}{rest}", self.column_indent(from));
            let eol = if self.text[..end].ends_with('\n') {
                self.eol
            } else {
                ""
            };
            let start = self.line_start(from);
            self.text.replace_range(start..end, &format!("{line}{eol}"));
        } else {
            self.remove_lines(from, end);
        }
    }

    /// Replaces `range` with `with`.
    pub fn splice(&mut self, range: Range<usize>, with: &str) {
        self.text.replace_range(range, with);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inserted_line_is_removed_exactly_with_or_without_a_final_break() {
        for original in [
            "a: 1\nb: 2\n",
            "a: 1\nb: 2",
            "a: 1\r\nb: 2\r\n",
            "a: 1\r\nb: 2",
        ] {
            let mut t = Text::new(original.to_string());
            let end = t.line_end(t.text.find("b:").unwrap());
            t.insert_line(end, "c: 3");
            assert!(t.text.contains("c: 3"), "{:?}", t.text);
            let c = t.text.find("c:").unwrap();
            let c_end = t.line_end(c);
            t.remove_lines(c, c_end);
            assert_eq!(t.text, original);
        }
    }

    #[test]
    fn characters_map_to_bytes_in_non_ascii_text() {
        let t = Text::new("é: ü\nx: 1\n".to_string());
        assert_eq!(t.byte(3), "é: ".len());
        assert_eq!(&t.text[t.byte(5)..], "x: 1\n");
    }
}
