#!/usr/bin/env bash
# Stops and removes the containers (silos drain first: see stop_grace_period). Data volumes stay unless -v:
#   scripts/stop.sh       keep Redis, Prometheus and Grafana data
#   scripts/stop.sh -v    remove them too
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compose.sh"

args=(down --remove-orphans)
[[ "${1:-}" == "-v" ]] && args+=(--volumes)
compose "${args[@]}"
