//! `milepost diff [BASE] [HEAD]`: what a change does to the schedule.
use crate::analysis::diff::diff;
use crate::analysis::diff_view::{DiffView, Side};
use crate::analysis::lint::LintView;
use crate::analysis::lint_diff::worsened;
use crate::analysis::risk_diff::RiskDiff;
use crate::render::comment::{self, Sides};
use crate::render::diff::quality_markdown;

use super::args::DocumentFormatArg;
use super::context::{schedule, short_oid};
use super::{CommandError, Context};

/// Show what a change does to the schedule: finish, slips, critical path, commitments
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost diff                      # the working tree against what a reviewer compares with\n  milepost diff main                 # against main\n  milepost diff v1..v2 --format json\n  milepost diff --format markdown --fail-on-slip   # a pull-request comment, exit 1 on a slip\n\nWithout BASE, milepost compares with $GITHUB_BASE_REF or $CI_MERGE_REQUEST_TARGET_BRANCH_NAME\n(as origin/<branch>), else the default branch (origin/HEAD, origin/main, origin/master, main,\nmaster), at its merge-base with HEAD; never the current branch's own upstream."
)]
pub struct Args {
    /// The revision to compare against (also BASE..HEAD) [default: see below]
    pub base: Option<String>,
    /// The revision to compare [default: the working tree, uncommitted edits included]
    pub head: Option<String>,
    #[command(flatten)]
    pub format: DocumentFormatArg,
    /// Exit 1 when the program finish or any item with a due forecasts later than at BASE
    #[arg(long)]
    pub fail_on_slip: bool,
    /// Also write the pull-request comment (markdown) to FILE, atomically, for a bot step
    #[arg(long, value_name = "FILE")]
    pub comment_file: Option<std::path::PathBuf>,
    /// Also simulate both sides (milepost risk, the head's [risk] seed): each commitment's P80 and probability
    #[arg(long)]
    pub risk: bool,
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

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let (repo, prefix) = ctx.repo()?;
    let (base_name, head_name, merge_base) = parse_range(args);
    let chosen = ctx.base_rev(&repo, base_name, merge_base)?;
    let base_rev = chosen.rev;
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
    let quality = worsened(&LintView::new(&base, None), &LintView::new(&head, None));
    let short = short_oid;
    let head_label = head_name.clone().unwrap_or_else(|| "WORKTREE".into());
    let head_commit = head_name
        .as_ref()
        .and_then(|r| repo.resolve(r).ok())
        .map(|r| r.commit);
    let base_side = format!("`{}` ({})", base_rev.label, short(base_rev.commit));
    let head_side = head_commit.map_or("the working tree".to_string(), |c| {
        format!("`{head_label}` ({})", short(c))
    });
    let risk = args.risk.then(|| RiskDiff::new(&base, &head)).transpose()?;
    if let Some(path) = &args.comment_file {
        let mut comment = comment::render(
            &d,
            &Sides {
                base: &base_side,
                head: &head_side,
            },
        ) + &quality_markdown(&quality);
        if let Some(risk) = &risk {
            comment.push_str(&crate::render::risk_diff::markdown(risk));
        }
        crate::write::atomic_write(path, comment.as_bytes()).map_err(CommandError::io)?;
    }
    let view = DiffView {
        base: Side {
            rev: base_rev.label.clone(),
            commit: Some(base_rev.commit.to_string()),
            reason: Some(chosen.reason),
            label: base_side,
        },
        head: Side {
            rev: head_label,
            commit: head_commit.map(|c| c.to_string()),
            reason: None,
            label: head_side,
        },
        diff: d,
        quality,
        risk,
    };
    ctx.out.emit(&view, args.format.get())?;
    if args.fail_on_slip && view.diff.slips(&head) {
        ctx.out
            .message("diff: the change makes the schedule slip (--fail-on-slip)\n");
        return Err(CommandError::violation());
    }
    Ok(())
}
