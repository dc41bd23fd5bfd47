//! (d) `history`'s incremental reading against reading in full: a run of revisions of
//! one file, each read with the earlier parses at hand (an edited item re-read alone,
//! src/load/reparse.rs) and checked from the revision before (only changed milestones
//! validated again, src/validate/incremental.rs; the order reused), must give exactly
//! what reading, validating and scheduling it from scratch gives.
#![no_main]
use std::sync::Arc;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use milepost::analysis::Plan;
use milepost::load::{self, ParseCache};
use milepost::source::Memory;
use milepost::validate::{Basis, revalidate, validate, validate_keeping};

/// The first revision: block style, so that an edit inside one item can be re-read alone.
const BASE: &str = "milestones:
  - id: po
    duration: 0
    status: done
    finished: 2026-10-02
  - id: ship
    cluster: c2
    duration: 10
    depends_on:
      - po
    status: in_progress
    started: 2026-10-05
  - id: rack
    cluster: c1
    duration: 5
    depends_on:
      - id: ship
        type: SS
        lag: 3
    due: 2026-12-01
  - id: accept
    duration: 0
    depends_on:
      - id: rack
        type: FF
        lag: -1
    start_no_earlier: 2026-11-02
risks:
  - id: r
    probability: 0.5
    impact_days: 3
    affects:
      - rack
";

/// Lines an edit may write (most edits should keep the program valid).
const LINES: &[&str] = &[
    "    duration: 7",
    "    duration: 0",
    "    duration: -1",
    "        lag: 12",
    "      - id: accept",
    "      - id: po",
    "      - nowhere",
    "    site: us1",
    "    cluster: c2",
    "    status: done",
    "    status: in_progress",
    "    started: 2026-10-06",
    "    finished: 2026-10-30",
    "    remaining: 4",
    "    due: 2026-10-09",
    "  - id: extra",
    "  - id: po",
    "    depends_on:",
    "# a comment",
    "",
];

#[derive(Arbitrary, Debug)]
enum Op {
    Replace(u8),
    Insert(u8),
    Delete,
    Text(String),
}

#[derive(Arbitrary, Debug)]
struct Step {
    line: u8,
    op: Op,
    /// Days after the first revision's data date.
    days: u8,
}

fn source(plan: &str) -> Memory {
    let id: String = plan.bytes().map(|b| format!("{b:02x}")).collect();
    Memory::new()
        .with_shared(
            "milepost.toml",
            Arc::from(milepost_fuzz::CONFIG.as_bytes()),
            Some("config".into()),
        )
        .with_shared(
            "sites.yaml",
            Arc::from(milepost_fuzz::SITES.as_bytes()),
            Some("sites".into()),
        )
        .with_shared("plan.yaml", Arc::from(plan.as_bytes()), Some(id))
}

/// What a revision's plan says, for comparing.
fn shown(plan: Option<&Plan>) -> Option<String> {
    plan.map(|p| {
        format!(
            "{:?}\n{:?}\n{}",
            p.program.milestones, p.schedule.items, p.schedule.finish
        )
    })
}

fuzz_target!(|steps: Vec<Step>| {
    let start = milepost_fuzz::today();
    let cache = ParseCache::default();
    let mut lines: Vec<String> = BASE.lines().map(str::to_string).collect();
    // What the revision before leaves, as `history` keeps it.
    let mut carry: Option<(Plan, Basis)> = None;
    for step in steps.into_iter().take(16) {
        let at = usize::from(step.line) % (lines.len() + 1);
        match step.op {
            Op::Replace(n) if at < lines.len() => {
                lines[at] = LINES[usize::from(n) % LINES.len()].to_string();
            }
            Op::Insert(n) => lines.insert(at, LINES[usize::from(n) % LINES.len()].to_string()),
            Op::Delete if at < lines.len() => {
                lines.remove(at);
            }
            Op::Text(t) if at < lines.len() && t.len() < 200 => lines[at] = t,
            _ => {}
        }
        let text = lines.join("\n") + "\n";
        let today = start + chrono::Days::new(u64::from(step.days % 40));

        let (Ok(cached), Ok(full)) = (
            load::load_cached(&source(&text), Some(&cache)),
            load::load(&source(&text)),
        ) else {
            return;
        };
        assert_eq!(format!("{:?}", cached.raw), format!("{:?}", full.raw), "{text}");
        assert_eq!(format!("{:?}", cached.diags), format!("{:?}", full.diags), "{text}");

        let full = validate(full, today)
            .program
            .and_then(|p| Plan::new(p, today).ok());
        let (program, basis, order) = match carry.take() {
            Some((plan, basis)) => match revalidate(plan.program, basis, cached, today) {
                Ok(r) => {
                    let order = (!r.deps_changed).then_some(plan.schedule.order);
                    (Some(r.program), Some(r.basis), order)
                }
                Err(loaded) => {
                    let (v, b) = validate_keeping(*loaded, today);
                    (v.program, b, None)
                }
            },
            None => {
                let (v, b) = validate_keeping(cached, today);
                (v.program, b, None)
            }
        };
        let plan = program.and_then(|p| Plan::reusing(p, today, order).ok());
        assert_eq!(shown(plan.as_ref()), shown(full.as_ref()), "{text}");
        carry = plan.zip(basis);
    }
});
