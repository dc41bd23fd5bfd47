//! A small XML writer for MSPDI: one element per line, tab-indented as Microsoft Project
//! writes it, every text escaped.
use std::fmt::Display;

use chrono::NaiveDate;

use crate::render::junit::escape;

/// XML text being written.
pub struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    /// A document with the XML declaration.
    pub fn new() -> Xml {
        Xml {
            out: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n".into(),
            depth: 0,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push('\t');
        }
    }

    /// Opens `<tag>` (with `attrs`, already escaped by the caller) on its own line.
    pub fn open_with(&mut self, tag: &str, attrs: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub fn open(&mut self, tag: &str) {
        self.open_with(tag, "");
    }

    pub fn close(&mut self, tag: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// `<tag>value</tag>`, the value escaped.
    pub fn text(&mut self, tag: &str, value: impl Display) {
        self.indent();
        let value = escape(&value.to_string());
        self.out.push_str(&format!("<{tag}>{value}</{tag}>\n"));
    }

    /// `<tag>0|1</tag>`.
    pub fn flag(&mut self, tag: &str, value: bool) {
        self.text(tag, u8::from(value));
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The start of a working day (08:00), as MSPDI dates are written.
pub fn morning(date: NaiveDate) -> String {
    format!("{date}T08:00:00")
}

/// The end of a working day (17:00).
pub fn evening(date: NaiveDate) -> String {
    format!("{date}T17:00:00")
}

/// A duration of `days` 8-hour days, as MSPDI writes durations (`PT40H0M0S`).
pub fn hours(days: i64) -> String {
    format!("PT{}H0M0S", days * 8)
}
