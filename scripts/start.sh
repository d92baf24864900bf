#!/usr/bin/env bash
# Builds the images and starts Redis, SILOS silos (default 2), the gateway, Prometheus and Grafana, then waits
# until the gateway answers /health (models loaded somewhere in the cluster).
#   scripts/start.sh            two silos
#   SILOS=4 scripts/start.sh    four silos
#   SCALING_ENABLED=true scripts/start.sh   with the autoscaler adding and removing silo containers
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compose.sh"

SILOS="${SILOS:-2}"
[[ "$SILOS" =~ ^[0-9]+$ ]] || { echo "SILOS must be a number, got '$SILOS'." >&2; exit 2; }

compose up -d --build --scale "silo=$SILOS"

echo -n "Waiting for the gateway on http://localhost:8080/health "
for _ in $(seq 1 120); do
  if HEALTH_HOST=127.0.0.1 HEALTH_PORT=8080 HEALTH_PATH=/health "$ROOT/deploy/docker/healthcheck.sh" >/dev/null 2>&1; then
    echo " ready."
    cat <<MSG
Gateway      http://localhost:8080        (ops page: /ui, Orleans dashboard: /dashboard, metrics: /metrics)
Prometheus   http://localhost:9090
Grafana      http://localhost:3000        (dashboard "OrleansServe"; admin / ${GRAFANA_ADMIN_PASSWORD:-admin})
Scale:       scripts/scale.sh N           Stop: scripts/stop.sh
MSG
    exit 0
  fi
  echo -n "."
  sleep 2
done
echo " not ready after 4 minutes; see: docker compose -p $COMPOSE_PROJECT_NAME logs gateway silo" >&2
exit 1
