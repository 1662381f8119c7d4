"""`/wan-restyle`: video style transform redraws a video in one of 8 preset styles (spec 04 §7).

One call, Beijing only, public http(s) links only (the member's attachment link is passed on).
`short_side` (parameters.min_len) is the only option that changes the price, so its choices
show the price per second; when left out, the guild's default resolution applies where it is
one of this model's tiers. The result is as long as the input video (`input_seconds`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.wan import catalog
from bot.wan.catalog.style import MIN_LEN_TIERS, STYLES
from bot.wan.catalog.types import Family, ModelSpec

from .motion import only_model
from .support.media import media_input
from .support.options import family_models, priced_choices, set_choices, tier_for
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

__all__ = ["Restyle", "min_len_for"]

_FPS = catalog.by_family(Family.STYLE)[0].field("video_fps")
assert _FPS is not None and _FPS.minimum is not None and _FPS.maximum is not None
FPS_MIN, FPS_MAX = int(_FPS.minimum), int(_FPS.maximum)
STYLE_CHOICES = [app_commands.Choice(name=tr(english, f"restyle.style.{number}"), value=number)
                 for number, (_chinese, english) in STYLES.items()]  # fmt: skip


def min_len_for(spec: ModelSpec, chosen: int | None, guild_tier: str | None) -> int | None:
    """The member's short side; else the guild's default tier as this model's min_len; else unset (service default)."""
    if chosen is not None:
        return chosen
    tier = tier_for(spec, None, guild_tier)
    return next((value for value, t in spec.tier_values.items() if t == tier), None) if tier else None


class Restyle(commands.Cog):
    """Video style transform: a video redrawn as manga, comic, 3D cartoon, ink wash, ..."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot
        models = family_models(bot, Family.STYLE)
        if models:
            set_choices(self.wan_restyle, "short_side", priced_choices(models[0], bot.settings.dashscope_region,
                                                                       "min_len"))  # fmt: skip

    @app_commands.command(
        name="wan-restyle", description=tr("Redraw a video in one of Wan's preset art styles", "restyle.cmd")
    )
    @app_commands.describe(
        video=tr("The video to redraw (at most 30 s, long side at most 1.8 times the short side)", "restyle.opt.video"),
        style=tr("The art style", "restyle.opt.style"),
        short_side=tr("Short side of the result in pixels: 720, or 540 for less quota", "restyle.opt.short_side"),
        fps=tr("Frames per second of the result (default 15)", "restyle.opt.fps"),
        expressions=tr(
            "Refine facial expressions (default on; turn it off when faces are small)", "restyle.opt.expressions"
        ),
        super_resolution=tr(
            "Free sharpening after redrawing; with 540 the result becomes 1080P at the 540 price",
            "restyle.opt.super_resolution",
        ),
    )
    @app_commands.choices(
        style=STYLE_CHOICES,
        short_side=[app_commands.Choice(name=str(v), value=v) for v in MIN_LEN_TIERS],
    )
    async def wan_restyle(
        self,
        interaction: discord.Interaction,
        video: discord.Attachment,
        style: int,
        short_side: int | None = None,
        fps: app_commands.Range[int, FPS_MIN, FPS_MAX] | None = None,
        expressions: bool | None = None,
        super_resolution: bool | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            spec = only_model(self.bot, who, Family.STYLE)
            clip = await media_input(self.bot, video, spec, "video_url", who.locale, shown_as="video")
            values: dict[str, Any] = {
                "video_url": clip.reference, "style": style, "video_fps": fps, "animate_emotion": expressions,
                "min_len": min_len_for(spec, short_side, who.config.default_resolution), "use_SR": super_resolution,
            }  # fmt: skip
            return Submission(
                spec.name, {k: v for k, v in values.items() if v is not None}, {"input_seconds": clip.seconds}
            )

        await run_command(self.bot, interaction, build)


async def setup(bot: WanBot) -> None:
    """Registered only where style transform is offered (Beijing), so the commands and `wanbot models` agree."""
    if not family_models(bot, Family.STYLE):
        return
    await bot.add_cog(Restyle(bot))
