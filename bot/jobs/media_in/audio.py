"""Make a sound file fit a model: convert formats it does not list, compress when too large.

Length is never changed: too short or too long is explained, not trimmed or sped up.
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
    check_seconds,
    extension_of,
    formats_text,
    megabytes,
    unknown_type,
    wrong_kind,
)
from .sniff import sniff

# ffmpeg output settings per target format, best quality first (later ones only to fit max_bytes).
_ENCODINGS: dict[str, tuple[list[str], ...]] = {
    "mp3": (["-c:a", "libmp3lame", "-q:a", "2"], ["-c:a", "libmp3lame", "-b:a", "128k"],
            ["-c:a", "libmp3lame", "-b:a", "96k"], ["-c:a", "libmp3lame", "-b:a", "64k"]),
    "wav": (["-c:a", "pcm_s16le"],),
    "aac": (["-c:a", "aac", "-b:a", "160k", "-f", "adts"], ["-c:a", "aac", "-b:a", "96k", "-f", "adts"]),
}  # fmt: skip
_NATIVE_CODECS = {"mp3": ("mp3",), "aac": ("aac",), "wav": ("pcm_",)}


def _fits_container(fmt: str, info: Probe) -> bool:
    """A WAV holding ADPCM or MP3 is still a WAV by name, but not what a model expects."""
    codec = info.audio_codec or ""
    return any(codec.startswith(prefix) for prefix in _NATIVE_CODECS.get(fmt, ("",)))


def _layout(fmt: str, info: Probe) -> list[str]:
    """MP3 and AAC encoders take at most 48 kHz stereo; WAV keeps everything as it is."""
    if fmt == "wav":
        return []
    args = []
    if info.sample_rate and info.sample_rate > 48000:
        args += ["-ar", "48000"]
    if info.channels and info.channels > 2:
        args += ["-ac", "2"]
    return args


async def prepare_audio(data: bytes, limits: MediaLimits, *, field: str) -> PreparedMedia:
    """Validate a sound input; convert ogg/m4a/flac/… to MP3 (or WAV), refuse wrong lengths and sizes."""
    sniffed = sniff(data)
    if sniffed is None:
        raise unknown_type(limits, field)
    kind, source = sniffed
    if kind is MediaKind.IMAGE:
        raise wrong_kind(MediaKind.AUDIO, source, limits, field)
    try:
        info = await probe_async(data)
    except ProbeFailed:
        raise MediaProblem(
            "media.audio.unreadable", field=field, value=source.upper(), allowed=formats_text(limits)
        ) from None
    if info.audio_codec is None:
        raise MediaProblem("media.audio.no_stream", field=field, value=source.upper(), allowed=formats_text(limits))
    if info.seconds is None:
        raise MediaProblem("media.audio.unreadable", field=field, value=source.upper(), allowed=formats_text(limits))
    check_seconds("audio", info.seconds, limits, field)

    allowed = allowed_formats(limits)
    changes = Changes(field)
    out, fmt = data, source
    convert = kind is MediaKind.VIDEO or source not in allowed or not _fits_container(source, info)
    too_big = limits.max_bytes is not None and len(data) > limits.max_bytes
    if convert or too_big:
        targets = [f for f in ("mp3", "wav", "aac") if f in allowed]
        if not targets:
            raise MediaProblem("media.convert_failed", field=field, value=source.upper(), allowed=formats_text(limits))
        fmt = targets[0]
        encodings = _ENCODINGS[fmt]
        if not convert and too_big and source == fmt:
            encodings = encodings[1:] or encodings  # already this format: go straight to a lower bitrate
        for step, settings in enumerate(encodings):
            try:
                args = ["-map", "0:a:0", "-vn", *settings, *_layout(fmt, info)]
                out = await run_ffmpeg(data, extension_of(source), extension_of(fmt), args)
            except FfmpegFailed:
                raise MediaProblem(
                    "media.convert_failed", field=field, value=source.upper(), allowed=formats_text(limits)
                ) from None
            if limits.max_bytes is None or len(out) <= limits.max_bytes:
                if too_big or step:
                    changes.add(
                        "media.fixed.audio_compressed",
                        **{"from": megabytes(len(data)), "to": megabytes(len(out))},
                        allowed=megabytes(limits.max_bytes or len(out)),
                    )
                break
        if convert or fmt != source:
            changes.keys.insert(0, "media.fixed.audio_converted")
            changes.details["media.fixed.audio_converted"] = {"from": source.upper(), "to": fmt.upper()}
    if limits.max_bytes is not None and len(out) > limits.max_bytes:
        raise MediaProblem(
            "media.audio.too_large", field=field, value=megabytes(len(out)), allowed=megabytes(limits.max_bytes)
        )
    return PreparedMedia(
        data=out,
        mime=MIME[fmt],
        extension=extension_of(fmt),
        kind=MediaKind.AUDIO,
        seconds=info.seconds,
        changes=tuple(changes.keys),
        field=field,
        details={k: dict(v) for k, v in changes.details.items()},
    )
