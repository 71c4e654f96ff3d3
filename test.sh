#!/usr/bin/env bash
# Runs every test of the solution. Installs what a fresh machine lacks first (see scripts/), then prints a
# plain "N passed, N failed" closing line summed over all test assemblies.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/install-prerequisites.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test Cluster.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
