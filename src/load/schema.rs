//! JSON Schemas (draft-07) of the file formats, generated from the loader's own types.
//!
//! [`program_file`] describes a YAML program file from [`raw::RawFile`] and the types
//! under it; [`config`] describes `milepost.toml` from the config's raw types. Both are
//! derived with schemars, so they follow the loader whenever its types change. The few
//! types with hand-written `Deserialize` (dates, relations, dependencies) or checked by
//! hand after deserializing (ids, timezones, weekdays) get hand-written schemas here.
use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use super::config;
use super::raw::{self, Dependency};
use crate::model::{FailOn, Relation};

/// The pattern every id and every reference to an id matches (SPEC §1).
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9._-]*$";

/// The longest id.
pub const ID_MAX_LENGTH: usize = 64;

/// The JSON Schema of a program file (`*.yaml` below the program root).
pub fn program_file() -> Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<raw::RawFile>();
    headed(schema, "milepost program file")
}

/// The JSON Schema of `milepost.toml` (TOML dates are strings here, as TOML tools map
/// them).
pub fn config() -> Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<config::RawConfig>();
    headed(schema, "milepost.toml")
}

/// The root schema with `$schema`, `title` and `description` first, for people reading it.
fn headed(schema: Schema, title: &str) -> Value {
    let mut root = serde_json::Map::new();
    let mut rest = match Value::from(schema) {
        Value::Object(map) => map,
        other => return other,
    };
    for key in ["$schema", "title", "description"] {
        let value = match key {
            "title" => Some(Value::from(title)),
            _ => rest.remove(key),
        };
        if let Some(value) = value {
            root.insert(key.into(), value);
        }
    }
    rest.remove("title");
    root.extend(rest);
    Value::Object(root)
}

/// A regular expression matching `word` in any letter case, e.g. `[Ff][Ss]` for `fs`.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A string that is one of `names` (offered by editors) in any letter case.
fn one_of_any_case(names: &[&str], description: &str) -> Schema {
    let alternatives: Vec<String> = names.iter().map(|n| any_case(n)).collect();
    json_schema!({
        "description": description,
        "type": "string",
        "anyOf": [
            { "enum": names },
            { "pattern": format!("^(?:{})$", alternatives.join("|")) }
        ]
    })
}

/// An item id or a reference to one.
pub struct Id;

impl JsonSchema for Id {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 characters.",
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": ID_MAX_LENGTH,
        })
    }
}

impl JsonSchema for raw::Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

/// An IANA timezone name, as chrono-tz knows them.
pub struct Timezone;

impl JsonSchema for Timezone {
    fn schema_name() -> Cow<'static, str> {
        "Timezone".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        json_schema!({
            "description": "An IANA timezone name such as America/Chicago.",
            "type": "string",
            "enum": names,
        })
    }
}

impl JsonSchema for Relation {
    fn schema_name() -> Cow<'static, str> {
        "Relation".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of_any_case(
            Relation::NAMES,
            "The relation type: FS finish-to-start (the default), SS start-to-start, FF finish-to-finish, SF start-to-finish; any letter case.",
        )
    }
}

impl JsonSchema for Dependency {
    fn schema_name() -> Cow<'static, str> {
        "Dependency".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let id = generator.subschema_for::<Id>();
        let relation = generator.subschema_for::<Relation>();
        json_schema!({
            "description": "A predecessor: its milestone id (finish-to-start, lag 0), or a mapping with `id`, `type` and `lag`.",
            "oneOf": [
                id,
                {
                    "type": "object",
                    "properties": {
                        "id": {
                            "description": "The predecessor's milestone id.",
                            "type": "string",
                            "pattern": ID_PATTERN,
                            "maxLength": ID_MAX_LENGTH,
                        },
                        "type": relation,
                        "lag": {
                            "description": "Working days in the successor's calendar; negative is a lead.",
                            "type": "integer",
                        },
                    },
                    "required": ["id"],
                    "additionalProperties": false,
                }
            ]
        })
    }
}

/// A working weekday in `milepost.toml`.
pub struct Weekday;

impl JsonSchema for Weekday {
    fn schema_name() -> Cow<'static, str> {
        "Weekday".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut names: Vec<&str> = config::WEEKDAYS.to_vec();
        names.extend(config::FULL_WEEKDAYS);
        one_of_any_case(
            &names,
            "A weekday: mon … sun or monday … sunday, any letter case.",
        )
    }
}

/// A health class that fails `milepost check`.
pub struct FailOnName;

impl JsonSchema for FailOnName {
    fn schema_name() -> Cow<'static, str> {
        "FailOn".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A health class that makes `milepost check` fail.",
            "type": "string",
            "enum": accepted_names(FailOn::NAMES),
        })
    }
}

/// A distribution of `[risk] distribution`.
pub struct DistributionName;

impl JsonSchema for DistributionName {
    fn schema_name() -> Cow<'static, str> {
        "Distribution".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The distribution duration factors are drawn from (default: pert).",
            "type": "string",
            "enum": crate::model::Distribution::NAMES,
        })
    }
}

/// Each name, followed by its hyphenated form where it has one (`at_risk`, `at-risk`).
fn accepted_names(names: &[&'static str]) -> Vec<&'static str> {
    names
        .iter()
        .flat_map(|&n| std::iter::once(n).chain(crate::model::vocab::hyphenated(n)))
        .collect()
}

/// A TOML date (`2026-10-05`), which TOML tools present to a schema as a string.
pub struct TomlDate;

impl JsonSchema for TomlDate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "TomlDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A TOML date such as 2026-10-05 (unquoted).",
            "type": "string",
            "format": "date",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_keys_match_the_file_schema() {
        let schema = program_file();
        let keys: Vec<&str> = schema["properties"]
            .as_object()
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys, raw::FILE_KEYS);
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    }

    #[test]
    fn any_case_patterns() {
        assert_eq!(any_case("fs"), "[Ff][Ss]");
        assert_eq!(any_case("at-risk"), "[Aa][Tt]-[Rr][Ii][Ss][Kk]");
    }

    #[test]
    fn closed_sets_are_enums() {
        let schema = program_file();
        let defs = &schema["definitions"];
        let text = serde_json::to_string(defs).unwrap_or_default();
        for value in [
            "deploying",
            "logistics",
            "handover",
            "in_progress",
            "mitigated",
        ] {
            assert!(text.contains(&format!("\"{value}\"")), "{value} missing");
        }
        assert!(defs["RawMilestone"]["additionalProperties"] == false);
    }
}
