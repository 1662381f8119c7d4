"""Speech-to-video digital human: image check, then image + audio (spec 03 §6-8)."""

from __future__ import annotations

from .common import MB, image_url, resolution_field, tier_prices
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role

DETECT_ENDPOINT = "/services/aigc/image2video/face-detect"
# API reference §8.2 form; the quick start writes the same path with a trailing slash.
ENDPOINT = "/services/aigc/image2video/video-synthesis"

S2V_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpg", "jpeg", "png", "bmp", "webp"),
    min_side=400,
    max_side=7000,
    note="portrait, half or full body, or a cartoon character; pass wan2.2-s2v-detect first",
)
S2V_AUDIO = MediaLimits(
    kind=MediaKind.AUDIO,
    formats=("wav", "mp3"),
    max_seconds=20,
    seconds_exclusive_max=True,
    # "< 15 MB" ("15M"): strictly less, so one byte under.
    max_bytes=15 * MB - 1,
    note="clear, loud speech; remove background noise and music",
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name="wan2.2-s2v-detect",
        family=Family.S2V,
        role=Role.DETECT,
        title="Wan 2.2 digital human: check an image before wan2.2-s2v",
        endpoint=DETECT_ENDPOINT,
        regions={"beijing": "wan2.2-s2v-detect"},
        fields=(image_url("input.image_url", S2V_IMAGE, doc="Person image to check (400-7000 px)"),),
        result_path="output.check_pass",
        sync=True,
        prices=(Price(0.004, unit="image"),),
        free_quota="200 images (Beijing)",
        # Synchronous: "no concurrency limit".
        limits=RateLimit(5, None),
        billing="per-image",
        usage_style="detect",
        output_length="none",
        detect_pass={"check_pass": True, "humanoid": True},
        detect_fail={"check_pass": False, "code": "", "message": ""},
        typical_seconds=(1, 10),
        notes=(
            "Billed 0.004 CNY per successful call even when the image fails the check.",
            "A rejection carries empty code/message (UNCERTAIN whether reasons are ever given).",
            "No file-size limit is documented for the image.",
            "Beijing only (Beijing API key).",
        ),
    ),
    ModelSpec(
        name="wan2.2-s2v",
        family=Family.S2V,
        role=Role.GENERATE,
        title="Wan 2.2 digital human: a still image speaks or sings an audio clip",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.2-s2v"},
        fields=(
            image_url("input.image_url", S2V_IMAGE, doc="Person image that passed wan2.2-s2v-detect"),
            Field(
                "input.audio_url",
                Kind.URL,
                required=True,
                media=S2V_AUDIO,
                doc="Speech to lip-sync (wav/mp3, under 20 s, under 15 MB)",
            ),
            resolution_field(("480P", "720P"), "480P"),
        ),
        result_path="output.results.video_url",
        tiers=("480P", "720P"),
        audio="follows-input",
        prices=tier_prices({"480P": 0.5, "720P": 0.9}),
        free_quota="100 s (Beijing)",
        limits=RateLimit(5, 1),
        usage_style="s2v",
        output_length="audio",
        max_output_seconds=20,
        typical_seconds=(120, 600),
        poll_hint_seconds=10,
        notes=(
            "Endpoint: the API reference (§8.2) has no trailing slash, the quick start has one; "
            "the API reference form is used.",
            "parameters.style ('speech' in the quick start) is undocumented in the API reference and not "
            "offered; its other values are unknown.",
            "Output length follows the audio (no duration parameter; INFERRED from the example).",
            "Audio '< 15 MB' and '< 20 s' are read as strict limits.",
            "fps: 480P 16, 720P 30 (overview); ModelSpec.fps holds one number, so it is left unset.",
            "The aspect ratio follows the input image; resolution scales the pixel count only.",
            "Whether extra tasks beyond 1 concurrent queue or get 429 is not stated for s2v.",
            "Beijing only (Beijing API key).",
        ),
    ),
)
