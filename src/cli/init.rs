//! `milepost init [DIR]`: scaffold a new program with a small, valid starting plan.
//!
//! Every file is first written to a temporary file beside its target and renamed into
//! place only when all of them were written, so an error leaves nothing behind.
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};

use super::{CommandError, Context};
use crate::load::schema;
use crate::render::json;

mod templates;

/// Where init writes the program-file schema that the YAML modelines point at. Hidden,
/// so milepost does not read it as part of the program.
pub const SCHEMA_FILE: &str = ".milepost/schema.json";
/// Where init writes the schema of milepost.toml (the `#:schema` directive points at it).
pub const CONFIG_SCHEMA_FILE: &str = ".milepost/milepost.toml.schema.json";
/// The .gitignore entry for report output.
const GITIGNORE_ENTRY: &str = "/reports/";

/// Create a new program: milepost.toml, sites, clusters, vendors and a starting plan
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost init my-program && cd my-program && milepost status\n  milepost init --name \"2027 GPU build-out\" --today 2027-01-04\n\nWrites milepost.toml (start = today), sites.yaml, clusters.yaml, vendors.yaml,\nmilestones/dc1-gpu1.yaml (procure → deliver → install → accept → handover), a\n.gitignore entry for /reports/, and the JSON Schemas in .milepost/ that editors use.\nExisting files are never overwritten without --force."
)]
pub struct Args {
    /// The directory to create the program in (created if missing) [default: -C DIR, else .]
    pub dir: Option<PathBuf>,
    /// The program's name [default: the directory's name]
    #[arg(long)]
    pub name: Option<String>,
    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,
}

/// One file to write, relative to the program directory.
struct NewFile {
    rel: String,
    text: String,
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let dir =
        (args.dir.clone().or_else(|| ctx.program.clone())).unwrap_or_else(|| PathBuf::from("."));
    if dir.exists() && !dir.is_dir() {
        return Err(CommandError::io(format!(
            "{} exists and is not a directory",
            dir.display()
        )));
    }
    let name = args.name.clone().unwrap_or_else(|| default_name(&dir));
    let start = ctx
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut files = scaffold(&name, start);
    let mut conflicts = Vec::new();
    for file in &files {
        let path = dir.join(&file.rel);
        if path.is_dir() {
            return Err(CommandError::io(format!(
                "{} is a directory; init would write a file there",
                path.display()
            )));
        }
        if path.symlink_metadata().is_ok() {
            conflicts.push(file.rel.clone());
        }
    }
    if !conflicts.is_empty() && !args.force {
        return Err(CommandError::io(format!(
            "not overwriting existing files in {}: {} (use --force to overwrite them)",
            dir.display(),
            conflicts.join(", ")
        )));
    }
    if let Some(gitignore) = gitignore(&dir)? {
        files.push(gitignore);
    }
    write_all(&dir, &files).map_err(CommandError::io)?;
    let list: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    ctx.out.message(&format!(
        "created program `{name}` in {}: {}\nnext: {cd}milepost validate && milepost status\n",
        dir.display(),
        list.join(", ")
    ));
    Ok(())
}

/// The name of the directory (made absolute if it exists), else "program".
fn default_name(dir: &Path) -> String {
    let absolute = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .unwrap_or_else(|| "program".into())
}

/// The files of a new program starting on `start`.
fn scaffold(name: &str, start: NaiveDate) -> Vec<NewFile> {
    // The plan is 50 working days long: twelve weeks leave it on track with some float.
    let ready = start.checked_add_days(Days::new(84)).unwrap_or(start);
    let vars = |rel: &str, text: &str| NewFile {
        rel: rel.to_string(),
        text: text
            .replace("{modeline}", &modeline(rel))
            .replace("{name}", &toml::Value::String(name.into()).to_string())
            .replace("{start}", &start.to_string())
            .replace("{ready}", &ready.to_string())
            .replace("{config_schema}", CONFIG_SCHEMA_FILE),
    };
    vec![
        vars("milepost.toml", templates::CONFIG),
        vars("sites.yaml", templates::SITES),
        vars("clusters.yaml", templates::CLUSTERS),
        vars("vendors.yaml", templates::VENDORS),
        vars("milestones/dc1-gpu1.yaml", templates::MILESTONES),
        NewFile {
            rel: SCHEMA_FILE.into(),
            text: json::value(&schema::program_file()),
        },
        NewFile {
            rel: CONFIG_SCHEMA_FILE.into(),
            text: json::value(&schema::config()),
        },
    ]
}

/// The `yaml-language-server` modeline of the file at `rel`: the schema path is
/// relative to the file.
fn modeline(rel: &str) -> String {
    let depth = rel.matches('/').count();
    format!(
        "# yaml-language-server: $schema={}{SCHEMA_FILE}",
        "../".repeat(depth)
    )
}

/// The .gitignore to write: a new one, the existing one with the report entry added,
/// or none when the entry is there already.
fn gitignore(dir: &Path) -> Result<Option<NewFile>, CommandError> {
    let path = dir.join(".gitignore");
    let block = format!("# milepost: generated reports\n{GITIGNORE_ENTRY}\n");
    let text = match std::fs::read_to_string(&path) {
        Ok(old) if old.lines().any(|l| l.trim() == GITIGNORE_ENTRY) => return Ok(None),
        Ok(old) if old.is_empty() || old.ends_with('\n') => format!("{old}{block}"),
        Ok(old) => format!("{old}\n{block}"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => block,
        Err(e) => {
            return Err(CommandError::io(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    Ok(Some(NewFile {
        rel: ".gitignore".into(),
        text,
    }))
}

/// Writes every file to a temporary file in its directory, then renames them all into
/// place. On an error before the renames, removes what it wrote (and the directories it
/// made), so nothing is left behind.
fn write_all(dir: &Path, files: &[NewFile]) -> Result<(), String> {
    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = stage(dir, files, &mut made_dirs, &mut temps);
    if let Err(e) = result {
        undo(&temps, &made_dirs);
        return Err(e);
    }
    for (i, (temp, target)) in temps.iter().enumerate() {
        if let Err(e) = std::fs::rename(temp, target) {
            undo(&temps[i..], &[]);
            return Err(format!("cannot write {}: {e}", target.display()));
        }
    }
    Ok(())
}

fn stage(
    dir: &Path,
    files: &[NewFile],
    made_dirs: &mut Vec<PathBuf>,
    temps: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<(), String> {
    for file in files {
        let target = dir.join(&file.rel);
        let parent = target.parent().unwrap_or(dir).to_path_buf();
        make_dirs(&parent, made_dirs)?;
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = parent.join(format!(".{file_name}.{}.init-tmp", std::process::id()));
        std::fs::write(&temp, &file.text)
            .map_err(|e| format!("cannot write {}: {e}", temp.display()))?;
        temps.push((temp, target));
    }
    Ok(())
}

/// Creates `path` and any missing parents, recording each directory it made.
fn make_dirs(path: &Path, made: &mut Vec<PathBuf>) -> Result<(), String> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        make_dirs(parent, made)?;
    }
    std::fs::create_dir(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    made.push(path.to_path_buf());
    Ok(())
}

fn undo(temps: &[(PathBuf, PathBuf)], made_dirs: &[PathBuf]) {
    for (temp, _) in temps {
        let _ = std::fs::remove_file(temp);
    }
    for dir in made_dirs.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_are_relative_to_the_file() {
        assert_eq!(
            modeline("sites.yaml"),
            "# yaml-language-server: $schema=.milepost/schema.json"
        );
        assert_eq!(
            modeline("milestones/a.yaml"),
            "# yaml-language-server: $schema=../.milepost/schema.json"
        );
    }

    #[test]
    fn the_scaffold_fills_every_placeholder() {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
        for file in scaffold("Q\"1", start) {
            assert!(!file.text.contains("{modeline}"), "{}", file.rel);
            assert!(!file.text.contains("{ready}"), "{}", file.rel);
            if file.rel.ends_with(".yaml") {
                assert!(file.text.starts_with("# yaml-language-server: $schema="));
            }
        }
        let name = "Q\"1 'x' \\ y";
        let config = &scaffold(name, start)[0].text;
        let parsed = crate::load::config::parse(config, crate::diag::FileId(0));
        let parsed = parsed
            .map(|c| (c.name, c.start))
            .map_err(|d| format!("{d:?}"));
        assert_eq!(parsed, Ok((name.to_string(), start)), "{config}");
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("milepost-init-undo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = vec![
            NewFile {
                rel: "a/b.yaml".into(),
                text: "x".into(),
            },
            NewFile {
                rel: "a/b.yaml/c.yaml".into(),
                text: "y".into(),
            },
        ];
        // The second file's directory cannot be made while the first is not renamed in.
        std::fs::create_dir_all(dir.join("a")).unwrap_or_default();
        std::fs::write(dir.join("a/b.yaml"), "old").unwrap_or_default();
        assert!(write_all(&dir, &files).is_err());
        let left: Vec<_> = std::fs::read_dir(dir.join("a"))
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(left, vec![std::ffi::OsString::from("b.yaml")]);
        assert_eq!(
            std::fs::read_to_string(dir.join("a/b.yaml")).ok(),
            Some("old".into())
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
