"""Turn a Discord attachment (or a Discord CDN link) into what a model's media field takes.

The bytes are read while the command runs (slash-command attachments are ephemeral and CDN
links expire), fixed or refused by `bot.jobs.media_in` against the model's documented limits,
and handed over as a data URI, the attachment's own link, or a temporary upload, by the
operator's `UPLOAD_MODE`. The stored job keeps that reference, so Re-roll works after the
original message is gone.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord
from yarl import URL

from bot.jobs import media_in
from bot.jobs.media_in.base import MB, megabytes
from bot.wan.catalog.types import MediaLimits, ModelSpec
from bot.wan.errors import WanError

from .refusal import Refusal

if TYPE_CHECKING:
    from bot.app import WanBot

__all__ = ["DISCORD_CDN_HOSTS", "MediaInput", "first_image", "image_urls", "is_discord_cdn", "media_input"]

# Links the bot will fetch on a member's behalf; anything else could point inside our network.
DISCORD_CDN_HOSTS = ("cdn.discordapp.com", "media.discordapp.net")
MAX_FETCH_BYTES = 100 * MB
_URL = re.compile(r"https?://\S+")
IMAGE_TYPES = ("image/",)
# What was done to the member's files during one command ("shrunk from 4000×3000 px ..."); the submit
# path collects it here and adds it to the private confirmation, whichever cog read the files.
FILE_NOTES: ContextVar[list[str] | None] = ContextVar("file_notes", default=None)


@dataclass(frozen=True)
class MediaInput:
    """A ready reference plus what the member should be told about it."""

    reference: str
    seconds: float | None
    notes: tuple[str, ...]


def is_discord_cdn(url: str) -> bool:
    try:
        host = URL(url).host or ""
    except ValueError:
        return False
    return URL(url).scheme == "https" and host in DISCORD_CDN_HOSTS


def image_urls(message: discord.Message) -> list[str]:
    """Images a message carries: attachments, embed images and Discord CDN links in its text."""
    found = [a.url for a in message.attachments if (a.content_type or "").startswith(IMAGE_TYPES)]
    for embed in message.embeds:
        for part in (embed.image, embed.thumbnail):
            if part and part.url and is_discord_cdn(part.url):
                found.append(part.url)
    found += [u for u in _URL.findall(message.content or "") if is_discord_cdn(u)]
    return list(dict.fromkeys(found))


def first_image(message: discord.Message) -> discord.Attachment | str | None:
    for a in message.attachments:
        if (a.content_type or "").startswith(IMAGE_TYPES):
            return a
    urls = image_urls(message)
    return urls[0] if urls else None


def _limits(spec: ModelSpec, field: str, media_type: str | None) -> MediaLimits:
    # A mode's fields (VACE's functions) count too: the same field has the same limits in every mode.
    in_modes = (x for fields in spec.modes.values() for x in fields if field in (x.path, x.name))
    f = spec.field(field) or next(in_modes, None)
    if f is None:
        raise KeyError(f"{spec.name} has no field {field}")
    limits = f.media_types.get(media_type or "") if media_type else f.media
    if limits is None:
        raise KeyError(f"{spec.name}.{field} has no media limits for {media_type!r}")
    return limits


async def media_input(
    bot: WanBot,
    source: discord.Attachment | str,
    spec: ModelSpec,
    field: str,
    locale: str,
    *,
    media_type: str | None = None,
    shown_as: str | None = None,
) -> MediaInput:
    """Read, check, fix and reference one file for `spec.field`; raises Refusal naming the option."""
    label = shown_as or field
    limits = _limits(spec, field, media_type)
    cap = min(MAX_FETCH_BYTES, max(limits.max_bytes or 0, 50 * MB) * 2)
    try:
        if isinstance(source, discord.Attachment):
            if source.size > cap:
                raise media_in.MediaProblem("media.fetch.too_large", field=label, value=megabytes(source.size),
                                            allowed=megabytes(cap))  # fmt: skip
            data = await source.read()
            url: str | None = source.url
        else:
            if not is_discord_cdn(source):
                raise Refusal.of("refusal.link_not_discord", locale, field=label)
            assert bot.http_session is not None
            data = await media_in.fetch(bot.http_session, source, max_bytes=cap, field=label)
            url = source
        prepared = await media_in.prepare(data, limits, field=label)
        uploader = None
        if bot.wan is not None:
            model_id = spec.id_in(bot.settings.dashscope_region) or spec.name
            wan = bot.wan

            async def uploader(blob: bytes, filename: str, mime: str) -> str:
                return await wan.upload(model_id, blob, filename, mime)

        reference = await media_in.to_reference(
            prepared, limits, mode=bot.settings.upload_mode, source_url=url, uploader=uploader
        )
    except media_in.MediaProblem as exc:
        raise Refusal(exc.explain(locale)) from None
    except discord.HTTPException:
        raise Refusal.of("media.fetch.failed", locale, field=label, value="discord", allowed="200") from None
    except WanError as exc:
        raise Refusal.of("refusal.upload_failed", locale, field=label, reason=exc.explain(locale)) from None
    notes = tuple(prepared.describe_changes(locale))
    collected = FILE_NOTES.get()
    if collected is not None:
        collected.extend(notes)
    return MediaInput(reference, prepared.seconds, notes)
