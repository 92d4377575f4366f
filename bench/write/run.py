#!/usr/bin/env python3
"""bench/write: PUT /prompts/{id} (4 KB content, 8 concurrent clients, 1,000 prompts) on PostgreSQL,
against pgbench running the same write transaction by hand at the same concurrency, in the same run;
the same PUTs again with one webhook subscribed to every event (a receiver in this script answering
204), against the run without; the history page at depth 100,000 against the first page; and the
server's peak RSS."""
import http.client
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

PROMPTS = int(os.environ.get("BENCH_PROMPTS", "1000"))
CLIENTS = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
DEPTH = int(os.environ.get("BENCH_DEPTH", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "180"))
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


class Receiver(http.server.BaseHTTPRequestHandler):
    """A webhook receiver that takes every delivery and answers 204, keeping connections open as a
    production receiver (behind any web server) does."""
    protocol_version = "HTTP/1.1"
    received = 0

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Receiver.received += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def subscribe(server, receiver):
    """Subscribes the receiver to every event; the webhook's id."""
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    status, body = common.request("POST", server.base + "/webhooks", {"url": url, "events": ["*"]})
    assert status == 201, (status, body)
    return body["id"]


def drain(deadline_seconds):
    """Waits until no delivery is pending (at most the deadline); how long that took."""
    start = time.time()
    while time.time() - start < deadline_seconds and \
            common.psql_value("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending'", DATABASE) != "0":
        time.sleep(0.5)
    return time.time() - start


def with_and_without_webhook(server, ids_path):
    """PUTs without a webhook and with one on every event, in ROUNDS rounds of alternating order (so that
    drift of the machine falls on both alike), each phase waiting until the deliveries before it are made. With
    PROMPTLEDGER_WEBHOOKS_WORKERS=0 the node delivers nothing: what is left is the outbox's cost alone."""
    delivering = os.environ.get("PROMPTLEDGER_WEBHOOKS_WORKERS") != "0"
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    # warm the path with a webhook too (the warm-up above had none), unmeasured
    webhook = subscribe(server, receiver)
    common.wrk(server.base, os.path.join(HERE, "put.lua"), CLIENTS, 10, {"BENCH_IDS": ids_path})
    if delivering:
        drain(120)
    assert common.request("DELETE", server.base + "/webhooks/" + webhook)[0] == 204
    rounds = []
    for round_number in range(ROUNDS):
        # without-with, then with-without, and so on: a machine that speeds up or slows down during the run
        # favours neither side
        order = ("without", "with") if round_number % 2 == 0 else ("with", "without")
        figures = {}
        for phase in order:
            if phase == "without":
                figures["without"] = common.wrk(server.base, os.path.join(HERE, "put.lua"), CLIENTS, SECONDS,
                                                {"BENCH_IDS": ids_path})[0]
                continue
            webhook = subscribe(server, receiver)
            before = Receiver.received
            hooked, lat, errors = common.wrk(server.base, os.path.join(HERE, "put.lua"), CLIENTS, SECONDS,
                                             {"BENCH_IDS": ids_path})
            during = Receiver.received - before
            drained = drain(120) if delivering else 0.0
            assert common.request("DELETE", server.base + "/webhooks/" + webhook)[0] == 204
            figures["with"] = (hooked, lat, errors, during, drained)
        hooked, lat, errors, during, drained = figures["with"]
        rounds.append((figures["without"], hooked, lat, errors, during, drained))
    receiver.shutdown()
    return delivering, rounds


def notifying(script):
    """The pgbench script with the pg_notify that the contract asks of every write, before its COMMIT."""
    with open(script) as f:
        sql = f.read()
    path = os.path.join(tempfile.gettempdir(), "promptledger-bench-write-notify.sql")
    with open(path, "w") as f:
        f.write(sql.replace("COMMIT;", "SELECT pg_notify('promptledger_cache', 'bench');\nCOMMIT;"))
    return path


def main():
    common.build_jar()
    common.fresh_database(DATABASE)
    server = common.Server(DATABASE, 18094, {"PROMPTLEDGER_WEBHOOK_ALLOW_PRIVATE": "true"})
    cpu = common.CpuMeter("java", "postgres", "wrk", "pgbench")
    try:
        ids_path = seed(server)
        common.warm_up(server.base, os.path.join(HERE, "put.lua"), CLIENTS, WARMUP, {"BENCH_IDS": ids_path})
        rps, lat, errors = cpu.around(SECONDS, lambda: common.wrk(server.base, os.path.join(HERE, "put.lua"), CLIENTS,
                                                                   SECONDS, {"BENCH_IDS": ids_path}))
        app_cpu = cpu.per_op(rps)
        delivering, rounds = with_and_without_webhook(server, ids_path)
        first, deep = deep_history(server)
        rss = server.rss_peak_mb()
    finally:
        server.stop()
    script = os.path.join(HERE, "pgbench.sql")
    tps, pg_latency = cpu.around(SECONDS, lambda: common.pgbench(DATABASE, script, CLIENTS, SECONDS, PROMPTS))
    pg_cpu = cpu.per_op(tps)
    tps_notify, notify_latency = common.pgbench(DATABASE, notifying(script), CLIENTS, SECONDS, PROMPTS)
    print(f"bench/write: {PROMPTS} prompts, 4 KB contents, {CLIENTS} concurrent clients, {SECONDS} s each "
          f"after {WARMUP} s of warm-up, 2 cores shared")
    print(f"  promptledger PUT /prompts/{{id}}           {rps:8.0f} req/s   p50 {lat['50']}  p90 {lat['90']}  p99 {lat['99']}"
          f"   non-2xx {errors}")
    print(f"      CPU per request: server {app_cpu['java']:.2f} ms, PostgreSQL {app_cpu['postgres']:.2f} ms, "
          f"wrk {app_cpu['wrk']:.2f} ms")
    print(f"  with and without a webhook on every event, alternating, {SECONDS} s each"
          f" ({'delivered by this node' if delivering else 'the outbox alone: this node delivers nothing'}):")
    for plain, hooked, lat, errors, during, drained in rounds:
        print(f"      without {plain:6.0f} req/s   with {hooked:6.0f} req/s (p50 {lat['50']}, p99 {lat['99']},"
              f" non-2xx {errors})   ratio {hooked / plain:.2f}"
              + (f";  {during} delivered during the phase, the rest within {drained:.1f} s" if delivering else ""))
    total_plain = sum(r[0] for r in rounds)
    total_hooked = sum(r[1] for r in rounds)
    print(f"      ratio with webhook / without = {total_hooked / total_plain:.2f}   (target >= 0.9)")
    print(f"  pgbench, the same write transaction       {tps:8.0f} tx/s    avg {pg_latency} ms")
    print(f"      CPU per transaction: PostgreSQL {pg_cpu['postgres']:.2f} ms, pgbench {pg_cpu['pgbench']:.2f} ms")
    print(f"  pgbench, the same plus its pg_notify      {tps_notify:8.0f} tx/s    avg {notify_latency} ms"
          f"   (ceiling of any write that notifies: {tps_notify / tps:.2f} of the line above)")
    print(f"  ratio promptledger / pgbench = {rps / tps:.2f}   (target >= 0.6);"
          f" against the notifying transaction: {rps / tps_notify:.2f}")
    print(f"  history page at depth {DEPTH:,}: {deep:.2f} ms, first page {first:.2f} ms: ratio {deep / first:.2f} (target <= 1.2)")
    print(f"  server peak RSS {rss:.0f} MB (target <= 512)")


if __name__ == "__main__":
    main()
