#!/usr/bin/env bash
# Fuzzes the readers: each target for SECONDS (default 600), from a corpus
# seeded with the project's fixtures, inputs over 2 s counted as failures.
#   cargo install cargo-fuzz; bash fuzz/run.sh [SECONDS] [TARGET…]
# cargo fuzz needs nightly flags; on a stable toolchain RUSTC_BOOTSTRAP=1
# lets it through. Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_text parse_html parse_docx parse_pdf decode_image)
fixtures=../tests/fixtures
for t in "${targets[@]}"; do
    corpus=corpus/$t
    mkdir -p "$corpus"
    case $t in
        parse_text) cp "$fixtures"/seeds/*.txt "$fixtures"/variants/*.txt "$fixtures"/flat/*.txt "$corpus"/ ;;
        parse_html) cp "$fixtures"/formats/*.html "$corpus"/ ;;
        parse_docx) cp "$fixtures"/formats/*.docx "$corpus"/ ;;
        parse_pdf) cp "$fixtures"/formats/*.pdf "$corpus"/ ;;
        # Small images (ImageMagick): every format and TIFF kind the
        # decoder takes, so the fuzzer starts inside each.
        decode_image)
            for s in "$fixtures"/scans/*.png; do
                b=$corpus/$(basename "$s" .png)
                convert "$s" -resize 120x "$b.png"
                convert "$s" -resize 120x -quality 60 "$b.jpg"
                convert "$s" -resize 120x -colorspace Gray -depth 8 "$b.gray.tif"
                convert "$s" -resize 120x -monochrome -compress Group4 "$b.fax.tif"
                convert "$s" -resize 120x "$s" -resize 80x "$b.pages.tif"
            done ;;
    esac
done
for t in "${targets[@]}"; do
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --release "$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=2 -rss_limit_mb=4096 -print_final_stats=1
done
