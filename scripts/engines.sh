#!/usr/bin/env bash
# Builds (once) and caches the two engines the e2e tests and CI run against: the Terraform and
# OpenTofu versions pinned in scripts/engine-versions.json (the one place that names them; the
# tests read it too), compiled from source with `go install`.
# The cache lives outside the repository: ${PARTNERCENTER_ENGINES_DIR:-$HOME/.cache/tfengines}/bin.
# A binary already there with the right version is reused; the first build takes minutes.
set -euo pipefail

VERSIONS_FILE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/engine-versions.json"
TERRAFORM_VERSION=$(node -p 'require(process.argv[1]).terraform' "$VERSIONS_FILE")
TOFU_VERSION=$(node -p 'require(process.argv[1]).tofu' "$VERSIONS_FILE")
ENGINES_DIR="${PARTNERCENTER_ENGINES_DIR:-$HOME/.cache/tfengines}"
BIN_DIR="$ENGINES_DIR/bin"

log() { printf 'engines: %s\n' "$*" >&2; }
die() { printf 'engines: ERROR: %s\n' "$*" >&2; exit 1; }

# Version probes run with an empty CLI config so a user's ~/.terraformrc (or a dangling
# TF_CLI_CONFIG_FILE) cannot add warnings or fail the probe.
probe_env() { env TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$@"; }

# Prints the version an engine binary reports, without the leading "v" (e.g. "1.6.3-dev").
engine_version() {
  local name=$1 path=$2
  case $name in
    terraform)
      probe_env "$path" version -json 2>/dev/null |
        sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' | head -n1 ;;
    tofu)
      # `tofu version` prints "OpenTofu v1.6.3-dev" when built with go install.
      probe_env "$path" version 2>/dev/null | sed -n 's/^OpenTofu v\(.*\)$/\1/p' | head -n1 ;;
  esac
}

# True when the binary exists and reports the wanted version (a "-dev" suffix is accepted:
# go install builds carry it).
is_current() {
  local name=$1 want=$2 path="$BIN_DIR/$1" got
  [[ -x $path ]] || return 1
  got=$(engine_version "$name" "$path") || return 1
  [[ $got == "$want" || $got == "$want-dev" ]]
}

require_go() {
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed, and it is needed to build the engines. Install Go >= 1.22 (https://go.dev/dl/, or your OS package if it is new enough), then run: npm run engines"
  local v
  v=$(go env GOVERSION 2>/dev/null | sed -n 's/^go\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  read -r major minor <<<"${v:-0 0}"
  if (( major < 1 || (major == 1 && minor < 22) )); then
    die "Go $(go env GOVERSION) is too old to build Terraform v$TERRAFORM_VERSION (needs Go >= 1.22). Install a newer Go from https://go.dev/dl/"
  fi
}

# go install into a private GOBIN, then move into place, so an interrupted build never leaves a
# half-written binary that a later run would mistake for a good one.
build() {
  local name=$1 module=$2 version=$3
  local tmp_bin="$ENGINES_DIR/.build-$name" build_log="$ENGINES_DIR/build-$name.log"
  rm -rf "$tmp_bin"
  mkdir -p "$tmp_bin"
  log "building $name v$version with $(go env GOVERSION): the first build compiles ~1000 packages and takes several minutes (log: $build_log)"
  local start=$SECONDS count=0 status=0
  # -v prints each package as it is compiled: turn that into a progress line every 100 packages.
  GOBIN="$tmp_bin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -v "$module@v$version" 2>&1 |
    tee "$build_log" |
    while IFS= read -r _; do
      count=$((count + 1))
      if (( count % 100 == 0 )); then log "  $name: $count packages compiled ($((SECONDS - start)) s)"; fi
    done || status=$?
  if (( status != 0 )) || [[ ! -x "$tmp_bin/$name" ]]; then
    tail -n 30 "$build_log" >&2 || true
    rm -rf "$tmp_bin"
    die "building $name v$version failed (full log: $build_log)"
  fi
  mv -f "$tmp_bin/$name" "$BIN_DIR/$name"
  rm -rf "$tmp_bin"
  log "built $name v$version in $((SECONDS - start)) s"
}

ensure() {
  local name=$1 module=$2 version=$3
  if is_current "$name" "$version"; then
    log "$name v$version: cached at $BIN_DIR/$name"
    return
  fi
  require_go
  build "$name" "$module" "$version"
  is_current "$name" "$version" ||
    die "$BIN_DIR/$name was built but reports version '$(engine_version "$name" "$BIN_DIR/$name")', expected $version"
}

main() {
  mkdir -p "$BIN_DIR"
  # Two concurrent runs (e.g. CI jobs sharing a cache) must not build into the same place.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$ENGINES_DIR/.lock"
    flock 9
  fi
  ensure terraform github.com/hashicorp/terraform "$TERRAFORM_VERSION"
  ensure tofu github.com/opentofu/opentofu/cmd/tofu "$TOFU_VERSION"
  log "engines ready in $BIN_DIR (tests read PARTNERCENTER_ENGINES_DIR=$ENGINES_DIR)"
}

main "$@"
