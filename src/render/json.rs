//! JSON for scripts: pretty-printed, with a trailing newline. Views are streamed by
//! [`super::view::write`]; this serves the documents that are not views (schemas, CI
//! reports). Dates are `YYYY-MM-DD`, numbers working days, absent values null.
use serde::Serialize;

pub use crate::model::Date;

/// Serializes any value as pretty JSON with a trailing newline.
pub fn value<T: Serialize>(value: &T) -> String {
    let mut out =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
