#!/usr/bin/env python3
"""bench/read: GET /prompts/lookup?name=&label= under concurrent load on PostgreSQL, against pgbench
selecting the same row by key over TCP at the same concurrency, in the same run."""
import os
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


def main():
    common.build_jar()
    common.fresh_database(DATABASE)
    server = common.Server(DATABASE, 18090)
    try:
        seed(server)
        common.warm_up(server.base, os.path.join(HERE, "lookup.lua"), CONNECTIONS, 5, {"BENCH_PROMPTS": str(PROMPTS)})
        rps, lat, errors = common.wrk(server.base, os.path.join(HERE, "lookup.lua"), CONNECTIONS, SECONDS,
                                      {"BENCH_PROMPTS": str(PROMPTS)})
        rss = server.rss_peak_mb()
    finally:
        server.stop()
    tps, pg_latency = common.pgbench(DATABASE, os.path.join(HERE, "pgbench.sql"), CONNECTIONS, SECONDS, PROMPTS)
    print(f"bench/read: {PROMPTS} prompts, {CONNECTIONS} concurrent clients, {SECONDS} s each, 2 cores shared")
    print(f"  promptledger GET /prompts/lookup?name=&label=  {rps:10.0f} req/s   "
          f"p50 {lat['50']}  p90 {lat['90']}  p99 {lat['99']}   non-2xx {errors}")
    print(f"  pgbench SELECT of the same row by key          {tps:10.0f} tx/s    avg {pg_latency} ms")
    print(f"  ratio promptledger / pgbench = {rps / tps:.2f}   (target >= 1.0)")
    print(f"  server peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
