#!/usr/bin/env python3
"""bench/storage: replays edit histories through the running service's API, then reports bytes per
version for promptledger's content tables, for full copies, and for git after `git gc --aggressive`,
and the latency of reading an old version against the current one (caches not involved)."""
import csv
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

DATABASE = "promptledger_bench_storage"
NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def real_histories():
    histories = []
    with open(os.path.join(common.SHARED, "prompt-histories.jsonl"), encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            histories.append((item["name"], [(v["content"], v["author"], v["created_at"]) for v in item["versions"]]))
    return [(name, changes_only(history)) for name, history in histories]


def changes_only(history):
    """The versions that change the content (a write that changes nothing makes no version)."""
    kept = [history[0]]
    for version in history[1:]:
        if version[0] != kept[-1][0]:
            kept.append(version)
    return kept


def synthetic_history(edits=1000, seed=7):
    """One prompt of 4-12 KB (real prompts glued together) and a stream of small edits to it."""
    rng = random.Random(seed)
    text = ""
    for prompt in common.real_prompts(60):
        if len(text) > 8000:
            break
        text += prompt + "\n\n"
    words = text.split(" ")
    versions = [(" ".join(words), "synthetic", "2026-01-01T00:00:00Z")]
    for i in range(edits):
        kind = rng.random()
        at = rng.randrange(len(words))
        if kind < 0.4:
            words[at] = rng.choice(["clear", "concise", "friendly", "precise", "helpful", "brief"])
        elif kind < 0.7 or len(" ".join(words)) < 4000:
            words.insert(at, rng.choice(["please", "always", "never", "carefully", "step by step"]))
        elif len(" ".join(words)) > 12000 or kind < 0.9:
            del words[at]
        else:
            words.insert(at, "Note: answer in the user's language.\n")
        versions.append((" ".join(words), "synthetic", "2026-01-01T00:00:00Z"))
    return [("synthetic/long-prompt", changes_only(versions))]


def chat_histories():
    """The real histories as chat prompts: each version a system message (the real content) and a user
    message, with a config that changes every few versions (temperature every third, max_tokens every
    fifth), as teams keep a model call beside its prompt."""
    chats = []
    for name, history in real_histories():
        versions = []
        for i, (content, author, created) in enumerate(history):
            body = {"messages": [{"role": "system", "content": content},
                                 {"type": "placeholder", "name": "history"},
                                 {"role": "user", "content": "{{question}}"}],
                    "config": {"model": "gpt-4o-mini", "temperature": round(0.1 * ((i // 3) % 8), 1),
                               "max_tokens": 500 + 100 * (i // 5)}}
            versions.append((body, author, created))
        chats.append(("chat/" + name, versions))
    return chats


TEMPLATE = """# Assistant for the support desk

You answer for the support team of a software company. Read the whole request before you answer.

## Your task

{task}

## Rules

- Answer in the language of the request.
- Keep answers under {limit} words unless the user asks for more.
- Never invent facts about the product; say when you do not know.
- Quote the user's words when you refer to them.
- {extra}

## Output

Reply in Markdown: a one-line summary, then the answer, then a line starting with "Next step:".
"""


def templated(count=400, seed=11):
    """Many similar prompts, few versions each: every prompt is the same team template around one of the
    shared collection's prompts; version 2 changes one rule in all of them (a template update rolled
    out to every prompt), version 3 edits the task of every third prompt."""
    rng = random.Random(seed)
    csv.field_size_limit(1 << 24)
    tasks = [t for t in common.real_prompts(count * 2) if len(t) < 4000][:count]
    histories = []
    for index, task in enumerate(tasks):
        first = TEMPLATE.format(task=task, limit=200, extra="Be polite.")
        second = TEMPLATE.format(task=task, limit=250, extra="Be polite and brief.")
        versions = [(first, "team", "2026-01-01T00:00:00Z"), (second, "team", "2026-02-01T00:00:00Z")]
        if index % 3 == 0:
            words = task.split(" ")
            words.insert(rng.randrange(len(words) + 1), "carefully")
            versions.append((TEMPLATE.format(task=" ".join(words), limit=250, extra="Be polite and brief."),
                             "team", "2026-03-01T00:00:00Z"))
        histories.append((f"team/prompt-{index}", versions))
    return histories


def text_of(payload):
    """What a version says as one text: a text's content, or a chat's body as indented JSON (as an
    export writes it, and as git is given it)."""
    return payload if isinstance(payload, str) else json.dumps(payload, indent=2, ensure_ascii=False)


def safe_name(name, index):
    cleaned = NAME_CHARS.sub("-", name).strip("-.")[:150] or "prompt"
    return f"{cleaned}-{index}"


def replay(server, histories):
    ids, versions = [], 0
    for index, (name, history) in enumerate(histories):
        name = safe_name(name, index)
        status, body = common.request("POST", server.base + "/prompts", write(name, history[0][0], True))
        assert status == 201, (status, body)
        prompt_id = body["id"]
        for payload, _, _ in history[1:]:
            status, body = common.request("PUT", server.base + f"/prompts/{prompt_id}", write(name, payload, False))
            assert status == 200, (status, body)
        ids.append(prompt_id)
        versions += len(history)
    return ids, versions


def write(name, payload, create):
    if isinstance(payload, str):
        return {"name": name, "content": payload}
    body = {"name": name, "messages": payload["messages"], "config": payload["config"]}
    if create:
        body["type"] = "chat"
    return body


def content_table_bytes():
    common.psql("VACUUM FULL content_blob", DATABASE)
    out = common.psql_value("SELECT pg_total_relation_size('content_blob'), COUNT(*), "
                            "COUNT(*) FILTER (WHERE base IS NOT NULL) FROM content_blob", DATABASE).split("|")
    return int(out[0]), int(out[1]), int(out[2])


def compact():
    """Runs the `compact` command on the bench database (as an operator would after a large import)."""
    env = dict(os.environ, PROMPTLEDGER_DB_URL=f"jdbc:postgresql://{common.PG_HOST}:{common.PG_PORT}/{DATABASE}",
               PROMPTLEDGER_DB_USER=common.PG_USER)
    done = subprocess.run(["java", "-jar", common.JAR, "compact"], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("compact failed: " + done.stdout + done.stderr)
    return done.stdout.strip()


def all_tables_bytes():
    """Every table of the schema with its TOAST and indexes, after VACUUM FULL, and the five largest."""
    common.psql("VACUUM FULL", DATABASE)
    rows = common.psql_value("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                             "JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC", DATABASE)
    sizes = [(name, int(size)) for name, size in (line.split("|") for line in rows.splitlines())]
    return sum(size for _, size in sizes), sizes


def git_bytes(histories):
    repo = tempfile.mkdtemp(prefix="promptledger-git-")
    try:
        def git(*args, env=None):
            done = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, env=env)
            if done.returncode != 0:
                sys.exit(f"git {args[0]} failed: {done.stderr.strip()}")
        git("init", "-q")
        git("config", "gc.auto", "0")
        events = []
        for index, (name, history) in enumerate(histories):
            for number, (content, author, created) in enumerate(history):
                events.append((created, index, number, safe_name(name, index), content, author))
        events.sort()
        for created, _, _, name, content, author in events:
            path = os.path.join(repo, name + ".md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text_of(content))
            git("add", name + ".md")
            env = dict(os.environ, GIT_AUTHOR_NAME=author or "someone", GIT_AUTHOR_EMAIL="a@example.invalid",
                       GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="b@example.invalid",
                       GIT_AUTHOR_DATE=created, GIT_COMMITTER_DATE=created)
            git("commit", "-q", "--allow-empty", "-m", f"update {name}", env=env)
        git("gc", "-q", "--aggressive", "--prune=now")
        pack_dir = os.path.join(repo, ".git", "objects", "pack")
        return sum(os.path.getsize(os.path.join(pack_dir, f)) for f in os.listdir(pack_dir) if f.endswith(".pack"))
    finally:
        shutil.rmtree(repo, ignore_errors=True)


def read_latency(server, prompt_id, versions, samples=300):
    """Median milliseconds to GET an old version and the current one, alternating, on one connection."""
    host, port = server.base.split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port))
    headers = {"Authorization": "Bearer " + common.TOKEN}
    old, current = [], []
    rng = random.Random(3)
    for _ in range(samples):
        for number, bucket in ((rng.randint(1, versions - 1), old), (versions, current)):
            start = time.perf_counter()
            connection.request("GET", f"/prompts/{prompt_id}/versions/{number}", headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            bucket.append((time.perf_counter() - start) * 1000)
    connection.close()
    return statistics.median(old), statistics.median(current)


def measure(label, histories, latency=False):
    common.fresh_database(DATABASE)
    # contents are cached by hash in memory; without that cache every read rebuilds from the database,
    # which is what the latency figure is about
    env = {"PROMPTLEDGER_CONTENT_CACHE_BYTES": "0"}
    if os.environ.get("BENCH_MAX_CHAIN"):
        env["PROMPTLEDGER_STORAGE_MAX_CHAIN"] = os.environ["BENCH_MAX_CHAIN"]
    server = common.Server(DATABASE, 18092, env)
    try:
        # what the migrated schema holds before any prompt (empty tables, their indexes, the first user)
        empty, _ = all_tables_bytes()
        ids, versions = replay(server, histories)
        compacted = compact() if os.environ.get("BENCH_COMPACT", "1") != "0" else "not compacted"
        ratio_text = ""
        if latency:
            # what autovacuum does within a minute of such a burst of writes; without statistics the
            # planner may scan the whole table at every link of a chain
            if not os.environ.get("BENCH_NO_ANALYZE"):
                common.psql("ANALYZE content_blob", DATABASE)
            old, current = read_latency(server, ids[0], versions)
            ratio_text = f"   read old / current version: {old:.2f} ms / {current:.2f} ms = {old / current:.2f} (target <= ~2)"
    finally:
        server.stop()
    table, blobs, deltas = content_table_bytes()
    everything, tables = all_tables_bytes()
    full = sum(len(text_of(c).encode("utf-8")) for _, h in histories for c, _, _ in h)
    git = git_bytes(histories)
    dictionary = common.psql_value("SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM content_dictionary", DATABASE) \
        if common.psql_value("SELECT to_regclass('content_dictionary') IS NOT NULL", DATABASE) == "t" else "0"
    table += int(dictionary)
    print(f"{label}: {len(histories)} prompts, {versions} versions; {blobs} blobs stored, {deltas} of them deltas; "
          f"dictionary {int(dictionary):,} B; {compacted}")
    print(f"  bytes per version: promptledger {table / versions:8.0f}   full copies {full / versions:8.0f}   "
          f"git gc --aggressive {git / versions:8.0f}")
    print(f"  content: promptledger / git = {table / git:.2f} (target <= 0.8); promptledger / full copies = {table / full:.2f}")
    print(f"  all tables and indexes, less the empty schema's {empty:,} B: {(everything - empty) / versions:8.0f} B "
          f"per version, / git = {(everything - empty) / git:.2f} (target <= 1.5); largest: "
          + ", ".join(f"{name} {size / versions:.0f}" for name, size in tables[:5]))
    if ratio_text:
        print(ratio_text)


def main():
    common.build_jar()
    only = os.environ.get("BENCH_ONLY", "")
    if only in ("", "real"):
        measure("real histories (../shared/data/prompt-histories.jsonl)", real_histories())
    if only in ("", "chat"):
        measure("chat histories (the real ones as system + user messages, config changing every few versions)",
                chat_histories())
    if only in ("", "templated"):
        measure("templated: 400 of the shared prompts inside one team template changed twice", templated())
    if only in ("", "synthetic"):
        measure("synthetic: 1,000 small edits to one 4-12 KB prompt", synthetic_history(), latency=True)


if __name__ == "__main__":
    main()
