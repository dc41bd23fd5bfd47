//! `[risk]` and `[risk.ranges]` of `milepost.toml`: the Monte Carlo settings (SPEC §5).
use std::collections::BTreeMap;
use std::ops::Range;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::load::de::did_you_mean;
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
    /// The checked settings; each problem goes to `error` with its byte span, the
    /// message and a hint that says the fix.
    pub(crate) fn check(
        &self,
        error: &mut dyn FnMut(Range<usize>, String, String),
    ) -> RiskSettings {
        let mut settings = RiskSettings::default();
        if let Some(n) = &self.iterations {
            match u32::try_from(*n.get_ref()) {
                Ok(v) if (1..=RiskSettings::MAX_ITERATIONS).contains(&v) => {
                    settings.iterations = v;
                }
                _ => error(
                    n.span(),
                    format!("iterations {} is out of range", n.get_ref()),
                    "use 1 to 1000000 iterations; 10000 (the default) gives probabilities to ±0.5%"
                        .into(),
                ),
            }
        }
        if let Some(seed) = &self.seed {
            match u64::try_from(*seed.get_ref()) {
                Ok(v) => settings.seed = v,
                Err(_) => error(
                    seed.span(),
                    format!("seed {} is negative", seed.get_ref()),
                    "use a whole number >= 0, e.g. seed = 1 (the default)".into(),
                ),
            }
        }
        if let Some(name) = &self.distribution {
            match name.get_ref().trim().parse::<Distribution>() {
                Ok(d) => settings.distribution = d,
                Err(message) => error(
                    name.span(),
                    message,
                    "pert (the default) peaks at the planned duration; uniform when only the bounds are known".into(),
                ),
            }
        }
        for (kind, range) in &self.ranges {
            let parsed = kind.get_ref().trim().parse::<Kind>();
            if let Err(message) = &parsed {
                let hint = match did_you_mean(kind.get_ref(), Kind::NAMES) {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => {
                        "[risk.ranges] keys are milestone kinds, e.g. delivery = [0.9, 1.6]".into()
                    }
                };
                error(kind.span(), format!("[risk.ranges]: {message}"), hint);
            }
            let checked = check_factors(range.get_ref());
            if let Err(message) = &checked {
                let hint = "write [min, max] as factors of the duration with 0 <= min <= 1 <= max, e.g. [0.9, 1.6]";
                error(range.span(), message.clone(), hint.into());
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
    error: &mut dyn FnMut(Range<usize>, String, String),
) -> f64 {
    match value {
        Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
            let message = format!("min_probability {} is out of range", v.get_ref());
            error(
                v.span(),
                message,
                "a probability is between 0 and 1, e.g. 0.5".into(),
            );
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
            "a range is two factors [min, max], found {} numbers",
            range.len()
        ));
    };
    if !(max.is_finite() && (0.0..=1.0).contains(&min) && 1.0 <= max) {
        return Err(format!("range [{min}, {max}] is out of bounds"));
    }
    Ok([min, max])
}
