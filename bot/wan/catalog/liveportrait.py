"""LivePortrait (灵动人像): fast, cheap talking portrait with blink, mouth and head knobs.

Spec 04 §4 (calls), §1.5-1.6 (states, result fields), §9 (prices). Beijing only.
The detector's verdict key is `pass`, not `check_pass` as on the other detectors.
"""

from __future__ import annotations

from .common import MB, image_url
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role, UrlScheme

DETECT = "liveportrait-detect"
GENERATE = "liveportrait"
MOTION_TEMPLATES = ("normal", "calm", "active")  # calm suits announcing, active suits singing

HTTP_ONLY = (UrlScheme.HTTP,)
URL_NOTE = (
    "Media: public HTTP/HTTPS links only per the pages; oss:// temporary uploads are UNCERTAIN here, "
    "so only http(s) URLs are accepted."
)

# §4.2-4.3; VideoRetalk's optional reference face (§5.2) has the same limits.
PORTRAIT_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpeg", "jpg", "png", "bmp", "webp"),
    max_side=4096,
    max_bytes=10 * MB,  # documented as "< 10 MB"
    min_aspect=1 / 2,
    max_aspect=2,
    schemes=HTTP_ONLY,
)
LP_AUDIO = MediaLimits(
    kind=MediaKind.AUDIO,
    formats=("wav", "mp3"),
    min_seconds=1,
    max_seconds=180,
    seconds_exclusive_max=True,
    max_bytes=15 * MB,  # documented as "< 15 MB"
    schemes=HTTP_ONLY,
    note="1 s < duration < 3 min; clear, loud speech without noise or music.",
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=DETECT,
        family=Family.LIVEPORTRAIT,
        role=Role.DETECT,
        title="LivePortrait portrait check (one clear frontal face)",
        endpoint="/services/aigc/image2video/face-detect",
        regions={"beijing": DETECT},
        fields=(image_url("input.image_url", PORTRAIT_IMAGE, doc="Portrait photo to check"),),
        result_path="output.pass",
        sync=True,
        prices=(Price(0.004, unit="image"),),
        free_quota="200 images (Beijing)",
        limits=RateLimit(5, None),
        billing="per-image",
        usage_style="detect",
        output_length="none",
        detect_pass={"pass": True, "message": ""},
        detect_fail={"pass": False, "message": "No human face detected."},
        typical_seconds=(1, 10),
        notes=(
            "Verdict key is output.pass (not check_pass); output.message is empty on pass.",
            "The fail example returns usage.image_count, so a rejected image is probably billed ([inferred]).",
            "No parameters object is documented, so none is sent.",
            "Synchronous, concurrency documented as unlimited (RateLimit.concurrent left None).",
            URL_NOTE,
        ),
    ),
    ModelSpec(
        name=GENERATE,
        family=Family.LIVEPORTRAIT,
        role=Role.GENERATE,
        title="LivePortrait talking portrait from a photo and a voice track",
        endpoint="/services/aigc/image2video/video-synthesis/",
        regions={"beijing": GENERATE},
        fields=(
            image_url("input.image_url", PORTRAIT_IMAGE, doc="Portrait that passed liveportrait-detect"),
            Field("input.audio_url", Kind.URL, required=True, media=LP_AUDIO, doc="Voice track (wav/mp3, 1 s-3 min)"),
            Field(
                "parameters.template_id",
                Kind.CHOICE,
                choices=MOTION_TEMPLATES,
                default="normal",
                doc="Head motion: normal, calm (announcing) or active (singing)",
            ),
            Field("parameters.eye_move_freq", Kind.FLOAT, minimum=0, maximum=1, default=0.5, doc="Blinks per second"),
            Field("parameters.video_fps", Kind.INT, minimum=15, maximum=30, default=24, doc="Output frame rate"),
            Field(
                "parameters.mouth_move_strength",
                Kind.FLOAT,
                minimum=0,
                maximum=1.5,
                default=1,
                doc="Mouth movement amplitude (0 = mouth stays still)",
            ),
            Field(
                "parameters.paste_back",
                Kind.BOOL,
                default=True,
                doc="false = output only the generated face, without the body",
            ),
            Field(
                "parameters.head_move_strength",
                Kind.FLOAT,
                minimum=0,
                maximum=1,
                default=0.7,
                doc="Head motion amplitude",
            ),
        ),
        result_path="output.results.video_url",
        states=frozenset({"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "UNKNOWN"}),
        audio="follows-input",
        fps=24,
        prices=(Price(0.02),),
        free_quota="1800 s (Beijing)",
        limits=RateLimit(5, 1, over_limit="queue"),
        usage_style="portrait",
        output_length="audio",
        max_output_seconds=180,
        typical_seconds=(15, 180),
        notes=(
            "Submit QPS is a blank merged cell (§4.1 'probably 5', UNCERTAIN): read as 5.",
            "Knob ranges are single-field limits; no cross-field rule is documented.",
            "fps is the video_fps default (24); the request may choose 15-30.",
            "Audio: the output is assumed to carry the driving voice (not stated; it is a lip-synced video).",
            "Audio '1 s < duration' is exclusive; MediaLimits has no exclusive minimum, so 1 s is the floor.",
            URL_NOTE,
        ),
    ),
)
