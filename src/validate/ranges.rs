//! `duration_range`: the working days an item may take, for the risk analysis (SPEC §5).
use crate::diag::{Diag, Origin};

use super::items::{Ctx, MAX_DAYS};

impl Ctx<'_> {
    /// The checked `duration_range` of an item with `duration`: `[lo, hi]` with
    /// 0 <= lo <= duration <= hi, on a task only.
    pub fn duration_range(
        &mut self,
        range: Option<&[i64]>,
        duration: i64,
        origin: Origin,
    ) -> Option<[i64; 2]> {
        let range = range?;
        let problem = match *range {
            [_, _] if duration == 0 => Some((
                "a milestone event (duration 0) has no duration to range over".to_string(),
                "drop `duration_range`, or give the item a duration".to_string(),
            )),
            [lo, hi] if lo < 0 || lo > duration || hi < duration || hi > MAX_DAYS => Some((
                format!("duration_range [{lo}, {hi}] does not contain the duration {duration}"),
                format!(
                    "write [lo, hi] in working days with 0 <= lo <= {duration} <= hi, e.g. [{}, {}]",
                    (duration * 4 / 5).max(1).min(duration),
                    duration + (duration + 1) / 2
                ),
            )),
            [_, _] => None,
            _ => Some((
                format!("duration_range has {} values; expected two", range.len()),
                format!(
                    "write [lo, hi] in working days, e.g. [{duration}, {}]",
                    duration * 2
                ),
            )),
        };
        match problem {
            Some((message, hint)) => {
                self.diags.push(
                    Diag::error("bad-value", message)
                        .at(origin.key("duration_range"))
                        .help(hint),
                );
                None
            }
            None => Some([range[0], range[1]]),
        }
    }
}
