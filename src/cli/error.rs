//! Why a command did not succeed, as data: a kind (which alone picks the exit status), a
//! message and hints. Lower layers return their own typed errors; `From` turns each into
//! a [`CommandError`] here, so a command body just uses `?`.
use std::fmt;

use crate::analysis::revisions::WalkError;
use crate::schedule::ScheduleError;
use crate::source::SourceError;
use crate::source::git::GitError;

/// What went wrong, which decides the exit status (SPEC §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A policy violation (`check`, a `--fail-on…` gate): exit 1, already reported.
    Violation,
    /// The program is invalid: exit 2, its diagnostics already printed.
    Invalid,
    /// The command line asks for something that cannot be (an unknown id, a format the
    /// command has no output for): exit 2.
    Usage,
    /// The program's data cannot be used (e.g. dates beyond the calendar): exit 2.
    Input,
    /// Reading or writing a file or a stream failed: exit 2.
    Io,
    /// Reading the program from git failed: exit 2.
    Git,
}

/// A failed command: its kind, the message to print, and what to try.
#[derive(Debug)]
pub struct CommandError {
    pub kind: ErrorKind,
    /// Empty for kinds reported before they are returned (violations, invalid programs).
    pub message: String,
    /// Lines that say what to do about it, printed under the message.
    pub hints: Vec<String>,
}

impl CommandError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A policy violation, already reported.
    pub fn violation() -> CommandError {
        CommandError::new(ErrorKind::Violation, "")
    }

    /// An invalid program, its diagnostics already printed.
    pub fn invalid() -> CommandError {
        CommandError::new(ErrorKind::Invalid, "")
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Usage, message)
    }

    /// An I/O error.
    pub fn io(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Io, message)
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> CommandError {
        self.hints.push(hint.into());
        self
    }

    /// The process exit status for this error (SPEC §4): 1 for a violation, else 2.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Violation => 1,
            _ => 2,
        }
    }

    /// Whether the error still has to be printed (the others were reported already).
    pub fn needs_printing(&self) -> bool {
        !matches!(self.kind, ErrorKind::Violation | ErrorKind::Invalid)
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, "\n  {hint}")?;
        }
        Ok(())
    }
}

impl From<GitError> for CommandError {
    fn from(e: GitError) -> CommandError {
        CommandError {
            kind: ErrorKind::Git,
            message: e.message(),
            hints: e.hints(),
        }
    }
}

impl From<git2::Error> for CommandError {
    fn from(e: git2::Error) -> CommandError {
        CommandError::new(ErrorKind::Git, e.to_string())
    }
}

impl From<WalkError> for CommandError {
    fn from(e: WalkError) -> CommandError {
        match e {
            WalkError::Git(e) => e.into(),
            WalkError::Source(e) => e.into(),
            WalkError::Worker => CommandError::io(e.to_string()),
        }
    }
}

impl From<SourceError> for CommandError {
    fn from(e: SourceError) -> CommandError {
        CommandError::io(e.to_string())
    }
}

impl From<ScheduleError> for CommandError {
    fn from(e: ScheduleError) -> CommandError {
        CommandError::new(ErrorKind::Input, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_alone_picks_the_exit_status() {
        assert_eq!(CommandError::violation().exit_code(), 1);
        for e in [
            CommandError::invalid(),
            CommandError::usage("x"),
            CommandError::io("x"),
        ] {
            assert_eq!(e.exit_code(), 2);
        }
        assert!(!CommandError::violation().needs_printing());
        assert!(CommandError::usage("x").needs_printing());
    }

    #[test]
    fn git_errors_keep_their_kind_and_hints() {
        let unknown = || GitError::UnknownRev {
            rev: "origin/main".into(),
            partial: true,
            hints: vec!["fetch the branch: git fetch …".into(), "or clone …".into()],
        };
        let e = CommandError::from(unknown());
        assert_eq!(e.kind, ErrorKind::Git);
        assert!(
            e.message
                .starts_with("revision `origin/main` is not in this clone")
        );
        assert_eq!(e.hints.len(), 2);
        assert!(e.hints[0].contains("git fetch"), "{:?}", e.hints);
        // Printed, the message and its hints read as they always did.
        let shown = e.to_string();
        assert_eq!(shown, unknown().to_string());
    }
}
