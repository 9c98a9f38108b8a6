#!/usr/bin/env bash
# Builds (once) and caches the Go provider `npm run bench` compares ours with:
#   Mastercard's terraform-provider-restapi v1.20.0, compiled from its module source.
# The binary lands in ${PARTNERCENTER_ENGINES_DIR:-$HOME/.cache/tfengines}/bin next to the
# engines, as terraform-provider-restapi_v1.20.0; its path is printed on stdout (logs go to stderr).
#
# `go install module@version` does not work for it here (the module proxy refuses the version
# list that go install reads for its deprecation check), so: `go mod download` the module, then
# `go build` inside the downloaded source dir.
set -euo pipefail

MODULE=github.com/Mastercard/terraform-provider-restapi
VERSION=1.20.0
ENGINES_DIR="${PARTNERCENTER_ENGINES_DIR:-$HOME/.cache/tfengines}"
BIN_DIR="$ENGINES_DIR/bin"
TARGET="$BIN_DIR/terraform-provider-restapi_v$VERSION"

log() { printf 'go-provider: %s\n' "$*" >&2; }
die() { printf 'go-provider: ERROR: %s\n' "$*" >&2; exit 1; }

# A go-plugin provider started by hand (no magic cookie) says it is a plugin and exits 1: that
# proves the file is a complete, runnable build without needing an engine.
is_current() {
  [[ -x $TARGET ]] || return 1
  local out
  out=$("$TARGET" 2>&1 </dev/null || true)
  [[ $out == *plugin* ]]
}

build() {
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed, and it is needed to build $MODULE v$VERSION (or run the benchmark with --skip-go)"
  local json dir tmp build_log="$ENGINES_DIR/build-restapi.log" start=$SECONDS
  log "building terraform-provider-restapi v$VERSION with $(go env GOVERSION) (log: $build_log)"
  json=$(go mod download -json "$MODULE@v$VERSION" 2>"$build_log") ||
    die "go mod download $MODULE@v$VERSION failed: $(tail -n 5 "$build_log"; printf '%s' "$json" | sed -n 's/.*"Error": *"\(.*\)".*/\1/p')"
  dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": *"\(.*\)",*$/\1/p' | head -n1)
  [[ -n $dir && -d $dir ]] || die "go mod download gave no source dir for $MODULE@v$VERSION: $json"
  # Build beside the target, then move: an interrupted build never leaves a half-written binary.
  tmp="$BIN_DIR/.build-restapi-$$"
  if ! (cd "$dir" && GOFLAGS="${GOFLAGS:-} -buildvcs=false" go build -o "$tmp" .) >>"$build_log" 2>&1; then
    rm -f "$tmp"
    tail -n 30 "$build_log" >&2 || true
    die "building $MODULE v$VERSION failed (full log: $build_log)"
  fi
  mv -f "$tmp" "$TARGET"
  log "built $TARGET in $((SECONDS - start)) s"
}

main() {
  mkdir -p "$BIN_DIR"
  # Shares the engines' lock: two runs never build into the same place at once.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$ENGINES_DIR/.lock"
    flock 9
  fi
  if is_current; then
    log "terraform-provider-restapi v$VERSION: cached at $TARGET"
  else
    build
    is_current || die "$TARGET was built but does not run as a plugin"
  fi
  printf '%s\n' "$TARGET"
}

main "$@"
