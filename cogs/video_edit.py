"""`/wan-edit`: VACE video editing (wanx2.1-vace-plus), one subcommand per `input.function` (spec 09 §6).

`reference` (image_reference), `repaint` (video_repainting), `local` (video_edit), `extend`
(video_extension) and `outpaint` (video_outpainting) each take exactly the inputs their function
documents, so an option of another function cannot be sent. Ranges, choices and media limits
come from the catalog; what the API would silently ignore or only reject after minutes of
running (two masks, a missing control, clips over 3 s together, nothing to widen) is refused
here, naming the option, before anything is uploaded or reserved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import t
from bot.jobs.media_in.base import num
from bot.wan import catalog
from bot.wan.catalog.common import ASPECT_OF_SIZE
from bot.wan.catalog.types import Field, ModelSpec
from bot.wan.catalog.vace import NAME

from .support.media import MediaInput, media_input
from .support.options import choices, family_models, pick_model, resolve_size
from .support.refusal import Refusal
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

SPEC = catalog.get(NAME)
# A mask video must be as long as the video; container lengths of the same cut differ by a frame or so.
MASK_LENGTH_TOLERANCE_S = 0.25
IMAGES = ("image1", "image2", "image3")
SIDES = ("top", "bottom", "left", "right")

# Display names of the documented values (the values themselves are what is sent).
CHOICE_TEXT: dict[str, app_commands.locale_str] = {
    "posebodyface": tr("pose, body and face", "vace.choice.posebodyface"),
    "posebody": tr("pose and body", "vace.choice.posebody"),
    "depth": tr("depth (layout and outlines)", "vace.choice.depth"),
    "scribble": tr("line art", "vace.choice.scribble"),
    "tracking": tr("follow the object", "vace.choice.tracking"),
    "fixed": tr("stay in place", "vace.choice.fixed"),
    "hull": tr("hull (snug outline)", "vace.choice.hull"),
    "bbox": tr("box", "vace.choice.bbox"),
    "original": tr("the mask's own outline", "vace.choice.original"),
}


def field_of(mode: str, name: str) -> Field:
    f = SPEC.field(name, mode)
    if f is None:
        raise KeyError(f"{NAME} {mode} has no field {name}")
    return f


def value_choices(mode: str, name: str) -> list[app_commands.Choice[str]]:
    """The field's documented values, minus "" (the service default "nothing", chosen by leaving the option out)."""
    return [app_commands.Choice(name=CHOICE_TEXT[c], value=c) for c in field_of(mode, name).choices if c]


def bounds(mode: str, name: str) -> tuple[float, float]:
    f = field_of(mode, name)
    assert f.minimum is not None and f.maximum is not None, f"{name} has no documented range"
    return float(f.minimum), float(f.maximum)


STRENGTH_MIN, STRENGTH_MAX = bounds("video_repainting", "strength")
EXPAND_MIN, EXPAND_MAX = bounds("video_edit", "expand_ratio")
SCALE_MIN, SCALE_MAX = bounds("video_outpainting", "top_scale")
MASK_FRAME_MIN = int(field_of("video_edit", "mask_frame_id").minimum or 1)
PROMPT_MAX = int(SPEC.field("prompt").max_len or 800)  # type: ignore[union-attr]
# The shapes VACE sizes come in, as the aspect option names them (16:9 -> 1280*720, ...).
VACE_ASPECTS = tuple(dict.fromkeys(ASPECT_OF_SIZE[s] for s in SPEC.sizes))


def vace_models(bot: WanBot) -> list[ModelSpec]:
    return family_models(bot, "vace")


def mode_view(spec: ModelSpec, mode: str) -> ModelSpec:
    """The spec with one function's fields at top level, so `media_input` finds their limits by short name."""
    return dataclasses.replace(spec, fields=spec.all_fields(mode))


def clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


ValuesFn = Callable[[Requester, ModelSpec], Awaitable[tuple[dict[str, Any], dict[str, Any]]]]


class VideoEdit(
    commands.GroupCog,
    group_name="wan-edit",
    group_description=tr("Edit a video, or make one from pictures or clips, with Wan VACE", "vace.cmd"),
):
    """VACE video editing: five functions of one model, each a subcommand with only its own inputs."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    async def _run(
        self, interaction: discord.Interaction, function: str, prompt: str, common: dict[str, Any], values_of: ValuesFn
    ) -> None:
        """Pick the model (region and guild rules), let the subcommand read its files, hand the job over."""

        async def build(who: Requester) -> Submission:
            spec = pick_model(self.bot, who, None, vace_models(self.bot), "vace")
            values, meta = await values_of(who, mode_view(spec, function))
            body = clean({"function": function, "prompt": prompt, **common, **values})
            return Submission(spec.name, body, {"shown_prompt": prompt[:300], **meta})

        await run_command(self.bot, interaction, build)

    async def _media(
        self, who: Requester, spec: ModelSpec, source: discord.Attachment, field: str, option: str
    ) -> MediaInput:
        return await media_input(self.bot, source, spec, field, who.locale, shown_as=option)

    # -- image_reference -------------------------------------------------------------------

    @app_commands.command(
        name="reference",
        description=tr("A new video starring the subjects (and background) of 1-3 pictures", "vace.cmd.reference"),
    )
    @app_commands.describe(
        prompt=tr("What happens in the new video, with the subjects of your pictures", "vace.opt.prompt_reference"),
        image1=tr("Picture 1: one subject (or the background) on a plain backdrop", "vace.opt.image1"),
        image2=tr("Picture 2 (optional): another subject, or the background", "vace.opt.image2"),
        image3=tr("Picture 3 (optional): another subject, or the background", "vace.opt.image3"),
        background=tr("Which picture is the background (all others are subjects)", "vace.opt.background"),
        aspect=tr("Shape of the video", "opt.aspect"),
        seed=tr("Random seed for similar (not identical) results", "opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "opt.rewrite"),
    )
    @app_commands.choices(background=choices(IMAGES), aspect=choices(VACE_ASPECTS))
    async def reference(
        self,
        interaction: discord.Interaction,
        prompt: app_commands.Range[str, 1, PROMPT_MAX],
        image1: discord.Attachment,
        image2: discord.Attachment | None = None,
        image3: discord.Attachment | None = None,
        background: str | None = None,
        aspect: str | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
    ) -> None:
        attached = {name: a for name, a in zip(IMAGES, (image1, image2, image3), strict=True) if a is not None}

        async def values(who: Requester, spec: ModelSpec) -> tuple[dict[str, Any], dict[str, Any]]:
            if background is not None and background not in attached:
                raise Refusal.of(
                    "vace.refusal.background_missing", who.locale, value=background, allowed=", ".join(attached)
                )
            size = resolve_size(spec, aspect, None, who.locale) if aspect else None
            refs = [(await self._media(who, spec, a, "ref_images_url", name)).reference for name, a in attached.items()]
            # One obj/bg per picture, at most one bg, by construction; a single subject may leave it to the default.
            tags = ["bg" if name == background else "obj" for name in attached]
            obj_or_bg = tags if len(tags) > 1 or background else None
            return {"ref_images_url": refs, "obj_or_bg": obj_or_bg, "size": size}, {}

        await self._run(interaction, "image_reference", prompt, {"seed": seed, "prompt_extend": rewrite}, values)

    # -- video_repainting ------------------------------------------------------------------

    @app_commands.command(
        name="repaint",
        description=tr(
            "Re-render a video from a prompt, keeping its motion, pose, depth or line art", "vace.cmd.repaint"
        ),
    )
    @app_commands.rename(video=tr("video", "vace.name.video"))
    @app_commands.describe(
        video=tr("The video (mp4, at least 16 fps, at most 5 s)", "vace.opt.video_source"),
        prompt=tr("What the re-rendered video should look like", "vace.opt.prompt_repaint"),
        control=tr("What to keep from the video", "vace.opt.control_repaint"),
        strength=tr("How closely to follow the video, 0-1 (default 1: as close as possible)", "vace.opt.strength"),
        subject=tr("A picture of a subject to put into the video instead (optional)", "vace.opt.subject_repaint"),
        seed=tr("Random seed for similar (not identical) results", "opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "opt.rewrite"),
    )
    @app_commands.choices(control=value_choices("video_repainting", "control_condition"))
    async def repaint(
        self,
        interaction: discord.Interaction,
        video: discord.Attachment,
        prompt: app_commands.Range[str, 1, PROMPT_MAX],
        control: str,
        strength: app_commands.Range[float, STRENGTH_MIN, STRENGTH_MAX] | None = None,
        subject: discord.Attachment | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
    ) -> None:
        async def values(who: Requester, spec: ModelSpec) -> tuple[dict[str, Any], dict[str, Any]]:
            source = await self._media(who, spec, video, "video_url", "video")
            swap = await self._media(who, spec, subject, "ref_images_url", "subject") if subject else None
            return {
                "video_url": source.reference,
                "ref_images_url": [swap.reference] if swap else None,
                "control_condition": control,
                "strength": strength,
            }, {"input_seconds": source.seconds}

        await self._run(interaction, "video_repainting", prompt, {"seed": seed, "prompt_extend": rewrite}, values)

    # -- video_edit ------------------------------------------------------------------------

    @app_commands.command(
        name="local",
        description=tr("Change only the masked part of a video (white in the mask = change)", "vace.cmd.local"),
    )
    @app_commands.rename(video=tr("video", "vace.name.video"))
    @app_commands.describe(
        video=tr("The video (mp4, at least 16 fps, at most 5 s)", "vace.opt.video_source"),
        prompt=tr("What the masked area should show (or what to remove)", "vace.opt.prompt_local"),
        mask_image=tr("Mask picture, same size as the video: white = change, black = keep", "vace.opt.mask_image"),
        mask_video=tr("Mask video instead of a picture: same size, fps and length as the video", "vace.opt.mask_video"),
        mask_frame=tr("Which frame of the video the mask picture shows (default 1, the first)", "vace.opt.mask_frame"),
        mask_type=tr("Should the mask follow the object (default) or stay where it is?", "vace.opt.mask_type"),
        expand_ratio=tr("Grow a following mask by this share, 0-1 (default 0.05)", "vace.opt.expand_ratio"),
        expand_mode=tr("Shape of a following mask (default: hull)", "vace.opt.expand_mode"),
        control=tr("Also keep this from the video (default: nothing)", "vace.opt.control_local"),
        subject=tr("A picture to use as the new subject or background (optional)", "vace.opt.subject_local"),
        aspect=tr("Shape of the video", "opt.aspect"),
        seed=tr("Random seed for similar (not identical) results", "opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "opt.rewrite"),
    )
    @app_commands.choices(
        mask_type=value_choices("video_edit", "mask_type"),
        expand_mode=value_choices("video_edit", "expand_mode"),
        control=value_choices("video_edit", "control_condition"),
        aspect=choices(VACE_ASPECTS),
    )
    async def local(
        self,
        interaction: discord.Interaction,
        video: discord.Attachment,
        prompt: app_commands.Range[str, 1, PROMPT_MAX],
        mask_image: discord.Attachment | None = None,
        mask_video: discord.Attachment | None = None,
        mask_frame: app_commands.Range[int, MASK_FRAME_MIN, 2147483647] | None = None,
        mask_type: str | None = None,
        expand_ratio: app_commands.Range[float, EXPAND_MIN, EXPAND_MAX] | None = None,
        expand_mode: str | None = None,
        control: str | None = None,
        subject: discord.Attachment | None = None,
        aspect: str | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
    ) -> None:
        async def values(who: Requester, spec: ModelSpec) -> tuple[dict[str, Any], dict[str, Any]]:
            if mask_image is None and mask_video is None:
                raise Refusal.of("vace.refusal.mask_needed", who.locale)
            if mask_image is not None and mask_video is not None:
                raise Refusal.of("vace.refusal.one_mask", who.locale)
            if mask_video is not None and mask_frame is not None:
                raise Refusal.of("vace.refusal.frame_needs_image", who.locale)
            if mask_type == "fixed":
                for option, value in (("expand_ratio", expand_ratio), ("expand_mode", expand_mode)):
                    if value is not None:
                        raise Refusal.of("vace.refusal.tracking_only", who.locale, field=option, allowed="tracking")
            size = resolve_size(spec, aspect, None, who.locale) if aspect else None
            source = await self._media(who, spec, video, "video_url", "video")
            mask_pic = await self._media(who, spec, mask_image, "mask_image_url", "mask_image") if mask_image else None
            mask_clip = await self._media(who, spec, mask_video, "mask_video_url", "mask_video") if mask_video else None
            if (
                mask_clip
                and mask_clip.seconds
                and source.seconds
                and (abs(mask_clip.seconds - source.seconds) > MASK_LENGTH_TOLERANCE_S)
            ):
                raise Refusal.of(
                    "vace.refusal.mask_length", who.locale, value=num(mask_clip.seconds), allowed=num(source.seconds)
                )
            swap = await self._media(who, spec, subject, "ref_images_url", "subject") if subject else None
            return {
                "video_url": source.reference,
                "mask_image_url": mask_pic.reference if mask_pic else None,
                "mask_video_url": mask_clip.reference if mask_clip else None,
                "mask_frame_id": mask_frame,
                "mask_type": mask_type,
                "expand_ratio": expand_ratio,
                "expand_mode": expand_mode,
                "control_condition": control,
                "ref_images_url": [swap.reference] if swap else None,
                "size": size,
            }, {"input_seconds": source.seconds}

        await self._run(interaction, "video_edit", prompt, {"seed": seed, "prompt_extend": rewrite}, values)

    # -- video_extension -------------------------------------------------------------------

    @app_commands.command(
        name=tr("extend", "vace.name.extend"),
        description=tr("Continue or join clips and pictures into one 5-second video", "vace.cmd.extend"),
    )
    @app_commands.rename(video=tr("video", "vace.name.video"))
    @app_commands.describe(
        prompt=tr("What happens in the 5-second video", "vace.opt.prompt_extend"),
        first_clip=tr(
            "Opening clip to continue (mp4, at least 16 fps; both clips together at most 3 s)", "vace.opt.first_clip"
        ),
        last_clip=tr(
            "Closing clip to lead into (mp4, at least 16 fps; both clips together at most 3 s)", "vace.opt.last_clip"
        ),
        first_frame=tr("Picture the video starts with", "vace.opt.first_frame"),
        last_frame=tr("Picture the video ends with", "vace.opt.last_frame"),
        video=tr("Motion reference video (mp4, at most 5 s, same fps and size as the clips)", "vace.opt.video_motion"),
        control=tr("What to take from the motion video (needed with it)", "vace.opt.control_extend"),
        seed=tr("Random seed for similar (not identical) results", "opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "opt.rewrite"),
    )
    @app_commands.choices(control=value_choices("video_extension", "control_condition"))
    async def extend(
        self,
        interaction: discord.Interaction,
        prompt: app_commands.Range[str, 1, PROMPT_MAX],
        first_clip: discord.Attachment | None = None,
        last_clip: discord.Attachment | None = None,
        first_frame: discord.Attachment | None = None,
        last_frame: discord.Attachment | None = None,
        video: discord.Attachment | None = None,
        control: str | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
    ) -> None:
        async def values(who: Requester, spec: ModelSpec) -> tuple[dict[str, Any], dict[str, Any]]:
            if not any((first_clip, last_clip, first_frame, last_frame, video)):
                raise Refusal.of("vace.refusal.nothing_to_extend", who.locale)
            if video is not None and control is None:
                shown = " / ".join(
                    t(f"vace.choice.{c}", who.locale) for c in field_of("video_extension", "control_condition").choices
                )
                raise Refusal.of("vace.refusal.control_needed", who.locale, allowed=shown)
            refs: dict[str, str] = {}
            seconds = 0.0
            for option, source in (("first_clip", first_clip), ("last_clip", last_clip)):
                if source is not None:
                    clip = await self._media(who, spec, source, f"{option}_url", option)
                    refs[f"{option}_url"] = clip.reference
                    seconds += clip.seconds or 0.0
            limit = spec.field("first_clip_url").media.max_seconds  # type: ignore[union-attr]
            if limit is not None and seconds > limit + 0.01:
                raise Refusal.of("vace.refusal.clips_too_long", who.locale, value=num(seconds), allowed=num(limit))
            for option, source in (("first_frame", first_frame), ("last_frame", last_frame)):
                if source is not None:
                    refs[f"{option}_url"] = (await self._media(who, spec, source, f"{option}_url", option)).reference
            if video is not None:
                refs["video_url"] = (await self._media(who, spec, video, "video_url", "video")).reference
            # The output is 5 s in all, whatever the inputs (spec 09 §6.2): no input length to pass.
            return {**refs, "control_condition": control}, {}

        await self._run(interaction, "video_extension", prompt, {"seed": seed, "prompt_extend": rewrite}, values)

    # -- video_outpainting -----------------------------------------------------------------

    @app_commands.command(
        name="outpaint", description=tr("Widen a video's frame outward: more picture on any side", "vace.cmd.outpaint")
    )
    @app_commands.rename(video=tr("video", "vace.name.video"))
    @app_commands.describe(
        video=tr("The video (mp4, at least 16 fps, at most 5 s)", "vace.opt.video_source"),
        prompt=tr("What the new area around the picture should show", "vace.opt.prompt_outpaint"),
        top=tr("Widen at the top by this factor, 1-2 (default 1: unchanged)", "vace.opt.top"),
        bottom=tr("Widen at the bottom by this factor, 1-2 (default 1: unchanged)", "vace.opt.bottom"),
        left=tr("Widen on the left by this factor, 1-2 (default 1: unchanged)", "vace.opt.left"),
        right=tr("Widen on the right by this factor, 1-2 (default 1: unchanged)", "vace.opt.right"),
        seed=tr("Random seed for similar (not identical) results", "opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "opt.rewrite"),
    )
    async def outpaint(
        self,
        interaction: discord.Interaction,
        video: discord.Attachment,
        prompt: app_commands.Range[str, 1, PROMPT_MAX],
        top: app_commands.Range[float, SCALE_MIN, SCALE_MAX] | None = None,
        bottom: app_commands.Range[float, SCALE_MIN, SCALE_MAX] | None = None,
        left: app_commands.Range[float, SCALE_MIN, SCALE_MAX] | None = None,
        right: app_commands.Range[float, SCALE_MIN, SCALE_MAX] | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
    ) -> None:
        scales = dict(zip(SIDES, (top, bottom, left, right), strict=True))

        async def values(who: Requester, spec: ModelSpec) -> tuple[dict[str, Any], dict[str, Any]]:
            # Every factor at its default 1 would return the same frame, at full price.
            if not any(s is not None and s > SCALE_MIN for s in scales.values()):
                raise Refusal.of("vace.refusal.no_side", who.locale, allowed=num(SCALE_MIN))
            source = await self._media(who, spec, video, "video_url", "video")
            return {"video_url": source.reference, **{f"{side}_scale": s for side, s in scales.items()}}, {
                "input_seconds": source.seconds
            }

        await self._run(interaction, "video_outpainting", prompt, {"seed": seed, "prompt_extend": rewrite}, values)


async def setup(bot: WanBot) -> None:
    """Only where the configured region offers VACE, so the commands and `wanbot models` agree."""
    if SPEC.id_in(bot.settings.dashscope_region) is None:
        return
    await bot.add_cog(VideoEdit(bot))
