//! A source with some files replaced in memory: the program as it would be after an
//! edit, loaded and checked before anything is written.
use std::collections::BTreeMap;

use super::{Listing, Source, SourceError};

/// `base` with the files in `replaced` (by path relative to the root) read from memory.
pub struct Overlay<'a> {
    base: &'a dyn Source,
    replaced: BTreeMap<String, Vec<u8>>,
}

impl<'a> Overlay<'a> {
    pub fn new(base: &'a dyn Source, replaced: BTreeMap<String, Vec<u8>>) -> Overlay<'a> {
        Overlay { base, replaced }
    }
}

impl Source for Overlay<'_> {
    fn program_files(&self, exclude: &[String]) -> Result<Listing, SourceError> {
        self.base.program_files(exclude)
    }

    fn size(&self, rel: &str) -> Result<u64, SourceError> {
        match self.replaced.get(rel) {
            Some(bytes) => Ok(bytes.len() as u64),
            None => self.base.size(rel),
        }
    }

    fn read(&self, rel: &str, limit: u64) -> Result<Vec<u8>, SourceError> {
        match self.replaced.get(rel) {
            Some(bytes) if bytes.len() as u64 > limit => Err(SourceError::TooLarge {
                path: self.base.display_name(rel).into(),
                size: bytes.len() as u64,
                limit,
            }),
            Some(bytes) => Ok(bytes.clone()),
            None => self.base.read(rel, limit),
        }
    }

    fn display_name(&self, rel: &str) -> String {
        self.base.display_name(rel)
    }
}
