//! Files the program writes: always all or nothing.

pub mod atomic;
