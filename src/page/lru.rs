//! A least-recently-used cache bounded by bytes: the page view keeps a few
//! rendered pages (their textures) and lets the oldest go when a new one
//! would pass the budget.

/// Entries with their sizes; the most recently used last. Holds a handful
/// of pages, so a vector is quicker than anything cleverer.
#[derive(Debug)]
pub struct ByteLru<K, V> {
    budget: usize,
    used: usize,
    entries: Vec<(K, V, usize)>,
}

impl<K: PartialEq, V> ByteLru<K, V> {
    pub fn new(budget: usize) -> Self {
        ByteLru {
            budget,
            used: 0,
            entries: Vec::new(),
        }
    }

    /// The entry for `key`, marked as just used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let i = self.entries.iter().position(|(k, _, _)| k == key)?;
        let entry = self.entries.remove(i);
        self.entries.push(entry);
        self.entries.last().map(|(_, v, _)| v)
    }

    /// The first entry (most recent first) whose key satisfies `pred`,
    /// marked as just used.
    pub fn find(&mut self, pred: impl Fn(&K) -> bool) -> Option<(&K, &V)> {
        let i = self.entries.iter().rposition(|(k, _, _)| pred(k))?;
        let entry = self.entries.remove(i);
        self.entries.push(entry);
        self.entries.last().map(|(k, v, _)| (k, v))
    }

    /// Adds (or replaces) an entry of `bytes` bytes, then lets the least
    /// recently used go until the rest fits the budget. The new entry stays
    /// even when it alone is larger.
    pub fn insert(&mut self, key: K, value: V, bytes: usize) {
        self.remove(&key);
        self.entries.push((key, value, bytes));
        self.used += bytes;
        while self.used > self.budget && self.entries.len() > 1 {
            let (_, _, b) = self.entries.remove(0);
            self.used -= b;
        }
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        let i = self.entries.iter().position(|(k, _, _)| k == key)?;
        let (_, v, b) = self.entries.remove(i);
        self.used -= b;
        Some(v)
    }

    /// Drops every entry whose key fails `keep`.
    pub fn retain(&mut self, keep: impl Fn(&K) -> bool) {
        let mut used = 0;
        self.entries.retain(|(k, _, b)| {
            let kept = keep(k);
            if kept {
                used += b;
            }
            kept
        });
        self.used = used;
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.used = 0;
    }

    /// Bytes held now.
    pub fn used(&self) -> usize {
        self.used
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _, _)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_go_first() {
        let mut lru = ByteLru::new(100);
        lru.insert(1, "a", 40);
        lru.insert(2, "b", 40);
        assert_eq!(lru.get(&1), Some(&"a")); // 1 is now newer than 2
        lru.insert(3, "c", 40);
        assert_eq!(lru.keys().copied().collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(lru.used(), 80);
    }

    #[test]
    fn the_budget_holds_but_the_newest_stays() {
        let mut lru = ByteLru::new(100);
        lru.insert(1, (), 60);
        lru.insert(2, (), 150);
        assert_eq!(lru.keys().copied().collect::<Vec<_>>(), vec![2]);
        lru.insert(3, (), 10);
        assert_eq!(lru.keys().copied().collect::<Vec<_>>(), vec![3]);
        assert!(lru.used() <= 100);
    }

    #[test]
    fn replacing_and_retaining_keep_the_count() {
        let mut lru = ByteLru::new(100);
        lru.insert(1, (), 30);
        lru.insert(1, (), 50);
        assert_eq!((lru.len(), lru.used()), (1, 50));
        lru.insert(2, (), 20);
        lru.retain(|k| *k == 2);
        assert_eq!((lru.len(), lru.used()), (1, 20));
        assert!(lru.find(|k| *k == 2).is_some());
        assert!(lru.find(|k| *k == 1).is_none());
    }
}
