"""Rules of the t2v, i2v, kf2v and effect requests (spec 02 §5, spec 09 §5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..catalog.i2v import WAN27_COMBINATIONS
from ..catalog.types import ModelSpec
from ..validation import Issue, get_path
from . import rule


@rule("multi_shot_needs_prompt_extend")
def multi_shot_needs_prompt_extend(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """shot_type=multi only works with prompt_extend true (its default)."""
    if get_path(body, "parameters.shot_type") == "multi" and get_path(body, "parameters.prompt_extend") is False:
        yield Issue("parameters.prompt_extend", False, "true (or unset) when shot_type is multi", spec.name,
                    "allowed.video.multi_shot")  # fmt: skip


@rule("silent_drops_audio_url")
def silent_drops_audio_url(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """audio=false wins over audio_url, so sending both is a user mistake."""
    if get_path(body, "parameters.audio") is False and get_path(body, "input.audio_url"):
        yield Issue(
            "input.audio_url", get_path(body, "input.audio_url"), "no soundtrack when audio is false", spec.name,
            "allowed.video.no_soundtrack",
        )  # fmt: skip


@rule("template_excludes_prompt")
def template_excludes_prompt(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """An effect template ignores the prompt; refuse one rather than drop it silently."""
    if get_path(body, "input.template"):
        for name in ("prompt", "negative_prompt"):
            value = get_path(body, f"input.{name}")
            if value:
                yield Issue(f"input.{name}", value, "no prompt with an effect template", spec.name,
                            "allowed.video.template_no_prompt")  # fmt: skip


@rule("kf2v_frames")
def kf2v_frames(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    """Last frame required for first+last; absent in template mode (see catalog note)."""
    template = get_path(body, "input.template")
    last = get_path(body, "input.last_frame_url")
    if template and last:
        yield Issue("input.last_frame_url", last, "no last frame with an effect template", spec.name,
                    "allowed.video.template_no_last_frame")  # fmt: skip
    elif not template and not last:
        yield Issue("input.last_frame_url", None, "required: the last frame image", spec.name,
                    "allowed.video.last_frame_required")  # fmt: skip


@rule("wan27_media_combination")
def wan27_media_combination(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> Iterable[Issue]:
    media = get_path(body, "input.media") or []
    kinds = frozenset(item.get("type") for item in media)
    if kinds not in WAN27_COMBINATIONS:
        allowed = "; ".join(" + ".join(sorted(c)) for c in WAN27_COMBINATIONS)
        yield Issue("input.media", " + ".join(sorted(map(str, kinds))) or None, f"one of: {allowed}", spec.name,
                    "allowed.video.media_combination", {"combinations": allowed})  # fmt: skip
