"""`/wan-video`: text to video. Thin: it turns options into a request and hands it to the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import t
from bot.jobs.engine import DuplicateJob, QuotaExceeded
from bot.jobs.model import JobRequest
from bot.wan import catalog
from bot.wan.catalog.common import ASPECT_OF_SIZE
from bot.wan.catalog.types import Role
from bot.wan.validation import InvalidRequest

if TYPE_CHECKING:
    from bot.app import WanBot

ASPECTS = ("16:9", "9:16", "1:1", "4:3", "3:4")


def size_for(spec: catalog.ModelSpec, aspect: str, tier: str | None) -> str | None:
    """The model's exact size string for an aspect at a tier (its default tier when None)."""
    tier = tier or spec.default_tier
    for size, size_tier in spec.sizes.items():
        if size_tier == tier and ASPECT_OF_SIZE.get(size) == aspect:
            return size
    return None


def quota(ms: int | None) -> str:
    return "unlimited" if ms is None else f"{ms / 1000:.1f}"


class TextToVideo(commands.Cog):
    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    def _models(self) -> list[catalog.ModelSpec]:
        return [m for m in catalog.by_family("t2v", self.bot.settings.dashscope_region) if m.role is Role.GENERATE]

    @app_commands.command(name="wan-video", description="Make a short video from a text description")
    @app_commands.describe(
        prompt="What should happen in the video",
        model="Which Wan model (default: the newest offered here)",
        aspect="Shape of the video",
        resolution="Resolution tier (higher costs more quota)",
        duration="Length in seconds (allowed values depend on the model)",
        negative_prompt="What to avoid",
        seed="Random seed for similar (not identical) results",
        shots="One continuous shot or several (wan2.6)",
        rewrite="Let Wan improve the prompt (default on)",
    )
    @app_commands.choices(
        aspect=[app_commands.Choice(name=a, value=a) for a in ASPECTS],
        resolution=[app_commands.Choice(name=r, value=r) for r in ("480P", "720P", "1080P")],
        shots=[app_commands.Choice(name="single", value="single"), app_commands.Choice(name="multi", value="multi")],
    )
    async def wan_video(
        self,
        interaction: discord.Interaction,
        prompt: app_commands.Range[str, 1, 5000],
        model: str | None = None,
        aspect: str = "16:9",
        resolution: str | None = None,
        duration: int | None = None,
        negative_prompt: str | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        shots: str | None = None,
        rewrite: bool | None = None,
    ) -> None:
        locale = str(interaction.locale)
        await interaction.response.defer(ephemeral=True, thinking=True)
        engine = self.bot.engine
        if engine is None:
            await interaction.followup.send(t("command.not_configured", locale), ephemeral=True)
            return
        models = self._models()
        try:
            spec = catalog.get(model) if model else models[0]
        except (catalog.UnknownModel, IndexError):
            allowed = ", ".join(m.name for m in models)
            await interaction.followup.send(f"model {model!r} is not offered here: choose {allowed}", ephemeral=True)
            return
        size = size_for(spec, aspect, resolution)
        if size is None:
            allowed = ", ".join(f"{ASPECT_OF_SIZE[s]} {tier}" for s, tier in spec.sizes.items())
            text = t(
                "command.no_size", locale, model=spec.name, aspect=aspect, resolution=resolution or "", allowed=allowed
            )
            await interaction.followup.send(text, ephemeral=True)
            return
        values = {
            "prompt": prompt, "size": size, "duration": duration, "negative_prompt": negative_prompt, "seed": seed,
            "shot_type": shots, "prompt_extend": rewrite,
        }  # fmt: skip
        member = interaction.user
        request = JobRequest(
            user_id=member.id,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            model=spec.name,
            builder="",
            values={k: v for k, v in values.items() if v is not None},
            locale=locale,
            role_ids=tuple(r.id for r in getattr(member, "roles", ())),
            is_admin=bool(getattr(getattr(member, "guild_permissions", None), "manage_guild", False)),
            meta={"shown_prompt": prompt[:300]},
        )
        try:
            job = await engine.accept(request)
        except InvalidRequest as exc:
            await interaction.followup.send(str(exc), ephemeral=True)
            return
        except QuotaExceeded as exc:
            text = t("command.quota_exceeded", locale, needed=quota(exc.needed_ms),
                     remaining=quota(exc.usage.remaining_ms), reset=int(exc.usage.resets_at))  # fmt: skip
            await interaction.followup.send(text, ephemeral=True)
            return
        except DuplicateJob as exc:
            await interaction.followup.send(t("command.duplicate", locale, link=f"job {exc.job.id}"), ephemeral=True)
            return
        usage = await engine.usage(request)
        job = await engine.jobs.require(job.id)
        link = (
            f"https://discord.com/channels/{job.guild_id}/{job.channel_id}/{job.status_message_id}"
            if job.status_message_id
            else f"job {job.id}"
        )
        text = t("command.queued", locale, link=link, cost=quota(job.estimate_ms), remaining=quota(usage.remaining_ms))
        await interaction.followup.send(text, ephemeral=True)

    @wan_video.autocomplete("model")
    async def _model_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=f"{m.name} — {m.title}"[:100], value=m.name)
            for m in self._models()
            if current.lower() in m.name.lower()
        ][:25]


async def setup(bot: WanBot) -> None:
    await bot.add_cog(TextToVideo(bot))
