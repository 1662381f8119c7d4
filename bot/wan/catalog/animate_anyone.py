"""AnimateAnyone (舞动人像): detect a person photo, extract a motion template, render the dance.

Spec 04 §2 (calls), §1.5-1.6 (states, result fields), §9 (prices). Beijing only.
The three calls chain: detect (sync) -> template (async, yields template_id) -> video.
"""

from __future__ import annotations

from .common import MB, image_url
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role, UrlScheme

DETECT = "animate-anyone-detect-gen2"
TEMPLATE = "animate-anyone-template-gen2"
GENERATE = "animate-anyone-gen2"
VIDEO_RATIOS = ("9:16", "3:4")

HTTP_ONLY = (UrlScheme.HTTP,)
URL_NOTE = (
    "Media: the pages say public HTTP/HTTPS links only and merely point to a 'temporary public URL' "
    "upload; whether oss:// uploads resolve here is UNCERTAIN, so only http(s) URLs are accepted."
)

# §2.6: the person image of the video call. The detect page gives no limits of its own;
# the image has to pass both calls, so the detector uses the same ones.
AA_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpg", "jpeg", "png", "bmp"),
    max_side=4096,
    max_bytes=5 * MB,  # documented as "< 5 MB"
    min_aspect=1 / 2,
    max_aspect=2,
    schemes=HTTP_ONLY,
    note="Crop to the output ratio you want (9:16 or 3:4 with the image background).",
)
# §2.5: the motion video the template is extracted from.
AA_TEMPLATE_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4", "avi", "mov"),
    min_side=200,
    max_side=2048,
    max_bytes=200 * MB,
    min_seconds=2,
    max_seconds=60,
    min_aspect=1 / 3,
    max_aspect=3,
    min_fps=24,
    schemes=HTTP_ONLY,
    note="H.264 or H.265; one person in frame from the first frame, one continuous shot.",
)

_POSTPAID_LIMITS_NOTE = (
    "Submit QPS is a blank merged cell for the template and video rows (spec 04 §2.2, §9 '(5?)'); "
    "read as the 5 of the detect row."
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=DETECT,
        family=Family.ANIMATE_ANYONE,
        role=Role.DETECT,
        title="AnimateAnyone photo check (one frontal person, full or half body)",
        endpoint="/services/aigc/image2video/aa-detect",
        regions={"beijing": DETECT},
        fields=(image_url("input.image_url", AA_IMAGE, doc="Person photo to check"),),
        result_path="output.check_pass",
        sync=True,
        prices=(Price(0.004, unit="image"),),
        free_quota="200 images (Beijing)",
        limits=RateLimit(5, None),
        billing="per-image",
        usage_style="detect",
        output_length="none",
        detect_pass={"bodystyle": "full", "check_pass": True},
        detect_fail={"check_pass": False, "reason": "The input image has no human body..."},
        typical_seconds=(1, 10),
        notes=(
            "Synchronous, concurrency documented as unlimited (RateLimit.concurrent left None).",
            "Image limits are not on the detect page; the gen2 image limits (§2.6) are applied (spec [inferred]).",
            "output.bodystyle is 'half' or 'full'; only 'full' suits use_ref_img_bg=false (video background).",
            "output.reason is documented only when check_pass is false; the fail example did not survive, so "
            "detect_fail uses the field table's sample reason.",
            "Whether a rejected image is billed is not stated (unlike Emoji); assume it is.",
            URL_NOTE,
        ),
    ),
    ModelSpec(
        name=TEMPLATE,
        family=Family.ANIMATE_ANYONE,
        role=Role.TEMPLATE,
        title="AnimateAnyone motion template from a dance/motion video",
        endpoint="/services/aigc/image2video/aa-template-generation/",
        regions={"beijing": TEMPLATE},
        fields=(
            Field(
                "input.video_url",
                Kind.URL,
                required=True,
                media=AA_TEMPLATE_VIDEO,
                doc="Motion video (mp4/avi/mov, 2-60 s, >=24 fps)",
            ),
        ),
        result_path="output.template_id",
        states=frozenset({"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "UNKNOWN"}),
        audio="follows-input",
        prices=(Price(0.08),),
        free_quota="1800 s (Beijing)",
        limits=RateLimit(5, 1, over_limit="queue"),
        usage_style="template",
        output_length="none",
        typical_seconds=(60, 300),
        notes=(
            "input.video_url is marked optional (否) in the field table but the call is meaningless without it "
            "(UNCERTAIN, probably a doc error): required.",
            "Billed 0.08 CNY per second of the template video (usage.video_duration), not of any output video.",
            "The template keeps the uploaded video's audio: strip unlicensed music before upload.",
            "template_id is bound to the account that created it (permission-checked).",
            "A problem in the first frame may make the task fail.",
            _POSTPAID_LIMITS_NOTE,
            URL_NOTE,
        ),
    ),
    ModelSpec(
        name=GENERATE,
        family=Family.ANIMATE_ANYONE,
        role=Role.GENERATE,
        title="AnimateAnyone: the photo's person performs the template's motion",
        endpoint="/services/aigc/image2video/video-synthesis/",
        regions={"beijing": GENERATE},
        fields=(
            image_url("input.image_url", AA_IMAGE, doc="Person photo that passed animate-anyone-detect-gen2"),
            Field("input.template_id", Kind.TEXT, required=True, doc="template_id from animate-anyone-template-gen2"),
            Field(
                "parameters.use_ref_img_bg",
                Kind.BOOL,
                default=False,
                doc="true = photo background, false = the template video's background",
            ),
            Field(
                "parameters.video_ratio",
                Kind.CHOICE,
                choices=VIDEO_RATIOS,
                default="9:16",
                doc="Output ratio with the photo background (9:16 or 3:4)",
            ),
        ),
        rules=("aa_ratio_needs_image_background",),
        result_path="output.video_url",
        states=frozenset({"PENDING", "PRE-PROCESSING", "RUNNING", "POST-PROCESSING", "SUCCEEDED", "FAILED", "UNKNOWN"}),
        audio="follows-input",
        fps=15,
        prices=(Price(0.08),),
        free_quota="1800 s (Beijing)",
        limits=RateLimit(5, 1, over_limit="unknown"),
        usage_style="portrait",
        output_length="video",
        max_output_seconds=60,
        typical_seconds=(60, 600),
        notes=(
            "Audio: the overview says the output is frames only, without audio, but the template page says the "
            "template keeps the source video's audio (UNCERTAIN). Safer reading: the output may carry the "
            "template's audio (audio='follows-input'), so users are told to strip unlicensed music.",
            "Submit QPS and concurrency are blank merged cells (§2.2, §9 '(5?)', '(1?)'): read as 5 and 1; "
            "whether extra jobs queue is not stated for this row, so over_limit stays 'unknown'.",
            "Output length follows the template's source video (2-60 s, spec 04 §2.5); 720P, 15 fps per the "
            "overview table (spec 02 §2.2).",
            "video_ratio only applies with use_ref_img_bg=true and is ignored otherwise. The documented example "
            "sends the default '9:16' with use_ref_img_bg=false, so that is accepted; a non-default ratio without "
            "the photo background is refused rather than silently ignored.",
            "Half-body photos (detect bodystyle 'half') are not recommended with use_ref_img_bg=false: missing "
            "body parts are invented.",
            URL_NOTE,
        ),
    ),
)
