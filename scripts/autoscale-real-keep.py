#!/usr/bin/env python3
"""Keeps a scripts/autoscale-real.sh run in the repository: its summary.json and scaler.json as they are, and its
requests.csv cut to the columns the summary and the simulator's calibration read (scheduledMs, status, latencyMs,
queueMs, inferenceMs; times to 0.1 ms), gzipped. Both scripts/autoscale-real-summary.py and
scripts/autoscale-sim-vs-real.py (through the simulator's --from-run) read a kept folder as they read the run's own.

    scripts/autoscale-real-keep.py RUN_DIR KEPT_DIR
"""
import csv, gzip, os, shutil, sys

COLUMNS = ["scheduledMs", "status", "latencyMs", "queueMs", "inferenceMs"]


def tenth(text):
    try:
        return f"{float(text):.1f}"
    except ValueError:
        return text


def keep(run, kept):
    os.makedirs(kept, exist_ok=True)
    for name in ("summary.json", "scaler.json"):
        shutil.copyfile(os.path.join(run, name), os.path.join(kept, name))
    with open(os.path.join(run, "requests.csv"), newline="") as src, \
            gzip.open(os.path.join(kept, "requests.csv.gz"), "wt", newline="", compresslevel=9) as dst:
        out = csv.writer(dst, lineterminator="\n")
        out.writerow(COLUMNS)
        for row in csv.DictReader(src):
            out.writerow([row["status"] if c == "status" else tenth(row[c]) for c in COLUMNS])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    keep(sys.argv[1], sys.argv[2])
