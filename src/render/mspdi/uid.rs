//! Task UIDs that stay the same across exports: a hash of what the task stands for
//! (`m:<milestone id>`, `s:<site id>`, `c:<cluster id>`), so re-importing a newer
//! export into Project or another tool updates the same tasks. The rare collision is
//! settled by taking the next free number, in key order, so it too is deterministic.
use std::collections::{BTreeMap, HashSet};

use crate::model::Program;

/// The largest UID: Project stores UIDs as 32-bit signed integers.
const MAX_UID: u32 = 0x7FFF_FFFF;

/// FNV-1a (32 bits) of `key`, in 1..=MAX_UID (0 is the project summary task).
fn hash(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h & MAX_UID).max(1)
}

/// The UIDs of every site, cluster and milestone of a program.
#[derive(Debug, Clone)]
pub struct Uids {
    pub sites: Vec<u32>,
    pub clusters: Vec<u32>,
    pub milestones: Vec<u32>,
}

impl Uids {
    pub fn new(p: &Program) -> Uids {
        let mut keys: BTreeMap<String, (u8, usize)> = BTreeMap::new();
        for (i, s) in p.sites.iter().enumerate() {
            keys.insert(format!("s:{}", s.id), (0, i));
        }
        for (i, c) in p.clusters.iter().enumerate() {
            keys.insert(format!("c:{}", c.id), (1, i));
        }
        for (i, m) in p.milestones.iter().enumerate() {
            keys.insert(format!("m:{}", m.id), (2, i));
        }
        let mut uids = Uids {
            sites: vec![0; p.sites.len()],
            clusters: vec![0; p.clusters.len()],
            milestones: vec![0; p.milestones.len()],
        };
        let mut taken = HashSet::new();
        // Keys whose own hash is free keep it; the others probe in key order after.
        let mut later = Vec::new();
        for (key, &(kind, i)) in &keys {
            let h = hash(key);
            if taken.insert(h) {
                uids.set(kind, i, h);
            } else {
                later.push((h, kind, i));
            }
        }
        for (mut h, kind, i) in later {
            while !taken.insert(h) {
                h = if h >= MAX_UID { 1 } else { h + 1 };
            }
            uids.set(kind, i, h);
        }
        uids
    }

    fn set(&mut self, kind: u8, i: usize, uid: u32) {
        match kind {
            0 => self.sites[i] = uid,
            1 => self.clusters[i] = uid,
            _ => self.milestones[i] = uid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_positive_and_stable() {
        assert_eq!(hash("m:a"), hash("m:a"));
        assert_ne!(hash("m:a"), hash("m:b"));
        for key in ["", "m:x", "s:dfw1"] {
            assert!((1..=MAX_UID).contains(&hash(key)));
        }
    }
}
