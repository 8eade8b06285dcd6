//! The merged personas (or goals) by id, until they are placed in the merged workspace.
//!
//! The records sit in a `Vec` and the map holds only an index: a map of whole personas (a few
//! hundred bytes each) outgrows the processor's caches at tens of thousands of them, and every
//! lookup then waits on memory; this keeps the merge's time growing with its input, not faster.

use foldhash::{HashMap, HashMapExt};

pub struct ById<'a, T> {
    index: HashMap<&'a str, usize>,
    items: Vec<Option<T>>,
    /// How many have not been taken.
    left: usize,
}

impl<'a, T> ById<'a, T> {
    pub fn with_capacity(n: usize) -> ById<'a, T> {
        ById {
            index: HashMap::with_capacity(n),
            items: Vec::with_capacity(n),
            left: 0,
        }
    }

    /// Adds a record; an id already here keeps its first record.
    pub fn insert(&mut self, id: &'a str, item: T) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.index.entry(id) {
            slot.insert(self.items.len());
            self.items.push(Some(item));
            self.left += 1;
        }
    }

    /// The record of `id`, if it is here and not taken yet.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).and_then(|&i| self.items[i].as_ref())
    }

    /// Takes the record of `id` out, with the id as stored.
    pub fn take(&mut self, id: &str) -> Option<(&'a str, T)> {
        let (&key, &i) = self.index.get_key_value(id)?;
        let item = self.items[i].take()?;
        self.left -= 1;
        Some((key, item))
    }

    /// Whether every record has been taken.
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }

    /// The records not taken yet, in the order they were added.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.items.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_found_taken_once_and_counted() {
        let mut by_id = ById::with_capacity(2);
        by_id.insert("a", 1);
        by_id.insert("b", 2);
        by_id.insert("a", 3);
        assert_eq!(by_id.get("a"), Some(&1));
        assert_eq!(by_id.take("a"), Some(("a", 1)));
        assert_eq!(by_id.take("a"), None);
        assert_eq!(by_id.get("a"), None);
        assert!(!by_id.is_empty());
        assert_eq!(by_id.values().collect::<Vec<_>>(), [&2]);
        assert_eq!(by_id.take("b"), Some(("b", 2)));
        assert!(by_id.is_empty());
        assert_eq!(by_id.take("nope"), None);
    }
}
