//! `[lint]` in `milepost.toml`: the schedule quality checks turned off and the
//! thresholds that differ from the defaults (SPEC §6).
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use toml::Spanned;

use crate::load::de::did_you_mean;
use crate::model::LintCheck;
use crate::model::lint::{LintSettings, Measure};

/// Schedule quality checks (`milepost lint`): which run and their thresholds.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLint {
    /// Checks that do not run (and are not shown), by name: e.g. ["lags", "ownership"].
    #[serde(default)]
    #[schemars(with = "Vec<LintCheckName>")]
    off: Vec<Spanned<String>>,
    /// Thresholds by check name, e.g. high_float = 0.10 (shares are fractions 0–1,
    /// counts whole numbers, CPLI and BEI ratios).
    #[serde(default)]
    #[schemars(with = "LintThresholds")]
    thresholds: BTreeMap<String, Spanned<f64>>,
}

impl RawLint {
    /// The settings; `error(span, message)` is called for each problem (an unknown
    /// check, a threshold out of range or for a check that has none).
    pub(crate) fn check(&self, error: &mut dyn FnMut(Range<usize>, String)) -> LintSettings {
        let mut settings = LintSettings::default();
        for name in &self.off {
            match check_named(name.get_ref()) {
                Ok(check) => settings.off.push(check),
                Err(message) => error(name.span(), message),
            }
        }
        settings.off.sort();
        settings.off.dedup();
        for (name, value) in &self.thresholds {
            let check = match check_named(name) {
                Ok(check) => check,
                Err(message) => {
                    error(value.span(), message);
                    continue;
                }
            };
            match threshold(check, *value.get_ref()) {
                Ok(v) => {
                    settings.thresholds.insert(check, v);
                }
                Err(message) => error(value.span(), message),
            }
        }
        settings
    }
}

/// A hint for a check's threshold written directly under `[lint]` (`unknown field
/// `high_float``): it belongs in `[lint.thresholds]`.
pub(crate) fn misplaced_threshold(message: &str) -> Option<String> {
    // Only for `[lint]`'s own unknown fields (serde lists its two keys).
    if !message.ends_with("expected `off` or `thresholds`") {
        return None;
    }
    let name = message.strip_prefix("unknown field `")?.split('`').next()?;
    let check = LintCheck::parse(name)?;
    Some(format!(
        "thresholds go in their own table: [lint.thresholds] then {} = …",
        check.as_str()
    ))
}

/// The check called `name`, or a message that says which it may have meant.
fn check_named(name: &str) -> Result<LintCheck, String> {
    LintCheck::parse(name.trim()).ok_or_else(|| {
        match (name.len() <= 64)
            .then(|| did_you_mean(name, LintCheck::NAMES))
            .flatten()
        {
            Some(hint) => format!("unknown lint check `{name}` (did you mean `{hint}`?)"),
            None => format!(
                "unknown lint check `{name}`; expected {}",
                LintCheck::expected()
            ),
        }
    })
}

/// A threshold checked against what the check measures.
fn threshold(check: LintCheck, value: f64) -> Result<f64, String> {
    let name = check.as_str();
    match check.measure() {
        Measure::Share if (0.0..=1.0).contains(&value) => Ok(value),
        Measure::Share => Err(format!(
            "the `{name}` threshold is a share: a fraction from 0 to 1 (0.05 is 5%)"
        )),
        Measure::Count if value >= 0.0 && value.fract() == 0.0 => Ok(value),
        Measure::Count => Err(format!(
            "the `{name}` threshold is a count: a whole number, 0 or more"
        )),
        Measure::Ratio if value >= 0.0 && value.is_finite() => Ok(value),
        Measure::Ratio => Err(format!("the `{name}` threshold is a ratio, 0 or more")),
        Measure::Test | Measure::None => Err(format!(
            "`{name}` has no threshold to set; to skip it, list it in [lint] off"
        )),
    }
}

/// A lint check's name, for the schema.
pub struct LintCheckName;

impl JsonSchema for LintCheckName {
    fn schema_name() -> Cow<'static, str> {
        "LintCheck".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A schedule quality check of `milepost lint`.",
            "type": "string",
            "enum": LintCheck::NAMES,
        })
    }
}

/// The thresholds table, for the schema: a number per check that has one.
pub struct LintThresholds;

impl JsonSchema for LintThresholds {
    fn schema_name() -> Cow<'static, str> {
        "LintThresholds".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let properties: serde_json::Map<String, serde_json::Value> = LintCheck::ALL
            .iter()
            .filter(|c| c.tunable())
            .map(|c| {
                let bound = if c.at_least() { "at least" } else { "at most" };
                let description = format!(
                    "Check {} passes when its value is {bound} this (default {}).",
                    c.number(),
                    c.default_threshold().unwrap_or(0.0)
                );
                let schema = match c.measure() {
                    Measure::Share => json_schema!({"type": "number", "minimum": 0, "maximum": 1, "description": description}),
                    Measure::Count => json_schema!({"type": "integer", "minimum": 0, "description": description}),
                    _ => json_schema!({"type": "number", "minimum": 0, "description": description}),
                };
                (c.as_str().to_string(), serde_json::Value::from(schema))
            })
            .collect();
        json_schema!({
            "description": "Thresholds by check name.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (LintSettings, Vec<String>) {
        let raw: RawLint = toml::from_str(text).unwrap();
        let mut errors = Vec::new();
        let settings = raw.check(&mut |_, m| errors.push(m));
        (settings, errors)
    }

    #[test]
    fn a_threshold_directly_under_lint_gets_a_hint() {
        assert_eq!(
            misplaced_threshold("unknown field `high_float`, expected `off` or `thresholds`")
                .as_deref(),
            Some("thresholds go in their own table: [lint.thresholds] then high_float = …")
        );
        assert_eq!(
            misplaced_threshold("unknown field `strat`, expected …"),
            None
        );
    }

    #[test]
    fn reads_off_and_thresholds() {
        let (s, errors) =
            parse("off = [\"lags\", \"high-float\"]\n[thresholds]\nbei = 0.9\nleads = 2\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.off, vec![LintCheck::Lags, LintCheck::HighFloat]);
        assert_eq!(s.threshold(LintCheck::Bei), Some(0.9));
        assert_eq!(s.threshold(LintCheck::Leads), Some(2.0));
    }

    #[test]
    fn names_the_close_check_and_checks_ranges() {
        let (_, errors) = parse(
            "off = [\"lgas\"]\n[thresholds]\nhigh_flaot = 0.1\nlogic = 5\nleads = 0.5\ncritical_path_test = 3\n",
        );
        assert_eq!(
            errors,
            [
                "unknown lint check `lgas` (did you mean `lags`?)",
                "`critical_path_test` has no threshold to set; to skip it, list it in [lint] off",
                "unknown lint check `high_flaot` (did you mean `high_float`?)",
                "the `leads` threshold is a count: a whole number, 0 or more",
                "the `logic` threshold is a share: a fraction from 0 to 1 (0.05 is 5%)",
            ]
        );
    }
}
