"""First+last frame models on the image2video path (spec 02 §5.4-5.5)."""

from __future__ import annotations

from .common import (
    NEGATIVE_PROMPT,
    PROMPT_EXTEND,
    SEED,
    WATERMARK,
    duration_choices,
    image_url,
    prompt,
    resolution_field,
    tier_prices,
)
from .effects import KF2V_PLUS, templates_for
from .types import Family, Field, Kind, ModelSpec, RateLimit, Role

ENDPOINT = "/services/aigc/image2video/video-synthesis"
LAST_FRAME_NOTE = (
    "last_frame_url: 004 marks it optional, seed 003 required. Decision: required unless a "
    "template is set, and then it must be absent (template mode takes the first frame only)."
)
_COMMON = (
    image_url("input.first_frame_url", doc="First frame; the output keeps its aspect ratio"),
    image_url("input.last_frame_url", required=False, doc="Last frame"),
    prompt(800),
    NEGATIVE_PROMPT,
)

MODELS = (
    ModelSpec(
        name="wan2.2-kf2v-flash",
        usage_style="wan22",
        family=Family.KF2V,
        role=Role.GENERATE,
        title="Wan 2.2 first+last frame flash, silent",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.2-kf2v-flash"},
        fields=(
            *_COMMON,
            resolution_field(("480P", "720P", "1080P"), "720P"),
            duration_choices(5),
            PROMPT_EXTEND,
            WATERMARK,
            SEED,
        ),
        rules=("kf2v_frames",),
        tiers=("720P", "480P", "1080P"),
        fps=30,
        prices=tier_prices({"480P": 0.10, "720P": 0.20, "1080P": 0.48}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(2, 2),
        notes=(
            LAST_FRAME_NOTE,
            "Singapore: listed in the overview but missing from the Singapore price and limit tables "
            "(UNCERTAIN); the safer reading offers it in Beijing only.",
        ),
    ),
    ModelSpec(
        name=KF2V_PLUS,
        usage_style="wan21",
        family=Family.KF2V,
        role=Role.GENERATE,
        title="Wan 2.1 first+last frame plus, silent; 5 effects",
        endpoint=ENDPOINT,
        regions={"beijing": KF2V_PLUS, "singapore": "wan2.1-kf2v-plus"},
        fields=(
            *_COMMON,
            Field("input.template", Kind.CHOICE, choices=templates_for(KF2V_PLUS), doc="Effect template"),
            resolution_field(("720P",), "720P"),
            duration_choices(5),
            PROMPT_EXTEND,
            WATERMARK,
            SEED,
        ),
        rules=("kf2v_frames", "template_excludes_prompt"),
        templates=templates_for(KF2V_PLUS),
        tiers=("720P",),
        fps=30,
        prices=tier_prices({"720P": 0.70}, {"720P": 0.733924}),
        free_quota="200 s (Beijing)",
        limits=RateLimit(2, 2),
        notes=(LAST_FRAME_NOTE, "Singapore allows 1 submit/s (2 concurrent) for this model."),
    ),
)
