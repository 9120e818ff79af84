#!/usr/bin/env python3
"""CPU time per PDF report: pdfplumber extracting every page's tables versus
`nianbao parse` reading the whole report (text, tables, rules, JSON out).

    pip install pdfplumber
    cargo build --release --no-default-features
    python3 bench/pdf_vs_pdfplumber.py [--bin target/release/nianbao] [PDF ...]

With no PDF given, the committed fixtures are timed. Each tool runs every
file ROUNDS times; the figure is the median CPU seconds per file.

Two figures for nianbao:
- per process: as a user runs it on one file (`nianbao parse --jobs 1
  FILE`), process start-up and JSON output included; pdfplumber's figure
  leaves out Python's start-up and imports, so this one is unfair to nianbao.
- in process: one process reads the file REPEAT times (`nianbao parse
  --jobs 1 --no-cross-year FILE FILE …`), CPU divided by REPEAT: start-up
  spread thin, as pdfplumber is timed, JSON output still included.
For the reader's stages alone: `cargo run --release --no-default-features
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
REPEAT = 50


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


def time_nianbao_in_process(binary, path):
    times = []
    for _ in range(max(3, ROUNDS // 3)):
        start = child_cpu()
        run([binary, "parse", "--jobs", "1", "--no-cross-year"] + [path] * REPEAT)
        times.append((child_cpu() - start) / REPEAT)
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
    print(f"{'file':28} {'pdfplumber ms':>14} {'tables':>6} {'nianbao/process':>16} "
          f"{'speed-up':>9} {'nianbao/in-process':>19} {'speed-up':>9}")
    ratios, ratios_in = [], []
    for path in pdfs:
        plumber, n_tables = time_pdfplumber(path)
        nb = time_nianbao(args.bin, path)
        nb_in = time_nianbao_in_process(args.bin, path)
        ratio = plumber / nb if nb > 0 else float("inf")
        ratio_in = plumber / nb_in if nb_in > 0 else float("inf")
        ratios.append(ratio)
        ratios_in.append(ratio_in)
        print(f"{os.path.basename(path):28} {plumber * 1e3:14.1f} {n_tables:6d} "
              f"{nb * 1e3:13.1f} ms {ratio:8.1f}x {nb_in * 1e3:16.1f} ms {ratio_in:8.1f}x")
    print(f"median speed-up, CPU, one nianbao process per file (start-up included): "
          f"{statistics.median(ratios):.1f}x")
    print(f"median speed-up, CPU, in process (as pdfplumber is timed): "
          f"{statistics.median(ratios_in):.1f}x")


if __name__ == "__main__":
    main()
