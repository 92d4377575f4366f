#!/usr/bin/env python3
"""bench/read: GET /prompts/lookup?name=&label= under concurrent load on PostgreSQL, against pgbench
selecting the same row by key over TCP at the same concurrency, in the same run."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

PROMPTS = int(os.environ.get("BENCH_PROMPTS", "200"))
CONNECTIONS = int(os.environ.get("BENCH_CONCURRENCY", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
DATABASE = "promptledger_bench_read"
HERE = os.path.dirname(os.path.abspath(__file__))


def seed(server):
    contents = common.real_prompts(PROMPTS)
    for i, content in enumerate(contents, start=1):
        name = f"bench/read-{i:04d}"
        status, body = common.request("POST", server.base + "/prompts", {"name": name, "content": content})
        assert status == 201, (status, body)
        common.request("PUT", server.base + f"/prompts/{body['id']}/labels/production", {"version": 1})


def wrk(server):
    env = dict(os.environ, BENCH_PROMPTS=str(PROMPTS), BENCH_TOKEN=common.TOKEN)
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s",
                          os.path.join(HERE, "lookup.lua"), server.base], env=env, capture_output=True,
                         text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1) for p in ("50", "90", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat, int(errors.group(1)) if errors else 0


def pgbench():
    out = subprocess.run(["pgbench", "-h", common.PG_HOST, "-p", common.PG_PORT, "-U", common.PG_USER, "-n",
                          "-M", "prepared", "-c", str(CONNECTIONS), "-j", "2", "-T", str(SECONDS),
                          "-D", f"prompts={PROMPTS}", "-f", os.path.join(HERE, "pgbench.sql"), DATABASE],
                         capture_output=True, text=True, check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    latency = re.search(r"latency average = ([\d.]+) ms", out).group(1)
    return tps, latency


def main():
    common.build_jar()
    common.fresh_database(DATABASE)
    server = common.Server(DATABASE, 18090)
    try:
        seed(server)
        wrk_warm = dict(os.environ)
        subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", "-d5s", "-s", os.path.join(HERE, "lookup.lua"),
                        server.base], env=dict(wrk_warm, BENCH_PROMPTS=str(PROMPTS), BENCH_TOKEN=common.TOKEN),
                       capture_output=True, check=True)
        rps, lat, errors = wrk(server)
        rss = server.rss_peak_mb()
    finally:
        server.stop()
    tps, pg_latency = pgbench()
    print(f"bench/read: {PROMPTS} prompts, {CONNECTIONS} concurrent clients, {SECONDS} s each, 2 cores shared")
    print(f"  promptledger GET /prompts/lookup?name=&label=  {rps:10.0f} req/s   "
          f"p50 {lat['50']}  p90 {lat['90']}  p99 {lat['99']}   non-2xx {errors}")
    print(f"  pgbench SELECT of the same row by key          {tps:10.0f} tx/s    avg {pg_latency} ms")
    print(f"  ratio promptledger / pgbench = {rps / tps:.2f}   (target >= 1.0)")
    print(f"  server peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
