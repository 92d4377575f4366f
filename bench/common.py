"""Shared plumbing of the benchmarks: a fresh PostgreSQL database, the server jar, and a small HTTP client."""
import csv
import json
import os
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
JAR = os.path.join(ROOT, "target", "promptledger.jar")
PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = os.environ.get("BENCH_PG_PORT", "5432")
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
TOKEN = "plg_bench_admin_token_0123456789abcdefghijklmnop"


def psql(sql, database="test"):
    subprocess.run(["psql", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", database, "-qAtc", sql],
                   check=True, stdout=subprocess.DEVNULL)


def fresh_database(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")


def build_jar():
    if not os.path.exists(JAR):
        subprocess.run(["./mvnw", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)


class Server:
    """The promptledger jar on PostgreSQL, with a 256 MB heap, as production would run it."""

    def __init__(self, database, port, extra_env=None):
        self.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ)
        env.update({
            "PROMPTLEDGER_DB_URL": f"jdbc:postgresql://{PG_HOST}:{PG_PORT}/{database}",
            "PROMPTLEDGER_DB_USER": PG_USER,
            "PROMPTLEDGER_ADMIN_TOKEN": TOKEN,
            "SERVER_PORT": str(port),
        })
        env.update(extra_env or {})
        self.log = open(os.path.join(ROOT, "target", f"bench-server-{port}.log"), "w")
        self.process = subprocess.Popen(["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", JAR], env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if request("GET", self.base + "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit("the server did not start; see " + self.log.name)

    def rss_peak_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def request(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "Bearer " + TOKEN)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, (json.loads(raw) if raw else None)


def real_prompts(count):
    """The first prompts of the shared public collection: (name, content)."""
    out = []
    with open(os.path.join(SHARED, "prompts.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("prompt"):
                out.append(row["prompt"])
            if len(out) == count:
                break
    return out


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
