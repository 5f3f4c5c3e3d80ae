"""Load on the public screens: concurrent Streamlit sessions over loopback, the way browsers talk to the server.

Each session is a websocket client of Streamlit's own protocol (BackMsg / ForwardMsg protobufs on
/_stcore/stream), so twenty sessions cost the server what twenty browsers would, without twenty renderers
competing with it for the CPU. Half the sessions watch the big screen (the server asks them to rerun the
rotating fragment every few seconds, as a browser does); half use the overview and rerun it every 2 s as an
analyst clicking about would.

Prints: reruns done, errors (exceptions on the page, dropped connections, reruns without an answer),
rerun latency p50/p95/max (request sent → script finished), and the server's peak memory (RSS).

Run: .venv/bin/python bench/load.py [--sessions 20] [--seconds 120] [--interval 5]
Target: no errors, p95 under 1 s.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.conftest import start_streamlit  # noqa: E402


class Session:
    def __init__(self, base: str, page: str, query: str, stats: dict):
        self.ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
        self.origin = base
        self.page, self.query, self.stats = page, query, stats
        self.pending: dict[str, float] = {}      # what was asked → when
        self.fragment_timer: asyncio.Task | None = None
        self.loaded = False                       # the first run (opening the page) is counted apart

    def back(self, fragment_id: str = "", auto: bool = False) -> bytes:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_name = self.page
        if fragment_id:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = auto
        return msg.SerializeToString()

    async def send_rerun(self, ws, fragment_id: str = "") -> None:
        key = fragment_id or "full"
        if key in self.pending:     # still waiting for the last one: a browser would not pile up reruns
            return
        self.pending[key] = time.perf_counter()
        await ws.send(self.back(fragment_id, auto=bool(fragment_id)))

    async def run(self, until: float, full_every: float | None) -> None:
        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          additional_headers={"Origin": self.origin}) as ws:
                await self.send_rerun(ws)
                reader = asyncio.create_task(self.read(ws))
                while time.time() < until:
                    await asyncio.sleep(full_every or 1.0)
                    if full_every:
                        await self.send_rerun(ws)
                reader.cancel()
                if self.fragment_timer:
                    self.fragment_timer.cancel()
        except (OSError, websockets.WebSocketException) as e:
            self.stats["errors"].append(f"connection: {e!r}")
        for key, t0 in self.pending.items():
            if time.perf_counter() - t0 > 10:
                self.stats["errors"].append(f"no answer to a {key} rerun for {time.perf_counter() - t0:.0f} s")

    async def read(self, ws) -> None:
        try:
            async for raw in ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element" \
                        and msg.delta.new_element.WhichOneof("type") == "exception":
                    self.stats["errors"].append("exception: " + msg.delta.new_element.exception.message[:200])
                elif kind == "page_not_found":
                    self.stats["errors"].append(f"page not found: {self.page!r} ({msg.page_not_found.page_name!r})")
                elif kind == "auto_rerun":
                    # the rotating fragment (st.fragment(run_every=…)): rerun it on the server's schedule
                    if self.fragment_timer:
                        self.fragment_timer.cancel()
                    self.fragment_timer = asyncio.create_task(
                        self.fragment_loop(ws, msg.auto_rerun.interval, msg.auto_rerun.fragment_id))
                elif kind == "script_finished":
                    now = time.perf_counter()
                    # a finished run answers the oldest request in flight
                    if self.pending:
                        key = min(self.pending, key=self.pending.get)
                        took = now - self.pending.pop(key)
                        if not self.loaded:
                            self.loaded = True
                            self.stats["first"].append(took)
                        else:
                            self.stats["latency"].append(took)
                            self.stats["reruns"][key == "full"] += 1
        except websockets.ConnectionClosedError as e:
            self.stats["errors"].append(f"closed: {e!r}")
        except asyncio.CancelledError:
            pass

    async def fragment_loop(self, ws, interval: float, fragment_id: str) -> None:
        while True:
            await asyncio.sleep(interval)
            await self.send_rerun(ws, fragment_id)


def rss_mb(pid: int) -> float:
    try:
        return int(open(f"/proc/{pid}/status").read().split("VmRSS:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return 0.0


async def main_async(args) -> None:
    tmp = tempfile.mkdtemp(prefix="rectify-load-")
    (ROOT / "artifacts").mkdir(exist_ok=True)
    proc, base = start_streamlit(ROOT / "dashboard.py", env={
        "RECTIFY_DATABASE_URL": f"sqlite:///{tmp}/library.sqlite3", "RECTIFY_PUBLIC": "1"})
    stats = {"latency": [], "first": [], "errors": [], "reruns": {True: 0, False: 0}}
    peak = 0.0
    try:
        until = time.time() + args.seconds
        sessions = []
        for n in range(args.sessions):
            if n % 2 == 0:
                s = Session(base, "bigscreen", f"interval={args.interval}", stats)
                sessions.append(s.run(until, None))
            else:
                s = Session(base, "", "", stats)          # the default page: the overview at /
                sessions.append(s.run(until, 2.0))

        async def sample():
            nonlocal peak
            while time.time() < until:
                peak = max(peak, rss_mb(proc.pid))
                await asyncio.sleep(1)

        await asyncio.gather(sample(), *sessions)
    finally:
        proc.terminate()
        proc.wait(10)
    lat = sorted(stats["latency"])
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    print(f"{args.sessions} sessions for {args.seconds} s (half big screen every {args.interval} s, "
          f"half overview reruns every 2 s)")
    print(f"reruns answered: {len(lat)} (full {stats['reruns'][True]}, fragment {stats['reruns'][False]})")
    print(f"rerun latency: p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, max {lat[-1] * 1000 if lat else 0:.0f} ms, "
          f"mean {statistics.mean(lat) * 1000 if lat else 0:.0f} ms")
    if stats["first"]:
        print(f"opening the page (first run of a session): median {statistics.median(stats['first']) * 1000:.0f} ms, "
              f"max {max(stats['first']) * 1000:.0f} ms")
    print(f"errors: {len(stats['errors'])}" + (f" — first: {stats['errors'][:3]}" if stats["errors"] else ""))
    print(f"server peak RSS: {peak:.0f} MB   (targets: no errors, p95 < 1000 ms)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=120)
    ap.add_argument("--interval", type=int, default=5, help="big-screen seconds per slide")
    asyncio.run(main_async(ap.parse_args()))


if __name__ == "__main__":
    main()
