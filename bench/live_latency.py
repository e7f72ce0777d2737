"""Live camera coaching: frame-to-event latency over the WebSocket on loopback.

    python -m bench.live_latency                     # writes its section of docs/benchmarks.md
    python -m bench.live_latency --runs 5 --out /tmp/benchmarks.md

The real web app runs under uvicorn on 127.0.0.1; a client sends the bird-dog clip's frames the
way the live page does (JPEG, long side 480 px, 15 fps, one frame in flight) and times each
frame from sending to the server's answer (landmarks, counts, events). Runs are paced like a
webcam (a frame every 1/15 s), then once back to back for the most frames a second one
connection gets. The server reports its own time per frame (decode, pose, analysis), so the
rest of the round trip is the socket, JSON and the event loop.

Only the section between <!-- live-latency --> and <!-- /live-latency --> is written; the rest
of the file belongs to other benchmarks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import uvicorn
from websockets.sync.client import connect

from backcoach.live import LIVE_FPS, pack_frame, video_jpegs
from backcoach.store import Store
from backcoach.web import create_app
from bench.sections import write_section

REPO = Path(__file__).resolve().parents[1]
CLIP = REPO.parent / "shared" / "data" / "videos" / "bird-dog_side_polybag.mp4"
EXERCISE = "lumbar-stabilization"
SECTION = "live-latency"
AIM_P95_MS = 100.0


class Server:
    """The web app under uvicorn in a thread, on a free loopback port."""

    def __init__(self, app: object) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def one_run(port: int, frames: list[tuple[float, bytes]], paced: bool) -> dict:
    """Send every frame, one in flight; per frame: round trip and the server's own times."""
    url = f"ws://127.0.0.1:{port}/ws/live?exercise={EXERCISE}"
    t0 = time.perf_counter()
    with connect(url, max_size=2**22, open_timeout=30) as ws:
        ready = json.loads(ws.recv(timeout=60))
        assert ready["type"] == "ready", ready
        connect_s = time.perf_counter() - t0
        rtt, server, last = [], {"decode": [], "pose": [], "analysis": [], "total": []}, {}
        first_event: list[float] = []
        began = time.perf_counter()
        for seq, (t, jpeg) in enumerate(frames, 1):
            if paced:
                wait = began + t - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            sent = time.perf_counter()
            ws.send(pack_frame(seq, t, jpeg))
            last = json.loads(ws.recv(timeout=30))
            took = (time.perf_counter() - sent) * 1000
            rtt.append(took)
            if last["events"]:
                first_event.append(took)
            for key in server:
                server[key].append(last["ms"][key])
        wall = time.perf_counter() - began
    return {"connect_s": connect_s, "rtt": rtt, "server": server, "event_rtt": first_event,
            "count": last["count"], "by_side": last["count_by_side"], "wall": wall,
            "fps": len(frames) / wall}


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def render(frames: int, size: str, runs: list[dict], burst: dict, loads: tuple[str, str]) -> str:
    rtt = [x for r in runs for x in r["rtt"]]
    events = [x for r in runs for x in r["event_rtt"]]
    srv = {k: [x for r in runs for x in r["server"][k]] for k in runs[0]["server"]}
    over = [a - b for r in runs for a, b in zip(r["rtt"], r["server"]["total"], strict=True)]
    p95 = pct(rtt, 0.95)
    verdict = "meets" if p95 <= AIM_P95_MS else "misses"
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Live coaching: frame to event over the WebSocket",
        "",
        f"Measured {now} by `python -m bench.live_latency`: the web app under uvicorn on "
        f"loopback, a client sending the bird-dog clip as the live page does ({frames} JPEG "
        f"frames, {size}, {LIVE_FPS:g} fps, one frame in flight) to `/ws/live?exercise="
        f"{EXERCISE}`, {len(runs)} paced runs. Load average (1/5/15 min) before {loads[0]}, "
        f"after {loads[1]}, on 2 shared cores.",
        "",
        "| per frame, all paced runs | p50 | p95 | max |",
        "|---|---|---|---|",
        f"| frame sent → answer (landmarks, counts, events) | {pct(rtt, .5):.1f} ms "
        f"| **{p95:.1f} ms** | {max(rtt):.1f} ms |",
        f"| frames whose answer carried an event ({len(events)}) | {pct(events, .5):.1f} ms "
        f"| {pct(events, .95):.1f} ms | {max(events):.1f} ms |",
        f"| server: JPEG decode | {pct(srv['decode'], .5):.1f} ms "
        f"| {pct(srv['decode'], .95):.1f} ms | {max(srv['decode']):.1f} ms |",
        f"| server: BlazePose | {pct(srv['pose'], .5):.1f} ms "
        f"| {pct(srv['pose'], .95):.1f} ms | {max(srv['pose']):.1f} ms |",
        f"| server: analyzer | {pct(srv['analysis'], .5):.2f} ms "
        f"| {pct(srv['analysis'], .95):.2f} ms | {max(srv['analysis']):.2f} ms |",
        f"| socket, JSON and event loop (round trip − server) | {pct(over, .5):.1f} ms "
        f"| {pct(over, .95):.1f} ms | {max(over):.1f} ms |",
        "",
        "| run | p50 | p95 | reps counted | connect + model load |",
        "|---|---|---|---|---|",
        *[f"| paced {i} | {pct(r['rtt'], .5):.1f} ms | {pct(r['rtt'], .95):.1f} ms "
          f"| {r['count']} ({', '.join(f'{k} {v}' for k, v in r['by_side'].items())}) "
          f"| {r['connect_s']:.2f} s |" for i, r in enumerate(runs, 1)],
        f"| back to back | {pct(burst['rtt'], .5):.1f} ms | {pct(burst['rtt'], .95):.1f} ms "
        f"| {burst['count']} | {burst['connect_s']:.2f} s |",
        "",
        f"The p95 of {p95:.1f} ms {verdict} the aim of {AIM_P95_MS:.0f} ms. Back to back, one "
        f"connection is answered {burst['fps']:.0f} times a second, "
        f"{burst['fps'] / LIVE_FPS:.1f}x the {LIVE_FPS:g} fps the page sends; the page keeps one "
        "frame in flight, so a slower machine drops frames rather than falling behind. Each "
        "connection loads its own BlazePose (the connect column), before the camera opens.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.live_latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="paced runs (default 3)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    if not CLIP.is_file():
        print(f"the real clip is missing: expected {CLIP}", file=sys.stderr)
        return 2
    frames = list(video_jpegs(CLIP))
    h, w = cv2.imdecode(np.frombuffer(frames[0][1], np.uint8), cv2.IMREAD_COLOR).shape[:2]
    before = load()
    with tempfile.TemporaryDirectory(prefix="backcoach-live-") as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        try:
            with Server(create_app(store, data_dir=Path(tmp))) as server:
                runs = []
                for i in range(args.runs):
                    runs.append(one_run(server.port, frames, paced=True))
                    print(f"paced run {i + 1}: p50 {pct(runs[-1]['rtt'], .5):.1f} ms, "
                          f"p95 {pct(runs[-1]['rtt'], .95):.1f} ms", file=sys.stderr)
                burst = one_run(server.port, frames, paced=False)
        finally:
            store.close()
    section = render(len(frames), f"{w}x{h}", runs, burst, (before, load()))
    write_section(args.out, SECTION, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
