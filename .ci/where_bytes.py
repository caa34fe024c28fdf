#!/usr/bin/env python3
"""Prints .ci/where-bytes' tables: per module, its shipped brotli size, its
largest items and its bytes by crate (twiggy's CSV of a named -Oz copy).

    where_bytes.py DIST OPT_DIR N
"""
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

WORKSPACE = {"profile_app", "profile_model"}


def crate_of(name: str) -> str:
    """The crate a twiggy item belongs to: the first path of its
    (demangled) name; `drop_in_place<T>` and `<T as Trait>` go to T's."""
    if re.match(r"^(data|elem|type|table|global|memory|import|export|custom|code|start)\b", name) or name.startswith('"'):
        return "[" + re.split(r"[\[\s]", name)[0] + "]"
    name = re.sub(r"^(core::ptr::drop_in_place|core::mem::drop)<", "<", name)
    name = name.lstrip("<&*( ")
    name = re.sub(r"^((const|mut|dyn|impl|_ as)\s+)+", "", name).lstrip("<&*( ")
    found = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::", name)
    if found:
        return found.group(1)
    # A v0-mangled name twiggy left as is: its first crate (`C…_5alloc`).
    mangled = re.match(r"_R\w*?C(?:s[0-9A-Za-z]*_)?(\d+)", name)
    if mangled:
        start = mangled.end()
        return name[start:start + int(mangled.group(1))]
    if name.startswith("__wasm_split_00"):
        return "[split entry: the module's on_demand! function]"
    if re.match(r"^(__wbg|__wbindgen|__externref|wasm_bindgen)", name):
        return "[wasm-bindgen glue]"
    return "[" + name.split("(")[0][:40] + "]"


def module_of(name: str, crate: str) -> str:
    """`profile_app::api::renew` for a workspace item: crate + first module."""
    name = re.sub(r"\[[0-9a-f]+\]::", "::", name)
    name = re.sub(r"^(core::ptr::drop_in_place|core::mem::drop)<", "<", name).lstrip("<&*( ")
    parts = re.match(rf"{crate}::([a-z_][a-z0-9_]*)(::([a-z_][a-z0-9_]*))?", name)
    if not parts:
        return crate
    first, second = parts.group(1), parts.group(3)
    # Deeper paths name a module only when the next segment is lower case
    # and followed by more path (not a function of the first module).
    if second and re.match(rf"{crate}::{first}::{second}::", name):
        return f"{crate}::{first}::{second}"
    return f"{crate}::{first}"


def read_items(path: Path):
    items = []
    with path.open() as f:
        for row in csv.DictReader(f):
            name = row["Name"]
            # Names are not shipped (wasm-opt without -g drops them).
            if name.startswith("Σ") or name.startswith("... and") or re.match(r'^"\w+ names" subsection', name):
                continue
            items.append((name, int(row["ShallowSize"])))
    return items


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def short(name: str, width: int = 90) -> str:
    name = re.sub(r"\[[0-9a-f]+\]::", "::", name)
    return name if len(name) <= width else name[: width - 1] + "…"


def order(stem: str):
    if stem == "profile-app_bg":
        return (0, 0, stem)
    if stem.startswith("split_"):
        return (1, 0, stem)
    number = re.search(r"\d+", stem)
    return (2, int(number.group()) if number else 0, stem)


def main(dist: Path, opt: Path, n: int) -> None:
    shipped = {}
    for f in dist.glob("*.wasm"):
        stem = re.sub(r"-[0-9a-f]{10}$", "", f.stem)
        shipped[stem] = f
    routes = json.loads((dist / "routes.json").read_text())
    print("## Routes (brotli of each route's wasm modules)\n")
    for route, files in routes.items():
        wasm = [f for f in files if f.endswith(".wasm")]
        total = sum((dist / (f + ".br")).stat().st_size for f in wasm)
        names = ", ".join(re.sub(r"-[0-9a-f]{10}\.wasm$", "", f) for f in wasm)
        print(f"- `{route}`: {kb(total)} in {len(wasm)} modules ({names})")
    print()
    for csv_path in sorted(opt.glob("*.csv"), key=lambda p: order(p.stem)):
        stem = csv_path.stem
        items = read_items(csv_path)
        total = sum(size for _, size in items)
        br = (shipped[stem].with_name(shipped[stem].name + ".br")).stat().st_size if stem in shipped else 0
        raw = shipped[stem].stat().st_size if stem in shipped else 0
        print(f"## {stem}: {br:,} B brotli ({kb(br)}), {raw:,} B shipped, {total:,} B of items (names dropped)\n")
        if not items:
            print("No code section (twiggy cannot read it): its sizes only.\n")
            continue
        by_crate = Counter()
        by_module = Counter()
        for name, size in items:
            crate = crate_of(name)
            by_crate[crate] += size
            if crate in WORKSPACE:
                by_module[module_of(name, crate)] += size
        rows = max(n, 3) if stem.startswith("profile-app") or stem.startswith("split_") or total > 20000 else min(n, 5)
        print("| crate | bytes | share |\n|---|---:|---:|")
        for crate, size in by_crate.most_common(rows):
            print(f"| {crate} | {size:,} | {100 * size / total:.1f}% |")
        print()
        if by_module and stem.startswith("profile-app"):
            print("| workspace module | bytes |\n|---|---:|")
            for module, size in by_module.most_common(2 * rows):
                print(f"| {module} | {size:,} |")
            print()
        print("| item | bytes |\n|---|---:|")
        for name, size in sorted(items, key=lambda i: -i[1])[:rows]:
            print(f"| `{short(name).replace('|', '/')}` | {size:,} |")
        print()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
