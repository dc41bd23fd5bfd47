//! serde over the positioned YAML tree: every error keeps the span it is about.
//!
//! The loader's types derive `Deserialize` (one source of truth for the format). This
//! deserializer reports all unknown and duplicate keys of a mapping at once, and
//! [`from_node`] retries an item without each key that failed, so one run reports every
//! problem in an item, not just the first.
mod access;
mod error;

use access::{MapAccess, SeqAccess};

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

use super::yaml::{Node, NodeKind};
use error::list;
pub use error::{Collector, DeError, did_you_mean};

/// Reads `node` into a `T`, pushing every problem into `errors`.
///
/// Returns the value read with the failing keys left out (so later checks can still look
/// at the rest of the item), or `None` when no value could be made at all.
pub fn from_node<T: DeserializeOwned>(node: &Node, errors: &Collector) -> Option<T> {
    let mut skip: Vec<usize> = Vec::new();
    loop {
        let de = NodeDe {
            node,
            errors,
            skip: &skip,
        };
        match T::deserialize(de) {
            Ok(value) => return Some(value),
            Err(err) => {
                let dropped_key = err.missing.is_some_and(|f| skipped_key(node, &skip, f));
                let entry = err.entry;
                if !dropped_key {
                    errors.push(err);
                }
                match entry {
                    Some(i) if !skip.contains(&i) && !dropped_key => skip.push(i),
                    _ => return None,
                }
            }
        }
    }
}

fn skipped_key(node: &Node, skip: &[usize], field: &str) -> bool {
    match &node.kind {
        NodeKind::Map(entries) => skip
            .iter()
            .any(|&i| entries.get(i).and_then(|(k, _)| k.as_str()) == Some(field)),
        _ => false,
    }
}

struct NodeDe<'a> {
    node: &'a Node,
    errors: &'a Collector,
    /// Entries of this (top-level) mapping to leave out; empty below the top.
    skip: &'a [usize],
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            errors: self.errors,
            skip: &[],
        }
    }

    fn scalar(&self) -> Option<(&'a str, bool)> {
        match &self.node.kind {
            NodeKind::Scalar(s, plain) => Some((s, *plain)),
            _ => None,
        }
    }

    fn mismatch(&self, expected: &str) -> DeError {
        let found = match &self.node.kind {
            NodeKind::Scalar(s, true) => format!("`{s}`"),
            NodeKind::Scalar(s, false) => format!("the quoted text \"{s}\""),
            _ => self.node.describe().to_string(),
        };
        DeError::new(format!("expected {expected}, found {found}")).at(self.node.span)
    }

    /// The mapping entries to visit: unknown and duplicate keys are reported here, all
    /// at once, and left out so the derived visitor sees only known keys.
    fn known_entries(
        &self,
        entries: &'a [(Node, Node)],
        fields: &'static [&'static str],
    ) -> Vec<&'a (Node, Node)> {
        let mut seen = Seen::with_capacity(entries.len());
        let mut kept = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let key = entry.0.as_str().unwrap_or("");
            if !seen.insert(key) {
                self.errors
                    .push(DeError::new(format!("duplicate key `{key}`")).at(entry.0.span));
                continue;
            }
            if !fields.is_empty() && !fields.contains(&key) {
                self.errors.push(unknown_key(key, fields).at(entry.0.span));
                continue;
            }
            if !self.skip.contains(&i) {
                kept.push(entry);
            }
        }
        kept
    }
}

/// Keys seen in a mapping: a short list for the usual few keys, a hash set for the
/// rare huge mapping (so that a hostile one costs linear time, not quadratic).
enum Seen<'a> {
    Few(Vec<&'a str>),
    Many(rustc_hash::FxHashSet<&'a str>),
}

impl<'a> Seen<'a> {
    fn with_capacity(n: usize) -> Self {
        if n <= 32 {
            Seen::Few(Vec::with_capacity(n))
        } else {
            Seen::Many(rustc_hash::FxHashSet::default())
        }
    }

    /// Adds `key`; false when it was seen already.
    fn insert(&mut self, key: &'a str) -> bool {
        match self {
            Seen::Few(keys) if keys.contains(&key) => false,
            Seen::Few(keys) => {
                keys.push(key);
                true
            }
            Seen::Many(keys) => keys.insert(key),
        }
    }
}

fn unknown_key(key: &str, fields: &'static [&'static str]) -> DeError {
    let err = if key == "<<" {
        DeError::new("merge keys (`<<`) are not supported; write the keys out")
    } else {
        DeError::new(format!("unknown key `{key}`"))
    };
    match did_you_mean(key, fields) {
        Some(hint) => err.with_help(format!("did you mean `{hint}`?")),
        None => err.with_help(format!("expected one of {}", list(fields))),
    }
}

macro_rules! de_number {
    ($method:ident, $visit:ident, $ty:ty, $what:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let span = self.node.span;
            match self.scalar() {
                Some((s, true)) => match parse_number::<$ty>(s) {
                    Some(n) => visitor.$visit(n).map_err(|e: DeError| e.at(span)),
                    None if is_integer(s) => {
                        Err(DeError::new(format!("{s} is out of range for {}", $what)).at(span))
                    }
                    None => Err(self.mismatch($what)),
                },
                _ => Err(self.mismatch($what)),
            }
        }
    };
}

/// Whether `s` is written as an integer (digits, an optional sign, `_` separators).
fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
}

fn parse_number<T: std::str::FromStr>(s: &str) -> Option<T> {
    let cleaned = s.strip_prefix('+').unwrap_or(s);
    if cleaned.contains('_') {
        return cleaned.replace('_', "").parse().ok();
    }
    cleaned.parse().ok()
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Scalar(s, false) => visitor.visit_str(s),
            NodeKind::Scalar(s, true) => {
                if let Ok(i) = s.parse::<i64>() {
                    visitor.visit_i64(i)
                } else if let Some(b) = parse_bool(s) {
                    visitor.visit_bool(b)
                } else if let Ok(f) = s.parse::<f64>() {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(s)
                }
            }
            NodeKind::Seq(items) => visitor.visit_seq(SeqAccess {
                de: &self,
                items: items.iter(),
                index: 0,
            }),
            NodeKind::Map(entries) => {
                let kept = self.known_entries(entries, &[]);
                visitor.visit_map(MapAccess::new(&self, kept))
            }
        };
        result.map_err(|e: DeError| e.at(span))
    }

    de_number!(deserialize_u8, visit_u64, u64, "a whole number");
    de_number!(deserialize_u16, visit_u64, u64, "a whole number");
    de_number!(deserialize_u32, visit_u64, u64, "a whole number");
    de_number!(deserialize_u64, visit_u64, u64, "a whole number");
    de_number!(deserialize_i8, visit_i64, i64, "an integer");
    de_number!(deserialize_i16, visit_i64, i64, "an integer");
    de_number!(deserialize_i32, visit_i64, i64, "an integer");
    de_number!(deserialize_i64, visit_i64, i64, "an integer");
    de_number!(deserialize_f32, visit_f64, f64, "a number");
    de_number!(deserialize_f64, visit_f64, f64, "a number");

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.scalar() {
            Some((s, true)) if parse_bool(s).is_some() => visitor
                .visit_bool(parse_bool(s).unwrap_or_default())
                .map_err(|e: DeError| e.at(self.node.span)),
            _ => Err(self.mismatch("true or false")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Plain scalars that look like numbers are accepted as text where text is wanted.
        match self.scalar() {
            Some((s, _)) => visitor
                .visit_str(s)
                .map_err(|e: DeError| e.at(self.node.span)),
            None => Err(self.mismatch("text")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Seq(items) => visitor
                .visit_seq(SeqAccess {
                    de: &self,
                    items: items.iter(),
                    index: 0,
                })
                .map_err(|e: DeError| e.at(self.node.span)),
            _ => Err(self.mismatch("a list")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Map(entries) => {
                let kept = self.known_entries(entries, fields);
                visitor
                    .visit_map(MapAccess::new(&self, kept))
                    .map_err(|e: DeError| e.at(self.node.span))
            }
            // A scalar may stand for a struct with a short form (see `Dependency`).
            NodeKind::Scalar(..) => self.deserialize_any(visitor),
            _ => Err(self.mismatch("a mapping")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Map(_) => self.deserialize_any(visitor),
            _ => Err(self.mismatch("a mapping")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.scalar() {
            Some((s, _)) => visitor
                .visit_enum(s.into_deserializer())
                .map_err(|e: DeError| e.at(self.node.span)),
            None => Err(self.mismatch("one of the listed values")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct identifier
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
