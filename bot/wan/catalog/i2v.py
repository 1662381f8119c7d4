"""Image-to-video from a first frame, incl. wan2.7 `media` (spec 02 §5.2-5.3; spec 09 §5)."""

from __future__ import annotations

from .common import (
    AUDIO_URL,
    MB,
    NEGATIVE_PROMPT,
    PROMPT_EXTEND,
    SEED,
    SHOT_TYPE,
    WATERMARK,
    duration_choices,
    duration_range,
    image_url,
    prompt,
    region_prices,
    resolution_field,
    tier_prices,
)
from .effects import PLUS, TURBO, templates_for
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, RateLimit, Role, UrlScheme

ENDPOINT = "/services/aigc/video-generation/video-synthesis"
IMG = image_url("input.img_url", doc="First frame image")


def template_field(model: str) -> Field:
    return Field("input.template", Kind.CHOICE, choices=templates_for(model), doc="Effect template (no prompt needed)")


_W27_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpeg", "jpg", "png", "bmp", "webp"),
    min_side=240,
    max_side=8000,
    max_bytes=20 * MB,
    min_aspect=1 / 8,
    max_aspect=8,
    alpha_allowed=False,
    schemes=(UrlScheme.HTTP, UrlScheme.OSS, UrlScheme.DATA),
)
WAN27_MEDIA_TYPES = {
    "first_frame": _W27_IMAGE,
    "last_frame": _W27_IMAGE,
    "driving_audio": MediaLimits(
        kind=MediaKind.AUDIO, formats=("wav", "mp3"), min_seconds=2, max_seconds=30, max_bytes=15 * MB
    ),
    "first_clip": MediaLimits(
        kind=MediaKind.VIDEO,
        formats=("mp4", "mov"),
        min_side=240,
        max_side=4096,
        min_seconds=2,
        max_seconds=10,
        max_bytes=100 * MB,
        min_aspect=1 / 8,
        max_aspect=8,
    ),
}
# The only legal combinations of media types (spec 09 §5.2).
WAN27_COMBINATIONS: tuple[frozenset[str], ...] = tuple(
    frozenset(c)
    for c in (
        ("first_frame",),
        ("first_frame", "driving_audio"),
        ("first_frame", "last_frame"),
        ("first_frame", "last_frame", "driving_audio"),
        ("first_clip",),
        ("first_clip", "last_frame"),
    )
)

_I2V_TAIL = (PROMPT_EXTEND, WATERMARK, SEED)

MODELS = (
    ModelSpec(
        name="wan2.6-i2v-flash",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.6 image-to-video flash, sound or silent",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.6-i2v-flash", "singapore": "wan2.6-i2v-flash"},
        fields=(
            IMG,
            prompt(1500),
            NEGATIVE_PROMPT,
            AUDIO_URL,
            resolution_field(("720P", "1080P"), "1080P"),
            duration_range(2, 15),
            SHOT_TYPE,
            Field("parameters.audio", Kind.BOOL, default=True, doc="false = silent video (cheaper)"),
            *_I2V_TAIL,
        ),
        rules=("multi_shot_needs_prompt_extend", "silent_drops_audio_url"),
        tiers=("1080P", "720P"),
        audio="optional",
        fps=30,
        prices=tier_prices({"720P": 0.3, "1080P": 0.5}, {"720P": 0.366962, "1080P": 0.550443}, audio=True)
        + tier_prices({"720P": 0.15, "1080P": 0.25}, {"720P": 0.183481, "1080P": 0.275221}, audio=False),
        free_quota="50 s (Beijing)",
        limits=RateLimit(5, 5),
        notes=(
            "audio vs audio_url: the newer i2v reference says `audio` wins (audio=false is silent and "
            "billed as silent even with audio_url); the builder refuses the contradictory pair.",
        ),
    ),
    ModelSpec(
        name="wan2.6-i2v",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.6 image-to-video with sound, multi-shot",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.6-i2v", "singapore": "wan2.6-i2v", "virginia": "wan2.6-i2v"},
        fields=(
            IMG,
            prompt(1500),
            NEGATIVE_PROMPT,
            AUDIO_URL,
            resolution_field(("720P", "1080P"), "1080P"),
            duration_range(2, 15),
            SHOT_TYPE,
            *_I2V_TAIL,
        ),
        rules=("multi_shot_needs_prompt_extend",),
        tiers=("1080P", "720P"),
        audio="always",
        fps=30,
        # The "Global" deployment in Virginia is printed in CNY at the Beijing price.
        prices=tier_prices({"720P": 0.6, "1080P": 1.0}, {"720P": 0.733924, "1080P": 1.100886})
        + region_prices("virginia", {"720P": 0.6, "1080P": 1.0}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(5, 5),
    ),
    ModelSpec(
        name="wan2.6-i2v-us",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.6 image-to-video, US deployment",
        endpoint=ENDPOINT,
        regions={"virginia": "wan2.6-i2v-us"},
        fields=(
            IMG,
            prompt(1500),
            NEGATIVE_PROMPT,
            resolution_field(("720P", "1080P"), "1080P"),
            duration_choices(5, 10, 15),
            *_I2V_TAIL,
        ),
        tiers=("1080P", "720P"),
        audio="always",
        fps=30,
        prices=region_prices("virginia", {"720P": 0.733924, "1080P": 1.100886}),
        limits=RateLimit(5, 5),
        notes=("audio_url and shot_type are UNCERTAIN for -us; the safer reading offers neither.",),
    ),
    ModelSpec(
        name="wan2.5-i2v-preview",
        usage_style="wan25",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.5 image-to-video with sound",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.5-i2v-preview", "singapore": "wan2.5-i2v-preview"},
        fields=(
            IMG,
            prompt(1500),
            NEGATIVE_PROMPT,
            AUDIO_URL,
            resolution_field(("480P", "720P", "1080P"), "1080P"),
            duration_choices(5, 10),
            *_I2V_TAIL,
        ),
        tiers=("1080P", "720P", "480P"),
        audio="always",
        fps=30,
        prices=tier_prices(
            {"480P": 0.3, "720P": 0.6, "1080P": 1.0}, {"480P": 0.366961, "720P": 0.733923, "1080P": 1.100885}
        ),
        free_quota="50 s (Beijing)",
        limits=RateLimit(5, 5),
    ),
    ModelSpec(
        name="wan2.2-i2v-flash",
        usage_style="wan22",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.2 image-to-video flash, silent",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.2-i2v-flash"},
        fields=(
            IMG,
            prompt(800),
            NEGATIVE_PROMPT,
            resolution_field(("480P", "720P", "1080P"), "720P"),
            duration_choices(5),
            *_I2V_TAIL,
        ),
        tiers=("720P", "480P", "1080P"),
        fps=30,
        prices=tier_prices({"480P": 0.10, "720P": 0.20, "1080P": 0.48}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(2, 2),
        notes=(
            "Singapore: partly priced but absent from the Singapore rate-limit table (UNCERTAIN); "
            "the safer reading offers it in Beijing only.",
        ),
    ),
    ModelSpec(
        name="wan2.2-i2v-plus",
        usage_style="wan22",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.2 image-to-video plus, silent",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.2-i2v-plus", "singapore": "wan2.2-i2v-plus"},
        fields=(
            IMG,
            prompt(800),
            NEGATIVE_PROMPT,
            resolution_field(("480P", "1080P"), "1080P"),
            duration_choices(5),
            *_I2V_TAIL,
        ),
        tiers=("1080P", "480P"),
        fps=30,
        prices=tier_prices({"480P": 0.14, "1080P": 0.70}, {"480P": 0.146785, "1080P": 0.733924}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(2, 2),
    ),
    ModelSpec(
        name=PLUS,
        usage_style="wan21",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.1 image-to-video plus, silent; all 26 first-frame effects",
        endpoint=ENDPOINT,
        regions={"beijing": PLUS, "singapore": "wan2.1-i2v-plus"},
        fields=(
            IMG,
            prompt(800),
            NEGATIVE_PROMPT,
            template_field(PLUS),
            resolution_field(("720P",), "720P"),
            duration_choices(5),
            *_I2V_TAIL,
        ),
        rules=("template_excludes_prompt",),
        templates=templates_for(PLUS),
        tiers=("720P",),
        fps=30,
        prices=tier_prices({"720P": 0.70}, {"720P": 0.733924}),
        free_quota="200 s (Beijing)",
        limits=RateLimit(2, 2),
    ),
    ModelSpec(
        name=TURBO,
        usage_style="wan21",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.1 image-to-video turbo, silent; 13 effects",
        endpoint=ENDPOINT,
        regions={"beijing": TURBO, "singapore": "wan2.1-i2v-turbo"},
        fields=(
            IMG,
            prompt(800),
            NEGATIVE_PROMPT,
            template_field(TURBO),
            resolution_field(("480P", "720P"), "720P"),
            duration_choices(3, 4, 5),
            *_I2V_TAIL,
        ),
        rules=("template_excludes_prompt",),
        templates=templates_for(TURBO),
        tiers=("720P", "480P"),
        fps=30,
        prices=tier_prices({"480P": 0.24, "720P": 0.24}, {"480P": 0.264213, "720P": 0.264213}),
        free_quota="200 s (Beijing)",
        limits=RateLimit(2, 2),
    ),
    ModelSpec(
        name="wan2.7-i2v",
        family=Family.I2V,
        role=Role.GENERATE,
        title="Wan 2.7 image-to-video: first frame, first+last frame, continuation; with sound",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.7-i2v", "singapore": "wan2.7-i2v"},
        fields=(
            prompt(5000, required=True),
            NEGATIVE_PROMPT,
            Field(
                "input.media",
                Kind.MEDIA,
                required=True,
                min_items=1,
                max_items=3,
                media_types=WAN27_MEDIA_TYPES,
                doc="first_frame / last_frame / driving_audio / first_clip",
            ),
            resolution_field(("720P", "1080P"), "1080P"),
            duration_range(2, 15),
            *_I2V_TAIL,
        ),
        rules=("wan27_media_combination",),
        tiers=("1080P", "720P"),
        audio="always",
        fps=30,
        prices=tier_prices({"720P": 0.6, "1080P": 1.0}, {"720P": 0.733924, "1080P": 1.100886}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(5, 5),
        notes=(
            "prompt: seed 003 says required, the 2026 reference says optional (UNCERTAIN); "
            "the safer reading requires it.",
            "Virginia appears only in a console link, not in price or limit tables: not offered there.",
            "first_clip continuation: duration counts the input clip (UNCERTAIN, per the guide's example).",
        ),
    ),
)
