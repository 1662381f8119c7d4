"""Make a video fit a model: remux or re-encode to H.264 MP4, shrink oversized frames or files.

Length and frame rate are never changed (no trimming, no speed-up, no invented frames):
when they are out of range the member is told what the model needs.
"""

from __future__ import annotations

from bot.wan.catalog.types import MediaKind, MediaLimits

from .avtools import FfmpegFailed, Probe, ProbeFailed, probe_async, run_ffmpeg
from .base import (
    MIME,
    Changes,
    MediaProblem,
    PreparedMedia,
    allowed_formats,
    check_downscale,
    check_seconds,
    check_sides,
    dims,
    extension_of,
    formats_text,
    megabytes,
    num,
    unknown_type,
    wrong_kind,
)
from .sniff import sniff

_COPY_VIDEO = {"h264", "hevc"}  # what the models document ("H.264 or H.265")
_COPY_PIX = {"yuv420p", "yuvj420p"}  # 8-bit 4:2:0, decodable everywhere
_KEEP_AUDIO = {"aac", "mp3"}  # fine in an untouched file
_COPY_AUDIO = {"aac"}  # copied as is into a file the bot writes (MP3 at odd rates breaks MP4)
_TARGETS = ("mp4", "mov", "mkv", "avi")  # containers ffmpeg can write, preferred first
_MUXER = {"mp4": "mp4", "mov": "mov", "mkv": "matroska", "avi": "avi"}
_CODEC_LABEL = {"h264": "H.264", "hevc": "H.265"}
_AUDIO_KBPS = 96
_MIN_VIDEO_KBPS = 50  # below this a re-encode would ruin the picture; refuse instead


def _label(fmt: str, codec: str | None, audio: str | None = None) -> str:
    """`WEBM/VP9`, or `MP4/H.264+AAC` when the sound track is what changed."""
    text = f"{fmt.upper()}/{_CODEC_LABEL.get(codec or '', (codec or '?').upper())}"
    return f"{text}+{audio.upper()}" if audio else text


def _args(out_fmt: str, info: Probe, *, copy_video: bool, copy_audio: bool, size: tuple[int, int] | None) -> list[str]:
    args = ["-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn"]
    if copy_video:
        args += ["-c:v", "copy"]
        if info.video_codec == "hevc" and out_fmt in ("mp4", "mov"):
            args += ["-tag:v", "hvc1"]
    else:
        args += ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"]
    if size or not copy_video:
        args += ["-vf", _scale(size)]
    args += ["-c:a", "copy"] if copy_audio else ["-c:a", "aac", "-b:a", f"{_AUDIO_KBPS}k"]
    if out_fmt in ("mp4", "mov"):
        args += ["-movflags", "+faststart"]
    return [*args, "-f", _MUXER[out_fmt]]


def _scale(size: tuple[int, int] | None) -> str:
    """The target size, or the source's rounded down to even sides (H.264 4:2:0 needs them)."""
    return f"scale={size[0]}:{size[1]}" if size else "scale=trunc(iw/2)*2:trunc(ih/2)*2"


def _check_fps(fps: float | None, limits: MediaLimits, field: str) -> None:
    if limits.min_fps is not None and (fps is None or fps < limits.min_fps - 0.01):
        shown = num(fps) if fps is not None else "?"
        raise MediaProblem("media.video.fps_low", field=field, value=shown, allowed=num(limits.min_fps))
    if limits.max_fps is not None and fps is not None and fps > limits.max_fps + 0.01:
        raise MediaProblem("media.video.fps_high", field=field, value=num(fps), allowed=num(limits.max_fps))


async def _ffmpeg(data: bytes, source: str, out_fmt: str, args: list[str], field: str) -> bytes:
    try:
        return await run_ffmpeg(data, extension_of(source), extension_of(out_fmt), args)
    except FfmpegFailed:
        raise MediaProblem("media.convert_failed", field=field, value=source.upper(), allowed=out_fmt.upper()) from None


async def prepare_video(data: bytes, limits: MediaLimits, *, field: str) -> PreparedMedia:
    """Validate a video input; convert webm/mkv/VP9/… to H.264 MP4, refuse wrong length, rate, size or shape."""
    sniffed = sniff(data)
    if sniffed is None:
        raise unknown_type(limits, field)
    kind, source = sniffed
    if kind is not MediaKind.VIDEO:
        raise wrong_kind(MediaKind.VIDEO, source, limits, field)
    try:
        info = await probe_async(data)
    except ProbeFailed:
        raise MediaProblem(
            "media.video.unreadable", field=field, value=source.upper(), allowed=formats_text(limits)
        ) from None
    if info.video_codec is None or info.width is None or info.height is None:
        raise MediaProblem("media.video.no_stream", field=field, value=source.upper(), allowed=formats_text(limits))
    if info.seconds is None:
        raise MediaProblem("media.video.unreadable", field=field, value=source.upper(), allowed=formats_text(limits))
    check_seconds("video", info.seconds, limits, field)
    _check_fps(info.fps, limits, field)
    check_sides("video", info.width, info.height, limits, field)
    size = check_downscale("video", info.width, info.height, limits, field)

    allowed = allowed_formats(limits)
    container_ok = source in allowed
    codec_ok = info.video_codec in _COPY_VIDEO and info.pix_fmt in _COPY_PIX
    audio_ok = info.audio_codec is None or info.audio_codec in _KEEP_AUDIO
    convert = not (container_ok and codec_ok and audio_ok)
    too_big = limits.max_bytes is not None and len(data) > limits.max_bytes
    # Whatever the bot writes is MP4 when the model takes it (else MOV, MKV, AVI): the most compatible.
    out_fmt = _target(source, limits, field) if convert or size or too_big else source
    changes = Changes(field)
    out = data
    if convert or size:
        copy_video = codec_ok and size is None
        copy_audio = info.audio_codec is None or info.audio_codec in _COPY_AUDIO
        args = _args(out_fmt, info, copy_video=copy_video, copy_audio=copy_audio, size=size)
        out = await _ffmpeg(data, source, out_fmt, args, field)
        if size:
            changes.add("media.fixed.video_downscaled", **{"from": dims(info.width, info.height), "to": dims(*size)})
    if limits.max_bytes is not None and len(out) > limits.max_bytes:
        out = await _compress(data, source, out_fmt, info, limits, size, field)
        changes.add(
            "media.fixed.video_compressed",
            **{"from": megabytes(len(data)), "to": megabytes(len(out))},
            allowed=megabytes(limits.max_bytes),
        )
    if out is not data and (convert or out_fmt != source):
        new_codec = info.video_codec if codec_ok and not changes else "h264"
        sound = not audio_ok
        labels = {
            "from": _label(source, info.video_codec, info.audio_codec if sound else None),
            "to": _label(out_fmt, new_codec, "aac" if sound else None),
        }
        changes.add("media.fixed.video_converted", **labels)
        changes.keys.insert(0, changes.keys.pop())  # the format change is the first thing to tell
    width, height, seconds, fps = info.width, info.height, info.seconds, info.fps
    if changes:
        try:
            after = await probe_async(out)
        except ProbeFailed:
            raise MediaProblem(
                "media.convert_failed", field=field, value=source.upper(), allowed=out_fmt.upper()
            ) from None
        width, height, seconds = after.width, after.height, after.seconds or seconds  # fps is never changed
    return PreparedMedia(
        data=out,
        mime=MIME[out_fmt],
        extension=extension_of(out_fmt),
        kind=MediaKind.VIDEO,
        width=width,
        height=height,
        seconds=seconds,
        changes=tuple(changes.keys),
        field=field,
        fps=fps,
        details={k: dict(v) for k, v in changes.details.items()},
    )


def _target(source: str, limits: MediaLimits, field: str) -> str:
    """The container to write when the source's is not allowed or cannot be written."""
    target = next((f for f in _TARGETS if f in allowed_formats(limits)), None)
    if target is None:
        raise MediaProblem("media.convert_failed", field=field, value=source.upper(), allowed=formats_text(limits))
    return target


async def _compress(
    data: bytes, source: str, out_fmt: str, info: Probe, limits: MediaLimits, size: tuple[int, int] | None, field: str
) -> bytes:
    """One H.264 pass at the bitrate that fits max_bytes; refuse when that bitrate is unusable or misses."""
    assert limits.max_bytes is not None and info.seconds
    audio_kbps = _AUDIO_KBPS if info.audio_codec else 0
    video_kbps = int(limits.max_bytes * 8 * 0.9 / max(info.seconds, 0.1) / 1000 - audio_kbps)
    too_large = MediaProblem(
        "media.video.too_large", field=field, value=megabytes(len(data)), allowed=megabytes(limits.max_bytes)
    )
    if video_kbps < _MIN_VIDEO_KBPS:
        raise too_large
    args = ["-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn", "-c:v", "libx264", "-preset", "veryfast"]
    args += ["-b:v", f"{video_kbps}k", "-maxrate", f"{video_kbps}k", "-bufsize", f"{2 * video_kbps}k"]
    args += ["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", f"{_AUDIO_KBPS}k"]
    args += ["-vf", _scale(size)]
    if out_fmt in ("mp4", "mov"):
        args += ["-movflags", "+faststart"]
    out = await _ffmpeg(data, source, out_fmt, [*args, "-f", _MUXER[out_fmt]], field)
    if len(out) > limits.max_bytes:
        raise too_large
    return out
