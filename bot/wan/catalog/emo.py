"""EMO (悦动人像): portrait photo + voice -> talking or singing head / half-body video.

Spec 04 §3 (calls), §1.5-1.6 (states, result fields), §9 (prices). Beijing only.
The detector returns face_bbox and ext_bbox; the video call takes them unchanged.
"""

from __future__ import annotations

from .common import MB, image_url
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role, UrlScheme

DETECT = "emo-detect-v1"
GENERATE = "emo-v1"
RATIOS = ("1:1", "3:4")  # ext_bbox aspect; sets output size and price
OUTPUT_SIZES = {"1:1": "512*512", "3:4": "512*704"}
STYLE_LEVELS = ("normal", "calm", "active")

HTTP_ONLY = (UrlScheme.HTTP,)
URL_NOTE = (
    "Media: public HTTP/HTTPS links only per the pages; oss:// temporary uploads are UNCERTAIN here, "
    "so only http(s) URLs are accepted."
)

EMO_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpg", "jpeg", "png", "bmp", "webp"),
    min_side=400,
    max_side=7000,
    schemes=HTTP_ONLY,
    note="Shortest side >= 400 px, longest side <= 7000 px.",
)
EMO_AUDIO = MediaLimits(
    kind=MediaKind.AUDIO,
    formats=("wav", "mp3"),
    max_seconds=60,
    max_bytes=15 * MB,
    schemes=HTTP_ONLY,
    note="Clear human voice; remove background noise and music.",
)


def bbox(path: str, doc: str) -> Field:
    """A detector box [x1, y1, x2, y2], copied from the detect response."""
    return Field(path, Kind.INT_LIST, required=True, min_items=4, max_items=4, doc=doc)


MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=DETECT,
        family=Family.EMO,
        role=Role.DETECT,
        title="EMO portrait check; returns the face and motion-region boxes",
        endpoint="/services/aigc/image2video/face-detect",
        regions={"beijing": DETECT},
        fields=(
            image_url("input.image_url", EMO_IMAGE, doc="Portrait photo to check"),
            Field(
                "parameters.ratio",
                Kind.CHOICE,
                required=True,
                choices=RATIOS,
                default="1:1",
                doc="1:1 for a headshot, 3:4 for half body (3:4 video costs double)",
            ),
        ),
        result_path="output.check_pass",
        sync=True,
        prices=(Price(0.004, unit="image"),),
        free_quota="200 images (Beijing)",
        limits=RateLimit(5, None),
        billing="per-image",
        usage_style="detect",
        output_length="none",
        detect_pass={"check_pass": True, "face_bbox": [302, 286, 610, 593], "ext_bbox": [71, 9, 840, 778]},
        detect_fail={"check_pass": False},
        typical_seconds=(1, 10),
        notes=(
            "parameters.ratio: the table says required yet gives a default of '1:1' (UNCERTAIN). Safer reading: "
            "required, so the builder always sends it; it decides the video's size and price.",
            "ext_bbox has the requested ratio's aspect; face_bbox and ext_bbox go to emo-v1 unchanged.",
            "The fail example did not survive; detect_fail carries only check_pass=false (no boxes).",
            "Synchronous, concurrency documented as unlimited (RateLimit.concurrent left None).",
            URL_NOTE,
        ),
    ),
    ModelSpec(
        name=GENERATE,
        family=Family.EMO,
        role=Role.GENERATE,
        title="EMO talking/singing portrait from a photo and a voice track",
        endpoint="/services/aigc/image2video/video-synthesis",
        regions={"beijing": GENERATE},
        fields=(
            image_url("input.image_url", EMO_IMAGE, doc="The original photo that passed emo-detect-v1"),
            Field("input.audio_url", Kind.URL, required=True, media=EMO_AUDIO, doc="Voice track (wav/mp3, <=60 s)"),
            bbox("input.face_bbox", "Face box [x1,y1,x2,y2] from emo-detect-v1"),
            bbox("input.ext_bbox", "Motion-region box [x1,y1,x2,y2] from emo-detect-v1 (1:1 or 3:4)"),
            Field(
                "parameters.style_level",
                Kind.CHOICE,
                choices=STYLE_LEVELS,
                default="normal",
                doc="Motion style: normal, calm or active",
            ),
        ),
        rules=("portrait_bbox_corners", "emo_ext_bbox_ratio"),
        result_path="output.results.video_url",
        states=frozenset({"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"}),
        tiers=("3:4", "1:1"),
        audio="follows-input",
        fps=15,
        prices=(Price(0.08, tier="1:1"), Price(0.16, tier="3:4")),
        free_quota="1800 s (Beijing)",
        limits=RateLimit(5, 1, over_limit="queue"),
        usage_style="portrait",
        output_length="audio",
        max_output_seconds=60,
        typical_seconds=(60, 300),
        notes=(
            "Price tier is the ext_bbox aspect (1:1 -> 512x512 at 0.08 CNY/s, 3:4 -> 512x704 at 0.16 CNY/s); "
            "usage.video_ratio reports it. No request parameter names it, so tier_of() falls back to the first "
            "tier: '3:4' is listed first so estimates never undercharge.",
            "ext_bbox aspect is checked against 1:1 and 3:4 with a 5% tolerance (rule emo_ext_bbox_ratio).",
            "Submit QPS 5 comes from the generation page's table (blank on the overview table).",
            "Audio: the output is assumed to carry the driving voice (not stated; it is a lip-synced video).",
            "Output resolution and 15 fps per the overview table (spec 02 §2.2).",
            URL_NOTE,
        ),
    ),
)
