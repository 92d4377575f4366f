#!/usr/bin/env python3
"""bench/write: PUT /prompts/{id} (4 KB content, 8 concurrent clients, 1,000 prompts) on PostgreSQL,
against pgbench running the same write transaction by hand at the same concurrency, in the same run;
and the history page at depth 100,000 against the first page; and the server's peak RSS."""
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

PROMPTS = int(os.environ.get("BENCH_PROMPTS", "1000"))
CLIENTS = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
DEPTH = int(os.environ.get("BENCH_DEPTH", "100000"))
DATABASE = "promptledger_bench_write"
HERE = os.path.dirname(os.path.abspath(__file__))


def seed(server):
    ids = []
    content = "Answer clearly. " * 250
    for prefix in ("bench/write-app-", "bench/write-sql-"):
        for i in range(1, PROMPTS + 1):
            status, body = common.request("POST", server.base + "/prompts", {"name": f"{prefix}{i}", "content": content})
            assert status == 201, (status, body)
            if prefix.endswith("app-"):
                ids.append(f"{body['id']} {prefix}{i}")
    path = os.path.join(tempfile.gettempdir(), "promptledger-bench-write-ids.txt")
    with open(path, "w") as f:
        f.write("\n".join(ids) + "\n")
    return path


def wrk(server, ids_path):
    env = dict(os.environ, BENCH_IDS=ids_path, BENCH_TOKEN=common.TOKEN)
    out = subprocess.run(["wrk", "-t2", f"-c{CLIENTS}", f"-d{SECONDS}s", "--latency", "-s",
                          os.path.join(HERE, "put.lua"), server.base], env=env, capture_output=True, text=True,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1) for p in ("50", "90", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat, int(errors.group(1)) if errors else 0


def pgbench():
    out = subprocess.run(["pgbench", "-h", common.PG_HOST, "-p", common.PG_PORT, "-U", common.PG_USER, "-n",
                          "-M", "prepared", "-c", str(CLIENTS), "-j", "2", "-T", str(SECONDS),
                          "-D", f"prompts={PROMPTS}", "-f", os.path.join(HERE, "pgbench.sql"), DATABASE],
                         capture_output=True, text=True, check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    latency = re.search(r"latency average = ([\d.]+) ms", out).group(1)
    return tps, latency


def deep_history(server):
    """One prompt with DEPTH versions (written in bulk by SQL, as their content does not matter here),
    then the median time of its first page against the page DEPTH versions down."""
    status, body = common.request("POST", server.base + "/prompts", {"name": "bench/deep", "content": "v1"})
    prompt_id = body["id"]
    head = body["latest_version"]["version_id"]
    common.psql(f"""
        INSERT INTO prompt_version (id, prompt_id, number, name, content_sha256, created_at, author, change_type,
          parent_version_id, lines_added, lines_removed, chars_added, chars_removed, fields_changed, variables,
          content_hash)
        SELECT gen_random_uuid(), v.prompt_id, n, v.name, v.content_sha256, now(), 'admin', 'update', v.id, 0, 0, 0, 0,
          '', '', v.content_hash
        FROM prompt_version v, generate_series(2, {DEPTH}) n WHERE v.id = '{head}';
        ANALYZE prompt_version;""", DATABASE)
    host, port = server.base.split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port))
    headers = {"Authorization": "Bearer " + common.TOKEN}

    def get(path):
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        data = json.loads(response.read())
        assert response.status == 200, data
        return (time.perf_counter() - start) * 1000, data

    cursor = None
    for _ in range(DEPTH // 200 - 1):
        _, page = get(f"/prompts/{prompt_id}/versions?limit=200" + (f"&cursor={cursor}" if cursor else ""))
        cursor = page["next_cursor"]
    first, deep = [], []
    for _ in range(200):
        first.append(get(f"/prompts/{prompt_id}/versions?limit=50")[0])
        deep.append(get(f"/prompts/{prompt_id}/versions?limit=50&cursor={cursor}")[0])
    connection.close()
    return statistics.median(first), statistics.median(deep)


def main():
    common.build_jar()
    common.fresh_database(DATABASE)
    server = common.Server(DATABASE, 18094)
    try:
        ids_path = seed(server)
        rps, lat, errors = wrk(server, ids_path)
        first, deep = deep_history(server)
        rss = server.rss_peak_mb()
    finally:
        server.stop()
    tps, pg_latency = pgbench()
    print(f"bench/write: {PROMPTS} prompts, 4 KB contents, {CLIENTS} concurrent clients, {SECONDS} s each, 2 cores shared")
    print(f"  promptledger PUT /prompts/{{id}}           {rps:8.0f} req/s   p50 {lat['50']}  p90 {lat['90']}  p99 {lat['99']}"
          f"   non-2xx {errors}")
    print(f"  pgbench, the same write transaction       {tps:8.0f} tx/s    avg {pg_latency} ms")
    print(f"  ratio promptledger / pgbench = {rps / tps:.2f}   (target >= 0.6)")
    print(f"  history page at depth {DEPTH:,}: {deep:.2f} ms, first page {first:.2f} ms: ratio {deep / first:.2f} (target <= 1.2)")
    print(f"  server peak RSS {rss:.0f} MB (target <= 512)")


if __name__ == "__main__":
    main()
