"""Rules of the r2v and VACE requests (spec 03 §2.3; spec 09 §6.2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..catalog.r2v import MAX_REFERENCE_VIDEOS, MAX_REFERENCES, REFERENCE_IMAGE, REFERENCE_VIDEO
from ..catalog.types import ModelSpec
from ..validation import Issue, Words, get_path
from . import rule


def url_extension(url: str) -> str:
    """Lower-case file extension of a URL's path, ignoring query and fragment ("" if none)."""
    if not isinstance(url, str) or url.lower().startswith("data:"):
        return ""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def reference_kind(url: str) -> str | None:
    """'video' or 'image' by extension; None when the extension says neither."""
    ext = url_extension(url)
    if ext in REFERENCE_VIDEO.formats:
        return "video"
    if ext in REFERENCE_IMAGE.formats:
        return "image"
    return None


@rule("r2v_reference_counts")
def r2v_reference_counts(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """At most 3 of the references may be videos, at most 5 in all (unknown extensions are not videos)."""
    refs = get_path(body, "input.reference_urls")
    if not isinstance(refs, list):
        return
    if len(refs) > MAX_REFERENCES:
        yield Issue("input.reference_urls", refs, f"at most {MAX_REFERENCES} references in total", spec.name,
                    "allowed.r2v.total", {"max": MAX_REFERENCES})  # fmt: skip
        return
    videos = [u for u in refs if reference_kind(u) == "video"]
    if len(videos) > MAX_REFERENCE_VIDEOS:
        yield Issue(
            "input.reference_urls",
            f"({len(videos)} videos)",
            f"at most {MAX_REFERENCE_VIDEOS} videos (mp4/mov) among the references; images fill the rest",
            spec.name,
            "allowed.r2v.videos",
            {"max": MAX_REFERENCE_VIDEOS},
        )


@rule("vace_obj_or_bg")
def vace_obj_or_bg(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """One obj/bg per reference image, at most one bg; only a single image may leave it out."""
    if mode != "image_reference":
        return
    refs = get_path(body, "input.ref_images_url") or []
    tags = get_path(body, "parameters.obj_or_bg")
    if tags is None:
        if len(refs) != 1:
            yield Issue(
                "parameters.obj_or_bg", None, f"required with {len(refs)} images: one obj or bg per image", spec.name,
                "allowed.vace.obj_or_bg_required", {"n": len(refs)},
            )  # fmt: skip
        return
    if len(tags) != len(refs):
        yield Issue("parameters.obj_or_bg", tags, f"one obj or bg per reference image ({len(refs)} items)", spec.name,
                    "allowed.vace.obj_or_bg_count", {"n": len(refs)})  # fmt: skip
    elif tags.count("bg") > 1:
        yield Issue("parameters.obj_or_bg", tags, "at most one bg (background) image", spec.name,
                    "allowed.vace.one_bg")  # fmt: skip


@rule("vace_mask")
def vace_mask(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """video_edit needs exactly one mask: an image (preferred) or a video."""
    if mode != "video_edit":
        return
    image = get_path(body, "input.mask_image_url")
    video = get_path(body, "input.mask_video_url")
    if image and video:
        yield Issue("input.mask_video_url", video, "only one mask: mask_image_url or mask_video_url", spec.name,
                    "allowed.vace.one_mask")  # fmt: skip
    elif not image and not video:
        yield Issue(
            "input.mask_image_url", None, "required: a mask image, or a mask video in mask_video_url", spec.name,
            "allowed.vace.mask_required",
        )  # fmt: skip
    frame = get_path(body, "input.mask_frame_id")
    if video and not image and frame is not None:
        yield Issue("input.mask_frame_id", frame, "only with mask_image_url (it names the masked frame)", spec.name,
                    "allowed.vace.frame_needs_image")  # fmt: skip


@rule("vace_tracking_only")
def vace_tracking_only(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """expand_ratio/expand_mode act only on a tracking mask; refuse them rather than let them be ignored."""
    if mode != "video_edit" or get_path(body, "parameters.mask_type") != "fixed":
        return
    for name in ("expand_ratio", "expand_mode"):
        value = get_path(body, f"parameters.{name}")
        if value is not None:
            yield Issue(f"parameters.{name}", value, "only with mask_type tracking", spec.name,
                        "allowed.vace.tracking_only")  # fmt: skip


EXTENSION_INPUTS = ("first_frame_url", "last_frame_url", "first_clip_url", "last_clip_url", "video_url")


@rule("vace_extension")
def vace_extension(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """video_extension needs some input; a motion video needs a control_condition."""
    if mode != "video_extension":
        return
    if not any(get_path(body, f"input.{name}") for name in EXTENSION_INPUTS):
        yield Issue("input.first_clip_url", None, "required: at least one of " + ", ".join(EXTENSION_INPUTS), spec.name,
                    "allowed.vace.extension_input", {"inputs": Words(EXTENSION_INPUTS, join="comma")})  # fmt: skip
    if get_path(body, "input.video_url") and get_path(body, "parameters.control_condition") is None:
        control = spec.field("parameters.control_condition", mode)
        choices = " or ".join(control.choices) if control else "a control condition"
        if control:
            key, params = "allowed.vace.control_required", {"choices": Words(tuple(control.choices), join="each")}
        else:
            key, params = "allowed.vace.control_required_any", {}
        yield Issue("parameters.control_condition", None, f"required with video_url: {choices}", spec.name, key, params)
