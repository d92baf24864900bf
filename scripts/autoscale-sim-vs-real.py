#!/usr/bin/env python3
"""Runs the simulator on what each real run (scripts/autoscale-real.sh) faced and prints both side by side: p99 and
cost (real replica-seconds against simulated core-seconds, the same count: replicas holding a core, starting ones
included), their ratios, and whether the simulator ranks each trace's policies as the real runs did.

    scripts/autoscale-sim-vs-real.py [--uncalibrated] [--seeds=5] [--sim="--machine-cores 2 ..."] RUN_DIR...
    (each RUN_DIR holds the run's summary.json, scaler.json and requests.csv, or a kept run's requests.csv.gz:
     the folders under docs/autoscaling/real/issue20/ are such)

The simulator runs with seeds 1..N (other Poisson arrivals of the same trace: a real run is one draw) and the table
gives the median and the range; --sim passes more simulator options.

Calibrated (the default), the simulator replays the run's trace at its scale with the script's cluster (1-2 replicas,
one warm silo), replays the run's measured inference times as its service times (the replicas' speed under the
contention of that run, second by second) and adds the run's measured latency outside the server (gateway, HTTP,
client) to each request; its scaler sees signals a second old (servers report once a second) and first evaluates when
the real one first did after the load started (the phase of hpa's 15 s cadence), reading rate and CPU over the last
second as the real scaler does; a cold start takes what the run's launcher measured (its scaler status'
startupSeconds), which also sets the policies' scale-down window as it did the real one's. --uncalibrated uses the
simulator's defaults instead (lognormal 20 ms, cv 0.15, 8 s cold start; nothing outside the server; signals of the
present over the policy's period; first poll at 1 s).
Needs a Release build of tools/ScalingSimulator.
"""
import importlib.util, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIMULATOR = os.path.join(ROOT, "tools/ScalingSimulator/bin/Release/net10.0/linux-x64/OrleansServe.ScalingSimulator.dll")
spec = importlib.util.spec_from_file_location("real", os.path.join(ROOT, "scripts/autoscale-real-summary.py"))
real_summary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real_summary)


def first_evaluation_s(run, start):
    """Seconds from the load's start to the scaler's first evaluation in it (the phase of hpa's 15 s cadence)."""
    times = sorted(real_summary.utc(d["timestampUtc"]) for d in json.load(open(f"{run}/scaler.json"))["history"])
    return next(((t - start).total_seconds() for t in times if t >= start), None)


def measured_startup_s(run):
    """The launcher's measured start-up time the real scaler planned with (its scale-down window is twice that)."""
    return json.load(open(f"{run}/scaler.json"))["status"].get("startupSeconds")


def simulate(run, policy, calibrated, seeds, extra):
    """The simulator's summaries for seeds 1..seeds (other Poisson arrivals for the same trace)."""
    s = json.load(open(f"{run}/summary.json"))["run"]
    first = first_evaluation_s(run, real_summary.utc(s["startedUtc"]))
    startup = measured_startup_s(run)
    workload = os.path.join(ROOT, "workloads", s["workload"])
    summaries = []
    for seed in range(1, seeds + 1):
        with tempfile.TemporaryDirectory() as out:
            args = ["dotnet", SIMULATOR, "--workload", workload, "--policy", policy, "--scale", str(s["scale"]),
                    "--max", "2", "--warm", "1", "--seed", str(seed), "--out", out] + extra
            if calibrated:
                args += ["--from-run", run, "--signal-delay-s", "1", "--signal-window-s", "1"]
                args += ["--first-poll-s", f"{first:.3f}"] if first else []
                args += ["--startup-s", f"{startup:.2f}"] if startup else []
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
            summaries.append(json.load(open(f"{out}/summary.json")))
    return summaries, s["workload"].removesuffix(".txt"), s["scale"]


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2


def policy_of(run):
    history = json.load(open(f"{run}/scaler.json"))["history"]
    return history[0]["policy"] if history else os.path.basename(os.path.normpath(run))


def main(argv):
    calibrated = "--uncalibrated" not in argv
    seeds = int(next((a.split("=", 1)[1] for a in argv if a.startswith("--seeds=")), "5"))
    extra = next((a.split("=", 1)[1].split() for a in argv if a.startswith("--sim=")), [])
    runs = [a for a in argv if not a.startswith("--")]
    if not runs:
        sys.exit(__doc__)
    rows = []
    for run in runs:
        policy = policy_of(run)
        real = real_summary.summarize(run)
        sims, trace, scale = simulate(run, policy, calibrated, seeds, extra)
        sim = {"p99Ms": median([x["p99Ms"] for x in sims]), "coreSeconds": median([x["coreSeconds"] for x in sims]),
               "p99Range": (min(x["p99Ms"] for x in sims), max(x["p99Ms"] for x in sims))}
        rows.append((trace, scale, policy, real, sim))
    print(f"Simulator {'calibrated from each run' if calibrated else 'with its defaults'}{' ' + ' '.join(extra) if extra else ''}, "
          f"median of seeds 1-{seeds}; goal: p99 within ±30 %, cost within ±15 %, same ranking.")
    print("| trace | policy | real p99 ms | sim p99 ms (seeds' range) | sim/real | real in range | real replica-s | sim core-s | sim/real |")
    print("|---|---|---|---|---|---|---|---|---|")
    for trace, scale, policy, real, sim in rows:
        p = sim["p99Ms"] / real["p99Ms"]
        c = sim["coreSeconds"] / real["replicaSeconds"]
        low, high = sim["p99Range"]
        print(f"| {trace} ×{scale:g} | {policy} | {real['p99Ms']:.0f} | {sim['p99Ms']:.0f} ({low:.0f}–{high:.0f}) | "
              f"{p:.2f} {'ok' if abs(p - 1) <= 0.30 else 'MISS'} | {'yes' if low <= real['p99Ms'] <= high else 'no'} | "
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
