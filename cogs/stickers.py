"""`/wan-sticker`: a face photo acts out one of Emoji's preset expressions as a short meme clip.

Spec 04 §6: emoji-detect-v1 first (ratio always 1:1); it returns `bbox_face` / `ext_bbox_face`,
which emoji-v1 takes as `face_bbox` / `ext_bbox`. The check runs as the job's step. Wan bills the
check even when it rejects the photo; the engine still refunds the member in full, and the
private confirmation says so up front. Every `driven_id` template is offered by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import t
from bot.wan.catalog.emoji import DETECT_TO_INPUT, DRIVEN_TEMPLATES
from bot.wan.catalog.types import Family, ModelSpec

from .portrait import check_step, checked_image, detector_of
from .support.media import FILE_NOTES
from .support.options import family_models, pick_model
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

# Discord shows the template's name in the member's language; the value is the documented driven_id.
EXPRESSIONS = [
    app_commands.Choice(name=app_commands.locale_str(d.name_en, key=f"sticker.expr.{d.driven_id}"), value=d.driven_id)
    for d in DRIVEN_TEMPLATES
]


def sticker_models(bot: WanBot) -> list[ModelSpec]:
    return family_models(bot, Family.EMOJI)


class Stickers(commands.Cog):
    """Meme stickers (Emoji): portrait + preset expression -> a square clip of the person."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-sticker",
        description=tr("Turn a face photo into a short meme clip with a preset expression", "sticker.cmd"),
    )
    @app_commands.describe(
        image=tr("A clear, front-facing photo of one face, no hands near it", "sticker.opt.image"),
        expression=tr("Which expression the face acts out", "sticker.opt.expression"),
    )
    @app_commands.choices(expression=EXPRESSIONS)
    async def wan_sticker(self, interaction: discord.Interaction, image: discord.Attachment, expression: str) -> None:
        async def build(who: Requester) -> Submission:
            spec = pick_model(self.bot, who, None, sticker_models(self.bot), t("sticker.models", who.locale))
            detector = detector_of(self.bot, spec)
            image_ref, check_ref = await checked_image(self.bot, who, image, spec, detector, "image")
            check: dict[str, Any] = {"image_url": check_ref, "ratio": "1:1"}  # required, and only 1:1 exists
            notes = FILE_NOTES.get()
            if notes is not None:
                notes.append(t("sticker.note.check_billed", who.locale))
            return Submission(
                spec.name,
                {"image_url": image_ref, "driven_id": expression},
                {"steps": [check_step(detector, check, DETECT_TO_INPUT)]},
            )

        await run_command(self.bot, interaction, build)


async def setup(bot: WanBot) -> None:
    """Registered only where Emoji is offered (Beijing), so the commands and `wanbot models` agree."""
    if not sticker_models(bot):
        return
    await bot.add_cog(Stickers(bot))
