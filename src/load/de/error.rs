//! Errors of the tree deserializer, and the collector that keeps all of them.
use std::cell::RefCell;
use std::fmt;

use serde::de;

use crate::load::yaml::Span;

/// One problem found while reading a node into a typed value.
#[derive(Clone, Debug, PartialEq)]
pub struct DeError {
    pub message: String,
    pub span: Option<Span>,
    pub help: Option<String>,
    /// The top-level entry of the item the error occurred under (set while unwinding).
    pub(super) entry: Option<usize>,
    /// Set for "missing field" errors, so a key dropped after a type error is not
    /// reported again as missing.
    pub(super) missing: Option<&'static str>,
}

impl DeError {
    pub(super) fn new(message: impl Into<String>) -> DeError {
        DeError {
            message: message.into(),
            span: None,
            help: None,
            entry: None,
            missing: None,
        }
    }

    pub(super) fn at(mut self, span: Span) -> DeError {
        self.span.get_or_insert(span);
        self
    }

    pub(super) fn with_help(mut self, help: String) -> DeError {
        self.help = Some(help);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(format!(
            "expected {}, found {}",
            friendly(&exp.to_string()),
            unexpected(unexp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(format!(
            "expected {}, found {}",
            friendly(&exp.to_string()),
            unexpected(unexp)
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let err = DeError::new(format!(
            "unknown value `{variant}`; expected one of {}",
            list(expected)
        ));
        match did_you_mean(variant, expected) {
            Some(hint) => err.with_help(format!("did you mean `{hint}`?")),
            None => err,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        let mut err = DeError::new(format!("missing required key `{field}`"));
        err.missing = Some(field);
        err
    }
}

fn friendly(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "an integer".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" | "bool" => "true or false".into(),
        s if s.starts_with("struct ") => "a mapping".into(),
        s => s.into(),
    }
}

fn unexpected(unexp: de::Unexpected<'_>) -> String {
    match unexp {
        de::Unexpected::Map => "a mapping".into(),
        de::Unexpected::Seq => "a list".into(),
        de::Unexpected::Unit => "nothing (null)".into(),
        other => other.to_string(),
    }
}

pub(super) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest candidate to `word`, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// What makes two errors the same: their place and message.
type ErrorKey = (Option<(u32, u32)>, String);

/// Collects the errors of one file (deduplicated: retries re-report the same keys).
#[derive(Default)]
pub struct Collector {
    errors: RefCell<Vec<DeError>>,
    /// (span, message) of every error kept, so deduplication stays linear.
    seen: RefCell<rustc_hash::FxHashSet<ErrorKey>>,
}

impl Collector {
    pub(super) fn push(&self, err: DeError) {
        let key = (err.span.map(|s| (s.start, s.end)), err.message.clone());
        if self.seen.borrow_mut().insert(key) {
            self.errors.borrow_mut().push(err);
        }
    }

    /// The errors collected so far, in the order found.
    pub fn into_errors(self) -> Vec<DeError> {
        self.errors.into_inner()
    }
}
