"""Camera-coach speed on this machine; writes docs/benchmarks.md.

    python -m bench                 # or: make bench
    python -m bench --repeats 5 --out /tmp/benchmarks.md

What it measures (each figure is the median of --repeats runs):
1. One live stream, every frame: decode + BGR->RGB + BlazePose (video mode) + analyzer, at
   640x480 and 1280x720, with the model's own time per frame measured in the same loop.
2. The analyzers' own cost per frame, for all nine exercises: on a real landmark recording
   (where most of them see no exercise of theirs), and at work on a synthetic recording of
   their own exercise at 30 fps (every rep measured, timed and judged).
3. Offline analysis of the real clips (`analyze_file`, as `backcoach analyze` runs it) against
   their length, with the speed-ups switched off and on, and the CLI as a user starts it.
Timings depend on what else runs: the load average before and after is written beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import cv2
import numpy as np

from backcoach.catalog import EXERCISE_IDS
from backcoach.motion.analysis import make_analyzer
from backcoach.motion.extract import extract_landmarks
from backcoach.motion.offline import analyze_file
from backcoach.motion.pose import BlazePoseEstimator
from backcoach.motion.recording import LandmarkRecording, PoseFrame
from backcoach.motion.sources import VideoSource
from backcoach.motion.synth import SynthSpec, generate
from bench.sections import write_section

SECTION = "camera-coach"

REPO = Path(__file__).resolve().parents[1]
VIDEOS = REPO.parent / "shared" / "data" / "videos"
BIRD_DOG = "bird-dog_side_polybag.mp4"

# Landscape test streams cut from the portrait bird-dog clip: a 4:3 crop around the person,
# scaled (and for 16:9 padded at the sides). Real pixels, real movement, the sizes webcams give.
STREAMS = {
    "640x480": "crop=1080:810:0:500,scale=640:480",
    "1280x720": "crop=1080:810:0:500,pad=1440:810:180:0,scale=1280:720",
}

# real clips for the offline figures, with an exercise to analyse them for
OFFLINE = {
    "bird-dog_side_polybag.mp4": "lumbar-stabilization",
    "pelvic-tilt-supine_side_polybag.mp4": "straight-leg-raises",
    "seated-cat-cow_side_polybag.mp4": "ball-marching",
    "glute-bridge_side_physioplus.mp4": "straight-leg-raises",
}


def median(values: list[float]) -> float:
    return float(statistics.median(values))


# -- machine ---------------------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    ffmpeg = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True)
    return {
        "CPU": cpu,
        "cores available": str(len(os.sched_getaffinity(0))),
        "memory": mem,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "mediapipe": metadata.version("mediapipe"),
        "opencv": cv2.__version__,
        "numpy": np.__version__,
        "ffmpeg": ffmpeg.stdout.split("\n", 1)[0].replace("ffmpeg version ", "").split(" ")[0],
    }


def cli_start(repeats: int) -> float:
    """Seconds for `backcoach --help`: Python and the CLI's imports, before any work."""
    walls = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "backcoach", "--help"], capture_output=True,
                       check=True)
        walls.append(time.perf_counter() - started)
    return median(walls)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


# -- 1. one live stream ----------------------------------------------------------------------


def make_stream(size: str, workdir: Path) -> Path:
    out = workdir / f"stream-{size}.mp4"
    if not out.exists():
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-i", str(VIDEOS / BIRD_DOG), "-vf", STREAMS[size],
             "-c:v", "libx264", "-preset", "fast", "-crf", "20", "-pix_fmt", "yuv420p",
             "-an", str(out)],
            check=True,
        )
    return out


@dataclass
class StreamRun:
    frames: int
    wall: float               # seconds for the whole loop
    decode: list[float]       # per-frame seconds of each stage
    convert: list[float]
    pose: list[float]
    analysis: list[float]
    found: int

    @property
    def fps(self) -> float:
        return self.frames / self.wall


def run_stream(path: Path, exercise: str, shrink_to: int | None = None) -> StreamRun:
    """Every frame through decode, colour conversion, the model and the analyzer."""
    source = VideoSource(path)
    analyzer = make_analyzer(exercise, width=source.width, height=source.height, fps=source.fps)
    decode, convert, pose, analysis = [], [], [], []
    found = 0
    with BlazePoseEstimator() as estimator:
        frames = source.frames()
        started = time.perf_counter()
        n = 0
        while True:
            t0 = time.perf_counter()
            frame = next(frames, None)
            t1 = time.perf_counter()
            if frame is None:
                break
            bgr = frame.bgr
            if shrink_to and max(bgr.shape[:2]) > shrink_to:
                scale = shrink_to / max(bgr.shape[:2])
                bgr = cv2.resize(bgr, (round(bgr.shape[1] * scale), round(bgr.shape[0] * scale)),
                                 interpolation=cv2.INTER_AREA)
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            t2 = time.perf_counter()
            landmarks = estimator.estimate(rgb, frame.t)
            t3 = time.perf_counter()
            analyzer.update(PoseFrame(frame.t, landmarks, frame.index))
            t4 = time.perf_counter()
            decode.append(t1 - t0)
            convert.append(t2 - t1)
            pose.append(t3 - t2)
            analysis.append(t4 - t3)
            found += landmarks is not None
            n += 1
        wall = time.perf_counter() - started
    return StreamRun(n, wall, decode, convert, pose, analysis, found)


def bench_streams(workdir: Path, repeats: int, log: Callable[[str], None]) -> list[dict]:
    rows = []
    cases = [("640x480", None), ("1280x720", None), ("1280x720", 640)]
    for size, shrink in cases:
        path = make_stream(size, workdir)
        runs = []
        for r in range(repeats):
            runs.append(run_stream(path, "lumbar-stabilization", shrink))
            log(f"stream {size} shrink={shrink} run {r + 1}: {runs[-1].fps:.1f} fps")
        ms = lambda xs: median([median(x) for x in xs]) * 1000  # noqa: E731
        e2e_ms = median([1000 / r.fps for r in runs])
        pose_ms = ms([r.pose for r in runs])
        rows.append({
            "stream": size + (f", shrunk to {shrink} px" if shrink else ""),
            "frames": runs[0].frames,
            "found": runs[0].found / runs[0].frames,
            "e2e_fps": median([r.fps for r in runs]),
            "e2e_ms": e2e_ms,
            "decode_ms": ms([r.decode for r in runs]),
            "convert_ms": ms([r.convert for r in runs]),
            "pose_ms": pose_ms,
            "pose_mean_ms": median([float(np.mean(r.pose)) * 1000 for r in runs]),
            "analysis_us": ms([r.analysis for r in runs]) * 1000,
        })
    return rows


# -- 2. the analyzers alone --------------------------------------------------------------------


def _analyzer_us(exercise: str, recording: LandmarkRecording, repeats: int) -> float:
    """Median CPU time per frame of one analyzer over a recording (update and finish): this
    thread's time, so the pose model's idle worker threads and other processes do not count."""
    per_frame = []
    for _ in range(repeats):
        analyzer = make_analyzer(exercise, width=recording.width, height=recording.height,
                                 fps=recording.fps)
        started = time.thread_time()
        for frame in recording.frames:
            analyzer.update(frame)
        analyzer.finish(recording.duration)
        per_frame.append((time.thread_time() - started) / len(recording))
    return median(per_frame) * 1e6


def own_recording(exercise: str) -> LandmarkRecording:
    """A synthetic recording of the exercise itself: 30 fps, 3 reps (a side), light jitter."""
    return generate(SynthSpec(exercise, reps=3, jitter_px=1.5, seed=3))


def bench_analyzers(recording: LandmarkRecording, repeats: int) -> list[dict]:
    rows = []
    for exercise in EXERCISE_IDS:
        own = own_recording(exercise)
        rows.append({"exercise": exercise, "us": _analyzer_us(exercise, recording, repeats),
                     "own_us": _analyzer_us(exercise, own, repeats),
                     "own_frames": len(own), "own_seconds": own.duration})
    return rows


# -- 3. offline analysis -----------------------------------------------------------------------


def bench_offline(repeats: int, log: Callable[[str], None]) -> tuple[list[dict], list[dict]]:
    configs = [
        ("every frame, full size, OpenCV decoding, one model",
         dict(sample_fps=None, max_side=None, decoder="opencv", workers=1)),
        ("15 fps, <= 640 px, OpenCV decoding, one model",
         dict(sample_fps=15.0, max_side=640, decoder="opencv", workers=1)),
        ("15 fps, <= 640 px, ffmpeg decoding, one model",
         dict(sample_fps=15.0, max_side=640, decoder="ffmpeg", workers=1)),
        ("15 fps, <= 640 px, ffmpeg decoding, two halves at once (default)",
         dict(sample_fps=15.0, max_side=640, decoder="ffmpeg", workers=2)),
    ]
    path = VIDEOS / BIRD_DOG
    duration = VideoSource(path).duration
    config_rows = []
    for label, kwargs in configs:
        walls = []
        for r in range(repeats):
            started = time.perf_counter()
            extract_landmarks(path, **kwargs)
            walls.append(time.perf_counter() - started)
            log(f"offline {label} run {r + 1}: {walls[-1]:.2f} s")
        wall = median(walls)
        config_rows.append({"config": label, "wall": wall, "x": duration / wall,
                            "duration": duration})

    clip_rows = []
    for name, exercise in OFFLINE.items():
        path = VIDEOS / name
        duration = VideoSource(path).duration
        walls, cli_walls = [], []
        stages: dict[str, list[float]] = {}
        for r in range(repeats):
            started = time.perf_counter()
            done = analyze_file(path, exercise)
            walls.append(time.perf_counter() - started)
            for key, value in done.seconds.items():
                stages.setdefault(key, []).append(value)
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "backcoach", "analyze", str(path), "-e", exercise,
                 "--json"], capture_output=True, text=True,
            )
            cli_walls.append(time.perf_counter() - started)
            if out.returncode != 0:
                raise RuntimeError(f"backcoach analyze failed on {name}: {out.stderr}")
            log(f"offline {name} run {r + 1}: {walls[-1]:.2f} s, CLI {cli_walls[-1]:.2f} s")
        wall, cli = median(walls), median(cli_walls)
        clip_rows.append({
            "clip": name, "size": f"{done.recording.width}x{done.recording.height}",
            "exercise": exercise, "duration": duration, "wall": wall, "x": duration / wall,
            "analysis_s": median(stages.get("analysis", [0.0])),
            "cli": cli, "cli_x": duration / cli,
        })
    return config_rows, clip_rows


# -- report ------------------------------------------------------------------------------------


def render(facts: dict, loads: tuple[str, str], repeats: int, streams: list[dict],
           analyzers: list[dict], configs: list[dict], clips: list[dict]) -> str:
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "## The camera coach: decode, pose and analysis",
        "",
        f"Measured {today} by `python -m bench` (`make bench`); every figure is the median "
        f"of {repeats} runs. Timings are wall-clock.",
        "",
        "### Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in facts.items()],
        f"| load average (1/5/15 min) before | {loads[0]} |",
        f"| load average (1/5/15 min) after | {loads[1]} |",
        "",
        "The machine is shared: other jobs (tests of other parts) may run at the same time; "
        "the load averages above say how busy it was (the benchmark itself keeps up to two "
        "cores busy, which shows in the figure after). A load above the core count means the "
        "figures are pessimistic.",
        "",
        "### One live stream, every frame (decode + pose + analysis)",
        "",
        "The bird-dog clip cut to landscape webcam sizes, every frame through OpenCV decoding, "
        "BGR->RGB, BlazePose full in video mode and the lumbar-stabilization analyzer, one "
        "process. *Pose alone* is the model's own time per frame, timed inside the same loop "
        "(its mean is what sets its throughput; the median leaves out the frames on which the "
        "person detector runs). *End to end vs pose* compares the two means.",
        "",
        "| stream | frames | person found | end to end | pose alone | end to end vs pose "
        "| decode | BGR->RGB | analyzer |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in streams:
        over = r["e2e_ms"] / r["pose_mean_ms"] - 1
        out.append(
            f"| {r['stream']} | {r['frames']} | {r['found']:.0%} | {r['e2e_fps']:.1f} fps "
            f"({r['e2e_ms']:.1f} ms) | {1000 / r['pose_mean_ms']:.1f} fps "
            f"({r['pose_mean_ms']:.1f} ms mean, {r['pose_ms']:.1f} ms median) | +{over:.0%} "
            f"| {r['decode_ms']:.2f} ms | {r['convert_ms']:.2f} ms "
            f"| {r['analysis_us']:.0f} µs |"
        )
    pose_ms = median([r["pose_ms"] for r in streams])
    out += [
        "",
        "### The analyzers' own cost",
        "",
        "CPU time per frame of each analyzer, smoothing and visibility gate included, on two "
        "recordings: the real bird-dog landmark recording (15 fps; for the other eight "
        "analyzers mostly a person in the wrong position), and a synthetic recording of the "
        "analyzer's own exercise at 30 fps (3 reps a side, 1.5 px jitter), where every rep is "
        "measured, its hold timed and its form judged. The share is of the model's median "
        f"{pose_ms:.1f} ms a frame. CPU time of the analyzing thread: inside the live loop "
        "above, the analyzer's wall time per frame is longer, since the model's own worker "
        "threads are still busy on the two cores when it runs and have emptied the caches.",
        "",
        "| exercise | bird-dog clip | share | own exercise | share |",
        "|---|---|---|---|---|",
    ]
    for r in analyzers:
        out.append(f"| {r['exercise']} | {r['us']:.0f} µs | {r['us'] / 1000 / pose_ms:.2%} "
                   f"| {r['own_us']:.0f} µs | {r['own_us'] / 1000 / pose_ms:.2%} |")
    out += [
        "",
        "### Offline analysis against real time",
        "",
        "How the speed-ups add up, extracting the landmarks of the bird-dog clip (1080x1920, "
        f"{configs[0]['duration']:.1f} s), model start-up included:",
        "",
        "| configuration | wall time | times real time |",
        "|---|---|---|",
        *[f"| {r['config']} | {r['wall']:.2f} s | {r['x']:.1f}x |" for r in configs],
        "",
        "Whole analyses as `backcoach analyze` runs them (defaults: 15 fps, <= 640 px, ffmpeg "
        "decoding, two halves at once for clips of 8 s or more). *Library* is `analyze_file` "
        "in a warm process; "
        "*CLI* is the command from start to exit, Python and model start-up included.",
        "",
        "| clip | size | exercise | length | library | times real time | CLI | times real time |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in clips:
        out.append(
            f"| {r['clip']} | {r['size']} | {r['exercise']} | {r['duration']:.1f} s "
            f"| {r['wall']:.2f} s | {r['x']:.1f}x | {r['cli']:.2f} s | {r['cli_x']:.1f}x |"
        )
    out += [
        "",
        "Notes",
        "- ffmpeg decodes in its own process, beside the model, and converts only the frames "
        "that are analysed, already shrunk, to RGB; OpenCV would convert every decoded frame "
        "to a full-size BGR image in the model's process first.",
        "- The model itself works at 256 px, so shrinking big frames to 640 px first loses "
        "nothing it would see.",
        "- The two halves run in two threads with a model each (MediaPipe releases the GIL "
        "while it works); the second starts a second of video early so BlazePose's tracking "
        "and smoothing are warm at the seam (a test compares it with a single pass).",
        "- Start-up: Python and the CLI's imports take about 1.5 s, mediapipe and the model "
        "about 0.6 s (matplotlib, which mediapipe imports for plotting, is kept out); this "
        "dominates short clips. The CLI column pays it on every run: most of the gap between "
        "the two columns is `backcoach --help`'s start-up above.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=None, help="also write raw figures here")
    args = parser.parse_args(argv)
    if not VIDEOS.is_dir():
        print(f"the real clips are missing: expected them in {VIDEOS}", file=sys.stderr)
        return 2

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    before = load()
    facts = machine_facts()
    facts["`backcoach --help` (start-up)"] = f"{cli_start(args.repeats):.2f} s"
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-") as tmp:
        workdir = Path(tmp)
        streams = bench_streams(workdir, args.repeats, log)
        recording = extract_landmarks(VIDEOS / BIRD_DOG)
        analyzers = bench_analyzers(recording, args.repeats)
        log("analyzers done")
        configs, clips = bench_offline(args.repeats, log)
    after = load()
    text = render(facts, (before, after), args.repeats, streams, analyzers, configs, clips)
    write_section(args.out, SECTION, text)
    if args.json:
        args.json.write_text(json.dumps({
            "facts": facts, "load": [before, after], "streams": streams,
            "analyzers": analyzers, "offline_configs": configs, "offline_clips": clips,
        }, indent=2))
    log(f"wrote {args.out}")
    return 0
