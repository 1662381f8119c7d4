"""`/wan-motion` and `/wan-swap`: a picture of a person plus a reference video (spec 03 §4-5).

`/wan-motion` (wan2.2-animate-move): the person in the picture performs the moves of the video.
`/wan-swap` (wan2.2-animate-mix): the person in the picture replaces the video's main person.
Both take one call with the same fields. The output is as long as the input video, so its
length goes to the engine as `input_seconds` and the quota estimate matches the bill. `mode`
sets the price; its choices show the configured region's price per second, read from the
catalog when the cog is built. The guild's watermark default lands in `input.watermark`
(start_job sets it, because the catalog field is named `watermark`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.wan.catalog.animate import MODES
from bot.wan.catalog.types import Family, ModelSpec

from .support.media import media_input
from .support.options import choices, family_models, priced_choices, set_choices
from .support.refusal import Refusal
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

__all__ = ["COMMANDS", "Motion", "only_model"]

# Command name -> the family it runs.
COMMANDS: dict[str, Family] = {"wan-motion": Family.ANIMATE_MOVE, "wan-swap": Family.ANIMATE_MIX}


def only_model(bot: WanBot, who: Requester, family: Family) -> ModelSpec:
    """The family's one model in this region (the command is registered only where there is one)."""
    models = family_models(bot, family)
    if not models:
        raise Refusal.of("refusal.no_models", who.locale, family=family.value, region=bot.settings.dashscope_region)
    return models[0]


class Motion(commands.Cog):
    """Motion transfer (animate-move) and character swap (animate-mix)."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot
        region = bot.settings.dashscope_region
        for command, family in ((self.wan_motion, Family.ANIMATE_MOVE), (self.wan_swap, Family.ANIMATE_MIX)):
            models = family_models(bot, family)
            if models:
                set_choices(command, "mode", priced_choices(models[0], region, "mode"))

    async def _run(
        self,
        interaction: discord.Interaction,
        family: Family,
        image: discord.Attachment,
        video: discord.Attachment,
        mode: str,
        check_image: bool | None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            spec = only_model(self.bot, who, family)
            picture = await media_input(self.bot, image, spec, "image_url", who.locale, shown_as="image")
            clip = await media_input(self.bot, video, spec, "video_url", who.locale, shown_as="video")
            values: dict[str, Any] = {
                "image_url": picture.reference, "video_url": clip.reference, "mode": mode, "check_image": check_image,
            }  # fmt: skip
            return Submission(
                spec.name, {k: v for k, v in values.items() if v is not None}, {"input_seconds": clip.seconds}
            )

        await run_command(self.bot, interaction, build)

    @app_commands.command(
        name="wan-motion",
        description=tr("Make the person in your picture perform the moves of your video", "motion.cmd.motion"),
    )
    @app_commands.describe(
        image=tr("Picture of one person facing the camera, face fully visible", "motion.opt.image"),
        video=tr("Video of one person whose moves and expressions are copied (2-30 s)", "motion.opt.video"),
        mode=tr("wan-std is faster and cheaper, wan-pro smoother (price per second of video)", "motion.opt.mode"),
        check_image=tr("Let Wan check the picture first (default on)", "motion.opt.check_image"),
    )
    @app_commands.choices(mode=choices(MODES))
    async def wan_motion(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment,
        video: discord.Attachment,
        mode: str,
        check_image: bool | None = None,
    ) -> None:
        await self._run(interaction, Family.ANIMATE_MOVE, image, video, mode, check_image)

    @app_commands.command(
        name="wan-swap",
        description=tr("Put the person in your picture in place of the person in your video", "motion.cmd.swap"),
    )
    @app_commands.describe(
        image=tr("Picture of one person facing the camera, face fully visible", "motion.opt.image"),
        video=tr("Video whose main person is replaced; scene, light and moves stay (2-30 s)", "motion.opt.swap_video"),
        mode=tr("wan-std is faster and cheaper, wan-pro smoother (price per second of video)", "motion.opt.mode"),
        check_image=tr("Let Wan check the picture first (default on)", "motion.opt.check_image"),
    )
    @app_commands.choices(mode=choices(MODES))
    async def wan_swap(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment,
        video: discord.Attachment,
        mode: str,
        check_image: bool | None = None,
    ) -> None:
        await self._run(interaction, Family.ANIMATE_MIX, image, video, mode, check_image)


async def setup(bot: WanBot) -> None:
    """Only commands whose model this region offers exist, so the command list and `wanbot models` agree."""
    offered = {name: bool(family_models(bot, family)) for name, family in COMMANDS.items()}
    if not any(offered.values()):
        return
    await bot.add_cog(Motion(bot))
    for name, ok in offered.items():
        if not ok:
            bot.tree.remove_command(name)
