#!/usr/bin/env python3
"""bench/read: GET /prompts/lookup?name=&label= and GET /prompts/{id}?label= under concurrent load on
PostgreSQL, for text prompts and for chat prompts (messages and a config), against pgbench selecting the
same row by key over TCP at the same concurrency, in the same run (target: 1.2 times pgbench)."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

PROMPTS = int(os.environ.get("BENCH_PROMPTS", "200"))
CONNECTIONS = int(os.environ.get("BENCH_CONCURRENCY", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
DATABASE = "promptledger_bench_read"
HERE = os.path.dirname(os.path.abspath(__file__))
# (kind, by id): lookups by name and reads by id, of text prompts and of chat prompts
RUNS = (("read", False), ("chat", False), ("read", True), ("chat", True))


def describe(kind, by_id):
    what = "text" if kind == "read" else "chat"
    return f"GET /prompts/{{id}}?label=, {what}" if by_id else f"GET /prompts/lookup?name=&label=, {what}"


def seed(server):
    """Creates the prompts; the files of their ids, text and chat."""
    ids = {"read": [], "chat": []}
    contents = common.real_prompts(PROMPTS)
    for i, content in enumerate(contents, start=1):
        text = {"name": f"bench/read-{i:04d}", "content": content, "labels": ["production"]}
        chat = {"name": f"bench/chat-{i:04d}", "type": "chat", "labels": ["production"],
                "messages": [{"role": "system", "content": content}, {"type": "placeholder", "name": "history"},
                             {"role": "user", "content": "{{question}}"}],
                "config": {"model": "gpt-4o-mini", "temperature": 0.2, "max_tokens": 800}}
        for kind, prompt in (("read", text), ("chat", chat)):
            status, body = common.request("POST", server.base + "/prompts", prompt)
            assert status == 201, (status, body)
            ids[kind].append(body["id"])
    files = {}
    for kind, values in ids.items():
        files[kind] = os.path.join(tempfile.gettempdir(), f"promptledger-bench-read-{kind}-ids.txt")
        with open(files[kind], "w") as f:
            f.write("\n".join(values) + "\n")
    return files


def main():
    common.build_jar()
    common.fresh_database(DATABASE)
    server = common.Server(DATABASE, 18090)
    try:
        id_files = seed(server)
        results = {}
        for kind, by_id in RUNS:
            env = {"BENCH_PROMPTS": str(PROMPTS), "BENCH_KIND": kind}
            if by_id:
                env["BENCH_IDS"] = id_files[kind]
            common.warm_up(server.base, os.path.join(HERE, "lookup.lua"), CONNECTIONS, 5, env)
            results[(kind, by_id)] = common.wrk(server.base, os.path.join(HERE, "lookup.lua"), CONNECTIONS, SECONDS,
                                                env)
        rss = server.rss_peak_mb()
    finally:
        server.stop()
    tps, pg_latency = common.pgbench(DATABASE, os.path.join(HERE, "pgbench.sql"), CONNECTIONS, SECONDS, PROMPTS)
    print(f"bench/read: {PROMPTS} text and {PROMPTS} chat prompts, {CONNECTIONS} concurrent clients, {SECONDS} s each, "
          f"2 cores shared")
    for kind, by_id in RUNS:
        rps, lat, errors = results[(kind, by_id)]
        print(f"  promptledger {describe(kind, by_id):<44} {rps:10.0f} req/s   "
              f"p50 {lat['50']}  p90 {lat['90']}  p99 {lat['99']}   non-2xx {errors}")
    print(f"  pgbench SELECT of the same row by key                      {tps:10.0f} tx/s    avg {pg_latency} ms")
    for kind, by_id in RUNS:
        print(f"  ratio promptledger ({describe(kind, by_id)}) / pgbench = {results[(kind, by_id)][0] / tps:.2f}"
              f"   (target >= 1.2)")
    print(f"  server peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
