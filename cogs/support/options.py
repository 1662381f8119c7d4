"""Option helpers shared by the family cogs, all derived from the catalog (cogs never list models).

Aspect ratios map onto each model's exact size strings, durations come from the chosen model's
limits, and only models offered in the configured region (and not switched off by the guild)
are suggested.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.i18n import locale_of, t
from bot.wan import catalog, prompt_guide
from bot.wan.catalog.common import ASPECT_OF_SIZE
from bot.wan.catalog.types import Kind, ModelSpec, Region, Role

from .refusal import Refusal

if TYPE_CHECKING:
    from bot.app import WanBot

ASPECTS = ("16:9", "9:16", "1:1", "4:3", "3:4")
RESOLUTIONS = ("480P", "720P", "1080P")
AUDIO_CHOICES = ("auto", "silent")

__all__ = [
    "ASPECTS",
    "AUDIO_CHOICES",
    "RESOLUTIONS",
    "choices",
    "duration_autocomplete",
    "family_models",
    "model_autocomplete",
    "pick_model",
    "priced_choices",
    "prompt_help_choices",
    "prompt_help_descriptions",
    "set_choices",
    "size_for",
    "tier_autocomplete",
]


def choices(values: tuple[str, ...]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=v, value=v) for v in values]


def family_models(bot: WanBot, *families: str, predicate: Callable[[ModelSpec], bool] | None = None) -> list[ModelSpec]:
    """Generating models of these families offered in the bot's region, newest first as the catalog lists them."""
    region = bot.settings.dashscope_region
    out = [m for f in families for m in catalog.by_family(f, region) if m.role is Role.GENERATE]
    return [m for m in out if predicate is None or predicate(m)]


def pick_model(bot: WanBot, who: Any, name: str | None, models: list[ModelSpec], family: str) -> ModelSpec:
    """The member's model, or the guild's first allowed one; Refusal when none is offered."""
    allowed = [m for m in models if who.config.model_allowed(m.family.value, m.name)]
    if name:
        spec = catalog.find(name)
        if spec is None or spec not in models:
            offered = ", ".join(m.name for m in allowed) or "-"
            raise Refusal.of("refusal.model_not_offered", who.locale, model=name,
                             region=bot.settings.dashscope_region, allowed=offered)  # fmt: skip
        return spec
    if not allowed:
        raise Refusal.of("refusal.no_models", who.locale, family=family, region=bot.settings.dashscope_region)
    return allowed[0]


def size_for(spec: ModelSpec, aspect: str, tier: str | None) -> str | None:
    """The model's exact size string for an aspect at a tier (its default tier when None)."""
    tier = tier or spec.default_tier
    for size, size_tier in spec.sizes.items():
        if size_tier == tier and ASPECT_OF_SIZE.get(size) == aspect:
            return size
    return None


def resolve_size(spec: ModelSpec, aspect: str, tier: str | None, locale: str) -> str:
    size = size_for(spec, aspect, tier)
    if size is None:
        size = size_for(spec, aspect, None) if tier is None else None
    if size is None:
        allowed = ", ".join(f"{ASPECT_OF_SIZE.get(s, s)} {t}" for s, t in spec.sizes.items())
        raise Refusal.of("refusal.no_size", locale, model=spec.name, aspect=aspect, resolution=tier or "-",
                         allowed=allowed)  # fmt: skip
    return size


def tier_for(spec: ModelSpec, wanted: str | None, guild_default: str | None) -> str | None:
    """The member's tier; else the guild default when this model has it; else the model's own default."""
    if wanted:
        return wanted
    if guild_default and guild_default in spec.tiers:
        return guild_default
    return None


def durations(spec: ModelSpec) -> list[int]:
    f = spec.field("duration")
    if f is None:
        return []
    if f.kind is Kind.CHOICE:
        return [int(c) for c in f.choices]
    if f.minimum is not None and f.maximum is not None:
        return list(range(int(f.minimum), int(f.maximum) + 1))
    return []


ModelsFn = Callable[["WanBot"], list[ModelSpec]]


def model_autocomplete(
    models: ModelsFn,
) -> Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        bot: WanBot = interaction.client  # type: ignore[assignment]
        config = await bot.engine.guilds.get(interaction.guild_id) if bot.engine else None
        return [
            app_commands.Choice(name=f"{m.name} — {m.title}"[:100], value=m.name)
            for m in models(bot)
            if current.lower() in m.name.lower() and (config is None or config.model_allowed(m.family.value, m.name))
        ][:25]

    return complete


def chosen_model(interaction: discord.Interaction, models: ModelsFn) -> ModelSpec | None:
    """The model the member has picked so far in this command, else the default one."""
    bot: WanBot = interaction.client  # type: ignore[assignment]
    offered = models(bot)
    chosen = catalog.find(str(getattr(interaction.namespace, "model", "") or ""))
    return chosen if chosen in offered else (offered[0] if offered else None)


def tier_autocomplete(
    models: ModelsFn,
) -> Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]:
    """The resolution tiers of the chosen model (or of the default one), as the catalog lists them."""

    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        spec = chosen_model(interaction, models)
        if spec is None:
            return []
        typed = (current or "").upper()
        return [app_commands.Choice(name=tier, value=tier) for tier in spec.tiers if tier.startswith(typed)][:25]

    return complete


def duration_autocomplete(
    models: ModelsFn,
) -> Callable[[discord.Interaction, int], Awaitable[list[app_commands.Choice[int]]]]:
    """Only the lengths the chosen model (or the default one) allows."""

    async def complete(interaction: discord.Interaction, current: int | str) -> list[app_commands.Choice[int]]:
        spec = chosen_model(interaction, models)
        if spec is None:
            return []
        typed = str(current or "")
        suffix = t("unit.seconds_short", locale_of(interaction.locale))
        offered = [
            app_commands.Choice(name=f"{d}{suffix}", value=d) for d in durations(spec) if str(d).startswith(typed)
        ]
        return offered[:25]

    return complete


def priced_choices(spec: ModelSpec, region: Region, field: str) -> list[app_commands.Choice[Any]]:
    """The field's values, each with the region's price per second of the tier it selects ("wan-pro · 0.6 CNY/s").

    A region without a published price shows the bare value: an unknown price is not shown as any number.
    """
    f = spec.field(field)
    assert f is not None, f"{spec.name} has no field {field}"
    out: list[app_commands.Choice[Any]] = []
    for value in f.choices:
        tier = spec.tier_values.get(value)
        price = next((p for p in spec.prices if p.region == region and p.tier in (None, tier)), None)
        unit = "s" if price is None or price.unit == "second" else price.unit
        name = f"{value} · {price.amount:g} CNY/{unit}" if price is not None else str(value)
        out.append(app_commands.Choice(name=name, value=value))
    return out


def set_choices(command: app_commands.Command[Any, ..., Any], name: str, new: list[app_commands.Choice[Any]]) -> None:
    """Choices known only once the bot's settings are (prices of its region).

    The cog's command is a per-instance copy whose parameter dict is its own, so replacing the
    parameter (never mutating the shared one) leaves other bots in the same process untouched.
    """
    params = command._params
    params[name] = dataclasses.replace(params[name], choices=new)


def prompt_help_descriptions() -> dict[str, app_commands.locale_str]:
    """`@app_commands.describe(**...)` for the four prompt-help options every prompting command offers."""
    from .tree import tr

    return {
        "shot_size": tr("Prompt help: how close the camera is", "opt.shot_size"),
        "camera": tr("Prompt help: how the camera moves", "opt.camera"),
        "lighting": tr("Prompt help: the light", "opt.lighting"),
        "style": tr("Prompt help: the look", "opt.style"),
    }


def prompt_help_choices() -> dict[str, list[app_commands.Choice[str]]]:
    """`@app_commands.choices(**...)` for the prompt-help options: the production guide's keywords."""
    return {category: prompt_guide.choices(category) for category in ("shot_size", "camera", "lighting", "style")}
