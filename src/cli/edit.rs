//! What the edit commands share: read the working tree's program, apply the item edits
//! in memory, validate and schedule the result, then show the diff (`--dry-run`) or
//! write every file atomically (and `--commit` them), and report the schedule impact.
//! Nothing is written unless every edit applies and the edited program is valid.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::args::FormatArg;
use super::context::schedule;
use super::{CommandError, Context, diagnostics};
use crate::analysis::Plan;
use crate::analysis::diff::diff;
use crate::analysis::edit_view::{EditView, Impact};
use crate::diag::{Diag, Files, Loc};
use crate::edit::progress::{ItemNow, Reject};
use crate::edit::{self, Op, Refusal};
use crate::source::WorkTree;
use crate::source::git::Repo;
use crate::source::overlay::Overlay;

/// Options every edit command takes.
#[derive(clap::Args, Debug)]
pub struct EditArgs {
    /// Print the change as a unified diff and its schedule impact; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Commit exactly the edited files, with a message that says what changed
    #[arg(long, conflicts_with = "dry_run")]
    pub commit: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The edits of one item.
pub struct ItemEdit {
    pub id: String,
    pub ops: Vec<Op>,
    pub note: Option<String>,
}

/// The program before the edit, and the day it is judged on.
pub struct Before {
    pub plan: Plan,
    pub today: NaiveDate,
}

impl Before {
    /// The index of milestone `id`, or a usage error with a did-you-mean.
    pub fn index(&self, id: &str) -> Result<usize, CommandError> {
        let ids: Vec<&str> = self
            .plan
            .program
            .milestones
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        super::scope::lookup("milestone", id, &ids)
    }

    /// What the edit commands need to know of milestone `id`.
    pub fn item(&self, id: &str) -> Result<ItemNow, CommandError> {
        let i = self.index(id)?;
        let m = &self.plan.program.milestones[i];
        Ok(ItemNow {
            id: m.id.clone(),
            duration: m.duration,
            status: m.status,
            started: m.started,
            scheduled_start: self.plan.schedule.items.get(i).map(|s| s.start),
            implied_start: None,
        })
    }

    /// [`Before::item`] for finishing on `on`: with the start its duration implies
    /// (`duration` working days ending on `on`, in its calendar).
    pub fn item_finishing(&self, id: &str, on: NaiveDate) -> Result<ItemNow, CommandError> {
        let mut item = self.item(id)?;
        let m = &self.plan.program.milestones[self.index(id)?];
        let cal = &self.plan.program.calendars[m.calendar];
        item.implied_start = cal.date(cal.finish_by(on) - m.duration);
        Ok(item)
    }
}

/// A refused command as a usage error with its hint.
pub fn rejected(r: Reject) -> CommandError {
    let error = CommandError::usage(r.message);
    match r.hint {
        Some(hint) => error.with_hint(hint),
        None => error,
    }
}

/// What a command asks for: the item edits and the message that names them (the
/// commit message, `milepost: a done 2026-12-17`).
pub struct Edits {
    pub items: Vec<ItemEdit>,
    pub message: String,
}

/// Builds one item edit per id (each id once), checking them all before any error is
/// returned, so that every unknown id or refusal is reported at once.
pub fn per_id(
    ids: &[String],
    mut edit: impl FnMut(&str) -> Result<ItemEdit, CommandError>,
) -> Result<Vec<ItemEdit>, CommandError> {
    let mut seen = std::collections::BTreeSet::new();
    all_or_errors(
        ids.iter()
            .filter(|id| seen.insert(id.as_str()))
            .map(|id| edit(id))
            .collect(),
    )
}

/// Every value, or one error that reports every failure, each with its own hints.
pub fn all_or_errors<T>(results: Vec<Result<T, CommandError>>) -> Result<Vec<T>, CommandError> {
    let mut items = Vec::new();
    let mut errors: Vec<CommandError> = Vec::new();
    for result in results {
        match result {
            Ok(item) => items.push(item),
            Err(e) => errors.push(e),
        }
    }
    if errors.len() <= 1 {
        return match errors.pop() {
            Some(error) => Err(error),
            None => Ok(items),
        };
    }
    let kind = errors[0].kind;
    let text = errors
        .iter()
        .map(|e| {
            let hints: String = e.hints.iter().map(|h| format!("\n  {h}")).collect();
            format!("{}{hints}", e.message)
        })
        .collect::<Vec<_>>()
        .join("\nerror: ");
    Err(CommandError::new(kind, text))
}

/// `a`, `a and b`, `a, b and c`.
pub fn listed(ids: &[String]) -> String {
    match ids {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Runs an edit: `build` turns the program before into the edits to make.
pub fn run(
    ctx: &Context<'_>,
    args: &EditArgs,
    build: impl FnOnce(&Before) -> Result<Edits, CommandError>,
) -> Result<(), CommandError> {
    if let Some(rev) = &ctx.at {
        return Err(CommandError::usage(format!(
            "--at {rev}: a revision is history, and history is read-only"
        ))
        .with_hint("edit commands change the working tree; drop --at"));
    }
    let root = ctx.root()?;
    let tree = WorkTree::new(root.clone()).map_err(CommandError::from)?;
    let loaded = ctx.load_from(&tree, ctx.today, None, None)?;
    let today = loaded.today;
    let before = Before {
        plan: schedule(loaded)?,
        today,
    };
    let Edits {
        items: edits,
        message,
    } = build(&before)?;
    let message = message.as_str();
    let files = &before.plan.program.files;
    let mut texts: BTreeMap<String, FileEdit> = BTreeMap::new();
    let mut changes = Vec::new();
    for item in &edits {
        let i = before.index(&item.id)?;
        let origin = before.plan.program.milestones[i].origin;
        let rel = files
            .get(origin.file)
            .map(|f| f.rel.clone())
            .unwrap_or_default();
        let file = match texts.entry(rel.clone()) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let name = files
                    .get(origin.file)
                    .map(|f| f.name.clone())
                    .unwrap_or_default();
                e.insert(FileEdit::read(&root, &rel, name)?)
            }
        };
        let (text, changed) = edit::apply(&file.text, &item.id, &item.ops)
            .map_err(|(r, text)| refused(ctx, &file.name, &rel, r, text))?;
        file.text = text;
        changes.extend(changed);
    }
    texts.retain(|_, f| f.changed());
    let replaced = texts
        .iter()
        .map(|(rel, f)| (rel.clone(), f.bytes()))
        .collect();
    let overlay = Overlay::new(&tree, replaced);
    let after = ctx
        .load_from(&overlay, Some(today), None, Some("edited"))
        .inspect_err(|_| {
            ctx.out
                .message("nothing written: the edit would leave the program invalid\n");
        })?;
    let after = schedule(after)?;
    let mut view = EditView {
        dry_run: args.dry_run,
        files: texts.keys().cloned().collect(),
        notes: edits.iter().filter_map(|e| e.note.clone()).collect(),
        commit: None,
        message: message.to_string(),
        impact: Impact::new(diff(&before.plan, &after)),
        diff: unified(&texts),
        changes,
    };
    if !args.dry_run && !texts.is_empty() {
        view.commit = write(&root, &texts, args.commit, message)?;
    }
    ctx.out.emit(&view, args.format.get())
}

/// A file being edited: how messages name it, its bytes as read, and its new text.
struct FileEdit {
    name: String,
    path: PathBuf,
    original: Vec<u8>,
    /// A byte order mark, kept in front of the text.
    bom: bool,
    text: String,
}

impl FileEdit {
    fn read(root: &Path, rel: &str, name: String) -> Result<FileEdit, CommandError> {
        let path = root.join(rel);
        let original = std::fs::read(&path)
            .map_err(|e| CommandError::io(format!("cannot read {}: {e}", path.display())))?;
        let bom = original.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &original[3..] } else { &original[..] };
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| CommandError::io(format!("{} is not UTF-8 text", path.display())))?;
        Ok(FileEdit {
            name,
            path,
            original,
            bom,
            text,
        })
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 3);
        if self.bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(self.text.as_bytes());
        out
    }

    fn changed(&self) -> bool {
        self.bytes() != self.original
    }
}

/// Prints a refused edit at its place in the file and returns the error.
fn refused(ctx: &Context<'_>, name: &str, rel: &str, r: Refusal, text: String) -> CommandError {
    let mut files = Files::default();
    let file = files.add(name.to_string(), rel.to_string(), text.into());
    let mut diag = Diag::error("edit", format!("cannot edit in place: {}", r.message))
        .at(Loc::Chars { file, span: r.span });
    if let Some(hint) = r.hint {
        diag = diag.help(hint);
    }
    let shown = diagnostics::render(&[diag], &files, ctx.out.color_err, ctx.out.err_width());
    // The program is valid; only this edit is refused: no "program is invalid" line.
    let shown = shown
        .trim_end()
        .rsplit_once('\n')
        .filter(|(_, last)| last.starts_with("error: the program is invalid"))
        .map_or(shown.as_str(), |(kept, _)| kept);
    ctx.out
        .message(&format!("{}\nerror: nothing written\n", shown.trim_end()));
    CommandError::invalid()
}

/// The unified diff of every edited file.
fn unified(texts: &BTreeMap<String, FileEdit>) -> String {
    let mut out = String::new();
    for (rel, file) in texts {
        let old = String::from_utf8_lossy(&file.original);
        let new = String::from_utf8_lossy(&file.bytes()).into_owned();
        let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_str());
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{rel}"), &format!("b/{rel}"))
                .to_string(),
        );
    }
    out
}

/// Writes every edited file (none when any changed on disk since it was read, or with
/// `commit`, had uncommitted changes), then commits them when asked.
fn write(
    root: &Path,
    texts: &BTreeMap<String, FileEdit>,
    commit: bool,
    message: &str,
) -> Result<Option<String>, CommandError> {
    let repo = commit.then(|| Repo::discover(root)).transpose()?;
    let mut in_repo = Vec::new();
    for (rel, file) in texts {
        if std::fs::read(&file.path).ok().as_deref() != Some(&file.original[..]) {
            return Err(CommandError::io(format!(
                "{rel} changed on disk while milepost was editing it; nothing written"
            ))
            .with_hint("run the command again"));
        }
        if let Some(repo) = &repo {
            let path = repo.path_in_repo(&file.path)?;
            if repo.has_changes(&path)? {
                return Err(CommandError::usage(format!(
                    "--commit: {rel} already has uncommitted changes; nothing written"
                ))
                .with_hint("commit or stash them first, or edit without --commit"));
            }
            in_repo.push((path, file.bytes()));
        }
    }
    for file in texts.values() {
        crate::write::atomic_replace(&file.path, &file.bytes(), &file.original)
            .map_err(CommandError::io)?;
    }
    match repo {
        Some(repo) => Ok(Some(repo.commit_files(&in_repo, message)?.to_string())),
        None => Ok(None),
    }
}
