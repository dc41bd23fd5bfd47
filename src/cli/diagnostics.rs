//! Renders [`Diag`]s as miette reports: file, line, column, a snippet and a hint.
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan,
};

use crate::diag::{Diag, FileId, Files, Loc, Severity};
use crate::load::{locate, yaml};

/// Resolves locations to byte spans, parsing each file at most once.
pub struct Resolver<'a> {
    files: &'a Files,
    trees: HashMap<FileId, Option<yaml::Node>>,
}

impl<'a> Resolver<'a> {
    /// A resolver over `files`.
    pub fn new(files: &'a Files) -> Self {
        Resolver {
            files,
            trees: HashMap::new(),
        }
    }

    /// The file and byte range a location names.
    pub fn resolve(&mut self, loc: &Loc) -> Option<(FileId, std::ops::Range<usize>)> {
        let file = self.files.get(loc.file())?;
        let text = &file.text;
        let chars = |span: yaml::Span| {
            yaml::byte_offset(text, span.start)..yaml::byte_offset(text, span.end)
        };
        let range = match loc {
            Loc::Chars { span, .. } => chars(*span),
            Loc::Bytes { start, end, .. } => (*start).min(text.len())..(*end).min(text.len()),
            Loc::File { .. } => return Some((loc.file(), 0..0)),
            Loc::Path { path, .. } => {
                let tree = self
                    .trees
                    .entry(loc.file())
                    .or_insert_with(|| yaml::parse(text).ok());
                chars(locate::walk(tree.as_ref()?, path))
            }
        };
        Some((loc.file(), range))
    }

    /// The file, 1-based line and 1-based column (in characters) of a location.
    pub fn place(&mut self, loc: &Loc) -> Option<(FileId, usize, usize)> {
        let (file, range) = self.resolve(loc)?;
        let f = self.files.get(file)?;
        let before = &f.text[..range.start.min(f.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((file, line, col))
    }

    /// `path:line:col` of a location.
    pub fn position(&mut self, loc: &Loc) -> Option<String> {
        let (file, line, col) = self.place(loc)?;
        Some(format!("{}:{line}:{col}", self.files.get(file)?.name))
    }
}

/// A diagnostic ready for miette.
#[derive(Debug)]
struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
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
    if let Some((file, range)) = diag.loc.as_ref().and_then(|l| resolver.resolve(l))
        && let Some(f) = files.get(file)
    {
        source = Some(NamedSource::new(&f.name, f.text.clone()));
        if !matches!(diag.loc, Some(Loc::File { .. })) {
            let span = SourceSpan::from(range.start..range.end.max(range.start));
            labels.push(LabeledSpan::new_primary_with_span(diag.label.clone(), span));
        }
    }
    let message = match (&diag.loc, source.is_some()) {
        // Without a snippet (a whole-file problem), name the file in the message.
        (Some(loc @ Loc::File { .. }), _) => format!(
            "{}: {}",
            files.get(loc.file()).map_or("", |f| f.name.as_str()),
            diag.message
        ),
        _ => diag.message.clone(),
    };
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
        help: diag.help.clone(),
        source,
        labels,
        related,
    }
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
    for (_, diag) in ordered {
        let rep = report(diag, &mut resolver, files);
        let _ = handler.render_report(&mut out, &rep);
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
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
