#!/usr/bin/env bash
# Prints the path of a Scalingo CLI binary (version $SCALINGO_CLI_VERSION, default 1.34.0).
# Builds it from the Go module proxy into a cache outside the repository the first time, via a
# throwaway Go module that requires the CLI module; a second run reuses the cached binary and
# costs seconds. Progress goes to stderr; stdout carries only the binary's path.
#
#   scripts/scalingo-cli.sh            # print the binary path (build if needed)
#   scripts/scalingo-cli.sh --check    # exit 1 (and say why) if the CLI cannot be had; build nothing
#   scripts/scalingo-cli.sh --rebuild  # ignore the cached binary
#
# The CLI's release tags carry no "v" prefix (e.g. "1.34.0"), so Go cannot name them as module
# versions: the tagged commit must be named by a pseudo-version. Its base is the newest
# v-prefixed semver tag reachable from that commit (v1.16.7), hence "v1.16.8-0.<time>-<hash>".
set -euo pipefail

SCALINGO_CLI_VERSION="${SCALINGO_CLI_VERSION:-1.34.0}"
# Commit 62a2810cc548918a795f70611027f05d4b7365d9 (tag 1.34.0), committed 2024-09-17T12:35:47Z.
SCALINGO_CLI_PSEUDO_VERSION="${SCALINGO_CLI_PSEUDO_VERSION:-v1.16.8-0.20240917123547-62a2810cc548}"
CLI_MODULE="github.com/Scalingo/cli"
CLI_MAIN_PKG="$CLI_MODULE/scalingo"
CACHE_DIR="${PULUMI_SCALINGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-scalingo-migration}"
ROOT_DIR="$CACHE_DIR/scalingo-cli-$SCALINGO_CLI_VERSION"
BIN="$ROOT_DIR/bin/scalingo"

log() { echo "[scalingo-cli] $*" >&2; }

# One clear reason, then Go's own words. The proxy this project's CI uses answers 403 ("This
# module version is not available") for the CLI, so there the CLI cannot be had at all.
not_available() {
  log "Scalingo CLI $SCALINGO_CLI_VERSION is not available from the Go module proxy ($CLI_MODULE@$SCALINGO_CLI_PSEUDO_VERSION)"
  log "go said: $1"
  exit 1
}

mode="${1:-}"
case "$mode" in
  ""|--check|--rebuild) ;;
  *) log "unknown argument: $mode (expected --check or --rebuild)"; exit 2 ;;
esac

if [[ "$mode" != "--rebuild" && -x "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no Go toolchain to build the Scalingo CLI with"; exit 1; }

work="$ROOT_DIR/build"

new_module() {
  rm -rf "$work"
  mkdir -p "$work"
  cat >"$work/go.mod" <<GOMOD
module builder/scalingo-cli

go 1.21
GOMOD
}

if [[ "$mode" == "--check" ]]; then
  new_module
  if ! out=$(cd "$work" && GOFLAGS=-mod=mod go list -m -json "$CLI_MODULE@$SCALINGO_CLI_PSEUDO_VERSION" 2>&1); then
    not_available "$out"
  fi
  echo "$BIN"
  exit 0
fi

log "building Scalingo CLI $SCALINGO_CLI_VERSION ($CLI_MODULE@$SCALINGO_CLI_PSEUDO_VERSION) from the Go module proxy (first time only)"
new_module
# The CLI's go.mod (at 1.34.0) has no replace directives, so requiring it is enough: minimal
# version selection then picks exactly the dependency versions that its go.mod lists.
# Require the module (not the package path: a 403 for the longer path would stop the lookup).
(cd "$work" && go mod edit -require="$CLI_MODULE@$SCALINGO_CLI_PSEUDO_VERSION")
if ! out=$(cd "$work" && GOFLAGS=-mod=mod go mod download "$CLI_MODULE" 2>&1); then
  not_available "$out"
fi
# Start from the CLI's own go.sum: it pins the very hashes its authors recorded, and spares
# checksum-database lookups (some of which the mirror here does not answer).
cli_dir=$(cd "$work" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$CLI_MODULE")
cp "$cli_dir/go.sum" "$work/go.sum" && chmod u+w "$work/go.sum"
mkdir -p "$(dirname "$BIN")"
(cd "$work" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$BIN.tmp" "$CLI_MAIN_PKG" >&2)
mv "$BIN.tmp" "$BIN"
log "built $BIN"
echo "$BIN"
