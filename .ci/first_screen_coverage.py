"""The code of a route's first-screen modules that ran before its first
screen, and the largest that did not (.ci/first-screen-coverage).

    first_screen_coverage.py DIST TRACE ROUTE [N]

DIST is a build that keeps its function names (KEEP_NAMES=1 .ci/build);
TRACE a Chrome trace of one cold load of ROUTE with V8's wasm categories
(tests/e2e/bench/coverage.mjs). A function ran when V8 compiled it: its
`wasm.CompileBaseline` event gives its index and body size, which must
match a function of one of the route's modules (indices alone repeat
across modules; with the size, a false match is rare and only flatters
the 'ran' column)."""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dist import code_bodies, function_names, imported_function_count, sections  # noqa: E402


def body_sizes(wasm: bytes) -> list:
    """The size of each defined function's body, in index order."""
    return [end - body for section, _, i, _ in sections(wasm) if section == 10 for _, body, end in code_bodies(wasm, i)]


def readable(name: str) -> str:
    """A v0-mangled Rust name as its identifiers (crude, for a table)."""
    words, i = [], 0
    while i < len(name):
        m = re.match(r"(\d+)_?", name[i:])
        if m and i > 0 and not name[i - 1].isdigit():
            length = int(m.group(1))
            start = i + len(m.group(0))
            word = name[start:start + length]
            if length > 1 and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", word):
                words.append(word)
                i = start + length
                continue
        i += 1
    common = {"core", "alloc", "std"}
    return "::".join(w for w in words if w not in common) or name


# The crates a function's name is credited to, first match wins: a
# generic of one crate made for another's types names both, and the
# outer crate (the one whose code it is) is listed first.
CRATES = ("leptos_router", "reactive_graph", "tachys", "leptos", "wasm_bindgen", "js_sys", "web_sys",
          "serde_json", "serde", "gloo", "hashbrown", "indexmap", "dlmalloc", "futures", "wasm_split",
          "profile_model", "profile_app")


def crate_of(name: str) -> str:
    """The crate credited with a function, from its mangled name (see
    CRATES), or 'other': core, alloc, std and the like."""
    return next((c for c in CRATES if c in name), "other")


def main(dist: Path, trace_path: Path, route: str, rows: int) -> None:
    trace = json.loads(trace_path.read_text())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    ran = {(e["args"]["funcIndex"], e["args"]["bodySize"]) for e in events if e.get("name") == "wasm.CompileBaseline"}
    if not ran:
        sys.exit("first-screen-coverage: the trace has no wasm.CompileBaseline events")
    modules = [f for f in json.loads((dist / "routes.json").read_text())[route] if f.endswith(".wasm")]
    print(f"## {route}: code of the modules fetched before its first screen\n")
    print("| module | code B | ran B | ran |\n|---|---:|---:|---:|")
    unrun, total, total_ran = [], 0, 0
    by_crate, ran_by_crate = {}, {}
    for module in modules:
        wasm = (dist / module).read_bytes()
        names, first = function_names(wasm), imported_function_count(wasm)
        sizes = body_sizes(wasm)
        ran_here = 0
        for k, size in enumerate(sizes):
            raw = names.get(first + k, "?")
            name, crate = readable(raw), crate_of(raw)
            by_crate[crate] = by_crate.get(crate, 0) + size
            if (first + k, size) in ran:
                ran_here += size
                ran_by_crate[crate] = ran_by_crate.get(crate, 0) + size
            else:
                unrun.append((size, module.rsplit("-", 1)[0], name))
        total, total_ran = total + sum(sizes), total_ran + ran_here
        print(f"| {module} | {sum(sizes):,} | {ran_here:,} | {100 * ran_here / max(1, sum(sizes)):.0f}% |")
    print(f"| all | {total:,} | {total_ran:,} | {100 * total_ran / max(1, total):.0f}% |\n")
    # What V8 compiled on the way to the screen, by crate: the code that
    # ran is what the main thread compiles lazily before the screen shows.
    print("## The code that ran, by crate\n\n| crate | code B | ran B |\n|---|---:|---:|")
    for crate, size in sorted(ran_by_crate.items(), key=lambda kv: -kv[1]):
        print(f"| {crate} | {by_crate[crate]:,} | {size:,} |")
    print()
    print(f"## The largest functions that did not run ({rows})\n\n| bytes | module | function |\n|---:|---|---|")
    for size, module, name in sorted(unrun, reverse=True)[:rows]:
        print(f"| {size:,} | {module} | `{name[-150:]}` |")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 40)
