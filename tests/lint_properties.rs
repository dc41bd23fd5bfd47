//! Property tests of `lint` on random programs: shares stay within 0..1, and with
//! finish-to-start logic in one calendar and no commitments the critical path test
//! always passes (every critical item drives the finish day for day).
use milepost::analysis::Plan;
use milepost::analysis::lint::LintView;
use milepost::model::lint::Measure;
use milepost::model::{LintCheck, LintStatus};
use milepost::source::Memory;
use milepost::testkit::{Dep, Item, milestones_yaml};
use proptest::prelude::*;

/// A random item `m{i}` depending (FS, any lag) only on earlier items.
fn item(i: usize) -> impl Strategy<Value = Item> {
    let deps = if i == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec((0..i, -3i64..6), 0..3).boxed()
    };
    (0i64..7, deps, prop::option::of(0u64..30)).prop_map(move |(duration, deps, sne)| Item {
        deps: deps
            .into_iter()
            .map(|(p, lag)| Dep::typed(format!("m{p}"), "FS", lag))
            .collect(),
        start_no_earlier: sne
            .map(|d| milepost::load::raw::parse_date("2026-10-05").unwrap() + chrono::Days::new(d)),
        ..Item::new(format!("m{i}"), duration)
    })
}

fn program() -> impl Strategy<Value = Vec<Item>> {
    (1usize..25).prop_flat_map(|n| (0..n).map(item).collect::<Vec<_>>())
}

fn plan(items: &[Item]) -> Plan {
    let source = Memory::new()
        .with(
            "milepost.toml",
            "[program]\nname = \"p\"\nstart = 2026-10-05\n[calendar]\nholidays = [2026-10-12]\n",
        )
        .with("m.yaml", milestones_yaml(items));
    let loaded = milepost::load::load(&source).unwrap();
    let today = milepost::load::raw::parse_date("2026-10-05").unwrap();
    let v = milepost::validate::validate(loaded, today);
    assert!(v.diags.iter().all(|d| !d.is_error()), "{:#?}", v.diags);
    Plan::new(v.program.unwrap(), today).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn fs_logic_without_commitments_passes_the_critical_path_test(items in program()) {
        let p = plan(&items);
        let view = LintView::new(&p, None);
        let cpt = view.checks.iter().find(|c| c.name == LintCheck::CriticalPathTest).unwrap();
        prop_assert_eq!(cpt.status, LintStatus::Pass, "{:?}", cpt);
        for c in &view.checks {
            if let (Measure::Share, Some(v)) = (c.name.measure(), c.value) {
                prop_assert!((0.0..=1.0).contains(&v.get()), "{:?}", c);
            }
            prop_assert_eq!(c.items.len(), c.indices.len());
        }
        // No commitments, one calendar: nothing has negative float, and CPLI is 1.
        let negative = view.checks.iter().find(|c| c.name == LintCheck::NegativeFloat).unwrap();
        prop_assert_eq!(negative.status, LintStatus::Pass);
    }
}
