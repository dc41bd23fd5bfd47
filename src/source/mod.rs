//! Where program files come from: the working tree now, a git revision later.
//!
//! A [`Source`] lists the program's files (relative paths, `/`-separated, sorted) and
//! reads them. Loading knows nothing else about where bytes live.
pub mod base;
mod commit;
pub mod git;
mod memory;
pub mod missing;
pub mod overlay;
mod worktree;

use std::fmt;
use std::path::{Path, PathBuf};

pub use memory::Memory;
pub use worktree::WorkTree;

/// The name of the file that marks a program's root.
pub const CONFIG_FILE: &str = "milepost.toml";

/// Something that can list and read a program's files.
pub trait Source: Sync {
    /// The program files (YAML) below the root, excluding hidden paths and `exclude`
    /// globs; sorted; relative to the root with `/` separators. Entries that look like
    /// program files but are not read (links out of the program, link loops, fifos,
    /// unreadable directories) are listed in [`Listing::skipped`].
    fn program_files(&self, exclude: &[String]) -> Result<Listing, SourceError>;

    /// The size of one file in bytes, known without reading it.
    fn size(&self, rel: &str) -> Result<u64, SourceError>;

    /// Reads one file given by its path relative to the root; a file of more than
    /// `limit` bytes is [`SourceError::TooLarge`] and is not read whole.
    fn read(&self, rel: &str, limit: u64) -> Result<Vec<u8>, SourceError>;

    /// How to name a file in messages (e.g. `examples/x/sites.yaml`).
    fn display_name(&self, rel: &str) -> String;

    /// An id of the file's content (a git blob id) when the source knows one, so a
    /// parse can be reused wherever the same content appears again.
    fn content_id(&self, _rel: &str) -> Option<String> {
        None
    }
}

/// What a source found below the program root.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Listing {
    /// The program files to read.
    pub files: Vec<String>,
    /// Entries not read, and why.
    pub skipped: Vec<Skipped>,
}

/// An entry below the root that is not read.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Its path relative to the root.
    pub rel: String,
    /// Whether this makes the program invalid (an unreadable file) rather than being a
    /// warning (a link that is not followed).
    pub error: bool,
    pub why: String,
}

impl Skipped {
    /// A warning: the entry is skipped.
    pub fn warning(rel: &str, why: String) -> Skipped {
        Skipped {
            rel: rel.to_string(),
            error: false,
            why,
        }
    }

    /// An error: the entry should have been read and could not be.
    pub fn error(rel: &str, why: String) -> Skipped {
        Skipped {
            rel: rel.to_string(),
            error: true,
            why,
        }
    }
}

/// A failure to find or read program files.
#[derive(Debug)]
pub enum SourceError {
    /// No `milepost.toml` in the named directory or above the current one.
    NoProgram { searched: PathBuf, named: bool },
    /// An I/O error on a path.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A bad `exclude` glob.
    BadGlob { glob: String, error: String },
    /// A file over the size limit (not read).
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// A path that is not read: a link out of the program, a fifo, a link loop.
    NotRead { path: PathBuf, why: String },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::NoProgram {
                searched,
                named: true,
            } => {
                write!(f, "no {CONFIG_FILE} in {}", searched.display())
            }
            SourceError::NoProgram {
                searched,
                named: false,
            } => write!(
                f,
                "no {CONFIG_FILE} in {} or any directory above it",
                searched.display()
            ),
            SourceError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            SourceError::BadGlob { glob, error } => {
                write!(f, "bad exclude glob `{glob}` in {CONFIG_FILE}: {error}")
            }
            SourceError::TooLarge { path, size, limit } => write!(
                f,
                "{}: {} is over the size limit of {}",
                path.display(),
                crate::limits::human(*size),
                crate::limits::human(*limit)
            ),
            SourceError::NotRead { path, why } => write!(f, "{}: {why}", path.display()),
        }
    }
}

impl std::error::Error for SourceError {}

/// Finds the program root: `dir` itself when named with `-C`, else the nearest
/// directory from the current one upward holding `milepost.toml`.
pub fn find_root(named: Option<&Path>) -> Result<PathBuf, SourceError> {
    if let Some(dir) = named {
        return if dir.join(CONFIG_FILE).is_file() {
            Ok(dir.to_path_buf())
        } else {
            Err(SourceError::NoProgram {
                searched: dir.to_path_buf(),
                named: true,
            })
        };
    }
    let cwd = std::env::current_dir().map_err(|error| SourceError::Io {
        path: PathBuf::from("."),
        error,
    })?;
    let mut dir = cwd.as_path();
    let mut up = PathBuf::new();
    loop {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(if up.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                up
            });
        }
        match dir.parent() {
            Some(parent) => {
                dir = parent;
                up.push("..");
            }
            None => {
                return Err(SourceError::NoProgram {
                    searched: cwd,
                    named: false,
                });
            }
        }
    }
}

/// Whether a relative path names a program file: `*.yaml`/`*.yml`, no hidden segment.
pub fn is_program_file(rel: &str) -> bool {
    (rel.ends_with(".yaml") || rel.ends_with(".yml"))
        && !rel.split('/').any(|seg| seg.starts_with('.'))
}
