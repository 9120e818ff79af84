//! Parses the given files N times in a loop: a steady workload for
//! profilers (`valgrind --tool=callgrind`), which see no criterion noise.
//! Prints the CPU time per parse (from /proc/self/stat, so other processes
//! on a busy machine count less than in wall time).
//! `cargo run --release --no-default-features --example parse_loop -- N FILE…`

/// The allocator the binary uses (see Cargo.toml), so that this measures
/// what `nianbao parse` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second here).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let files: Vec<(String, Vec<u8>)> = args
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable file");
            (p, bytes)
        })
        .collect();
    let mut checks = 0usize;
    let start = cpu_seconds();
    for _ in 0..n {
        for (name, bytes) in &files {
            if let Ok(parsed) = nianbao::parse_bytes(name, bytes) {
                checks += parsed.report.checks.len();
            }
        }
    }
    if let (Some(a), Some(b)) = (start, cpu_seconds()) {
        let parses = (n * files.len()).max(1) as f64;
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        println!(
            "{checks} checks; {:.1} µs CPU per parse, {:.0} MB/s",
            (b - a) / parses * 1e6,
            (bytes * n) as f64 / (b - a) / 1e6
        );
    }
}
