//! An in-memory program: for tests, fuzzing, and programs assembled by other tools.
use std::collections::BTreeMap;

use super::{CONFIG_FILE, Source, SourceError, is_program_file};

/// Program files held in memory, by path relative to the root.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<String, Vec<u8>>,
}

impl Memory {
    /// An empty program.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds a file (`milepost.toml` or a program file).
    pub fn with(mut self, rel: &str, text: impl Into<Vec<u8>>) -> Memory {
        self.files.insert(rel.to_string(), text.into());
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
        self.files.get(rel).cloned().ok_or_else(|| SourceError::Io {
            path: rel.into(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no {}", if rel == CONFIG_FILE { CONFIG_FILE } else { rel }),
            ),
        })
    }

    fn display_name(&self, rel: &str) -> String {
        rel.to_string()
    }
}
