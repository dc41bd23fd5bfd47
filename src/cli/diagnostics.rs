//! Renders [`Diag`]s as miette reports: file, line, column, a snippet and a hint.
use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan,
};

use super::snippet::Indexed;
use crate::diag::{Diag, Files, Loc, Severity};
pub use crate::load::place::{Place, Resolver};
use crate::load::text::printable;

/// At most this many diagnostics are shown; the rest are counted.
const MAX_SHOWN: usize = 200;

/// A line longer than this (in bytes) is not shown as a snippet: the place is named
/// as `file:line:col` instead.
const LONG_LINE: usize = 1_000;

/// A label over more lines than this is drawn on its first line only.
const MAX_SPAN_LINES: usize = 8;

/// A diagnostic ready for miette.
#[derive(Debug)]
struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Indexed>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|r| r as &dyn Diagnostic))
                as Box<dyn Iterator<Item = &dyn Diagnostic>>
        })
    }
}

fn report(diag: &Diag, resolver: &mut Resolver<'_>, files: &Files) -> Report {
    let mut source = None;
    let mut labels = Vec::new();
    // Everything shown passes through `printable`: a hostile file (or file name)
    // must not be able to drive the terminal.
    let mut message = printable(&diag.message).into_owned();
    if let Some((file, range)) = diag.loc.as_ref().and_then(|l| resolver.resolve(l))
        && let Some(f) = files.get(file)
        && let Some(text) = resolver.text(file)
    {
        let name = printable(&f.name);
        let range = shown_range(text, range);
        if matches!(diag.loc, Some(Loc::File { .. })) {
            // Without a snippet (a whole-file problem), name the file in the message.
            message = format!("{name}: {message}");
        } else if snippet_too_wide(text, &range) {
            // A snippet of a huge line would flood the terminal (and miette cannot draw
            // a label past column 65,535): name the place instead.
            let (l, c) = text.line_col(range.start);
            message = format!("{name}:{l}:{c}: {message}");
        } else {
            source = Some(NamedSource::new(name, text.clone()));
            let span = SourceSpan::from(range.start..range.end.max(range.start));
            let label = diag.label.as_deref().map(|l| printable(l).into_owned());
            labels.push(LabeledSpan::new_primary_with_span(label, span));
        }
    }
    let related = diag
        .related
        .iter()
        .map(|r| {
            let sub = Diag {
                severity: Severity::Warning,
                message: r.message.clone(),
                loc: Some(r.loc.clone()),
                label: Some(r.message.clone()),
                help: None,
                related: Vec::new(),
                code: diag.code,
            };
            let mut rep = report(&sub, resolver, files);
            rep.severity = miette::Severity::Advice;
            rep
        })
        .collect();
    Report {
        message,
        code: format!("milepost::{}", diag.code),
        severity: match diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: diag.help.as_deref().map(|h| printable(h).into_owned()),
        source,
        labels,
        related,
    }
}

/// The range a label marks: a span of more than [`MAX_SPAN_LINES`] lines (a whole list,
/// a whole file) is marked on its first line only, so the snippet stays short.
fn shown_range(text: &Indexed, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let first = text.line_of(range.start);
    if text.line_of(range.end) > first + MAX_SPAN_LINES {
        let end = text.line_range(first).end.max(range.start);
        return range.start..end;
    }
    range
}

/// Whether a line the snippet would show (the marked lines and one either side) is
/// longer than [`LONG_LINE`].
fn snippet_too_wide(text: &Indexed, range: &std::ops::Range<usize>) -> bool {
    let first = text.line_of(range.start).saturating_sub(1);
    let last = text.line_of(range.end) + 1;
    (first..=last).any(|l| text.line_range(l).len() > LONG_LINE)
}

/// Renders all diagnostics, then a one-line count, as text for stderr.
pub fn render(diags: &[Diag], files: &Files, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    let mut resolver = Resolver::new(files);
    // In file order, then by place in the file, so a reader can walk down the file.
    let mut ordered: Vec<(Option<(crate::diag::FileId, usize)>, &Diag)> = diags
        .iter()
        .map(|d| {
            (
                d.loc
                    .as_ref()
                    .and_then(|l| resolver.resolve(l))
                    .map(|(f, r)| (f, r.start)),
                d,
            )
        })
        .collect();
    ordered.sort_by_key(|(key, _)| *key);
    let mut out = String::new();
    for (_, diag) in ordered.iter().take(MAX_SHOWN) {
        let rep = report(diag, &mut resolver, files);
        let _ = handler.render_report(&mut out, &rep);
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if ordered.len() > MAX_SHOWN {
        let more = ordered.len() - MAX_SHOWN;
        out.push_str(&format!(
            "… and {more} more problem{} not shown (the first {MAX_SHOWN} are above)\n",
            if more == 1 { "" } else { "s" }
        ));
    }
    if errors > 0 {
        out.push_str(&format!(
            "error: the program is invalid: {}",
            plural(errors, "error")
        ));
        if warnings > 0 {
            out.push_str(&format!(", {}", plural(warnings, "warning")));
        }
        out.push('\n');
    }
    out
}
