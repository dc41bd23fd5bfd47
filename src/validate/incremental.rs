//! Re-validating the next revision of a valid program: when only some milestones'
//! fields changed (every id, site, cluster, vendor, risk and the settings as they
//! were), only those milestones are checked again, with the rules that span items
//! (progress against today, cycles) rerun over all of them.
//!
//! Used where many revisions of one program are read in a row (`history`). Anything
//! else gives up and the caller validates in full, so the result is always the one
//! [`super::validate`] gives.
use std::sync::Arc;

use chrono::NaiveDate;

use super::ids::Index;
use super::{calendar_of, cycles, items, progress};
use crate::diag::{Diag, Files};
use crate::load::{Item, Loaded, RawProgram};
use crate::model::Program;
use crate::source::CONFIG_FILE;

/// What a valid revision leaves for checking the next one: its raw items, its id
/// index and the files it was read from.
pub struct Basis {
    raw: RawProgram,
    index: Index,
    config: Option<Arc<str>>,
    files: Vec<String>,
}

impl Basis {
    pub(super) fn new(raw: RawProgram, index: Index, files: &Files) -> Basis {
        Basis {
            raw,
            index,
            config: config_text(files),
            files: rels(files),
        }
    }
}

fn rels(files: &Files) -> Vec<String> {
    (0..files.len())
        .filter_map(|i| files.get(crate::diag::FileId(i as u32)))
        .map(|f| f.rel.clone())
        .collect()
}

fn config_text(files: &Files) -> Option<Arc<str>> {
    (0..files.len())
        .filter_map(|i| files.get(crate::diag::FileId(i as u32)))
        .find(|f| f.rel == CONFIG_FILE)
        .map(|f| f.text.clone())
}

/// A revision checked by [`revalidate`].
pub struct Revalidated {
    pub program: Program,
    /// The basis for checking the next revision.
    pub basis: Basis,
    /// Whether any dependency changed (else the topological order still holds).
    pub deps_changed: bool,
}

/// `loaded` checked as the revision after `program` (valid, with `basis`), as of
/// `today`; `loaded` back when it has to be validated in full.
pub fn revalidate(
    mut program: Program,
    basis: Basis,
    loaded: Loaded,
    today: NaiveDate,
) -> Result<Revalidated, Box<Loaded>> {
    let one_to_one = program.milestones.len() == basis.raw.milestones.len();
    let Some(changed) = changed_milestones(&basis, &loaded).filter(|_| one_to_one) else {
        return Err(Box::new(loaded));
    };
    let mut diags: Vec<Diag> = Vec::new();
    let regions: Vec<String> = program.config.regions.keys().cloned().collect();
    let mut ctx = items::Ctx {
        index: &basis.index,
        regions: Some(&regions),
        diags: &mut diags,
        unparsed: None,
        hints: 0,
    };
    let mut edited = false;
    for &i in &changed {
        let mut m = ctx.milestone(&loaded.raw.milestones[i], &program.sites, &program.clusters);
        m.calendar = calendar_of(&m, &program.sites, &program.clusters);
        edited |= m.deps != program.milestones[i].deps;
        program.milestones[i] = m;
    }
    // A status that could not be read is an error, so it never reaches here.
    // Only whether it is valid matters here: warnings are not built.
    progress::errors(&program.milestones, today, &mut diags);
    if edited {
        cycles::check(&program.milestones, &mut diags);
    }
    if diags.iter().any(Diag::is_error) {
        return Err(Box::new(loaded));
    }
    let Loaded { files, raw, .. } = loaded;
    let basis = Basis {
        raw,
        index: basis.index,
        config: basis.config,
        files: basis.files,
    };
    program.files = files;
    Ok(Revalidated {
        program,
        basis,
        deps_changed: edited,
    })
}

/// The milestones whose fields changed (by position), when nothing else did; `None`
/// when the revision must be validated in full.
fn changed_milestones(basis: &Basis, loaded: &Loaded) -> Option<Vec<usize>> {
    let (old, new) = (&basis.raw, &loaded.raw);
    let clean = !loaded.diags.iter().any(Diag::is_error) && loaded.config.is_some();
    let same_files =
        config_text(&loaded.files) == basis.config && rels(&loaded.files) == basis.files;
    if !clean
        || !same_files
        || !same(&old.sites, &new.sites)
        || !same(&old.clusters, &new.clusters)
        || !same(&old.vendors, &new.vendors)
        || !same(&old.risks, &new.risks)
        || old.milestones.len() != new.milestones.len()
    {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (a, b)) in old.milestones.iter().zip(&new.milestones).enumerate() {
        if a.origin != b.origin || a.value.id != b.value.id {
            return None;
        }
        if !Arc::ptr_eq(&a.value, &b.value) {
            changed.push(i);
        }
    }
    Some(changed)
}

/// Whether two lists hold the very same items (shared, unchanged), in the same places.
fn same<T>(a: &[Item<Arc<T>>], b: &[Item<Arc<T>>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.origin == y.origin && Arc::ptr_eq(&x.value, &y.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{ParseCache, load_cached};
    use crate::source::Memory;
    use crate::validate::{validate, validate_keeping};
    use proptest::prelude::*;

    const TOML: &str = "[program]\nname = \"T\"\nstart = 2026-10-05\n[calendar.regions.apac]\nholidays = [2026-10-08]\n";
    const SITES: &str = "sites:\n  - id: s1\n  - id: s2\n    region: apac\nclusters:\n  - id: c1\n    site: s2\n    gpus: 8\n";
    const PLAN: &str = "milestones:
  - id: a
    site: s1
    duration: 3
  - id: b
    cluster: c1
    duration: 5
    depends_on:
      - id: a
  - id: c
    duration: 2
    depends_on:
      - id: b
        type: SS
        lag: 1
    due: 2026-10-20
  - id: d
    duration: 4
";
    const OTHER: &str = "milestones:\n  - id: e\n    duration: 1\n    depends_on:\n      - id: c\n";

    /// Line edits: each turns the first `from` into `to`.
    const EDITS: &[(&str, &str)] = &[
        ("    duration: 3\n", "    duration: 6\n"),
        ("    duration: 4\n", "    duration: 0\n"),
        ("        lag: 1\n", "        lag: -2\n"),
        ("    due: 2026-10-20\n", "    due: 2026-10-09\n"),
        ("      - id: a\n", "      - id: zz\n"),
        ("      - id: a\n", "      - id: c\n"),
        (
            "    duration: 4\n",
            "    duration: 4\n    depends_on:\n      - id: a\n",
        ),
        (
            "  - id: d\n",
            "  - id: d\n    status: in_progress\n    started: 2026-10-06\n",
        ),
        (
            "  - id: d\n",
            "  - id: d\n    status: done\n    started: 2026-10-06\n    finished: 2026-10-07\n",
        ),
        (
            "  - id: d\n",
            "  - id: d\n    status: done\n    started: 2026-10-06\n    finished: 2026-11-30\n",
        ),
        (
            "  - id: a\n",
            "  - id: a\n    status: in_progress\n    started: 2026-10-05\n    remaining: 0\n",
        ),
        ("    site: s1\n", "    site: s2\n"),
        ("    cluster: c1\n", "    cluster: c1\n    site: s1\n"),
        ("    site: s1\n", "    site: nowhere\n"),
        ("  - id: d\n", "  - id: dd\n"),
        ("  - id: d\n", "  - id: D\n"),
        ("    duration: 5\n", "    duration: -1\n"),
    ];

    fn load(plan: &str, cache: &ParseCache) -> Loaded {
        let id = |t: &str| {
            Some(format!(
                "{:x}",
                t.len() * 31 + t.bytes().map(usize::from).sum::<usize>()
            ))
        };
        let memory = Memory::new()
            .with_shared("milepost.toml", Arc::from(TOML.as_bytes()), id(TOML))
            .with_shared("sites.yaml", Arc::from(SITES.as_bytes()), id(SITES))
            .with_shared("other.yaml", Arc::from(OTHER.as_bytes()), id(OTHER))
            .with_shared(
                "plan.yaml",
                Arc::from(plan.as_bytes()),
                Some(plan.to_string()),
            );
        load_cached(&memory, Some(cache)).expect("loads")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Across a run of revisions, each one re-validated from the one before gives
        /// exactly what validating it in full gives.
        #[test]
        fn equals_a_full_validation(
            edits in proptest::collection::vec((0..EDITS.len(), any::<bool>()), 1..6),
            days in proptest::collection::vec(0u64..20, 6),
        ) {
            let cache = ParseCache::default();
            let start = NaiveDate::from_ymd_opt(2026, 10, 5).expect("date");
            let mut text = PLAN.to_string();
            let (validated, basis) = validate_keeping(load(&text, &cache), start);
            let mut carry = validated.program.zip(basis);
            for (n, (edit, undo)) in edits.into_iter().enumerate() {
                let (from, to) = EDITS[edit];
                text = if undo { text.replacen(to, from, 1) } else { text.replacen(from, to, 1) };
                let today = start + chrono::Days::new(days[n]);
                let full = validate(load(&text, &cache), today).program;
                let next = match carry.take() {
                    Some((program, basis)) => match revalidate(program, basis, load(&text, &cache), today) {
                        Ok(r) => Some((r.program, r.basis)),
                        Err(loaded) => {
                            let (v, b) = validate_keeping(*loaded, today);
                            v.program.zip(b)
                        }
                    },
                    None => {
                        let (v, b) = validate_keeping(load(&text, &cache), today);
                        v.program.zip(b)
                    }
                };
                let shown = |p: Option<&Program>| p.map(|p| format!("{:?}", p.milestones));
                prop_assert_eq!(shown(next.as_ref().map(|(p, _)| p)), shown(full.as_ref()), "{}", text);
                carry = next;
            }
        }
    }
}
