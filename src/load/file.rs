//! One program file: bytes → text → positioned YAML tree → raw items, with every
//! problem found on the way (each located in the file).
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::de;
use super::raw::{FILE_KEYS, RawCluster, RawMilestone, RawRisk, RawSite, RawVendor};
use super::reparse::{self, Layout};
use super::text;
use super::yaml::{self, Node, NodeKind};
use crate::diag::{Diag, FileId, Loc};
use crate::limits::{self, Limits};

/// A file-level problem, located by characters (or the whole file).
#[derive(Clone, Debug)]
pub(super) enum FileError {
    At(yaml::Span, String, Option<String>),
    Whole(&'static str, String),
}

impl FileError {
    pub(super) fn into_diag(self, file: FileId) -> Diag {
        match self {
            FileError::At(span, message, help) => {
                let diag = Diag::error("format", message).at(Loc::Chars { file, span });
                match help {
                    Some(h) => diag.help(h),
                    None => diag,
                }
            }
            FileError::Whole(code, message) => Diag::error(code, message).at(Loc::File { file }),
        }
    }
}

/// What one file holds: its text (for diagnostics), its problems and its items, each
/// with its index in its list.
#[derive(Default, Clone, Debug)]
pub struct ParsedFile {
    pub(super) text: Arc<str>,
    pub(super) errors: Vec<FileError>,
    pub(super) sites: Vec<(usize, Arc<RawSite>)>,
    pub(super) clusters: Vec<(usize, Arc<RawCluster>)>,
    pub(super) vendors: Vec<(usize, Arc<RawVendor>)>,
    pub(super) milestones: Vec<(usize, Arc<RawMilestone>)>,
    pub(super) risks: Vec<(usize, Arc<RawRisk>)>,
    /// Whether items may be missing: the file, a list or an item could not be read.
    pub(super) lost: bool,
    /// Where the items stand, when the file can be re-read item by item after an edit.
    pub(super) layout: Option<Arc<Layout>>,
}

impl ParsedFile {
    /// A file that could not be read at all.
    pub(super) fn unread(code: &'static str, message: String) -> ParsedFile {
        ParsedFile {
            errors: vec![FileError::Whole(code, message)],
            lost: true,
            ..ParsedFile::default()
        }
    }

    /// How many items the file holds.
    pub(super) fn items(&self) -> usize {
        self.sites.len()
            + self.clusters.len()
            + self.vendors.len()
            + self.milestones.len()
            + self.risks.len()
    }
}

/// Parses one program file within `limits`.
#[cfg(test)]
pub(super) fn parse_file(bytes: &[u8], limits: &Limits) -> ParsedFile {
    parse_file_after(bytes, limits, None)
}

/// [`parse_file`], re-reading only the edited item when `before` is an earlier parse
/// of the same file and the edit lies inside one item (see [`super::reparse`]).
pub(super) fn parse_file_after(
    bytes: &[u8],
    limits: &Limits,
    before: Option<&ParsedFile>,
) -> ParsedFile {
    let checked = text::decode(bytes).and_then(|t| text::check_printable(&t).map(|()| t));
    let text = match checked {
        Ok(text) => text,
        Err(e) => {
            return ParsedFile {
                errors: vec![FileError::At(e.span, e.message, e.help)],
                text: Arc::from(e.text),
                lost: true,
                ..ParsedFile::default()
            };
        }
    };
    if let Some(edited) = before.and_then(|b| reparse::reparse(b, &text, limits)) {
        return edited;
    }
    let mut out = ParsedFile::default();
    match yaml::parse_tracked(&text, limits) {
        Err(e) => {
            out.errors.push(FileError::At(
                e.span,
                format!("invalid YAML: {}", e.message),
                e.help,
            ));
            out.lost = true;
        }
        Ok((root, alias)) => {
            read_root(&root, limits, &mut out);
            if out.errors.is_empty() {
                out.layout = reparse::layout(&text, &root, alias.is_some()).map(Arc::new);
            }
        }
    }
    out.text = Arc::from(text);
    out
}

fn read_root(root: &Node, limits: &Limits, out: &mut ParsedFile) {
    let entries = match &root.kind {
        NodeKind::Null => return,
        NodeKind::Map(entries) => entries,
        _ => {
            let message = format!(
                "a program file is a mapping with any of the keys {}; found {}",
                FILE_KEYS.join(", "),
                root.describe()
            );
            out.errors.push(FileError::At(root.span, message, None));
            out.lost = true;
            return;
        }
    };
    let items: usize = entries
        .iter()
        .map(|(_, v)| match &v.kind {
            NodeKind::Seq(list) => list.len(),
            _ => 0,
        })
        .sum();
    if items > limits.items {
        out.errors.push(FileError::At(
            root.span,
            format!(
                "{items} items in one file, more than the limit of {} ({})",
                limits.items,
                limits::key("items")
            ),
            None,
        ));
        out.lost = true;
        return;
    }
    let errors = de::Collector::default();
    let mut seen = rustc_hash::FxHashSet::default();
    for (key, value) in entries {
        let name = key.as_str().unwrap_or("");
        if !seen.insert(name) {
            out.errors.push(FileError::At(
                key.span,
                format!("duplicate key `{name}`"),
                None,
            ));
            out.lost = true;
            continue;
        }
        let lost = &mut out.lost;
        match name {
            "sites" => out.sites = read_list(value, &errors, lost),
            "clusters" => out.clusters = read_list(value, &errors, lost),
            "vendors" => out.vendors = read_list(value, &errors, lost),
            "milestones" => {
                out.milestones = read_list(value, &errors, lost);
                mark_unread_status(value, &mut out.milestones);
            }
            "risks" => out.risks = read_list(value, &errors, lost),
            _ => {
                out.errors.push(unknown_key(key.span, name));
                *lost = true;
            }
        }
    }
    out.errors.extend(
        errors
            .into_errors()
            .into_iter()
            .map(|e| FileError::At(e.span.unwrap_or_default(), e.message, e.help)),
    );
}

fn unknown_key(span: yaml::Span, name: &str) -> FileError {
    if name == "<<" {
        return FileError::At(
            span,
            "merge keys (`<<`) are not supported; write the keys out".into(),
            Some(format!("expected one of {}", FILE_KEYS.join(", "))),
        );
    }
    let help = de::did_you_mean(name, FILE_KEYS).map_or_else(
        || format!("expected one of {}", FILE_KEYS.join(", ")),
        |h| format!("did you mean `{h}`?"),
    );
    FileError::At(span, format!("unknown key `{name}`"), Some(help))
}

/// Flags the milestones whose `status` is written (not null) but was not read.
fn mark_unread_status(list: &Node, milestones: &mut [(usize, Arc<RawMilestone>)]) {
    let NodeKind::Seq(items) = &list.kind else {
        return;
    };
    for (i, m) in milestones.iter_mut().filter(|(_, m)| m.status.is_none()) {
        let written = match items.get(*i).map(|n| &n.kind) {
            Some(NodeKind::Map(entries)) => entries
                .iter()
                .any(|(k, v)| k.as_str() == Some("status") && !matches!(v.kind, NodeKind::Null)),
            _ => false,
        };
        if written {
            Arc::make_mut(m).status_unread = true;
        }
    }
}

/// The items of a list; `lost` is set when an item (or the list) could not be read.
fn read_list<T: DeserializeOwned>(
    node: &Node,
    errors: &de::Collector,
    lost: &mut bool,
) -> Vec<(usize, Arc<T>)> {
    match &node.kind {
        NodeKind::Null => Vec::new(),
        NodeKind::Seq(items) => {
            let read: Vec<(usize, Arc<T>)> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| de::from_node::<T>(item, errors).map(|v| (i, Arc::new(v))))
                .collect();
            *lost |= read.len() < items.len();
            read
        }
        _ => {
            let _ = de::from_node::<Vec<T>>(node, errors);
            *lost = true;
            Vec::new()
        }
    }
}
