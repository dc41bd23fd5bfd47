//! Arguments that several commands share, flattened into each command's own.
use crate::render::Format;

/// `--format`, any of the four formats.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct FormatArg {
    /// Output format
    #[arg(long = "format", value_enum, default_value_t = Format::Table)]
    format: Format,
}

impl FormatArg {
    /// The chosen format.
    pub fn get(&self) -> Format {
        self.format
    }
}

/// `--format` for a command whose output is not one table: no CSV.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct DocumentFormatArg {
    /// Output format
    #[arg(long = "format", default_value = "table", value_parser = Format::parser(Format::NOT_CSV))]
    format: Format,
}

impl DocumentFormatArg {
    /// The chosen format.
    pub fn get(&self) -> Format {
        self.format
    }
}

/// `--baseline REV`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct BaselineArg {
    /// Compare with the plan at this git revision [default: [program] baseline in milepost.toml]
    #[arg(long = "baseline", value_name = "REV")]
    baseline: Option<String>,
}

impl BaselineArg {
    /// The revision named on the command line, if any.
    pub fn rev(&self) -> Option<&str> {
        self.baseline.as_deref()
    }
}
