//! Sequence and mapping access over the span-keeping YAML tree.
use serde::de::{self, DeserializeSeed, IntoDeserializer};

use super::{DeError, NodeDe};
use crate::load::yaml::{Node, NodeKind};

pub(super) struct SeqAccess<'a, 'b> {
    pub(super) de: &'b NodeDe<'a>,
    pub(super) items: std::slice::Iter<'a, Node>,
    pub(super) index: usize,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqAccess<'a, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => {
                self.index += 1;
                seed.deserialize(self.de.child(node))
                    .map(Some)
                    .map_err(|e: DeError| e.at(node.span))
            }
            None => Ok(None),
        }
    }
}

pub(super) struct MapAccess<'a, 'b> {
    de: &'b NodeDe<'a>,
    entries: std::vec::IntoIter<&'a (Node, Node)>,
    current: Option<&'a (Node, Node)>,
}

impl<'a, 'b> MapAccess<'a, 'b> {
    pub(super) fn new(de: &'b NodeDe<'a>, kept: Vec<&'a (Node, Node)>) -> Self {
        MapAccess {
            de,
            entries: kept.into_iter(),
            current: None,
        }
    }

    /// The position of the current entry in the original mapping.
    fn entry_index(&self) -> Option<usize> {
        let current = self.current?;
        let NodeKind::Map(entries) = &self.de.node.kind else {
            return None;
        };
        entries.iter().position(|e| std::ptr::eq(e, current))
    }
}

impl<'de, 'a> de::MapAccess<'de> for MapAccess<'a, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some(entry) => {
                self.current = Some(entry);
                let key = entry.0.as_str().unwrap_or("");
                seed.deserialize(key.into_deserializer())
                    .map(Some)
                    .map_err(|e: DeError| e.at(entry.0.span))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(entry) = self.current else {
            return Err(DeError::new("value without a key"));
        };
        let key = entry.0.as_str().unwrap_or("");
        seed.deserialize(self.de.child(&entry.1)).map_err(|mut e| {
            if !e.message.starts_with('`') {
                e.message = format!("`{key}`: {}", e.message);
            }
            e.entry = self.entry_index();
            e.at(entry.1.span)
        })
    }
}
