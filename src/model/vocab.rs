//! The domain vocabulary: every closed set of names a user writes or reads, defined once.
//!
//! Each enum comes from one table (variant = "name"): the table gives its serde name (in
//! files and JSON), its JSON Schema enum, its `clap` values, `as_str`/`Display` and
//! `FromStr`. On the command line the hyphenated form (`at-risk`) is accepted too.
use std::fmt;
use std::str::FromStr;

/// Defines a vocabulary enum from a table of `Variant = "name"` rows.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in the order of the table.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every name, in the order of the table.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The name in files, JSON and on the command line.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The name as words in a sentence: `in progress`.
            pub fn words(self) -> String {
                self.as_str().replace('_', " ")
            }

            /// Parses a name: exact, or with `-` for `_` and in any letter case.
            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| loose_eq(v.as_str(), text))
            }

            /// What the values are, for messages: "one of `a`, `b` or `c`".
            pub fn expected() -> String {
                format!("{} {}", $what, one_of($name::NAMES))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<$name, String> {
                $name::parse(text)
                    .ok_or_else(|| format!("unknown {} `{text}`; expected {}", $what, one_of($name::NAMES)))
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                $name::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                let name = self.as_str();
                let value = clap::builder::PossibleValue::new(name);
                Some(match hyphenated(name) {
                    Some(alias) => value.alias(alias),
                    None => value,
                })
            }
        }
    };
}

/// Whether `text` names `name`: equal but for letter case and `-` for `_`.
fn loose_eq(name: &str, text: &str) -> bool {
    name.len() == text.len()
        && name.bytes().zip(text.bytes()).all(|(a, b)| {
            let b = if b == b'-' { b'_' } else { b };
            a.eq_ignore_ascii_case(&b)
        })
}

/// `at-risk` for `at_risk`; `None` for a name without `_`.
pub fn hyphenated(name: &'static str) -> Option<&'static str> {
    // The few names with `_` are listed here so that the alias can be `'static`.
    const HYPHENATED: &[(&str, &str)] = &[
        ("not_started", "not-started"),
        ("in_progress", "in-progress"),
        ("on_track", "on-track"),
        ("at_risk", "at-risk"),
        ("ready_by", "ready-by"),
        ("finish_by", "finish-by"),
        ("relationship_types", "relationship-types"),
        ("hard_constraints", "hard-constraints"),
        ("high_float", "high-float"),
        ("negative_float", "negative-float"),
        ("high_duration", "high-duration"),
        ("invalid_dates", "invalid-dates"),
        ("missed_tasks", "missed-tasks"),
        ("critical_path_test", "critical-path-test"),
        ("now_missed", "now-missed"),
        ("missed_by_more", "missed-by-more"),
        ("date_edited", "date-edited"),
        ("missed_by_less", "missed-by-less"),
        ("now_met", "now-met"),
    ];
    HYPHENATED.iter().find(|(n, _)| *n == name).map(|(_, h)| *h)
}

/// "`a`, `b` or `c`".
pub fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

vocabulary! {
    /// Progress of a milestone.
    #[derive(serde::Deserialize, schemars::JsonSchema, Default)]
    pub enum Status ("status") {
        #[default]
        NotStarted = "not_started",
        InProgress = "in_progress",
        Done = "done",
    }
}

vocabulary! {
    /// What kind of work a milestone is.
    #[derive(serde::Deserialize, schemars::JsonSchema, Default)]
    pub enum Kind ("kind") {
        Procurement = "procurement",
        Delivery = "delivery",
        Facility = "facility",
        Deployment = "deployment",
        Acceptance = "acceptance",
        Handover = "handover",
        Retirement = "retirement",
        #[default]
        Other = "other",
    }
}

vocabulary! {
    /// Where a cluster stands in its life.
    #[derive(serde::Deserialize, schemars::JsonSchema, Default)]
    pub enum Lifecycle ("lifecycle") {
        #[default]
        Planned = "planned",
        Procuring = "procuring",
        Deploying = "deploying",
        Production = "production",
        Retiring = "retiring",
        Retired = "retired",
    }
}

vocabulary! {
    /// What a vendor supplies.
    #[derive(serde::Deserialize, schemars::JsonSchema, Default)]
    pub enum Category ("category") {
        Oem = "oem",
        Network = "network",
        Optics = "optics",
        Facility = "facility",
        Power = "power",
        Cooling = "cooling",
        Colo = "colo",
        Logistics = "logistics",
        Software = "software",
        #[default]
        Other = "other",
    }
}

vocabulary! {
    /// Where a risk stands.
    #[derive(serde::Deserialize, schemars::JsonSchema, Default)]
    pub enum RiskStatus ("risk status") {
        #[default]
        Open = "open",
        Mitigated = "mitigated",
        Closed = "closed",
    }
}

vocabulary! {
    /// The type of a dependency relation (any letter case in files).
    #[derive(Default)]
    pub enum Relation ("relation type") {
        /// Finish-to-start.
        #[default]
        Fs = "FS",
        /// Start-to-start.
        Ss = "SS",
        /// Finish-to-finish.
        Ff = "FF",
        /// Start-to-finish.
        Sf = "SF",
    }
}

impl<'de> serde::Deserialize<'de> for Relation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Relation::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown relation type `{text}`; expected FS, SS, FF or SF"
            ))
        })
    }
}

vocabulary! {
    /// An item's health, in the order SPEC §2 tests them (done first, best to worst).
    pub enum Health ("health") {
        Done = "done",
        OnTrack = "on_track",
        AtRisk = "at_risk",
        Slipping = "slipping",
        Overdue = "overdue",
    }
}

vocabulary! {
    /// A class of item that makes `check` fail (`[policy] fail_on`, `check --fail-on`):
    /// a health, or `stale` (in progress, its recorded forecast passed).
    pub enum FailOn ("fail_on value") {
        Overdue = "overdue",
        Slipping = "slipping",
        AtRisk = "at_risk",
        Stale = "stale",
        /// A commitment whose probability (`milepost risk`) is below
        /// `[policy] min_probability`.
        Confidence = "confidence",
    }
}

vocabulary! {
    /// The distribution duration factors are drawn from in the risk analysis (SPEC §5).
    #[derive(Default)]
    pub enum Distribution ("distribution") {
        #[default]
        Pert = "pert",
        Triangular = "triangular",
        Uniform = "uniform",
    }
}

vocabulary! {
    /// The program's overall status, red/amber/green.
    pub enum Rag ("status") {
        Green = "green",
        Amber = "amber",
        Red = "red",
    }
}

vocabulary! {
    /// What a change did to an item (`diff`, `history`).
    pub enum ChangeKind ("change") {
        Added = "added",
        Removed = "removed",
        /// Its fields changed.
        Edited = "edited",
        /// Its fields did not change but its computed finish did (a ripple).
        Moved = "moved",
    }
}

vocabulary! {
    /// Where a committed date comes from: an item's `due`, a cluster's `ready_by`, or the
    /// program's `finish_by`.
    pub enum CommitmentKind ("commitment") {
        Due = "due",
        ReadyBy = "ready_by",
        FinishBy = "finish_by",
    }
}

vocabulary! {
    /// What a change did to a commitment (`diff`), worst first.
    pub enum CommitmentVerdict ("commitment verdict") {
        /// Met at the base, missed at the head (or added already missed).
        NowMissed = "now_missed",
        /// Missed on both sides, by more working days at the head.
        MissedByMore = "missed_by_more",
        /// The commitment was dropped.
        Removed = "removed",
        /// Its date was edited; whether it is met did not change.
        DateEdited = "date_edited",
        /// A new commitment, met.
        Added = "added",
        /// Missed on both sides, by fewer working days at the head.
        MissedByLess = "missed_by_less",
        /// Missed at the base, met at the head.
        NowMet = "now_met",
    }
}

vocabulary! {
    /// A schedule quality check of `milepost lint` (SPEC §6: the DCMA 14-point
    /// assessment), in the order of its number.
    pub enum LintCheck ("lint check") {
        Logic = "logic",
        Leads = "leads",
        Lags = "lags",
        RelationshipTypes = "relationship_types",
        HardConstraints = "hard_constraints",
        HighFloat = "high_float",
        NegativeFloat = "negative_float",
        HighDuration = "high_duration",
        InvalidDates = "invalid_dates",
        Ownership = "ownership",
        MissedTasks = "missed_tasks",
        CriticalPathTest = "critical_path_test",
        Cpli = "cpli",
        Bei = "bei",
    }
}

vocabulary! {
    /// The outcome of a lint check: its value meets the threshold, does not, or there
    /// is no value (SPEC §6).
    pub enum LintStatus ("lint status") {
        Pass = "pass",
        Fail = "fail",
        NotApplicable = "n/a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_clap_and_as_str_agree() {
        for status in Status::ALL {
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, status.as_str());
            let back: Status = serde_json::from_value(json).unwrap();
            assert_eq!(back, *status);
            let clap = clap::ValueEnum::from_str(status.as_str(), false);
            assert_eq!(clap, Ok(*status));
        }
        let kind: Kind = serde_json::from_value("logistics".into()).unwrap_or_default();
        assert_eq!(kind, Kind::Other);
        assert_eq!(Category::parse("logistics"), Some(Category::Logistics));
    }

    #[test]
    fn the_hyphenated_form_is_accepted_on_input_only() {
        assert_eq!(Health::parse("at-risk"), Some(Health::AtRisk));
        assert_eq!(Health::parse("AT_RISK"), Some(Health::AtRisk));
        assert_eq!(Health::AtRisk.to_string(), "at_risk");
        assert_eq!(
            clap::ValueEnum::from_str("on-track", false),
            Ok(Health::OnTrack)
        );
        assert_eq!(FailOn::parse("at-risk"), Some(FailOn::AtRisk));
        assert_eq!(Relation::parse("ss"), Some(Relation::Ss));
        assert_eq!(Health::parse("at risk"), None);
        // Files stay strict: serde takes only the exact name.
        assert!(serde_json::from_value::<Status>("in-progress".into()).is_err());
    }

    #[test]
    fn every_name_with_an_underscore_has_its_hyphenated_alias() {
        let tables: [&[&str]; 7] = [
            Status::NAMES,
            Health::NAMES,
            FailOn::NAMES,
            CommitmentKind::NAMES,
            CommitmentVerdict::NAMES,
            Kind::NAMES,
            LintCheck::NAMES,
        ];
        for name in tables.concat() {
            assert_eq!(hyphenated(name).is_some(), name.contains('_'), "{name}");
        }
    }

    #[test]
    fn messages_list_the_names() {
        assert_eq!(
            "x".parse::<Health>().unwrap_err(),
            "unknown health `x`; expected `done`, `on_track`, `at_risk`, `slipping` or `overdue`"
        );
        assert_eq!(one_of(&["a"]), "`a`");
    }
}
