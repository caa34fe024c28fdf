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
    for module in modules:
        wasm = (dist / module).read_bytes()
        names, first = function_names(wasm), imported_function_count(wasm)
        sizes = body_sizes(wasm)
        ran_here = 0
        for k, size in enumerate(sizes):
            if (first + k, size) in ran:
                ran_here += size
            else:
                unrun.append((size, module.rsplit("-", 1)[0], readable(names.get(first + k, "?"))))
        total, total_ran = total + sum(sizes), total_ran + ran_here
        print(f"| {module} | {sum(sizes):,} | {ran_here:,} | {100 * ran_here / max(1, sum(sizes)):.0f}% |")
    print(f"| all | {total:,} | {total_ran:,} | {100 * total_ran / max(1, total):.0f}% |\n")
    print(f"## The largest functions that did not run ({rows})\n\n| bytes | module | function |\n|---:|---|---|")
    for size, module, name in sorted(unrun, reverse=True)[:rows]:
        print(f"| {size:,} | {module} | `{name[-150:]}` |")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 40)
