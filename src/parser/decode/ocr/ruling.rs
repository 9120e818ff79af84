//! Ruling lines: long straight runs of ink, horizontal and vertical, on a
//! deskewed page. Text strokes are short and thick or stand alone; a
//! table's rules are long, thin, and meet each other. A short piece of
//! rule (the border of one merged cell) is kept when both its ends meet
//! long rules.

use super::raster::Ink;

/// One straight rule, in pixels: `at` across it (its centre line),
/// `a0..a1` along it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    pub at: f64,
    pub a0: usize,
    pub a1: usize,
    /// Pixels across.
    pub thickness: usize,
}

impl Rule {
    pub fn len(&self) -> usize {
        self.a1 - self.a0
    }

    pub fn is_empty(&self) -> bool {
        self.a1 <= self.a0
    }
}

/// Sizes in pixels, from the page's resolution.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// A run at least this long may be a rule.
    pub min_piece: usize,
    /// A rule at least this long stands without meeting others.
    pub min_long: usize,
    /// Gaps a worn or JPEG-damaged rule may have.
    pub max_gap: usize,
    /// Thicker than this is a filled shape, not a rule.
    pub max_thickness: usize,
    /// How far apart two rules may be and still meet.
    pub touch: usize,
}

impl Scale {
    pub fn for_dpi(dpi: f64) -> Scale {
        let px = |inches: f64| (inches * dpi).round().max(1.0) as usize;
        Scale {
            min_piece: px(0.08),
            min_long: px(0.6),
            max_gap: px(0.012).max(2),
            max_thickness: px(0.04).max(3),
            touch: px(0.03).max(3),
        }
    }
}

/// The page's rules, horizontal and vertical.
pub fn find_rules(ink: &Ink, scale: &Scale) -> Vec<Rule> {
    let horizontal = pieces(ink, true, scale);
    let vertical = pieces(ink, false, scale);
    let long = |r: &Rule| r.len() >= scale.min_long;
    let long_h: Vec<Rule> = horizontal.iter().copied().filter(long).collect();
    let long_v: Vec<Rule> = vertical.iter().copied().filter(long).collect();
    let mut out: Vec<Rule> = Vec::new();
    for r in horizontal.iter().chain(&vertical) {
        let across = if r.horizontal { &long_v } else { &long_h };
        if long(r) || (ends_meet(r, across, scale.touch)) {
            out.push(*r);
        }
    }
    out
}

/// Whether both ends of `r` meet a rule of `across`.
fn ends_meet(r: &Rule, across: &[Rule], touch: usize) -> bool {
    let meets = |end: usize| {
        across
            .iter()
            .any(|c| (c.at - end as f64).abs() <= touch as f64 && covers(c, r.at, touch))
    };
    meets(r.a0) && meets(r.a1)
}

/// Whether rule `c` reaches position `at` along itself (within `touch`).
pub fn covers(c: &Rule, at: f64, touch: usize) -> bool {
    at + touch as f64 >= c.a0 as f64 && at <= (c.a1 + touch) as f64
}

/// Runs of ink along one direction, joined across neighbouring lines of
/// pixels into rules.
fn pieces(ink: &Ink, horizontal: bool, scale: &Scale) -> Vec<Rule> {
    let (lines, length) = if horizontal {
        (ink.height, ink.width)
    } else {
        (ink.width, ink.height)
    };
    let at = |line: usize, i: usize| {
        if horizontal {
            ink.at(i, line)
        } else {
            ink.at(line, i)
        }
    };
    // Open rules: (first line, last line, a0, a1, sum of lines for the centre).
    struct Open {
        first: usize,
        last: usize,
        a0: usize,
        a1: usize,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Rule> = Vec::new();
    let close = |o: &Open, done: &mut Vec<Rule>| {
        let thickness = o.last - o.first + 1;
        if thickness <= scale.max_thickness {
            done.push(Rule {
                horizontal,
                at: (o.first + o.last) as f64 / 2.0,
                a0: o.a0,
                a1: o.a1,
                thickness,
            });
        }
    };
    for line in 0..lines {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < length {
            if !at(line, i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            let mut gap = 0;
            while i < length {
                if at(line, i) {
                    end = i;
                    gap = 0;
                } else {
                    gap += 1;
                    if gap > scale.max_gap {
                        break;
                    }
                }
                i += 1;
            }
            if end + 1 - start >= scale.min_piece {
                runs.push((start, end + 1));
            }
        }
        // Each run continues an open rule it overlaps mostly, or opens one.
        let mut next: Vec<Open> = Vec::new();
        for (a0, a1) in runs {
            let continues = open.iter().position(|o| {
                let overlap = a1.min(o.a1).saturating_sub(a0.max(o.a0));
                overlap * 2 >= (a1 - a0).min(o.a1 - o.a0)
            });
            match continues {
                Some(k) => {
                    let mut o = open.swap_remove(k);
                    o.last = line;
                    o.a0 = o.a0.min(a0);
                    o.a1 = o.a1.max(a1);
                    next.push(o);
                }
                None => next.push(Open {
                    first: line,
                    last: line,
                    a0,
                    a1,
                }),
            }
        }
        for o in &open {
            close(o, &mut done);
        }
        open = next;
    }
    for o in &open {
        close(o, &mut done);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::decode::ocr::raster::{Gray, binarize};

    fn draw_rect(img: &mut Gray, x0: usize, y0: usize, x1: usize, y1: usize) {
        for y in y0..y1 {
            for x in x0..x1 {
                img.pixels[y * img.width + x] = 0;
            }
        }
    }

    #[test]
    fn finds_a_ruled_grid_and_not_the_text() {
        let mut img = Gray::blank(800, 500);
        // A 3 × 2 grid of 2-px rules at 200 dpi.
        for y in [100, 200, 300] {
            draw_rect(&mut img, 100, y, 700, y + 2);
        }
        for x in [100, 400, 700] {
            draw_rect(&mut img, x, 100, x + 2, 302);
        }
        // "Text": short strokes inside the cells.
        draw_rect(&mut img, 150, 140, 175, 143);
        draw_rect(&mut img, 160, 130, 163, 170);
        let rules = find_rules(&binarize(&img, 25), &Scale::for_dpi(200.0));
        let h: Vec<_> = rules.iter().filter(|r| r.horizontal).collect();
        let v: Vec<_> = rules.iter().filter(|r| !r.horizontal).collect();
        assert_eq!(h.len(), 3, "{rules:?}");
        assert_eq!(v.len(), 3, "{rules:?}");
        assert!(h.iter().all(|r| r.a0 <= 101 && r.a1 >= 700));
        assert!((h[1].at - 200.5).abs() <= 1.0);
    }

    #[test]
    fn a_broken_rule_is_one_rule() {
        let mut img = Gray::blank(600, 100);
        draw_rect(&mut img, 20, 50, 300, 52);
        draw_rect(&mut img, 302, 50, 580, 52);
        let rules = find_rules(&binarize(&img, 25), &Scale::for_dpi(200.0));
        assert_eq!(rules.len(), 1, "{rules:?}");
        assert_eq!((rules[0].a0, rules[0].a1), (20, 580));
    }

    #[test]
    fn a_short_border_between_long_rules_is_kept() {
        let mut img = Gray::blank(600, 400);
        draw_rect(&mut img, 50, 50, 550, 52);
        draw_rect(&mut img, 50, 350, 550, 352);
        draw_rect(&mut img, 50, 50, 52, 352);
        draw_rect(&mut img, 548, 50, 550, 352);
        // A vertical piece 60 px long (shorter than a lone rule must be)
        // between two long horizontal rules, and a stroke as long that
        // meets nothing.
        draw_rect(&mut img, 50, 200, 550, 202);
        draw_rect(&mut img, 50, 260, 550, 262);
        draw_rect(&mut img, 300, 200, 302, 262);
        draw_rect(&mut img, 420, 280, 422, 340);
        let rules = find_rules(&binarize(&img, 25), &Scale::for_dpi(200.0));
        assert!(
            rules
                .iter()
                .any(|r| !r.horizontal && (r.at - 300.5).abs() < 1.0),
            "{rules:?}"
        );
        assert!(
            !rules
                .iter()
                .any(|r| !r.horizontal && (r.at - 420.5).abs() < 1.0),
            "{rules:?}"
        );
    }
}
