//! Ids: the pattern they must match, and uniqueness within each kind across files.
use rustc_hash::FxHashMap as HashMap;

use crate::diag::{Diag, Seg};
use crate::load::{Item, Origin, RawProgram};

/// The longest id allowed.
pub const MAX_ID_LEN: usize = 64;

/// Id → index, per kind. An id defined twice maps to its first definition.
#[derive(Default)]
pub struct Index {
    pub sites: HashMap<String, usize>,
    pub clusters: HashMap<String, usize>,
    pub vendors: HashMap<String, usize>,
    pub milestones: HashMap<String, usize>,
}

/// Whether `id` matches `[a-z0-9][a-z0-9._-]*` and is at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_LEN
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// Builds the id index and reports bad and duplicate ids.
pub fn index(raw: &RawProgram, diags: &mut Vec<Diag>) -> Index {
    // Nothing refers to risks by id; they are indexed only to report duplicates.
    kind_index("risk", &raw.risks, |r| &r.id, diags);
    Index {
        sites: kind_index("site", &raw.sites, |s| &s.id, diags),
        clusters: kind_index("cluster", &raw.clusters, |c| &c.id, diags),
        vendors: kind_index("vendor", &raw.vendors, |v| &v.id, diags),
        milestones: kind_index("milestone", &raw.milestones, |m| &m.id, diags),
    }
}

fn kind_index<T>(
    kind: &str,
    items: &[Item<T>],
    id: impl Fn(&T) -> &String,
    diags: &mut Vec<Diag>,
) -> HashMap<String, usize> {
    let mut map: HashMap<String, usize> =
        HashMap::with_capacity_and_hasher(items.len(), Default::default());
    let mut first: HashMap<&str, Origin> = HashMap::default();
    for (i, item) in items.iter().enumerate() {
        let id = id(&item.value);
        if !is_valid_id(id) {
            diags.push(bad_id(kind, id, item.origin));
        }
        match map.get(id.as_str()) {
            Some(_) => {
                let original = first.get(id.as_str()).copied().unwrap_or(item.origin);
                diags.push(
                    Diag::error("duplicate-id", format!("duplicate {kind} id `{id}`"))
                        .at(item.origin.key("id"))
                        .label("defined again here")
                        .related(original.key("id"), format!("`{id}` first defined here"))
                        .help(format!("ids are unique among {kind}s across all files")),
                );
            }
            None => {
                map.insert(id.clone(), i);
                first.insert(id.as_str(), item.origin);
            }
        }
    }
    map
}

fn bad_id(kind: &str, id: &str, origin: Origin) -> Diag {
    let why = if id.len() > MAX_ID_LEN {
        format!("is longer than {MAX_ID_LEN} characters")
    } else {
        "must match [a-z0-9][a-z0-9._-]*".to_string()
    };
    let suggestion = id.to_ascii_lowercase().replace(
        |c: char| !(c.is_ascii_alphanumeric() || "._-".contains(c)),
        "-",
    );
    let diag =
        Diag::error("bad-id", format!("{kind} id `{id}` {why}")).at(origin.at(&[Seg::Key("id")]));
    if is_valid_id(&suggestion) && suggestion != id {
        diag.help(format!("try `{suggestion}`"))
    } else {
        diag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_pattern() {
        for ok in ["a", "0", "dfw1-h200.po_2", &"a".repeat(64)] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "A", "a b", "é", ".a", &"a".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
