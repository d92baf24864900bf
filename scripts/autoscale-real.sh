#!/usr/bin/env bash
# Runs one scaling policy on a real cluster on this machine and drives it with the load tester:
# redis-server, one static silo (one replica: one worker on one core), the gateway in Redis mode with the scaler
# (process launcher, at most 2 one-core replicas), then `LoadTester run` over a workload trace.
#
#   scripts/autoscale-real.sh WORKLOAD POLICY OUT_DIR [SCALE] [MODEL] [TOKENS]
#   scripts/autoscale-real.sh workloads/spike.txt slo runs/real/spike/slo 1.5
#   WARM=1 scripts/autoscale-real.sh ...   # the launcher keeps one warm silo (Scaling:Process:WarmSilos)
#
# Needs a Release build (dotnet build -c Release) and redis-server. Everything listens on 127.0.0.1 and free ports,
# and everything started here is stopped on exit.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n 2,11p "$0"; exit 2; }
WORKLOAD=$(realpath "$1"); POLICY=$2; OUT=$(realpath -m "$3"); SCALE=${4:-1.5}; MODEL=${5:-B}; TOKENS=${6:-150-150}; WARM=${WARM:-0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=bin/Release/net10.0/linux-x64
GATEWAY_DIR=$ROOT/src/Gateway/$BIN SILO_DIR=$ROOT/src/Silo/$BIN LOADTESTER=$ROOT/tools/LoadTester/$BIN/OrleansServe.LoadTester.dll
for f in "$GATEWAY_DIR/OrleansServe.Gateway.dll" "$SILO_DIR/OrleansServe.Silo.dll" "$LOADTESTER"; do
  [[ -f $f ]] || { echo "missing $f: run dotnet build -c Release" >&2; exit 1; }
done
command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install -y redis-server)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_health() { for _ in $(seq 120); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "no answer from $1" >&2; return 1; }

mkdir -p "$OUT"
PIDS=()
# Newest first, one at a time: the gateway stops the silos its launcher started while Redis is still up (stopped
# together, a launched silo could outlive them all, retrying a Redis that was gone).
cleanup() {
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null || true
    timeout 40 tail --pid="${PIDS[i]}" -f /dev/null 2>/dev/null || kill -KILL "${PIDS[i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$OUT/redis.log" 2>&1 &
PIDS+=($!)
sleep 0.5

export Cluster__Mode=Redis Cluster__Redis=127.0.0.1:$REDIS_PORT Cluster__ClusterId=real-$POLICY-$$
export Logging__LogLevel__Default=Warning Logging__Console__TimestampFormat='HH:mm:ss.fff ' DOTNET_GCgen0size=0x4000000
# One replica = one model server with one worker on one core.
export Engine__Workers=1 Models__Load=$MODEL Silo__Dashboard=false

SILO_HTTP=$(free_port)
(cd "$SILO_DIR" && Silo__Name=static Silo__SiloPort=$(free_port) Silo__GatewayPort=$(free_port) Silo__HttpPort=$SILO_HTTP \
  Silo__Servers=1 exec dotnet OrleansServe.Silo.dll) >"$OUT/silo.log" 2>&1 &
PIDS+=($!)
wait_health "http://127.0.0.1:$SILO_HTTP/health"

GATEWAY_PORT=$(free_port)
(cd "$GATEWAY_DIR" && Urls=http://127.0.0.1:$GATEWAY_PORT Silo__Name=gateway Silo__SiloPort=$(free_port) Silo__GatewayPort=$(free_port) \
  Silo__Servers=0 Scaling__Enabled=true Scaling__Policy=$POLICY Scaling__PollSeconds=1 Scaling__MinReplicas=1 Scaling__MaxReplicas=2 \
  Scaling__MaxReplicasPerSilo=1 Scaling__Models__0=$MODEL Scaling__Launcher=process Scaling__Process__WarmSilos=$WARM \
  Scaling__Process__Environment__Engine__Workers=1 Scaling__Process__Environment__Models__Load=$MODEL \
  Scaling__Process__Environment__Silo__Servers=1 Scaling__Process__Environment__Silo__Dashboard=false \
  Scaling__Process__Environment__DOTNET_GCgen0size=0x4000000 \
  exec dotnet OrleansServe.Gateway.dll) >"$OUT/gateway.log" 2>&1 &
PIDS+=($!)
URL=http://127.0.0.1:$GATEWAY_PORT
wait_health "$URL/health"
sleep 3  # a first registry report from the static silo
for _ in $(seq 120); do  # and the warm pool filled
  [[ $(curl -sf "$URL/api/scaler" | python3 -c 'import json,sys; print(sum(1 for s in json.load(sys.stdin)["status"]["silos"] if s["warm"] and s["startupSeconds"]))') -ge $WARM ]] && break
  sleep 0.5
done

dotnet "$LOADTESTER" run --workload "$WORKLOAD" --scale "$SCALE" --style tokens --mix "$MODEL=1" --tokens "$TOKENS" \
  --url "$URL" --slo-ms 500 --no-progress --out "$OUT" | tail -n 20
curl -sf "$URL/api/scaler?max=1000" >"$OUT/scaler.json" || true
echo "policy $POLICY: $(python3 -c "
import json,sys; s=json.load(open('$OUT/summary.json'))
lat=s.get('latencyMs',s.get('latency',{})); print(json.dumps({k:s[k] for k in s if k in ('requests','p50Ms','p99Ms','errors','cluster')} or s)[:400])")"
