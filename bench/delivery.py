"""Benchmark media out: memory and time of deliver() for a ~10 MB and a ~200 MB result (run by hand).

    /work/venv/bin/python -m bench.delivery

Each case runs in a fresh child process against the simulator (real time), so the peak resident
memory of one case is not hidden by another's high-water mark. Streaming means the 200 MB case
should peak within 30 MB of the 10 MB one. Time runs from "the task is SUCCEEDED and its URL is in
hand" to "the file is ready to upload", and is compared with shutil.copyfile of the same bytes,
measured in the same process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import aiohttp

from bot.jobs.delivery import Compressor, Delivered, deliver
from bot.wan import catalog
from bot.wan.client import WanClient
from bot.wan.requests.video import TextToVideo
from bot.wan.simulator import Plan, Simulator, start
from bot.wan.simulator.media import ffmpeg_path

MODEL = "wan2.6-t2v"
MB = 1024 * 1024
NO_LIMIT = 1 << 30  # upload limit and download cap for the streaming cases: never compress


def make_sources(root: Path) -> dict[str, Path]:
    """~10 MB: 5 s of 1080p at 16 Mb/s (a typical Wan result). ~200 MB: lossless 720p noise cut at 200 MB."""
    ff = ffmpeg_path()
    common = [ff, "-y", "-loglevel", "error", "-nostdin"]
    ten = root / "result-10mb.mp4"
    subprocess.run(
        [
            *common,
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=5,noise=alls=12:allf=t",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=5",
            "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "16M", "-maxrate", "16M", "-bufsize", "16M",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", str(ten),
        ],
        check=True,
    )  # fmt: skip
    big = root / "result-200mb.mp4"
    subprocess.run(
        [
            *common,
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=60,noise=alls=40:allf=t",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=60",
            "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "96k", "-fs", "200M", "-movflags", "+faststart", str(big),
        ],
        check=True,
    )  # fmt: skip
    return {"10mb": ten, "200mb": big}


def rss_mb() -> float | None:
    """Current resident memory (Linux /proc), to separate the delivery's growth from import-time memory."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / MB


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


async def finished_url(sim: Simulator, client: WanClient, video: Path) -> str:
    sim.plan(video=video, pending_s=0, running_s=0)
    created = await client.submit(TextToVideo(model=MODEL, prompt="bench").prepare())
    while True:
        task = await client.query(created.task_id)
        if task.status == "SUCCEEDED":
            return str(task.result(catalog.get(MODEL)))
        await asyncio.sleep(0.01)


def copy_baseline(video: Path, work: Path, repeats: int) -> float:
    """Median time of shutil.copyfile of the same bytes; the first copy only warms the page cache."""
    copies = []
    for _ in range(repeats + 1):
        t0 = time.perf_counter()
        shutil.copyfile(video, work / "copy.mp4")
        copies.append(time.perf_counter() - t0)
        (work / "copy.mp4").unlink()
    return statistics.median(copies[1:])


async def deliveries(video: Path, work: Path, upload_limit: int, repeats: int, heap: bool) -> dict[str, Any]:
    """Timed deliveries against a fresh simulator, then (optionally) one under tracemalloc."""
    sim = Simulator(enforce_limits=False, default_plan=Plan(pending_s=0, running_s=0))
    runner = await start(sim)
    result: dict[str, Any] = {"rss_before_mb": rss_mb()}
    try:
        async with aiohttp.ClientSession() as session:
            client = WanClient(session, sim.base_url, "sk-bench")
            compressor = Compressor()
            kwargs: dict[str, Any] = {
                "upload_limit": upload_limit,
                "max_download_bytes": NO_LIMIT,
                "extra_hosts": ["127.0.0.1"],
                "workdir": work,
                "compressor": compressor,
            }
            times = []
            for _ in range(repeats):
                url = await finished_url(sim, client, video)
                t0 = time.perf_counter()
                outcome = await deliver(client, url, **kwargs)
                times.append(time.perf_counter() - t0)
                assert isinstance(outcome, Delivered), outcome
                result["out_mb"] = outcome.info.size_bytes / MB
                result["compressed"] = outcome.compressed
                outcome.cleanup()
            result["deliver_s"] = statistics.median(times)
            result["peak_rss_mb"] = peak_rss_mb()
            if result["compressed"]:  # otherwise the only child was imageio-ffmpeg's `ffmpeg -version` probe
                result["ffmpeg_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)
            if heap:
                url = await finished_url(sim, client, video)
                tracemalloc.start()
                outcome = await deliver(client, url, **kwargs)
                result["heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
                tracemalloc.stop()
                outcome.cleanup()
    finally:
        await runner.cleanup()
        sim.close()
    return result


def child(video: Path, upload_limit: int, repeats: int, heap: bool) -> dict[str, Any]:
    """One case in this process, so its peak RSS is its own."""
    with tempfile.TemporaryDirectory(prefix="wanbot-bench-") as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {"size_mb": video.stat().st_size / MB, "copy_s": copy_baseline(video, work, repeats)}
        result.update(asyncio.run(deliveries(video, work, upload_limit, repeats, heap)))
        result["leftovers"] = len(list(work.iterdir()))
    return result


def run_case(video: Path, upload_limit: int, repeats: int, heap: bool) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.delivery", "--child", str(video), "--limit", str(upload_limit)]
    args += ["--repeats", str(repeats), *(["--heap"] if heap else [])]
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt(value: float | None, spec: str = ".1f", unit: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=NO_LIMIT, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help="timed deliveries per streaming case (median)")
    parser.add_argument("--heap", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-compress", action="store_true", help="skip the 10 MB -> 8 MiB compression row")
    ns = parser.parse_args()
    if ns.child:
        print(json.dumps(child(ns.child, ns.limit, ns.repeats, ns.heap)))
        return

    with tempfile.TemporaryDirectory(prefix="wanbot-bench-src-") as tmp:
        t0 = time.perf_counter()
        sources = make_sources(Path(tmp))
        print(f"sources generated in {time.perf_counter() - t0:.1f} s", flush=True)
        rows = {
            "10 MB stream": run_case(sources["10mb"], NO_LIMIT, ns.repeats, heap=True),
            "200 MB stream": run_case(sources["200mb"], NO_LIMIT, ns.repeats, heap=True),
        }
        if not ns.no_compress:
            rows["10 MB -> 8 MiB"] = run_case(sources["10mb"], 8 * MB, 1, heap=False)

    header = (
        f"{'case':<15} {'in MB':>7} {'out MB':>7} {'deliver s':>10} {'copy s':>8} {'ratio':>7} "
        f"{'peak RSS':>9} {'RSS+':>7} {'py heap':>8} {'ffmpeg RSS':>10} {'left':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, r in rows.items():
        growth = r["peak_rss_mb"] - r["rss_before_mb"] if r.get("rss_before_mb") is not None else None
        print(
            f"{name:<15} {r['size_mb']:>7.1f} {r['out_mb']:>7.1f} {r['deliver_s']:>10.3f} {r['copy_s']:>8.3f} "
            f"{r['deliver_s'] / r['copy_s']:>6.1f}x {r['peak_rss_mb']:>7.1f}MB {fmt(growth, '.1f', 'MB'):>7} "
            f"{fmt(r.get('heap_peak_mb'), '.2f', 'MB'):>8} {fmt(r.get('ffmpeg_rss_mb'), '.0f', 'MB'):>10} "
            f"{r['leftovers']:>5}"
        )
    small, big = rows["10 MB stream"], rows["200 MB stream"]
    diff = big["peak_rss_mb"] - small["peak_rss_mb"]
    verdict = "OK" if abs(diff) <= 30 else "OVER"
    print(
        f"\npeak RSS 200 MB vs 10 MB: {diff:+.1f} MB (ratio {big['peak_rss_mb'] / small['peak_rss_mb']:.2f}); "
        f"target within 30 MB: {verdict}"
    )
    print(
        "deliver = download + probe (+ compress in the last row), from SUCCEEDED to file ready; "
        "ratio = deliver / shutil.copyfile of the same file."
    )


if __name__ == "__main__":
    main()
