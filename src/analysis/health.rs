//! Derived fields per item (SPEC §2): critical, slip and health.
pub use crate::model::Health;
use crate::model::Program;
use crate::model::Status;
use crate::schedule::Schedule;

/// What the schedule means for one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub critical: bool,
    /// Working days past `due` (0 without one).
    pub slip: i64,
    pub health: Health,
}

/// Assesses every item.
pub fn assess(program: &Program, schedule: &Schedule) -> Vec<Assessment> {
    let at_risk = program.config.policy.at_risk_days;
    program
        .milestones
        .iter()
        .zip(&schedule.items)
        .map(|(m, it)| {
            let done = m.status == Status::Done;
            let cal = &program.calendars[m.calendar];
            let slip = m.due.map_or(0, |due| (it.f - cal.finish_by(due)).max(0));
            let tf = it.total_float.unwrap_or(0);
            // Health is judged on commitment float: an item that threatens no
            // commitment is not at risk for sitting on the longest path (SPEC §2).
            let health = if done {
                Health::Done
            } else if m.due.is_some_and(|due| due < schedule.today) {
                Health::Overdue
            } else {
                match it.commitment_float {
                    Some(cf) if cf < 0 => Health::Slipping,
                    Some(cf) if cf < at_risk => Health::AtRisk,
                    _ => Health::OnTrack,
                }
            };
            Assessment {
                critical: !done && tf <= 0,
                slip,
                health,
            }
        })
        .collect()
}
