# Sourced by the project's scripts: where the installed tools live.
export PATH="$HOME/.cargo/bin:$ROOT/.ci/tools/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Every Leptos component returns a type-erased view (leptos_macro's
# `erase_components` cfg): far fewer monomorphised view types, 27 KB less
# gzipped wasm (379,091 → 351,940 B measured). For wasm builds only, so
# the tests build exactly what ships.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components"
# The patched wasm-split (.ci/wasm-split), installed by .ci/bootstrap. A
# build in another folder (.ci/reproducible) inherits this one's.
export WASM_SPLIT_CLI="${WASM_SPLIT_CLI:-$ROOT/target/wasm-split/bin/wasm-split-cli}"
