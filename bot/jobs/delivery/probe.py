"""What a downloaded video is: length, size, codecs. Read with PyAV, never by decoding frames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av


class UnreadableVideo(ValueError):
    """The file is not a video PyAV can open (truncated, HTML error page, no video stream)."""


@dataclass(frozen=True)
class VideoInfo:
    seconds: float
    width: int
    height: int
    fps: float
    video_codec: str
    has_audio: bool
    size_bytes: int

    @property
    def short_side(self) -> int:
        """The side a "720p" label refers to, for landscape and portrait alike."""
        return min(self.width, self.height)

    @property
    def portrait(self) -> bool:
        return self.height > self.width


def probe(path: Path) -> VideoInfo:
    """Read the container header only (milliseconds even for large files). Blocking: use asyncio.to_thread."""
    size = path.stat().st_size
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise UnreadableVideo("no video stream")
            stream = container.streams.video[0]
            if container.duration is not None:
                seconds = container.duration / av.time_base
            elif stream.duration is not None and stream.time_base is not None:
                seconds = float(stream.duration * stream.time_base)
            else:
                seconds = 0.0
            rate = stream.average_rate or stream.guessed_rate
            return VideoInfo(
                seconds=float(seconds),
                width=stream.codec_context.width,
                height=stream.codec_context.height,
                fps=float(rate) if rate else 0.0,
                video_codec=stream.codec_context.name,
                has_audio=bool(container.streams.audio),
                size_bytes=size,
            )
    except av.FFmpegError as exc:
        raise UnreadableVideo(f"{type(exc).__name__}: {exc}") from None
