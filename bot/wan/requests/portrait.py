"""Builders for the portrait models: AnimateAnyone, EMO, LivePortrait, VideoRetalk, Emoji, style transform.

Attribute names are the catalog's short field names; None is not sent. Choice fields
are plain strings so the catalog, not pydantic, says what is allowed. Detect and
template builders declare their role, so a generation model cannot be sent to a
detector by mistake. `from_detection` helpers copy a detector's boxes across,
renaming Emoji's keys (bbox_face -> face_bbox, ext_bbox_face -> ext_bbox).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import field_validator

from ..catalog import animate_anyone, emo, emoji, liveportrait, videoretalk
from ..catalog import style as style_catalog
from ..catalog.types import Family, Role
from ..validation import InvalidRequest, Issue
from .base import WanRequest


def _detected_box(output: Mapping[str, Any], key: str, path: str, model: str) -> list[int]:
    """One box of a detector's `output`, or InvalidRequest when the check did not pass."""
    box = output.get(key)
    if not isinstance(box, list):
        raise InvalidRequest([Issue(path, None, f"required: the detector's output.{key} (did the check pass?)", model)])
    return box


# AnimateAnyone (spec 04 §2) ------------------------------------------------------------


class AnimateAnyoneDetect(WanRequest):
    """animate-anyone-detect-gen2: is this photo usable (one frontal person, full or half body)?"""

    FAMILIES: ClassVar = (Family.ANIMATE_ANYONE,)
    ROLES: ClassVar = (Role.DETECT,)

    model: str = animate_anyone.DETECT
    image_url: str


class AnimateAnyoneTemplate(WanRequest):
    """animate-anyone-template-gen2: extract a reusable motion template from a video."""

    FAMILIES: ClassVar = (Family.ANIMATE_ANYONE,)
    ROLES: ClassVar = (Role.TEMPLATE,)

    model: str = animate_anyone.TEMPLATE
    video_url: str


class AnimateAnyoneVideo(WanRequest):
    """animate-anyone-gen2: the photo's person performs a template's motion."""

    FAMILIES: ClassVar = (Family.ANIMATE_ANYONE,)

    model: str = animate_anyone.GENERATE
    image_url: str
    template_id: str
    use_ref_img_bg: bool | None = None
    video_ratio: str | None = None


# EMO (spec 04 §3) ----------------------------------------------------------------------


class EmoDetect(WanRequest):
    """emo-detect-v1. ratio is required: it fixes the video's size and price (3:4 costs double)."""

    FAMILIES: ClassVar = (Family.EMO,)
    ROLES: ClassVar = (Role.DETECT,)

    model: str = emo.DETECT
    image_url: str
    ratio: str


class EmoVideo(WanRequest):
    """emo-v1: the original photo, the two detector boxes and a voice track."""

    FAMILIES: ClassVar = (Family.EMO,)

    model: str = emo.GENERATE
    image_url: str
    audio_url: str
    face_bbox: list[int]
    ext_bbox: list[int]
    style_level: str | None = None

    @classmethod
    def from_detection(
        cls,
        output: Mapping[str, Any],
        *,
        image_url: str,
        audio_url: str,
        style_level: str | None = None,
        model: str = emo.GENERATE,
    ) -> EmoVideo:
        """Build from emo-detect-v1's `output` (face_bbox, ext_bbox are copied unchanged)."""
        return cls(
            model=model,
            image_url=image_url,
            audio_url=audio_url,
            face_bbox=_detected_box(output, "face_bbox", "input.face_bbox", model),
            ext_bbox=_detected_box(output, "ext_bbox", "input.ext_bbox", model),
            style_level=style_level,
        )


# LivePortrait (spec 04 §4) -------------------------------------------------------------


class LivePortraitDetect(WanRequest):
    """liveportrait-detect (verdict in output.pass); takes no parameters."""

    FAMILIES: ClassVar = (Family.LIVEPORTRAIT,)
    ROLES: ClassVar = (Role.DETECT,)

    model: str = liveportrait.DETECT
    image_url: str


class LivePortraitVideo(WanRequest):
    """liveportrait: photo + voice, with blink, mouth and head knobs."""

    FAMILIES: ClassVar = (Family.LIVEPORTRAIT,)

    model: str = liveportrait.GENERATE
    image_url: str
    audio_url: str
    template_id: str | None = None
    eye_move_freq: float | None = None
    video_fps: int | None = None
    mouth_move_strength: float | None = None
    paste_back: bool | None = None
    head_move_strength: float | None = None


# VideoRetalk (spec 04 §5) --------------------------------------------------------------


class VideoRetalk(WanRequest):
    """videoretalk: re-lip-sync a person video to a new voice track."""

    FAMILIES: ClassVar = (Family.VIDEORETALK,)

    model: str = videoretalk.GENERATE
    video_url: str
    audio_url: str
    ref_image_url: str | None = None
    video_extension: bool | None = None

    @field_validator("ref_image_url")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        """The documented example sends "" for "no reference"; not sending it means the same."""
        return value or None


# Emoji (spec 04 §6) --------------------------------------------------------------------


class EmojiDetect(WanRequest):
    """emoji-detect-v1; ratio is required and always 1:1. Billed even when it rejects."""

    FAMILIES: ClassVar = (Family.EMOJI,)
    ROLES: ClassVar = (Role.DETECT,)

    model: str = emoji.DETECT
    image_url: str
    ratio: str = "1:1"


class EmojiVideo(WanRequest):
    """emoji-v1: portrait + the detector's boxes + one of the 20 driven_id templates."""

    FAMILIES: ClassVar = (Family.EMOJI,)

    model: str = emoji.GENERATE
    image_url: str
    face_bbox: list[int]
    ext_bbox: list[int]
    driven_id: str

    @classmethod
    def from_detection(
        cls, output: Mapping[str, Any], *, image_url: str, driven_id: str, model: str = emoji.GENERATE
    ) -> EmojiVideo:
        """Build from emoji-detect-v1's `output`, renaming bbox_face/ext_bbox_face."""
        boxes = {
            target: _detected_box(output, source, f"input.{target}", model)
            for source, target in emoji.DETECT_TO_INPUT.items()
        }
        return cls(model=model, image_url=image_url, driven_id=driven_id, **boxes)


# Video style transform (spec 04 §7) ----------------------------------------------------


class VideoStyleTransform(WanRequest):
    """video-style-transform: restyle a video; min_len picks the price tier (720 or 540)."""

    FAMILIES: ClassVar = (Family.STYLE,)

    model: str = style_catalog.GENERATE
    video_url: str
    style: int | None = None
    video_fps: int | None = None
    animate_emotion: bool | None = None
    min_len: int | None = None
    use_SR: bool | None = None
