"""Test media made on the spot with the bundled ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.wan.simulator.media import ffmpeg_path


def make_video(path: Path, *, size: str, seconds: float, audio: bool = True) -> Path:
    """Noise keeps x264 from squeezing the test pattern to nothing, so size limits mean something."""
    args = [
        ffmpeg_path(), "-y", "-loglevel", "error", "-nostdin",
        "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=24:duration={seconds},noise=alls=8:allf=t",
    ]  # fmt: skip
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:a", "aac", "-b:a", "128k"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-shortest", str(path)]
    subprocess.run(args, check=True, timeout=60)
    return path
