"""Emoji reactions as effect triggers: react to a picture with a mapped emoji to run that template on it.

The member who reacts pays, and the status message replies to the picture. Reactions that map to
nothing (or to an effect this bot's region does not offer), or land on a message without a
picture, are ignored without a word: people react for many reasons. A mapped reaction that cannot
start a job is taken off again and the member is told why: by DM, or, when their DMs are closed,
by a short reply that deletes itself (the AI_Horde `messageReact.ts` pattern). One job per
message, emoji and member (the dedupe key); the engine frees the key again once that job failed
or was cancelled.

The event itself needs no privileged intent, but Discord blanks the attachments of other members'
messages (in events and in the API) for bots without the Message Content intent; without it only
pictures in messages that mention the bot, or the bot's own, can be animated this way.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.jobs.engine import DuplicateJob
from bot.jobs.reaction_map import default_reaction_map, guild_reaction_map, template_for
from bot.wan.catalog.effects import EFFECTS_BY_TEMPLATE

from .effects import effect_models, effect_name, effect_submission
from .support.media import first_image
from .support.refusal import explain
from .support.submit import Requester, start_job

if TYPE_CHECKING:
    from bot.app import WanBot

log = logging.getLogger(__name__)

__all__ = ["REPLY_SECONDS", "Reactions", "dedupe_key", "default_reaction_map"]

REPLY_SECONDS = 30  # how long the in-channel explanation stays when DMs are closed


def dedupe_key(message_id: int, emoji: str, user_id: int) -> str:
    return f"reaction:{message_id}:{emoji}:{user_id}"


class Reactions(commands.Cog):
    """Effect templates triggered by emoji reactions on pictures."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        member = payload.member
        engine = self.bot.engine
        if payload.guild_id is None or member is None or member.bot or engine is None:
            return
        if self.bot.user is not None and payload.user_id == self.bot.user.id:
            return
        config = await engine.guilds.get(payload.guild_id)
        if not config.reactions_enabled:
            return
        emoji = str(payload.emoji)
        template = template_for(await guild_reaction_map(engine.guilds, payload.guild_id), emoji)
        if template is None or not effect_models(self.bot, None, EFFECTS_BY_TEMPLATE[template])[0]:
            return  # unmapped, or no model of this region runs it: the emoji means nothing here
        guild = member.guild
        message = await self._fetch(guild, payload.channel_id, payload.message_id)
        if message is None:
            return
        image = first_image(message)
        if image is None:
            return
        locale = locale_of(guild.preferred_locale)
        who = await Requester.of_member(self.bot, member, message.channel, locale, upload_limit=guild.filesize_limit)
        key = dedupe_key(message.id, emoji, member.id)
        try:
            existing = await engine.jobs.by_dedupe(key)
            if existing is not None:  # before reading the picture again
                raise DuplicateJob(existing)
            sub = await effect_submission(self.bot, who, template, image, emoji=emoji, source_message_id=message.id,
                                          dedupe_key=key)  # fmt: skip
            await start_job(self.bot, who, sub)
        except Exception as exc:
            refusal = explain(exc, locale)
            if refusal is None:
                ref = secrets.token_hex(4)
                log.error("reaction effect failed (ref %s)", ref, exc_info=exc,
                          extra={"guild": guild.id, "user": member.id, "ref": ref})  # fmt: skip
                text = t("refusal.unexpected", locale, ref=ref)
            else:
                log.info("reaction refused: %s", refusal.text, extra={"guild": guild.id, "user": member.id})
                text = refusal.text
            await self._refuse(message, payload.emoji, member, template, text, locale)

    async def _fetch(self, guild: discord.Guild, channel_id: int, message_id: int) -> discord.Message | None:
        """The message as the API has it now: fresh signed attachment links, never a stale cached copy."""
        channel: Any = guild.get_channel_or_thread(channel_id)
        try:
            if channel is None:
                channel = await self.bot.fetch_channel(channel_id)
            return await channel.fetch_message(message_id)
        except (discord.NotFound, discord.Forbidden):
            return None
        except discord.HTTPException:
            log.warning("could not fetch a reacted message", extra={"guild": guild.id})
            return None

    async def _refuse(
        self,
        message: discord.Message,
        emoji: discord.PartialEmoji,
        member: discord.Member,
        template: str,
        reason: str,
        locale: str,
    ) -> None:
        """Take the reaction off and say why: DM first, a self-deleting reply when DMs are closed."""
        try:
            await message.remove_reaction(emoji, member)
        except discord.Forbidden:
            log.info("no permission to remove a reaction", extra={"guild": member.guild.id})
        except discord.HTTPException:
            log.warning("could not remove a reaction", extra={"guild": member.guild.id})
        effect = EFFECTS_BY_TEMPLATE[template]
        params = {"emoji": str(emoji), "name": effect_name(effect, locale), "reason": reason}
        try:
            await member.send(t("reaction.refused_dm", locale, link=message.jump_url, **params))
            return
        except discord.Forbidden:
            pass  # DMs closed: fall back to the channel
        except discord.HTTPException:
            log.warning("could not DM a member about a refused reaction", extra={"guild": member.guild.id})
        try:
            await message.reply(
                t("reaction.refused_reply", locale, mention=member.mention, **params),
                delete_after=REPLY_SECONDS,
                mention_author=False,
                allowed_mentions=discord.AllowedMentions(
                    users=[member], everyone=False, roles=False, replied_user=False
                ),
            )
        except discord.HTTPException:
            log.warning("could not explain a refused reaction", extra={"guild": member.guild.id})


async def setup(bot: WanBot) -> None:
    await bot.add_cog(Reactions(bot))
