//! An in-memory program: a git revision's files, tests, fuzzing, generated programs.
use std::collections::BTreeMap;
use std::sync::Arc;

use super::{CONFIG_FILE, Source, SourceError, is_program_file};

/// Program files held in memory, by path relative to the root.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<String, (Arc<[u8]>, Option<String>)>,
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
        self.files.insert(rel.to_string(), (bytes, content_id));
        self
    }

    /// Names files in messages as `prefix` + path (e.g. `v1:examples/x/`).
    pub fn with_display_prefix(mut self, prefix: String) -> Memory {
        self.display_prefix = prefix;
        self
    }
}

impl Source for Memory {
    fn program_files(&self, exclude: &[String]) -> Result<Vec<String>, SourceError> {
        let globs = super::worktree::glob_set(exclude)?;
        Ok(self
            .files
            .keys()
            .filter(|p| is_program_file(p) && !globs.is_match(p.as_str()))
            .cloned()
            .collect())
    }

    fn read(&self, rel: &str) -> Result<Vec<u8>, SourceError> {
        self.files
            .get(rel)
            .map(|(bytes, _)| bytes.to_vec())
            .ok_or_else(|| SourceError::Io {
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

    fn display_name(&self, rel: &str) -> String {
        format!("{}{rel}", self.display_prefix)
    }

    fn content_id(&self, rel: &str) -> Option<String> {
        self.files.get(rel).and_then(|(_, id)| id.clone())
    }
}
