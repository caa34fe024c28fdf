#!/usr/bin/env bash
# Writes each stack's OpenAPI document (drf-spectacular, as `manage.py
# spectacular` writes it) to crates/dialect-gen/tests/openapi/stacks/, and
# the djoser project's (tests/djoser) beside them, the fixtures of
# dialect-gen's zero-flag tests. Needs a venv with the packages in
# requirements.txt: PYTHON=path/to/venv/bin/python tests/drf-stacks/schemas.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
out="$root/crates/dialect-gen/tests/openapi/stacks"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for stack in authtoken simplejwt djoser-jwt dj-rest-auth-token dj-rest-auth-jwt dj-rest-auth-session; do
    (cd "$here" && STACK="$stack" STACK_DB="$work/$stack.sqlite3" "$python" manage.py spectacular --file "$out/$stack.yaml")
done
(cd "$root/tests/djoser" && DJOSER_DB="$work/djoser.sqlite3" "$python" manage.py spectacular --file "$out/djoser.yaml")
