#!/usr/bin/env python3
"""CPU time per PDF report: pdfplumber extracting every page's tables versus
`nianbao parse` reading the whole report (text, tables, rules, JSON out).

    pip install pdfplumber
    cargo build --release --no-default-features
    python3 bench/pdf_vs_pdfplumber.py [--bin target/release/nianbao] [PDF ...]

With no PDF given, the committed fixtures are timed. Each tool runs every
file ROUNDS times; the figure is the median CPU seconds per file. nianbao
is timed as a user runs it, one process per file (`nianbao parse --jobs 1
FILE`), so its figure includes process start-up and the JSON output. For
the reader alone in-process: `cargo run --release --no-default-features
--example pdf_time FILE…`.
"""
import argparse
import glob
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = 10


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_pdfplumber(path):
    import pdfplumber

    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        with pdfplumber.open(path) as pdf:
            tables = [t for page in pdf.pages for t in page.extract_tables()]
        times.append(time.process_time() - start)
    return statistics.median(times), len(tables)


def run(cmd):
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def time_nianbao(binary, path):
    times = []
    for _ in range(ROUNDS):
        start = child_cpu()
        run([binary, "parse", "--jobs", "1", path])
        times.append(child_cpu() - start)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    default_bin = os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "nianbao")
    ap.add_argument("--bin", default=default_bin)
    ap.add_argument("pdfs", nargs="*")
    args = ap.parse_args()
    pdfs = args.pdfs or sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/formats/*.pdf")))
    if not os.path.exists(args.bin):
        sys.exit(f"no binary at {args.bin}: cargo build --release --no-default-features")
    print(f"{'file':32} {'pdfplumber ms':>14} {'tables':>6} {'nianbao ms':>11} {'speed-up':>9}")
    ratios = []
    for path in pdfs:
        plumber, n_tables = time_pdfplumber(path)
        nb = time_nianbao(args.bin, path)
        ratio = plumber / nb if nb > 0 else float("inf")
        ratios.append(ratio)
        print(f"{os.path.basename(path):32} {plumber * 1e3:14.1f} {n_tables:6d} "
              f"{nb * 1e3:11.1f} {ratio:8.1f}x")
    print(f"median speed-up (CPU, nianbao start-up included): {statistics.median(ratios):.1f}x")


if __name__ == "__main__":
    main()
