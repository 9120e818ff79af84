//! Background threads of the window run below the window's own thread.
//!
//! On two cores, a folder's parsing keeps both busy; at the same priority
//! the window's thread waited for a core in the middle of a frame (a frame
//! measured 14 ms of wall time for 3 results applied). Lowered, the
//! parsing still takes every core the window leaves idle. `nianbao parse`
//! keeps its threads at the normal priority: nothing waits on it.

/// Lowers the calling thread to the lowest priority of its scheduling
/// policy (nice 19 on Linux). Lowering needs no privilege; where the system
/// refuses anyway, the thread keeps its priority, as before this existed.
pub fn lower_this_thread() {
    let _ = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
}

/// Makes rayon's global pool, which parses a folder's files, with its
/// threads lowered. Called by the window before anything uses rayon; if
/// the pool exists already, it is left as it is.
pub fn lower_parsing_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| lower_this_thread())
        .build_global();
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The calling thread's nice value, from the kernel's own account.
    fn nice() -> i32 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
        // Fields after the command's name in parentheses: state is field 3,
        // nice field 19.
        let rest = &stat[stat.rfind(')').expect("comm") + 2..];
        rest.split(' ')
            .nth(19 - 3)
            .expect("nice")
            .parse()
            .expect("number")
    }

    #[test]
    fn a_lowered_thread_runs_below_the_others() {
        let before = nice();
        let lowered = std::thread::spawn(|| {
            super::lower_this_thread();
            nice()
        })
        .join()
        .expect("thread");
        assert_eq!(lowered, 19);
        assert_eq!(nice(), before, "the calling thread keeps its priority");
    }
}
