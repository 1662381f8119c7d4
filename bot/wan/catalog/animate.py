"""Motion transfer (animate-move) and character swap (animate-mix) (spec 03 §4-5)."""

from __future__ import annotations

from .common import MB, image_url
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role

ENDPOINT = "/services/aigc/image2video/video-synthesis"
MODES = ("wan-std", "wan-pro")

ANIMATE_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpg", "jpeg", "png", "bmp", "webp"),
    min_side=200,
    max_side=4096,
    max_bytes=5 * MB,
    min_aspect=1 / 3,
    max_aspect=3,
    ascii_only=True,
    note="exactly one person, facing the camera, face complete and unobstructed, moderate share of the frame",
)
ANIMATE_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4", "avi", "mov"),
    min_side=200,
    max_side=2048,
    max_bytes=200 * MB,
    min_seconds=2,
    max_seconds=30,
    # The API reference says 2-30 s; the overview says "2 s < duration < 30 s". Stricter wins.
    seconds_exclusive_max=True,
    min_aspect=1 / 3,
    max_aspect=3,
    ascii_only=True,
    note="one person facing the camera; higher resolution and frame rate give better results",
)


def _watermark(text: str) -> Field:
    """Unlike every other Wan model, the flag sits in `input`; the mark's text differs per model."""
    return Field("input.watermark", Kind.BOOL, default=False, doc=f'Add the "{text}" mark bottom-right')


def _fields(watermark_text: str) -> tuple[Field, ...]:
    """Move and mix take the same request; only the watermark text differs."""
    return (
        image_url("input.image_url", ANIMATE_IMAGE, doc="Person image (one person, facing the camera)"),
        Field(
            "input.video_url",
            Kind.URL,
            required=True,
            media=ANIMATE_VIDEO,
            doc="Reference video (mp4/avi/mov, 2-30 s)",
        ),
        _watermark(watermark_text),
        Field(
            "parameters.check_image",
            Kind.BOOL,
            default=True,
            doc="Let the service check the image first (false skips the check)",
        ),
        Field(
            "parameters.mode",
            Kind.CHOICE,
            required=True,
            choices=MODES,
            doc="Service mode: wan-std (faster, cheaper) or wan-pro (smoother, dearer)",
        ),
    )


def _prices(std: float, pro: float) -> tuple[Price, ...]:
    """Beijing only: the Singapore tab's values were not captured (spec 03 §4.5, UNCERTAIN)."""
    return (Price(std, tier="wan-std"), Price(pro, tier="wan-pro"))


_NOTES = (
    "Prices: the table has Beijing and Singapore tabs but only one set of values (UNCERTAIN, presumably "
    "Beijing's). Only Beijing prices are recorded; Singapore has NO price here - do not treat that as free.",
    "Rate limit 5 submits/s and 1 running task (merged cells, assumed for both modes); extra tasks queue.",
    "mode is required with no default; it sets the price tier. Without one the fallback tier is wan-pro "
    "(the dearer one), so estimates err high rather than low.",
    "Input video length: the API reference says 2-30 s, the overview '2 s < duration < 30 s'; the stricter "
    "reading refuses exactly 30 s.",
    "fps: wan-std 15, wan-pro 25 (overview); ModelSpec.fps holds one number, so it is left unset.",
    "URLs must be ASCII (percent-encode). Local files go through the temporary upload (oss://), "
    "which the docs name; base64 data URIs are not documented and not offered.",
    "Output length follows the input video; usage.video_ratio is 'standard' or 'pro' (the mode).",
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name="wan2.2-animate-move",
        family=Family.ANIMATE_MOVE,
        role=Role.GENERATE,
        title="Wan 2.2 animate-move: the image's person performs the video's motion",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.2-animate-move", "singapore": "wan2.2-animate-move"},
        fields=_fields("通义AI生成"),
        result_path="output.results.video_url",
        tiers=("wan-pro", "wan-std"),
        tier_field="parameters.mode",
        tier_values={"wan-std": "wan-std", "wan-pro": "wan-pro"},
        audio="follows-input",
        prices=_prices(0.4, 0.6),
        free_quota="50 s (Beijing), shared by both modes",
        limits=RateLimit(5, 1, over_limit="queue"),
        usage_style="animate",
        output_length="video",
        max_output_seconds=30,
        typical_seconds=(120, 600),
        notes=_NOTES,
    ),
    ModelSpec(
        name="wan2.2-animate-mix",
        family=Family.ANIMATE_MIX,
        role=Role.GENERATE,
        title="Wan 2.2 animate-mix: the image's person replaces the video's main character",
        endpoint=ENDPOINT,
        regions={"beijing": "wan2.2-animate-mix", "singapore": "wan2.2-animate-mix"},
        fields=_fields("千问AI生成"),
        result_path="output.results.video_url",
        tiers=("wan-pro", "wan-std"),
        tier_field="parameters.mode",
        tier_values={"wan-std": "wan-std", "wan-pro": "wan-pro"},
        audio="follows-input",
        prices=_prices(0.6, 0.9),
        free_quota="50 s (Beijing), shared by both modes",
        limits=RateLimit(5, 1, over_limit="queue"),
        usage_style="animate",
        output_length="video",
        max_output_seconds=30,
        typical_seconds=(120, 600),
        notes=(
            *_NOTES,
            "No image content rule is stated for mix (UNCERTAIN); the move rule (one frontal person) is kept.",
            'The watermark text differs from move: "千问AI生成".',
        ),
    ),
)
