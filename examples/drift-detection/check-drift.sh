#!/usr/bin/env bash
# Drift check for a CDKTF project: synthesize the stack, then plan it and explain any drift.
# Run it from the project root (where cdktf.json is); `npm run drift` does that here.
#
#   bash examples/drift-detection/check-drift.sh [stack] [--verbose] [--json <file>] [--no-init]
#
# Exit codes (of `terraform-provider-partnercenter drift`, cli/commands/drift.ts):
#   0  no resource would change (drift in unmanaged attributes is listed for information)
#   1  the check failed (synth, init, plan or show error: credentials, network, ...)
#   2  drift: a managed attribute changed outside Terraform (or configuration not applied yet)
# The engine is $TERRAFORM_BINARY_NAME (e.g. tofu), else terraform, as for the cdktf CLI.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
stack=partnercenter-billing
if [[ $# -gt 0 && $1 != -* ]]; then
  stack=$1
  shift
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$repo/node_modules/.bin/cdktf" synth --no-color >"$log" 2>&1; then
  cat "$log" >&2
  echo "check-drift: cdktf synth failed" >&2
  exit 1
fi

dir="cdktf.out/stacks/$stack"
if [[ ! -f "$dir/cdk.tf.json" ]]; then
  echo "check-drift: no stack \"$stack\" in cdktf.out/stacks (stacks: $(ls cdktf.out/stacks 2>/dev/null | tr '\n' ' '))" >&2
  exit 1
fi
exec "$repo/node_modules/.bin/tsx" "$repo/cli/main.ts" drift --dir "$dir" "$@"
