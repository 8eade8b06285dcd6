//! Three-way merge of ordered lists: which items stay, and in which order.
//!
//! The order is ours, with their additions placed after their predecessor in their list (and
//! after our own additions that follow that predecessor), unless
//! only they reordered (then their order is taken and our additions follow the same rule). An
//! item stays when it is in both, or was added by either side; a removal by either side wins.
//! Used for the personas of a column, the goals of a persona, list fields (pains, objections,
//! criteria), `supports` and the conflicts list.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::hash::Hash;

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
    let in_list: HashSet<&T> = list.iter().collect();
    let in_base: HashSet<&T> = base.iter().collect();
    base.iter()
        .filter(|k| in_list.contains(k))
        .eq(list.iter().filter(|k| in_base.contains(k)))
}

/// The merged order of the items `keep` accepts, taken from `ours` and `theirs` (unique items).
pub fn order<T: Clone + Eq + Hash>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    keep: impl Fn(&T) -> bool,
) -> Vec<T> {
    let (primary, secondary) = if ours == theirs {
        (ours, &[][..])
    } else if same_relative_order(base, ours) && !same_relative_order(base, theirs) {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut out: Vec<T> = Vec::with_capacity(primary.len().max(secondary.len()));
    let mut placed: HashSet<T> = HashSet::with_capacity(out.capacity());
    for k in primary {
        if keep(k) && placed.insert(k.clone()) {
            out.push(k.clone());
        }
    }
    // Where the previous item of `secondary` ended up: additions follow their predecessor, and
    // the primary side's own additions right after that predecessor.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
