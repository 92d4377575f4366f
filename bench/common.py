"""Shared plumbing of the benchmarks: a fresh PostgreSQL database, the server jar, and a small HTTP client."""
import csv
import json
import re
import os
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
# BENCH_JAR runs another build (say, main's before a change) against the same baseline
JAR = os.environ.get("BENCH_JAR", os.path.join(ROOT, "server", "target", "promptledger.jar"))
CLIENT_JAR = os.path.join(ROOT, "client", "target", "promptledger-client.jar")
PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = os.environ.get("BENCH_PG_PORT", "5432")
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
TOKEN = "plg_bench_admin_token_0123456789abcdefghijklmnop"


def psql(sql, database="test"):
    subprocess.run(["psql", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", database, "-qAtc", sql],
                   check=True, stdout=subprocess.DEVNULL)


def psql_value(sql, database="test"):
    """The single value a query answers, as text."""
    return subprocess.run(["psql", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", database, "-qAtc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def fresh_database(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")


def build_jar():
    """Builds the server's jar and the client's when either is missing (delete them to bench new code)."""
    if not os.path.exists(JAR) or not os.path.exists(CLIENT_JAR):
        subprocess.run(["./mvnw", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)


class Server:
    """The promptledger jar on PostgreSQL, with a 256 MB heap, as production would run it."""

    def __init__(self, database, port, extra_env=None, jar=None):
        self.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ)
        env.update({
            "PROMPTLEDGER_DB_URL": f"jdbc:postgresql://{PG_HOST}:{PG_PORT}/{database}",
            "PROMPTLEDGER_DB_USER": PG_USER,
            "PROMPTLEDGER_ADMIN_TOKEN": TOKEN,
            "SERVER_PORT": str(port),
        })
        env.update(extra_env or {})
        self.log = open(os.path.join(ROOT, "server", "target", f"bench-server-{port}.log"), "w")
        self.process = subprocess.Popen(["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar or JAR], env=env,
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

    def status(self, field):
        """A field of /proc/<pid>/status of the server (VmRSS, VmHWM in kB; Threads)."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return -1

    def heap_used_mb(self):
        """The JVM heap in use after a full collection (jcmd GC.run), from the server's own metrics."""
        subprocess.run(["jcmd", str(self.process.pid), "GC.run"], check=False, capture_output=True)
        req = urllib.request.Request(self.base + "/metrics", headers={"Authorization": "Bearer " + TOKEN})
        with urllib.request.urlopen(req, timeout=30) as response:
            text = response.read().decode()
        used = sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("jvm_memory_used_bytes") and 'area="heap"' in line)
        return used / (1 << 20)

    def watch_streams(self):
        """The watch streams this node has open, from its metrics."""
        req = urllib.request.Request(self.base + "/metrics", headers={"Authorization": "Bearer " + TOKEN})
        with urllib.request.urlopen(req, timeout=30) as response:
            for line in response.read().decode().splitlines():
                if line.startswith("promptledger_watch_streams "):
                    return float(line.split()[1])
        return 0

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


def warm_up(base, script, connections, seconds, env):
    """Runs the same wrk load unmeasured, so the JVM's JIT has compiled the hot paths before a measurement
    (on 2 cores the C2 compiler is busy for the first minute or two of a write load)."""
    subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, base],
                   env=dict(os.environ, BENCH_TOKEN=TOKEN, **env), capture_output=True, check=True)


def cpu_ticks(names):
    """CPU time (user + system, in clock ticks) used so far by every process whose name is in names."""
    ticks = dict.fromkeys(names, 0)
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if name in ticks:
            fields = stat[stat.rindex(")") + 2:].split()
            ticks[name] += int(fields[11]) + int(fields[12])
    return ticks


class CpuMeter:
    """CPU milliseconds per operation of some processes, measured over the middle half of a run (load
    generators and the database backends that served them exit at its end, taking their counts along)."""

    def __init__(self, *names):
        self.names = names
        self.window = None

    def around(self, seconds, run):
        """Calls run() in a thread while sampling from a quarter to three quarters of its seconds."""
        import threading
        result = {}
        thread = threading.Thread(target=lambda: result.update(value=run()))
        thread.start()
        time.sleep(seconds / 4)
        before, t0 = cpu_ticks(self.names), time.time()
        time.sleep(seconds / 2)
        after, t1 = cpu_ticks(self.names), time.time()
        thread.join()
        hz = os.sysconf("SC_CLK_TCK")
        self.window = (t1 - t0, {n: (after[n] - before[n]) * 1000 / hz for n in self.names})
        return result["value"]

    def per_op(self, rate):
        """Milliseconds of CPU per operation of each process name, at rate operations a second."""
        seconds, used = self.window
        return {n: used[n] / max(rate * seconds, 1) for n in self.names}


def wrk(base, script, connections, seconds, env):
    """Runs wrk with a Lua script; returns requests/s, latency percentiles and the non-2xx/3xx count."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, base],
                         env=dict(os.environ, BENCH_TOKEN=TOKEN, **env), capture_output=True, text=True,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1) for p in ("50", "90", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency, int(errors.group(1)) if errors else 0


def pgbench(database, script, clients, seconds, prompts):
    """Runs pgbench with a custom script over TCP; returns transactions/s and the average latency in ms."""
    out = subprocess.run(["pgbench", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-n", "-M", "prepared",
                          "-c", str(clients), "-j", "2", "-T", str(seconds), "-D", f"prompts={prompts}",
                          "-f", script, database], capture_output=True, text=True, check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    return tps, re.search(r"latency average = ([\d.]+) ms", out).group(1)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
