//! Writing a value as YAML text the way a person would: plain when plain reads back as
//! the same value, else quoted — in the quoting style of the value it replaces.
use chrono::NaiveDate;

/// How a scalar is quoted in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    Plain,
    Single,
    Double,
}

impl Quote {
    /// The style of the scalar whose text starts with `first`.
    pub fn of(first: Option<char>) -> Quote {
        match first {
            Some('\'') => Quote::Single,
            Some('"') => Quote::Double,
            _ => Quote::Plain,
        }
    }
}

/// A value to write: its meaning decides when plain text would read back wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Date(NaiveDate),
    Int(i64),
    /// An id or a vocabulary name (`in_progress`, `dfw1-h200`).
    Word(String),
    /// Free text (`name`, `owner`, `notes`).
    Text(String),
}

impl Value {
    /// The value as the loader would read it back, for messages and JSON.
    pub fn shown(&self) -> String {
        match self {
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Int(n) => n.to_string(),
            Value::Word(s) | Value::Text(s) => s.clone(),
        }
    }
}

/// Whether free text must be quoted to read back as itself.
pub fn needs_quotes(text: &str) -> bool {
    !plain_is_safe(text)
}

/// The style to keep from the scalar `old` written in `quote`: quotes chosen by the
/// writer stay; quotes the old text needed (`"a: b"`) say nothing of the writer's
/// taste and are not kept, so that putting the old value back restores the text.
pub fn kept(quote: Quote, old: &str) -> Option<Quote> {
    match quote {
        Quote::Plain => Some(Quote::Plain),
        quote if plain_is_safe(old) => Some(quote),
        _ => None,
    }
}

/// The YAML text of `value`, quoted like the text it replaces (`keep`) when there is
/// one, else plain when that is safe, else in double quotes.
pub fn render(value: &Value, keep: Option<Quote>) -> String {
    let text = value.shown();
    let needs_quotes = match value {
        Value::Date(_) | Value::Int(_) => false,
        Value::Word(s) | Value::Text(s) => !plain_is_safe(s),
    };
    let style = match keep {
        Some(Quote::Single) if !text.contains(['\n', '\r']) => Quote::Single,
        Some(Quote::Double) => Quote::Double,
        Some(Quote::Single) => Quote::Double,
        _ if needs_quotes => Quote::Double,
        _ => Quote::Plain,
    };
    match style {
        Quote::Plain => text,
        Quote::Single => format!("'{}'", text.replace('\'', "''")),
        Quote::Double => double_quoted(&text),
    }
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `text` written plain reads back as that same text (conservatively: when in
/// doubt it is quoted).
fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || "-?:,[]{}#&*!|>'\"%@`.~".contains(first) {
        return false;
    }
    if text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.contains(['\n', '\r', '\t', ',', '[', ']', '{', '}'])
        || text.chars().any(char::is_control)
    {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let reserved = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    if reserved.contains(&lower.as_str()) {
        return false;
    }
    let numeric = text.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with("+");
    !numeric && crate::load::raw::parse_date(text).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        render(&Value::Text(s.into()), None)
    }

    #[test]
    fn plain_when_it_reads_back_the_same() {
        assert_eq!(text("Marcus L."), "Marcus L.");
        assert_eq!(
            text("Witnessed by security; drives"),
            "Witnessed by security; drives"
        );
        assert_eq!(render(&Value::Int(4), None), "4");
    }

    #[test]
    fn quoted_when_plain_would_read_back_differently() {
        assert_eq!(text("a: b"), "\"a: b\"");
        assert_eq!(text("2027"), "\"2027\"");
        assert_eq!(text("yes"), "\"yes\"");
        assert_eq!(text("- x"), "\"- x\"");
        assert_eq!(text("say \"hi\" # now"), "\"say \\\"hi\\\" # now\"");
        assert_eq!(text(""), "\"\"");
    }

    #[test]
    fn keeps_the_quoting_it_replaces() {
        assert_eq!(
            render(&Value::Text("it's".into()), Some(Quote::Single)),
            "'it''s'"
        );
        assert_eq!(
            render(&Value::Word("ab".into()), Some(Quote::Double)),
            "\"ab\""
        );
        assert_eq!(render(&Value::Word("ab".into()), Some(Quote::Plain)), "ab");
    }
}
