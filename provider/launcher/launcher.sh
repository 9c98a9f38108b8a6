#!/bin/sh
# Launcher for a provider written in TypeScript. Installed as
#   terraform-provider-<type>_v<version>   next to   <type>-provider.cjs   (the esbuild bundle)
#   and   <type>-loader.cjs   (runs the bundle from a V8 code cache; see loader.cjs).
# Terraform / OpenTofu run this file directly, with no arguments.
#
# - Errors go to STDOUT as ONE line: the engine reads the first stdout line as the plugin
#   handshake and shows anything else as "Unrecognized remote plugin message: <line>".
# - `exec` is required: the engine kills only the process it started; if that were this shell,
#   Node would keep the pipes open and the engine would wait forever.
# - Supported Node.js: 20, 22 and 24 (20 reached end of life on 2026-04-30; older ones are refused).
# - PARTNERCENTER_NODE overrides the node binary (default: `node` on PATH).
# - PARTNERCENTER_CODE_CACHE=off runs without the code cache (and without the file below).
# - `"$node" --version` costs a whole extra process start (~3 ms), so it runs only for a $node that
#   has not passed it before: the loader records the last one that did in
#   ${XDG_CACHE_HOME:-~/.cache}/terraform-provider-partnercenter/node-checked, and checks the
#   version itself as well (a `node` on PATH can change).

case $0 in
  */*) dir=${0%/*} ;;
  *) dir=. ;;
esac
name=${0##*/}
type=${name#terraform-provider-}
type=${type%%_*}
node=${PARTNERCENTER_NODE:-node}
loader=$dir/$type-loader.cjs
[ -f "$loader" ] || loader=

# NODE_EXTRA_CA_CERTS: Node 20 reads that file, with all its bundled root certificates, before
# running any code: about 27 ms on every start (`node --version` below included), even of the
# launches that make no HTTPS call. The provider applies those CAs itself to its own HTTPS calls
# and puts the variable back for its child processes (provider/partnercenter/outbound-ca.ts).
if [ -n "${NODE_EXTRA_CA_CERTS+set}" ]; then
  PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
  export PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS
  unset NODE_EXTRA_CA_CERTS
else
  unset PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS
fi

if ! command -v "$node" >/dev/null 2>&1; then
  echo "terraform-provider-$type needs Node.js 20 or newer (supported: 20, 22, 24), but \"$node\" was not found: install Node.js 22 or 24 (https://nodejs.org) and put it on PATH, or set PARTNERCENTER_NODE to a node binary"
  exit 1
fi

unset PARTNERCENTER_NODE_CHECKED
checked=
if [ -n "$loader" ] && [ "${PARTNERCENTER_CODE_CACHE-}" != off ]; then
  case ${XDG_CACHE_HOME-} in
    /*) marker=$XDG_CACHE_HOME/terraform-provider-partnercenter/node-checked ;;
    *) marker=${HOME-}/.cache/terraform-provider-partnercenter/node-checked ;;
  esac
  if [ -f "$marker" ]; then
    read -r checked 2>/dev/null <"$marker" || checked=
  fi
fi

if [ "$checked" != "$node" ] || [ -z "$checked" ]; then
  version=$("$node" --version 2>/dev/null)
  major=${version#v}
  major=${major%%.*}
  case $major in
    '' | *[!0-9]*) major=0 ;;
  esac
  if [ "$major" -lt 20 ]; then
    echo "terraform-provider-$type needs Node.js 20 or newer (supported: 20, 22, 24), but \"$node\" is ${version:-not a working node}: install Node.js 22 or 24 (https://nodejs.org) or set PARTNERCENTER_NODE to a newer node binary"
    exit 1
  fi
  if [ -n "$loader" ]; then
    PARTNERCENTER_NODE_CHECKED=$node
    export PARTNERCENTER_NODE_CHECKED
  fi
fi

# The loader runs the bundle exactly as `node <bundle>` would, only compiled from a code cache.
# A package without it (assembled by hand) still works: run the bundle directly.
if [ -n "$loader" ]; then
  exec "$node" "$loader" "$@"
fi
exec "$node" "$dir/$type-provider.cjs" "$@"
