"""Buttons on status and result messages that keep working after a restart.

Each button is a `discord.ui.DynamicItem` whose custom id carries only the action and the job
id (`wan:reroll:42`); everything else is read from SQLite when it is pressed, so a button
posted yesterday by another process works the same as one posted a second ago.
"""

from __future__ import annotations

import contextlib
import logging
import random
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.i18n import locale_of, t
from bot.jobs.model import Job, JobState
from bot.wan import catalog

from .refusal import quota_text
from .status import shown_model
from .submit import Submission, reply, run_command

if TYPE_CHECKING:
    from bot.app import WanBot

log = logging.getLogger(__name__)

__all__ = ["JobButton", "job_view"]

SEED_MAX = 2_147_483_647
_STYLE = {
    "reroll": discord.ButtonStyle.primary,
    "remix": discord.ButtonStyle.secondary,
    "details": discord.ButtonStyle.secondary,
    "delete": discord.ButtonStyle.danger,
    "cancel": discord.ButtonStyle.danger,
}
_EMOJI = {"reroll": "🎲", "remix": "🖋️", "details": "📋", "delete": "🗑️", "cancel": "✖️"}


class JobButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"wan:(?P<action>[a-z]+):(?P<job>[0-9]+)"):
    """One action on one job; the action decides what a press does."""

    def __init__(self, action: str, job_id: int, locale: str = "en-US") -> None:
        super().__init__(
            discord.ui.Button(
                label=t(f"button.{action}", locale),
                style=_STYLE.get(action, discord.ButtonStyle.secondary),
                emoji=_EMOJI.get(action),
                custom_id=f"wan:{action}:{job_id}",
            )
        )
        self.action = action
        self.job_id = job_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> JobButton:
        return cls(match["action"], int(match["job"]))

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        bot: WanBot = interaction.client  # type: ignore[assignment]
        locale = locale_of(interaction.locale)
        job = await bot.engine.jobs.get(self.job_id) if bot.engine else None
        if job is None:
            await reply(interaction, t("refusal.job_gone", locale))
            return
        handler = _ACTIONS.get(self.action)
        if handler is None:
            await reply(interaction, t("refusal.job_gone", locale))
            return
        await handler(bot, interaction, job, locale)


def job_view(job: Job, stage: str) -> discord.ui.View:
    """The buttons for a job at a stage: pending, running, result or failed."""
    actions = {
        "pending": ("cancel", "details"),
        "running": ("details",),
        "result": ("reroll", "remix", "details", "delete"),
        "failed": ("reroll", "details"),
    }[stage]
    view = discord.ui.View(timeout=None)
    for action in actions:
        if action == "remix" and not _has_prompt(job):
            continue
        view.add_item(JobButton(action, job.id, job.locale))
    return view


def _has_prompt(job: Job) -> bool:
    spec = catalog.find(job.model)
    return "prompt" in job.values or (
        spec is not None and spec.field("prompt") is not None and "template" not in job.values
    )


def _may_manage(interaction: discord.Interaction, job: Job) -> bool:
    perms = getattr(interaction.user, "guild_permissions", None)
    return interaction.user.id == job.user_id or bool(perms and perms.manage_guild)


def _again(job: Job, **changes: Any) -> Submission:
    """Same model and options as `job`, with a new seed where the model takes one."""
    values = dict(job.values)
    spec = catalog.get(job.model)
    if spec.field("seed") is not None:
        values["seed"] = random.randint(0, SEED_MAX)
    values.update(changes)
    meta = {k: v for k, v in job.meta.items() if k not in ("upload_limit", "spoiler")}
    meta["parent_job"] = job.id
    if "prompt" in changes:
        meta["shown_prompt"] = changes["prompt"][:300]
    return Submission(job.model, values, meta, source_message_id=job.source_message_id)


async def _reroll(bot: WanBot, interaction: discord.Interaction, job: Job, locale: str) -> None:
    async def build(_who: Any) -> Submission:
        return _again(job)

    await run_command(bot, interaction, build)


class RemixModal(discord.ui.Modal):
    """Edit the prompt, keep everything else."""

    def __init__(self, bot: WanBot, job: Job, locale: str) -> None:
        super().__init__(title=t("remix.title", locale)[:45], timeout=600)
        self.bot = bot
        self.job = job
        spec = catalog.get(job.model)
        limit = getattr(spec.field("prompt"), "max_len", None) or 4000
        self.prompt: discord.ui.TextInput[RemixModal] = discord.ui.TextInput(
            label=t("remix.prompt", locale)[:45],
            custom_id="prompt",
            style=discord.TextStyle.paragraph,
            default=str(job.values.get("prompt") or "")[:4000],
            max_length=min(limit, 4000),
            required=True,
        )
        self.add_item(self.prompt)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def build(_who: Any) -> Submission:
            return _again(self.job, prompt=self.prompt.value)

        await run_command(self.bot, interaction, build)


async def _remix(bot: WanBot, interaction: discord.Interaction, job: Job, locale: str) -> None:
    await interaction.response.send_modal(RemixModal(bot, job, locale))


async def _cancel(bot: WanBot, interaction: discord.Interaction, job: Job, locale: str) -> None:
    if not _may_manage(interaction, job):
        await reply(interaction, t("refusal.not_owner", locale))
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    assert bot.engine is not None
    if job.state in (JobState.CANCELED,) or await bot.engine.cancel(job.id):
        await reply(interaction, t("canceled.ok", locale))
    else:
        await reply(interaction, t("refusal.cancel_late", locale))


async def _delete(bot: WanBot, interaction: discord.Interaction, job: Job, locale: str) -> None:
    if not _may_manage(interaction, job):
        await reply(interaction, t("refusal.not_owner", locale))
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    channel = interaction.channel
    for message_id in {job.result_message_id, job.status_message_id} - {None}:
        if channel is not None and hasattr(channel, "get_partial_message"):
            with contextlib.suppress(discord.NotFound):
                await channel.get_partial_message(message_id).delete()
    await reply(interaction, t("deleted.ok", locale))


async def _details(bot: WanBot, interaction: discord.Interaction, job: Job, locale: str) -> None:
    await interaction.response.send_message(embed=details_embed(job, locale), ephemeral=True)


def _shown(value: Any) -> str:
    if isinstance(value, str) and value.startswith(("data:", "oss://")):
        return "(file)"
    if isinstance(value, str) and value.startswith("http"):
        return "(link)"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    return str(value)


def details_embed(job: Job, locale: str) -> discord.Embed:
    """Everything about one job a member may want: options, seed, prompts, cost and timings."""
    embed = discord.Embed(title=t("details.title", locale, id=job.id))
    embed.add_field(name=t("details.model", locale), value=shown_model(job))
    embed.add_field(name=t("details.state", locale), value=f"{job.state.value} ({job.remote_status or '-'})")
    seed = job.values.get("seed")
    embed.add_field(
        name=t("details.seed", locale), value=str(seed) if seed is not None else t("result.seed_random", locale)
    )
    if job.values.get("prompt"):
        embed.add_field(name=t("details.prompt", locale), value=str(job.values["prompt"])[:1024], inline=False)
    if job.actual_prompt:
        embed.add_field(name=t("details.rewritten", locale), value=job.actual_prompt[:1024], inline=False)
    options = {k: v for k, v in job.values.items() if k not in ("prompt", "seed")}
    if options:
        text = "\n".join(f"`{k}`: {_shown(v)}" for k, v in options.items())
        embed.add_field(name=t("details.options", locale), value=text[:1024], inline=False)
    billed = quota_text(job.billed_ms, locale) if job.billed_ms is not None else "-"
    embed.add_field(name=t("details.cost", locale),
                    value=t("details.cost_value", locale, reserved=quota_text(job.estimate_ms, locale), billed=billed),
                    inline=False)  # fmt: skip
    not_yet = t("details.not_yet", locale)
    started = f"<t:{int(job.running_at)}:T>" if job.running_at else not_yet
    finished = f"<t:{int(job.finished_at)}:T>" if job.finished_at else not_yet
    embed.add_field(name=t("details.times", locale),
                    value=t("details.times_value", locale, queued=int(job.created_at), started=started,
                            finished=finished), inline=False)  # fmt: skip
    if job.error_key:
        embed.add_field(name=t("details.error", locale), value=t(job.error_key, locale)[:1024], inline=False)
    return embed


_ACTIONS = {"reroll": _reroll, "remix": _remix, "details": _details, "delete": _delete, "cancel": _cancel}
