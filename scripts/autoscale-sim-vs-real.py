#!/usr/bin/env python3
"""Runs the simulator on what each real run (scripts/autoscale-real.sh) faced and prints both side by side: p99 and
cost (real replica-seconds against simulated core-seconds, the same count: replicas holding a core, starting ones
included), their ratios, and whether the simulator ranks each trace's policies as the real runs did.

    scripts/autoscale-sim-vs-real.py [--uncalibrated] RUN_DIR...    (RUN_DIR: summary.json, scaler.json, requests.csv)

Calibrated (the default), the simulator replays the run's trace at its scale with the script's cluster (1-2 replicas,
one warm silo), resamples the run's measured inference times as its service times (the replicas' speed under the
contention of that run) and adds the run's measured latency outside the server (gateway, HTTP, client) to each
request, and its scaler sees signals a second old (servers report once a second). --uncalibrated uses the
simulator's defaults instead (lognormal 20 ms, cv 0.15; nothing outside the server; signals of the present).
Needs a Release build of tools/ScalingSimulator.
"""
import importlib.util, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIMULATOR = os.path.join(ROOT, "tools/ScalingSimulator/bin/Release/net10.0/linux-x64/OrleansServe.ScalingSimulator.dll")
spec = importlib.util.spec_from_file_location("real", os.path.join(ROOT, "scripts/autoscale-real-summary.py"))
real_summary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real_summary)


def simulate(run, policy, calibrated):
    s = json.load(open(f"{run}/summary.json"))["run"]
    workload = os.path.join(ROOT, "workloads", s["workload"])
    with tempfile.TemporaryDirectory() as out:
        args = ["dotnet", SIMULATOR, "--workload", workload, "--policy", policy, "--scale", str(s["scale"]),
                "--max", "2", "--warm", "1", "--seed", str(s.get("seed", 1)), "--out", out]
        if calibrated:
            args += ["--from-run", run, "--signal-delay-s", "1"]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        return json.load(open(f"{out}/summary.json")), s["workload"].removesuffix(".txt"), s["scale"]


def policy_of(run):
    history = json.load(open(f"{run}/scaler.json"))["history"]
    return history[0]["policy"] if history else os.path.basename(os.path.normpath(run))


def main(argv):
    calibrated = "--uncalibrated" not in argv
    runs = [a for a in argv if not a.startswith("--")]
    if not runs:
        sys.exit(__doc__)
    rows = []
    for run in runs:
        policy = policy_of(run)
        real = real_summary.summarize(run)
        sim, trace, scale = simulate(run, policy, calibrated)
        rows.append((trace, scale, policy, real, sim))
    print(f"Simulator {'calibrated from each run' if calibrated else 'with its defaults'}; "
          "goal: p99 within ±30 %, cost within ±15 %, same ranking.")
    print("| trace | policy | real p99 ms | sim p99 ms | sim/real | real replica-s | sim core-s | sim/real |")
    print("|---|---|---|---|---|---|---|---|")
    for trace, scale, policy, real, sim in rows:
        p = sim["p99Ms"] / real["p99Ms"]
        c = sim["coreSeconds"] / real["replicaSeconds"]
        print(f"| {trace} ×{scale:g} | {policy} | {real['p99Ms']} | {sim['p99Ms']} | {p:.2f} {'ok' if abs(p - 1) <= 0.30 else 'MISS'} | "
              f"{real['replicaSeconds']} | {sim['coreSeconds']:.0f} | {c:.2f} {'ok' if abs(c - 1) <= 0.15 else 'MISS'} |")
    by_trace = {}
    for trace, scale, policy, real, sim in rows:
        by_trace.setdefault((trace, scale), {})[policy] = (real, sim)
    for (trace, scale), pair in by_trace.items():
        if len(pair) != 2:
            continue
        (a, (ra, sa)), (b, (rb, sb)) = pair.items()
        def order(x, y):
            return "=" if x == y else "<" if x < y else ">"
        p_same = order(ra["p99Ms"], rb["p99Ms"]) == order(sa["p99Ms"], sb["p99Ms"])
        c_same = order(ra["replicaSeconds"], rb["replicaSeconds"]) == order(round(sa["coreSeconds"]), round(sb["coreSeconds"]))
        print(f"{trace} ×{scale:g}: {a} {order(ra['p99Ms'], rb['p99Ms'])} {b} on p99 real, {order(sa['p99Ms'], sb['p99Ms'])} simulated "
              f"({'same' if p_same else 'DIFFERENT'}); on cost real {order(ra['replicaSeconds'], rb['replicaSeconds'])}, "
              f"simulated {order(round(sa['coreSeconds']), round(sb['coreSeconds']))} ({'same' if c_same else 'DIFFERENT'})")


if __name__ == "__main__":
    main(sys.argv[1:])
