//! `milepost diff [BASE] [HEAD]`: what a change does to the schedule.
use serde::Serialize;

use crate::analysis::diff::{ScheduleDiff, diff};
use crate::render::comment::{self, Sides};
use crate::render::{self, Cell, Format, Grid, Tone};
use crate::source::base::default_base;
use crate::source::git::{Repo, Rev};

use super::context::schedule;
use super::{CommandError, Context};

/// Show what a change does to the schedule: finish, slips, critical path, commitments
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost diff                      # the working tree against the upstream base\n  milepost diff main                 # against main\n  milepost diff v1..v2 --format json\n  milepost diff --format markdown --fail-on-slip   # a pull-request comment, exit 1 on a slip\n\nWithout BASE, milepost compares with $GITHUB_BASE_REF or $CI_MERGE_REQUEST_TARGET_BRANCH_NAME\n(as origin/<branch>), else the current branch's upstream, else origin/HEAD, main or master,\nat its merge-base with HEAD."
)]
pub struct Args {
    /// The revision to compare against (also BASE..HEAD) [default: see below]
    pub base: Option<String>,
    /// The revision to compare [default: the working tree, uncommitted edits included]
    pub head: Option<String>,
    /// Output format
    #[arg(long, default_value = "table", value_parser = Format::parser(Format::NOT_CSV))]
    pub format: Format,
    /// Exit 1 when the program finish or any item with a due forecasts later than at BASE
    #[arg(long)]
    pub fail_on_slip: bool,
    /// Also write the pull-request comment (markdown) to FILE, atomically, for a bot step
    #[arg(long, value_name = "FILE")]
    pub comment_file: Option<std::path::PathBuf>,
}

#[derive(Serialize)]
struct SideJson {
    rev: String,
    commit: Option<String>,
}

#[derive(Serialize)]
struct Out<'a> {
    base: SideJson,
    head: SideJson,
    #[serde(flatten)]
    diff: &'a ScheduleDiff,
}

/// BASE and HEAD from the arguments: `A B`, `A..B`, or `A...B` (merge-base).
fn parse_range(args: &Args) -> (Option<String>, Option<String>, bool) {
    if let Some(base) = &args.base {
        if let Some((a, b)) = base.split_once("...") {
            return (
                Some(a.to_string()),
                Some(b.to_string()).filter(|b| !b.is_empty()),
                true,
            );
        }
        if let Some((a, b)) = base.split_once("..") {
            return (
                Some(a.to_string()),
                Some(b.to_string()).filter(|b| !b.is_empty()),
                false,
            );
        }
    }
    (args.base.clone(), args.head.clone(), false)
}

/// The base revision: as named, or the default at its merge-base with HEAD.
pub(super) fn base_rev(
    ctx: &Context<'_>,
    repo: &Repo,
    named: Option<String>,
    merge_base: bool,
) -> Result<Rev, CommandError> {
    let (label, merge_base) = match named {
        Some(rev) => (rev, merge_base),
        None => {
            let base = default_base(repo, &|v| std::env::var(v).ok())?;
            ctx.out
                .message(&format!("comparing with {} ({})\n", base.rev, base.why));
            (base.rev, true)
        }
    };
    let rev = repo.resolve(&label)?;
    if !merge_base {
        return Ok(rev);
    }
    let head = repo.resolve("HEAD")?;
    match repo.git().merge_base(rev.commit, head.commit) {
        Ok(oid) => Ok(Rev { commit: oid, ..rev }),
        Err(_) => {
            ctx.out.message(&format!("note: no merge-base of {label} and HEAD in this clone; comparing with {label} itself\n"));
            Ok(rev)
        }
    }
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let (repo, prefix) = ctx.repo()?;
    let (base_name, head_name, merge_base) = parse_range(args);
    let base_rev = base_rev(ctx, &repo, base_name, merge_base)?;
    let base_side = format!("base ({})", base_rev.label);
    // Head first: its timezone decides today, and both sides use the same today.
    let head = match &head_name {
        None => ctx.load_worktree(ctx.today, Some("head (working tree)")),
        Some(rev) => {
            let rev = repo.resolve(rev)?;
            ctx.load_rev(
                &repo,
                &rev,
                &prefix,
                ctx.today,
                None,
                Some(&format!("head ({})", rev.label)),
            )
        }
    };
    let base = ctx.load_rev(
        &repo,
        &base_rev,
        &prefix,
        head.as_ref().ok().map(|h| h.today).or(ctx.today),
        None,
        Some(&base_side),
    );
    let (head, base) = (schedule(head?)?, schedule(base?)?);
    let d = diff(&base, &head);
    let short = |oid: git2::Oid| oid.to_string()[..7].to_string();
    let head_label = head_name.clone().unwrap_or_else(|| "WORKTREE".into());
    let head_commit = head_name
        .as_ref()
        .and_then(|r| repo.resolve(r).ok())
        .map(|r| r.commit);
    let base_side = format!("`{}` ({})", base_rev.label, short(base_rev.commit));
    let head_side = head_commit.map_or("the working tree".to_string(), |c| {
        format!("`{head_label}` ({})", short(c))
    });
    let comment = || {
        comment::render(
            &d,
            &Sides {
                base: &base_side,
                head: &head_side,
            },
        )
    };
    if let Some(path) = &args.comment_file {
        crate::write::atomic_write(path, comment().as_bytes()).map_err(CommandError::io)?;
    }
    let text = match args.format {
        Format::Json => render::json::value(&Out {
            base: SideJson {
                rev: base_rev.label.clone(),
                commit: Some(base_rev.commit.to_string()),
            },
            head: SideJson {
                rev: head_label.clone(),
                commit: head_commit.map(|c| c.to_string()),
            },
            diff: &d,
        }),
        Format::Markdown => comment(),
        Format::Csv | Format::Table => table(
            ctx,
            &d,
            &base_side.replace('`', ""),
            &head_side.replace('`', ""),
        ),
    };
    ctx.out.data(&text)?;
    if args.fail_on_slip && d.slips(&head) {
        ctx.out
            .message("diff: the change makes the schedule slip (--fail-on-slip)\n");
        return Err(CommandError::violation());
    }
    Ok(())
}

fn table(ctx: &Context<'_>, d: &ScheduleDiff, base: &str, head: &str) -> String {
    let mut out = format!(
        "{base} → {head}, as of {}\n{}\n",
        d.today.0,
        comment::summary(d)
    );
    for c in &d.commitments_moved {
        let to = c.head.map_or("removed".to_string(), |h| h.0.to_string());
        out.push_str(&format!(
            "commitment moved: {} {} {} → {to}\n",
            c.id,
            c.field,
            c.base.map_or("—".into(), |b| b.0.to_string())
        ));
    }
    if d.items.is_empty() {
        out.push_str("no milestone changed\n");
        return out;
    }
    let date = |x: Option<crate::model::Date>| x.map_or("—".to_string(), |x| x.0.to_string());
    let rows = d
        .items
        .iter()
        .map(|i| {
            let delta = i.finish.delta.unwrap_or(0);
            let kind = i.change.as_str();
            vec![
                Cell::plain(kind),
                Cell::plain(&i.id),
                Cell::plain(date(i.finish.base)),
                Cell::plain(date(i.finish.head)),
                Cell::toned(
                    i.finish
                        .delta
                        .filter(|d| *d != 0)
                        .map_or(String::new(), |d| format!("{d:+}")),
                    if delta > 0 {
                        Tone::Bad
                    } else if delta < 0 {
                        Tone::Good
                    } else {
                        Tone::Plain
                    },
                ),
                Cell::plain(match (i.health.base, i.health.head) {
                    (Some(b), Some(h)) if b == h => b.to_string(),
                    (b, h) => format!("{} → {}", b.unwrap_or("—"), h.unwrap_or("—")),
                }),
                Cell::plain(i.fields.join(", ")),
            ]
        })
        .collect();
    let grid = Grid {
        headers: vec![
            "change",
            "id",
            "base finish",
            "head finish",
            "Δ",
            "health",
            "fields",
        ],
        rows,
        numeric: vec![4],
        flexible: vec![6],
    };
    out.push_str(&render::table::render(&grid, ctx.out.table_style()));
    let cp = &d.critical_path;
    if !cp.entered.is_empty() || !cp.left.is_empty() {
        out.push_str(&format!(
            "critical path: entered [{}], left [{}]\n",
            cp.entered.join(", "),
            cp.left.join(", ")
        ));
    }
    for c in &d.clusters {
        out.push_str(&format!(
            "cluster {} ready {}\n",
            c.id,
            comment::moved_text(&c.forecast_ready, "working days")
        ));
    }
    out
}
