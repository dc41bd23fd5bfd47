//! A file's text indexed by lines, for diagnostics: line and column of any place in
//! O(log lines), and snippets that cost the size of the snippet, not of the file — so
//! that a huge file with many problems is still reported in linear time.
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::load::yaml;

/// Bytes between character checkpoints (character → byte conversion walks at most
/// this far).
const CHECKPOINT: usize = 4096;

/// A text (as shown: see [`crate::load::text::same_length_printable`]) with the byte
/// offset of every line start (after `\n`, `\r\n` or a lone `\r`,
/// as miette counts lines) and of every [`CHECKPOINT`]-th character.
#[derive(Clone, Debug)]
pub struct Indexed {
    text: Arc<str>,
    lines: Arc<[usize]>,
    /// (character index, byte offset) every `CHECKPOINT` characters; empty for ASCII.
    checkpoints: Arc<[(u32, usize)]>,
}

impl Indexed {
    /// Indexes `text` (one pass).
    pub fn new(text: Arc<str>) -> Indexed {
        let bytes = text.as_bytes();
        let mut lines = vec![0];
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match b {
                b'\n' => lines.push(i),
                b'\r' if bytes.get(i) == Some(&b'\n') => {}
                b'\r' => lines.push(i),
                _ => {}
            }
        }
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            for (n, (byte, _)) in text.char_indices().enumerate() {
                if n % CHECKPOINT == 0 {
                    checkpoints.push((u32::try_from(n).unwrap_or(u32::MAX), byte));
                }
            }
        }
        // Shown text: control characters become placeholders of the same length, so
        // a hostile file cannot drive the terminal, and every offset still holds.
        let text = match crate::load::text::same_length_printable(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(shown) => Arc::from(shown),
        };
        Indexed {
            text,
            lines: lines.into(),
            checkpoints: checkpoints.into(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset of character `chars` (clamped to the end).
    pub fn byte_of_char(&self, chars: u32) -> usize {
        if self.checkpoints.is_empty() {
            return (chars as usize).min(self.text.len());
        }
        let k = self.checkpoints.partition_point(|(c, _)| *c <= chars);
        let (c0, b0) = k
            .checked_sub(1)
            .and_then(|k| self.checkpoints.get(k))
            .copied()
            .unwrap_or((0, 0));
        let rest = self.text.get(b0..).unwrap_or("");
        b0 + yaml::byte_offset(rest, chars - c0)
    }

    /// The 0-based line holding byte `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        self.lines
            .partition_point(|start| *start <= byte)
            .saturating_sub(1)
    }

    /// The byte range of line `line` (0-based), without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.lines.get(line).copied().unwrap_or(self.text.len());
        let mut end = self.lines.get(line + 1).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based column (in characters) of byte `byte`.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let line = self.line_of(byte);
        let start = self.lines.get(line).copied().unwrap_or(0);
        let before = self
            .text
            .get(start..byte.min(self.text.len()))
            .unwrap_or("");
        (line + 1, before.chars().count() + 1)
    }
}

impl SourceCode for Indexed {
    /// miette's own reading, run on a window of lines around the span only.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let first = self
            .line_of(span.offset())
            .saturating_sub(context_lines_before + 1);
        let last = self.line_of(span.offset() + span.len()) + context_lines_after + 2;
        let start = self.lines.get(first).copied().unwrap_or(0);
        let end = self.lines.get(last).copied().unwrap_or(self.text.len());
        let window = self
            .text
            .as_bytes()
            .get(start..end)
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::from((span.offset().saturating_sub(start), span.len()));
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let data: &'a [u8] = inner.data();
        Ok(Box::new(MietteSpanContents::new(
            data,
            SourceSpan::from((inner.span().offset() + start, inner.span().len())),
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_columns_and_characters() {
        let text = Indexed::new(Arc::from("a: 1\r\nbé: 2\rc: 3\n"));
        assert_eq!(text.line_col(0), (1, 1));
        assert_eq!(text.line_col(6), (2, 1));
        assert_eq!(text.line_col(10), (2, 4));
        assert_eq!(text.line_col(13), (3, 1));
        assert_eq!(text.byte_of_char(8), 9);
        assert_eq!(text.line_range(1), 6..12);
    }

    #[test]
    fn snippets_match_miettes_own() {
        let text: String = (0..50).map(|i| format!("line {i}: é\r\n")).collect();
        let indexed = Indexed::new(Arc::from(text.as_str()));
        for offset in [0, 7, 200, text.len() - 3] {
            let span = SourceSpan::from((offset, 2));
            let ours = indexed.read_span(&span, 2, 2).unwrap();
            let theirs = text.as_str().read_span(&span, 2, 2).unwrap();
            assert_eq!(ours.data(), theirs.data(), "at {offset}");
            assert_eq!(ours.span(), theirs.span());
            assert_eq!(ours.line(), theirs.line());
            assert_eq!(ours.column(), theirs.column());
        }
    }
}
