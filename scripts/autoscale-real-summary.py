#!/usr/bin/env python3
"""Tabulates scripts/autoscale-real.sh runs: latency and the silos' core-seconds (GET /api/cluster/cpu, when the
gateway served it) from the load tester's summary.json, replica-seconds and scaling actions from the scaler's history
(scaler.json), over the load test's window.

    scripts/autoscale-real-summary.py RUN_DIR...     (each RUN_DIR holds summary.json, scaler.json and requests.csv,
                                                     or a kept run's requests.csv.gz)
"""
import csv, gzip, json, os, sys
from datetime import datetime, timedelta


def utc(text):
    text = text.replace("Z", "+00:00")
    head, _, tail = text.partition(".")
    if tail:  # .NET writes 7 fractional digits; Python takes 6
        frac = "".join(c for c in tail if c.isdigit())[:6]
        zone = tail[len("".join(c for c in tail if c.isdigit())):]
        text = f"{head}.{frac}{zone}"
    return datetime.fromisoformat(text)


def summarize(run):
    s = json.load(open(f"{run}/summary.json"))
    start = utc(s["run"]["startedUtc"])
    end = start + timedelta(seconds=s["run"]["durationS"])
    history = sorted(json.load(open(f"{run}/scaler.json"))["history"], key=lambda d: d["timestampUtc"])
    # Replicas (ready + starting) as a step function of the scaler's evaluations (every poll for slo, every 15 s for
    # hpa and queue), integrated second by second over the load test's window.
    points = [(utc(d["timestampUtc"]), d["signals"]["currentReplicas"]) for d in history]
    if history:
        # After the last evaluation, what it decided (the next evaluation would have seen it).
        points.append((points[-1][0] + timedelta(seconds=1), history[-1]["target"]))
    replica_s = 0.0
    for k in range(int((end - start).total_seconds())):
        t = start + timedelta(seconds=k + 0.5)
        before = [r for when, r in points if when <= t]
        replica_s += before[-1] if before else (points[0][1] if points else 0)
    window = [d for d in history if start <= utc(d["timestampUtc"]) <= end]
    # A run's own requests.csv, or the cut, gzipped one of a run kept in the repository (autoscale-real-keep.py).
    plain = f"{run}/requests.csv"
    with (open(plain) if os.path.exists(plain) else gzip.open(f"{plain}.gz", "rt")) as f:
        rows = list(csv.DictReader(f))
    latency = next(k for k in rows[0] if k.lower().startswith("latency"))
    over = sum(1 for r in rows if float(r[latency] or "inf") > 500)
    return {
        "run": run, "requests": s["count"], "p50Ms": round(s["p50Ms"], 1), "p99Ms": round(s["p99Ms"], 1),
        "over500ms": over, "errors": sum(s.get("errorsByStatus", {}).values()),
        "replicaSeconds": round(replica_s),
        "coreSeconds": round(s["cluster"]["coreSeconds"]) if s.get("cluster") else None, "scaleActions": sum(1 for d in window if d["actions"]),
        "peakReplicas": max((d["signals"]["currentReplicas"] for d in window), default=0),
        "historyCoversRun": bool(history) and utc(history[0]["timestampUtc"]) <= start + timedelta(seconds=16),
        "historyEndsAtS": round((utc(history[-1]["timestampUtc"]) - start).total_seconds()) if history else None,
        "durationS": s["run"]["durationS"],
    }


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = [summarize(r) for r in sys.argv[1:]]
    print("| run | requests | p50 ms | p99 ms | over 500 ms | errors | replica-s | silo core-s | scale actions | peak replicas |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        note = "" if r["historyCoversRun"] else " (history starts late)"
        if r["historyEndsAtS"] is not None and r["historyEndsAtS"] < r["durationS"] - 30:
            note += f" (history ends at +{r['historyEndsAtS']} s)"
        print(f"| {r['run']} | {r['requests']} | {r['p50Ms']} | {r['p99Ms']} | {r['over500ms']} | {r['errors']} | "
              f"{r['replicaSeconds']}{note} | {r['coreSeconds'] if r['coreSeconds'] is not None else '–'} | "
              f"{r['scaleActions']} | {r['peakReplicas']} |")
