//! `milepost import FILE --into DIR`: a plan from MS Project XML (MSPDI) or CSV as a new
//! program. The result is loaded and validated in memory first; existing files are
//! never overwritten; what the plan holds that milepost cannot represent is listed on
//! stderr.
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{CommandError, Context, ErrorKind};
use crate::load::import::{self, Imported};
use crate::render::program_files;
use crate::source::Memory;

/// Create a program from an MS Project XML (MSPDI) or CSV plan
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  milepost import plan.xml --into my-program       # MS Project, ProjectLibre, MPXJ\n  milepost import plan.csv --into my-program --start 2027-01-04\n\nCSV columns (header names in any case; only id is required):\n  id,name,duration,depends_on,due,start_no_earlier,status,started,finished,owner,vendor,kind,cluster,site\ndepends_on: ids separated by ; or spaces, each `id` or `id:TYPE±LAG` (po:SS+2).\nNothing is written unless the whole program is valid; existing files are never overwritten."
)]
pub struct Args {
    /// The plan: Microsoft Project XML (.xml) or CSV (.csv)
    pub file: PathBuf,
    /// The directory to write the new program in (created if missing)
    #[arg(long, value_name = "DIR")]
    pub into: PathBuf,
    /// The program start [default: the plan's project start; for CSV the earliest date in it, or today]
    #[arg(long, value_name = "DATE", value_parser = super::parse_date_arg)]
    pub start: Option<NaiveDate>,
}

fn input(message: String) -> CommandError {
    CommandError::new(ErrorKind::Input, message)
}

/// The text of an XML file: UTF-8 (with or without a byte order mark), or UTF-16 with
/// one (as some tools save XML).
fn xml_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |big: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if big {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => String::from_utf8(bytes.to_vec())
            .ok()
            .map(|t| t.trim_start_matches('\u{feff}').to_string()),
    }
}

/// Reads the plan by its extension.
fn read(ctx: &Context<'_>, args: &Args, source: &str) -> Result<Imported, CommandError> {
    let path = &args.file;
    let bytes = std::fs::read(path)
        .map_err(|e| CommandError::io(format!("cannot read {}: {e}", path.display())))?;
    let stem = path
        .file_stem()
        .map_or_else(|| "imported".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut imported = match ext.as_str() {
        "xml" => {
            let text = xml_text(&bytes).ok_or_else(|| {
                input(format!(
                    "cannot import {source}: it is not UTF-8 or UTF-16 text"
                ))
            })?;
            import::mspdi::read(&text, &stem)
                .map_err(|e| input(format!("cannot import {source}: {e}")))?
        }
        "csv" => {
            let today = ctx.today.unwrap_or_else(|| chrono::Utc::now().date_naive());
            import::csv::read(&bytes, &stem, args.start, today).map_err(|errors| {
                let n = errors.len();
                let mut e = input(format!(
                    "cannot import {source}: {n} problem{}, nothing written",
                    if n == 1 { "" } else { "s" }
                ));
                e.hints = errors;
                e
            })?
        }
        _ => {
            return Err(CommandError::usage(format!(
                "cannot import {source}: expected a .xml (MS Project XML) or .csv file"
            )));
        }
    };
    if let Some(start) = args.start {
        imported.start = start;
    }
    Ok(imported)
}

pub fn run(ctx: &Context<'_>, args: &Args) -> Result<(), CommandError> {
    let source = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = read(ctx, args, &source)?;
    let dir = &args.into;
    if dir.exists() && !dir.is_dir() {
        return Err(CommandError::io(format!(
            "{} exists and is not a directory",
            dir.display()
        )));
    }
    let files = program_files::files(&imported, &source);
    let conflicts: Vec<&str> = files
        .iter()
        .filter(|(rel, _)| dir.join(rel).symlink_metadata().is_ok())
        .map(|(rel, _)| rel.as_str())
        .collect();
    if !conflicts.is_empty() {
        return Err(CommandError::io(format!(
            "not overwriting existing files in {}: {}; nothing written",
            dir.display(),
            conflicts.join(", ")
        )));
    }
    let prefix = format!("{}/", dir.display());
    let memory = files.iter().fold(
        Memory::new().with_display_prefix(prefix),
        |m, (rel, text)| m.with(rel, text.as_bytes().to_vec()),
    );
    let loaded = ctx
        .load_from(&memory, ctx.today, None, Some("imported"))
        .map_err(|_| {
            input(format!(
                "{source} does not make a valid program (see above); nothing written"
            ))
        })?;
    if !imported.lost.is_empty() {
        let mut note = format!(
            "note: {} thing(s) in {source} that milepost does not represent were left out:\n",
            imported.lost.len()
        );
        for line in &imported.lost {
            note.push_str(&format!("  - {line}\n"));
        }
        ctx.out.message(&note);
    }
    write_all(dir, &files)?;
    let list: Vec<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    ctx.out.message(&format!(
        "imported {} milestones from {source} into {}: {}\nnext: milepost -C {} status\n",
        loaded.program.milestones.len(),
        dir.display(),
        list.join(", "),
        dir.display()
    ));
    Ok(())
}

/// Writes every file atomically; on an error removes the ones this run wrote.
fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), CommandError> {
    let mut written: Vec<PathBuf> = Vec::new();
    for (rel, text) in files {
        let target = dir.join(rel);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| format!("cannot create the directory of {}: {e}", target.display()))
            .and_then(|()| crate::write::atomic_write(&target, text.as_bytes()));
        if let Err(e) = result {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            return Err(CommandError::io(e));
        }
        written.push(target);
    }
    Ok(())
}
