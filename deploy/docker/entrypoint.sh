#!/usr/bin/env bash
# Container entrypoint for the silo and gateway images. A silo must listen on, and advertise to the cluster, an
# address the other containers reach: the container's own IP, which differs per replica, so it cannot be fixed in
# docker-compose.yml. Each replica also needs its own silo name (model-server ids are "{Silo:Name}/{n}" and are
# pinned to that name); the container's hostname (its short id under compose, the pod name on Kubernetes) is one.
# Values set from outside (Kubernetes sets Silo__Address from status.podIP) win.
set -euo pipefail

container_ip() {
  local ip
  ip="$(hostname -i 2>/dev/null | tr ' ' '\n' | grep -m1 -E '^[0-9]+(\.[0-9]+){3}$' || true)"
  if [[ -z "$ip" ]]; then
    # No `hostname` binary: Docker and Kubernetes both write "IP hostname" for the container into /etc/hosts.
    ip="$(awk -v h="$(cat /etc/hostname)" '$2 == h && $1 ~ /^[0-9.]+$/ { print $1; exit }' /etc/hosts)"
  fi
  echo "${ip:-127.0.0.1}"
}

if [[ -z "${Silo__Address:-}" ]]; then
  Silo__Address="$(container_ip)"
  export Silo__Address
fi
if [[ -z "${Silo__Name:-}" ]]; then
  Silo__Name="$(cat /etc/hostname)"
  export Silo__Name
fi
echo "entrypoint: Silo__Address=${Silo__Address} Silo__Name=${Silo__Name}"
exec "$@"
