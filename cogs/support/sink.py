"""The engine's JobSink for Discord: one bot-owned status message per job, edited as it moves.

The status message is a regular channel message edited with the bot token (interaction tokens
die after 15 minutes; jobs can take longer). Edits are coalesced per job: news arriving within
`min_edit_gap` seconds of the last edit waits, and only the newest version is sent when the gap
has passed, so a busy channel never trips Discord's edit limits and no state change is lost.
Endings are sent at once. The finished video is a reply to the status message.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.jobs.model import Job
from bot.jobs.ports import DeliveryFailed, JobEvent, UploadTooLarge, VideoFile

from .buttons import job_view
from .status import render, result_caption

if TYPE_CHECKING:
    from bot.app import WanBot

log = logging.getLogger(__name__)

FINAL_KINDS = frozenset({"delivered", "undeliverable", "failed", "canceled", "template"})
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024  # Discord's default since January 2025
EDIT_TOO_OLD = 30046  # "maximum number of edits to messages older than 1 hour reached"


def stage_of(event: JobEvent) -> str | None:
    """Which buttons the status message carries at this point of the job."""
    kind, job = event.kind, event.job
    if kind in ("failed", "canceled"):
        return "failed"
    if kind == "undeliverable":
        return "result"
    if kind in ("delivered", "template"):
        return None  # the result message below has the buttons; a learned template has none
    if job.submitted_at is None or ((job.remote_status or "PENDING") == "PENDING" and kind != "succeeded"):
        return "pending"
    return "running"


class DiscordSink:
    def __init__(self, bot: WanBot, *, min_edit_gap: float = 5.0) -> None:
        self.bot = bot
        self.min_edit_gap = min_edit_gap
        self._last_edit: dict[int, float] = {}
        self._latest: dict[int, JobEvent] = {}
        self._flushers: dict[int, asyncio.Task[None]] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._message_ids: dict[int, int] = {}

    # -- where ----------------------------------------------------------------------

    def _channel(self, job: Job) -> Any:
        if job.channel_id is None:
            return None
        return self.bot.get_channel(job.channel_id) or self.bot.get_partial_messageable(
            job.channel_id, guild_id=job.guild_id
        )

    def _status_id(self, job: Job) -> int | None:
        return self._message_ids.get(job.id) or job.status_message_id

    # -- status messages --------------------------------------------------------------

    async def job_event(self, event: JobEvent) -> None:
        job = event.job
        lock = self._locks.setdefault(job.id, asyncio.Lock())
        final = event.kind in FINAL_KINDS
        if self._status_id(job) is None or final:
            self._cancel_flush(job.id)
            async with lock:
                await self._show(event)
            if final:
                self._forget(job.id)
            return
        self._latest[job.id] = event
        wait = self._last_edit.get(job.id, float("-inf")) + self.min_edit_gap - self.bot.clock.now()
        if wait <= 0 and job.id not in self._flushers:
            async with lock:
                latest = self._latest.pop(job.id, None)
                if latest is not None:
                    await self._show(latest)
        elif job.id not in self._flushers:
            self._flushers[job.id] = asyncio.ensure_future(self._flush_later(job.id, max(wait, 0.0)))

    async def _flush_later(self, job_id: int, wait: float) -> None:
        try:
            await self.bot.clock.sleep(wait)
            async with self._locks.setdefault(job_id, asyncio.Lock()):
                latest = self._latest.pop(job_id, None)
                if latest is not None:
                    await self._show(latest)
        finally:
            self._flushers.pop(job_id, None)

    async def flush(self) -> None:
        """At shutdown: send every coalesced edit still waiting, so members see where their job stood."""
        for job_id in list(self._latest):
            task = self._flushers.pop(job_id, None)
            if task is not None:
                task.cancel()
            latest = self._latest.pop(job_id, None)
            if latest is None:
                continue
            try:
                async with self._locks.setdefault(job_id, asyncio.Lock()):
                    await self._show(latest)
            except discord.HTTPException as exc:  # best effort: the next start shows the state anyway
                log.info("status edit at shutdown failed: %s", exc, extra={"job_id": job_id})

    def _cancel_flush(self, job_id: int) -> None:
        task = self._flushers.pop(job_id, None)
        if task is not None:
            task.cancel()
        self._latest.pop(job_id, None)

    def _forget(self, job_id: int) -> None:
        for table in (self._last_edit, self._locks, self._message_ids):
            table.pop(job_id, None)

    async def _show(self, event: JobEvent) -> None:
        """Post the status message, or edit it in place (a fresh one if it was deleted or is too old)."""
        job = event.job
        channel = self._channel(job)
        if channel is None:
            log.warning("job channel is gone", extra={"job_id": job.id, "guild": job.guild_id})
            return
        text = render(event, sandbox=self.bot.sandbox is not None)
        stage = stage_of(event)
        view = job_view(job, stage) if stage else None
        mentions = discord.AllowedMentions.none()
        message_id = self._status_id(job)
        if message_id is not None:
            try:
                await channel.get_partial_message(message_id).edit(content=text, view=view, allowed_mentions=mentions)
                self._last_edit[job.id] = self.bot.clock.now()
                return
            except discord.NotFound:
                log.info("status message was deleted; posting a new one", extra={"job_id": job.id})
            except discord.HTTPException as exc:
                if exc.code != EDIT_TOO_OLD:
                    raise
        reference = None
        if job.source_message_id is not None and message_id is None:
            reference = discord.MessageReference(
                message_id=job.source_message_id, channel_id=job.channel_id, fail_if_not_exists=False
            )
        kwargs: dict[str, Any] = {"content": text, "allowed_mentions": mentions, "reference": reference}
        if view is not None:
            kwargs["view"] = view
        message = await channel.send(**kwargs)
        self._message_ids[job.id] = message.id
        self._last_edit[job.id] = self.bot.clock.now()
        await self.bot.remember_status_message(job.id, message.id)

    # -- delivery ---------------------------------------------------------------------

    def upload_limit(self, job: Job) -> int:
        """The limit Discord told us with the command, else the guild's boost tier's, else the default."""
        told = job.meta.get("upload_limit")
        if isinstance(told, int) and told > 0:
            return told
        guild = self.bot.get_guild(job.guild_id) if job.guild_id else None
        return guild.filesize_limit if guild is not None else DEFAULT_UPLOAD_LIMIT

    async def deliver(self, job: Job, video: VideoFile) -> int | None:
        channel = self._channel(job)
        if channel is None:
            return None
        status_id = self._status_id(job)
        reference = (
            discord.MessageReference(message_id=status_id, channel_id=job.channel_id, fail_if_not_exists=False)
            if status_id
            else None
        )
        spoiler = bool(job.meta.get("spoiler"))
        file = discord.File(video.path, filename=f"wan-{job.id}.mp4", spoiler=spoiler)
        limit = (video.fitted_to or self.upload_limit(job)) if video.compressed else None
        try:
            message = await channel.send(
                result_caption(job, compressed_limit=limit, sandbox=self.bot.sandbox is not None),
                file=file,
                reference=reference,
                view=job_view(job, "result"),
                mention_author=False,
                allowed_mentions=discord.AllowedMentions(users=[discord.Object(job.user_id)]),
            )
        except discord.Forbidden:
            raise DeliveryFailed("the bot may not post files in this channel", retryable=False) from None
        except discord.NotFound:
            raise DeliveryFailed("the channel is gone", retryable=False) from None
        except discord.HTTPException as exc:
            if exc.status == 413:  # Discord's real limit is lower than it told us
                raise UploadTooLarge(video.size) from None
            raise DeliveryFailed(f"Discord answered {exc.status}", retryable=True) from None
        return message.id
