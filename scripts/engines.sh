#!/usr/bin/env bash
# Builds (once) and caches the engines the e2e tests and CI run against: the Terraform and
# OpenTofu versions pinned in scripts/engine-versions.json (the one place that names them; the
# tests read it too), compiled from source with Go.
# The cache lives outside the repository: ${PARTNERCENTER_ENGINES_DIR:-$HOME/.cache/tfengines}/bin,
# each engine under the binary name the JSON gives (terraform, tofu, tofu-1.12.6, ...).
# A binary already there with the right version is reused; the first build takes minutes.
#
#   bash scripts/engines.sh                 builds every pinned engine (npm run engines)
#   bash scripts/engines.sh tofu [...]      builds only these binaries (tofu, terraform, tofu-1.12.6)
#
# Each entry's "estimate" (packages compiled from an empty Go build cache, as `go list -deps`
# counts them; minutes on two cores; GB that Go's module and build caches grow by) is printed
# before its build, so nobody is surprised by a 5-minute, 4 GB step.
#
# Two ways to build, named by each entry's "build":
#   go-install     `go install module@version` (Terraform 1.8.5, OpenTofu 1.6.3).
#   module-source  OpenTofu >= 1.7: its go.mod has replace directives, which go install refuses.
#                  The module is fetched with `go mod download`, copied to a writable folder and
#                  built there with `go build -mod=mod`, with the release ldflag (no -dev suffix).
set -euo pipefail

VERSIONS_FILE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/engine-versions.json"
ENGINES_DIR="${PARTNERCENTER_ENGINES_DIR:-$HOME/.cache/tfengines}"
BIN_DIR="$ENGINES_DIR/bin"

log() { printf 'engines: %s\n' "$*" >&2; }
die() { printf 'engines: ERROR: %s\n' "$*" >&2; exit 1; }

# One line per pinned engine: "name version binary build packages minutes cacheGB".
pinned_engines() {
  node -e '
    const { engines } = require(process.argv[1]);
    for (const e of engines) {
      const x = e.estimate ?? {};
      console.log([e.name, e.version, e.binary, e.build, x.packages ?? "?", x.minutes ?? "?", x.cacheGB ?? "?"].join(" "));
    }
  ' "$VERSIONS_FILE"
}

# Version probes run with an empty CLI config so a user's ~/.terraformrc (or a dangling
# TF_CLI_CONFIG_FILE) cannot add warnings or fail the probe.
probe_env() { env TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$@"; }

# Prints the version an engine binary reports, without the leading "v" (e.g. "1.6.3-dev").
# Both engines answer `version -json` with a "terraform_version" field.
engine_version() {
  probe_env "$1" version -json 2>/dev/null |
    sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' | head -n1
}

# True when the binary exists and reports the wanted version (a "-dev" suffix is accepted:
# go install builds carry it).
is_current() {
  local path=$1 want=$2 got
  [[ -x $path ]] || return 1
  got=$(engine_version "$path") || return 1
  [[ $got == "$want" || $got == "$want-dev" ]]
}

require_go() {
  local name=$1 version=$2 need_minor=$3
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed, and it is needed to build $name v$version. Install Go >= 1.$need_minor (https://go.dev/dl/, or your OS package if it is new enough), then run: npm run engines"
  local v
  v=$(go env GOVERSION 2>/dev/null | sed -n 's/^go\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  read -r major minor <<<"${v:-0 0}"
  if (( major < 1 || (major == 1 && minor < need_minor) )); then
    die "Go $(go env GOVERSION) is too old to build $name v$version (needs Go >= 1.$need_minor). Install a newer Go from https://go.dev/dl/"
  fi
}

# The Go module each engine is published as.
module_of() {
  case $1 in
    terraform) echo github.com/hashicorp/terraform ;;
    tofu) echo github.com/opentofu/opentofu ;;
    *) die "unknown engine '$1' in $VERSIONS_FILE" ;;
  esac
}

# Reads `go build -v` / `go install -v` output (one package per line, among "go: downloading"
# lines, which are not packages) and logs progress every 100 packages, so a build of minutes does
# not look stuck.
progress() {
  local name=$1 start=$2 total=$3 count=0 line
  while IFS= read -r line; do
    [[ $line == "go: "* ]] && continue
    count=$((count + 1))
    if (( count % 100 == 0 )); then log "  $name: $count of about $total packages compiled ($((SECONDS - start)) s)"; fi
  done
}

# Each build writes into a private folder, then moves the binary into place, so an interrupted
# build never leaves a half-written binary that a later run would mistake for a good one.
build_go_install() {
  local name=$1 version=$2 out=$3 work=$4 build_log=$5 total=$6
  local module
  module=$(module_of "$name")
  [[ $name == tofu ]] && module="$module/cmd/tofu"
  GOBIN="$work" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -v "$module@v$version" 2>&1 |
    tee "$build_log" | progress "$name" "$SECONDS" "$total" || return 1
  [[ -x "$work/$name" ]] || return 1
  mv -f "$work/$name" "$out"
}

build_module_source() {
  local name=$1 version=$2 out=$3 work=$4 build_log=$5 total=$6
  local module dir
  module=$(module_of "$name")
  # The module cache copy is read-only, and -mod=mod may rewrite go.mod/go.sum: build in a copy.
  dir=$(go mod download -json "$module@v$version" 2>>"$build_log" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const j = JSON.parse(s); if (j.Error) { console.error(j.Error); process.exit(1); } console.log(j.Dir); })' 2>>"$build_log") ||
    return 1
  [[ -d $dir ]] || return 1
  cp -R "$dir" "$work/src" || return 1
  chmod -R u+w "$work/src" || return 1
  (
    cd "$work/src"
    GOFLAGS="${GOFLAGS:-} -buildvcs=false" go build -v -mod=mod \
      -ldflags "-X $module/version.dev=no" -o "$work/$name" "./cmd/$name"
  ) 2>&1 | tee -a "$build_log" | progress "$name" "$SECONDS" "$total" || return 1
  [[ -x "$work/$name" ]] || return 1
  mv -f "$work/$name" "$out"
}

ensure() {
  local name=$1 version=$2 binary=$3 method=$4 packages=$5 minutes=$6 cache_gb=$7
  local out="$BIN_DIR/$binary"
  if is_current "$out" "$version"; then
    log "$name v$version: cached at $out"
    return
  fi
  case $method in
    # Go >= 1.22 runs both; a module whose go.mod wants a newer Go (OpenTofu 1.12: 1.26) has
    # that toolchain fetched by go itself unless GOTOOLCHAIN=local forbids it.
    go-install | module-source) require_go "$name" "$version" 22 ;;
    *) die "unknown build '$method' for $name v$version in $VERSIONS_FILE (expected go-install or module-source)" ;;
  esac
  local work="$ENGINES_DIR/.build-$binary" build_log="$ENGINES_DIR/build-$binary.log"
  rm -rf "$work"
  mkdir -p "$work"
  : >"$build_log"
  log "building $name v$version ($method) with $(go env GOVERSION): about $packages packages, about $minutes minutes on two cores, up to about $cache_gb GB more in Go's module cache ($(go env GOMODCACHE)) and build cache ($(go env GOCACHE)); modules come from the Go module proxy ($(go env GOPROXY)) (log: $build_log)"
  local start=$SECONDS
  if ! "build_${method//-/_}" "$name" "$version" "$out" "$work" "$build_log" "$packages"; then
    tail -n 30 "$build_log" >&2 || true
    rm -rf "$work"
    die "building $name v$version failed (full log: $build_log)"
  fi
  rm -rf "$work"
  log "built $name v$version in $((SECONDS - start)) s ($(grep -vc '^go: ' "$build_log" || true) packages compiled): $out"
  is_current "$out" "$version" ||
    die "$out was built but reports version '$(engine_version "$out")', expected $version"
}

main() {
  mkdir -p "$BIN_DIR"
  # Two concurrent runs (e.g. CI jobs sharing a cache) must not build into the same place.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$ENGINES_DIR/.lock"
    flock 9
  fi
  local entries
  entries=$(pinned_engines) || die "cannot read $VERSIONS_FILE"
  [[ -n $entries ]] || die "$VERSIONS_FILE names no engine"
  # Only the binaries named on the command line, when any are (the demo builds just the one it needs).
  local wanted=" $* " known
  known=$(awk '{ print $3 }' <<<"$entries" | tr '\n' ' ')
  for arg in "$@"; do
    [[ " $known " == *" $arg "* ]] || die "unknown engine '$arg': the pinned builds are ${known% } ($VERSIONS_FILE)"
  done
  while read -r name version binary method packages minutes cache_gb; do
    if (($# > 0)) && [[ $wanted != *" $binary "* ]]; then continue; fi
    ensure "$name" "$version" "$binary" "$method" "$packages" "$minutes" "$cache_gb"
  done <<<"$entries"
  log "engines ready in $BIN_DIR (tests read PARTNERCENTER_ENGINES_DIR=$ENGINES_DIR)"
}

main "$@"
