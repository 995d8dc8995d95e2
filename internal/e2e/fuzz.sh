#!/usr/bin/env bash
# Runs every Go fuzz target in the module for the given time (30s) or
# number of executions (1000x) each. CI uses a count: a time limit can end
# while a slow input is running, which go test reports as a failure.
set -euo pipefail
time="${1:-30s}"
cd "$(dirname "$0")/../.."
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for t in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz: $pkg $t ($time)"
    go test -run '^$' -fuzz "^${t}\$" -fuzztime "$time" "$pkg" >/tmp/medkb-fuzz.log 2>&1 || { cat /tmp/medkb-fuzz.log; exit 1; }
  done
done
