//! `diff`'s schedule quality: the lint checks whose value a change made worse.
use serde::Serialize;

use super::lint::{Amount, LintView};
use crate::model::lint::{CRITICAL_PATH_DELAY, Measure};
use crate::model::{LintCheck, LintStatus};

/// A check whose value worsened from base to head.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualityChange {
    pub id: u8,
    pub name: LintCheck,
    pub base: Option<Amount>,
    pub head: Option<Amount>,
    /// The head's threshold and status.
    pub threshold: Option<Amount>,
    pub status: LintStatus,
}

/// The checks that run on both sides and whose value is worse at head: higher for a
/// check with an upper bound, lower for one with a lower bound, failing where it
/// passed for the critical path test. Checks that do not apply on either side are left out.
pub fn worsened(base: &LintView<'_>, head: &LintView<'_>) -> Vec<QualityChange> {
    head.checks
        .iter()
        .filter_map(|h| {
            let b = base.checks.iter().find(|b| b.name == h.name)?;
            let (bv, hv) = (b.value?.get(), h.value?.get());
            worse(h.name, bv, hv).then_some(QualityChange {
                id: h.id,
                name: h.name,
                base: b.value,
                head: h.value,
                threshold: h.threshold,
                status: h.status,
            })
        })
        .collect()
}

fn worse(check: LintCheck, base: f64, head: f64) -> bool {
    match check.measure() {
        // Pass or fail: worse only when it passed and now fails (the shift of a
        // failing test moves with whichever item comes first on the path).
        Measure::Test => {
            let target = CRITICAL_PATH_DELAY as f64;
            base == target && head != target
        }
        _ if check.at_least() => head < base,
        _ => head > base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worse_follows_the_direction_of_the_threshold() {
        assert!(worse(LintCheck::Lags, 0.1, 0.2));
        assert!(!worse(LintCheck::Lags, 0.2, 0.1));
        assert!(worse(LintCheck::Bei, 1.0, 0.9));
        assert!(worse(LintCheck::CriticalPathTest, 600.0, 540.0));
        assert!(!worse(LintCheck::CriticalPathTest, 540.0, 600.0));
        assert!(!worse(LintCheck::CriticalPathTest, 537.0, 536.0));
    }
}
