"""`/wan-frames`: a video that starts on one picture and ends on another (first+last frame).

The kf2v models take `first_frame_url` and `last_frame_url`; wan2.7-i2v takes the same two
pictures as `first_frame` and `last_frame` items of its `input.media` list. Which shape is sent
is read from the catalog, so the command never lists models itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.wan.catalog.types import ModelSpec

from .image_to_video import check_options, prompt_text, require_prompt, uses_media
from .support.media import media_input
from .support.options import (
    duration_autocomplete,
    family_models,
    model_autocomplete,
    pick_model,
    tier_autocomplete,
    tier_for,
)
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot


def frames_models(bot: WanBot) -> list[ModelSpec]:
    """The first+last frame models of the region, then wan2.7 (which needs a prompt, so it is not the default)."""
    return family_models(bot, "kf2v") + family_models(bot, "i2v", predicate=uses_media)


async def frame_values(
    bot: WanBot, who: Requester, spec: ModelSpec, first: discord.Attachment, last: discord.Attachment
) -> dict[str, Any]:
    """Both pictures, checked against `spec`'s limits, in the fields `spec` takes."""
    if uses_media(spec):
        start = await media_input(bot, first, spec, "media", who.locale, media_type="first_frame",
                                  shown_as="first_frame")  # fmt: skip
        end = await media_input(bot, last, spec, "media", who.locale, media_type="last_frame", shown_as="last_frame")
        return {
            "media": [{"type": "first_frame", "url": start.reference}, {"type": "last_frame", "url": end.reference}]
        }
    start = await media_input(bot, first, spec, "first_frame_url", who.locale, shown_as="first_frame")
    end = await media_input(bot, last, spec, "last_frame_url", who.locale, shown_as="last_frame")
    return {"first_frame_url": start.reference, "last_frame_url": end.reference}


class Frames(commands.Cog):
    """First and last frame to video (kf2v, and wan2.7-i2v's first+last mode)."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-frames", description=tr("Make a video that moves from a first picture to a last picture", "kf2v.cmd")
    )
    @app_commands.describe(
        first_frame=tr("The picture the video starts with", "kf2v.opt.first_frame"),
        last_frame=tr("The picture the video ends with", "kf2v.opt.last_frame"),
        prompt=tr("What happens in between (wan2.7 needs it, other models can do without)", "kf2v.opt.prompt"),
        model=tr("Which Wan model (default: the first one offered here)", "i2v.opt.model"),
        resolution=tr("Resolution tier (higher costs more quota)", "i2v.opt.resolution"),
        duration=tr("Length in seconds (allowed values depend on the model)", "i2v.opt.duration"),
        negative_prompt=tr("What to avoid", "i2v.opt.negative_prompt"),
        seed=tr("Random seed for similar (not identical) results", "i2v.opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "i2v.opt.rewrite"),
    )
    async def wan_frames(
        self,
        interaction: discord.Interaction,
        first_frame: discord.Attachment,
        last_frame: discord.Attachment,
        prompt: app_commands.Range[str, 1, 4000] | None = None,
        model: str | None = None,
        resolution: str | None = None,
        duration: int | None = None,
        negative_prompt: app_commands.Range[str, 1, 500] | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            models = frames_models(self.bot)
            spec = pick_model(self.bot, who, model, models, "kf2v")
            check_options(spec, who, models, {
                "resolution": ("resolution", resolution), "duration": ("duration", duration),
                "negative_prompt": ("negative_prompt", negative_prompt), "seed": ("seed", seed),
                "rewrite": ("prompt_extend", rewrite),
            })  # fmt: skip
            final = prompt_text(prompt, who.locale)
            require_prompt(spec, who, final)
            values: dict[str, Any] = {
                "prompt": final, "resolution": tier_for(spec, resolution, who.config.default_resolution),
                "duration": duration, "negative_prompt": negative_prompt, "seed": seed, "prompt_extend": rewrite,
            }  # fmt: skip
            values.update(await frame_values(self.bot, who, spec, first_frame, last_frame))
            meta = {"shown_prompt": final[:300]} if final else {}
            return Submission(spec.name, {k: v for k, v in values.items() if v is not None}, meta)

        await run_command(self.bot, interaction, build)

    wan_frames.autocomplete("model")(model_autocomplete(frames_models))
    wan_frames.autocomplete("duration")(duration_autocomplete(frames_models))
    wan_frames.autocomplete("resolution")(tier_autocomplete(frames_models))


async def setup(bot: WanBot) -> None:
    """Registered only where a first/last-frame model is offered (none in Virginia)."""
    if not frames_models(bot):
        return
    await bot.add_cog(Frames(bot))
