"""`/wan-models`: which models this server can use, with what they cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.wan import catalog

if TYPE_CHECKING:
    from bot.app import WanBot


def price_line(spec: catalog.ModelSpec, region: catalog.Region) -> str:
    prices = [p for p in spec.prices if p.region == region]
    if not prices:
        return "price not published"
    parts = []
    for p in prices:
        label = " ".join(
            x for x in (p.tier, {True: "sound", False: "silent"}.get(p.audio) if p.audio is not None else None) if x
        )
        parts.append(f"{label + ' ' if label else ''}{p.amount:g} CNY/{p.unit}")
    return ", ".join(parts)


class CatalogCog(commands.Cog):
    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(name="wan-models", description="List the Wan models this bot offers here")
    async def models(self, interaction: discord.Interaction) -> None:
        region = self.bot.settings.dashscope_region
        lines = []
        for spec in catalog.in_region(region):
            if spec.role is catalog.Role.GENERATE:
                lines.append(
                    f"**{spec.id_in(region)}** ({spec.family.value}): {spec.title}. {price_line(spec, region)}"
                )
        embed = discord.Embed(title=f"Wan models in {region}", description="\n".join(lines)[:4000])
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: WanBot) -> None:
    await bot.add_cog(CatalogCog(bot))
