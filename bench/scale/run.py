#!/usr/bin/env python3
"""A million prompts on one PostgreSQL: the same calls against a 1,000-prompt database in the same run.

For each database (BENCH_SMALL prompts, then BENCH_PROMPTS, 10 versions each, plus one prompt of
BENCH_DEEP versions; loaded by bench/scale/load.py through the real schema), the jar is started on it
empty (Flyway makes the schema; that start is timed), the data is loaded with SQL, and the jar is
started again (timed from `java -jar` to a healthy /health; each start-up figure is the median of
three starts). Then, over one keep-alive connection,
SAMPLES calls of each kind, in rounds so that no kind runs on a warmer server than another:

- hot reads: the same prompt by id, and by name and label;
- cold reads: a random prompt each time (by id; by name and label), so the node's caches miss;
- the first list page, a search with `q`, a tag filter;
- a history page 100,000 versions deep (the cursor found by walking there once);
- a diff of two versions of a random prompt;
- writes on random prompts: a new version (PUT with If-Match), a confirmed revert, a label move.

Prints p50 and p99 per call on each database and the ratio of the large one's p99 to the small
one's (target: within 1.5x), the node's peak RSS on each (target: at most 512 MB; from VmHWM), the
start-up times (target: no slower on the large database than on an empty one), and the load's time
and the database's size.

    python3 bench/scale/run.py                      # BENCH_PROMPTS=1000000 by default
    BENCH_PROMPTS=100000 python3 bench/scale/run.py # a quicker look
"""
import http.client
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
import load  # noqa: E402

PROMPTS = int(os.environ.get("BENCH_PROMPTS", "1000000"))
SMALL = int(os.environ.get("BENCH_SMALL", "1000"))
VERSIONS = 10
DEEP = int(os.environ.get("BENCH_DEEP", "100001"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "300"))
PORT = 18481
# set to reuse databases a previous run loaded (for work on the server; the figures of record load afresh)
REUSE = os.environ.get("BENCH_REUSE") == "1"
STARTS = 3


class Client:
    """One keep-alive connection with the admin token."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None, headers=None):
        all_headers = {"Authorization": "Bearer " + common.TOKEN}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        start = time.perf_counter()
        self.connection.request(method, path, None if body is None else json.dumps(body), all_headers)
        response = self.connection.getresponse()
        raw = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        return response.status, response.getheader("ETag"), raw, elapsed


def name(n):
    return f"scale/p{n:07d}"


def started(database):
    """Starts the jar on `database`; the seconds from launch to a healthy /health, and the server."""
    start = time.perf_counter()
    server = common.Server(database, PORT)
    return time.perf_counter() - start, server


def deep_cursor(client):
    """The cursor of the history page that starts 100,000 versions below the newest of scale/deep."""
    path = f"/prompts/{load.uuid_of('deep')}/versions?limit=200"
    cursor, seen = None, 0
    while seen < 100_000:
        status, _, raw, _ = client.call("GET", path + ("" if cursor is None else "&cursor=" + cursor))
        assert status == 200, raw
        page = json.loads(raw)
        seen += len(page["items"])
        cursor = page["next_cursor"]
    return cursor


def calls(client, prompts, rng, deep):
    """Each kind of call: (name, function doing one call and answering its milliseconds)."""
    def get(path, expect=200):
        status, _, raw, ms = client.call("GET", path)
        assert status == expect, (path, status, raw[:300])
        return ms

    def put_version():
        n = rng.randrange(1, prompts + 1)
        status, etag, raw, _ = client.call("GET", f"/prompts/{load.prompt_id(n)}")
        assert status == 200, raw
        content = json.loads(raw)["content"] + f"one more line {rng.random()}\n"
        status, _, raw, ms = client.call("PUT", f"/prompts/{load.prompt_id(n)}", {"name": name(n), "content": content},
                                         {"If-Match": etag})
        assert status == 200, raw
        return ms

    def revert():
        n = rng.randrange(1, prompts + 1)
        status, _, raw, ms = client.call("POST", f"/prompts/{load.prompt_id(n)}/versions/1/revert",
                                         {"confirm": True, "message": "bench"})
        assert status in (200, 201), raw
        return ms

    def label_move():
        n = rng.randrange(1, prompts + 1)
        status, _, raw, ms = client.call("PUT", f"/prompts/{load.prompt_id(n)}/labels/staging",
                                         {"version": rng.randrange(1, VERSIONS + 1)})
        assert status in (200, 201), raw
        return ms

    return [
        ("hot read by id", lambda: get(f"/prompts/{load.prompt_id(7)}")),
        ("hot read by name+label", lambda: get(f"/prompts/lookup?name={name(7)}&label=production")),
        ("cold read by id", lambda: get(f"/prompts/{load.prompt_id(rng.randrange(1, prompts + 1))}")),
        ("cold read by name+label",
         lambda: get(f"/prompts/lookup?name={name(rng.randrange(1, prompts + 1))}&label=production")),
        ("first list page", lambda: get("/prompts?limit=25")),
        ("search q", lambda: get("/prompts?q=developer&limit=25")),
        ("tag filter", lambda: get("/prompts?tag=team-7&limit=25")),
        ("history 100,000 deep", lambda: get(f"/prompts/{load.uuid_of('deep')}/versions?limit=25&cursor={deep}")),
        ("diff", lambda: get(f"/prompts/{load.prompt_id(rng.randrange(1, prompts + 1))}/versions/{VERSIONS}/diff"
                             f"?against=1")),
        ("write (PUT)", put_version),
        ("revert", revert),
        ("label move", label_move),
    ]


def start_up(database):
    """The median of STARTS timed starts of the jar on `database`."""
    times = []
    for _ in range(STARTS):
        seconds, server = started(database)
        server.stop()
        times.append(seconds)
    return sorted(times)[len(times) // 2]


def measure(database, prompts):
    startup = start_up(database)
    # the first start may have migrated a reused database; vacuum as autovacuum would have (it is off on
    # some servers, this machine's among them: a migration that rewrote a million rows left them dead)
    common.psql("VACUUM (ANALYZE)", database)
    _, server = started(database)
    try:
        client = Client(PORT)
        rng = random.Random(5)
        deep = deep_cursor(client)
        kinds = calls(client, prompts, rng, deep)
        for _, call in kinds:  # warm up each path
            for _ in range(30):
                call()
        times = {kind: [] for kind, _ in kinds}
        rounds = 10
        for _ in range(rounds):
            for kind, call in kinds:
                for _ in range(SAMPLES // rounds):
                    times[kind].append(call())
        return startup, times, server.status("VmHWM") // 1024
    finally:
        server.stop()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    common.build_jar()
    results = {}
    for label, prompts in (("small", SMALL), ("large", PROMPTS)):
        database = f"bench_scale_{label}"
        if REUSE and common.psql_value(f"SELECT count(*) FROM pg_database WHERE datname = '{database}'") == "1":
            empty_start, loaded = float("nan"), float("nan")
        else:
            common.fresh_database(database)
            empty_start = start_up(database)
            began = time.perf_counter()
            load.load(database, prompts, VERSIONS, DEEP)
            loaded = time.perf_counter() - began
        size = int(common.psql_value(f"SELECT pg_database_size('{database}')", database)) / 1e6
        startup, times, rss = measure(database, prompts)
        results[label] = (prompts, empty_start, loaded, size, startup, times, rss)
        print(f"{label}: {prompts:,} prompts x {VERSIONS} versions + one of {DEEP:,}: loaded in {loaded:.0f} s, "
              f"{size:,.0f} MB; start-up {startup:.1f} s (empty database: {empty_start:.1f} s); peak RSS {rss} MB",
              flush=True)
    small, large = results["small"][5], results["large"][5]
    print(f"\n{'call':26} {'small p50':>9} {'p99':>7}   {'large p50':>9} {'p99':>7}   p99 ratio (target <= 1.5)")
    for kind in small:
        s50, s99 = percentile(small[kind], 0.5), percentile(small[kind], 0.99)
        l50, l99 = percentile(large[kind], 0.5), percentile(large[kind], 0.99)
        print(f"{kind:26} {s50:9.1f} {s99:7.1f}   {l50:9.1f} {l99:7.1f}   {l99 / s99:5.2f}x")


if __name__ == "__main__":
    main()
