//! Parses the given files N times in a loop: a steady workload for
//! profilers (`valgrind --tool=callgrind`), which see no criterion noise.
//! `cargo run --release --no-default-features --example parse_loop -- N FILE…`
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let files: Vec<(String, Vec<u8>)> = args
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable file");
            (p, bytes)
        })
        .collect();
    let mut cells = 0usize;
    for _ in 0..n {
        for (name, bytes) in &files {
            if let Ok(parsed) = nianbao::parse_bytes(name, bytes) {
                cells += parsed.report.checks.len();
            }
        }
    }
    println!("{cells}");
}
