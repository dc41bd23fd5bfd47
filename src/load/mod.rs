//! Loading: a [`Source`] → `milepost.toml` and every program file, read into the raw
//! format types with each item's origin, plus every problem found on the way.
pub mod config;
pub mod de;
mod file;
pub mod import;
mod lint;
pub mod locate;
mod parse;
pub mod place;
pub mod raw;
mod reparse;
pub mod risk_settings;
pub mod schema;
pub mod text;
mod unparsed;
pub mod yaml;

use std::sync::Arc;

pub use crate::diag::Origin;
use crate::diag::{Diag, FileId, Files, Loc};
use crate::limits::{self, Limits};
use crate::source::{CONFIG_FILE, Source, SourceError};
use config::Config;
use file::ParsedFile;
pub use parse::ParseCache;
use parse::parse_files;
use raw::{RawCluster, RawMilestone, RawRisk, RawSite, RawVendor};
pub use unparsed::Unparsed;

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
    /// What files that failed to parse might define (see [`Unparsed`]).
    pub unparsed: Unparsed,
}

/// Reads the program from `source`. Problems in the files become diagnostics; only a
/// failure to list files or to read `milepost.toml` is an `Err`.
pub fn load(source: &dyn Source) -> Result<Loaded, SourceError> {
    load_cached(source, None)
}

/// [`load`], reusing parses from `cache` for files whose content id it has seen.
pub fn load_cached(source: &dyn Source, cache: Option<&ParseCache>) -> Result<Loaded, SourceError> {
    let mut files = Files::default();
    let mut diags = Vec::new();
    let mut unparsed = Unparsed::default();
    // The limits are in milepost.toml, so it is read within the default file size.
    let config_limit = Limits::DEFAULT.file_size;
    let (config, config_size) = match source.read(CONFIG_FILE, config_limit) {
        Ok(bytes) => {
            let size = bytes.len() as u64;
            (read_config(source, &bytes, &mut files, &mut diags), size)
        }
        Err(SourceError::TooLarge { size, .. }) => {
            let id = add_unread(source, CONFIG_FILE, &mut files);
            let help = "milepost.toml is read only up to 16 MiB, whatever [limits] says";
            diags.push(too_large(id, size, config_limit).help(help));
            (None, 0)
        }
        Err(e) => return Err(e),
    };
    let limits = config.as_ref().map_or(Limits::DEFAULT, |c| c.limits);
    files.set_limits(limits);
    let exclude = config
        .as_ref()
        .map(|c| c.exclude.clone())
        .unwrap_or_default();
    let listing = source.program_files(&exclude)?;
    for skipped in &listing.skipped {
        let id = add_unread(source, &skipped.rel, &mut files);
        let diag = if skipped.error {
            unparsed.unread();
            Diag::error("unreadable", skipped.why.clone())
        } else {
            Diag::warning("skipped", skipped.why.clone())
        };
        diags.push(diag.at(Loc::File { file: id }));
    }
    let listed = listing.files.len();
    let (paths, bytes) = sized(
        source,
        listing.files,
        config_size,
        &limits,
        &mut files,
        &mut diags,
    );
    if paths.len() < listed {
        // A file too large or unreadable might define anything.
        unparsed.unread();
    }
    let parsed = parse_files(source, &paths, bytes, cache, &limits);
    let mut raw = RawProgram::default();
    let mut items = 0usize;
    let mut over = None;
    for (rel, file) in paths.iter().zip(parsed) {
        let mut file = Arc::try_unwrap(file).unwrap_or_else(|shared| (*shared).clone());
        items = items.saturating_add(file.items());
        let id = files.add(source.display_name(rel), rel.clone(), file.text.clone());
        if items > limits.items && over.is_none() {
            over = Some(id);
        }
        if file.lost {
            unparsed.text(&file.text);
        }
        let errors = std::mem::take(&mut file.errors);
        diags.extend(errors.into_iter().map(|e| e.into_diag(id)));
        raw.add(id, file);
    }
    if let Some(file) = over {
        // Past the limit nothing is checked further: the program is refused whole.
        raw = RawProgram::default();
        diags.push(
            Diag::error(
                "limit",
                format!(
                    "the program has {items} items (sites, clusters, vendors, milestones and risks), more than the limit of {} ({}); this file passes it",
                    limits.items,
                    limits::key("items")
                ),
            )
            .at(Loc::File { file }),
        );
    }
    Ok(Loaded {
        files,
        config,
        raw,
        diags,
        unparsed,
    })
}

fn read_config(
    source: &dyn Source,
    bytes: &[u8],
    files: &mut Files,
    diags: &mut Vec<Diag>,
) -> Option<Config> {
    let name = source.display_name(CONFIG_FILE);
    match text::decode(bytes) {
        Err(e) => {
            let file = files.add(name, CONFIG_FILE.to_string(), Arc::from(e.text));
            diags.push(Diag::error("encoding", e.message).at(Loc::Chars { file, span: e.span }));
            None
        }
        Ok(text) => {
            let file = files.add(name, CONFIG_FILE.to_string(), Arc::from(text.as_str()));
            config::parse(&text, file).map_err(|d| diags.extend(d)).ok()
        }
    }
}

/// A file that is named in diagnostics but not read.
fn add_unread(source: &dyn Source, rel: &str, files: &mut Files) -> FileId {
    files.add(source.display_name(rel), rel.to_string(), Arc::from(""))
}

fn too_large(file: FileId, size: u64, limit: u64) -> Diag {
    Diag::error(
        "limit",
        format!(
            "the file is {} ({size} bytes), over the limit of {}; it is not read",
            limits::human(size),
            limits::human(limit)
        ),
    )
    .help(format!("the limit is {}", limits::key("file_size")))
    .at(Loc::File { file })
}

/// The files to read: each within `file_size`, together within `program_size` (sizes
/// from metadata, before anything is read). Files that cannot be read are reported.
fn sized(
    source: &dyn Source,
    paths: Vec<String>,
    config_size: u64,
    limits: &Limits,
    files: &mut Files,
    diags: &mut Vec<Diag>,
) -> (Vec<String>, u64) {
    let mut total = config_size;
    let mut read = Vec::with_capacity(paths.len());
    for rel in paths {
        match source.size(&rel) {
            Err(e) => {
                let id = add_unread(source, &rel, files);
                diags.push(unreadable(id, e));
            }
            Ok(size) if size > limits.file_size => {
                let id = add_unread(source, &rel, files);
                diags.push(too_large(id, size, limits.file_size));
            }
            Ok(size) => {
                total = total.saturating_add(size);
                if total > limits.program_size {
                    // Past the limit nothing is read: the program is refused whole.
                    let id = add_unread(source, &rel, files);
                    diags.push(
                        Diag::error(
                            "limit",
                            format!(
                                "with this file the program comes to more than {} ({total} bytes so far); nothing is read",
                                limits::human(limits.program_size)
                            ),
                        )
                        .help(format!("the limit is {}", limits::key("program_size")))
                        .at(Loc::File { file: id }),
                    );
                    return (Vec::new(), 0);
                }
                read.push(rel);
            }
        }
    }
    (read, total)
}

fn unreadable(file: FileId, e: SourceError) -> Diag {
    let why = match e {
        SourceError::Io { error, .. } => format!("cannot read this file: {error}"),
        SourceError::NotRead { why, .. } => why,
        other => other.to_string(),
    };
    Diag::error("unreadable", why).at(Loc::File { file })
}

impl RawProgram {
    /// Adds a file's items, each with its origin.
    fn add(&mut self, file: FileId, parsed: ParsedFile) {
        fn items<T>(
            file: FileId,
            list: &'static str,
            parsed: Vec<(usize, Arc<T>)>,
        ) -> impl Iterator<Item = Item<Arc<T>>> {
            parsed.into_iter().map(move |(index, value)| Item {
                value,
                origin: Origin { file, list, index },
            })
        }
        self.sites.extend(items(file, "sites", parsed.sites));
        self.clusters
            .extend(items(file, "clusters", parsed.clusters));
        self.vendors.extend(items(file, "vendors", parsed.vendors));
        self.milestones
            .extend(items(file, "milestones", parsed.milestones));
        self.risks.extend(items(file, "risks", parsed.risks));
    }
}
