#!/usr/bin/env python3
"""bench/write/ab.py: two builds' write paths on the same database, alternating, so that the machine's
drift (large on shared 2-core hosts: pgbench itself varies by a third between runs) falls on both alike.
The build under test is server/target/promptledger.jar; the baseline is BENCH_BASELINE_JAR (say, main's
jar from before a change). Both must run on the schema the newer one migrates to. For each of ROUNDS
rounds, each build is started, warmed up with the PUT load of bench/write, measured, and stopped; prints
req/s and CPU per request of the server and of PostgreSQL per round, and the ratio of the medians.

    BENCH_BASELINE_JAR=/path/to/old.jar python3 bench/write/ab.py   # BENCH_ROUNDS=3 BENCH_WARMUP=90
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
import run as write  # noqa: E402

BASELINE = os.environ.get("BENCH_BASELINE_JAR")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "90"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_CONCURRENCY", "8"))
HERE = os.path.dirname(os.path.abspath(__file__))


def measure(jar, ids_path):
    server = common.Server(write.DATABASE, 18095, jar=jar)
    cpu = common.CpuMeter("java", "postgres", "wrk")
    try:
        script = os.path.join(HERE, "put.lua")
        common.warm_up(server.base, script, CLIENTS, WARMUP, {"BENCH_IDS": ids_path})
        rps, lat, errors = cpu.around(SECONDS, lambda: common.wrk(server.base, script, CLIENTS, SECONDS,
                                                                   {"BENCH_IDS": ids_path}))
        return rps, lat, errors, cpu.per_op(rps)
    finally:
        server.stop()


def main():
    if not BASELINE or not os.path.exists(BASELINE):
        sys.exit("set BENCH_BASELINE_JAR to the baseline build's jar")
    common.build_jar()
    common.fresh_database(write.DATABASE)
    seeding = common.Server(write.DATABASE, 18095)
    try:
        ids_path = write.seed(seeding)
    finally:
        seeding.stop()
    results = {"baseline": [], "this build": []}
    for round_number in range(ROUNDS):
        for label, jar in (("baseline", BASELINE), ("this build", common.JAR)):
            rps, lat, errors, cpu = measure(jar, ids_path)
            results[label].append(rps)
            print(f"round {round_number + 1} {label:<10} {rps:6.0f} req/s  p50 {lat['50']}  p99 {lat['99']}  "
                  f"non-2xx {errors}  CPU per request: server {cpu['java']:.2f} ms, PostgreSQL {cpu['postgres']:.2f} ms",
                  flush=True)
    base, this = statistics.median(results["baseline"]), statistics.median(results["this build"])
    print(f"median: baseline {base:.0f} req/s, this build {this:.0f} req/s: ratio {this / base:.2f}")


if __name__ == "__main__":
    main()
