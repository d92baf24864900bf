#!/usr/bin/env bash
# Docker HEALTHCHECK without curl or wget (the aspnet image has neither): an HTTP/1.0 GET through bash's
# /dev/tcp, healthy on a 200 status line. The silo's web host listens on the container IP only (Silo:Address),
# so the target is that address, as the entrypoint computed it; the gateway listens on 0.0.0.0 and answers there
# too. HEALTH_PORT and HEALTH_PATH come from the image (silo: 8081 /health, gateway: 8080 /v2/health/live).
set -uo pipefail
host="${HEALTH_HOST:-}"
if [[ -z "$host" ]]; then
  host="$(hostname -i 2>/dev/null | tr ' ' '\n' | grep -m1 -E '^[0-9]+(\.[0-9]+){3}$' || true)"
  [[ -n "$host" ]] || host="$(awk -v h="$(cat /etc/hostname)" '$2 == h && $1 ~ /^[0-9.]+$/ { print $1; exit }' /etc/hosts)"
  host="${host:-127.0.0.1}"
fi
port="${HEALTH_PORT:?HEALTH_PORT is not set}"
path="${HEALTH_PATH:-/health}"
exec 3<>"/dev/tcp/${host}/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]] || { echo "unhealthy: ${status%$'\r'}"; exit 1; }
