"""`/wan-video`: text to video. Thin: it turns options into a request and hands it to the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import t
from bot.wan import prompt_guide
from bot.wan.catalog.types import ModelSpec

from .support.media import media_input
from .support.options import (
    ASPECTS,
    AUDIO_CHOICES,
    RESOLUTIONS,
    choices,
    duration_autocomplete,
    family_models,
    model_autocomplete,
    pick_model,
    prompt_help_choices,
    prompt_help_descriptions,
    resolve_size,
    tier_for,
)
from .support.refusal import Refusal
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot


def t2v_models(bot: WanBot) -> list[ModelSpec]:
    return family_models(bot, "t2v")


async def audio_values(bot: WanBot, who: Requester, spec: ModelSpec, audio: str | None,
                       audio_file: discord.Attachment | None) -> dict[str, Any]:  # fmt: skip
    """`audio`: auto (the model decides), silent (where the model can be silent) or an attached sound file."""
    if audio_file is not None:
        if spec.field("audio_url") is None:
            raise Refusal.of("refusal.invalid", who.locale, field="audio_file", value=audio_file.filename,
                             allowed=t("refusal.no_sound_file", who.locale), model=spec.name)  # fmt: skip
        ref = await media_input(bot, audio_file, spec, "audio_url", who.locale, shown_as="audio_file")
        return {"audio_url": ref.reference}
    if audio == "silent":
        if spec.field("audio") is None:
            raise Refusal.of(
                "refusal.invalid", who.locale, field="audio", value="silent",
                allowed=t("refusal.always_sound", who.locale), model=spec.name,
            )  # fmt: skip
        return {"audio": False}
    if audio is None and who.config.default_audio is False and spec.field("audio") is not None:
        return {"audio": False}
    return {}


class TextToVideo(commands.Cog):
    """Text to video (t2v)."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-video", description=tr("Make a short video from a text description", "cmd.wan-video")
    )
    @app_commands.describe(
        **prompt_help_descriptions(),
        prompt=tr("What should happen in the video", "opt.prompt"),
        model=tr("Which Wan model (default: the newest offered here)", "opt.model"),
        aspect=tr("Shape of the video", "opt.aspect"),
        resolution=tr("Resolution tier (higher costs more quota)", "opt.resolution"),
        duration=tr("Length in seconds (allowed values depend on the model)", "opt.duration"),
        audio=tr("Sound: auto, or silent where the model supports it", "opt.audio"),
        audio_file=tr("A wav or mp3 to use as the soundtrack", "opt.audio_file"),
        shots=tr("One continuous shot or several (wan2.6)", "opt.shots"),
        negative_prompt=tr("What to avoid", "opt.negative_prompt"),
        seed=tr("Random seed for similar (not identical) results", "opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "opt.rewrite"),
    )
    @app_commands.choices(
        **prompt_help_choices(),
        aspect=choices(ASPECTS),
        resolution=choices(RESOLUTIONS),
        audio=choices(AUDIO_CHOICES),
        shots=choices(("single", "multi")),
    )
    async def wan_video(
        self,
        interaction: discord.Interaction,
        prompt: app_commands.Range[str, 1, 4000],
        model: str | None = None,
        aspect: str = "16:9",
        resolution: str | None = None,
        duration: int | None = None,
        audio: str | None = None,
        audio_file: discord.Attachment | None = None,
        shots: str | None = None,
        negative_prompt: str | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
        shot_size: str | None = None,
        camera: str | None = None,
        lighting: str | None = None,
        style: str | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            spec = pick_model(self.bot, who, model, t2v_models(self.bot), "t2v")
            size = resolve_size(spec, aspect, tier_for(spec, resolution, who.config.default_resolution), who.locale)
            final = prompt_guide.compose(prompt, who.locale, shot_size=shot_size, camera=camera, lighting=lighting,
                                         style=style)  # fmt: skip
            values: dict[str, Any] = {
                "prompt": final, "size": size, "duration": duration, "negative_prompt": negative_prompt,
                "seed": seed, "shot_type": shots, "prompt_extend": rewrite,
            }  # fmt: skip
            values.update(await audio_values(self.bot, who, spec, audio, audio_file))
            return Submission(
                spec.name, {k: v for k, v in values.items() if v is not None}, {"shown_prompt": prompt[:300]}
            )

        await run_command(self.bot, interaction, build)

    wan_video.autocomplete("model")(model_autocomplete(t2v_models))
    wan_video.autocomplete("duration")(duration_autocomplete(t2v_models))


async def setup(bot: WanBot) -> None:
    await bot.add_cog(TextToVideo(bot))
