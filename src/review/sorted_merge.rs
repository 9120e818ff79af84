//! Several items put into a sorted list in one pass over it.
//!
//! While a folder reads, its reports are placed in the report list and
//! the overview as they arrive. Placed one by one, each insertion moved
//! the rest of the list: with 10,000 reports listed that was most of the
//! time placing took (about 8 µs of 160 KB moved a report), so reports
//! waited to be placed and the last thousands were sorted in one frame at
//! the folder's end (2.5 ms). A frame's arrivals are now sorted among
//! themselves and the list is copied once.

/// Puts `new` (sorted in the list's order; none of them in `sorted`) into
/// `sorted`, each before the first listed item it precedes. `before(item,
/// key)` says whether the listed `item` comes before `key`. Each new item
/// is placed by a binary search after the one before it, so `k` items into
/// a list of `n` take about `k · log n` comparisons and one copy of the
/// list.
pub fn merge_sorted<T: Copy, K>(
    sorted: &mut Vec<T>,
    new: &[(K, T)],
    before: impl Fn(T, &K) -> bool,
) {
    if new.is_empty() {
        return;
    }
    let mut merged = Vec::with_capacity(sorted.len() + new.len());
    let mut copied = 0;
    for (key, item) in new {
        let at = copied + sorted[copied..].partition_point(|&listed| before(listed, key));
        merged.extend_from_slice(&sorted[copied..at]);
        merged.push(*item);
        copied = at;
    }
    merged.extend_from_slice(&sorted[copied..]);
    *sorted = merged;
}

#[cfg(test)]
mod tests {
    use super::merge_sorted;

    fn merged(list: &[u32], new: &[u32]) -> Vec<u32> {
        let mut list = list.to_vec();
        let new: Vec<(u32, u32)> = new.iter().map(|&n| (n, n)).collect();
        merge_sorted(&mut list, &new, |item, key| item < *key);
        list
    }

    #[test]
    fn new_items_go_where_a_sort_would_put_them() {
        // Before the first, between, equal-adjacent and after the last.
        assert_eq!(merged(&[2, 4, 6], &[1, 3, 5, 7]), vec![1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(merged(&[2, 4, 6], &[5, 5]), vec![2, 4, 5, 5, 6]);
        assert_eq!(merged(&[], &[1, 2]), vec![1, 2]);
        assert_eq!(merged(&[1, 2], &[]), vec![1, 2]);
        assert_eq!(merged(&[1, 2, 3], &[9, 10]), vec![1, 2, 3, 9, 10]);
        assert_eq!(merged(&[5, 6], &[0]), vec![0, 5, 6]);
    }

    #[test]
    fn many_at_once_equal_a_sort() {
        // A fixed pseudo-random sequence (no seeds kept between runs).
        let mut x: u32 = 12345;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) % 500
        };
        let mut list: Vec<u32> = (0..300).map(|_| next()).collect();
        list.sort_unstable();
        let mut new: Vec<u32> = (0..120).map(|_| next()).collect();
        new.sort_unstable();
        let mut all = [list.clone(), new.clone()].concat();
        all.sort_unstable();
        assert_eq!(merged(&list, &new), all);
    }
}
