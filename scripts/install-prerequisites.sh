#!/usr/bin/env bash
# Installs what the build and tests need and a fresh machine may lack. Idempotent: does nothing when all is there.
# - .NET 10 SDK: must already be on the machine (it is on every machine of this project's kind).
# - Node.js + npm: the dashboard build runs `npm ci` for the SignalR browser client (dashboard/Pulse.Dashboard),
#   and a test drives Segment's official Node SDK (tests/segment-sdk).
# - Chromium: the wall is tested in a real headless browser (tests/Pulse.Silo.Tests/Browser).
set -euo pipefail

need_apt=()
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v npm >/dev/null || need_apt+=(nodejs npm)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)

if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

# PostgreSQL: the postgres profile's tests run against real throwaway clusters (scripts/postgres.sh).
bash "$(dirname "$0")/postgres.sh" install
