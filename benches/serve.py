#!/usr/bin/env python3
"""Load on `socialclause serve`, on this machine only: CLIENTS clients at once, each sending
requests one after another over its own keep-alive connection, until COUNT requests have been
answered or LIMIT seconds have passed.

    benches/serve.py [BINARY] [--clients 8] [--count 10000] [--limit 300]

BINARY defaults to target/release/socialclause. The script starts the server itself on a free
loopback port (it never sends load anywhere else) and runs, in the same command:

1. the baseline: `GET /healthz`, the server's own cost of a request;
2. the annex PDF of examples/se-parkskotsel.yaml: `POST /api/annex?format=pdf`;
3. the annex page: the web form's `POST /download` of the same annex as PDF.

For each it prints the median, 90th and 99th percentile latency, the throughput, the server's
own CPU time per request (user and system, from /proc: the clients share the machine) and the
ratio of its median to the baseline's; and the server's resident memory (VmRSS) after every tenth of
the annex requests, so that a leak shows as growth. Every answer must be 200, and every annex
the same bytes.
"""
import argparse
import http.client
import os
import pathlib
import statistics
import subprocess
import threading
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent


def rss_kib(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    """The server's CPU time so far (user and system), in seconds."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(port, method, path, body, headers, clients, count, limit, pid=None, samples=None):
    """Runs the load; returns the latencies (seconds) and the wall time."""
    latencies = []
    lock = threading.Lock()
    sent = [0]
    bodies = set()
    deadline = time.monotonic() + limit
    step = max(count // 10, 1)

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if sent[0] >= count or time.monotonic() > deadline:
                    break
                sent[0] += 1
            start = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200:
                raise SystemExit(f"{path}: status {response.status}: {data[:200]!r}")
            with lock:
                latencies.append(elapsed)
                if len(bodies) < 2:
                    bodies.add(data if path != "/healthz" else b"")
                if samples is not None and len(latencies) % step == 0:
                    samples.append((len(latencies), rss_kib(pid)))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    if len(bodies) > 1:
        raise SystemExit(f"{path}: the answers differ")
    return latencies, wall


def percentile(sorted_values, p):
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default=str(ROOT / "target/release/socialclause"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--limit", type=float, default=300.0)
    args = parser.parse_args()

    server = subprocess.Popen(
        [args.binary, "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline().strip()
        address = line.removeprefix("socialclause serving on http://").rstrip("/")
        host, port = address.rsplit(":", 1)
        if host != "127.0.0.1":
            raise SystemExit(f"not on loopback: {line}")
        port = int(port)
        yaml = (ROOT / "examples/se-parkskotsel.yaml").read_bytes()
        form = urllib.parse.urlencode({"ui": "sv", "get": "annex.pdf"}).encode()
        # The page's form for the same procurement: what the upload fills in.
        upload = fill_form(port, yaml)
        runs = [
            ("GET /healthz (baseline)", "GET", "/healthz", None, {}),
            ("POST /api/annex?format=pdf", "POST", "/api/annex?format=pdf", yaml,
             {"Content-Type": "application/yaml"}),
            ("POST /download (page, PDF)", "POST", "/download", upload + b"&" + form,
             {"Content-Type": "application/x-www-form-urlencoded"}),
        ]
        # A short warm-up of each, then the measured runs.
        for _, method, path, body, headers in runs:
            load(port, method, path, body, headers, args.clients, 50, 30)
        print(f"{args.clients} clients, up to {args.count} requests or {args.limit:.0f} s each, "
              f"loopback, {pathlib.Path(args.binary).name}\n")
        print("| request | answered | median ms | p90 ms | p99 ms | requests/s | server CPU ms/request | median ÷ baseline |")
        print("|---|---|---|---|---|---|---|---|")
        baseline = None
        samples = []
        for name, method, path, body, headers in runs:
            watch = samples if path.startswith("/api/annex") else None
            if watch is not None:
                watch.append((0, rss_kib(server.pid)))
            cpu = cpu_seconds(server.pid)
            latencies, wall = load(port, method, path, body, headers, args.clients, args.count,
                                   args.limit, server.pid, watch)
            cpu = (cpu_seconds(server.pid) - cpu) * 1000 / len(latencies)
            values = sorted(latencies)
            median = statistics.median(values) * 1000
            baseline = baseline or median
            print(f"| {name} | {len(values)} | {median:.2f} | {percentile(values, 90) * 1000:.2f} | "
                  f"{percentile(values, 99) * 1000:.2f} | {len(values) / wall:.0f} | "
                  f"{cpu:.2f} | {median / baseline:.1f} |")
        print("\nServer memory (VmRSS) during the annex run:")
        print("| requests answered | VmRSS MiB |")
        print("|---|---|")
        for answered, kib in samples:
            print(f"| {answered} | {kib / 1024:.1f} |")
    finally:
        server.terminate()
        server.wait()


def fill_form(port, yaml):
    """The page's form fields for `yaml`, as the upload fills them: the upload's answer is the
    page, whose fields are read back (inputs, selected options, text areas)."""
    import html.parser

    boundary = "----bench"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"ui\"\r\n\r\nsv\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"p.yaml\"\r\n\r\n").encode() + yaml + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/upload", body=body,
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    page = conn.getresponse().read().decode()
    conn.close()

    class Fields(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.pairs, self.select, self.area, self.in_form = [], None, None, False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form":
                self.in_form = a.get("id") == "procurement"
            if not self.in_form or "name" not in a:
                if tag == "option" and self.select and "selected" in a:
                    self.pairs.append((self.select, a.get("value", "")))
                return
            if tag == "input" and a.get("type") != "file":
                if a.get("type") == "checkbox" and "checked" not in a:
                    return
                self.pairs.append((a["name"], a.get("value", "")))
            elif tag == "select":
                self.select = a["name"]
            elif tag == "textarea":
                self.area = [a["name"], ""]

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None
            elif tag == "textarea" and self.area:
                self.pairs.append(tuple(self.area))
                self.area = None
            elif tag == "form":
                self.in_form = False

        def handle_data(self, data):
            if self.area:
                self.area[1] += data

    parser = Fields()
    parser.feed(page)
    return urllib.parse.urlencode([p for p in parser.pairs if p[0] != "ui"]).encode()


if __name__ == "__main__":
    main()
