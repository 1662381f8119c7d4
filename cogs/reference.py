"""`/wan-reference`: a new video starring the subjects of up to five reference pictures or clips.

Spec 03 §2.3: the order of `reference_urls` defines the characters (the first is `character1`, the
second `character2`, ...) and "the model identifies the referenced characters only through these
identifiers". So ref1..ref5 map in order onto character1..character5, a gap in that order is
refused, and so is a prompt that names no reference (or one that was not attached): the API would
accept it, but the references (reference video is billed) would silently be ignored.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.wan.catalog.types import ModelSpec

from .image_to_video import check_options
from .support.media import MediaInput, media_input
from .support.options import (
    ASPECTS,
    AUDIO_CHOICES,
    choices,
    duration_autocomplete,
    family_models,
    model_autocomplete,
    pick_model,
    resolve_size,
    tier_autocomplete,
    tier_for,
)
from .support.refusal import Refusal
from .support.submit import Requester, Submission, run_command
from .support.tree import tr
from .text_to_video import audio_values

if TYPE_CHECKING:
    from bot.app import WanBot

# The spec's example writes "Character1", its text "character1": read case-insensitively (spec 03 §2.2).
CHARACTER = re.compile(r"character(\d+)", re.IGNORECASE)
VIDEO_EXTENSIONS = (".mp4", ".mov")


def r2v_models(bot: WanBot) -> list[ModelSpec]:
    return family_models(bot, "r2v")


def character_names(count: int) -> str:
    return ", ".join(f"character{i}" for i in range(1, count + 1))


def check_characters(prompt: str, count: int, who: Requester) -> None:
    """The prompt must call at least one reference by its identifier, and only attached ones."""
    named = sorted({int(n) for n in CHARACTER.findall(prompt)})
    if not named:
        raise Refusal.of("r2v.refusal.no_character", who.locale, names=character_names(count))
    unknown = [n for n in named if not 1 <= n <= count]
    if unknown:
        raise Refusal.of("r2v.refusal.unknown_character", who.locale,
                         unknown=", ".join(f"character{n}" for n in unknown), names=character_names(count))  # fmt: skip


def ordered(refs: list[discord.Attachment | None], who: Requester) -> list[discord.Attachment]:
    """ref1..refN without gaps: a later reference after an empty one would silently change its character number."""
    last = max((i for i, r in enumerate(refs) if r is not None), default=-1)
    for i in range(last):
        if refs[i] is None:
            raise Refusal.of("r2v.refusal.gap", who.locale, field=f"ref{last + 1}", missing=f"ref{i + 1}")
    return [r for r in refs if r is not None]


def reference_kind(attachment: discord.Attachment) -> str:
    """`video` or `image`: which of the catalog's per-item limits apply (a wrong guess is refused by the intake)."""
    if (attachment.content_type or "").startswith("video/") or attachment.filename.lower().endswith(VIDEO_EXTENSIONS):
        return "video"
    return "image"


async def reference_inputs(
    bot: WanBot, who: Requester, spec: ModelSpec, refs: list[discord.Attachment]
) -> list[MediaInput]:
    inputs = []
    for i, f in enumerate(refs, start=1):
        kind = reference_kind(f)
        inputs.append(
            await media_input(bot, f, spec, "reference_urls", who.locale, media_type=kind, shown_as=f"ref{i}")
        )
    return inputs


class Reference(commands.Cog):
    """Reference to video (r2v): characters from pictures or clips, driven by a prompt."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-reference",
        description=tr("Make a video starring the people or things in your reference pictures or clips", "r2v.cmd"),
    )
    @app_commands.describe(
        prompt=tr("What happens; call the references character1, character2, …", "r2v.opt.prompt"),
        ref1=tr("Reference 1 (character1): a picture or a short clip of one subject", "r2v.opt.ref1"),
        ref2=tr("Reference 2 (character2): a picture or a short clip of one subject", "r2v.opt.ref2"),
        ref3=tr("Reference 3 (character3): a picture or a short clip of one subject", "r2v.opt.ref3"),
        ref4=tr("Reference 4 (character4): a picture or a short clip of one subject", "r2v.opt.ref4"),
        ref5=tr("Reference 5 (character5): a picture or a short clip of one subject", "r2v.opt.ref5"),
        model=tr("Which Wan model (default: the first one offered here)", "i2v.opt.model"),
        aspect=tr("Shape of the video", "r2v.opt.aspect"),
        resolution=tr("Resolution tier (higher costs more quota)", "i2v.opt.resolution"),
        duration=tr("Length in seconds (allowed values depend on the model)", "i2v.opt.duration"),
        shots=tr("One continuous shot or several (wan2.6)", "i2v.opt.shots"),
        audio=tr("Sound: auto, or silent where the model supports it", "i2v.opt.audio"),
        negative_prompt=tr("What to avoid", "i2v.opt.negative_prompt"),
        seed=tr("Random seed for similar (not identical) results", "i2v.opt.seed"),
    )
    @app_commands.choices(aspect=choices(ASPECTS), audio=choices(AUDIO_CHOICES), shots=choices(("single", "multi")))
    async def wan_reference(
        self,
        interaction: discord.Interaction,
        prompt: app_commands.Range[str, 1, 1500],
        ref1: discord.Attachment,
        ref2: discord.Attachment | None = None,
        ref3: discord.Attachment | None = None,
        ref4: discord.Attachment | None = None,
        ref5: discord.Attachment | None = None,
        model: str | None = None,
        aspect: str | None = None,
        resolution: str | None = None,
        duration: int | None = None,
        shots: str | None = None,
        audio: str | None = None,
        negative_prompt: app_commands.Range[str, 1, 500] | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            models = r2v_models(self.bot)
            spec = pick_model(self.bot, who, model, models, "r2v")
            check_options(spec, who, models, {
                "duration": ("duration", duration), "shots": ("shot_type", shots),
                "negative_prompt": ("negative_prompt", negative_prompt), "seed": ("seed", seed),
            })  # fmt: skip
            refs = ordered([ref1, ref2, ref3, ref4, ref5], who)
            check_characters(prompt, len(refs), who)
            tier = tier_for(spec, resolution, who.config.default_resolution)
            size = None  # neither shape nor tier chosen: the service default (1920*1080) applies
            if aspect is not None or tier is not None:
                size = resolve_size(spec, aspect or "16:9", tier, who.locale)
            values: dict[str, Any] = {
                "prompt": prompt, "size": size, "duration": duration, "negative_prompt": negative_prompt,
                "seed": seed, "shot_type": shots,
            }  # fmt: skip
            values.update(await audio_values(self.bot, who, spec, audio, None))
            inputs = await reference_inputs(self.bot, who, spec, refs)
            values["reference_urls"] = [m.reference for m in inputs]
            # One length per reference, 0 for pictures: the engine bills r2v input video (capped at 5 s in
            # total, split evenly over all references), and an empty list would make it reserve the whole cap.
            seconds = [
                float(m.seconds or 0.0) if reference_kind(f) == "video" else 0.0
                for m, f in zip(inputs, refs, strict=True)
            ]
            meta = {"shown_prompt": prompt[:300], "reference_video_seconds": seconds}
            return Submission(spec.name, {k: v for k, v in values.items() if v is not None}, meta)

        await run_command(self.bot, interaction, build)

    wan_reference.autocomplete("model")(model_autocomplete(r2v_models))
    wan_reference.autocomplete("duration")(duration_autocomplete(r2v_models))
    wan_reference.autocomplete("resolution")(tier_autocomplete(r2v_models))


async def setup(bot: WanBot) -> None:
    await bot.add_cog(Reference(bot))
