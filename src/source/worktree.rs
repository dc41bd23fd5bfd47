//! The working tree: program files read from a directory on disk.
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use super::{Listing, Skipped, Source, SourceError, is_program_file};

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
        out: &mut Listing,
    ) -> Result<(), SourceError> {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            // The root itself must be readable; a sub-directory is reported and skipped.
            Err(error) if rel.is_empty() => {
                return Err(SourceError::Io {
                    path: dir.to_path_buf(),
                    error,
                });
            }
            Err(error) => {
                out.skipped.push(Skipped::error(
                    rel,
                    format!(
                        "cannot read this directory: {error}; if it holds no program files, `exclude` it in milepost.toml"
                    ),
                ));
                return Ok(());
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    out.skipped.push(Skipped::error(
                        if rel.is_empty() { "." } else { rel },
                        format!("cannot list this directory: {error}"),
                    ));
                    break;
                }
            };
            let os_name = entry.file_name();
            let name = os_name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            if globs.is_match(&child_rel) {
                continue;
            }
            let path = entry.path();
            match self.classify(&path) {
                Entry::Dir => {
                    if os_name.to_str().is_none() {
                        out.skipped.push(Skipped::warning(
                            &child_rel,
                            "not read: the directory name is not valid UTF-8; rename it if it holds program files".into(),
                        ));
                    } else {
                        self.walk(&path, &child_rel, globs, out)?;
                    }
                }
                Entry::File if is_program_file(&child_rel) => {
                    if os_name.to_str().is_none() {
                        out.skipped.push(Skipped::error(
                            &child_rel,
                            "the file name is not valid UTF-8; rename it".into(),
                        ));
                    } else {
                        out.files.push(child_rel);
                    }
                }
                Entry::File => {}
                Entry::Skip { why, always } => {
                    if always || is_program_file(&child_rel) {
                        out.skipped.push(Skipped::warning(&child_rel, why));
                    }
                }
                Entry::Unreadable(why) => {
                    if is_program_file(&child_rel) {
                        out.skipped.push(Skipped::error(&child_rel, why));
                    }
                }
            }
        }
        Ok(())
    }

    /// What an entry is, following a symbolic link only when it stays inside the root.
    /// Links out of the program and link loops are never followed; links to
    /// directories inside the root are skipped quietly (their files are read where
    /// they are).
    fn classify(&self, path: &Path) -> Entry {
        let meta = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) => return Entry::Unreadable(format!("cannot read: {e}")),
        };
        if !meta.file_type().is_symlink() {
            return kind_of(&meta);
        }
        let link = fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let target = match path.canonicalize() {
            Ok(target) => target,
            Err(e) if is_loop(&e) => {
                return Entry::Skip {
                    why: format!("a symbolic link loop (-> {link}); not followed"),
                    always: true,
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Entry::Skip {
                    why: format!("a broken symbolic link (-> {link}); skipped"),
                    always: false,
                };
            }
            Err(e) => {
                return Entry::Skip {
                    why: format!("a symbolic link that cannot be resolved (-> {link}): {e}"),
                    always: true,
                };
            }
        };
        if !target.starts_with(&self.canonical_root) {
            return Entry::Skip {
                why: format!(
                    "a symbolic link out of the program directory (-> {link}); not followed"
                ),
                always: target.is_dir(),
            };
        }
        match fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => Entry::Skip {
                why: "a symbolic link to a directory; not followed".into(),
                always: false,
            },
            Ok(meta) => kind_of(&meta),
            Err(e) => Entry::Unreadable(format!("cannot read: {e}")),
        }
    }

    /// The path to open for `rel`: inside the root, a regular file, links resolved.
    fn checked_path(&self, rel: &str) -> Result<PathBuf, SourceError> {
        let path = self.root.join(rel);
        let not_read = |why: String| SourceError::NotRead {
            path: path.clone(),
            why,
        };
        match self.classify(&path) {
            Entry::File => Ok(path.clone()),
            Entry::Dir => Err(not_read("is a directory".into())),
            Entry::Skip { why, .. } => Err(not_read(why)),
            Entry::Unreadable(why) => Err(not_read(why)),
        }
    }
}

/// What a directory entry is.
enum Entry {
    Dir,
    File,
    /// Not read, and why; `always` reports it whatever its name.
    Skip {
        why: String,
        always: bool,
    },
    /// It cannot be examined (an error when it is a program file).
    Unreadable(String),
}

fn kind_of(meta: &fs::Metadata) -> Entry {
    let ft = meta.file_type();
    if ft.is_dir() {
        return Entry::Dir;
    }
    if ft.is_file() {
        return Entry::File;
    }
    let what = special_kind(&ft);
    Entry::Skip {
        why: format!("not a regular file ({what}); skipped"),
        always: false,
    }
}

#[cfg(unix)]
fn special_kind(ft: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a fifo"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_block_device() || ft.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

/// Whether an error is "too many levels of symbolic links" (ELOOP).
fn is_loop(e: &std::io::Error) -> bool {
    const ELOOP: i32 = if cfg!(target_os = "linux") { 40 } else { 62 };
    e.raw_os_error() == Some(ELOOP)
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
    fn program_files(&self, exclude: &[String]) -> Result<Listing, SourceError> {
        let globs = glob_set(exclude)?;
        let mut out = Listing::default();
        self.walk(&self.root, "", &globs, &mut out)?;
        out.files.sort();
        out.skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(out)
    }

    fn size(&self, rel: &str) -> Result<u64, SourceError> {
        let path = self.checked_path(rel)?;
        fs::metadata(&path)
            .map(|m| m.len())
            .map_err(|error| SourceError::Io { path, error })
    }

    fn read(&self, rel: &str, limit: u64) -> Result<Vec<u8>, SourceError> {
        let path = self.checked_path(rel)?;
        let io = |error| SourceError::Io {
            path: self.root.join(rel),
            error,
        };
        let file = fs::File::open(&path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        let too_large = |size| SourceError::TooLarge {
            path: self.root.join(rel),
            size,
            limit,
        };
        if size > limit {
            return Err(too_large(size));
        }
        // The file may grow after its size was taken: never read more than the limit.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
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
        assert_eq!(files.files, vec!["a/x.yml", "b.yaml"]);
        assert!(files.skipped.is_empty());
    }
}
