"""Real, decodable MP4s for simulated results, made with ffmpeg at a tiny scale."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
from pathlib import Path

# The simulator shrinks outputs to this width (keeping the aspect) so a run stays fast.
PREVIEW_WIDTH = 160
PREVIEW_FPS = 8


def ffmpeg_path() -> str:
    """ffmpeg from PATH, else the static binary shipped by imageio-ffmpeg."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def preview_dimensions(width: int, height: int, target_width: int = PREVIEW_WIDTH) -> tuple[int, int]:
    """Scale to `target_width`, keeping the aspect ratio, with even sides for H.264."""
    w = max(16, target_width - target_width % 2)
    h = max(16, round(w * height / width))
    return w, h + h % 2


class Mp4Factory:
    """Makes and caches test-pattern MP4s keyed by (size, seconds, audio)."""

    def __init__(self, directory: Path, ffmpeg: str | None = None) -> None:
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._ffmpeg = ffmpeg
        self._locks: dict[str, asyncio.Lock] = {}

    async def make(self, width: int, height: int, seconds: float, audio: bool) -> Path:
        seconds = max(0.5, round(seconds, 2))
        key = hashlib.sha1(f"{width}x{height}:{seconds}:{audio}".encode()).hexdigest()[:16]
        path = self.directory / f"{key}.mp4"
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if path.exists():
                return path
            tmp = path.with_suffix(".tmp.mp4")
            args = [
                self._ffmpeg or ffmpeg_path(), "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={PREVIEW_FPS}:duration={seconds}",
            ]  # fmt: skip
            if audio:
                args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
            args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
            if audio:
                args += ["-c:a", "aac", "-b:a", "32k", "-shortest"]
            args += ["-movflags", "+faststart", str(tmp)]
            proc = await asyncio.create_subprocess_exec(
                *args, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
            )
            _, err = await proc.communicate()
            if proc.returncode != 0:
                raise RuntimeError(f"ffmpeg failed: {err.decode(errors='replace')[-300:]}")
            tmp.replace(path)
            return path
