#!/usr/bin/env python3
"""Worst-case diffs and deltas at the content limit, against a usual edit in the same run.

Starts the packaged jar on a fresh PostgreSQL database (content limit 1 MiB, as shipped) and, for each
pair below, creates a prompt with the first text, replaces it with the second (the write computes the
summary diff and re-encodes the previous content as a delta), then asks for the diff and for a revert
preview. Each is timed over the API, five times on fresh prompts; a 4 KB prompt with a one-word edit is
the baseline. Last, twelve clients open the worst diff at once while /health is asked: the pool must not
starve. Prints milliseconds (median and max) and the ratio of each median to the baseline's.

    python3 bench/diff/run.py
"""
import concurrent.futures
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

LIMIT = 1 << 20
ROUNDS = 5


def random_lines(rng):
    out, size = [], 0
    while size < LIMIT - 8:
        line = rng.choice("abc") + str(rng.randrange(10)) + "\n"
        out.append(line)
        size += len(line)
    return "".join(out)


def random_words(rng):
    out, size = [], 0
    while size < LIMIT - 8:
        word = rng.choice("ab") + rng.choice(" .")
        out.append(word)
        size += 2
    return "".join(out)


def cases():
    rng = random.Random(7)
    base = "Answer clearly, cite sources, keep a friendly tone. " * 80
    return [
        ("usual: one word in 4 KB", base, base.replace("friendly", "warm", 1)),
        ("3 lines -> 1M empty lines", "one\ntwo\nthree\n", "\n" * LIMIT),
        ("1M empty lines -> 3 lines", "\n" * LIMIT, "one\ntwo\nthree\n"),
        ("1 token -> 1M dots", "x", "." * LIMIT),
        ("a/b lines -> b/a lines", "a\nb\n" * (LIMIT // 4), "b\na\n" * (LIMIT // 4)),
        ("random short lines x2", random_lines(rng), random_lines(rng)),
        ("random words x2", random_words(rng), random_words(rng)),
    ]


def timed(method, url, body=None, headers=None):
    start = time.perf_counter()
    status, answer = common.request(method, url, body, headers)
    elapsed = (time.perf_counter() - start) * 1000
    if status >= 300:
        sys.exit(f"{method} {url}: {status} {answer}")
    return elapsed, answer


def main():
    common.build_jar()
    common.fresh_database("bench_diff")
    server = common.Server("bench_diff", 18091)
    try:
        results = []
        for label, before, after in cases():
            writes, diffs, previews = [], [], []
            for i in range(ROUNDS):
                status, created = common.request("POST", server.base + "/prompts",
                                                 {"name": f"bench/diff-{len(results)}-{i}", "content": before})
                if status != 201:
                    sys.exit(f"create: {status} {created}")
                url = server.base + "/prompts/" + created["id"]
                name = created["name"]
                writes.append(timed("PUT", url, {"name": name, "content": after})[0])
                diffs.append(timed("GET", url + "/versions/2/diff")[0])
                previews.append(timed("POST", url + "/versions/1/revert?dry_run=true", {})[0])
            results.append((label, writes, diffs, previews))
        baseline = [statistics.median(series) for series in results[0][1:]]
        print(f"{'pair':30} {'write ms':>18} {'diff ms':>18} {'preview ms':>18}   ratios to the usual edit")
        for label, *series in results:
            cells = [f"{statistics.median(s):8.1f} (max {max(s):6.1f})" for s in series]
            ratios = " ".join(f"{statistics.median(s) / b:7.1f}x" for s, b in zip(series, baseline))
            print(f"{label:30} {cells[0]:>18} {cells[1]:>18} {cells[2]:>18}   {ratios}")

        worst = server.base + "/prompts/" + common.request("GET", server.base + "/prompts/lookup?name=bench/diff-1-0")[1]["id"]
        with concurrent.futures.ThreadPoolExecutor(13) as pool:
            start = time.perf_counter()
            viewers = [pool.submit(timed, "GET", worst + "/versions/2/diff") for _ in range(12)]
            time.sleep(0.05)
            health_start = time.perf_counter()
            health = common.request("GET", server.base + "/health")[0]
            health_ms = (time.perf_counter() - health_start) * 1000
            times = [f.result()[0] for f in viewers]
            total = (time.perf_counter() - start) * 1000
        print(f"12 viewers of the worst diff at once: all done in {total:.0f} ms (slowest {max(times):.0f} ms); "
              f"/health meanwhile: {health} in {health_ms:.0f} ms")
        print(f"peak RSS of the server: {server.rss_peak_mb():.0f} MB (heap 256 MB)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
