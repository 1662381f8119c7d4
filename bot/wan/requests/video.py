"""Builders for text-to-video, image-to-video, first+last frame and effects."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from .. import catalog
from ..catalog.types import Family, Region
from ..validation import InvalidRequest, Issue
from .base import WanRequest

ShotType = Literal["single", "multi"]


class TextToVideo(WanRequest):
    FAMILIES: ClassVar = (Family.T2V,)

    prompt: str
    negative_prompt: str | None = None
    audio_url: str | None = None
    size: str | None = None
    duration: int | None = None
    shot_type: ShotType | None = None
    prompt_extend: bool | None = None
    watermark: bool | None = None
    seed: int | None = None


class ImageToVideo(WanRequest):
    """First-frame image-to-video (wan2.6 and older), including effect templates."""

    FAMILIES: ClassVar = (Family.I2V,)

    img_url: str
    prompt: str | None = None
    negative_prompt: str | None = None
    audio_url: str | None = None
    template: str | None = None
    resolution: str | None = None
    duration: int | None = None
    shot_type: ShotType | None = None
    audio: bool | None = None
    prompt_extend: bool | None = None
    watermark: bool | None = None
    seed: int | None = None


MediaType = Literal["first_frame", "last_frame", "driving_audio", "first_clip"]


class MediaItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: MediaType
    url: str


class MediaImageToVideo(WanRequest):
    """wan2.7-i2v: first frame, first+last frame or continuation via `input.media`."""

    FAMILIES: ClassVar = (Family.I2V,)

    prompt: str
    media: list[MediaItem]
    negative_prompt: str | None = None
    resolution: str | None = None
    duration: int | None = None
    prompt_extend: bool | None = None
    watermark: bool | None = None
    seed: int | None = None


class FirstLastFrame(WanRequest):
    """wan2.2-kf2v-flash / wanx2.1-kf2v-plus on the image2video path."""

    FAMILIES: ClassVar = (Family.KF2V,)

    first_frame_url: str
    last_frame_url: str | None = None
    prompt: str | None = None
    negative_prompt: str | None = None
    template: str | None = None
    resolution: str | None = None
    duration: int | None = None
    prompt_extend: bool | None = None
    watermark: bool | None = None
    seed: int | None = None


def effect_request(
    template: str,
    image_url: str,
    *,
    region: Region | None = None,
    model: str | None = None,
    resolution: str | None = None,
    watermark: bool | None = None,
    seed: int | None = None,
) -> ImageToVideo | FirstLastFrame:
    """The request for an effect template on one image, choosing its model.

    The first model of the template that is offered in `region` wins (turbo
    before plus), unless `model` names one explicitly.
    """
    try:
        effect = catalog.effect(template)
    except KeyError:
        allowed = ", ".join(e.template for e in catalog.EFFECTS)
        raise InvalidRequest(
            [
                Issue(
                    "input.template",
                    template,
                    f"choose one of {allowed}",
                    model or "effects",
                    "allowed.template_choose",
                    {"allowed": allowed},
                )
            ]
        ) from None
    candidates = [model] if model else list(effect.models)
    usable = [m for m in candidates if region is None or catalog.get(m).id_in(region)]
    if not usable or usable[0] not in effect.models:
        raise InvalidRequest(
            [
                Issue(
                    "input.template",
                    template,
                    f"runs on {', '.join(effect.models)}",
                    model or effect.models[0],
                    "allowed.template_runs_on",
                    {"models": ", ".join(effect.models)},
                )
            ]
        )
    chosen = usable[0]
    common = {"model": chosen, "template": template, "resolution": resolution, "watermark": watermark, "seed": seed}
    if catalog.get(chosen).family is Family.KF2V:
        return FirstLastFrame(first_frame_url=image_url, **common)
    return ImageToVideo(img_url=image_url, **common)
