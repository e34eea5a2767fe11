#!/usr/bin/env bash
# The whole test suite: installs the Debian packages the tests drive (as root),
# builds, then runs every test file with node's built-in runner.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
  bash scripts/install-test-deps.sh
else
  echo "test: not root; skipping package install (tests that need root will be skipped)" >&2
fi

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
if [ -f binding.gyp ]; then npm run --silent build:native >/dev/null; fi

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find dist/test -name '*.test.js' | sort)
fi
exec node --test --test-concurrency=2 "${files[@]}"
