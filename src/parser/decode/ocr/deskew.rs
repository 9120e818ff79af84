//! The page's skew: the small angle a scanner or phone left the page at,
//! found by projection profiles. Text lines and ruled rows are horizontal
//! only at the right angle, where the ink per row is most uneven (rows of
//! ink, rows of paper); at any other angle they smear across rows.

use super::raster::Ink;

/// Scans are rotated by less than this; a larger angle is a page turned
/// on purpose, which deskew does not undo.
pub const MAX_DEGREES: f64 = 2.0;

/// Every `STEP`-th pixel across is looked at (every row is: skipping rows
/// would favour 0°, where every point falls on a sampled row).
const STEP: usize = 2;

/// The angle in degrees (counter-clockwise as shown) the page's lines
/// rise at; rotating the image by its negative straightens them. 0 for a
/// page with too little ink to tell.
pub fn skew_degrees(ink: &Ink) -> f64 {
    // Coarse search on a fourth of the pixels, then fine around the best.
    let points = ink_points(ink, STEP);
    if points.len() < 200 {
        return 0.0;
    }
    let coarse = best_angle(&points, -MAX_DEGREES, MAX_DEGREES, 0.1);
    best_angle(&points, coarse - 0.1, coarse + 0.1, 0.02)
}

/// Every `step`-th ink pixel of each row, as coordinates.
fn ink_points(ink: &Ink, step: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for y in 0..ink.height {
        for x in (0..ink.width).step_by(step) {
            if ink.at(x, y) {
                out.push((x as f64, y as f64));
            }
        }
    }
    out
}

/// The angle in `from..=to` (by `step`) whose row profile is sharpest;
/// ties keep the angle nearest 0.
fn best_angle(points: &[(f64, f64)], from: f64, to: f64, step: f64) -> f64 {
    let n = ((to - from) / step).round() as i64;
    let mut best = (f64::MIN, 0.0f64);
    for i in 0..=n {
        let angle = from + i as f64 * step;
        let score = sharpness(points, angle);
        if score > best.0 + 1e-9 || (score >= best.0 - 1e-9 && angle.abs() < best.1.abs()) {
            best = (score, angle);
        }
    }
    best.1
}

/// The sum of squared ink counts per row after turning the points by
/// `-angle`: largest when rows of ink line up with the rows.
fn sharpness(points: &[(f64, f64)], angle: f64) -> f64 {
    let t = angle.to_radians().tan();
    let (max_x, max_y) = points
        .iter()
        .fold((0.0f64, 0.0f64), |(a, b), &(x, y)| (a.max(x), b.max(y)));
    // Rows run from -max_x·|t| to max_y + max_x·|t|.
    let offset = (max_x * t.abs()).ceil() + 1.0;
    let mut rows = vec![0u32; (max_y + 2.0 * offset) as usize + 2];
    for &(x, y) in points {
        // A line rising to the right by `angle` (y down: y falls as x grows).
        let row = (y + x * t + offset).round() as usize;
        if let Some(r) = rows.get_mut(row) {
            *r += 1;
        }
    }
    rows.iter().map(|&c| f64::from(c) * f64::from(c)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::decode::ocr::raster::{Gray, binarize};

    /// Text-like rows of dashes, drawn rising by `degrees`.
    fn lines_at(degrees: f64) -> Gray {
        let mut img = Gray::blank(600, 400);
        let t = degrees.to_radians().tan();
        for row in 0..8 {
            let y0 = 40.0 + row as f64 * 40.0;
            for x in 20..580 {
                // Words: ink in runs of 30, gaps of 10; 4 px thick.
                if x % 40 >= 30 {
                    continue;
                }
                for dy in 0..4 {
                    let y = (y0 + dy as f64 - x as f64 * t).round();
                    if (0.0..400.0).contains(&y) {
                        img.pixels[y as usize * 600 + x] = 0;
                    }
                }
            }
        }
        img
    }

    #[test]
    fn finds_the_angle_of_tilted_lines() {
        for degrees in [-1.5, -0.6, 0.0, 0.8, 1.4] {
            let ink = binarize(&lines_at(degrees), 25);
            let found = skew_degrees(&ink);

            assert!(
                (found - degrees).abs() <= 0.06,
                "drawn at {degrees}°, found {found}°"
            );
        }
    }

    #[test]
    fn rotating_back_straightens_the_lines() {
        let img = lines_at(1.2);
        let angle = skew_degrees(&binarize(&img, 25));
        let straight = img.rotated(-angle);
        let again = skew_degrees(&binarize(&straight, 25));
        assert!(again.abs() <= 0.06, "after rotating back: {again}°");
    }

    #[test]
    fn a_blank_page_is_not_skewed() {
        assert_eq!(skew_degrees(&binarize(&Gray::blank(300, 300), 25)), 0.0);
    }
}
