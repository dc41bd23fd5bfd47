//! Problems found in a program, as data: what, where (file and place), and a hint.
//!
//! Core modules return [`Diag`]s; the CLI turns them into miette reports. A location
//! may be a path into a YAML file (`milestones[3].depends_on[1]`) that is resolved to a
//! line and column only when the diagnostic is shown, keeping the happy path fast.
use std::sync::Arc;

use crate::limits::Limits;

/// A range of a file's text, in characters (saphyr counts characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// Index of a file in [`Files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// One file of the program as read: its display name and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// How messages name it (`examples/x/sites.yaml`, `v1:examples/x/sites.yaml`).
    pub name: String,
    /// Its path relative to the program root (`sites.yaml`).
    pub rel: String,
    pub text: Arc<str>,
}

/// All files that diagnostics may point into, and the limits they were read with
/// (a file is parsed again within them to place a diagnostic).
#[derive(Clone, Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
    limits: Limits,
}

impl Files {
    /// Adds a file and returns its id.
    pub fn add(&mut self, name: String, rel: String, text: Arc<str>) -> FileId {
        self.files.push(SourceFile { name, rel, text });
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The limits the files were read with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Sets the limits the files were read with.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// One step of a path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
    /// The key itself (not its value) of the mapping entry named.
    KeyOf(&'static str),
}

/// Where a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loc {
    /// A span of characters, known at parse time.
    Chars { file: FileId, span: Span },
    /// A byte range (TOML spans).
    Bytes {
        file: FileId,
        start: usize,
        end: usize,
    },
    /// A path into a YAML file, resolved when shown.
    Path { file: FileId, path: Vec<Seg> },
    /// A whole file (no place within it).
    File { file: FileId },
}

impl Loc {
    /// The file this location is in.
    pub fn file(&self) -> FileId {
        match self {
            Loc::Chars { file, .. }
            | Loc::Bytes { file, .. }
            | Loc::Path { file, .. }
            | Loc::File { file } => *file,
        }
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A second place a diagnostic refers to (e.g. the first definition of a duplicate id).
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub loc: Loc,
    pub message: String,
}

/// One problem with the program.
#[derive(Clone, Debug, PartialEq)]
pub struct Diag {
    pub severity: Severity,
    /// A stable short code, e.g. `unknown-reference`; shown as `milepost::<code>`.
    pub code: &'static str,
    pub message: String,
    pub loc: Option<Loc>,
    /// Text under the pointed-at place.
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diag {
    /// A new error.
    pub fn error(code: &'static str, message: String) -> Diag {
        Diag {
            severity: Severity::Error,
            code,
            message,
            loc: None,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// A new warning.
    pub fn warning(code: &'static str, message: String) -> Diag {
        Diag {
            severity: Severity::Warning,
            ..Diag::error(code, message)
        }
    }

    /// Points the diagnostic at `loc`.
    pub fn at(mut self, loc: Loc) -> Diag {
        self.loc = Some(loc);
        self
    }

    /// Sets the label shown under the place.
    pub fn label(mut self, label: impl Into<String>) -> Diag {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Diag {
        self.help = Some(help.into());
        self
    }

    /// Adds a second place.
    pub fn related(mut self, loc: Loc, message: impl Into<String>) -> Diag {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where an item was written: its file and its position in that file's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    pub list: &'static str,
    pub index: usize,
}

impl Origin {
    /// A location inside this item, e.g. `[Key("depends_on"), Index(1)]`.
    pub fn at(&self, rest: &[Seg]) -> Loc {
        let mut path = vec![Seg::Key(self.list), Seg::Index(self.index)];
        path.extend_from_slice(rest);
        Loc::Path {
            file: self.file,
            path,
        }
    }

    /// The value of one of this item's keys.
    pub fn key(&self, key: &'static str) -> Loc {
        self.at(&[Seg::Key(key)])
    }

    /// The item itself.
    pub fn item(&self) -> Loc {
        self.at(&[])
    }
}
