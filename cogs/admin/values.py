"""Admin helpers: the manager check, values as text, region views of the catalog, and validation."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

import discord

from bot.i18n import locale_of, t
from bot.jobs.reaction_map import default_reaction_map, emoji_key
from bot.wan import catalog
from bot.wan.catalog.types import EffectTemplate, ModelSpec

from ..support.refusal import Refusal
from ..support.submit import reply

if TYPE_CHECKING:
    from bot.app import WanBot

MAX_SECONDS = 10_000_000.0  # about 115 days of video: larger numbers are typos
MAX_DAYS = 366
Target = discord.Member | discord.User | discord.Role
GenerationChannel = discord.TextChannel | discord.ForumChannel | discord.CategoryChannel | discord.VoiceChannel


def is_manager(interaction: discord.Interaction) -> bool:
    perms = getattr(interaction.user, "guild_permissions", None)
    return interaction.guild is not None and bool(perms and perms.manage_guild)


Handler = Callable[..., Awaitable[None]]


def guarded(func: Handler) -> Handler:
    """Run an admin command only for managers, and answer a Refusal privately instead of raising it.

    Checked at run time as well as hidden by default permissions, because a server can grant any
    command to anyone in its Integrations settings.
    """

    @functools.wraps(func)
    async def run(self: Any, interaction: discord.Interaction, /, *args: Any, **kwargs: Any) -> None:
        try:
            if not is_manager(interaction):
                raise Refusal.of("admin.refusal.managers_only", locale_of(interaction.locale))
            await func(self, interaction, *args, **kwargs)
        except Refusal as refusal:
            await reply(interaction, refusal.text)

    return run


# -- values as text --------------------------------------------------------------------------


def allowed_list(names: Iterable[str], limit: int = 1500) -> str:
    text = ", ".join(names) or "-"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mention(scope: str, target_id: int) -> str:
    return f"<@&{target_id}>" if scope == "role" else f"<@{target_id}>"


def switch(value: bool | None, locale: str, default_key: str) -> str:
    return t(default_key if value is None else "admin.value.on" if value else "admin.value.off", locale)


def names(values: list[str], locale: str) -> str:
    return ", ".join(f"`{v}`" for v in values) or t("admin.value.none", locale)


# -- catalog views limited to this bot's region ------------------------------------------------


def region_models(bot: WanBot) -> list[ModelSpec]:
    return catalog.in_region(bot.settings.dashscope_region)


def region_families(bot: WanBot) -> list[str]:
    return sorted({m.family.value for m in region_models(bot)})


def region_effects(bot: WanBot) -> list[EffectTemplate]:
    """Templates at least one of whose models this region offers."""
    region = bot.settings.dashscope_region
    offered = {m.name for m in region_models(bot)}
    return [
        e
        for e in catalog.EFFECTS
        if any(catalog.get(m).name in offered and catalog.get(m).id_in(region) for m in e.models)
    ]


def default_reactions(bot: WanBot) -> dict[str, str]:
    """Emoji -> template as shipped (the reaction listener's defaults), for templates offered here."""
    offered = {e.template for e in region_effects(bot)}
    return {emoji: template for emoji, template in default_reaction_map().items() if template in offered}


def reaction_table(bot: WanBot, stored: dict[str, str]) -> tuple[dict[str, tuple[str, bool]], list[str]]:
    """The map in force: emoji -> (template, set by this server), and the default emoji unmapped here.

    Emoji are compared the way the listener compares them (`emoji_key`: U+FE0F ignored, custom by id).
    """
    table = {emoji: (template, False) for emoji, template in default_reactions(bot).items()}
    unmapped = []
    for emoji, template in stored.items():
        same = [k for k in table if emoji_key(k) == emoji_key(emoji)]
        for key in same:
            del table[key]
        if template:
            table[emoji] = (template, True)
        elif same:
            unmapped.append(same[0])
    return table, unmapped


# -- validation ----------------------------------------------------------------------------------


def quota_ms(value: float, field: str, locale: str) -> int:
    """Quota seconds typed by an admin as ledger milliseconds; Refusal for negative or absurd numbers."""
    if math.isnan(value) or value < 0 or value > MAX_SECONDS:
        raise Refusal.of("admin.refusal.seconds", locale, field=field, value=f"{value:g}", max=f"{MAX_SECONDS:,.0f}")
    return round(value * 1000)


def is_unicode_emoji(text: str) -> bool:
    """A standard emoji (possibly with modifiers, ZWJ sequences, flags or keycaps), not words."""
    if not text or len(text) > 16 or any(c.isspace() for c in text):
        return False
    if any(c.isascii() and c not in "#*0123456789" for c in text):
        return False
    return any(unicodedata.category(c) == "So" or 0x1F1E6 <= ord(c) <= 0x1F1FF or c == "\u20e3" for c in text)


def parse_emoji(text: str, guild: discord.Guild | None, locale: str) -> str:
    """The emoji as reactions report it: unicode as typed, a custom one as `<:name:id>` of this server."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        partial = discord.PartialEmoji.from_str(text)
        if partial.id is None:
            raise Refusal.of("admin.refusal.bad_emoji", locale, value=text[:60])
        if guild is None or guild.get_emoji(partial.id) is None:
            raise Refusal.of("admin.refusal.foreign_emoji", locale, value=text[:60])
        return str(partial)
    if not is_unicode_emoji(text):
        raise Refusal.of("admin.refusal.bad_emoji", locale, value=text[:60])
    return text
