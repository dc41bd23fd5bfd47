//! `export`: the schedule for other tools, one renderer per format.
use clap::ValueEnum;

use crate::analysis::Plan;
use crate::analysis::records::MilestoneRecord;
use crate::analysis::timeline::Timeline;

/// What to export as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per item with the SPEC JSON fields as columns
    Csv,
    /// iCalendar (RFC 5545): an all-day event per milestone event and per task's due date
    Ics,
    /// Graphviz DOT of the dependency graph, critical path in red, clusters as boxes
    Dot,
    /// A Mermaid gantt chart (the report's chart, without the markdown fence)
    Mermaid,
    /// Microsoft Project XML (MSPDI) for MS Project, ProjectLibre and MPXJ
    Mspdi,
}

/// What an export shows: the items in scope (in order) and, for Mermaid, their timeline.
pub struct Export<'a> {
    pub plan: &'a Plan,
    pub items: &'a [usize],
    /// The chart title: the program's name and the scope.
    pub title: String,
    /// Built by the caller for `mermaid` only.
    pub timeline: Option<Timeline>,
}

/// The export in `format`.
pub fn render(export: &Export<'_>, format: ExportFormat) -> Result<String, String> {
    let (plan, items) = (export.plan, export.items);
    Ok(match format {
        ExportFormat::Csv => super::status::milestones_csv(
            &items
                .iter()
                .map(|&i| MilestoneRecord::of(plan, i))
                .collect::<Vec<_>>(),
        )?,
        ExportFormat::Ics => super::ics::render(plan, items),
        ExportFormat::Dot => super::dot::render(plan, items),
        ExportFormat::Mermaid => match &export.timeline {
            Some(t) => super::mermaid::gantt(&export.title, plan.schedule.today, t),
            None => return Err("the Mermaid export needs the timeline".into()),
        },
        ExportFormat::Mspdi => super::mspdi::render(plan, items),
    })
}
