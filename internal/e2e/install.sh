#!/usr/bin/env bash
# Installs what medkb's browser tests need on a fresh machine, or fails
# saying what is missing and how to install it. Never skips silently.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: installing Chromium with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    missing+=("Chromium: install Debian's package 'chromium' (sudo apt-get install chromium)")
  fi
fi
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    missing+=("Java 11+: needed by the Nu Html Checker (sudo apt-get install default-jre-headless)")
  fi
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=("Node.js and npm: needed for the search module tests and the pinned axe-core and vnu-jar (install Node.js 20)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "make test cannot run: missing" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi
if [ ! -f "$here/node_modules/axe-core/axe.min.js" ] || [ ! -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "install.sh: installing pinned npm packages (npm ci)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
    echo "make test cannot run: 'npm ci' in internal/e2e failed (is the npm registry reachable?)" >&2
    exit 1
  }
fi
