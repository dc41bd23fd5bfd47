//! File bytes → text: UTF-8 (a byte-order mark is dropped), no control characters,
//! and the places in the text that a problem points at.
use super::yaml::{Span, YamlError};

/// Text that cannot be read as a program file, with where the problem is.
#[derive(Clone, Debug, PartialEq)]
pub struct TextError {
    /// The file as far as it can be shown (invalid bytes replaced by U+FFFD).
    pub text: String,
    pub message: String,
    pub help: Option<String>,
    /// Characters of `text` the problem is at.
    pub span: Span,
}

/// Decodes file bytes as UTF-8, dropping a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let bad = bytes.get(at).copied().unwrap_or(0);
            let text = String::from_utf8_lossy(bytes).into_owned();
            let start = chars_before(&text, at);
            Err(TextError {
                message: format!("not valid UTF-8: byte 0x{bad:02X} at offset {at}"),
                help: Some("save the file as UTF-8".into()),
                span: Span {
                    start,
                    end: start.saturating_add(1),
                },
                text,
            })
        }
    }
}

/// The first character YAML does not allow in a stream (YAML 1.2 §5.1: C0 controls
/// other than tab, line feed and carriage return; DEL; C1 controls other than NEL;
/// U+FFFE and U+FFFF), with its place.
pub fn check_printable(text: &str) -> Result<(), TextError> {
    // Printable ASCII (the common case) is checked a byte at a time, which vectorizes;
    // any character refused below has a byte outside this set.
    let plain = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\t' | b'\n' | b'\r');
    if text.as_bytes().iter().all(plain) {
        return Ok(());
    }
    let Some((index, (_, c))) = text.char_indices().enumerate().find(|(_, (_, c))| {
        let c = *c as u32;
        matches!(c, 0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x84 | 0x86..=0x9F | 0xFFFE | 0xFFFF)
    }) else {
        return Ok(());
    };
    let start = u32::try_from(index).unwrap_or(u32::MAX);
    let name = match c {
        '\0' => "a NUL byte (U+0000)".to_string(),
        c => format!("the control character U+{:04X}", c as u32),
    };
    Err(TextError {
        text: text.to_string(),
        message: format!("{name} is not allowed in a YAML file"),
        help: Some(
            "remove it (control characters often come in with text pasted from a spreadsheet or a terminal)"
                .into(),
        ),
        span: Span {
            start,
            end: start.saturating_add(1),
        },
    })
}

/// Whether `c` is a control character a program's text may not hold (anything but tab,
/// line feed and carriage return): it could drive the terminal a report is shown on.
pub fn is_control(c: char) -> bool {
    matches!(c as u32, 0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F)
}

/// The first control character in `s` (see [`is_control`]).
pub fn first_control(s: &str) -> Option<char> {
    s.chars().find(|c| is_control(*c))
}

/// `s` with control characters replaced by U+FFFD, for messages shown on a terminal.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if first_control(s).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| if is_control(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// `s` with control characters replaced by placeholders of the same length in bytes
/// (`?` for one byte, `·` for two), so byte offsets into `s` still hold: for snippets.
pub fn same_length_printable(s: &str) -> std::borrow::Cow<'_, str> {
    if first_control(s).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                c if !is_control(c) => c,
                c if c.len_utf8() == 1 => '?',
                _ => '·',
            })
            .collect(),
    )
}

/// The hint for a TOML error that a date was written as a string (`"2026-01-05"`).
pub fn toml_quoted_date(message: &str) -> Option<&'static str> {
    (message.starts_with("invalid type: string") && message.ends_with("expected a TOML datetime"))
        .then_some("remove the quotes: TOML dates are written bare, e.g. 2026-01-05")
}

/// A control character in a TOML key or string (written as an escape such as
/// `\u001b`), as a message naming the key; `None` when there is none.
pub fn toml_control(text: &str) -> Option<String> {
    fn walk(key: &str, value: &toml::Value) -> Option<String> {
        let found = |k: &str, c: char| {
            Some(format!(
                "`{}` holds the control character U+{:04X}, which is not allowed",
                printable(k),
                c as u32
            ))
        };
        match value {
            toml::Value::String(s) => first_control(s).and_then(|c| found(key, c)),
            toml::Value::Array(items) => items.iter().find_map(|v| walk(key, v)),
            toml::Value::Table(table) => table.iter().find_map(|(k, v)| {
                let path = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                first_control(k)
                    .and_then(|c| found(&path, c))
                    .or_else(|| walk(&path, v))
            }),
            _ => None,
        }
    }
    let table: toml::Table = toml::from_str(text).ok()?;
    walk("", &toml::Value::Table(table))
}

/// How many characters come before byte `at` of `text` (which must be a boundary).
fn chars_before(text: &str, at: usize) -> u32 {
    let prefix = text.get(..at).unwrap_or(text);
    u32::try_from(prefix.chars().count()).unwrap_or(u32::MAX)
}

/// The first tab in the indentation of a line at or after character `from`, if any:
/// YAML indents with spaces only, and the parser's own message points at where it
/// gave up rather than at the tab.
pub fn tab_in_indentation(text: &str, from: u32) -> Option<Span> {
    let mut line_start: u32 = 0;
    for line in text.split_inclusive('\n') {
        let len = u32::try_from(line.chars().count()).unwrap_or(u32::MAX);
        let line_end = line_start.saturating_add(len);
        if line_end > from {
            let indent = line.chars().take_while(|c| *c == ' ' || *c == '\t');
            if let Some(i) = indent.clone().position(|c| c == '\t') {
                let rest = line.chars().skip(i).find(|c| *c != ' ' && *c != '\t');
                // A line of blanks only is not indentation.
                if rest.is_some_and(|c| c != '\n' && c != '\r') {
                    let start = line_start.saturating_add(u32::try_from(i).unwrap_or(0));
                    return Some(Span {
                        start,
                        end: start.saturating_add(1),
                    });
                }
            }
        }
        line_start = line_end;
    }
    None
}

/// The parser's message, made more precise where it is vague.
pub(super) fn syntax_error(text: &str, info: &str, at: u32) -> YamlError {
    let span = Span { start: at, end: at };
    if info.contains("tab") {
        if let Some(tab) = tab_in_indentation(text, line_start(text, at)) {
            return YamlError {
                message: "a tab in the indentation: YAML indents with spaces only".into(),
                span: tab,
                help: Some("replace the tab with spaces".into()),
            };
        }
        return YamlError {
            help: Some("YAML does not allow tabs here; use spaces".into()),
            ..YamlError::new(info.to_string(), span)
        };
    }
    if info == "recursion limit exceeded" {
        return YamlError {
            help: Some("flow collections ([ ] and { }) nest at most 255 levels deep".into()),
            ..YamlError::new("nesting too deep for the YAML parser".into(), span)
        };
    }
    YamlError::new(info.to_string(), span)
}

/// The character offset of the start of the line holding character `at`.
fn line_start(text: &str, at: u32) -> u32 {
    let mut start = 0u32;
    for (i, c) in text.chars().enumerate() {
        if u32::try_from(i).unwrap_or(u32::MAX) >= at {
            break;
        }
        if c == '\n' {
            start = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped_and_invalid_utf8_is_located() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1\n").unwrap(), "a: 1\n");
        let err = decode(b"ab\n\xffc").unwrap_err();
        assert_eq!(err.span, Span { start: 3, end: 4 });
        assert!(err.message.contains("0xFF at offset 3"), "{}", err.message);
        assert_eq!(err.text, "ab\n\u{FFFD}c");
    }

    #[test]
    fn control_characters_are_located() {
        assert!(check_printable("a:\tb\r\n\u{85}é\u{FEFF}").is_ok());
        let err = check_printable("é: a\u{7}b").unwrap_err();
        assert_eq!(err.span.start, 4);
        assert!(err.message.contains("U+0007"));
        let nul = check_printable("a\0").unwrap_err();
        assert!(nul.message.starts_with("a NUL byte"));
    }

    #[test]
    fn control_characters_are_made_printable() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(printable("tab\tok\n"), "tab\tok\n");
        let text = "a\u{1b}b\u{9b}c";
        let shown = same_length_printable(text);
        assert_eq!(shown, "a?b·c");
        assert_eq!(shown.len(), text.len());
    }

    #[test]
    fn control_characters_in_toml_strings_are_named() {
        let text = "[program]\nname = \"a\\u001bb\"\n";
        let message = toml_control(text).unwrap();
        assert!(message.contains("`program.name` holds the control character U+001B"));
        assert_eq!(toml_control("[program]\nname = \"tab\\tok\"\n"), None);
    }

    #[test]
    fn finds_the_tab_that_indents() {
        let text = "a:\n  b: c\n \tc: d\n";
        assert_eq!(
            tab_in_indentation(text, 4),
            Some(Span { start: 11, end: 12 })
        );
        assert_eq!(tab_in_indentation("a: b\tc\n", 0), None);
        assert_eq!(tab_in_indentation("a:\n\t\n", 0), None);
    }
}
