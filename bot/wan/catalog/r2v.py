"""Reference-to-video: characters from reference images/videos (spec 03 §2; prices spec 09 §4.3)."""

from __future__ import annotations

from .common import (
    MB,
    NEGATIVE_PROMPT,
    SEED,
    SHOT_TYPE,
    SIZES_720P,
    SIZES_1080P,
    WATERMARK,
    duration_range,
    prompt,
    region_prices,
    size_field,
    sizes,
    tier_prices,
)
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, RateLimit, Role

ENDPOINT = "/services/aigc/video-generation/video-synthesis"

# One reference is one image or one video; the service tells them apart by content,
# the bot (rule `r2v_reference_counts`) by the URL's file extension.
REFERENCE_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpeg", "jpg", "png", "bmp", "webp"),
    min_side=240,
    max_side=5000,
    max_bytes=10 * MB,
    alpha_allowed=False,
    note="one main subject per image",
)
REFERENCE_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4", "mov"),
    min_seconds=1,
    max_seconds=30,
    max_bytes=100 * MB,
    note="one main subject per video; its voice timbre may be reused; billed up to 5 s in total",
)
MAX_REFERENCES = 5
MAX_REFERENCE_VIDEOS = 3

REFERENCE_URLS = Field(
    "input.reference_urls",
    Kind.URL_LIST,
    required=True,
    min_items=1,
    max_items=MAX_REFERENCES,
    # Validation of a URL_LIST only reads `media` for the URL scheme; per-kind limits live here
    # for local attachment checks (see the note in the report: no per-item kind in Field).
    media_types={"image": REFERENCE_IMAGE, "video": REFERENCE_VIDEO},
    doc=(
        "1-5 references, in order character1..characterN: images (240-5000 px, <=10 MB, no alpha) "
        "and at most 3 mp4/mov videos (1-30 s, <=100 MB)"
    ),
)
AUDIO = Field("parameters.audio", Kind.BOOL, default=True, doc="false = silent video (cheaper)")

_SIZES = sizes(SIZES_720P, SIZES_1080P)
_FIELDS_HEAD = (
    prompt(1500, required=True, doc="What should happen; name references character1, character2, ..."),
    NEGATIVE_PROMPT,
    REFERENCE_URLS,
    size_field(_SIZES, "1920*1080"),
    duration_range(2, 10),
    SHOT_TYPE,
)
_FIELDS_TAIL = (WATERMARK, SEED)

_NOTES = (
    "prompt_extend is not documented for r2v and is not offered; shot_type works without it.",
    "The collapsed 'deprecated fields' block (probably input.reference_video_urls) is UNCERTAIN: "
    "only reference_urls is offered.",
    "The docs name only http(s) and the temporary-upload (oss://) forms for references; "
    "base64 data URIs are not offered.",
    "Images vs videos are told apart by URL extension (.mp4/.mov = video); a URL without a known "
    "extension is not counted as a video, so the 3-video limit is only enforced for recognisable URLs.",
    "Identifiers: the example writes 'Character1', the reference 'character1' (UNCERTAIN case); "
    "prompts should use the lower-case form.",
    "Billing counts reference-video seconds too: at most 5 s in total, split evenly over all references.",
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name="wan2.6-r2v-flash",
        family=Family.R2V,
        role=Role.GENERATE,
        title="Wan 2.6 reference-to-video flash, sound or silent, multi-shot",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.6-r2v-flash", "singapore": "wan2.6-r2v-flash"},
        fields=(*_FIELDS_HEAD, AUDIO, *_FIELDS_TAIL),
        rules=("r2v_reference_counts",),
        tiers=("1080P", "720P"),
        sizes=_SIZES,
        audio="optional",
        fps=30,
        prices=tier_prices({"720P": 0.3, "1080P": 0.5}, {"720P": 0.366962, "1080P": 0.550443}, audio=True)
        + tier_prices({"720P": 0.15, "1080P": 0.25}, {"720P": 0.183481, "1080P": 0.275221}, audio=False),
        free_quota="50 s (Beijing)",
        limits=RateLimit(5, 5),
        billing="output-and-input-video",
        usage_style="wan26",
        notes=(
            *_NOTES,
            "Virginia: spec 03 lists r2v there, but the price table (spec 09 §4.3) has a Virginia price "
            "only for wan2.6-r2v; the safer reading does not offer the flash model in Virginia.",
        ),
    ),
    ModelSpec(
        name="wan2.6-r2v",
        family=Family.R2V,
        role=Role.GENERATE,
        title="Wan 2.6 reference-to-video with sound, multi-shot",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.6-r2v", "singapore": "wan2.6-r2v", "virginia": "wan2.6-r2v"},
        fields=(*_FIELDS_HEAD, *_FIELDS_TAIL),
        rules=("r2v_reference_counts",),
        tiers=("1080P", "720P"),
        sizes=_SIZES,
        audio="always",
        fps=30,
        # The "Global" deployment in Virginia is printed in CNY at the Beijing price.
        prices=tier_prices({"720P": 0.6, "1080P": 1.0}, {"720P": 0.733924, "1080P": 1.100886})
        + region_prices("virginia", {"720P": 0.6, "1080P": 1.0}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(5, 5),
        billing="output-and-input-video",
        usage_style="wan26",
        notes=(
            *_NOTES,
            "The limit column reads 5/5 without naming a region; it is applied to Virginia ('Global') too.",
        ),
    ),
)
