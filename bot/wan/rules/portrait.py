"""Rules of the portrait requests: AnimateAnyone, EMO and Emoji (spec 04 §2, §3, §6).

Detector boxes are copied from one call to the next; these rules catch boxes that
were mangled on the way (swapped corners, [x, y, w, h] instead of corners, a box of
the wrong shape) before a paid task fails on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..catalog.types import ModelSpec
from ..validation import Issue, Words, get_path
from . import rule

BOX_FIELDS = ("input.face_bbox", "input.ext_bbox")
# Detector boxes come out in whole pixels (Emoji's documented sample is 546x545), so an
# aspect within 5% of the target counts as that aspect.
ASPECT_TOLERANCE = 0.05
EMO_EXT_ASPECTS: dict[str, float] = {"1:1": 1.0, "3:4": 3 / 4}
AA_DEFAULT_RATIO = "9:16"


def _box(body: Mapping[str, Any], path: str) -> Sequence[int] | None:
    value = get_path(body, path)
    if isinstance(value, list) and len(value) == 4 and all(isinstance(v, int) for v in value):
        return value
    return None


def _aspect(box: Sequence[int]) -> float | None:
    x1, y1, x2, y2 = box
    if x2 <= x1 or y2 <= y1:
        return None
    return (x2 - x1) / (y2 - y1)


def _near(aspect: float, target: float) -> bool:
    return abs(aspect / target - 1) <= ASPECT_TOLERANCE


@rule("portrait_bbox_corners")
def portrait_bbox_corners(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """Boxes are [x1, y1, x2, y2] corners with the origin top-left, as the detector returns them."""
    for path in BOX_FIELDS:
        box = _box(body, path)
        if box is None:
            continue
        x1, y1, x2, y2 = box
        if min(box) < 0 or x2 <= x1 or y2 <= y1:
            yield Issue(
                path,
                box,
                "[x1, y1, x2, y2] with 0 <= x1 < x2 and 0 <= y1 < y2; copy the box from the detector",
                spec.name,
                "allowed.portrait.corners",
            )


def _ext_aspect_issue(spec: ModelSpec, body: Mapping[str, Any], aspects: Mapping[str, float]) -> Iterable[Issue]:
    box = _box(body, "input.ext_bbox")
    aspect = _aspect(box) if box is not None else None
    if aspect is None:
        return  # missing or malformed: reported by the field check or portrait_bbox_corners
    if not any(_near(aspect, target) for target in aspects.values()):
        names = " or ".join(aspects)
        yield Issue(
            "input.ext_bbox", box, f"a box of aspect {names} (width:height), as the detector returns", spec.name,
            "allowed.portrait.aspect", {"aspects": Words(tuple(aspects), join="each")},
        )  # fmt: skip


@rule("emo_ext_bbox_ratio")
def emo_ext_bbox_ratio(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """EMO's ext_bbox has the detect ratio's aspect, 1:1 or 3:4; it sets the output size and price."""
    yield from _ext_aspect_issue(spec, body, EMO_EXT_ASPECTS)


@rule("emoji_ext_bbox_square")
def emoji_ext_bbox_square(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """Emoji's ext_bbox is the (roughly) square region the model animates."""
    yield from _ext_aspect_issue(spec, body, {"1:1": 1.0})


@rule("aa_ratio_needs_image_background")
def aa_ratio_needs_image_background(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """video_ratio is ignored unless use_ref_img_bg is true; refuse a choice that would be dropped silently.

    The documented example sends the default "9:16" with use_ref_img_bg false, so the
    default stays accepted.
    """
    ratio = get_path(body, "parameters.video_ratio")
    if ratio is not None and ratio != AA_DEFAULT_RATIO and get_path(body, "parameters.use_ref_img_bg") is not True:
        yield Issue(
            "parameters.video_ratio",
            ratio,
            "only with use_ref_img_bg true; with the template video's background the output keeps its ratio",
            spec.name,
            "allowed.portrait.ratio_needs_bg",
        )
