# Sourced by the project's scripts: where the installed tools live.
export PATH="$HOME/.cargo/bin:$ROOT/.ci/tools/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
