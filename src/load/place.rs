//! Placing a location: which file, line and column a [`Loc`] names. Files are parsed
//! again only when a location is shown (a path into a YAML tree is resolved then), and
//! indexed by lines so that a place costs O(log lines).
use std::collections::HashMap;
use std::sync::Arc;

use super::{locate, yaml};
use crate::diag::{FileId, Files, Loc};

/// Bytes between character checkpoints (character → byte conversion walks at most
/// this far).
const CHECKPOINT: usize = 4096;

/// A text (as shown: see [`crate::load::text::same_length_printable`]) with the byte
/// offset of every line start (after `\n`, `\r\n` or a lone `\r`,
/// as miette counts lines) and of every [`CHECKPOINT`]-th character.
#[derive(Clone, Debug)]
pub struct Indexed {
    pub(crate) text: Arc<str>,
    pub(crate) lines: Arc<[usize]>,
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

/// A file, 1-based line and 1-based column (in characters).
pub type Place = (FileId, usize, usize);

/// Resolves locations to byte spans, parsing and indexing each file at most once.
pub struct Resolver<'a> {
    files: &'a Files,
    trees: HashMap<FileId, Option<yaml::Node>>,
    texts: HashMap<FileId, Indexed>,
}

impl<'a> Resolver<'a> {
    /// A resolver over `files`.
    pub fn new(files: &'a Files) -> Self {
        Resolver {
            files,
            trees: HashMap::new(),
            texts: HashMap::new(),
        }
    }

    /// The indexed text of a file.
    pub fn text(&mut self, id: FileId) -> Option<&Indexed> {
        let file = self.files.get(id)?;
        Some(
            self.texts
                .entry(id)
                .or_insert_with(|| Indexed::new(file.text.clone())),
        )
    }

    /// The file and byte range a location names.
    pub fn resolve(&mut self, loc: &Loc) -> Option<(FileId, std::ops::Range<usize>)> {
        let id = loc.file();
        let span = match loc {
            Loc::Chars { span, .. } => *span,
            Loc::Bytes { start, end, .. } => {
                let len = self.text(id)?.text().len();
                return Some((id, (*start).min(len)..(*end).min(len)));
            }
            Loc::File { .. } => return Some((id, 0..0)),
            Loc::Path { path, .. } => {
                let text = self.files.get(id)?.text.clone();
                let limits = self.files.limits();
                let tree = self
                    .trees
                    .entry(id)
                    .or_insert_with(|| yaml::parse_with(&text, limits).ok());
                locate::walk(tree.as_ref()?, path)
            }
        };
        let text = self.text(id)?;
        Some((
            id,
            text.byte_of_char(span.start)..text.byte_of_char(span.end),
        ))
    }

    /// The file, 1-based line and 1-based column (in characters) of a location.
    pub fn place(&mut self, loc: &Loc) -> Option<(FileId, usize, usize)> {
        let (file, range) = self.resolve(loc)?;
        let (line, col) = self.text(file)?.line_col(range.start);
        Some((file, line, col))
    }

    /// The places of many locations, file by file on all cores: each file is parsed
    /// once and dropped once its locations are placed, so placing every item of a
    /// large program holds one tree per core.
    pub fn places(&self, locs: &[Loc]) -> Vec<Option<Place>> {
        let mut by_file: Vec<(FileId, Vec<usize>)> = Vec::new();
        let mut order: Vec<usize> = (0..locs.len()).collect();
        order.sort_by_key(|&i| locs[i].file());
        for i in order {
            match by_file.last_mut() {
                Some((file, items)) if *file == locs[i].file() => items.push(i),
                _ => by_file.push((locs[i].file(), vec![i])),
            }
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut out = Vec::new();
            let ordering = std::sync::atomic::Ordering::Relaxed;
            while let Some((_, items)) = by_file.get(next.fetch_add(1, ordering)) {
                let mut resolver = Resolver::new(self.files);
                out.extend(items.iter().map(|&i| (i, resolver.place(&locs[i]))));
            }
            out
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(by_file.len());
        let placed: Vec<Vec<(usize, Option<Place>)>> = if workers <= 1 {
            vec![work()]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect()
            })
        };
        let mut out = vec![None; locs.len()];
        for (i, place) in placed.into_iter().flatten() {
            out[i] = place;
        }
        out
    }

    /// `path:line:col` of a location.
    pub fn position(&mut self, loc: &Loc) -> Option<String> {
        let (file, line, col) = self.place(loc)?;
        Some(format!("{}:{line}:{col}", self.files.get(file)?.name))
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
}
