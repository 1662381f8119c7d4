"""`/wan-talk`: a still photo speaks or sings an audio clip (wan2.2-s2v, EMO or LivePortrait).

Each of these models needs its own face check first (spec 03 §6-8, spec 04 §3-4). The check runs
inside the job as a step (`meta["steps"]`), so one reservation covers both calls and a rejected
photo is refunded in full. The video is as long as the audio, so the audio's length is the
quota estimate. Options belong to one model each; setting one the chosen model lacks is refused
by name rather than dropped. All three models are Beijing-only: elsewhere nothing is registered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import t
from bot.wan import catalog
from bot.wan.catalog.emo import RATIOS, STYLE_LEVELS
from bot.wan.catalog.liveportrait import MOTION_TEMPLATES
from bot.wan.catalog.types import Family, ModelSpec, Role

from .support.media import FILE_NOTES, media_input
from .support.options import choices, family_models, model_autocomplete, pick_model, tier_for
from .support.refusal import Refusal
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

TALK_FAMILIES = (Family.S2V, Family.EMO, Family.LIVEPORTRAIT)
# What each family's check returns that its video call needs (detector output key -> video value).
CHECK_OUTPUTS: dict[str, dict[str, str]] = {
    Family.EMO.value: {"face_bbox": "face_bbox", "ext_bbox": "ext_bbox"},
}


def talk_models(bot: WanBot) -> list[ModelSpec]:
    return family_models(bot, *TALK_FAMILIES)


def detector_of(bot: WanBot, spec: ModelSpec) -> ModelSpec:
    """The check that has to pass before `spec` runs: the detector of its family in this region."""
    region = bot.settings.dashscope_region
    return next(m for m in catalog.by_family(spec.family.value, region) if m.role is Role.DETECT)


def check_step(detector: ModelSpec, values: dict[str, Any], outputs: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One `meta["steps"]` entry: the engine runs it while the job waits and merges `outputs` into its values."""
    return {"model": detector.name, "values": values, "outputs": dict(outputs or {})}


async def checked_image(
    bot: WanBot, who: Requester, image: discord.Attachment, spec: ModelSpec, detector: ModelSpec, shown_as: str
) -> tuple[str, str]:
    """The photo's reference for the video call and for its check.

    A temporary upload (oss://) only works for the model it was uploaded for, so the check gets
    its own upload; links and inline data work for both.
    """
    video = await media_input(bot, image, spec, "image_url", who.locale, shown_as=shown_as)
    if not video.reference.startswith("oss://"):
        return video.reference, video.reference
    token = FILE_NOTES.set(None)  # the same file once more: what was done to it has been told already
    try:
        check = await media_input(bot, image, detector, "image_url", who.locale, shown_as=shown_as)
    finally:
        FILE_NOTES.reset(token)
    return video.reference, check.reference


def refuse_foreign_options(
    spec: ModelSpec,
    detector: ModelSpec,
    who: Requester,
    models: list[ModelSpec],
    options: Mapping[str, tuple[str, Any]],
) -> None:
    """Refuse, by name, an option set for a model that lacks it (on the video call and on its check)."""

    def has(model: ModelSpec, field: str) -> bool:
        return model.field(field) is not None or any(
            d.field(field) is not None for d in catalog.by_family(model.family.value) if d.role is Role.DETECT
        )

    for option, (field, value) in options.items():
        if value is None or spec.field(field) is not None or detector.field(field) is not None:
            continue
        having = ", ".join(m.name for m in models if has(m, field)) or "-"
        shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
        raise Refusal.of("i2v.refusal.unsupported", who.locale, field=option, value=shown, model=spec.name,
                         models=having)  # fmt: skip


class Portrait(commands.Cog):
    """Talking portraits: photo + voice -> a lip-synced video, after the model's face check."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-talk", description=tr("Make the person in a photo speak or sing your audio clip", "talk.cmd")
    )
    @app_commands.describe(
        image=tr("A photo of one person, face clearly visible", "talk.opt.image"),
        audio=tr("The speech or song to lip-sync (wav or mp3); the video is as long as it", "talk.opt.audio"),
        model=tr("Which Wan model (default: the newest offered here)", "opt.model"),
        resolution=tr("wan2.2-s2v only: 480P or 720P (720P costs more)", "talk.opt.resolution"),
        ratio=tr("emo-v1 only: 1:1 head shot or 3:4 half body (3:4 costs double)", "talk.opt.ratio"),
        style_level=tr("emo-v1 only: how lively the motion is", "talk.opt.style_level"),
        motion=tr("liveportrait only: head motion (calm suits announcing, active suits singing)", "talk.opt.motion"),
        blinks=tr("liveportrait only: blinks per second, 0-1 (default 0.5)", "talk.opt.blinks"),
        mouth=tr("liveportrait only: how much the mouth moves, 0-1.5 (default 1)", "talk.opt.mouth"),
        head=tr("liveportrait only: how much the head moves, 0-1 (default 0.7)", "talk.opt.head"),
        fps=tr("liveportrait only: frames per second, 15-30 (default 24)", "talk.opt.fps"),
        keep_body=tr("liveportrait only: keep the body (off: only the animated face)", "talk.opt.keep_body"),
    )
    @app_commands.choices(
        resolution=choices(("480P", "720P")),
        ratio=choices(RATIOS),
        style_level=choices(STYLE_LEVELS),
        motion=choices(MOTION_TEMPLATES),
    )
    async def wan_talk(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment,
        audio: discord.Attachment,
        model: str | None = None,
        resolution: str | None = None,
        ratio: str | None = None,
        style_level: str | None = None,
        motion: str | None = None,
        blinks: app_commands.Range[float, 0.0, 1.0] | None = None,
        mouth: app_commands.Range[float, 0.0, 1.5] | None = None,
        head: app_commands.Range[float, 0.0, 1.0] | None = None,
        fps: app_commands.Range[int, 15, 30] | None = None,
        keep_body: bool | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            models = talk_models(self.bot)
            spec = pick_model(self.bot, who, model, models, t("talk.models", who.locale))
            detector = detector_of(self.bot, spec)
            refuse_foreign_options(spec, detector, who, models, {
                "resolution": ("resolution", resolution), "ratio": ("ratio", ratio),
                "style_level": ("style_level", style_level), "motion": ("template_id", motion),
                "blinks": ("eye_move_freq", blinks), "mouth": ("mouth_move_strength", mouth),
                "head": ("head_move_strength", head), "fps": ("video_fps", fps), "keep_body": ("paste_back", keep_body),
            })  # fmt: skip
            image_ref, check_ref = await checked_image(self.bot, who, image, spec, detector, "image")
            sound = await media_input(self.bot, audio, spec, "audio_url", who.locale, shown_as="audio")
            check: dict[str, Any] = {"image_url": check_ref}
            ratio_field = detector.field("ratio")
            if ratio_field is not None:  # EMO: required; it decides the video's shape and price
                check["ratio"] = ratio or str(ratio_field.default)
            values: dict[str, Any] = {
                "image_url": image_ref, "audio_url": sound.reference, "style_level": style_level,
                "template_id": motion, "eye_move_freq": blinks, "mouth_move_strength": mouth,
                "head_move_strength": head, "video_fps": fps, "paste_back": keep_body,
            }  # fmt: skip
            if spec.field("resolution") is not None:
                values["resolution"] = tier_for(spec, resolution, who.config.default_resolution)
            step = check_step(detector, check, CHECK_OUTPUTS.get(spec.family.value))
            return Submission(
                spec.name,
                {k: v for k, v in values.items() if v is not None},
                # EMO's price tier is the ratio its check used; the video request cannot show it.
                {"input_seconds": sound.seconds, "steps": [step], "price_tier": check.get("ratio")},
            )

        await run_command(self.bot, interaction, build)

    wan_talk.autocomplete("model")(model_autocomplete(talk_models))


async def setup(bot: WanBot) -> None:
    """Registered only where a talking-portrait model is offered (Beijing): the commands and `wanbot models` agree."""
    if not talk_models(bot):
        return
    await bot.add_cog(Portrait(bot))
