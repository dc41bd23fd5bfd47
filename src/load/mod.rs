//! Loading: a [`Source`] → `milepost.toml` and every program file, read into the raw
//! format types with each item's origin, plus every problem found on the way.
pub mod config;
pub mod de;
pub mod locate;
pub mod raw;
pub mod schema;
pub mod yaml;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;

use crate::diag::{Diag, FileId, Files, Loc, Seg};
use crate::source::{CONFIG_FILE, Source, SourceError};
use config::Config;
use raw::{FILE_KEYS, RawCluster, RawMilestone, RawRisk, RawSite, RawVendor};
use yaml::{Node, NodeKind};

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

/// A raw item and where it came from. Items are shared (`Arc`) so that a parse
/// cached by content id is reused without copying.
#[derive(Clone, Debug)]
pub struct Item<T> {
    pub value: T,
    pub origin: Origin,
}

/// Everything the program files say, not yet checked across files.
#[derive(Default, Debug)]
pub struct RawProgram {
    pub sites: Vec<Item<Arc<RawSite>>>,
    pub clusters: Vec<Item<Arc<RawCluster>>>,
    pub vendors: Vec<Item<Arc<RawVendor>>>,
    pub milestones: Vec<Item<Arc<RawMilestone>>>,
    pub risks: Vec<Item<Arc<RawRisk>>>,
}

/// The result of loading: files (for diagnostics), the config when it is valid, the
/// raw items, and the problems found.
pub struct Loaded {
    pub files: Files,
    pub config: Option<Config>,
    pub raw: RawProgram,
    pub diags: Vec<Diag>,
}

/// Parsed files by content id (a git blob id), so reading many revisions of a program
/// parses each distinct file once.
#[derive(Default)]
pub struct ParseCache {
    files: Mutex<HashMap<String, Arc<ParsedFile>>>,
}

/// Reads the program from `source`. Problems in the files become diagnostics; only a
/// failure to list or read files is an `Err`.
pub fn load(source: &dyn Source) -> Result<Loaded, SourceError> {
    load_cached(source, None)
}

/// [`load`], reusing parses from `cache` for files whose content id it has seen.
pub fn load_cached(source: &dyn Source, cache: Option<&ParseCache>) -> Result<Loaded, SourceError> {
    let mut files = Files::default();
    let mut diags = Vec::new();
    let config_bytes = source.read(CONFIG_FILE)?;
    let config_text = decode(&config_bytes);
    let config_id = files.add(
        source.display_name(CONFIG_FILE),
        CONFIG_FILE.to_string(),
        Arc::from(config_text.as_deref().unwrap_or("")),
    );
    let config = match config_text {
        Err(message) => {
            diags.push(Diag::error("encoding", message).at(Loc::File { file: config_id }));
            None
        }
        Ok(text) => config::parse(&text, config_id)
            .map_err(|d| diags.extend(d))
            .ok(),
    };
    let exclude = config
        .as_ref()
        .map(|c| c.exclude.clone())
        .unwrap_or_default();
    let paths = source.program_files(&exclude)?;
    let parsed = parse_files(source, &paths, cache)?;
    let mut raw = RawProgram::default();
    for (rel, file) in paths.iter().zip(parsed) {
        let file = Arc::try_unwrap(file).unwrap_or_else(|shared| (*shared).clone());
        let id = files.add(source.display_name(rel), rel.clone(), file.text);
        diags.extend(file.errors.into_iter().map(|e| e.into_diag(id)));
        let origin = |list, index| Origin {
            file: id,
            list,
            index,
        };
        raw.sites
            .extend(file.sites.into_iter().map(|(i, value)| Item {
                value,
                origin: origin("sites", i),
            }));
        raw.clusters
            .extend(file.clusters.into_iter().map(|(i, value)| Item {
                value,
                origin: origin("clusters", i),
            }));
        raw.vendors
            .extend(file.vendors.into_iter().map(|(i, value)| Item {
                value,
                origin: origin("vendors", i),
            }));
        raw.milestones
            .extend(file.milestones.into_iter().map(|(i, value)| Item {
                value,
                origin: origin("milestones", i),
            }));
        raw.risks
            .extend(file.risks.into_iter().map(|(i, value)| Item {
                value,
                origin: origin("risks", i),
            }));
    }
    Ok(Loaded {
        files,
        config,
        raw,
        diags,
    })
}

/// Decodes file bytes as UTF-8, dropping a byte-order mark.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A file-level problem, located by characters (or the whole file).
#[derive(Clone)]
enum FileError {
    At(yaml::Span, String, Option<String>),
    Whole(String),
}

impl FileError {
    fn into_diag(self, file: FileId) -> Diag {
        match self {
            FileError::At(span, message, help) => {
                let diag = Diag::error("format", message).at(Loc::Chars { file, span });
                match help {
                    Some(h) => diag.help(h),
                    None => diag,
                }
            }
            FileError::Whole(message) => Diag::error("format", message).at(Loc::File { file }),
        }
    }
}

#[derive(Default, Clone)]
pub struct ParsedFile {
    text: Arc<str>,
    errors: Vec<FileError>,
    sites: Vec<(usize, Arc<RawSite>)>,
    clusters: Vec<(usize, Arc<RawCluster>)>,
    vendors: Vec<(usize, Arc<RawVendor>)>,
    milestones: Vec<(usize, Arc<RawMilestone>)>,
    risks: Vec<(usize, Arc<RawRisk>)>,
}

/// Reads and parses the files on all cores; results come back in `paths` order.
fn parse_files(
    source: &dyn Source,
    paths: &[String],
    cache: Option<&ParseCache>,
) -> Result<Vec<Arc<ParsedFile>>, SourceError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let parse_one = |rel: &String| -> Result<Arc<ParsedFile>, SourceError> {
        let id = source.content_id(rel);
        if let (Some(cache), Some(id)) = (cache, &id)
            && let Some(hit) = cache
                .files
                .lock()
                .ok()
                .and_then(|files| files.get(id).cloned())
        {
            return Ok(hit);
        }
        let parsed = Arc::new(parse_file(&source.read(rel)?));
        if let (Some(cache), Some(id)) = (cache, id)
            && let Ok(mut files) = cache.files.lock()
        {
            files.insert(id, parsed.clone());
        }
        Ok(parsed)
    };
    let mut results: Vec<(usize, Result<Arc<ParsedFile>, SourceError>)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(rel) = paths.get(i) else { break };
                            done.push((i, parse_one(rel)));
                        }
                        done
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn parse_file(bytes: &[u8]) -> ParsedFile {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(message) => {
            return ParsedFile {
                errors: vec![FileError::Whole(message)],
                ..ParsedFile::default()
            };
        }
    };
    let mut out = ParsedFile::default();
    match yaml::parse(&text) {
        Err(e) => out.errors.push(FileError::At(
            e.span,
            format!("invalid YAML: {}", e.message),
            None,
        )),
        Ok(root) => read_root(&root, &mut out),
    }
    out.text = Arc::from(text);
    out
}

fn read_root(root: &Node, out: &mut ParsedFile) {
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
            return;
        }
    };
    let errors = de::Collector::default();
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in entries {
        let name = key.as_str().unwrap_or("");
        if seen.contains(&name) {
            out.errors.push(FileError::At(
                key.span,
                format!("duplicate key `{name}`"),
                None,
            ));
            continue;
        }
        seen.push(name);
        match name {
            "sites" => out.sites = read_list(value, &errors),
            "clusters" => out.clusters = read_list(value, &errors),
            "vendors" => out.vendors = read_list(value, &errors),
            "milestones" => out.milestones = read_list(value, &errors),
            "risks" => out.risks = read_list(value, &errors),
            _ => {
                let help = de::did_you_mean(name, FILE_KEYS).map_or_else(
                    || format!("expected one of {}", FILE_KEYS.join(", ")),
                    |h| format!("did you mean `{h}`?"),
                );
                out.errors.push(FileError::At(
                    key.span,
                    format!("unknown key `{name}`"),
                    Some(help),
                ));
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

fn read_list<T: DeserializeOwned>(node: &Node, errors: &de::Collector) -> Vec<(usize, Arc<T>)> {
    match &node.kind {
        NodeKind::Null => Vec::new(),
        NodeKind::Seq(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| de::from_node::<T>(item, errors).map(|v| (i, Arc::new(v))))
            .collect(),
        _ => {
            let _ = de::from_node::<Vec<T>>(node, errors);
            Vec::new()
        }
    }
}
