"""Builders for reference-to-video, animate, speech-to-video and VACE editing."""

from __future__ import annotations

from typing import Any, ClassVar

from ..catalog.types import Family, Region, Role
from ..validation import InvalidRequest, Issue
from .base import WanRequest
from .video import ShotType


class ReferenceToVideo(WanRequest):
    """wan2.6-r2v(-flash): `reference_urls` in order are character1, character2, ..."""

    FAMILIES: ClassVar = (Family.R2V,)

    prompt: str
    reference_urls: list[str]
    negative_prompt: str | None = None
    size: str | None = None
    duration: int | None = None
    shot_type: ShotType | None = None
    audio: bool | None = None  # wan2.6-r2v-flash only
    watermark: bool | None = None
    seed: int | None = None


class AnimateRequest(WanRequest):
    """wan2.2-animate-move / -mix; `watermark` lands in `input` as documented.

    `mode` (parameters.mode) is optional here so a missing one is refused by the catalog, which
    names the allowed values.
    """

    FAMILIES: ClassVar = (Family.ANIMATE_MOVE, Family.ANIMATE_MIX)

    image_url: str
    video_url: str
    mode: str | None = None
    watermark: bool | None = None
    check_image: bool | None = None


class AnimateMove(AnimateRequest):
    """Only wan2.2-animate-move, so a move command cannot start a character swap."""

    FAMILIES: ClassVar = (Family.ANIMATE_MOVE,)


class AnimateMix(AnimateRequest):
    """Only wan2.2-animate-mix."""

    FAMILIES: ClassVar = (Family.ANIMATE_MIX,)


class SpeechToVideoDetect(WanRequest):
    """wan2.2-s2v-detect: synchronous image check (billed even when the image fails)."""

    FAMILIES: ClassVar = (Family.S2V,)
    ROLES: ClassVar = (Role.DETECT,)

    image_url: str


class SpeechToVideo(WanRequest):
    """wan2.2-s2v: an image that passed detection, driven by an audio clip."""

    FAMILIES: ClassVar = (Family.S2V,)

    image_url: str
    audio_url: str
    resolution: str | None = None


class VideoEdit(WanRequest):
    """wanx2.1-vace-plus. `function` selects which of the optional fields apply."""

    FAMILIES: ClassVar = (Family.VACE,)

    prompt: str
    function: str
    prompt_extend: bool | None = None
    seed: int | None = None
    watermark: bool | None = None
    duration: int | None = None
    # image_reference
    ref_images_url: list[str] | None = None
    obj_or_bg: list[str] | None = None
    size: str | None = None
    # video_repainting, video_edit, video_extension, video_outpainting
    video_url: str | None = None
    control_condition: str | None = None
    strength: float | None = None
    # video_edit
    mask_image_url: str | None = None
    mask_video_url: str | None = None
    mask_frame_id: int | None = None
    mask_type: str | None = None
    expand_ratio: float | None = None
    expand_mode: str | None = None
    # video_extension
    first_frame_url: str | None = None
    last_frame_url: str | None = None
    first_clip_url: str | None = None
    last_clip_url: str | None = None
    # video_outpainting
    top_scale: float | None = None
    bottom_scale: float | None = None
    left_scale: float | None = None
    right_scale: float | None = None

    def body(self, region: Region | None = None) -> dict[str, Any]:
        """Check the function and that every set field belongs to it, before the generic build.

        The base builder would otherwise report the first field of another function as merely
        "not documented", hiding which function the user actually asked for.
        """
        spec = self.spec()
        mode = self.selected_mode()
        if mode not in spec.modes:
            allowed = "choose " + ", ".join(spec.modes)
            raise InvalidRequest([Issue(spec.mode_field, mode, allowed, spec.name)])
        issues = []
        for name, value in self.values().items():
            if spec.field(name, mode) is not None:
                continue
            users = [m for m in spec.modes if spec.field(name, m) is not None]
            owner = spec.field(name, users[0]) if users else None
            path = owner.path if owner else name
            allowed = f"not used by {mode}; used by {', '.join(users)}" if users else "not a documented field"
            issues.append(Issue(path, value, allowed, spec.name))
        if issues:
            raise InvalidRequest(issues)
        return super().body(region)
