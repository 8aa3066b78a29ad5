#!/usr/bin/env bash
# Prints the directory holding a working `pulumi` CLI and its Node.js language host
# (`pulumi-language-nodejs`), which together run this repository's Pulumi.yaml projects with
# plain `pulumi up`. Uses a `pulumi` on PATH when its language host is there too; otherwise
# builds both from the Go module proxy into a cache OUTSIDE the repository (first run: about
# 13 minutes on 2 cores; later runs: milliseconds). Progress goes to stderr; stdout carries
# only the directory, so `export PATH="$(scripts/pulumi-cli.sh):$PATH"` works.
#
# Versions, on purpose:
#   pulumi                  pkg/v3 v3.248.0: the engine @pulumi/pulumi 3.248.0 (our pin) was
#                           released with; 3.249+ needs Node.js 22.
#   pulumi-language-nodejs  sdk/v3 v3.68.0: the last tagged sdk release whose module still
#                           contains nodejs/cmd/pulumi-language-nodejs. Later it became a module
#                           of its own that is never tagged, and the Go module proxy our machines
#                           reach refuses its pseudo-versions (403). The host only starts node
#                           with the SDK's run script from the program's own node_modules, so
#                           this older host runs our projects on the 3.248 engine; the engine
#                           warns that it uses a language host found on PATH, as expected.
# Not built: pulumi-resource-command (for @pulumi/command in examples/manual-data): the proxy
# refuses it (403), and the `@pulumi/command` npm package would download it at run time.
#
#   scripts/pulumi-cli.sh            print the bin dir, building if needed
#   scripts/pulumi-cli.sh --check    print it only if it exists or can be built (builds nothing)
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.248.0}"
LANGUAGE_HOST_SDK_VERSION="${LANGUAGE_HOST_SDK_VERSION:-3.68.0}"
CACHE_DIR="${PULUMI_SCALINGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-scalingo-migration}"
BIN_DIR="$CACHE_DIR/pulumi-v$PULUMI_VERSION/bin"
WORK="$CACHE_DIR/build"

log() { echo "[pulumi-cli] $*" >&2; }

if [[ -z "${PULUMI_SCALINGO_FORCE_BUILD:-}" ]] && command -v pulumi >/dev/null 2>&1 && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  dirname "$(command -v pulumi)"
  exit 0
fi

complete() { [[ -x "$BIN_DIR/pulumi" && -x "$BIN_DIR/pulumi-language-nodejs" && -x "$BIN_DIR/pulumi-resource-pulumi-nodejs" ]]; }
if complete; then
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi (with pulumi-language-nodejs) on PATH and no Go toolchain to build one"; exit 1; }
[[ "${1:-}" == "--check" ]] && { echo "$BIN_DIR"; exit 0; }

mkdir -p "$BIN_DIR" "$WORK"
# One build at a time: parallel test runs (or two shells) must not clobber each other's work.
exec 9>"$CACHE_DIR/build.lock"
flock 9
if complete; then
  echo "$BIN_DIR"
  exit 0
fi

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
  log "building pulumi v$PULUMI_VERSION from the Go module proxy (first time only, about 13 minutes on 2 cores)"
  build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$BIN_DIR/pulumi" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
fi

if [[ ! -x "$BIN_DIR/pulumi-language-nodejs" ]]; then
  log "building pulumi-language-nodejs from sdk v$LANGUAGE_HOST_SDK_VERSION (first time only, about 20 s)"
  build pulumi-language-nodejs github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$BIN_DIR/pulumi-language-nodejs" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_SDK_VERSION" \
    "github.com/pulumi/pulumi/sdk/v3@v$LANGUAGE_HOST_SDK_VERSION"
fi

# Pulumi's own distribution ships this launcher beside the CLI; without it the engine finds
# the copy inside @pulumi/pulumi on PATH and warns on every run.
cat >"$BIN_DIR/pulumi-resource-pulumi-nodejs.tmp" <<'LAUNCHER'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") && exec node "$script" "$@"
LAUNCHER
chmod +x "$BIN_DIR/pulumi-resource-pulumi-nodejs.tmp"
mv "$BIN_DIR/pulumi-resource-pulumi-nodejs.tmp" "$BIN_DIR/pulumi-resource-pulumi-nodejs"
rm -f "$BIN_DIR"/.pulumi-*.unavailable
echo "$BIN_DIR"
