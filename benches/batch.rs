//! Batch benchmark: a generated corpus of 10,000 reports (written to a
//! temporary folder from the test fixtures, with agencies and years varied
//! so that cross-year pairs exist), parsed with `nianbao::batch::run` into
//! JSON Lines. Prints reports per second and peak memory.
//!
//!     cargo bench --no-default-features --bench batch [-- N]

/// The allocator the binary uses (see Cargo.toml), so that this measures
/// what `nianbao parse` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use nianbao::batch::{self, Options, Outcome};

fn fixtures() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = Vec::new();
    for dir in ["seeds", "variants"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(t) = String::from_utf8(std::fs::read(&p).unwrap()) {
                    texts.push(t);
                }
            }
        }
    }
    texts.sort();
    texts
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("nianbao-batch-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let texts = fixtures();
    let places = [
        "东城区",
        "西城区",
        "朝阳区",
        "海淀区",
        "丰台区",
        "石景山区",
        "门头沟区",
        "房山区",
        "通州区",
        "顺义区",
    ];
    let start = Instant::now();
    let files: Vec<PathBuf> = (0..n)
        .map(|i| {
            // Vary agency and year so that one agency has consecutive years.
            let text = &texts[i % texts.len()];
            let place = format!("{}{}", places[i % places.len()], i / 40);
            let text = text.replacen("县", &format!("县{place}"), 1);
            let p = dir.join(format!("{i:05}.txt"));
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    eprintln!(
        "generated {n} reports ({:.1} MB) in {:.2?}",
        bytes as f64 / 1e6,
        start.elapsed()
    );
    let before = peak_rss_kib();
    for cross_year in [false, true] {
        let out = std::fs::File::create(dir.join("out.jsonl")).unwrap();
        let mut out = std::io::BufWriter::new(out);
        let cancel = AtomicBool::new(false);
        let start = Instant::now();
        let mut failed = 0usize;
        batch::run(
            &files,
            Options {
                cross_year,
                ..Default::default()
            },
            &cancel,
            &|_, _, _| {},
            |o: Outcome| {
                if let Outcome::Failed { .. } = &o {
                    failed += 1;
                }
                match &o {
                    Outcome::Parsed(r) => {
                        serde_json::to_writer(&mut out, r).map_err(std::io::Error::from)?
                    }
                    Outcome::Failed { file, reason } => write!(
                        out,
                        "{{\"error\":{{\"file\":{file:?},\"reason\":{reason:?}}}}}"
                    )?,
                }
                out.write_all(b"\n")
            },
        )
        .unwrap();
        out.flush().unwrap();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "batch cross_year={cross_year}: {n} reports in {secs:.2} s = {:.0} reports/s ({:.1} MB/s), {failed} unreadable, peak RSS {} MiB (before the run {} MiB), {} threads",
            n as f64 / secs,
            bytes as f64 / 1e6 / secs,
            peak_rss_kib().unwrap_or(0) / 1024,
            before.unwrap_or(0) / 1024,
            rayon::current_num_threads(),
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
