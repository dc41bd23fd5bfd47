//! Snippets for miette that cost the size of the snippet, not of the file — so that a
//! huge file with many problems is still reported in linear time.
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

pub use crate::load::place::Indexed;

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
    use std::sync::Arc;

    use super::*;

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
