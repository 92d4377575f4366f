#!/usr/bin/env python3
"""Every web UI page on a 2,000-line prompt with 200 versions, against the same pages of a small prompt.

Starts the packaged jar on a fresh PostgreSQL database (256 MB heap), signs in to the web UI as the
bootstrap admin, and builds two prompts through the API: the large one (2,000 lines of about 60
characters, then 199 edits of three lines each, with a label on version 1 and a guarded label with an
open change request) and a baseline of 20 lines and 2 versions. Each page is fetched WARM times to warm
up, then TIMES times in turn for both prompts; the time is from sending the request to the last byte
of the answer over loopback (an upper bound of the server's time). Prints the median, p95 and max in
milliseconds per page, the ratio of each median to the baseline page's, and whether every p95 is under
100 ms.

    python3 bench/ui/pages.py
"""
import http.cookiejar
import os
import random
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

PORT = 18471
PASSWORD = "bench-admin-password-long-enough"
LINES = 2_000
VERSIONS = 200
WARM = 10
TIMES = 40
TARGET_MS = 100.0


class Session:
    """A signed-in browser: cookies, and the CSRF token of the last form seen."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def fetch(self, path, form=None):
        data = None
        if form is not None:
            form = dict(form, _csrf=self.csrf)
            data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Accept": "text/html"})
        start = time.perf_counter()
        with self.opener.open(request, timeout=30) as response:
            body = response.read().decode()
            status = response.status
        elapsed = (time.perf_counter() - start) * 1000
        found = re.search(r'name="_csrf" value="([^"]+)"', body)
        if found:
            self.csrf = found.group(1)
        return status, body, elapsed

    def log_in(self):
        self.fetch("/ui/login")
        status, body, _ = self.fetch("/ui/login", {"username": "admin", "password": PASSWORD})
        if "Log out" not in body:
            raise SystemExit("could not sign in to the web UI")


def line(rng, n):
    words = ["answer", "the", "customer", "politely", "with", "{{product}}", "facts", "only", "and", "never",
             "guess", "about", "prices", "or", "dates"]
    return f"{n:04d} " + " ".join(rng.choice(words) for _ in range(9)) + "\n"


def build(name, lines, versions, rng):
    """A prompt of `lines` lines edited into `versions` versions (three lines changed each time)."""
    content = [line(rng, n) for n in range(lines)]
    status, created = common.request("POST", "http://127.0.0.1:%d/prompts" % PORT,
                                     {"name": name, "content": "".join(content)})
    assert status == 201, created
    prompt_id = created["id"]
    for version in range(2, versions + 1):
        for _ in range(3):
            at = rng.randrange(lines)
            content[at] = line(rng, at)
        status, body = common.request("PUT", "http://127.0.0.1:%d/prompts/%s" % (PORT, prompt_id),
                                      {"name": name, "content": "".join(content), "message": f"edit {version}"})
        assert status == 200, body
    return prompt_id


def pages(prompt_id, versions, gate, request_id):
    p = f"/ui/prompts/{prompt_id}"
    return [
        ("list", "/ui/prompts", None),
        ("prompt", p, None),
        ("render", p + "/render", {"var.product": "the lamp"}),
        ("edit", p + "/edit", None),
        ("history", p + "/history", None),
        ("history, oldest", p + "/history?upto=20", None),
        ("version 1", p + "/versions/1", None),
        ("diff 1 to last", p + f"/diff?from=1&to={versions}", None),
        ("diff, side by side", p + f"/diff?from=1&to={versions}&view=split", None),
        ("diff of the last edit", p + f"/diff?from={versions - 1}&to={versions}", None),
        ("revert to 1", p + "/versions/1/revert", None),
        ("label move review", p + f"/labels/move?label=staging&version={versions}", None),
        ("label history", p + "/labels/staging/history", None),
        ("change request", f"/ui/change-requests/{request_id}", None),
        ("change requests", "/ui/change-requests", None),
        ("audit log", f"/ui/admin/audit?prompt_id={prompt_id}", None),
    ]


def measure(session, page):
    name, path, form = page
    times = []
    for _ in range(TIMES):
        status, _, elapsed = session.fetch(path, form)
        assert status == 200, (name, status)
        times.append(elapsed)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def main():
    common.build_jar()
    common.fresh_database("bench_ui")
    server = common.Server("bench_ui", PORT, {"PROMPTLEDGER_ADMIN_PASSWORD": PASSWORD})
    try:
        rng = random.Random(17)
        base = server.base
        prompts = {}
        for kind, lines, versions in (("large", LINES, VERSIONS), ("baseline", 20, 2)):
            prompt_id = build(f"bench/ui-{kind}", lines, versions, rng)
            gate = f"gate-{kind}"
            common.request("PUT", f"{base}/label-policies/{gate}", {"approvals": 1})
            common.request("PUT", f"{base}/prompts/{prompt_id}/labels/staging", {"version": 1})
            status, cr = common.request("POST", f"{base}/prompts/{prompt_id}/change-requests",
                                        {"label": gate, "version": versions, "message": "ship it"})
            assert status == 201, cr
            prompts[kind] = pages(prompt_id, versions, gate, cr["id"])
        session = Session(base)
        session.log_in()
        for kind in prompts:
            for page in prompts[kind]:
                for _ in range(WARM):
                    session.fetch(page[1], page[2])
        print(f"{'page':24} {'large: median':>14} {'p95':>7} {'max':>7}   {'baseline: median':>16} {'p95':>7}   ratio")
        worst = 0.0
        for large, small in zip(prompts["large"], prompts["baseline"]):
            big = measure(session, large)
            base_figures = measure(session, small)
            worst = max(worst, big[1])
            print(f"{large[0]:24} {big[0]:14.1f} {big[1]:7.1f} {big[2]:7.1f}   {base_figures[0]:16.1f} "
                  f"{base_figures[1]:7.1f}   {big[0] / base_figures[0]:5.2f}x")
        print(f"worst p95 on the large prompt: {worst:.1f} ms (target: under {TARGET_MS:.0f} ms) "
              f"{'met' if worst < TARGET_MS else 'NOT met'}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
