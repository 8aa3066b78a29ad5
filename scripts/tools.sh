#!/usr/bin/env bash
# Makes sure the external tools the test suite drives are available, building them from the
# Go module proxy into a cache outside the repository when needed (first run: minutes; then
# seconds). Outside CI a machine without Go still runs the rest of the suite: the engine tests
# then skip with one loud line. In CI (CI=true) a missing tool fails the run.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for tool in pulumi-cli.sh; do
  if ! "$here/$tool" >/dev/null; then
    if [[ "${CI:-}" == "true" ]]; then
      echo "tools: $tool failed and CI needs it" >&2
      status=1
    else
      echo "tools: !!! $tool could not provide its tool; the tests that need it will be skipped" >&2
    fi
  fi
done
exit $status
