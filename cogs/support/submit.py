"""The one path from a member's request to a queued job: commands, buttons and reactions all use it.

`run_command` acknowledges the interaction at once (well inside Discord's 3 seconds), lets the
cog build the request, applies the guild's rules, and asks the engine to accept it. Anything
refused is answered ephemerally in the member's language, before any quota is reserved.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.i18n import locale_of, t
from bot.jobs.guild_config import GuildConfig
from bot.jobs.model import Job, JobRequest
from bot.wan import catalog

from .media import FILE_NOTES
from .refusal import Refusal, explain, job_link, quota_text

if TYPE_CHECKING:
    from bot.app import WanBot

log = logging.getLogger(__name__)

__all__ = ["Requester", "Submission", "reply", "run_command", "start_job"]


@dataclass
class Requester:
    """Who asks, from where, and what the guild allows them (Discord facts the engine does not know)."""

    user_id: int
    guild_id: int | None
    channel_id: int | None
    locale: str
    config: GuildConfig
    parent_channel_id: int | None = None
    role_ids: tuple[int, ...] = ()
    is_admin: bool = False
    nsfw_channel: bool = False
    upload_limit: int | None = None

    @classmethod
    async def of_interaction(cls, bot: WanBot, interaction: discord.Interaction) -> Requester:
        return await cls.of_member(
            bot, interaction.user, interaction.channel, locale_of(interaction.locale),
            upload_limit=interaction.filesize_limit,
        )  # fmt: skip

    @classmethod
    async def of_member(
        cls,
        bot: WanBot,
        member: discord.abc.User,
        channel: Any,
        locale: str,
        *,
        upload_limit: int | None = None,
    ) -> Requester:
        guild = getattr(channel, "guild", None)
        perms = getattr(member, "guild_permissions", None)
        config = await bot.engine.guilds.get(guild.id if guild else None) if bot.engine else GuildConfig()
        nsfw = getattr(channel, "is_nsfw", None)
        return cls(
            user_id=member.id,
            guild_id=guild.id if guild else None,
            channel_id=getattr(channel, "id", None),
            parent_channel_id=getattr(channel, "parent_id", None),
            locale=locale,
            config=config,
            role_ids=tuple(r.id for r in getattr(member, "roles", ()) if r.id != getattr(guild, "id", None)),
            is_admin=bool(perms and perms.manage_guild),
            nsfw_channel=bool(nsfw()) if callable(nsfw) else False,
            upload_limit=upload_limit,
        )


@dataclass
class Submission:
    """What a cog wants run: the catalog model and the builder's values (unset options left out)."""

    model: str
    values: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    source_message_id: int | None = None
    dedupe_key: str | None = None


def _offered(bot: WanBot, who: Requester, model: str) -> catalog.ModelSpec:
    """The model if this bot's region has it and the guild has not switched it off."""
    region = bot.settings.dashscope_region
    spec = catalog.find(model)
    if spec is None or spec.id_in(region) is None:
        offered = ", ".join(m.name for m in catalog.in_region(region) if m.family == getattr(spec, "family", None))
        raise Refusal.of("refusal.model_not_offered", who.locale, model=model, region=region, allowed=offered or "-")
    if not who.config.model_allowed(spec.family.value, spec.name):
        raise Refusal.of("refusal.model_disabled", who.locale, model=spec.name)
    return spec


async def start_job(bot: WanBot, who: Requester, sub: Submission) -> Job:
    """Check the guild's rules, then let the engine validate, reserve quota and queue; or raise Refusal."""
    engine = bot.engine
    if engine is None:
        raise Refusal.of("refusal.not_configured", who.locale)
    if not engine.accepting:
        raise Refusal.of("refusal.shutting_down", who.locale)
    if not who.config.channel_allowed(who.channel_id, who.parent_channel_id):
        channels = ", ".join(f"<#{c}>" for c in who.config.allowed_channel_ids)
        raise Refusal.of("refusal.channel", who.locale, allowed=channels)
    if who.config.nsfw_channels_only and not who.nsfw_channel:
        raise Refusal.of("refusal.nsfw_only", who.locale)
    spec = _offered(bot, who, sub.model)
    values = dict(sub.values)
    if who.config.watermark is not None and spec.field("watermark") is not None:
        values.setdefault("watermark", who.config.watermark)
    meta = {
        **sub.meta,
        "upload_limit": who.upload_limit,
        "spoiler": _spoiler(who),
        "model_id": spec.id_in(bot.settings.dashscope_region),  # what members see: the region's own id
    }
    request = JobRequest(
        user_id=who.user_id,
        guild_id=who.guild_id,
        channel_id=who.channel_id,
        model=spec.name,
        builder="",
        values=values,
        locale=who.locale,
        role_ids=who.role_ids,
        is_admin=who.is_admin,
        source_message_id=sub.source_message_id,
        dedupe_key=sub.dedupe_key,
        meta=meta,
    )
    try:
        return await engine.accept(request)
    except Exception as exc:
        refusal = explain(exc, who.locale)
        if refusal is None:
            raise
        raise refusal from None


def _spoiler(who: Requester) -> bool:
    policy = who.config.spoiler
    return policy == "always" or (policy == "outside-nsfw" and not who.nsfw_channel)


async def reply(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral answer, whether or not the interaction was already acknowledged."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.response.send_message(text, ephemeral=True)


async def queued_reply(bot: WanBot, who: Requester, job: Job) -> str:
    """The private confirmation: where the status message is, what it costs, what is left."""
    assert bot.engine is not None
    job = await bot.engine.jobs.require(job.id)
    usage = await bot.engine.ledger.usage(
        who.user_id,
        who.guild_id,
        await bot.engine.ledger.allowance(who.guild_id, who.user_id, who.role_ids, is_admin=who.is_admin),
        bot.engine.clock.now(),
    )
    link = job_link(job.guild_id, job.channel_id, job.status_message_id) or f"#{job.id}"
    text = t("command.queued", who.locale, link=link, cost=quota_text(job.estimate_ms, who.locale),
             remaining=quota_text(usage.remaining_ms, who.locale))  # fmt: skip
    return text + "\n" + t("status.sandbox", who.locale) if bot.sandbox is not None else text


Build = Callable[[Requester], Awaitable[Submission]]


async def run_command(bot: WanBot, interaction: discord.Interaction, build: Build) -> Job | None:
    """Acknowledge, build, accept, confirm. Returns the job, or None when it was refused."""
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    who = await Requester.of_interaction(bot, interaction)
    if bot.engine is not None and not bot.engine.accepting:  # stopping: do not even fetch the attachments
        await reply(interaction, t("refusal.shutting_down", who.locale))
        return None
    notes: list[str] = []
    token = FILE_NOTES.set(notes)
    try:
        job = await start_job(bot, who, await build(who))
    except Exception as exc:
        refusal = explain(exc, who.locale)
        if refusal is None:
            raise
        log.info("refused: %s", refusal.text, extra={"guild": who.guild_id, "user": who.user_id})
        await reply(interaction, refusal.text)
        return None
    finally:
        FILE_NOTES.reset(token)
    await reply(interaction, "\n".join([await queued_reply(bot, who, job), *notes]))
    return job
