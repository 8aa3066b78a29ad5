#!/usr/bin/env bash
# Prints the directory holding a working `pulumi` CLI. Uses the one on PATH when present;
# otherwise builds Pulumi from the Go module proxy into a cache OUTSIDE the repository
# (first run: a few minutes; later runs: milliseconds). Progress goes to stderr; stdout
# carries only the directory.
#
# It also tries, once, the two plugins a full Pulumi install has and this project would use:
#   pulumi-language-nodejs   (to run Pulumi.yaml projects with `pulumi up`; untagged module,
#                             named by a pseudo-version of the release commit)
#   pulumi-resource-command  (for @pulumi/command in examples/manual-data)
# The Go module proxy reachable from our CI refuses both (403), so without them the demo and
# the tests run programs inline through the Automation API, which needs no language host.
#
#   scripts/pulumi-cli.sh            print the bin dir, building if needed
#   scripts/pulumi-cli.sh --check    print it only if it exists or can be built (builds nothing)
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.248.0}"
# Commit of the pkg/v3.248.0 tag, and its commit time: the language host's pseudo-version.
LANGUAGE_HOST_PSEUDO="${LANGUAGE_HOST_PSEUDO:-v3.0.0-20260624180030-dc7edd58bc13}"
# pulumi-command v1.2.1 (matches the pinned @pulumi/command): provider module pseudo-version.
COMMAND_PSEUDO="${COMMAND_PSEUDO:-v0.0.0-20260303235922-7f3eb6f3b77c}"
CACHE_DIR="${PULUMI_SCALINGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-scalingo-migration}"
BIN_DIR="$CACHE_DIR/pulumi-v$PULUMI_VERSION/bin"
WORK="$CACHE_DIR/build"

log() { echo "[pulumi-cli] $*" >&2; }

if command -v pulumi >/dev/null 2>&1 && [[ -z "${PULUMI_SCALINGO_FORCE_BUILD:-}" ]]; then
  dirname "$(command -v pulumi)"
  exit 0
fi

if [[ -x "$BIN_DIR/pulumi" && -x "$BIN_DIR/pulumi-resource-pulumi-nodejs" ]]; then
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no Go toolchain to build one"; exit 1; }
[[ "${1:-}" == "--check" ]] && { echo "$BIN_DIR"; exit 0; }

mkdir -p "$BIN_DIR" "$WORK"

# A throwaway module that requires the given modules and builds one main package. Pulumi's
# go.mod has replace directives, so `go install module@version` refuses it; this does not.
build() { # <name> <package> <output> <ldflags> <module@version>...
  local name=$1 package=$2 output=$3 ldflags=$4
  shift 4
  local dir="$WORK/$name"
  rm -rf "$dir" && mkdir -p "$dir"
  (
    cd "$dir"
    go mod init "builder/$name" >/dev/null 2>&1
    for requirement in "$@"; do go mod edit -require="$requirement"; done
    printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" >tools.go
    GOFLAGS=-mod=mod go mod tidy >&2
    GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$output.tmp" "$package" >&2
    mv "$output.tmp" "$output"
  )
}

if [[ ! -x "$BIN_DIR/pulumi" ]]; then
  log "building pulumi v$PULUMI_VERSION from the Go module proxy (first time only, a few minutes)"
  build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$BIN_DIR/pulumi" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
fi

try_plugin() { # <name> <package> <module@version>
  local marker="$BIN_DIR/.$1.unavailable"
  [[ -x "$BIN_DIR/$1" || -e "$marker" ]] && return 0
  if build "$1" "$2" "$BIN_DIR/$1" "-s -w" "$3" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" 2>"$WORK/$1.log"; then
    log "built $1"
  else
    log "$1 is not available from the Go module proxy ($(grep -m1 -o '40[34][^"]*' "$WORK/$1.log" || echo 'build failed')); continuing without it"
    touch "$marker"
  fi
}
try_plugin pulumi-language-nodejs github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 \
  "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$LANGUAGE_HOST_PSEUDO"
try_plugin pulumi-resource-command github.com/pulumi/pulumi-command/provider/cmd/pulumi-resource-command \
  "github.com/pulumi/pulumi-command/provider@$COMMAND_PSEUDO"

# Pulumi's own distribution ships this launcher beside the CLI; without it the engine finds
# the copy inside @pulumi/pulumi on PATH and warns on every run.
cat >"$BIN_DIR/pulumi-resource-pulumi-nodejs" <<'LAUNCHER'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") && exec node "$script" "$@"
LAUNCHER
chmod +x "$BIN_DIR/pulumi-resource-pulumi-nodejs"
echo "$BIN_DIR"
