"""Media out: download a result, shrink it under the upload limit or explain why not, never leak temp files.

Sources are small (360p/720p, a few seconds) and the limits are scaled down instead, so real
two-pass encodes stay around a second each.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.jobs.delivery import (
    Compressor,
    Delivered,
    DoesNotFit,
    EncodePlan,
    NotDeliverable,
    VideoInfo,
    deliver,
    delivering,
    link_expiry,
    probe,
)
from bot.wan import catalog, errors
from bot.wan.client import WanClient
from bot.wan.requests.video import TextToVideo
from bot.wan.simulator import Simulator
from tests.media_tools import make_video

MODEL = "wan2.6-t2v"
HOSTS = ["127.0.0.1"]


@dataclass(frozen=True)
class Sources:
    small: Path  # 640x360, 4 s, sine audio
    hd: Path  # 1280x720, 3 s, sine audio
    silent: Path  # 640x360, 2 s, no audio
    junk: Path  # not a video at all


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Sources:
    root = tmp_path_factory.mktemp("sources")
    junk = root / "junk.mp4"
    junk.write_bytes(b"<html>not a video</html>" * 100)
    return Sources(
        small=make_video(root / "small.mp4", size="640x360", seconds=4),
        hd=make_video(root / "hd.mp4", size="1280x720", seconds=3),
        silent=make_video(root / "silent.mp4", size="640x360", seconds=2, audio=False),
        junk=junk,
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


async def result_url(sim: Simulator, client: WanClient, video: Path) -> str:
    """A finished task whose signed result link serves `video`."""
    sim.plan(video=video, pending_s=1, running_s=1)
    created = await client.submit(TextToVideo(model=MODEL, prompt="a fox").prepare())
    sim.advance(10)
    task = await client.query(created.task_id)
    url = task.result(catalog.get(MODEL))
    assert isinstance(url, str)
    return url


def deliver_kwargs(work: Path, compressor: Compressor, upload_limit: int) -> dict[str, Any]:
    return {
        "upload_limit": upload_limit,
        "max_download_bytes": 100_000_000,
        "extra_hosts": HOSTS,
        "workdir": work,
        "compressor": compressor,
    }


def spawned(monkeypatch: pytest.MonkeyPatch) -> tuple[list[asyncio.subprocess.Process], asyncio.Event]:
    """Record every ffmpeg the compressor starts, and signal the first one."""
    procs: list[asyncio.subprocess.Process] = []
    started = asyncio.Event()
    real = asyncio.create_subprocess_exec

    async def recording(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
        proc = await real(*args, **kwargs)
        procs.append(proc)
        started.set()
        return proc

    monkeypatch.setattr(asyncio, "create_subprocess_exec", recording)
    return procs, started


# -- deliver() against the simulator -------------------------------------------------------


async def test_fits_without_compression(sim, client, sources, work):
    url = await result_url(sim, client, sources.small)
    size = sources.small.stat().st_size
    outcome = await deliver(client, url, **deliver_kwargs(work, Compressor(), upload_limit=size))
    assert isinstance(outcome, Delivered)
    try:
        assert not outcome.compressed and outcome.original_size == size
        assert outcome.path.read_bytes() == sources.small.read_bytes()
        assert outcome.info == replace(probe(sources.small), size_bytes=size)
        assert outcome.note() is None
    finally:
        outcome.cleanup()
    assert list(work.iterdir()) == []


async def test_compresses_under_the_limit_keeping_audio_and_length(sim, client, sources, work):
    url = await result_url(sim, client, sources.small)
    limit = 250_000
    source = probe(sources.small)
    async with delivering(client, url, **deliver_kwargs(work, Compressor(), upload_limit=limit)) as outcome:
        assert isinstance(outcome, Delivered)
        assert outcome.compressed and outcome.original_size == source.size_bytes
        assert outcome.path.stat().st_size <= limit
        out = probe(outcome.path)
        assert out.video_codec == "h264" and out.has_audio
        assert (out.width, out.height) == (640, 360)  # budget feeds 360p: no downscale
        assert abs(out.seconds - source.seconds) <= 0.3
        assert [p.name for p in outcome.path.parent.iterdir()] == [outcome.path.name]  # original and logs gone
        assert "MB" in (outcome.note() or "")
    assert list(work.iterdir()) == []


async def test_downscales_when_the_bitrate_would_starve_720p(sim, client, sources, work):
    url = await result_url(sim, client, sources.hd)
    limit = 250_000  # ~537 kb/s of video for 3 s: below 720p's floor, enough for 480p
    async with delivering(client, url, **deliver_kwargs(work, Compressor(), upload_limit=limit)) as outcome:
        assert isinstance(outcome, Delivered)
        assert outcome.path.stat().st_size <= limit
        out = probe(outcome.path)
        assert (out.width, out.height) == (854, 480) and out.has_audio
        assert "480p" in (outcome.note() or "")
    assert list(work.iterdir()) == []


async def test_impossible_limit_explains_with_link_expiry(sim, client, sources, work):
    url = await result_url(sim, client, sources.small)
    outcome = await deliver(client, url, **deliver_kwargs(work, Compressor(), upload_limit=20_000))
    assert isinstance(outcome, NotDeliverable)
    assert outcome.key == "delivery.too_large"
    expected = link_expiry(url)
    assert expected is not None and outcome.link_expires_at == expected
    assert expected.timestamp() == pytest.approx(sim.now() + 24 * 3600, abs=60)
    text = outcome.text()
    assert url in text and expected.strftime("%Y-%m-%d %H:%M UTC") in text
    assert outcome.text(expires="<t:123:f>").endswith(f"<t:123:f>: {url}")
    assert list(work.iterdir()) == []


async def test_given_link_expiry_wins_over_the_url(sim, client, sources, work):
    url = await result_url(sim, client, sources.small)
    when = datetime(2030, 1, 1, tzinfo=UTC)
    kwargs = deliver_kwargs(work, Compressor(), upload_limit=20_000)
    outcome = await deliver(client, url, **kwargs, link_expires_at=when)
    assert isinstance(outcome, NotDeliverable) and outcome.link_expires_at == when


async def test_expired_link_surfaces_unchanged(sim, client, sources, work):
    url = await result_url(sim, client, sources.small)
    sim.advance(25 * 3600)
    with pytest.raises(errors.ResultExpired):
        await deliver(client, url, **deliver_kwargs(work, Compressor(), upload_limit=10**8))
    assert list(work.iterdir()) == []


async def test_unreadable_result_is_explained(sim, client, sources, work):
    url = await result_url(sim, client, sources.junk)
    outcome = await deliver(client, url, **deliver_kwargs(work, Compressor(), upload_limit=10**8))
    assert isinstance(outcome, NotDeliverable) and outcome.key == "delivery.unreadable"
    assert list(work.iterdir()) == []


async def test_cancel_mid_encode_kills_ffmpeg_and_removes_everything(sim, client, sources, work, monkeypatch):
    url = await result_url(sim, client, sources.hd)
    procs, started = spawned(monkeypatch)
    job = asyncio.create_task(deliver(client, url, **deliver_kwargs(work, Compressor(), upload_limit=250_000)))
    await asyncio.wait_for(started.wait(), 30)
    await asyncio.sleep(0.2)  # let ffmpeg open its pass log
    assert not job.done()
    job.cancel()
    with pytest.raises(asyncio.CancelledError):
        await job
    assert procs and all(p.returncode is not None for p in procs)
    assert list(work.iterdir()) == []


async def test_exception_inside_delivering_still_cleans_up(sim, client, sources, work):
    url = await result_url(sim, client, sources.small)
    with pytest.raises(RuntimeError, match="upload failed"):
        async with delivering(client, url, **deliver_kwargs(work, Compressor(), upload_limit=10**8)) as outcome:
            assert isinstance(outcome, Delivered) and outcome.path.exists()
            raise RuntimeError("upload failed")
    assert list(work.iterdir()) == []


# -- Compressor ---------------------------------------------------------------------------


async def test_cancelled_fit_leaves_no_pass_logs(sources, work, monkeypatch):
    procs, started = spawned(monkeypatch)
    job = asyncio.create_task(Compressor().fit(sources.hd, 250_000, work))
    await asyncio.wait_for(started.wait(), 30)
    await asyncio.sleep(0.2)
    job.cancel()
    with pytest.raises(asyncio.CancelledError):
        await job
    assert all(p.returncode is not None for p in procs)
    assert list(work.iterdir()) == []


async def test_concurrent_fits_run_one_after_the_other(sources, work, monkeypatch):
    compressor = Compressor()
    intervals: list[tuple[float, float]] = []
    real = compressor._encode

    async def timed(*args: Any, **kwargs: Any) -> None:
        start = time.monotonic()
        await real(*args, **kwargs)
        intervals.append((start, time.monotonic()))

    monkeypatch.setattr(compressor, "_encode", timed)
    limit = 100_000
    outs = await asyncio.gather(*(compressor.fit(sources.silent, limit, work) for _ in range(2)))
    assert len(intervals) == 2
    (_, first_end), (second_start, _) = sorted(intervals)
    assert first_end <= second_start
    assert len(set(outs)) == 2
    for out in outs:
        info = probe(out)
        assert info.size_bytes <= limit and not info.has_audio and info.video_codec == "h264"
        out.unlink()
    assert list(work.iterdir()) == []


async def test_overshoot_is_corrected_by_a_real_second_encode(sources, work, monkeypatch):
    compressor = Compressor(headroom=1.4)  # aim 40 % over the limit so the first encode overshoots
    plans: list[EncodePlan] = []
    real = compressor._encode

    async def spy(src: Path, dst: Path, plan: EncodePlan, *rest: Any) -> None:
        plans.append(plan)
        await real(src, dst, plan, *rest)

    monkeypatch.setattr(compressor, "_encode", spy)
    limit = 250_000
    out = await compressor.fit(sources.small, limit, work)
    assert out.stat().st_size <= limit
    assert len(plans) == 2 and plans[1].video_kbps < plans[0].video_kbps
    out.unlink()
    assert list(work.iterdir()) == []


INFO_1080 = VideoInfo(10.0, 1920, 1080, 30.0, "h264", True, 30 * 1024 * 1024)


def fake_encoder(compressor: Compressor, sizes: list[int], monkeypatch: pytest.MonkeyPatch) -> list[EncodePlan]:
    """Replace ffmpeg with files of scripted sizes, to drive the retry logic exactly."""
    plans: list[EncodePlan] = []

    async def encode(src: Path, dst: Path, plan: EncodePlan, info: VideoInfo, passlog: Path) -> None:
        plans.append(plan)
        await asyncio.to_thread(passlog.with_name("pass-0.log").write_text, "stats")
        await asyncio.to_thread(dst.write_bytes, b"\0" * sizes[len(plans) - 1])

    monkeypatch.setattr(compressor, "_encode", encode)
    return plans


async def test_retry_aims_under_the_limit_by_the_measured_error(work, monkeypatch):
    compressor = Compressor()
    limit = 8 * 1024 * 1024
    plans = fake_encoder(compressor, [int(limit * 1.1), int(limit * 0.96)], monkeypatch)
    out = await compressor.fit(Path("unused.mp4"), limit, work, info=INFO_1080)
    assert out.stat().st_size == int(limit * 0.96)
    first, second = plans
    assert first.video_kbps == 6279 and first.height is None  # TESTING-NOTES §4.4 formula
    audio_bytes = 96 * 1000 / 8 * 10
    expected = 6279 * (limit * 0.97 - audio_bytes) / (limit * 1.1 - audio_bytes)
    assert second.video_kbps == pytest.approx(expected, abs=1)
    out.unlink()
    assert list(work.iterdir()) == []


async def test_does_not_fit_reports_best_size_and_cleans_up(work, monkeypatch):
    compressor = Compressor()
    limit = 8 * 1024 * 1024
    fake_encoder(compressor, [int(limit * 1.2), int(limit * 1.05)], monkeypatch)
    with pytest.raises(DoesNotFit) as caught:
        await compressor.fit(Path("unused.mp4"), limit, work, info=INFO_1080)
    assert caught.value.best_size == int(limit * 1.05)
    assert list(work.iterdir()) == []


def test_plan_keeps_downscales_or_refuses():
    c = Compressor(ffmpeg="ffmpeg")
    mib = 1024 * 1024
    assert c.plan(INFO_1080, 8 * mib) == EncodePlan(6279, 96, None)
    assert c.plan(INFO_1080, 2 * mib).height == 720  # ~1497 kb/s: just under 1080p's floor
    assert c.plan(INFO_1080, 1 * mib).height == 480  # ~700 kb/s
    assert c.plan(INFO_1080, 300_000).height == 480  # starved everywhere: smallest picture
    with pytest.raises(DoesNotFit) as caught:
        c.plan(INFO_1080, 100_000)
    assert caught.value.best_size is None
    silent = replace(INFO_1080, has_audio=False)
    assert c.plan(silent, 8 * mib).audio_kbps == 0
    with pytest.raises(DoesNotFit):
        c.plan(replace(INFO_1080, seconds=0.0), 8 * mib)


def test_portrait_scales_the_short_side():
    c = Compressor(ffmpeg="ffmpeg")
    portrait = VideoInfo(5.0, 720, 1280, 30.0, "h264", False, 10**7)
    plan = c.plan(portrait, 400_000)
    assert plan.height == 480 and plan.scale_filter(portrait.portrait) == "scale=480:-2"
    assert EncodePlan(900, 96, 720).scale_filter(False) == "scale=-2:720"
    assert EncodePlan(900, 96, None).scale_filter(False) is None
    assert c.floor_kbps(1080) == 1500 and c.floor_kbps(540) == pytest.approx(450)


def test_link_expiry_reads_signed_urls():
    assert link_expiry("https://x.aliyuncs.com/a.mp4?Expires=1790086400&Signature=abc") == datetime.fromtimestamp(
        1790086400, UTC
    )
    v4 = "https://x.aliyuncs.com/a.mp4?x-oss-date=20260101T000000Z&x-oss-expires=86400&x-oss-signature=s"
    assert link_expiry(v4) == datetime(2026, 1, 2, tzinfo=UTC)
    assert link_expiry("https://x.aliyuncs.com/a.mp4") is None
    assert link_expiry("https://x.aliyuncs.com/a.mp4?Expires=soon") is None
