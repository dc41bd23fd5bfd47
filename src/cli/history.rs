//! `milepost history ID`: how one item's plan changed, commit by commit.
use chrono::{NaiveDate, TimeZone};
use git2::{Oid, Sort};
use serde::Serialize;

use crate::analysis::Plan;
use crate::analysis::history::{Snapshot, finish_delta, snapshot};
use crate::load::{self, ParseCache};
use crate::model::{Date, Program};
use crate::render::{self, Cell, Format, Grid};
use crate::source::git::{GitError, Repo, Rev};
use crate::validate::{Basis, revalidate, validate_keeping};

use super::{Context, Failure};

/// Show how one item's dates changed, commit by commit, and how often it slipped
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost history dfw1-h200-handover\n  milepost history dfw1-h200-handover --limit 10 --format json\n\nEach revision is scheduled with today = its commit date, so a row shows what the plan said then."
)]
pub struct Args {
    /// The milestone id
    pub id: String,
    /// Show only the N most recent changes
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format
    #[arg(long, default_value = "table", value_parser = Format::parser(Format::NOT_CSV))]
    pub format: Format,
}

#[derive(Serialize, Clone)]
struct Entry {
    commit: String,
    date: Date,
    author: String,
    subject: String,
    change: &'static str,
    due: Option<Date>,
    duration: Option<i64>,
    status: Option<&'static str>,
    finish: Option<Date>,
    total_float: Option<i64>,
    #[serde(skip)]
    delta: i64,
}

#[derive(Serialize)]
struct Out<'a> {
    id: &'a str,
    entries: &'a [Entry],
    /// How many times the finish moved later, and by how many working days in all.
    slips: usize,
    slipped_days: i64,
}

fn git(e: impl std::fmt::Display) -> Failure {
    Failure::Error(e.to_string())
}

/// The first-parent history of `start` (the plan as its branch saw it, a merge bringing
/// in the merged branch's net change), oldest first; stops at a shallow boundary.
fn commits(repo: &Repo, start: Oid) -> Result<(Vec<Oid>, bool), Failure> {
    let mut walk = repo.git().revwalk().map_err(git)?;
    walk.push(start).map_err(git)?;
    walk.simplify_first_parent().map_err(git)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
        .map_err(git)?;
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
/// re-validating needs, and its topological order.
struct Carry {
    program: Program,
    basis: Basis,
    order: Vec<usize>,
}

/// Validates `loaded`, re-checking only what changed since `carry` when it can;
/// also returns the topological order to reuse when no dependency changed.
fn check(
    loaded: load::Loaded,
    today: NaiveDate,
    carry: Option<Carry>,
) -> (Option<Program>, Option<Basis>, Option<Vec<usize>>) {
    let loaded = match carry {
        Some(c) => match revalidate(c.program, c.basis, loaded, today) {
            Ok(r) => {
                let order = (!r.deps_changed).then_some(c.order);
                return (Some(r.program), Some(r.basis), order);
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
) -> Result<Scanned, Failure> {
    let commit = repo.git().find_commit(oid).map_err(git)?;
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
        Err(e) => return Err(git(e)),
    };
    let loaded = load::load_cached(&memory, Some(cache)).map_err(git)?;
    scanned.tz = loaded
        .config
        .as_ref()
        .map_or(chrono_tz::Tz::UTC, |c| c.timezone);
    let today = today.unwrap_or_else(|| commit_date(rev.time, scanned.tz));
    let (program, basis, order) = check(loaded, today, carry.take());
    let plan = program.and_then(|p| Plan::reusing(p, today, order).ok());
    scanned.at = plan
        .as_ref()
        .map_or(At::Invalid, |plan| At::Valid(snapshot(plan, id)));
    if let (Some(plan), Some(basis)) = (plan, basis) {
        *carry = Some(Carry {
            program: plan.program,
            basis,
            order: plan.schedule.order,
        });
    }
    Ok(scanned)
}

/// Scans all commits, split in contiguous chunks over the cores, each with its own
/// repository handle and parse cache (a chunk's revisions follow one another, so most
/// files are reused by blob id and an edited file re-reads only the edited item).
fn scan(
    ctx: &Context<'_>,
    repo: &Repo,
    oids: &[Oid],
    prefix: &str,
    id: &str,
) -> Result<Vec<Scanned>, Failure> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(oids.len().max(1));
    let chunk = oids.len().div_ceil(workers).max(1);
    let today = ctx.today;
    let results: Vec<Result<Vec<Scanned>, Failure>> = std::thread::scope(|scope| {
        let handles: Vec<_> = oids
            .chunks(chunk)
            .map(|part| {
                let own = repo.reopen();
                scope.spawn(move || {
                    let repo = own.map_err(git)?;
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
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Failure::Error("history: a worker failed".into())))
            })
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
fn entries(scanned: Vec<Scanned>) -> (Vec<Entry>, usize) {
    let (mut entries, mut prev, mut invalid): (Vec<Entry>, Option<Snapshot>, usize) =
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
            (None, Some(_)) => ("added", 0),
            (Some(p), Some(n)) if n.edited_since(p) => ("edited", finish_delta(p, n)),
            (Some(p), Some(n)) if n.finish != p.finish => ("moved", finish_delta(p, n)),
            (Some(_), None) => ("removed", 0),
            _ => {
                prev = snap;
                continue;
            }
        };
        entries.push(Entry {
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

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), Failure> {
    let (repo, prefix) = ctx.repo()?;
    let start = repo
        .resolve(ctx.at.as_deref().unwrap_or("HEAD"))
        .map_err(git)?;
    let (oids, shallow) = commits(&repo, start.commit)?;
    let (entries, invalid) = entries(scan(ctx, &repo, &oids, &prefix, &args.id)?);
    let mut notes = String::new();
    if shallow {
        notes.push_str("note: this is a shallow clone; history stops at its oldest fetched commit (git fetch --unshallow for all of it)\n");
    }
    if invalid > 0 {
        notes.push_str(&format!(
            "note: {invalid} revision(s) with an invalid program were skipped\n"
        ));
    }
    ctx.out.message(&notes);
    if entries.is_empty() {
        return Err(Failure::Error(format!(
            "`{}` is in no valid revision of the program reachable from {}",
            args.id, start.label
        )));
    }
    let slips: Vec<i64> = entries.iter().map(|e| e.delta).filter(|d| *d > 0).collect();
    let (count, days) = (slips.len(), slips.iter().sum::<i64>());
    let shown = &entries[entries
        .len()
        .saturating_sub(args.limit.unwrap_or(usize::MAX))..];
    let text = match args.format {
        Format::Json => render::json::value(&Out {
            id: &args.id,
            entries: shown,
            slips: count,
            slipped_days: days,
        }),
        Format::Table | Format::Markdown | Format::Csv => {
            let grid = grid(shown);
            let n = entries.len();
            let summary = format!(
                "{}: finish moved later {count} time{} in {n} change{}, {days} working days in all\n",
                args.id,
                if count == 1 { "" } else { "s" },
                if n == 1 { "" } else { "s" }
            );
            if args.format == Format::Markdown {
                render::markdown::render(&grid) + "\n" + &summary
            } else {
                render::table::render(&grid, ctx.out.table_style()) + &summary
            }
        }
    };
    ctx.out.data(&text)
}

fn grid(entries: &[Entry]) -> Grid {
    let date = |d: Option<Date>| d.map_or(String::new(), |d| d.0.to_string());
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                Cell::plain(&e.commit),
                Cell::plain(e.date.0.to_string()),
                Cell::plain(&e.author),
                Cell::plain(&e.subject),
                Cell::plain(e.change),
                Cell::plain(date(e.due)),
                Cell::plain(e.duration.map_or(String::new(), |d| d.to_string())),
                Cell::plain(e.status.unwrap_or("")),
                Cell::plain(date(e.finish)),
                Cell::plain(if e.delta == 0 {
                    String::new()
                } else {
                    format!("{:+}", e.delta)
                }),
                Cell::plain(e.total_float.map_or(String::new(), |f| f.to_string())),
            ]
        })
        .collect();
    Grid {
        headers: vec![
            "commit", "date", "author", "subject", "change", "due", "duration", "status", "finish",
            "Δ", "float",
        ],
        rows,
        numeric: vec![6, 9, 10],
        flexible: vec![2, 3],
    }
}
