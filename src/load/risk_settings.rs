//! `[risk]` and `[risk.ranges]` of `milepost.toml`: the Monte Carlo settings (SPEC §5).
use std::collections::BTreeMap;
use std::ops::Range;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::load::schema::DistributionName;
use crate::model::config::RiskSettings;
use crate::model::{Distribution, Kind};

/// How `milepost risk` simulates the schedule.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRiskSettings {
    /// Iterations of the simulation (default: 10000; 1 to 1000000).
    #[schemars(with = "Option<u32>", range(min = 1, max = 1_000_000))]
    iterations: Option<Spanned<i64>>,
    /// The random seed: the same inputs and seed give the same answer (default: 1).
    #[schemars(with = "Option<u64>")]
    seed: Option<Spanned<i64>>,
    /// The distribution of duration factors: pert (default), triangular or uniform.
    #[schemars(with = "Option<DistributionName>")]
    distribution: Option<Spanned<String>>,
    /// Default duration ranges by milestone kind, as factors `[min, max]` of the
    /// duration (min <= 1 <= max), e.g. `delivery = [0.9, 1.6]`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, [f64; 2]>")]
    ranges: BTreeMap<Spanned<String>, Spanned<Vec<f64>>>,
}

impl RawRiskSettings {
    /// The checked settings; each problem goes to `error` with its byte span.
    pub(crate) fn check(&self, error: &mut dyn FnMut(Range<usize>, String)) -> RiskSettings {
        let mut settings = RiskSettings::default();
        if let Some(n) = &self.iterations {
            match u32::try_from(*n.get_ref()) {
                Ok(v) if (1..=RiskSettings::MAX_ITERATIONS).contains(&v) => {
                    settings.iterations = v;
                }
                _ => error(
                    n.span(),
                    format!(
                        "iterations {} is out of range; expected 1 to 1000000 (e.g. 10000)",
                        n.get_ref()
                    ),
                ),
            }
        }
        if let Some(seed) = &self.seed {
            match u64::try_from(*seed.get_ref()) {
                Ok(v) => settings.seed = v,
                Err(_) => error(
                    seed.span(),
                    format!("seed {} is negative; use a number >= 0", seed.get_ref()),
                ),
            }
        }
        if let Some(name) = &self.distribution {
            match name.get_ref().trim().parse::<Distribution>() {
                Ok(d) => settings.distribution = d,
                Err(message) => error(name.span(), message),
            }
        }
        for (kind, range) in &self.ranges {
            let parsed = kind.get_ref().trim().parse::<Kind>();
            if let Err(message) = &parsed {
                error(kind.span(), format!("[risk.ranges]: {message}"));
            }
            let checked = check_factors(range.get_ref());
            if let Err(message) = &checked {
                error(range.span(), message.clone());
            }
            if let (Ok(kind), Ok(r)) = (parsed, checked) {
                settings.ranges.push((kind, r));
            }
        }
        settings
    }
}

/// `[policy] min_probability` (default 0.5), a probability.
pub(crate) fn min_probability(
    value: Option<&Spanned<f64>>,
    error: &mut dyn FnMut(Range<usize>, String),
) -> f64 {
    match value {
        Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
            let message = format!(
                "min_probability {} is out of range; a probability is between 0 and 1 (e.g. 0.5)",
                v.get_ref()
            );
            error(v.span(), message);
            0.5
        }
        Some(v) => *v.get_ref(),
        None => 0.5,
    }
}

/// A factor range `[min, max]` with 0 <= min <= 1 <= max.
fn check_factors(range: &[f64]) -> Result<[f64; 2], String> {
    let &[min, max] = range else {
        return Err(format!(
            "a range is two factors [min, max], found {} numbers (e.g. [0.9, 1.6])",
            range.len()
        ));
    };
    if !(max.is_finite() && (0.0..=1.0).contains(&min) && 1.0 <= max) {
        return Err(format!(
            "range [{min}, {max}] is out of bounds; factors of the duration need 0 <= min <= 1 <= max (e.g. [0.9, 1.6])"
        ));
    }
    Ok([min, max])
}
