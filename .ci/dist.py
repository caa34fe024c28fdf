#!/usr/bin/env python3
"""Assembles dist/ from the split, bindgen'd and optimised build (.ci/build).

    dist.py WORK DIST

WORK holds what wasm-split-cli and wasm-bindgen wrote (profile-app.js,
profile-app_bg.wasm, __wasm_split.js, split_*.wasm, chunk_*.wasm). Every
code file gets a content hash in its name (so a deploy never mixes old and
new modules, and hosts may cache them forever), is minified by esbuild and
referenced by its new name. The glue, the split loader and the start-up
are bundled into one module, profile-app-HASH.js. index.html is the Trunk entry with its
data-trunk links replaced by the built files: no inline script, so the
CSP needs no hash. routes.json says which files each landing route needs
before it works; boot.js preloads them and .ci/size-budget weighs them.
after-first-screen.json says which a route fetches once that is painted.
"""
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "profile-app"
# Landing route -> the on_demand! module its page lives in (src/pages/*).
# "*" is every other address: the not-found page.
ROUTE_MODULES = {"/sign-in": "sign_in", "/profile": "profile", "/settings": "settings", "*": "not_found"}
# Landing route -> the modules its page asks for once its first screen is
# painted (a form's checks, Save, drafts: src/pages/form_behaviour.rs).
# Not preloaded and not in routes.json's bytes: they are off the critical
# path. after-first-screen.json lists their files.
ROUTE_AFTER = {"/profile": ["form_behaviour"], "/settings": ["form_behaviour"]}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def hashed(name: str, data: bytes) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-{digest(data)}.{ext}"


def esbuild(*args: str) -> None:
    subprocess.run(["esbuild", "--log-level=error", *args], check=True)


def minify_js(source: str, dist: Path) -> bytes:
    tmp = dist / ".tmp.js"
    tmp.write_text(source)
    esbuild(str(tmp), "--minify", "--format=esm", "--target=es2022", f"--outfile={tmp}", "--allow-overwrite")
    data = tmp.read_bytes()
    tmp.unlink()
    return data


def bundle_js(sources: dict, entry: str, dist: Path) -> bytes:
    """`sources` (file name -> ES module text, importing each other by
    "./name") bundled from `entry` into one minified module."""
    tmp = dist / ".bundle"
    tmp.mkdir()
    for name, text in sources.items():
        (tmp / name).write_text(text)
    out = tmp / "out.js"
    esbuild(str(tmp / entry), "--bundle", "--minify", "--format=esm", "--target=es2022", f"--outfile={out}")
    data = out.read_bytes()
    shutil.rmtree(tmp)
    return data


def emit(dist: Path, name: str, data: bytes) -> str:
    final = hashed(name, data)
    (dist / final).write_bytes(data)
    return final


def split_loader_modules(loader_js: str):
    """From __wasm_split.js: each split module's own file and the shared
    chunk files it waits for, by module name."""
    chunk_files = {}
    for var, body in re.findall(r"const (__chunk_\d+) = makeLoad\((.*?), \[\]\);", loader_js, re.S):
        found = re.search(r'"\./([^"]+\.wasm)"', body)
        chunk_files[var] = found.group(1) if found else None
    modules = {}
    pattern = r"export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\((.*?), \[([^\]]*)\]\)\)"
    for name, body, deps in re.findall(pattern, loader_js, re.S):
        own = re.search(r'"\./([^"]+\.wasm)"', body)
        files = [own.group(1)] if own else []
        files += [chunk_files[d.strip()] for d in deps.split(",") if d.strip() and chunk_files.get(d.strip())]
        modules[name] = files
    return modules


def sorted_main_shares(loader_js: str) -> str:
    """wasm-split-cli lists the main module's shared exports (memory, the
    function table, __wasm_split_sharedN) from a hash map, so their order in
    the loader changes from one run to the next, and with it every content
    hash downstream. Their order means nothing (object destructuring and
    Object.assign by name): sort them, so one commit builds one dist/."""
    def sort_names(m: re.Match) -> str:
        names = sorted(n.strip() for n in m.group(2).split(",") if n.strip())
        return f"{m.group(1)}{{ {', '.join(names)} }}{m.group(3)}"
    patterns = [
        r"(const )\{([^}]*)\}( = initSync\()",
        r"(Object\.assign\(sharedImports\.__wasm_split, )\{([^}]*)\}(\))",
    ]
    for pattern in patterns:
        loader_js, found = re.subn(pattern, sort_names, loader_js)
        if found != 1:
            sys.exit(f"dist.py: expected one {pattern!r} in the split loader, found {found}; check wasm-split-cli's output")
    return loader_js


def uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def read_uleb(data: bytes, i: int):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(wasm: bytes):
    """Each section of `wasm`: (id, its header's start, its body's start, its end)."""
    i = 8
    while i < len(wasm):
        section, start = wasm[i], i
        size, i = read_uleb(wasm, i + 1)
        yield section, start, i, i + size
        i += size


def with_section(wasm: bytes, section_id: int, rewrite) -> bytes:
    """`wasm` with the body of its section `section_id` replaced by
    `rewrite(wasm, start, end)` (the body's bounds in `wasm`)."""
    out = bytearray(wasm[:8])
    for section, start, body, end in sections(wasm):
        if section == section_id:
            new_body = rewrite(wasm, body, end)
            out += bytes([section_id]) + uleb(len(new_body)) + new_body
        else:
            out += wasm[start:end]
    return bytes(out)


def import_entries(wasm: bytes, i: int):
    """Each entry of the import section whose body starts at `i`: (module,
    name, kind, where its descriptor starts, where the entry ends)."""
    count, j = read_uleb(wasm, i)
    for _ in range(count):
        length, j = read_uleb(wasm, j)
        mod, j = wasm[j:j + length], j + length
        length, j = read_uleb(wasm, j)
        name, j = wasm[j:j + length].decode(), j + length
        desc = j
        kind, j = wasm[j], j + 1
        if kind == 0:  # function: type index
            _, j = read_uleb(wasm, j)
        elif kind in (1, 2):  # table (reftype, limits) or memory (limits)
            j += kind == 1
            flags, j = wasm[j], j + 1
            _, j = read_uleb(wasm, j)
            if flags & 1:
                _, j = read_uleb(wasm, j)
        elif kind == 3:  # global: valtype, mutability
            j += 2
        else:
            sys.exit(f"dist.py: import kind {kind} in a module; teach import_entries")
        yield mod, name, kind, desc, j


def code_bodies(wasm: bytes, i: int):
    """Each function of the code section whose body starts at `i`: (where
    its entry starts, where its body starts, where it ends)."""
    count, j = read_uleb(wasm, i)
    for _ in range(count):
        entry = j
        size, j = read_uleb(wasm, j)
        yield entry, j, j + size
        j += size


def short_import_names(wasm: bytes, glue: str, module: str):
    """wasm-bindgen names each JS import `__wbg_<name>_<16 hex digits>`,
    once in the main module's import section and once as a key of the
    glue's imports object: 265 names whose hashes brotli cannot shrink
    (-3.7 KB of the main module, -2.7 KB of the glue before minifying).
    Both sides are renamed to `w<index>`; the imports bind by that name
    alone. Any name not found exactly once as a key stops the build."""
    renames = {}

    def renamed(wasm: bytes, i: int, end: int) -> bytes:
        count, j = read_uleb(wasm, i)
        body = bytearray(uleb(count))
        for mod, name, _, desc, j in import_entries(wasm, i):
            if mod.decode() == module:
                renames[name] = f"w{len(renames):x}"
                name = renames[name]
            body += uleb(len(mod)) + mod + uleb(len(name.encode())) + name.encode() + wasm[desc:j]
        if j != end:
            sys.exit("dist.py: the main module's import section did not parse to its end")
        return bytes(body)

    out = with_section(wasm, 2, renamed)
    for old, new in renames.items():
        glue, found = re.subn(rf"\b{re.escape(old)}:", f"{new}:", glue)
        if found != 1 or re.search(rf"\b{re.escape(old)}\b", glue):
            sys.exit(f"dist.py: the import {old} is not one key of the glue's imports object")
    return out, glue


# wasm-streams' classes: leptos' `csr` feature turns on server_fn's
# `browser`, which links wasm-streams, whose #[wasm_bindgen] classes are
# exports (so roots) although this app has no server functions and never
# makes one. Dropped before wasm-opt, which then drops their code.
STREAM_EXPORT = re.compile(r"(__wbg_)?intounderlying(bytesource|sink|source)_\w+")
STREAM_CLASS = re.compile(
    r"export class IntoUnderlying(ByteSource|Sink|Source) \{.*?\n\}\n"
    r"if \(Symbol\.dispose\) IntoUnderlying\1\.prototype\[Symbol\.dispose\] = IntoUnderlying\1\.prototype\.free;\n"
    r"|const IntoUnderlying(ByteSource|Sink|Source)Finalization = .*?\n.*?\n.*?;\n",
    re.S,
)


def without_exports(wasm: bytes, dropped) -> bytes:
    def kept(wasm: bytes, i: int, end: int) -> bytes:
        count, j = read_uleb(wasm, i)
        kept, entries = 0, bytearray()
        for _ in range(count):
            entry = j
            length, j = read_uleb(wasm, j)
            name, j = wasm[j:j + length].decode(), j + length
            j += 1  # kind
            _, j = read_uleb(wasm, j)
            if not dropped(name):
                kept += 1
                entries += wasm[entry:j]
        return uleb(kept) + entries

    return with_section(wasm, 7, kept)


# What the stream classes' methods run (their futures and closures, named
# for wasm-streams' readable and writable modules): reached only through
# those classes, so only through the exports `prune` drops; kept alive by
# the function table all the same.
STREAM_CODE = re.compile(r"12wasm_streams(8readable|8writable)")
UNREACHABLE_BODY = bytes([0x00, 0x00, 0x0B])  # no locals; unreachable; end


def function_names(wasm: bytes) -> dict:
    """Function index -> name, from the name section (the build keeps it
    until wasm-opt)."""
    names = {}
    for section, _, i, end in sections(wasm):
        if section != 0:
            continue
        length, j = read_uleb(wasm, i)
        if wasm[j:j + length] != b"name":
            continue
        j += length
        while j < end:
            sub = wasm[j]
            sub_size, j = read_uleb(wasm, j + 1)
            if sub == 1:
                count, k = read_uleb(wasm, j)
                for _ in range(count):
                    index, k = read_uleb(wasm, k)
                    length, k = read_uleb(wasm, k)
                    names[index] = wasm[k:k + length].decode("utf-8", "replace")
                    k += length
            j += sub_size
    return names


def imported_function_count(wasm: bytes) -> int:
    """Imported functions come first in the function index space."""
    imports = [entry for section, _, i, _ in sections(wasm) if section == 2 for entry in import_entries(wasm, i)]
    return sum(1 for _, _, kind, _, _ in imports if kind == 0)


def with_unreachable_bodies(wasm: bytes, stubbed) -> tuple:
    """`wasm` with the body of every function whose name `stubbed` matches
    replaced by `unreachable`, and how many there were."""
    names, first = function_names(wasm), imported_function_count(wasm)
    count = 0

    def bodies(wasm: bytes, i: int, end: int) -> bytes:
        nonlocal count
        total, _ = read_uleb(wasm, i)
        out = bytearray(uleb(total))
        for index, (entry, _, body_end) in enumerate(code_bodies(wasm, i), start=first):
            if stubbed(names.get(index, "")):
                count += 1
                out += uleb(len(UNREACHABLE_BODY)) + UNREACHABLE_BODY
            else:
                out += wasm[entry:body_end]
        return bytes(out)

    return with_section(wasm, 10, bodies), count


def prune(work: Path) -> None:
    """Before wasm-opt: the main module without wasm-streams' exports and
    the code only they reach, and the glue without their classes. Stops the
    build if anything of them is left, or if they are not there (then this
    step should go)."""
    wasm_path, glue_path = work / f"{APP}_bg.wasm", work / f"{APP}.js"
    glue, found = STREAM_CLASS.subn("", glue_path.read_text())
    if found != 6 or re.search("intounderlying", glue, re.I):
        sys.exit(f"dist.py prune: expected wasm-streams' 3 classes and 3 finalizers in the glue, removed {found}")
    wasm = wasm_path.read_bytes()
    pruned = without_exports(wasm, STREAM_EXPORT.fullmatch)
    if len(pruned) >= len(wasm):
        sys.exit("dist.py prune: wasm-streams' exports are not in the main module")
    # Their code then stays only as table entries no call can reach: each
    # body becomes `unreachable` (~6.5 KB of code, ~2 KB brotli, on every route).
    pruned, stubbed = with_unreachable_bodies(pruned, STREAM_CODE.search)
    if stubbed == 0:
        sys.exit("dist.py prune: no function of wasm-streams' classes is named in the main module")
    wasm_path.write_bytes(pruned)
    glue_path.write_text(glue)


# The first paint's texts (style/boot-frame.css), written from the
# translation files so each text lives once: element -> translation key.
BOOT_FRAME_TEXTS = {"brand": "app.name", "profile": "page.profile", "settings": "page.settings"}


def languages() -> list:
    """The app's languages: one translation file each, English first."""
    return sorted((p.stem for p in (ROOT / "src/i18n").glob("*.json")), key=lambda lang: (lang != "en", lang))


def boot_frame_texts() -> str:
    rules = []
    for lang in languages():
        texts = json.loads((ROOT / f"src/i18n/{lang}.json").read_text())
        scope = "" if lang == "en" else f":lang({lang}) "
        for element, key in BOOT_FRAME_TEXTS.items():
            text = json.dumps(texts[key], ensure_ascii=False)
            rules.append(f"{scope}.boot-frame__{element}::before {{ content: {text}; }}")
    # English first: the :lang() rules after it win where they apply.
    return "\n".join(sorted(rules, key=lambda rule: rule.startswith(":lang"))) + "\n"


def main(work: Path, dist: Path) -> None:
    if dist.exists():
        shutil.rmtree(dist)
    dist.mkdir(parents=True)

    # Wasm files: hashed; their references in the loader and the glue follow.
    loader = (work / "__wasm_split.js").read_text()
    glue = (work / f"{APP}.js").read_text()
    modules = split_loader_modules(loader)
    # Each module is compiled as it arrives (WebAssembly.compileStreaming),
    # not once the modules it links to are in: the compile's main-thread
    # part then runs while the app waits, not between the last byte and
    # the first screen. The boot script may have compiled it already
    # (src/route-preload.js): taken once; if that failed, fetched again.
    # The compile is started before its chunks are in, so one that fails
    # meanwhile would be an unhandled rejection (a page error), although
    # the failure does reach the app: marked handled; the load still fails.
    # compiledEarly gets the "./name" the hashed names below replace.
    fetch_line = re.compile(r'const src = (fetch\(new URL\("\./([^"]+)"[^;]*\));')
    streaming = "WebAssembly.instantiateStreaming(src, imports)"
    if not fetch_line.search(loader) or streaming not in loader:
        sys.exit("dist.py: the split loader no longer fetches and instantiates as expected; check wasm-split-cli's output")
    loader = fetch_line.sub(
        r'const src = compiledEarly("./\2", () => WebAssembly.compileStreaming(\1)); src.catch(() => {});', loader
    )
    loader = loader.replace(streaming, "src.then((module) => WebAssembly.instantiate(module, imports))")
    loader = (
        "function compiledEarly(path, compile) {\n"
        "    const file = path.slice(2);\n"
        "    const early = window.__wasmModules && window.__wasmModules[file];\n"
        "    if (!early) return compile();\n"
        "    delete window.__wasmModules[file];\n"
        "    return early.catch(compile);\n"
        "}\n" + loader
    )
    loader = sorted_main_shares(loader)
    main_bytes, glue = short_import_names((work / f"{APP}_bg.wasm").read_bytes(), glue, f"./{APP}_bg.js")
    wasm_names = {}
    for wasm in sorted(work.glob("*.wasm")):
        data = main_bytes if wasm.name == f"{APP}_bg.wasm" else wasm.read_bytes()
        wasm_names[wasm.name] = emit(dist, wasm.name, data)
    for old, new in wasm_names.items():
        loader = loader.replace(f'"./{old}"', f'"./{new}"')

    # The glue, the split loader and the start-up are one module (esbuild
    # bundles the first two, which import each other): one request before
    # the first screen instead of three. Its hash is of what it holds.
    if 'from "./__wasm_split.js"' not in glue or f'from "./{APP}.js"' not in loader:
        sys.exit("dist.py: the glue and ./__wasm_split.js do not import each other; is the build split?")
    main_wasm = wasm_names[f"{APP}_bg.wasm"]
    start = (
        f"import init, * as bindings from './{APP}.js';\n"
        # The boot script's fetch of the main module (src/route-preload.js), else our own.
        f"const wasm = await init({{ module_or_path: window.__mainWasm || new URL('./{main_wasm}', import.meta.url) }});\n"
        "window.wasmBindings = bindings;\n"
        # Trunk's event name: the benchmark and `trunk serve` builds share it.
        "dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));\n"
    )
    app_js = bundle_js({f"{APP}.js": glue, "__wasm_split.js": loader, "start.js": start}, "start.js", dist)
    app_name = emit(dist, f"{APP}.js", app_js)

    # What each landing route needs before its page works.
    index_html = (ROOT / "index.html").read_text()
    css_sources = re.findall(r'<link data-trunk rel="css" href="([^"]+)"', index_html)
    entry = dist / ".entry.css"
    entry.write_text("".join(f'@import "{ROOT / c}";\n' for c in css_sources) + boot_frame_texts())
    esbuild(str(entry), "--bundle", "--minify", f"--outfile={dist / '.app.css'}")
    entry.unlink()
    css_name = emit(dist, "app.css", (dist / ".app.css").read_bytes())
    (dist / ".app.css").unlink()

    route_files = {}
    for route, module in ROUTE_MODULES.items():
        if module not in modules:
            sys.exit(f"dist.py: no split module {module!r} for {route} (have {sorted(modules)})")
        route_files[route] = [wasm_names[f] for f in modules[module]]

    preload = (ROOT / "src/route-preload.js").read_text()
    preload = preload.replace("/* ROUTE_MODULES */ {}", json.dumps(route_files))
    main_module = {"href": f"/{main_wasm}", "bytes": len(main_bytes)}
    preload, found = re.subn(r"/\* MAIN_MODULE \*/ null", json.dumps(main_module), preload)
    if found != 1:
        sys.exit("dist.py: route-preload.js has no /* MAIN_MODULE */ null")
    theme_boot, found = re.subn(r"/\* LANGUAGES \*/ \[[^\]]*\]", json.dumps(languages()), (ROOT / "src/theme-boot.js").read_text())
    if found != 1:
        sys.exit("dist.py: theme-boot.js has no /* LANGUAGES */ list")
    boot = theme_boot + "\n" + preload
    boot_name = emit(dist, "boot.js", minify_js(boot, dist))

    # The main module's preload comes before the boot script, which takes
    # its response (a fetch matches only a preload the parser has seen).
    head = "\n".join([
        f'<link rel="preload" href="/{main_wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">',
        f'<script src="/{boot_name}"></script>',
        f'<link rel="stylesheet" href="/{css_name}">',
        f'<script type="module" src="/{app_name}"></script>',
    ])
    html = re.sub(r"<!--.*?-->", "", index_html, flags=re.S)
    html = re.sub(r"\s*<link\s+data-trunk\b[^>]*>", "", html, flags=re.S)
    html = re.sub(r'\s*<script src="/theme-boot.js"></script>', "", html)
    html = html.replace("</head>", head + "\n</head>")
    html = re.sub(r">\s+<", "><", html).strip() + "\n"
    (dist / "index.html").write_text(html)

    shutil.copy(ROOT / "src/config.json", dist / "config.json")
    # The dialect files, minified; the app fetches the one config.json names.
    (dist / "dialects").mkdir()
    for dialect in (ROOT / "crates/model/dialects").glob("*.json"):
        (dist / "dialects" / dialect.name).write_text(json.dumps(json.loads(dialect.read_text()), ensure_ascii=False, separators=(",", ":")))
    # Django's common-password list: data the password form fetches when
    # it opens (never part of a first load); the name is the app's.
    shutil.copy(ROOT / "crates/model/data/common-passwords.txt", dist / "common-passwords.txt")
    (dist / "i18n").mkdir()
    for table in (ROOT / "src/i18n").glob("*.json"):
        if table.stem != "en":  # English is inside the wasm
            (dist / "i18n" / table.name).write_bytes(json.dumps(json.loads(table.read_text()), ensure_ascii=False, separators=(",", ":")).encode())

    common = ["index.html", boot_name, css_name, app_name, main_wasm, "config.json"]
    manifest = {route: common + files for route, files in route_files.items()}
    (dist / "routes.json").write_text(json.dumps(manifest, indent=2) + "\n")
    for route, files in manifest.items():
        print(f"dist: {route}: {' '.join(files[len(common):]) or '(main module only)'}")
    after = {}
    for route, names in ROUTE_AFTER.items():
        files = [wasm_names[f] for name in names for f in modules[name]]
        after[route] = sorted(set(files) - set(manifest[route]))
        print(f"dist: {route} after its first screen: {' '.join(after[route])}")
    (dist / "after-first-screen.json").write_text(json.dumps(after, indent=2) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "prune":
        prune(Path(sys.argv[2]))
    else:
        main(Path(sys.argv[1]), Path(sys.argv[2]))
