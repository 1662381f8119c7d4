"""Media in: take a member's attachment, make it fit the model, and hand DashScope a reference.

fetch() downloads with a size cap, sniff() says what the bytes are, prepare_image /
prepare_audio / prepare_video fix what keeps the file's meaning and refuse the rest with a
MediaProblem that names the field, the value and what is allowed, and to_reference() picks
data URI, original URL or temporary upload. Nothing here is paid for, so every refusal
happens before a job is submitted.
"""

from __future__ import annotations

import asyncio

from bot.wan.catalog.types import MediaKind, MediaLimits

from .audio import prepare_audio
from .base import MediaProblem, PreparedMedia
from .fetch import fetch
from .image import prepare_image
from .reference import MODES, Uploader, to_reference
from .sniff import sniff
from .video import prepare_video


async def prepare(data: bytes, limits: MediaLimits, *, field: str) -> PreparedMedia:
    """Prepare by the kind the model expects; image work runs in a thread so the loop stays free."""
    if limits.kind is MediaKind.IMAGE:
        return await asyncio.to_thread(prepare_image, data, limits, field=field)
    if limits.kind is MediaKind.AUDIO:
        return await prepare_audio(data, limits, field=field)
    return await prepare_video(data, limits, field=field)


__all__ = [
    "MODES",
    "MediaProblem",
    "PreparedMedia",
    "Uploader",
    "fetch",
    "prepare",
    "prepare_audio",
    "prepare_image",
    "prepare_video",
    "sniff",
    "to_reference",
]
