"""HTTP load: pages, an API query and a static file under `compactwatch serve`, on the SQLite demo database.

    .venv/bin/python benchmarks/http_load.py [--clients 50] [--duration 30] [--workers N] [--no-record]

Prepares a fresh demo database with `compactwatch setup` in a temporary COMPACTWATCH_DATA_DIR, starts
`compactwatch serve` (gunicorn, production settings) on a free local port, and loads each URL in turn with
`--clients` concurrent clients for `--duration` seconds. Each client sends a request, reads the whole
answer, and sends the next (a closed loop, one new connection per request as gunicorn's sync workers
close them). The server is `compactwatch serve` as shipped (sync workers, the application preloaded, no
access log); public pages and API answers come from its per-worker page cache after the first request.
The client is Python's own asyncio, so nothing is installed for it; it runs on the same machine and
takes a share of its CPUs, which the figures include. The static file is the reference: what the same
server does when no Python view runs. A URL that answers 404 before the load (a page not built yet) is
skipped with a note. Prints the figures and writes them to benchmarks/RESULTS.md, in its own section,
with the machine, the date and the machine's load (`uptime`).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
COMPACTWATCH = ROOT / ".venv" / "bin" / "compactwatch"
START_MARK = "<!-- http_load: start -->"
END_MARK = "<!-- http_load: end -->"
TARGET_P95_MS = 100.0

URLS = [
    ("home page", "/"),
    ("indicator page", "/indicators/refugee-children/"),
    ("country page", "/countries/GBR/"),
    ("API query", "/api/v1/observations?indicator=refugee-children&area=GBR"),
    ("static file (reference)", "/static/web/compactwatch.css"),
]


@dataclass
class Outcome:
    label: str
    path: str
    latencies: list[float] = field(default_factory=list)  # seconds, successful answers only
    errors: int = 0
    seconds: float = 0.0
    note: str = ""

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
        return ordered[index] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def meets_target(self) -> bool:
        return bool(self.latencies) and self.errors == 0 and self.percentile(0.95) <= TARGET_P95_MS


async def fetch(host: str, port: int, path: str) -> tuple[int, int]:
    """One GET on a new connection; the status and the number of bytes read."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nUser-Agent: http_load\r\n\r\n"
        writer.write(request.encode("ascii"))
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    status_line = answer.split(b"\r\n", 1)[0].split()
    status = int(status_line[1]) if len(status_line) > 1 else 0
    return status, len(answer)


async def client(host: str, port: int, outcome: Outcome, deadline: float) -> None:
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            status, _ = await asyncio.wait_for(fetch(host, port, outcome.path), timeout=30)
        except (TimeoutError, OSError, ValueError, IndexError):
            outcome.errors += 1
            continue
        if status == 200:
            outcome.latencies.append(time.perf_counter() - started)
        else:
            outcome.errors += 1


async def load(host: str, port: int, outcome: Outcome, clients: int, duration: float) -> None:
    started = time.perf_counter()
    deadline = started + duration
    await asyncio.gather(*(client(host, port, outcome, deadline) for _ in range(clients)))
    outcome.seconds = time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(host: str, port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped with exit code {server.returncode}")
        try:
            status, _ = asyncio.run(fetch(host, port, "/static/web/compactwatch.css"))
            if status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"Linux {platform.release()}; Python {platform.python_version()}"
    return f"{cpu}, {os.cpu_count()} CPUs{memory}; {system}"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min), {fifteen:.1f} (15 min)"


def uptime() -> str:
    """`uptime`'s line: how busy the machine was with other work when the load started."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "uptime not available"


def run(args: argparse.Namespace) -> list[Outcome]:
    host, port = "127.0.0.1", free_port()
    with tempfile.TemporaryDirectory(prefix="compactwatch-http-load-") as data_dir:
        env = {**os.environ, "COMPACTWATCH_DATA_DIR": data_dir, "DEBUG": "0"}
        env.pop("DATABASE_URL", None)  # the SQLite demo database
        print("preparing the demo database (compactwatch setup) ...", flush=True)
        subprocess.run([str(COMPACTWATCH), "setup"], env=env, check=True, stdout=subprocess.DEVNULL)
        command = [
            str(COMPACTWATCH),
            "serve",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ]
        log = open(Path(data_dir) / "server.log", "wb")  # noqa: SIM115 - closed after the server stops
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(host, port, server)
            args.load_before = load_average()
            args.uptime = uptime()
            outcomes = [measure(host, port, label, path, args) for label, path in URLS]
            args.load_after = load_average()
            return outcomes
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()


def measure(host: str, port: int, label: str, path: str, args: argparse.Namespace) -> Outcome:
    outcome = Outcome(label, path)
    status, _ = asyncio.run(fetch(host, port, path))
    if status != 200:
        outcome.note = f"skipped: answered {status} before the load (not built yet?)"
        print(f"{label:26} {outcome.note}", flush=True)
        return outcome
    for _ in range(5):  # warm each worker's caches
        asyncio.run(fetch(host, port, path))
    asyncio.run(load(host, port, outcome, args.clients, args.duration))
    print(
        f"{label:26} {outcome.rate:8.1f} req/s  p50 {outcome.percentile(0.50):7.1f} ms  "
        f"p95 {outcome.percentile(0.95):7.1f} ms  p99 {outcome.percentile(0.99):7.1f} ms  "
        f"errors {outcome.errors}",
        flush=True,
    )
    return outcome


def table(outcomes: list[Outcome]) -> list[str]:
    """One row per URL; "of static" compares its rate with the static file's, the server's own ceiling."""
    reference = next((o.rate for o in outcomes if o.path.startswith("/static/") and not o.note), 0.0)
    lines = [
        "| URL | requests/s | of static | p50 ms | p95 ms | p99 ms | errors | p95 <= 100 ms, 0 errors |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for o in outcomes:
        if o.note:
            lines.append(f"| {o.label}: `{o.path}` | | | | | | | {o.note} |")
            continue
        verdict = "yes" if o.meets_target else "**no**"
        share = f"{o.rate / reference:.0%}" if reference else ""
        lines.append(
            f"| {o.label}: `{o.path}` | {o.rate:.1f} | {share} | {o.percentile(0.50):.1f} "
            f"| {o.percentile(0.95):.1f} | {o.percentile(0.99):.1f} | {o.errors} | {verdict} |"
        )
    return lines


def record(outcomes: list[Outcome], args: argparse.Namespace) -> None:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        START_MARK,
        "## HTTP load (`benchmarks/http_load.py`)",
        "",
        f"{when}; {machine()}.",
        f"`compactwatch serve --workers {args.workers}` (gunicorn, sync workers, preloaded, no access log,",
        "pages and API answers from the per-worker page cache) on the SQLite demo",
        f"database from `compactwatch setup`; {args.clients} concurrent clients for {args.duration:g} s",
        "per URL, one URL after the other, a new connection per request; the load client runs on the same",
        "machine.",
        "Each worker renders a page once per data version (its first request after an import, a framework",
        "load, an assessment or a practice publication, or after 60 s) and answers the rest from its cache;",
        "the figures are those warm answers.",
        f"Load average of the machine (other work included) before the load: {args.load_before}; after:",
        f"{args.load_after}. `uptime` before the load: `{args.uptime}`.",
        "",
        *table(outcomes),
        END_MARK,
    ]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        text = before + "\n".join(section) + after
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(f"recorded in {RESULTS.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load per URL (default 30)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--no-record", action="store_true", help="print only; leave RESULTS.md as it is")
    args = parser.parse_args()
    outcomes = run(args)
    if not args.no_record:
        record(outcomes, args)
    measured = [o for o in outcomes if not o.note]
    return 0 if measured and all(o.meets_target for o in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
