//! One item across revisions: the first-parent walk from a commit, each revision's
//! program read (re-reading only what changed since the previous one), validated,
//! scheduled as of its commit date, and what it says about the item.
use std::fmt;

use chrono::{NaiveDate, TimeZone};
use git2::{Oid, Sort};

use super::history::{HistoryEntry, Snapshot, finish_delta, snapshot_of};
use crate::load::{self, ParseCache};
use crate::model::{ChangeKind, Date, Program};
use crate::schedule::{self, Known};
use crate::source::SourceError;
use crate::source::git::{GitError, Repo, Rev};
use crate::validate::{Basis, revalidate, validate_keeping};

/// Why the walk failed.
#[derive(Debug)]
pub enum WalkError {
    Git(GitError),
    Source(SourceError),
    /// A worker thread died (a bug).
    Worker,
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkError::Git(e) => e.fmt(f),
            WalkError::Source(e) => e.fmt(f),
            WalkError::Worker => f.write_str("history: a worker failed"),
        }
    }
}

impl From<GitError> for WalkError {
    fn from(e: GitError) -> WalkError {
        WalkError::Git(e)
    }
}

impl From<git2::Error> for WalkError {
    fn from(e: git2::Error) -> WalkError {
        WalkError::Git(GitError::Git(e.message().to_string()))
    }
}

impl From<SourceError> for WalkError {
    fn from(e: SourceError) -> WalkError {
        WalkError::Source(e)
    }
}

/// What the walk found about one item.
pub struct ItemHistory {
    /// One entry per revision that changed the item or moved its finish, oldest first.
    pub entries: Vec<HistoryEntry>,
    /// Revisions whose program was invalid (skipped).
    pub invalid: usize,
    /// Whether the walk stopped at a shallow clone's boundary.
    pub shallow: bool,
}

/// The history of item `id` in the program at `prefix`, walking from `start`; each
/// revision is scheduled as of its commit date, or as of `today` when given.
pub fn item_history(
    repo: &Repo,
    start: Oid,
    prefix: &str,
    id: &str,
    today: Option<NaiveDate>,
) -> Result<ItemHistory, WalkError> {
    let (oids, shallow) = commits(repo, start)?;
    let (entries, invalid) = entries(scan(today, repo, &oids, prefix, id)?);
    Ok(ItemHistory {
        entries,
        invalid,
        shallow,
    })
}

/// The first-parent history of `start` (the plan as its branch saw it, a merge bringing
/// in the merged branch's net change), oldest first; stops at a shallow boundary.
fn commits(repo: &Repo, start: Oid) -> Result<(Vec<Oid>, bool), WalkError> {
    let mut walk = repo.git().revwalk()?;
    walk.push(start)?;
    walk.simplify_first_parent()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let mut out = Vec::new();
    let mut cut = false;
    for oid in walk {
        match oid {
            Ok(oid) => out.push(oid),
            Err(_) => cut = true,
        }
    }
    Ok((out, cut || repo.is_shallow()))
}

/// What one commit says about the item.
enum At {
    /// No program at this revision.
    Missing,
    /// The program is invalid at this revision.
    Invalid,
    Valid(Option<Snapshot>),
}

/// One commit: metadata and what its plan says about `id`.
struct Scanned {
    oid: Oid,
    time: i64,
    author: String,
    subject: String,
    tz: chrono_tz::Tz,
    at: At,
}

/// What one revision leaves for reading the next faster: its valid program, what
/// re-validating needs, and its graph and topological order (when it computed them).
struct Carry {
    program: Program,
    basis: Basis,
    known: Option<Known>,
}

/// Validates `loaded`, re-checking only what changed since `carry` when it can;
/// also returns the graph and order to reuse when no dependency changed.
fn check(
    loaded: load::Loaded,
    today: NaiveDate,
    carry: Option<Carry>,
) -> (Option<Program>, Option<Basis>, Option<Known>) {
    let loaded = match carry {
        Some(c) => match revalidate(c.program, c.basis, loaded, today) {
            Ok(r) => {
                let known = c.known.filter(|_| !r.deps_changed);
                return (Some(r.program), Some(r.basis), known);
            }
            Err(loaded) => *loaded,
        },
        None => loaded,
    };
    let (validated, basis) = validate_keeping(loaded, today);
    (validated.program, basis, None)
}

/// The plan at one commit, scheduled as of that commit's date (or `--today`).
fn scan_one(
    today: Option<NaiveDate>,
    repo: &Repo,
    oid: Oid,
    (prefix, id): (&str, &str),
    cache: &ParseCache,
    carry: &mut Option<Carry>,
) -> Result<Scanned, WalkError> {
    let commit = repo.git().find_commit(oid)?;
    let rev = Rev {
        label: oid.to_string()[..7].to_string(),
        commit: oid,
        time: commit.time().seconds(),
    };
    let mut scanned = Scanned {
        oid,
        time: rev.time,
        author: commit.author().name().unwrap_or("").to_string(),
        subject: commit.summary().ok().flatten().unwrap_or("").to_string(),
        tz: chrono_tz::Tz::UTC,
        at: At::Missing,
    };
    let memory = match repo.program_at(&rev, prefix) {
        Ok(m) => m,
        Err(GitError::NoProgram { .. }) => return Ok(scanned),
        Err(e) => return Err(e.into()),
    };
    let loaded = load::load_cached(&memory, Some(cache))?;
    scanned.tz = loaded
        .config
        .as_ref()
        .map_or(chrono_tz::Tz::UTC, |c| c.timezone);
    let today = today.unwrap_or_else(|| commit_date(rev.time, scanned.tz));
    let (program, basis, known) = check(loaded, today, carry.take());
    let Some(program) = program else {
        scanned.at = At::Invalid;
        return Ok(scanned);
    };
    // Only the item's finish and float are read: the backward pass covers just the
    // item and what follows it (schedule::focus), unless the item is absent.
    let dated = match program.milestone_index(id) {
        Some(i) => schedule::focus(&program, today, known, i).map(|(f, known)| {
            let snap = snapshot_of(&program, i, f.finish, f.total_float);
            (Some(snap), Some(known))
        }),
        None => schedule::schedule_reusing(&program, today, known.map(|k| k.order))
            .map(|_| (None, None)),
    };
    let Ok((snap, known)) = dated else {
        scanned.at = At::Invalid;
        return Ok(scanned);
    };
    scanned.at = At::Valid(snap);
    if let Some(basis) = basis {
        *carry = Some(Carry {
            program,
            basis,
            known,
        });
    }
    Ok(scanned)
}

/// Scans all commits, split in contiguous chunks over the cores, each with its own
/// repository handle and parse cache (a chunk's revisions follow one another, so most
/// files are reused by blob id and an edited file re-reads only the edited item).
fn scan(
    today: Option<NaiveDate>,
    repo: &Repo,
    oids: &[Oid],
    prefix: &str,
    id: &str,
) -> Result<Vec<Scanned>, WalkError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(oids.len().max(1));
    let chunk = oids.len().div_ceil(workers).max(1);
    let results: Vec<Result<Vec<Scanned>, WalkError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = oids
            .chunks(chunk)
            .map(|part| {
                let own = repo.reopen();
                scope.spawn(move || {
                    let repo = own?;
                    let cache = ParseCache::default();
                    let mut carry = None;
                    part.iter()
                        .map(|&oid| scan_one(today, &repo, oid, (prefix, id), &cache, &mut carry))
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(WalkError::Worker)))
            .collect()
    });
    let mut out = Vec::with_capacity(oids.len());
    for part in results {
        out.extend(part?);
    }
    Ok(out)
}

fn commit_date(seconds: i64, tz: chrono_tz::Tz) -> NaiveDate {
    tz.timestamp_opt(seconds, 0)
        .single()
        .map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// The rows: one per commit whose plan says something new about the item.
fn entries(scanned: Vec<Scanned>) -> (Vec<HistoryEntry>, usize) {
    let (mut entries, mut prev, mut invalid): (Vec<HistoryEntry>, Option<Snapshot>, usize) =
        (Vec::new(), None, 0);
    for s in scanned {
        let snap = match s.at {
            At::Invalid => {
                invalid += 1;
                continue;
            }
            At::Missing => None,
            At::Valid(snap) => snap,
        };
        let (change, delta) = match (&prev, &snap) {
            (None, Some(_)) => (ChangeKind::Added, 0),
            (Some(p), Some(n)) if n.edited_since(p) => (ChangeKind::Edited, finish_delta(p, n)),
            (Some(p), Some(n)) if n.finish != p.finish => (ChangeKind::Moved, finish_delta(p, n)),
            (Some(_), None) => (ChangeKind::Removed, 0),
            _ => {
                prev = snap;
                continue;
            }
        };
        entries.push(HistoryEntry {
            commit: s.oid.to_string()[..7].to_string(),
            date: Date(commit_date(s.time, s.tz)),
            author: s.author,
            subject: s.subject,
            change,
            due: snap.as_ref().and_then(|n| n.due.map(Date)),
            duration: snap.as_ref().map(|n| n.duration),
            status: snap.as_ref().map(|n| n.status),
            finish: snap.as_ref().map(|n| Date(n.finish)),
            total_float: snap.as_ref().and_then(|n| n.total_float),
            delta,
        });
        prev = snap;
    }
    (entries, invalid)
}
