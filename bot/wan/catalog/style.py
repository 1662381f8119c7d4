"""Video style transform (视频风格重绘): restyle a video into one of 8 preset art styles.

Spec 04 §7 (call, styles, billing), §1.2 (endpoint on the video-generation path), §9.
Beijing only.
"""

from __future__ import annotations

from .common import MB
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role, UrlScheme

GENERATE = "video-style-transform"

# parameters.style -> (Chinese name, English name), §7.2.
STYLES: dict[int, tuple[str, str]] = {
    0: ("日式漫画", "Japanese manga"),
    1: ("美式漫画", "American comic"),
    2: ("清新漫画", "Fresh light comic"),
    3: ("3D卡通", "3D cartoon"),
    4: ("国风卡通", "Chinese-style cartoon"),  # best with ancient-costume footage
    5: ("纸艺风格", "Paper craft"),
    6: ("简易插画", "Simple illustration"),
    7: ("国风水墨", "Chinese ink wash"),
}
# parameters.min_len (output short side) -> price tier.
MIN_LEN_TIERS: dict[int, str] = {720: "720P", 540: "540P"}

STYLE_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4", "avi", "mkv", "mov", "flv", "ts", "mpg", "mxf"),
    min_side=256,
    max_side=4096,
    max_bytes=100 * MB,
    max_seconds=30,
    min_aspect=1 / 1.8,
    max_aspect=1.8,
    schemes=(UrlScheme.HTTP,),
    ascii_only=True,
    note="Long side / short side <= 1.8; percent-encode non-ASCII characters in the URL.",
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=GENERATE,
        family=Family.STYLE,
        role=Role.GENERATE,
        title="Video style transform into 8 preset styles (manga, comic, 3D cartoon, ink wash...)",
        endpoint="/services/aigc/video-generation/video-synthesis",
        regions={"beijing": GENERATE},
        fields=(
            Field("input.video_url", Kind.URL, required=True, media=STYLE_VIDEO, doc="Video to restyle (<=30 s)"),
            Field("parameters.style", Kind.CHOICE, choices=tuple(STYLES), default=0, doc="Preset style 0-7"),
            Field("parameters.video_fps", Kind.INT, minimum=15, maximum=25, default=15, doc="Output frame rate"),
            Field(
                "parameters.animate_emotion",
                Kind.BOOL,
                default=True,
                doc="Facial expression optimisation (turn off when faces are small)",
            ),
            Field(
                "parameters.min_len",
                Kind.CHOICE,
                choices=tuple(MIN_LEN_TIERS),
                default=720,
                doc="Output short side: 720 or 540 (540 is cheaper)",
            ),
            Field(
                "parameters.use_SR",
                Kind.BOOL,
                default=False,
                doc="Free super-resolution (540 -> 1080P, billed at 540P)",
            ),
        ),
        result_path="output.output_video_url",
        states=frozenset({"PENDING", "RUNNING", "SUSPENDED", "SUCCEEDED", "FAILED", "UNKNOWN"}),
        tiers=("720P", "540P"),
        tier_field="parameters.min_len",
        tier_values=MIN_LEN_TIERS,
        audio="follows-input",
        fps=15,
        prices=(Price(0.5, tier="720P"), Price(0.2, tier="540P")),
        free_quota="600 s (Beijing, any resolution)",
        limits=RateLimit(2, 1),
        usage_style="style",
        output_length="video",
        max_output_seconds=30,
        typical_seconds=(30, 300),
        notes=(
            "Price tier follows parameters.min_len (720 -> 720P at 0.5 CNY/s, 540 -> 540P at 0.2 CNY/s; "
            "usage.SR echoes it); the default (720) is the dearer tier.",
            "use_SR is free; with min_len=540 the output becomes 1080P but is billed at 540P.",
            "Limits are shared by the main account and its RAM sub-accounts; whether extra jobs queue is not "
            "stated, so over_limit stays 'unknown'.",
            "SUSPENDED is a non-terminal state of this model only.",
            "Audio: not documented. Safer reading: the output may keep the input video's sound "
            "(audio='follows-input'); animate_emotion's lip-sync wording suggests speech is kept.",
            "fps is the video_fps default (15); the request may choose 15-25.",
            "Only successful tasks are billed, on usage.duration x the usage.SR tier price.",
            "Media: public URLs only; oss:// temporary uploads are UNCERTAIN, so only http(s) URLs are accepted.",
        ),
    ),
)
