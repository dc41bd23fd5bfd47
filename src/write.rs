//! Writing output files safely: a temporary file beside the target, renamed into place,
//! so an existing file is never left half-written.
use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary path used while writing `target`.
fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join(format!(".{name}.{}.milepost-tmp", std::process::id()))
}

/// Writes `bytes` to `target` atomically: to a temporary file in the same directory,
/// flushed to disk, then renamed over the target. On any error the target is untouched
/// and the temporary file removed. The temporary file is created new (never through
/// a link planted at its name); a target that is a symbolic link is replaced by the
/// file, not written through; an existing target's permissions are kept.
pub fn atomic_write(target: &Path, bytes: &[u8]) -> Result<(), String> {
    atomic_write_if(target, bytes, || Ok(()))
}

/// [`atomic_write`] that replaces `target` only if it still holds `expected` when the
/// new content is ready to be renamed into place (an editor or another run may have
/// changed it since it was read); otherwise nothing is written.
pub fn atomic_replace(target: &Path, bytes: &[u8], expected: &[u8]) -> Result<(), String> {
    atomic_write_if(target, bytes, || {
        if std::fs::read(target).ok().as_deref() == Some(expected) {
            Ok(())
        } else {
            Err(format!(
                "{} changed on disk since milepost read it; nothing written",
                target.display()
            ))
        }
    })
}

fn atomic_write_if(
    target: &Path,
    bytes: &[u8],
    still_ok: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    let temp = temp_path(target);
    let mut refused = None;
    let result = (|| {
        let mut file = create_new(&temp)?;
        if let Ok(meta) = std::fs::metadata(target) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Err(why) = still_ok() {
            refused = Some(why);
            return Err(std::io::Error::other("refused"));
        }
        std::fs::rename(&temp, target)?;
        sync_dir(&temp);
        Ok::<(), std::io::Error>(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        refused.unwrap_or_else(|| format!("cannot write {}: {e}", target.display()))
    })
}

/// Creates `path` as a new file; a leftover at that name (a crashed run's temporary
/// file, or a link) is removed first, once.
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let open = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            open()
        }
        other => other,
    }
}

/// Flushes the directory holding `path`, so the rename survives a crash (best effort).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.md");
        std::fs::write(&target, "old").unwrap();
        atomic_write(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_links_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.md");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        // A link planted at the temporary name must not be written through.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, temp_path(&target)).unwrap();
        atomic_write(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // A target that is a link is replaced, not written through.
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        atomic_write(&link, b"x").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(
            !std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_replace_is_refused_when_the_target_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.yaml");
        std::fs::write(&target, "changed").unwrap();
        let err = atomic_replace(&target, b"new", b"as read").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "changed");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        atomic_replace(&target, b"new", b"changed").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn a_failed_write_leaves_the_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let err = atomic_write(&dir.path().join("missing/out.md"), b"x").unwrap_err();
        assert!(err.contains("cannot write"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
