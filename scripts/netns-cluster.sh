#!/usr/bin/env bash
# A cluster of real network hosts on one Linux machine (root): a network namespace each for redis, SILOS silos and the
# gateway, on a bridge of their own with no uplink and no default route, each host with its own address from
# 198.18.0.0/15 (RFC 2544, set aside for benchmark tests). The gateway has two links: one on the cluster's bridge and
# one on the clients' bridge, where the root namespace (the load generator, your shell) has an address too.
#
#   scripts/netns-cluster.sh up        network, redis, silos and gateway (built outputs of src/Silo, src/Gateway)
#   scripts/netns-cluster.sh down      stops the processes and removes namespaces, links and bridges
#   scripts/netns-cluster.sh net-up    the network only (what tests/Network.Tests starts its processes in)
#   scripts/netns-cluster.sh net-down  the same as down
#   scripts/netns-cluster.sh cut HOST | heal HOST    sets HOST's cluster link down or up (a partition): redis, silo1…, gw
#
# Settings (environment): NETNS_PREFIX (default "osn"; names are PREFIX-redis, PREFIX-silo1…, PREFIX-gw),
# SILOS (default 3), CLUSTER_NET (default 198.18.0: the cluster's /24), CLIENT_NET (default 198.18.1: the clients' /24),
# CONFIGURATION (default Release). Addresses: redis .2, gateway .10, silo N .(10+N) on the cluster net; the root
# namespace .1 and the gateway .10 on the clients' net. The gateway answers on http://CLIENT_NET.10:8080.
set -euo pipefail

P="${NETNS_PREFIX:-osn}"
SILOS="${SILOS:-3}"
CLUSTER_NET="${CLUSTER_NET:-198.18.0}"
CLIENT_NET="${CLIENT_NET:-198.18.1}"
CONFIGURATION="${CONFIGURATION:-Release}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${TMPDIR:-/tmp}/netns-cluster-$P"

[[ "$P" =~ ^[a-z][a-z0-9]{1,9}$ ]] || { echo "NETNS_PREFIX must be 2-10 lowercase letters or digits, got '$P'." >&2; exit 2; }
[[ "$SILOS" =~ ^[1-9]$ ]] || { echo "SILOS must be 1-9, got '$SILOS'." >&2; exit 2; }

hosts() { echo redis gw; for i in $(seq 1 "$SILOS"); do echo "silo$i"; done; }

# Link names are at most 15 characters: PREFIX (≤ 10) + "-" + a short host tag.
tag() { case "$1" in redis) echo r ;; gw) echo gc ;; silo*) echo "s${1#silo}" ;; esac; }
address() { case "$1" in redis) echo "$CLUSTER_NET.2" ;; gw) echo "$CLUSTER_NET.10" ;; silo*) echo "$CLUSTER_NET.$((10 + ${1#silo}))" ;; esac; }

net_up() {
  net_down
  ip link add "$P-cl" type bridge
  ip link add "$P-cb" type bridge
  ip link set "$P-cl" up
  ip link set "$P-cb" up
  ip addr add "$CLIENT_NET.1/24" dev "$P-cb"
  for host in $(hosts); do
    ip netns add "$P-$host"
    ip -n "$P-$host" link set lo up
    ip link add "$P-$(tag "$host")" type veth peer name eth0 netns "$P-$host"
    ip link set "$P-$(tag "$host")" master "$P-cl" up
    ip -n "$P-$host" addr add "$(address "$host")/24" dev eth0
    ip -n "$P-$host" link set eth0 up
  done
  ip link add "$P-ge" type veth peer name eth1 netns "$P-gw"
  ip link set "$P-ge" master "$P-cb" up
  ip -n "$P-gw" addr add "$CLIENT_NET.10/24" dev eth1
  ip -n "$P-gw" link set eth1 up
}

net_down() {
  for ns in $(ip netns list | awk '{print $1}' | grep "^$P-" || true); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  for link in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^$P-" || true); do
    ip link del "$link" 2>/dev/null || true
  done
}

built() { # project: its newest built dll
  local dll
  dll="$(find "$ROOT/src/$1/bin/$CONFIGURATION" -name "OrleansServe.$1.dll" -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -1 | cut -d' ' -f2)"
  [[ -n "$dll" ]] || { echo "OrleansServe.$1.dll is missing: dotnet build -c $CONFIGURATION src/$1 first." >&2; exit 1; }
  echo "$dll"
}

start() { # host, command…: runs in the host's namespace, output in RUN_DIR/host.log
  local host="$1"; shift
  ip netns exec "$P-$host" "$@" >"$RUN_DIR/$host.log" 2>&1 &
}

up() {
  local silo_dll gateway_dll
  silo_dll="$(built Silo)"
  gateway_dll="$(built Gateway)"
  net_up
  rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR"
  start redis redis-server --bind "$(address redis)" --port 6379 --protected-mode no --save "" --appendonly no
  export Cluster__Mode=Redis Cluster__Redis="$(address redis):6379" Silo__SiloPort=11111 Silo__GatewayPort=30000 Silo__Dashboard=false
  for i in $(seq 1 "$SILOS"); do
    Silo__Address="$(address "silo$i")" Silo__Name="silo$i" Silo__HttpPort=8081 start "silo$i" dotnet "$silo_dll"
  done
  Silo__Address="$(address gw)" Silo__Name=gw Silo__Servers=0 Urls="http://$CLIENT_NET.10:8080" start gw dotnet "$gateway_dll"
  echo -n "Waiting for the gateway on http://$CLIENT_NET.10:8080/health "
  for _ in $(seq 1 90); do
    if curl -fs -o /dev/null "http://$CLIENT_NET.10:8080/health"; then
      echo " ready. Logs: $RUN_DIR. Stop: scripts/netns-cluster.sh down"
      return 0
    fi
    echo -n "."
    sleep 2
  done
  echo " not ready after 3 minutes; see $RUN_DIR/*.log" >&2
  exit 1
}

case "${1:-}" in
  up) up ;;
  down | net-down) net_down ;;
  net-up) net_up ;;
  cut) ip link set "$P-$(tag "${2:?cut HOST}")" down ;;
  heal) ip link set "$P-$(tag "${2:?heal HOST}")" up ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
