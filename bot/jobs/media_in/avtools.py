"""Probing with PyAV and converting with ffmpeg, for sound and video inputs.

Probing reads the container in memory (a thread, as PyAV blocks); conversion runs the
static ffmpeg binary as an asyncio subprocess on temporary files that are always removed.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from bot.wan.simulator.media import ffmpeg_path

FFMPEG_TIMEOUT = 600.0  # seconds; a 200 MB upload re-encoded on two cores stays well below
# Decoder names PyAV reports -> the codec's plain name.
_CODEC_NAMES = {"mp3float": "mp3", "aac_fixed": "aac", "libdav1d": "av1", "libvpx": "vp8", "libvpx-vp9": "vp9"}
# ADTS AAC has no header with its length; FFmpeg guesses from the bitrate, so count packets instead.
_RAW_AUDIO = {"aac"}


@dataclass(frozen=True)
class Probe:
    """What PyAV saw: length, the first audio and video streams, displayed size and rate."""

    container: str
    seconds: float | None
    audio_codec: str | None
    video_codec: str | None
    width: int | None = None  # as displayed, i.e. after the rotation tag
    height: int | None = None
    fps: float | None = None
    pix_fmt: str | None = None
    sample_rate: int | None = None
    channels: int | None = None


class ProbeFailed(Exception):
    """PyAV could not read the file."""


class FfmpegFailed(Exception):
    """ffmpeg exited with an error or ran out of time."""


def _codec(stream: av.stream.Stream) -> str:
    name = stream.codec_context.name
    return _CODEC_NAMES.get(name, name)


def _packet_seconds(container: av.container.InputContainer, stream: av.stream.Stream) -> float | None:
    """Exact length of a raw stream by walking its packets (no decoding)."""
    end = 0
    start: int | None = None
    for packet in container.demux(stream):
        if packet.pts is None:
            continue
        start = packet.pts if start is None else min(start, packet.pts)
        end = max(end, packet.pts + (packet.duration or 0))
    if start is None or stream.time_base is None:
        return None
    return float((end - start) * stream.time_base)


def probe(data: bytes) -> Probe:
    """Length, codecs, size and frame rate; raises ProbeFailed when the file cannot be read."""
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            fmt = container.format.name
            audio = container.streams.audio[0] if container.streams.audio else None
            video = container.streams.video[0] if container.streams.video else None
            seconds = container.duration / 1_000_000 if container.duration is not None else None
            width = height = None
            fps = None
            pix_fmt = None
            if video is not None:
                ctx = video.codec_context
                width, height, pix_fmt = ctx.width, ctx.height, ctx.format.name if ctx.format else None
                rate: Fraction | None = video.average_rate or video.guessed_rate
                fps = float(rate) if rate else None
                frame = next(container.decode(video), None)
                if frame is None:
                    raise ProbeFailed("no decodable video frame")
                if frame.rotation in (90, -90, 270, -270):
                    width, height = height, width
                if seconds is None and video.duration is not None and video.time_base is not None:
                    seconds = float(video.duration * video.time_base)
            elif audio is not None and (seconds is None or set(fmt.split(",")) & _RAW_AUDIO):
                seconds = _packet_seconds(container, audio) or seconds
            return Probe(
                container=fmt,
                seconds=seconds,
                audio_codec=_codec(audio) if audio is not None else None,
                video_codec=_codec(video) if video is not None else None,
                width=width,
                height=height,
                fps=fps,
                pix_fmt=pix_fmt,
                sample_rate=audio.codec_context.sample_rate if audio is not None else None,
                channels=audio.codec_context.channels if audio is not None else None,
            )
    except ProbeFailed:
        raise
    except Exception as exc:  # a member's file can break PyAV in any way; all of it means "unreadable"
        raise ProbeFailed(f"{type(exc).__name__}: {exc}") from None


async def probe_async(data: bytes) -> Probe:
    return await asyncio.to_thread(probe, data)


async def run_ffmpeg(
    data: bytes, in_ext: str, out_ext: str, args: list[str], *, time_limit: float = FFMPEG_TIMEOUT
) -> bytes:
    """Feed `data` through `ffmpeg -i in <args> out` and return the output file's bytes."""
    with tempfile.TemporaryDirectory(prefix="wanbot-media-") as tmp:
        src, dst = Path(tmp) / f"in.{in_ext}", Path(tmp) / f"out.{out_ext}"
        await asyncio.to_thread(src.write_bytes, data)
        # Local files only: a crafted container must not make ffmpeg fetch anything over the network.
        cmd = [ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-protocol_whitelist", "file"]
        cmd += ["-i", str(src), *args, str(dst)]
        proc = await asyncio.create_subprocess_exec(
            *cmd, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
        )
        try:
            _, err = await asyncio.wait_for(proc.communicate(), time_limit)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            raise FfmpegFailed(f"ffmpeg took longer than {time_limit:g} s") from None
        except asyncio.CancelledError:
            proc.kill()
            await proc.wait()
            raise
        if proc.returncode != 0 or not dst.exists():
            raise FfmpegFailed(err.decode(errors="replace")[-300:])
        return await asyncio.to_thread(dst.read_bytes)
