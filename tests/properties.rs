//! Property tests of the scheduler on random programs: the SPEC §2 relations hold on
//! early and late dates, floats are consistent, and a critical chain spans the program.
use milepost::analysis::Plan;
use milepost::load::raw::{Relation, Status};
use milepost::schedule::Driver;
use milepost::source::Memory;
use milepost::testkit::{Dep, Item, milestones_yaml};
use proptest::prelude::*;

/// A random item `m{i}` depending only on earlier items, so programs are DAGs.
fn item(i: usize, with_due: bool, two_calendars: bool) -> impl Strategy<Value = Item> {
    let rel = prop_oneof![Just("FS"), Just("SS"), Just("FF"), Just("SF")];
    let deps = if i == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec((0..i, rel, -3i64..6), 0..3).boxed()
    };
    let due = if with_due {
        prop::option::of(0u32..60).boxed()
    } else {
        Just(None).boxed()
    };
    (
        0i64..7,
        deps,
        due,
        prop::option::of(0u32..30),
        any::<bool>(),
    )
        .prop_map(move |(duration, deps, due, sne, region)| Item {
            site: Some(if region && two_calendars { "tw" } else { "us" }.into()),
            deps: deps
                .into_iter()
                .map(|(p, rel, lag)| Dep::typed(format!("m{p}"), rel, lag))
                .collect(),
            due: due.map(day),
            start_no_earlier: sne.map(day),
            ..Item::new(format!("m{i}"), duration)
        })
}

fn program(with_due: bool, two_calendars: bool) -> impl Strategy<Value = Vec<Item>> {
    (1usize..30).prop_flat_map(move |n| {
        (0..n)
            .map(|i| item(i, with_due, two_calendars))
            .collect::<Vec<_>>()
    })
}

fn day(offset: u32) -> chrono::NaiveDate {
    milepost::load::raw::parse_date("2026-10-05").unwrap() + chrono::Days::new(u64::from(offset))
}

fn yaml(items: &[Item]) -> String {
    format!(
        "sites:\n  - {{id: us}}\n  - {{id: tw, region: tw}}\n{}",
        milestones_yaml(items)
    )
}

const TOML: &str = "[program]\nname = \"p\"\nstart = 2026-10-05\n[calendar]\nholidays = [2026-10-12, 2026-11-11]\n[calendar.regions.tw]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\nholidays = [2026-10-20]\n";

fn plan(items: &[Item]) -> Plan {
    let source = Memory::new()
        .with("milepost.toml", TOML)
        .with("m.yaml", yaml(items));
    let loaded = milepost::load::load(&source).unwrap();
    let today = milepost::load::raw::parse_date("2026-10-05").unwrap();
    let v = milepost::validate::validate(loaded, today);
    assert!(v.diags.iter().all(|d| !d.is_error()), "{:#?}", v.diags);
    Plan::new(v.program.unwrap(), today).unwrap()
}

fn check_relations(plan: &Plan, late: bool) {
    let ms = &plan.program.milestones;
    for (x, m) in ms.iter().enumerate() {
        if m.status != Status::NotStarted {
            continue;
        }
        for d in &m.deps {
            let (px, py) = (&plan.schedule.items[d.pred], &plan.schedule.items[x]);
            let pred_started = ms[d.pred].status != Status::NotStarted;
            // SPEC v2: a started predecessor's start already satisfied SS/SF, and a done
            // one has no late dates at all.
            if late
                && (ms[d.pred].status == Status::Done
                    || (pred_started && matches!(d.relation, Relation::Ss | Relation::Sf)))
            {
                continue;
            }
            let (p_s, p_f, x_s, x_f) = if late {
                (
                    px.ls.unwrap_or(i64::MIN / 4),
                    px.lf.unwrap(),
                    py.ls.unwrap(),
                    py.lf.unwrap(),
                )
            } else {
                (px.s, px.f, py.s, py.f)
            };
            // Move the successor's side back by the lag (in its own calendar), then
            // compare instants: the successor's must not be before the predecessor's.
            let (pb, pfin, xb) = match d.relation {
                Relation::Fs => (p_f, true, x_s - d.lag),
                Relation::Ss => (p_s, false, x_s - d.lag),
                Relation::Ff => (p_f, true, x_f - d.lag),
                Relation::Sf => (p_s, false, x_f - d.lag),
            };
            let same = m.calendar == ms[d.pred].calendar;
            if same {
                assert!(
                    xb >= pb,
                    "{} {:?} {} violated (late={late})",
                    ms[d.pred].id,
                    d.relation,
                    m.id
                );
            } else {
                // Across calendars: the predecessor's boundary is carried to the earliest
                // boundary of the successor's calendar at or after its instant.
                let cal = &plan.program.calendars[m.calendar];
                let carried = milepost::calendar::carry_lower(
                    &plan.program.calendars[ms[d.pred].calendar],
                    cal,
                    pb,
                    // A milestone event is an instant: its start carries like its finish.
                    if pfin || ms[d.pred].duration == 0 {
                        milepost::calendar::Edge::Finish
                    } else {
                        milepost::calendar::Edge::Start
                    },
                )
                .unwrap();
                assert!(
                    xb >= carried,
                    "{} {:?} {} violated across calendars (late={late})",
                    ms[d.pred].id,
                    d.relation,
                    m.id
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn relations_hold_on_early_and_late_dates(items in program(true, true)) {
        let p = plan(&items);
        check_relations(&p, false);
        check_relations(&p, true);
        for (i, it) in p.schedule.items.iter().enumerate() {
            let d = p.program.milestones[i].duration;
            prop_assert_eq!(it.f - it.s, d);
            prop_assert_eq!(it.lf.unwrap() - it.ls.unwrap(), d);
            prop_assert_eq!(it.total_float.unwrap(), it.ls.unwrap() - it.s);
            // Never before the program start (= today here).
            prop_assert!(it.start >= p.program.config.start);
            prop_assert!(it.finish <= p.schedule.finish);
        }
    }

    #[test]
    fn without_due_dates_float_is_never_negative_across_calendars(items in program(false, true)) {
        let p = plan(&items);
        for it in &p.schedule.items {
            prop_assert!(it.total_float.unwrap() >= 0, "negative float without a due date");
        }
    }

    /// In one calendar a driving chain has no slack. (Across calendars a chain may:
    /// a predecessor on a six-day week can finish on a Saturday without moving a
    /// five-day successor, and that day is its float.)
    #[test]
    fn without_due_dates_a_critical_chain_spans_the_program(items in program(false, false)) {
        let p = plan(&items);
        for it in &p.schedule.items {
            prop_assert!(it.total_float.unwrap() >= 0, "negative float without a due date");
        }
        // The item that finishes last is critical, and its driving chain back to a date
        // bound is critical all the way.
        let last = (0..items.len()).max_by_key(|&i| (p.schedule.items[i].finish, std::cmp::Reverse(i))).unwrap();
        prop_assert_eq!(p.schedule.items[last].finish, p.schedule.finish);
        prop_assert!(p.assessments[last].critical);
        let chain = milepost::analysis::drivers::driving_chain(&p, last);
        let first = chain[0];
        prop_assert!(matches!(p.schedule.items[first].driver, Driver::ProgramStart | Driver::Today | Driver::StartNoEarlier));
        for &i in &chain {
            prop_assert_eq!(p.schedule.items[i].total_float, Some(0), "driving chain item {} has float", p.program.milestones[i].id);
        }
    }

    #[test]
    fn file_order_does_not_change_the_schedule(items in program(true, true)) {
        let a = plan(&items);
        // The same items split across two files in the opposite order.
        let text = yaml(&items);
        let (head, tail) = text.split_once("milestones:\n").unwrap();
        let lines: Vec<&str> = tail.split_inclusive('\n').collect();
        let mut chunks: Vec<String> = Vec::new();
        for line in lines {
            if line.starts_with("  - id:") { chunks.push(String::new()); }
            chunks.last_mut().unwrap().push_str(line);
        }
        let mid = chunks.len() / 2;
        let first = format!("milestones:\n{}", chunks[mid..].concat());
        let second = format!("{head}milestones:\n{}", chunks[..mid].concat());
        let source = Memory::new().with("milepost.toml", TOML).with("a.yaml", first).with("b.yaml", second);
        let today = a.schedule.today;
        let v = milepost::validate::validate(milepost::load::load(&source).unwrap(), today);
        let b = Plan::new(v.program.unwrap(), today).unwrap();
        let ids = |p: &Plan| p.schedule.order.iter().map(|&i| p.program.milestones[i].id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(ids(&a), ids(&b));
        for id in ids(&a) {
            let (i, j) = (a.program.milestone_index(&id).unwrap(), b.program.milestone_index(&id).unwrap());
            // The binding commitment and its path name items by index: compare by id.
            let strip = |p: &Plan, k: usize| {
                let it = &p.schedule.items[k];
                let tag = it.commitment.as_ref().map(|t| (t.kind, t.date, milepost::schedule::late::tag_id(&p.program, t).map(str::to_string)));
                let via = it.commitment_via.map(|v| p.program.milestones[v].id.clone());
                (milepost::schedule::Scheduled { commitment: None, commitment_via: None, ..it.clone() }, tag, via)
            };
            prop_assert_eq!(strip(&a, i), strip(&b, j));
        }
    }

    #[test]
    fn one_items_focus_gives_the_whole_schedules_finish_and_float(items in program(true, true)) {
        // `history` schedules only what one item's dates depend on (schedule::focus),
        // reusing the graph from one call to the next as from one revision to the next.
        let p = plan(&items);
        let mut known = None;
        for i in 0..p.program.milestones.len() {
            let (f, k) = milepost::schedule::focus(&p.program, p.schedule.today, known.take(), i).unwrap();
            prop_assert_eq!(f.finish, p.schedule.items[i].finish, "{}", p.program.milestones[i].id);
            prop_assert_eq!(f.total_float, p.schedule.items[i].total_float, "{}", p.program.milestones[i].id);
            known = Some(k);
        }
    }
}
