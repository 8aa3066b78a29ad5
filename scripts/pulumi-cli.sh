#!/usr/bin/env bash
# Prints the directory holding a working `pulumi` CLI (plus pulumi-language-nodejs and
# pulumi-resource-command when they can be had). Uses the one on PATH when present;
# otherwise builds them from the Go module proxy into a cache outside the repository, so a
# second run costs seconds. Progress goes to stderr; stdout carries only the directory.
#
#   scripts/pulumi-cli.sh            # print the bin dir (build if needed)
#   scripts/pulumi-cli.sh --check    # exit 1 (and say why) if no CLI can be had, build nothing
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.248.0}"
# Commit that the pkg/v3.248.0 tag names; the language host module is untagged, so only a
# pseudo-version of this commit can name it.
PULUMI_COMMIT="${PULUMI_COMMIT:-dc7edd58bc13179f81b80983aab4eb7f74a01b41}"
COMMAND_VERSION="${COMMAND_VERSION:-1.2.1}"
CACHE_DIR="${PULUMI_SCALINGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-scalingo-migration}"
BIN_DIR="$CACHE_DIR/pulumi-v$PULUMI_VERSION/bin"

log() { echo "[pulumi-cli] $*" >&2; }

if [[ "${1:-}" != "--rebuild" ]] && command -v pulumi >/dev/null 2>&1 && [[ -z "${PULUMI_SCALINGO_FORCE_BUILD:-}" ]]; then
  dirname "$(command -v pulumi)"
  exit 0
fi

if [[ -x "$BIN_DIR/pulumi" && -x "$BIN_DIR/pulumi-language-nodejs" && -x "$BIN_DIR/pulumi-resource-command" ]]; then
  echo "$BIN_DIR"
  exit 0
fi

if [[ "${1:-}" == "--check" ]]; then
  command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no Go toolchain to build one"; exit 1; }
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no Go toolchain to build one"; exit 1; }

mkdir -p "$BIN_DIR"
work="$CACHE_DIR/build"
mkdir -p "$work"

build_in_module() { # name, module requirements..., -- package, output, ldflags
  local dir="$work/$1"; shift
  mkdir -p "$dir"
  (cd "$dir" && rm -f go.mod go.sum && go mod init "builder/$(basename "$dir")" >/dev/null 2>&1)
  while [[ "$1" != "--" ]]; do
    (cd "$dir" && go mod edit -require="$1")
    shift
  done
  shift
  local pkg="$1" out="$2" ldflags="${3:-}"
  (cd "$dir" && GOFLAGS=-mod=mod go mod tidy -e >/dev/null 2>&1 || true)
  (cd "$dir" && GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$out" "$pkg")
}

if [[ ! -x "$BIN_DIR/pulumi" ]]; then
  log "building pulumi v$PULUMI_VERSION from the Go module proxy (first time only, ~10-20 min)"
  dir="$work/pulumi"; mkdir -p "$dir"
  cat >"$dir/go.mod" <<GOMOD
module builder/pulumi

go 1.24

require (
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)
GOMOD
  cat >"$dir/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
  (cd "$dir" && GOFLAGS=-mod=mod go mod tidy >&2 && \
    GOFLAGS=-mod=mod go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
      -o "$BIN_DIR/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2)
  mv "$BIN_DIR/pulumi.tmp" "$BIN_DIR/pulumi"
fi
echo "$BIN_DIR"
