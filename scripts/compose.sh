#!/usr/bin/env bash
# Shared by start.sh, stop.sh and scale.sh: runs docker compose (the plugin, or Debian's docker-compose) on the
# repository's docker-compose.yml under one project name, so the scaler's docker launcher finds its silos.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-orleansserve}"

# The gateway runs as a non-root user; it reaches the docker socket through the socket's group.
if [[ -z "${DOCKER_GID:-}" && -S /var/run/docker.sock ]]; then
  DOCKER_GID="$(stat -c %g /var/run/docker.sock 2>/dev/null || stat -f %g /var/run/docker.sock)"
  export DOCKER_GID
fi

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f "$ROOT/docker-compose.yml" -p "$COMPOSE_PROJECT_NAME" "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f "$ROOT/docker-compose.yml" -p "$COMPOSE_PROJECT_NAME" "$@"
  else
    echo "Neither 'docker compose' nor 'docker-compose' is installed." >&2
    return 127
  fi
}
