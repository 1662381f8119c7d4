"""Shrink a video under an upload limit with two-pass x264 (measured recipe: TESTING-NOTES §4.4).

Two passes hit a byte budget within a few percent, which one-pass CRF cannot promise. The host
has two cores, so a single semaphore lets one encode run at a time; the rest queue. Each encode
gets a private pass-log directory (the default `ffmpeg2pass-0.log` in the working directory
collides between jobs), which is removed whatever happens, and ffmpeg is killed if the awaiting
task is cancelled.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.wan.simulator.media import ffmpeg_path

from .probe import VideoInfo, probe

log = logging.getLogger(__name__)

# Video kb/s below which a picture of this height (short side) turns to mush: downscale instead.
DEFAULT_FLOORS: Mapping[int, int] = {1080: 1500, 720: 800, 480: 400}
HEADROOM = 0.95  # aim below the limit: container overhead and rate-control error
RETRY_MARGIN = 0.97  # the second attempt aims this far under the limit, corrected by the first result


class DoesNotFit(Exception):
    """No encode we are willing to make gets under the limit."""

    def __init__(self, limit_bytes: int, best_size: int | None, reason: str) -> None:
        self.limit_bytes = limit_bytes
        self.best_size = best_size  # the smallest output reached, None when nothing was tried
        self.reason = reason
        super().__init__(f"{reason} (limit {limit_bytes} B, best {best_size} B)")


class EncodeFailed(RuntimeError):
    """ffmpeg exited with an error or ran past its time limit."""


@dataclass(frozen=True)
class EncodePlan:
    """One attempt: the bitrates and, when the budget is too thin for the source, a smaller height."""

    video_kbps: int
    audio_kbps: int  # 0 drops audio: only when the source has none
    height: int | None  # target short side; None keeps the source size

    def scale_filter(self, portrait: bool) -> str | None:
        if self.height is None:
            return None
        # -2 keeps the aspect with an even side, which H.264 4:2:0 requires.
        return f"scale={self.height}:-2" if portrait else f"scale=-2:{self.height}"


class Compressor:
    """Two-pass H.264 to a byte budget, one encode at a time per instance (share one per process)."""

    def __init__(
        self,
        ffmpeg: str | None = None,
        *,
        preset: str = "veryfast",
        audio_kbps: int = 96,
        floors: Mapping[int, int] = DEFAULT_FLOORS,
        hard_floor_kbps: int = 100,
        headroom: float = HEADROOM,
        timeout_s: float = 900.0,
    ) -> None:
        if not floors:
            raise ValueError("floors needs at least one height")
        self.ffmpeg = ffmpeg or ffmpeg_path()
        self.preset = preset
        self.audio_kbps = audio_kbps
        self.floors = dict(floors)
        self.hard_floor_kbps = hard_floor_kbps
        self.headroom = headroom
        self.timeout_s = timeout_s
        self._slot = asyncio.Semaphore(1)

    @property
    def busy(self) -> bool:
        """An encode is running, so a new fit() would queue (lets the bot say "waiting to compress")."""
        return self._slot.locked()

    # -- planning -------------------------------------------------------------

    def floor_kbps(self, short_side: int) -> float:
        """The floor for any height: the nearest tier at or above it, scaled by pixel count."""
        tiers = sorted(self.floors)
        tier = next((t for t in tiers if t >= short_side), tiers[-1])
        return self.floors[tier] * (short_side / tier) ** 2

    def choose_height(self, short_side: int, video_kbps: float, *, limit_bytes: int) -> int | None:
        """Keep the source size while the bitrate feeds it; else the largest tier it still feeds."""
        candidates = [short_side, *(t for t in sorted(self.floors, reverse=True) if t < short_side)]
        for height in candidates:
            if video_kbps >= self.floor_kbps(height):
                return None if height == short_side else height
        if video_kbps >= self.hard_floor_kbps:  # starved everywhere: smallest picture suffers least
            return None if candidates[-1] == short_side else candidates[-1]
        raise DoesNotFit(limit_bytes, None, f"{video_kbps:.0f} kb/s of video would be unwatchable")

    def plan(self, info: VideoInfo, limit_bytes: int) -> EncodePlan:
        """Target bitrate: limit × 8 × headroom ÷ seconds, minus audio (raises DoesNotFit when hopeless)."""
        if info.seconds <= 0:
            raise DoesNotFit(limit_bytes, None, "the video has no known duration")
        audio = self.audio_kbps if info.has_audio else 0
        video = limit_bytes * 8 * self.headroom / info.seconds / 1000 - audio
        return EncodePlan(int(video), audio, self.choose_height(info.short_side, video, limit_bytes=limit_bytes))

    def replan(self, info: VideoInfo, plan: EncodePlan, size: int, limit_bytes: int) -> EncodePlan:
        """After an overshoot: scale the video share by how far off it was, aiming at 97 % of the limit."""
        audio_bytes = plan.audio_kbps * 1000 / 8 * info.seconds
        factor = (limit_bytes * RETRY_MARGIN - audio_bytes) / max(size - audio_bytes, 1.0)
        video = plan.video_kbps * factor
        height = self.choose_height(info.short_side, video, limit_bytes=limit_bytes)
        if plan.height is not None and (height is None or height > plan.height):
            height = plan.height  # never go back up after a downscale
        return EncodePlan(int(video), plan.audio_kbps, height)

    # -- encoding -------------------------------------------------------------

    async def fit(self, src: Path, limit_bytes: int, workdir: Path, *, info: VideoInfo | None = None) -> Path:
        """A new MP4 in `workdir` of at most `limit_bytes` (the caller owns and deletes it).

        Raises DoesNotFit (with the best size reached) or EncodeFailed; leaves nothing behind then.
        """
        if info is None:
            info = await asyncio.to_thread(probe, src)
        plan = self.plan(info, limit_bytes)
        async with self._slot:
            out, passlogs = _scratch(workdir)
            best: int | None = None
            try:
                for attempt in (1, 2):
                    await self._encode(src, out, plan, info, passlogs / "pass")
                    size = (await asyncio.to_thread(out.stat)).st_size
                    best = size if best is None else min(best, size)
                    log.info(
                        "encode attempt %d: %d kb/s, height %s -> %d B (limit %d B)",
                        attempt, plan.video_kbps, plan.height or info.short_side, size, limit_bytes,
                    )  # fmt: skip
                    if size <= limit_bytes:
                        return out
                    if attempt == 1:
                        try:
                            plan = self.replan(info, plan, size, limit_bytes)
                        except DoesNotFit:
                            break
                raise DoesNotFit(limit_bytes, best, "still over the limit after a corrected second encode")
            except BaseException:
                discard(out)
                raise
            finally:
                discard(passlogs)

    async def _encode(self, src: Path, dst: Path, plan: EncodePlan, info: VideoInfo, passlog: Path) -> None:
        """Both x264 passes for one plan; fit() calls it only while holding the semaphore."""
        head = [self.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", str(src)]
        scale = plan.scale_filter(info.portrait)
        video = [
            *(["-vf", scale] if scale else []),
            "-c:v", "libx264", "-preset", self.preset, "-b:v", f"{plan.video_kbps}k",
            "-pix_fmt", "yuv420p", "-passlogfile", str(passlog),
        ]  # fmt: skip
        audio = ["-map", "0:a:0", "-c:a", "aac", "-b:a", f"{plan.audio_kbps}k"] if plan.audio_kbps else ["-an"]
        await self._run([*head, "-map", "0:v:0", *video, "-pass", "1", "-an", "-f", "null", "-"])
        await self._run(
            [*head, "-map", "0:v:0", *video, "-pass", "2", *audio, "-movflags", "+faststart", "-f", "mp4", str(dst)]
        )

    async def _run(self, args: list[str]) -> None:
        """One ffmpeg process; killed and reaped if we are cancelled or it overruns."""
        proc = await asyncio.create_subprocess_exec(
            *args, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
        )
        try:
            async with asyncio.timeout(self.timeout_s):
                _, err = await proc.communicate()
        except BaseException as exc:
            if proc.returncode is None:
                proc.kill()
                await asyncio.shield(proc.wait())
            if isinstance(exc, TimeoutError):
                raise EncodeFailed(f"ffmpeg ran longer than {self.timeout_s:.0f} s") from None
            raise
        if proc.returncode != 0:
            raise EncodeFailed(f"ffmpeg exited {proc.returncode}: {err.decode(errors='replace')[-400:].strip()}")


def _scratch(workdir: Path) -> tuple[Path, Path]:
    """The output file and the private pass-log dir. Synchronous on purpose: a cancellation between
    creating a path and holding it would leak it."""
    workdir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="fit-", suffix=".mp4", dir=workdir)
    os.close(fd)
    return Path(name), Path(tempfile.mkdtemp(prefix="x264-", dir=workdir))


def discard(path: Path) -> None:
    """Remove a temp file or dir. Synchronous on purpose: it runs while a cancellation unwinds,
    where another await could be interrupted and leave the file behind."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
