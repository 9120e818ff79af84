#!/usr/bin/env python3
"""Rebuild NotoSansSC-subset.otf: Noto Sans CJK SC Regular cut down to the
GB2312 character set (hanzi and symbol rows), ASCII, CJK punctuation and every
character used by the template, the embedded sample report and the
program's own strings.

Needs Debian's fonts-noto-cjk and `pip install fonttools`. Run from the repo
root: python3 assets/fonts/make_subset.py
"""
import pathlib
import subprocess

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_FONT_NUMBER = "2"  # index of "Noto Sans CJK SC" in the collection
OUT = pathlib.Path("assets/fonts/NotoSansSC-subset.otf")

chars = set(chr(c) for c in range(0x20, 0x7F))
# GB2312: rows 0xA1-0xA9 are symbols, 0xB0-0xF7 the 6763 hanzi.
for hi in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8)):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
sources = [
    pathlib.Path("assets/template.tsv"),
    *pathlib.Path("assets/sample").glob("*.txt"),  # the embedded sample report
    *pathlib.Path("src").rglob("*.rs"),
]
for path in sources:
    chars.update(path.read_text(encoding="utf-8"))
chars = sorted(c for c in chars if c.isprintable() or c == " ")

text_file = pathlib.Path("target/font-subset-chars.txt")
text_file.parent.mkdir(exist_ok=True)
text_file.write_text("".join(chars), encoding="utf-8")
subprocess.run(
    [
        "pyftsubset", SOURCE, f"--font-number={SC_FONT_NUMBER}",
        f"--text-file={text_file}", f"--output-file={OUT}",
        "--layout-features=*", "--no-hinting", "--desubroutinize",
    ],
    check=True,
)
print(OUT, OUT.stat().st_size, "bytes,", len(chars), "characters")
