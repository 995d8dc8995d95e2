#!/usr/bin/env bash
# Installs what medkb's browser tests need on a fresh machine, or fails
# saying what is missing and how to install it. Never skips silently.
#
#   Chromium   Debian package chromium            (the e2e tests drive it)
#   Java 11+   Debian package default-jre-headless (runs the Nu Html Checker)
#   Node, npm  Debian packages nodejs, npm         (npm ci; the search module's tests)
#   axe-core, vnu-jar, mime, mime-types: pinned in package-lock.json, installed with npm ci
#   nginx, Caddy, Apache  Debian packages nginx-light, caddy, apache2
#              (the server-config test serves the demo site with each)
#   versitygw  the S3 server of the deploy test (github.com/versity/versitygw,
#              a Go S3 gateway over a folder): built once with go install from
#              the module proxy into ~/.cache/medkb/bin (about 3 CPU-minutes),
#              reused by later runs; a version stamp beside it triggers a rebuild
#   fake-gcs-server  the Google Cloud Storage emulator of the deploy test
#              (github.com/fsouza/fake-gcs-server), built and cached the same way
#   Azurite    the Azure Blob Storage emulator of the deploy test: the npm
#              package azurite, pinned in package-lock.json, installed by npm ci
#   Hugo       Debian package hugo (0.111.3 on bookworm): the bench's peer;
#              internal/benchgen's test builds the bench's Hugo corpus with it
#
# As root on Debian it installs the missing system packages with apt-get;
# otherwise it names them and exits 1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
apt_packages=()

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

need() { # need COMMAND DEBIAN-PACKAGE WHY
  if command -v "$1" >/dev/null 2>&1; then return; fi
  if can_apt; then
    apt_packages+=("$2")
  else
    missing+=("$1: $3 (sudo apt-get install $2)")
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  need chromium chromium "the browser the e2e tests drive"
fi
need java default-jre-headless "Java 11+ runs the Nu Html Checker"
need node nodejs "Node.js runs the search module's tests"
need npm npm "npm installs the pinned axe-core and vnu-jar"
need nginx nginx-light "the server-config test serves the demo site with nginx"
need caddy caddy "the server-config test serves the demo site with Caddy"
if [ ! -x /usr/sbin/apache2 ]; then
  need apache2 apache2 "the server-config test serves the demo site with Apache"
fi
need hugo hugo "the bench's peer: the benchgen test builds the bench's Hugo corpus with it, make bench times it"

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "install.sh: installing ${apt_packages[*]} with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "make test cannot run: missing" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi

java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
if [ -n "$java_major" ] && [ "$java_major" -lt 11 ]; then
  echo "make test cannot run: Java $java_major is too old for the Nu Html Checker; install Java 11+ (default-jre-headless)" >&2
  exit 1
fi

if [ ! -f "$here/node_modules/axe-core/axe.min.js" ] || [ ! -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] \
   || [ ! -f "$here/node_modules/azurite/dist/src/blob/main.js" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "install.sh: installing pinned npm packages (npm ci)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
    echo "make test cannot run: 'npm ci' in internal/e2e failed (is the npm registry reachable?)" >&2
    exit 1
  }
fi

versitygw_version=v1.8.0
gw_dir="${HOME}/.cache/medkb/bin"
if [ ! -x "$gw_dir/versitygw" ] || [ "$(cat "$gw_dir/versitygw.version" 2>/dev/null)" != "$versitygw_version" ]; then
  echo "install.sh: building versitygw $versitygw_version, the S3 server of the deploy test (once; a few minutes)" >&2
  mkdir -p "$gw_dir"
  (cd "$gw_dir" && GOBIN="$gw_dir" GOFLAGS=-buildvcs=false go install "github.com/versity/versitygw/cmd/versitygw@$versitygw_version") || {
    echo "make test cannot run: building the S3 server versitygw failed (go install github.com/versity/versitygw/cmd/versitygw@$versitygw_version; is the Go module proxy reachable?)" >&2
    exit 1
  }
  echo "$versitygw_version" > "$gw_dir/versitygw.version"
fi

fakegcs_version=v1.56.1
if [ ! -x "$gw_dir/fake-gcs-server" ] || [ "$(cat "$gw_dir/fake-gcs-server.version" 2>/dev/null)" != "$fakegcs_version" ]; then
  echo "install.sh: building fake-gcs-server $fakegcs_version, the GCS emulator of the deploy test (once; a few minutes)" >&2
  mkdir -p "$gw_dir"
  (cd "$gw_dir" && GOBIN="$gw_dir" GOFLAGS=-buildvcs=false go install "github.com/fsouza/fake-gcs-server@$fakegcs_version") || {
    echo "make test cannot run: building the GCS emulator fake-gcs-server failed (go install github.com/fsouza/fake-gcs-server@$fakegcs_version; is the Go module proxy reachable?)" >&2
    exit 1
  }
  echo "$fakegcs_version" > "$gw_dir/fake-gcs-server.version"
fi
