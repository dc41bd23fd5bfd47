//! Input limits (`[limits]` in milepost.toml): how big and how deep the program's files
//! may be, so that hostile or broken input ends in a diagnostic, never in exhausted
//! memory or time.
use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

/// The limits in force while loading a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes (milepost.toml and each program file).
    pub file_size: u64,
    /// The largest program: all files together, in bytes.
    pub program_size: u64,
    /// The deepest nesting of YAML lists and mappings.
    pub depth: usize,
    /// How many nodes anchors and aliases may copy in one file.
    pub alias_nodes: usize,
    /// The most items (sites, clusters, vendors, milestones, risks) in the program.
    pub items: usize,
    /// The longest text (a key or a value), in characters.
    pub string_length: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

impl Limits {
    /// The defaults: generous for any real program, small enough to fail fast.
    pub const DEFAULT: Limits = Limits {
        file_size: 16 << 20,
        program_size: 256 << 20,
        depth: 64,
        alias_nodes: 100_000,
        items: 250_000,
        string_length: 65_536,
    };

    /// The largest `depth` that may be configured: deeper trees risk the stack.
    pub const MAX_DEPTH: usize = 1_000;
}

/// Where a limit is set, for messages: "the limit `[limits] depth` in milepost.toml".
pub fn key(name: &str) -> String {
    format!("`[limits] {name}` in milepost.toml")
}

/// A byte count for messages: `16 MiB`, `1.5 KiB`, `300 bytes`.
pub fn human(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// Input limits: how big and how deep the program's files may be. Every key is optional;
/// exceeding a limit is an error that names the file and the limit.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLimits {
    /// The largest file milepost reads, in bytes or with a unit ("16 MiB", the default).
    #[schemars(with = "Option<ByteSize>")]
    file_size: Option<Spanned<ByteSize>>,
    /// The largest program, all files together ("256 MiB", the default).
    #[schemars(with = "Option<ByteSize>")]
    program_size: Option<Spanned<ByteSize>>,
    /// The deepest nesting of YAML lists and mappings (default 64, at most 1000).
    #[schemars(with = "Option<u32>", range(min = 1, max = 1000))]
    depth: Option<Spanned<i64>>,
    /// How many YAML nodes anchors and aliases may copy in one file (default 100000).
    #[schemars(with = "Option<u64>", range(min = 1))]
    alias_nodes: Option<Spanned<i64>>,
    /// The most sites, clusters, vendors, milestones and risks in the program (default 250000).
    #[schemars(with = "Option<u64>", range(min = 1))]
    items: Option<Spanned<i64>>,
    /// The longest text (a key or a value) in characters (default 65536).
    #[schemars(with = "Option<u64>", range(min = 1))]
    string_length: Option<Spanned<i64>>,
}

impl RawLimits {
    /// The limits, with the defaults for keys not given; `error(span, message)` is
    /// called for each value out of range (and the default used instead).
    pub(crate) fn check(&self, error: &mut dyn FnMut(std::ops::Range<usize>, String)) -> Limits {
        let d = Limits::DEFAULT;
        let mut bytes = |v: &Option<Spanned<ByteSize>>, default: u64| match v {
            Some(v) if v.get_ref().0 == 0 => {
                error(v.span(), "a size limit must be at least 1 byte".into());
                default
            }
            Some(v) => v.get_ref().0,
            None => default,
        };
        let file_size = bytes(&self.file_size, d.file_size);
        let program_size = bytes(&self.program_size, d.program_size);
        let mut count = |v: &Option<Spanned<i64>>, name: &str, default: usize, max: usize| {
            let Some(v) = v else { return default };
            match usize::try_from(*v.get_ref()) {
                Ok(n) if (1..=max).contains(&n) => n,
                _ if max < usize::MAX => {
                    error(v.span(), format!("`{name}` must be between 1 and {max}"));
                    default
                }
                _ => {
                    error(v.span(), format!("`{name}` must be at least 1"));
                    default
                }
            }
        };
        Limits {
            file_size,
            program_size,
            depth: count(&self.depth, "depth", d.depth, Limits::MAX_DEPTH),
            alias_nodes: count(&self.alias_nodes, "alias_nodes", d.alias_nodes, usize::MAX),
            items: count(&self.items, "items", d.items, usize::MAX),
            string_length: count(
                &self.string_length,
                "string_length",
                d.string_length,
                usize::MAX,
            ),
        }
    }
}

/// The limits a `milepost.toml` sets, read leniently (defaults for anything missing or
/// malformed; the full parse reports the errors). Used where files must be sized up
/// before the program is loaded (a git revision's blobs).
pub fn limits_of(toml_text: &str) -> Limits {
    #[derive(Deserialize)]
    struct OnlyLimits {
        #[serde(default)]
        limits: RawLimits,
    }
    toml::from_str::<OnlyLimits>(toml_text)
        .map(|only| only.limits.check(&mut |_, _| {}))
        .unwrap_or_default()
}

/// The `exclude` globs a `milepost.toml` sets, read leniently (none when malformed).
pub fn exclude_of(toml_text: &str) -> Vec<String> {
    #[derive(Deserialize)]
    struct Program {
        #[serde(default)]
        exclude: Vec<String>,
    }
    #[derive(Deserialize)]
    struct OnlyProgram {
        program: Program,
    }
    toml::from_str::<OnlyProgram>(toml_text)
        .map(|only| only.program.exclude)
        .unwrap_or_default()
}

/// A size in bytes: a whole number, or text with a unit (`"16 MiB"`, `"512KB"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteSize(pub u64);

/// Parses `16 MiB`, `16MiB`, `512 KB`, `100 B`, `1048576` (units in any case; KB is 1000
/// bytes, KiB 1024).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1,
        "kb" => 1_000,
        "kib" => 1 << 10,
        "mb" => 1_000_000,
        "mib" => 1 << 20,
        "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor)
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;
        impl Visitor<'_> for SizeVisitor {
            type Value = ByteSize;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size: a number of bytes or text such as \"16 MiB\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ByteSize, E> {
                u64::try_from(v)
                    .map(ByteSize)
                    .map_err(|_| E::custom("a size cannot be negative"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ByteSize, E> {
                Ok(ByteSize(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ByteSize, E> {
                parse_size(v).map(ByteSize).ok_or_else(|| {
                    E::custom(format!(
                        "`{v}` is not a size; write a number of bytes or e.g. \"16 MiB\", \"512 KiB\", \"1 GiB\""
                    ))
                })
            }
        }
        deserializer.deserialize_any(SizeVisitor)
    }
}

impl JsonSchema for ByteSize {
    fn schema_name() -> Cow<'static, str> {
        "ByteSize".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A size: a number of bytes, or text with a unit such as \"16 MiB\" (B, KB, KiB, MB, MiB, GB, GiB).",
            "anyOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "string", "pattern": "^\\s*[0-9]+\\s*([KkMmGg][Ii]?[Bb]|[Bb]|[Bb][Yy][Tt][Ee][Ss])?\\s*$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_and_without_units() {
        assert_eq!(parse_size("16 MiB"), Some(16 << 20));
        assert_eq!(parse_size("16mib"), Some(16 << 20));
        assert_eq!(parse_size("512 KB"), Some(512_000));
        assert_eq!(parse_size("100"), Some(100));
        assert_eq!(parse_size("2 GiB"), Some(2 << 30));
        assert_eq!(parse_size("1.5 MiB"), None);
        assert_eq!(parse_size("MiB"), None);
        assert_eq!(parse_size("99999999999999999999 GiB"), None);
    }

    fn parse(text: &str, limits: Limits) -> Result<(), String> {
        crate::load::yaml::parse_with(text, &limits)
            .map(|_| ())
            .map_err(|e| e.message)
    }

    #[test]
    fn the_tree_builder_enforces_depth_aliases_and_text_length() {
        let tight = Limits {
            depth: 3,
            alias_nodes: 10,
            string_length: 5,
            ..Limits::DEFAULT
        };
        assert!(parse("a: [[x]]\n", tight).is_ok());
        let deep = parse("a: [[[x]]]\n", tight).unwrap_err();
        assert!(deep.contains("deeper than 3 levels"), "{deep}");
        assert!(deep.contains("`[limits] depth`"), "{deep}");
        // An anchor's copy counts, and so does every alias.
        assert!(parse("a: &a [1, 2]\nb: *a\n", tight).is_ok());
        let many = parse("a: &a [1, 2, 3]\nb: *a\nc: *a\n", tight).unwrap_err();
        assert!(many.contains("more than 10 nodes"), "{many}");
        assert!(parse("a: abcde\n", tight).is_ok());
        let long = parse("a: abcdéf\n", tight).unwrap_err();
        assert!(long.contains("a text of 6 characters"), "{long}");
        // Escapes that make control characters are refused like the raw characters.
        let esc = parse("a: \"x\\e[2Jy\"\n", Limits::DEFAULT).unwrap_err();
        assert!(esc.contains("U+001B"), "{esc}");
        // saphyr-parser bounds flow nesting itself (at 255 levels, below our depth).
        let deep_limits = Limits {
            depth: Limits::MAX_DEPTH,
            ..Limits::DEFAULT
        };
        let flow = format!("a: {}{}\n", "[".repeat(300), "]".repeat(300));
        let flow = parse(&flow, deep_limits).unwrap_err();
        assert!(
            flow.contains("nesting too deep for the YAML parser"),
            "{flow}"
        );
        let block = format!("a:\n  {}x\n", "- ".repeat(900));
        assert!(parse(&block, deep_limits).is_ok());
    }

    #[test]
    fn limits_are_read_leniently_for_git_and_strictly_for_loading() {
        let text = "[program]\nstart = 2026-10-05\n[limits]\nfile_size = \"1 KiB\"\ndepth = 9\n";
        let limits = limits_of(text);
        assert_eq!((limits.file_size, limits.depth), (1024, 9));
        assert_eq!(limits.items, Limits::DEFAULT.items);
        assert_eq!(limits_of("not toml ["), Limits::DEFAULT);
        let text = "[program]\nstart = 2026-10-05\nexclude = [\"drafts/**\"]\n";
        assert_eq!(exclude_of(text), vec!["drafts/**"]);
    }

    #[test]
    fn sizes_print_for_people() {
        assert_eq!(human(16 << 20), "16 MiB");
        assert_eq!(human(52_428_800), "50 MiB");
        assert_eq!(human(1536), "1.5 KiB");
        assert_eq!(human(300), "300 bytes");
    }
}
