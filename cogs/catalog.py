"""`/wan-models`: which models this server can use, with what they cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.wan import catalog

from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot


def price_line(spec: catalog.ModelSpec, region: catalog.Region, locale: str) -> str:
    prices = [p for p in spec.prices if p.region == region]
    if not prices:
        return t("models.no_price", locale)
    parts = []
    for p in prices:
        sound = None if p.audio is None else t("models.sound" if p.audio else "models.silent", locale)
        label = " ".join(x for x in (p.tier, sound) if x)
        parts.append(f"{label + ' ' if label else ''}{p.amount:g} CNY/{p.unit}")
    return ", ".join(parts)


class CatalogCog(commands.Cog):
    """The model list, the same as `wanbot models`: only what the configured region offers."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-models", description=tr("List the Wan models this bot offers here", "cmd.wan-models")
    )
    async def models(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        region = self.bot.settings.dashscope_region
        config = await self.bot.engine.guilds.get(interaction.guild_id) if self.bot.engine else None
        lines = []
        for spec in catalog.in_region(region):
            if spec.role is not catalog.Role.GENERATE:
                continue
            off = config is not None and not config.model_allowed(spec.family.value, spec.name)
            line = f"**{spec.id_in(region)}** ({spec.family.value}): {spec.title}. {price_line(spec, region, locale)}"
            lines.append(f"~~{line}~~ {t('models.disabled', locale)}" if off else line)
        embed = discord.Embed(title=t("models.title", locale, region=region), description="\n".join(lines)[:4000])
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: WanBot) -> None:
    await bot.add_cog(CatalogCog(bot))
