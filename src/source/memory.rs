//! An in-memory program: a git revision's files, tests, fuzzing, generated programs.
use std::collections::BTreeMap;
use std::sync::Arc;

use super::{CONFIG_FILE, Listing, Skipped, Source, SourceError, is_program_file};

/// One file: its bytes (absent when it was too large to read) and its size.
#[derive(Clone, Debug)]
struct Entry {
    bytes: Option<Arc<[u8]>>,
    size: u64,
    content_id: Option<String>,
}

/// Program files held in memory, by path relative to the root.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<String, Entry>,
    skipped: Vec<Skipped>,
    display_prefix: String,
}

impl Memory {
    /// An empty program.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds a file (`milepost.toml` or a program file).
    pub fn with(self, rel: &str, text: impl Into<Vec<u8>>) -> Memory {
        self.with_shared(rel, Arc::from(text.into()), None)
    }

    /// Adds a file with shared bytes and an id of its content (e.g. a git blob id).
    pub fn with_shared(
        mut self,
        rel: &str,
        bytes: Arc<[u8]>,
        content_id: Option<String>,
    ) -> Memory {
        let size = bytes.len() as u64;
        self.files.insert(
            rel.to_string(),
            Entry {
                bytes: Some(bytes),
                size,
                content_id,
            },
        );
        self
    }

    /// Adds a file known only by its size: too large to have been read. Reading it is
    /// [`SourceError::TooLarge`].
    pub fn with_unread(mut self, rel: &str, size: u64) -> Memory {
        self.files.insert(
            rel.to_string(),
            Entry {
                bytes: None,
                size,
                content_id: None,
            },
        );
        self
    }

    /// Records an entry that is not read (a link, a submodule), and why.
    pub fn with_skipped(mut self, skipped: Skipped) -> Memory {
        self.skipped.push(skipped);
        self
    }

    /// Names files in messages as `prefix` + path (e.g. `v1:examples/x/`).
    pub fn with_display_prefix(mut self, prefix: String) -> Memory {
        self.display_prefix = prefix;
        self
    }

    fn entry(&self, rel: &str) -> Result<&Entry, SourceError> {
        self.files.get(rel).ok_or_else(|| SourceError::Io {
            path: format!("{}{rel}", self.display_prefix).into(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                if rel == CONFIG_FILE {
                    "no milepost.toml"
                } else {
                    "no such file"
                },
            ),
        })
    }
}

impl Source for Memory {
    fn program_files(&self, exclude: &[String]) -> Result<Listing, SourceError> {
        let globs = super::worktree::glob_set(exclude)?;
        let files = self
            .files
            .keys()
            .filter(|p| is_program_file(p) && !globs.is_match(p.as_str()))
            .cloned()
            .collect();
        let skipped = self
            .skipped
            .iter()
            .filter(|s| !globs.is_match(s.rel.as_str()))
            .cloned()
            .collect();
        Ok(Listing { files, skipped })
    }

    fn size(&self, rel: &str) -> Result<u64, SourceError> {
        self.entry(rel).map(|e| e.size)
    }

    fn read(&self, rel: &str, limit: u64) -> Result<Vec<u8>, SourceError> {
        let entry = self.entry(rel)?;
        match &entry.bytes {
            Some(bytes) if entry.size <= limit => Ok(bytes.to_vec()),
            _ => Err(SourceError::TooLarge {
                path: format!("{}{rel}", self.display_prefix).into(),
                size: entry.size,
                limit,
            }),
        }
    }

    fn display_name(&self, rel: &str) -> String {
        format!("{}{rel}", self.display_prefix)
    }

    fn content_id(&self, rel: &str) -> Option<String> {
        self.files.get(rel).and_then(|e| e.content_id.clone())
    }
}
