# Sourced: start the reference server in the background on a free port and
# wait (with a deadline, not a fixed sleep) until it says it is listening.
# Sets REFSERVER_URL and REFSERVER_PID; stops it when the script exits.

start_refserver() {
    local bin="$1" data="$2"; shift 2
    mkdir -p "$data"
    local log="$data/server.log"
    # The log exists before the poll reads it: the background job's own
    # redirection may come after the first read (seen once under load).
    : >"$log"
    "$bin" serve --addr 127.0.0.1:0 --db "$data/ref.sqlite3" --media-dir "$data/media" "$@" >>"$log" 2>&1 &
    REFSERVER_PID=$!
    trap 'kill "$REFSERVER_PID" 2>/dev/null || true' EXIT
    local deadline=$((SECONDS + 60))
    REFSERVER_URL=""
    while [ -z "$REFSERVER_URL" ]; do
        REFSERVER_URL="$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n1)"
        if ! kill -0 "$REFSERVER_PID" 2>/dev/null; then
            echo "reference server exited during start-up:" >&2; cat "$log" >&2; return 1
        fi
        if [ "$SECONDS" -gt "$deadline" ]; then
            echo "reference server did not start within 60 s:" >&2; cat "$log" >&2; return 1
        fi
        [ -n "$REFSERVER_URL" ] || sleep 0.1
    done
    export REFSERVER_URL REFSERVER_PID
}
