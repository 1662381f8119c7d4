"""The engine's JobSink for Discord: one bot-owned status message per job, edited as it moves.

The status message is a regular channel message (interaction tokens die after 15
minutes; jobs can take longer). Edits are coalesced: news within `min_edit_gap`
seconds of the last edit is skipped unless it ends the job, so a busy channel
never trips Discord's edit rate limits. The finished video is a reply to it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.jobs.model import Job
from bot.jobs.ports import JobEvent, VideoFile

from .status import render

if TYPE_CHECKING:
    from bot.app import WanBot

log = logging.getLogger(__name__)

FINAL_KINDS = {"delivered", "undeliverable", "failed", "canceled"}
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024


class DiscordSink:
    def __init__(self, bot: WanBot, *, min_edit_gap: float = 5.0) -> None:
        self.bot = bot
        self.min_edit_gap = min_edit_gap
        self._last_edit: dict[int, float] = {}

    def _channel(self, job: Job) -> discord.abc.Messageable | None:
        channel = self.bot.get_channel(job.channel_id) if job.channel_id else None
        return channel if isinstance(channel, discord.abc.Messageable) else None

    def _who(self, job: Job) -> str:
        return f"<@{job.user_id}>"

    async def job_event(self, event: JobEvent) -> None:
        job = event.job
        channel = self._channel(job)
        if channel is None:
            log.warning("job channel is gone", extra={"job_id": job.id, "guild": job.guild_id})
            return
        text = render(event, who=self._who(job))
        now = self.bot.engine_clock_now()
        mentions = discord.AllowedMentions.none()
        if job.status_message_id is None:
            message = await channel.send(text, allowed_mentions=mentions)
            await self.bot.remember_status_message(job.id, message.id)
            self._last_edit[job.id] = now
            return
        final = event.kind in FINAL_KINDS
        if not final and now - self._last_edit.get(job.id, 0.0) < self.min_edit_gap:
            return
        partial = channel.get_partial_message(job.status_message_id)  # type: ignore[union-attr]
        try:
            await partial.edit(content=text, allowed_mentions=mentions)
        except discord.NotFound:  # someone deleted it: post a fresh one
            message = await channel.send(text, allowed_mentions=mentions)
            await self.bot.remember_status_message(job.id, message.id)
        self._last_edit[job.id] = now
        if final:
            self._last_edit.pop(job.id, None)

    def upload_limit(self, job: Job) -> int:
        guild = self.bot.get_guild(job.guild_id) if job.guild_id else None
        return guild.filesize_limit if guild is not None else DEFAULT_UPLOAD_LIMIT

    async def deliver(self, job: Job, video: VideoFile) -> int | None:
        channel = self._channel(job)
        if channel is None:
            return None
        reference = (
            channel.get_partial_message(job.status_message_id)  # type: ignore[union-attr]
            if job.status_message_id
            else None
        )
        message = await channel.send(
            f"<@{job.user_id}> · {job.model}",
            file=discord.File(video.path, filename=f"wan-{job.id}.mp4"),
            reference=reference,
            mention_author=False,
            allowed_mentions=discord.AllowedMentions(users=[discord.Object(job.user_id)]),
        )
        return message.id
