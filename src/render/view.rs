//! One renderer for every reporting command: a typed view in, text out in any [`Format`].
//!
//! A command's analysis returns a view: a struct that derives `Serialize` (its JSON is
//! the struct itself, streamed through serde) and implements [`View`], which says what a
//! table or markdown document shows (grids and prose, as [`Block`]s) and which records
//! make its CSV. [`write`] is the only place that matches on the format.
use std::io::{self, BufWriter, Write};

use serde::Serialize;

use super::table::{self, Style};
use super::{Format, Grid, csv, markdown};

/// A piece of a table or markdown document.
#[derive(Clone, Debug)]
pub enum Block {
    /// Text written as it is (headlines, summaries, blank lines).
    Text(String),
    /// A grid, drawn as an aligned table or a markdown table.
    Grid(Grid),
}

/// Where the blocks will be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    /// A terminal or a plain-text log: aligned tables, colour when the style allows.
    Terminal,
    /// GitHub-flavoured markdown.
    Markdown,
}

/// The result of a reporting command, ready to be shown in any format.
pub trait View: Serialize {
    /// What a table or markdown document shows, in order.
    fn blocks(&self, medium: Medium) -> Vec<Block>;

    /// The CSV text: by default the first grid's rows under its headers. Views whose
    /// records are structs write those (their serde names are the header).
    fn csv(&self) -> Option<Result<String, String>> {
        self.blocks(Medium::Markdown)
            .into_iter()
            .find_map(|block| match block {
                Block::Grid(grid) => Some(csv::render(&grid)),
                Block::Text(_) => None,
            })
    }
}

/// Writes `view` in `format` to `w` (a terminal `style` for tables). Returns the
/// headers of the table columns hidden to fit the width, each once (none in other
/// formats).
pub fn write(
    view: &impl View,
    format: Format,
    style: Style,
    w: impl Write,
) -> io::Result<Vec<&'static str>> {
    let mut w = BufWriter::with_capacity(1 << 16, w);
    let mut hidden = Vec::new();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut w, view)?;
            w.write_all(b"\n")?;
        }
        Format::Csv => {
            let text = view
                .csv()
                .ok_or_else(|| io::Error::new(io::ErrorKind::Unsupported, "no CSV output"))?
                .map_err(io::Error::other)?;
            w.write_all(text.as_bytes())?;
        }
        Format::Table => write_blocks(&mut w, view.blocks(Medium::Terminal), |g| {
            let table = table::render_fitted(g, style);
            for header in table.hidden {
                if !hidden.contains(&header) {
                    hidden.push(header);
                }
            }
            table.text
        })?,
        Format::Markdown => {
            write_blocks(&mut w, view.blocks(Medium::Markdown), markdown::render)?;
        }
    }
    w.flush()?;
    Ok(hidden)
}

/// Renders `view` in `format` as a string (for reports and tests).
pub fn to_string(view: &impl View, format: Format, style: Style) -> io::Result<String> {
    let mut out = Vec::new();
    write(view, format, style, &mut out)?;
    String::from_utf8(out).map_err(io::Error::other)
}

fn write_blocks(
    w: &mut impl Write,
    blocks: Vec<Block>,
    mut grid: impl FnMut(&Grid) -> String,
) -> io::Result<()> {
    for block in blocks {
        match block {
            Block::Text(text) => w.write_all(text.as_bytes())?,
            Block::Grid(g) => w.write_all(grid(&g).as_bytes())?,
        }
    }
    Ok(())
}
