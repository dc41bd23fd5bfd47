//! Where output goes: data to stdout (a closed pipe is success), messages to stderr,
//! colour decided once from `--color`, NO_COLOR and whether each stream is a terminal.
use std::io::{IsTerminal, Write};

use super::{ColorChoice, CommandError};
use crate::render::Format;
use crate::render::table::{self, Style};
use crate::render::view::{self, View};

/// The process's output streams and their capabilities.
pub struct Output {
    pub color_out: bool,
    pub color_err: bool,
    pub terminal_width: Option<u16>,
    /// `--wide`: tables show every column at full width.
    pub wide: bool,
}

impl Output {
    /// Decides colour and width for this process (`wide`: tables are never fitted).
    pub fn new(choice: ColorChoice, wide: bool) -> Output {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let stdout_tty = std::io::stdout().is_terminal();
        let terminal_width = stdout_tty.then(terminal_width).flatten();
        Output {
            color_out: decide(stdout_tty),
            color_err: decide(std::io::stderr().is_terminal()),
            terminal_width,
            wide,
        }
    }

    /// The table style for stdout.
    pub fn table_style(&self) -> Style {
        Style {
            color: self.color_out,
            width: self.terminal_width,
            wide: self.wide,
        }
    }

    /// Writes data to stdout. A closed pipe (`milepost status | head`) is not an error.
    pub fn data(&self, text: &str) -> Result<(), CommandError> {
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(CommandError::io(format!("cannot write output: {e}")))
            }
            _ => Ok(()),
        }
    }

    /// Writes data to `path` atomically, or to stdout without one.
    pub fn data_to(&self, path: Option<&std::path::Path>, text: &str) -> Result<(), CommandError> {
        match path {
            Some(path) => {
                crate::write::atomic_write(path, text.as_bytes()).map_err(CommandError::io)
            }
            None => self.data(text),
        }
    }

    /// Renders `view` in `format` to stdout, and notes on stderr the table columns hidden
    /// to fit the width. A closed pipe is not an error.
    pub fn emit(&self, view: &impl View, format: Format) -> Result<(), CommandError> {
        let written = view::write(view, format, self.table_style(), std::io::stdout().lock());
        if let Ok(hidden) = &written {
            self.note_hidden(hidden);
        }
        match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Err(CommandError::usage(
                format!("this command has no {} output", format_name(format)),
            )),
            Err(e) => Err(CommandError::io(format!("cannot write output: {e}"))),
            Ok(_) => Ok(()),
        }
    }

    /// On a terminal, notes the table columns hidden to fit it. Piped output is always
    /// [`crate::render::table::FIXED_WIDTH`] wide (docs/cli.md), so it gets no note: a
    /// script or cron job would get the same line on stderr at every run.
    fn note_hidden(&self, hidden: &[&str]) {
        let note = self
            .terminal_width
            .and_then(|w| table::hidden_note(hidden, w));
        if let Some(note) = note {
            self.message(&note);
        }
    }

    /// Writes a message to stderr.
    pub fn message(&self, text: &str) {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    /// Writes `error: ...` to stderr.
    pub fn error(&self, message: &str) {
        let prefix = if self.color_err {
            "\x1b[1;31merror\x1b[0m"
        } else {
            "error"
        };
        // The message may quote input (a path, a revision): never raw control characters.
        let message = crate::load::text::printable(message);
        self.message(&format!("{prefix}: {message}\n"));
    }

    /// The width for diagnostics on stderr.
    pub fn err_width(&self) -> usize {
        if std::io::stderr().is_terminal() {
            terminal_width().map_or(100, usize::from)
        } else {
            100
        }
    }
}

fn terminal_width() -> Option<u16> {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
    {
        return Some(cols);
    }
    comfy_table::Table::new().width()
}

fn format_name(format: Format) -> String {
    clap::ValueEnum::to_possible_value(&format)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}
