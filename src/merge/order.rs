//! Three-way merge of ordered lists: which items stay, and in which order.
//!
//! The order is ours, with their additions placed after their predecessor in their list (and
//! after our own additions that follow that predecessor), unless
//! only they reordered (then their order is taken and our additions follow the same rule). An
//! item stays when it is in both, or was added by either side; a removal by either side wins.
//! Used for the personas of a column, the goals of a persona, list fields, `supports` and the
//! conflicts list.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::hash_map::Entry;
use std::hash::Hash;

/// Lists up to this long with nothing to insert are deduplicated by comparing, not hashing.
const SMALL: usize = 8;

/// The three-way merge of plain lists (duplicates allowed: the n-th copy of a value is its own
/// item).
pub fn merge_list<T: Clone + Eq + Hash>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    // Most lists changed on one side or none: no need to hash anything.
    if ours == theirs || base == theirs {
        return ours.to_vec();
    }
    if base == ours {
        return theirs.to_vec();
    }
    let (b, o, t) = (occurrences(base), occurrences(ours), occurrences(theirs));
    let (bs, os, ts): (HashSet<_>, HashSet<_>, HashSet<_>) =
        (b.iter().collect(), o.iter().collect(), t.iter().collect());
    let keep = |k: &(T, usize)| {
        let (in_o, in_t) = (os.contains(k), ts.contains(k));
        (in_o && in_t) || (!bs.contains(k) && (in_o || in_t))
    };
    order(&b, &o, &t, keep)
        .into_iter()
        .map(|(v, _)| v)
        .collect()
}

/// Each value paired with how many equal values came before it.
fn occurrences<T: Clone + Eq + Hash>(list: &[T]) -> Vec<(T, usize)> {
    let mut seen: HashMap<&T, usize> = HashMap::new();
    list.iter()
        .map(|v| {
            let n = seen.entry(v).or_insert(0);
            *n += 1;
            (v.clone(), *n - 1)
        })
        .collect()
}

/// Whether `list` keeps the items it shares with `base` in base's order.
fn same_relative_order<T: Eq + Hash>(base: &[T], list: &[T]) -> bool {
    if base.is_empty() || list.is_empty() {
        return true;
    }
    let in_list: HashSet<&T> = list.iter().collect();
    let in_base: HashSet<&T> = base.iter().collect();
    base.iter()
        .filter(|k| in_list.contains(k))
        .eq(list.iter().filter(|k| in_base.contains(k)))
}

/// Which side's order leads (primary) and which side's additions are linked into it
/// (secondary): the side that reordered leads; none when both are the same.
fn sides<'a, T: Eq + Hash>(base: &[T], ours: &'a [T], theirs: &'a [T]) -> (&'a [T], &'a [T]) {
    if ours == theirs {
        (ours, &[])
    } else if same_relative_order(base, ours) && !same_relative_order(base, theirs) {
        (theirs, ours)
    } else {
        (ours, theirs)
    }
}

/// The merged order of the items `keep` accepts, taken from `ours` and `theirs` (unique items).
pub fn order<T: Clone + Eq + Hash>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    keep: impl Fn(&T) -> bool,
) -> Vec<T> {
    let (primary, secondary) = sides(base, ours, theirs);
    if secondary.is_empty() && primary.len() <= SMALL {
        // A persona's few goals, unchanged on both sides: no need to hash anything.
        let mut out: Vec<T> = Vec::with_capacity(primary.len());
        for k in primary {
            if keep(k) && !out.contains(k) {
                out.push(k.clone());
            }
        }
        return out;
    }
    // Each placed item's node in the merged list: the primary side's kept items are nodes 0, 1,
    // 2, … in their order, the secondary side's additions come after.
    let mut node_of: HashMap<&T, usize> = HashMap::with_capacity(primary.len() + secondary.len());
    let mut kept: Vec<&T> = Vec::with_capacity(primary.len());
    for k in primary {
        if keep(k)
            && let Entry::Vacant(slot) = node_of.entry(k)
        {
            slot.insert(kept.len());
            kept.push(k);
        }
    }
    if secondary.is_empty() {
        return kept.into_iter().cloned().collect();
    }
    let known: HashSet<&T> = secondary.iter().collect();
    let mut list = Chain::new(&kept, |k| known.contains(k));
    // Where the previous item of `secondary` ended up: additions follow their predecessor, and
    // the primary side's own additions right after that predecessor.
    let mut after: Option<usize> = None;
    for k in secondary {
        if let Some(&node) = node_of.get(k) {
            after = Some(node);
            continue;
        }
        if !keep(k) {
            continue;
        }
        let node = list.insert_after(after, k);
        node_of.insert(k, node);
        after = Some(node);
    }
    list.items().cloned().collect()
}

/// The merged list being built: the primary side's kept items, in order, with the secondary
/// side's additions linked in between them. Each insertion is O(1) (inserting into a `Vec` at a
/// position found by a search made the merge quadratic: 80,000 personas took seconds).
struct Chain<'a, T> {
    /// Nodes `0..primary` are the primary items in order; the rest are insertions.
    items: Vec<&'a T>,
    /// The node after each node (`None` at the end).
    next: Vec<Option<usize>>,
    first: Option<usize>,
    primary: usize,
    /// For each primary node: the last node of the run of primary-only items right after it
    /// (itself when there is none); an addition after it goes after that run. No insertion
    /// ever falls inside such a run (every insertion is a secondary item), so runs never change.
    run_end: Vec<usize>,
    /// The same for the start of the list: the end of a leading run of primary-only items.
    start_run_end: Option<usize>,
}

impl<'a, T> Chain<'a, T> {
    fn new(primary: &[&'a T], known: impl Fn(&T) -> bool) -> Chain<'a, T> {
        let n = primary.len();
        let only_primary = |i: usize| primary.get(i).is_some_and(|k| !known(k));
        let mut run_end = vec![0; n];
        for i in (0..n).rev() {
            run_end[i] = if only_primary(i + 1) {
                run_end[i + 1]
            } else {
                i
            };
        }
        Chain {
            items: primary.to_vec(),
            next: (1..=n).map(|i| (i < n).then_some(i)).collect(),
            first: (n > 0).then_some(0),
            primary: n,
            start_run_end: only_primary(0).then(|| run_end[0]),
            run_end,
        }
    }

    /// Links `item` in after node `after` (`None`: at the start), past the run of primary-only
    /// items there; returns its node.
    fn insert_after(&mut self, after: Option<usize>, item: &'a T) -> usize {
        let anchor = match after {
            None => self.start_run_end,
            Some(node) if node < self.primary => Some(self.run_end[node]),
            // After an insertion comes a secondary item or the end: no run to pass.
            Some(node) => Some(node),
        };
        let node = self.items.len();
        self.items.push(item);
        let link = match anchor {
            Some(a) => &mut self.next[a],
            None => &mut self.first,
        };
        let following = link.replace(node);
        self.next.push(following);
        node
    }

    fn items(&self) -> impl Iterator<Item = &'a T> + '_ {
        std::iter::successors(self.first, |&i| self.next[i]).map(|i| self.items[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use foldhash::HashSetExt;
    use proptest::prelude::*;
    use std::cell::Cell;

    fn s(items: &str) -> Vec<String> {
        items.split_whitespace().map(String::from).collect()
    }

    fn m(b: &str, o: &str, t: &str) -> String {
        merge_list(&s(b), &s(o), &s(t)).join(" ")
    }

    #[test]
    fn one_sided_changes_are_taken() {
        assert_eq!(m("a b c", "a b c", "a x b c"), "a x b c");
        assert_eq!(m("a b c", "a c", "a b c"), "a c");
        assert_eq!(m("a b c", "a b c", "c b a"), "c b a");
        assert_eq!(m("a b c", "b a c", "a b c"), "b a c");
    }

    #[test]
    fn their_additions_follow_their_predecessor() {
        assert_eq!(m("a b", "a o b", "a b t1 t2"), "a o b t1 t2");
        assert_eq!(m("a b", "o a b", "t a b"), "o t a b");
        assert_eq!(m("a b", "a o1 o2 b", "a t b"), "a o1 o2 t b");
        assert_eq!(m("a b", "a b", "a t b"), "a t b");
    }

    #[test]
    fn concurrent_reorders_keep_ours() {
        assert_eq!(m("a b c", "c a b", "b c a"), "c a b");
    }

    #[test]
    fn removals_win_and_duplicates_are_items() {
        assert_eq!(m("a b c", "a c", "a b c x"), "a c x");
        assert_eq!(m("a a", "a a a", "a"), "a a");
        assert_eq!(m("", "x", "x"), "x");
    }

    /// The order as it was computed before it was made linear (a `Vec::insert` at a position
    /// found by searching): the definition the linear one must match.
    fn order_by_insertion<T: Clone + Eq + Hash>(
        base: &[T],
        ours: &[T],
        theirs: &[T],
        keep: impl Fn(&T) -> bool,
    ) -> Vec<T> {
        let (primary, secondary) = sides(base, ours, theirs);
        let mut out: Vec<T> = Vec::new();
        let mut placed: HashSet<T> = HashSet::new();
        for k in primary {
            if keep(k) && placed.insert(k.clone()) {
                out.push(k.clone());
            }
        }
        let known: HashSet<&T> = secondary.iter().collect();
        let mut after: Option<usize> = None;
        for k in secondary {
            if placed.contains(k) {
                after = out.iter().position(|x| x == k);
                continue;
            }
            if !keep(k) {
                continue;
            }
            let mut at = after.map_or(0, |i| i + 1);
            while out.get(at).is_some_and(|x| !known.contains(x)) {
                at += 1;
            }
            out.insert(at, k.clone());
            placed.insert(k.clone());
            after = Some(at);
        }
        out
    }

    /// A list of up to 12 items from a small alphabet (so the sides share, repeat and drop).
    fn list() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(0u8..10, 0..12)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn the_linear_order_is_the_order_by_insertion(
            base in list(),
            ours in list(),
            theirs in list(),
            dropped in prop::collection::vec(0u8..10, 0..3),
        ) {
            let keep = |k: &u8| !dropped.contains(k);
            prop_assert_eq!(
                order(&base, &ours, &theirs, keep),
                order_by_insertion(&base, &ours, &theirs, keep)
            );
            let (b, o, t) = (occurrences(&base), occurrences(&ours), occurrences(&theirs));
            let keep = |k: &(u8, usize)| k.1 < 2 && !dropped.contains(&k.0);
            prop_assert_eq!(
                order(&b, &o, &t, keep),
                order_by_insertion(&b, &o, &t, keep)
            );
        }
    }

    thread_local! {
        static COMPARED: Cell<u64> = const { Cell::new(0) };
    }

    /// An item that counts how often it is compared.
    #[derive(Debug, Clone)]
    struct Counted(u32);

    impl PartialEq for Counted {
        fn eq(&self, other: &Self) -> bool {
            COMPARED.with(|c| c.set(c.get() + 1));
            self.0 == other.0
        }
    }

    impl Eq for Counted {}

    impl Hash for Counted {
        fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
            self.0.hash(state);
        }
    }

    /// Comparisons made merging an empty base, `n` items ours and the same plus one in the
    /// middle theirs.
    fn comparisons(n: u32) -> u64 {
        let ours: Vec<Counted> = (0..n).map(Counted).collect();
        let mut theirs = ours.clone();
        theirs.insert(n as usize / 2, Counted(n));
        COMPARED.with(|c| c.set(0));
        let merged = merge_list(&[], &ours, &theirs);
        assert_eq!(merged.len(), n as usize + 1);
        assert_eq!(
            merged[n as usize / 2].0,
            n,
            "their addition after its predecessor"
        );
        COMPARED.with(Cell::get)
    }

    /// SPEC §8: merging grows linearly. Counted, not timed: 4× the items may cost at most 5×
    /// the comparisons (searching for each item's position made it 16×).
    #[test]
    fn merging_lists_compares_linearly_many_times() {
        let (small, large) = (comparisons(2_000), comparisons(8_000));
        assert!(
            large <= 5 * small,
            "{small} comparisons for 2,000 items, {large} for 8,000"
        );
    }
}
