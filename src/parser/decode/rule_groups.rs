//! What the PDF lattice reader (drawn rules, in points) and OCR's grid
//! (rules found in pixels) share: rules that meet grouped into one table,
//! and rule positions close together taken as one grid line.

/// `items` grouped so that any two that `meet` (directly or through
/// others) are in one group; groups in the order of their first item,
/// items in their order.
pub fn groups_that_meet<T: Copy>(items: &[T], meet: impl Fn(&T, &T) -> bool) -> Vec<Vec<T>> {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if meet(&items[i], &items[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    // A group's root is its first item (union keeps the smaller index).
    let mut groups: std::collections::BTreeMap<usize, Vec<T>> = Default::default();
    for (i, item) in items.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*item);
    }
    groups.into_values().collect()
}

/// The root of `i` in the union-find forest `parent` (paths halved).
pub fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the sets of `a` and `b`; the smaller root stays the root.
pub fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Positions within `tol` of the running mean of their neighbours → that
/// mean, ascending; positions that are not finite left out.
pub fn cluster(values: impl IntoIterator<Item = f64>, tol: f64) -> Vec<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= tol => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_items_form_groups_in_first_item_order() {
        // 0–2 meet through 1; 3 alone; 4 meets 0.
        let meets = |a: &u32, b: &u32| matches!((a.min(b), a.max(b)), (0, 1) | (1, 2) | (0, 4));
        assert_eq!(
            groups_that_meet(&[0u32, 1, 2, 3, 4], meets),
            vec![vec![0, 1, 2, 4], vec![3]]
        );
    }

    #[test]
    fn close_positions_become_their_mean() {
        assert_eq!(
            cluster([10.0, 0.0, 1.0, f64::NAN, 11.0], 1.5),
            vec![0.5, 10.5]
        );
    }
}
