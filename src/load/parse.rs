//! Reading a program's files on all cores, reusing parses from a [`ParseCache`].
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::file::{self, ParsedFile};
use super::limits::{self, Limits};
use crate::source::{Source, SourceError};

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

/// Reads and parses the files on all cores; results come back in `paths` order. A
/// file that cannot be read becomes a file with that error.
pub(super) fn parse_files(
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
    let ids: Vec<Option<String>> = paths
        .iter()
        .map(|rel| {
            source
                .content_id(rel)
                .map(|id| format!("{id}/{limits_key}"))
        })
        .collect();
    // Files the cache already holds are taken on this thread; the rest are parsed.
    let hits: Vec<Option<Arc<ParsedFile>>> = ids
        .iter()
        .map(|id| cache.zip(id.as_ref()).and_then(|(c, id)| c.get(id)))
        .collect();
    let misses = hits.iter().filter(|h| h.is_none()).count();
    let parse_one = |i: usize, rel: &String| -> Arc<ParsedFile> {
        let id = ids[i].clone();
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
            .enumerate()
            .map(|(i, (rel, hit))| hit.unwrap_or_else(|| parse_one(i, rel)))
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
                            done.push((i, hit.unwrap_or_else(|| parse_one(i, rel))));
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
            None => out.push(hits[i].clone().unwrap_or_else(|| parse_one(i, rel))),
        }
    }
    out
}

/// Below this many bytes the files are parsed on the calling thread.
const SMALL_PROGRAM: u64 = 256 << 10;

/// The stack of a parser thread: deep (but limited) YAML nests recurse in the
/// deserializer and when trees are dropped.
const PARSE_STACK: usize = 16 << 20;
