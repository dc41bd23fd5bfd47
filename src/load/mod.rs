//! Loading: a [`Source`] → `milepost.toml` and every program file, read into the raw
//! format types with each item's origin, plus every problem found on the way.
pub mod config;
pub mod de;
mod file;
pub mod limits;
pub mod locate;
pub mod raw;
mod reparse;
pub mod schema;
pub mod text;
pub mod yaml;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::diag::{Diag, FileId, Files, Loc, Seg};
use crate::source::{CONFIG_FILE, Source, SourceError};
use config::Config;
use file::ParsedFile;
use limits::Limits;
use raw::{RawCluster, RawMilestone, RawRisk, RawSite, RawVendor};

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
///
/// It also keeps the latest parse of each path, so that a new version of a file whose
/// edit lies inside one item re-reads only that item. Give each sequence of related
/// revisions (one worker walking a history) its own cache for that to work best.
#[derive(Default)]
pub struct ParseCache {
    files: Mutex<HashMap<String, Arc<ParsedFile>>>,
    latest: Mutex<HashMap<String, Arc<ParsedFile>>>,
}

impl ParseCache {
    fn get(&self, id: &str) -> Option<Arc<ParsedFile>> {
        self.files.lock().ok()?.get(id).cloned()
    }

    fn latest(&self, key: &str) -> Option<Arc<ParsedFile>> {
        self.latest.lock().ok()?.get(key).cloned()
    }

    fn put(&self, id: String, key: String, parsed: &Arc<ParsedFile>) {
        if let Ok(mut files) = self.files.lock() {
            files.insert(id, parsed.clone());
        }
        if let Ok(mut latest) = self.latest.lock() {
            latest.insert(key, parsed.clone());
        }
    }
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
            Diag::error("unreadable", skipped.why.clone())
        } else {
            Diag::warning("skipped", skipped.why.clone())
        };
        diags.push(diag.at(Loc::File { file: id }));
    }
    let (paths, bytes) = sized(
        source,
        listing.files,
        config_size,
        &limits,
        &mut files,
        &mut diags,
    );
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

/// Reads and parses the files on all cores; results come back in `paths` order. A
/// file that cannot be read becomes a file with that error.
fn parse_files(
    source: &dyn Source,
    paths: &[String],
    bytes: u64,
    cache: Option<&ParseCache>,
    limits: &Limits,
) -> Vec<Arc<ParsedFile>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len())
        .max(1);
    let next = AtomicUsize::new(0);
    // A parse depends on the limits as well as on the content.
    let limits_key = format!(
        "{}/{}/{}/{}",
        limits.depth, limits.alias_nodes, limits.items, limits.string_length
    );
    let content_id = |rel: &String| {
        source
            .content_id(rel)
            .map(|id| format!("{id}/{limits_key}"))
    };
    // Files the cache already holds are taken on this thread; the rest are parsed.
    let hits: Vec<Option<Arc<ParsedFile>>> = paths
        .iter()
        .map(|rel| cache.zip(content_id(rel)).and_then(|(c, id)| c.get(&id)))
        .collect();
    let misses = hits.iter().filter(|h| h.is_none()).count();
    let parse_one = |rel: &String| -> Arc<ParsedFile> {
        let id = content_id(rel);
        let key = format!("{rel}/{limits_key}");
        let before = cache.and_then(|c| c.latest(&key));
        let parsed = match source.read(rel, limits.file_size) {
            Ok(bytes) => Arc::new(file::parse_file_after(&bytes, limits, before.as_deref())),
            Err(SourceError::TooLarge { size, limit, .. }) => {
                return Arc::new(ParsedFile::unread(
                    "limit",
                    format!(
                        "the file is {}, over the limit of {}; it is not read",
                        limits::human(size),
                        limits::human(limit)
                    ),
                ));
            }
            Err(e) => {
                let message = match e {
                    SourceError::Io { error, .. } => format!("cannot read this file: {error}"),
                    other => other.to_string(),
                };
                return Arc::new(ParsedFile::unread("unreadable", message));
            }
        };
        if let (Some(cache), Some(id)) = (cache, id) {
            cache.put(id, key, &parsed);
        }
        parsed
    };
    // A small program (or a single changed file) parses faster than threads start.
    if workers == 1 || bytes < SMALL_PROGRAM || misses <= 1 {
        return paths
            .iter()
            .zip(hits)
            .map(|(rel, hit)| hit.unwrap_or_else(|| parse_one(rel)))
            .collect();
    }
    let mut results: Vec<(usize, Arc<ParsedFile>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(PARSE_STACK)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(rel) = paths.get(i) else { break };
                            let hit = hits.get(i).cloned().flatten();
                            done.push((i, hit.unwrap_or_else(|| parse_one(rel))));
                        }
                        done
                    })
            })
            .collect();
        let mut all = Vec::with_capacity(paths.len());
        for handle in handles {
            match handle.map(|h| h.join()) {
                Ok(Ok(done)) => all.extend(done),
                // A parser thread that panicked: a bug, reported as one (never a
                // silently missing file).
                Ok(Err(panic)) => std::panic::resume_unwind(panic),
                // No thread could be started: parse here instead.
                Err(_) => {}
            }
        }
        all
    });
    results.sort_by_key(|(i, _)| *i);
    results.dedup_by_key(|(i, _)| *i);
    // Any file a worker did not get to (a thread that could not start) is parsed here.
    let mut out = Vec::with_capacity(paths.len());
    let mut results = results.into_iter().peekable();
    for (i, rel) in paths.iter().enumerate() {
        match results.next_if(|(j, _)| *j == i) {
            Some((_, parsed)) => out.push(parsed),
            None => out.push(hits[i].clone().unwrap_or_else(|| parse_one(rel))),
        }
    }
    out
}

/// Below this many bytes the files are parsed on the calling thread.
const SMALL_PROGRAM: u64 = 256 << 10;

/// The stack of a parser thread: deep (but limited) YAML nests recurse in the
/// deserializer and when trees are dropped.
const PARSE_STACK: usize = 16 << 20;
