#!/usr/bin/env python3
"""bench/read/watch.py: the watch path and the Java client, on PostgreSQL with two nodes.

1. 1,000 watchers (server-sent event streams) on node B of one prompt's production label; the label is
   moved through node A, and the time from the move's request to each watcher's event is measured (p50,
   p99, max over every watcher and move), with node B's heap, RSS and thread count before and with the
   streams open.
2. The Java client (client/target/promptledger-client.jar), run by bench/read/ClientBench.java: hot get
   from its cache against a plain HTTP read per call, and the time from a label move to the client
   serving the new version, watched against a Langfuse-style 60 s TTL."""
import asyncio
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

WATCHERS = int(os.environ.get("BENCH_WATCHERS", "1000"))
MOVES = int(os.environ.get("BENCH_MOVES", "10"))
DATABASE = "promptledger_bench_watch"
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "bench/watched"


class Watcher:
    """One SSE stream read with asyncio: the time each prompt event arrived, and its number."""

    def __init__(self):
        self.events = asyncio.Queue()

    async def run(self, port):
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        writer.write((f"GET /prompts/watch?label=production&name={NAME} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      f"Authorization: Bearer {common.TOKEN}\r\nAccept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        event = None
        while True:
            line = await reader.readline()
            if not line:
                return
            text = line.decode().strip()
            if text.startswith("event:"):
                event = text[6:].strip()
            elif text.startswith("data:") and event == "prompt":
                number = text.split('"number":')[1].rstrip("}")
                await self.events.put((time.monotonic(), int(number) if number != "null" else None))


async def watch_moves(a, b, prompt_id):
    port = int(b.base.rsplit(":", 1)[1])
    threads_before, rss_before, heap_before = b.status("Threads"), b.status("VmRSS") / 1024, b.heap_used_mb()
    watchers = [Watcher() for _ in range(WATCHERS)]
    tasks = [asyncio.create_task(w.run(port)) for w in watchers]
    for w in watchers:
        _, number = await asyncio.wait_for(w.events.get(), 60)
        assert number == 1, number
    await asyncio.sleep(1)
    threads_open, rss_open, heap_open = b.status("Threads"), b.status("VmRSS") / 1024, b.heap_used_mb()
    lags, round_max = [], []
    loop = asyncio.get_running_loop()
    for move in range(MOVES):
        target = 2 if move % 2 == 0 else 1
        started = time.monotonic()
        status, _ = await loop.run_in_executor(None, lambda: common.request(
            "PUT", f"{a.base}/prompts/{prompt_id}/labels/production", {"version": target}))
        assert status == 200, status
        this_round = []
        for w in watchers:
            arrived, number = await asyncio.wait_for(w.events.get(), 30)
            assert number == target, (number, target)
            this_round.append((arrived - started) * 1000)
        lags.extend(this_round)
        round_max.append(max(this_round))
        await asyncio.sleep(0.5)
    for task in tasks:
        task.cancel()
    # node B finds the closed streams by writing to them: a heartbeat (every 15 s) or two
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and b.watch_streams() > 0:
        await asyncio.sleep(0.5)
    return lags, round_max, (threads_before, rss_before, heap_before), (threads_open, rss_open, heap_open)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def main():
    common.build_jar()
    common.fresh_database(DATABASE)
    a = common.Server(DATABASE, 18091)
    # 1,000 streams take about 120 MB of node B's 256 MB heap: more than its default share (a quarter)
    b = common.Server(DATABASE, 18092, {"PROMPTLEDGER_WATCH_MAX_STREAMS": str(WATCHERS)})
    try:
        status, created = common.request("POST", a.base + "/prompts", {"name": NAME, "content": "Hello {{name}}"})
        assert status == 201, created
        prompt_id = created["id"]
        common.request("PUT", f"{a.base}/prompts/{prompt_id}", {"name": NAME, "content": "Hi {{name}}!"})
        common.request("PUT", f"{a.base}/prompts/{prompt_id}/labels/production", {"version": 1})
        lags, round_max, before, with_streams = asyncio.run(watch_moves(a, b, prompt_id))
        print(f"bench/read/watch: {WATCHERS} watchers on node B, {MOVES} label moves through node A "
              f"(PostgreSQL, 2 cores shared by both nodes, the database and the watchers)")
        print(f"  move on A -> event at each watcher on B: p50 {percentile(lags, 50):.0f} ms, "
              f"p99 {percentile(lags, 99):.0f} ms, max {max(lags):.0f} ms "
              f"(per move, the last watcher: {', '.join(f'{m:.0f}' for m in round_max)} ms)")
        print(f"  node B before the streams: {before[0]} threads, RSS {before[1]:.0f} MB, heap {before[2]:.0f} MB; "
              f"with {WATCHERS} streams open: {with_streams[0]} threads, RSS {with_streams[1]:.0f} MB, "
              f"heap {with_streams[2]:.0f} MB")
        print("  baseline: a Langfuse-style 60 s TTL serves a moved label after 30 s on average, 60 s at worst")
        subprocess.run(["java", "-cp", common.CLIENT_JAR, os.path.join(HERE, "ClientBench.java"), a.base, b.base,
                        common.TOKEN, NAME, prompt_id], check=True)
    finally:
        a.stop()
        b.stop()


if __name__ == "__main__":
    main()
