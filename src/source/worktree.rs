//! The working tree: program files read from a directory on disk.
use std::fs;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use super::{Source, SourceError, is_program_file};

/// A program directory on disk.
pub struct WorkTree {
    root: PathBuf,
    canonical_root: PathBuf,
}

impl WorkTree {
    /// Opens the program whose root directory is `root`.
    pub fn new(root: PathBuf) -> Result<WorkTree, SourceError> {
        let canonical_root = root.canonicalize().map_err(|error| SourceError::Io {
            path: root.clone(),
            error,
        })?;
        Ok(WorkTree {
            root,
            canonical_root,
        })
    }

    /// The root directory as named.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn walk(
        &self,
        dir: &Path,
        rel: &str,
        globs: &GlobSet,
        out: &mut Vec<String>,
    ) -> Result<(), SourceError> {
        let entries = fs::read_dir(dir).map_err(|error| SourceError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
        for entry in entries {
            let entry = entry.map_err(|error| SourceError::Io {
                path: dir.to_path_buf(),
                error,
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if globs.is_match(&child_rel) {
                continue;
            }
            let path = entry.path();
            let Some(meta) = self.metadata_inside_root(&path) else {
                continue;
            };
            if meta.is_dir() {
                self.walk(&path, &child_rel, globs, out)?;
            } else if meta.is_file() && is_program_file(&child_rel) {
                out.push(child_rel);
            }
        }
        Ok(())
    }

    /// The metadata of `path`, following a symlink only when it stays inside the root
    /// (links out of the program, and link loops, are skipped).
    fn metadata_inside_root(&self, path: &Path) -> Option<fs::Metadata> {
        let meta = fs::symlink_metadata(path).ok()?;
        if !meta.file_type().is_symlink() {
            return Some(meta);
        }
        let target = path.canonicalize().ok()?;
        if !target.starts_with(&self.canonical_root) {
            return None;
        }
        let meta = fs::metadata(&target).ok()?;
        // A directory link inside the root would list files twice (or loop): skip it.
        (!meta.is_dir()).then_some(meta)
    }
}

pub(super) fn glob_set(exclude: &[String]) -> Result<GlobSet, SourceError> {
    let mut builder = GlobSetBuilder::new();
    for glob in exclude {
        let g = GlobBuilder::new(glob)
            .literal_separator(true)
            .build()
            .map_err(|e| SourceError::BadGlob {
                glob: glob.clone(),
                error: e.to_string(),
            })?;
        builder.add(g);
        // `drafts/**` should also exclude the directory `drafts` itself.
        if let Some(dir) = glob.strip_suffix("/**")
            && let Ok(g) = Glob::new(dir)
        {
            builder.add(g);
        }
    }
    builder.build().map_err(|e| SourceError::BadGlob {
        glob: exclude.join(", "),
        error: e.to_string(),
    })
}

impl Source for WorkTree {
    fn program_files(&self, exclude: &[String]) -> Result<Vec<String>, SourceError> {
        let globs = glob_set(exclude)?;
        let mut out = Vec::new();
        self.walk(&self.root, "", &globs, &mut out)?;
        out.sort();
        Ok(out)
    }

    fn read(&self, rel: &str) -> Result<Vec<u8>, SourceError> {
        let path = self.root.join(rel);
        fs::read(&path).map_err(|error| SourceError::Io { path, error })
    }

    fn display_name(&self, rel: &str) -> String {
        if self.root == Path::new(".") {
            rel.to_string()
        } else {
            self.root.join(rel).to_string_lossy().into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_yaml_files_sorted_skipping_hidden_and_excluded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.yaml",
            "a/x.yml",
            ".hidden/y.yaml",
            "a/.z.yaml",
            "drafts/d.yaml",
            "notes.txt",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "").unwrap();
        }
        let tree = WorkTree::new(root.to_path_buf()).unwrap();
        let files = tree.program_files(&["drafts/**".into()]).unwrap();
        assert_eq!(files, vec!["a/x.yml", "b.yaml"]);
    }
}
