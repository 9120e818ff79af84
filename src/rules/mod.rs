//! The consistency rules (勾稽关系) and what follows from them:
//!
//! - [`report`]: the rules within one report, run by the parser and again
//!   after every correction;
//! - [`cross_year`]: the advisory rules between one agency's reports for
//!   consecutive years, matched by [`agency`];
//! - [`repair`]: corrections proposed where exactly one change makes a
//!   failing rule pass.
//!
//! Every comparison of two amounts uses [`same`], with one tolerance.

pub mod agency;
pub mod cross_year;
pub mod names;
pub mod repair;
pub mod report;

/// Amounts closer than this are equal: the tables hold counts and money
/// with at most a few decimals, and sums of decimals are not exact in
/// floating point.
pub const TOLERANCE: f64 = 1e-6;

/// Two amounts are the same within [`TOLERANCE`].
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < TOLERANCE
}

/// `a` is at most `b`, within [`TOLERANCE`].
pub fn at_most(a: f64, b: f64) -> bool {
    a <= b + TOLERANCE
}
