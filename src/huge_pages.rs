//! The window's process takes its memory in ordinary 4 KiB pages, never in
//! 2 MiB transparent huge pages.
//!
//! mimalloc reserves its arena with `madvise(MADV_HUGEPAGE)`. Where the
//! system gives huge pages to regions that ask (`madvise`, the setting of
//! most distributions), the first touch of each fresh 2 MiB of the arena
//! clears all of it at once, in whichever thread touched it. While a folder
//! of 10,000 reports was read, those were 7–20 frames a run of the window's
//! thread over 4 ms, up to 21 ms (a hash map, a list or egui's memory
//! growing into fresh memory); in 4 KiB pages the same memory is taken a
//! page at a time, and 1–3 frames a run were over 4 ms (see README, Speed).
//! `nianbao parse` keeps huge pages: nothing there waits on one allocation.

/// Turns transparent huge pages off for this process, for memory already
/// reserved too (the kernel checks at each fault). Where the system has no
/// such switch (an old kernel, another system), nothing changes.
pub fn disable_for_this_process() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn turning_huge_pages_off_is_seen_by_the_kernel() {
        super::disable_for_this_process();
        assert_eq!(
            rustix::thread::transparent_huge_pages_are_disabled().ok(),
            Some(true)
        );
    }
}
