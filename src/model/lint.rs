//! The schedule quality checks' settings (`[lint]`) and what each check measures:
//! its number, the kind of value, the direction of its threshold and its default.
use std::collections::BTreeMap;

use super::vocab::LintCheck;

/// What a check's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// A fraction of items or relations, 0 to 1.
    Share,
    /// A number of items or relations.
    Count,
    /// A ratio (CPLI, BEI); may exceed 1.
    Ratio,
    /// Pass or fail, with the measured shift as its value (the critical path test).
    Test,
    /// Nothing milepost can measure (hard constraints).
    None,
}

impl LintCheck {
    /// The check's number in the DCMA 14-point assessment (1–14).
    pub fn number(self) -> u8 {
        // The table lists the checks in the order of their numbers.
        LintCheck::ALL
            .iter()
            .position(|c| *c == self)
            .map_or(0, |p| p as u8 + 1)
    }

    /// What the check's value is.
    pub fn measure(self) -> Measure {
        use LintCheck::*;
        match self {
            Logic | Lags | RelationshipTypes | HighFloat | HighDuration | Ownership
            | MissedTasks => Measure::Share,
            Leads | NegativeFloat | InvalidDates => Measure::Count,
            Cpli | Bei => Measure::Ratio,
            CriticalPathTest => Measure::Test,
            HardConstraints => Measure::None,
        }
    }

    /// Whether the value must be at least the threshold (else at most).
    pub fn at_least(self) -> bool {
        matches!(
            self,
            LintCheck::RelationshipTypes | LintCheck::Cpli | LintCheck::Bei
        )
    }

    /// The default threshold (SPEC §6); `None` for a check without one.
    pub fn default_threshold(self) -> Option<f64> {
        use LintCheck::*;
        match self {
            Logic | Lags | HighFloat | HighDuration | Ownership | MissedTasks => Some(0.05),
            Leads | NegativeFloat | InvalidDates => Some(0.0),
            RelationshipTypes => Some(0.90),
            Cpli | Bei => Some(0.95),
            CriticalPathTest => Some(CRITICAL_PATH_DELAY as f64),
            HardConstraints => None,
        }
    }

    /// Whether `[lint.thresholds]` may set this check's threshold.
    pub fn tunable(self) -> bool {
        !matches!(self.measure(), Measure::Test | Measure::None)
    }
}

/// The delay the critical path test adds to the first critical item (working days).
pub const CRITICAL_PATH_DELAY: i64 = 600;

/// High float and high duration: more than this many working days (the "44-day rule").
pub const LONG_DAYS: i64 = 44;

/// `[lint]`: which checks run and the thresholds that differ from the defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LintSettings {
    /// Checks turned off (`off = [...]`): they do not run and are not shown.
    pub off: Vec<LintCheck>,
    /// Thresholds set in `[lint.thresholds]`.
    pub thresholds: BTreeMap<LintCheck, f64>,
}

impl LintSettings {
    /// Whether `check` runs.
    pub fn runs(&self, check: LintCheck) -> bool {
        !self.off.contains(&check)
    }

    /// The threshold of `check`: as set, else the default.
    pub fn threshold(&self, check: LintCheck) -> Option<f64> {
        self.thresholds
            .get(&check)
            .copied()
            .or_else(|| check.default_threshold())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_table() {
        assert_eq!(LintCheck::Logic.number(), 1);
        assert_eq!(LintCheck::HardConstraints.number(), 5);
        assert_eq!(LintCheck::Bei.number(), 14);
    }

    #[test]
    fn settings_override_defaults() {
        let mut s = LintSettings::default();
        assert_eq!(s.threshold(LintCheck::HighFloat), Some(0.05));
        s.thresholds.insert(LintCheck::HighFloat, 0.1);
        s.off.push(LintCheck::Lags);
        assert_eq!(s.threshold(LintCheck::HighFloat), Some(0.1));
        assert!(!s.runs(LintCheck::Lags));
        assert_eq!(s.threshold(LintCheck::HardConstraints), None);
    }
}
