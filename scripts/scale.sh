#!/usr/bin/env bash
# Sets the number of silo containers to N. New silos join through Redis and start their model servers; removed
# ones drain their queues before they stop. The autoscaler does the same through the docker socket.
#   scripts/scale.sh 3
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compose.sh"

if [[ $# -ne 1 || ! "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 N   (N = number of silos, 0 or more)" >&2
  exit 2
fi
compose up -d --no-deps --no-recreate --scale "silo=$1" silo
compose ps silo
