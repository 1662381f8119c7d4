"""VideoRetalk (声动人像): re-lip-sync an existing person video to a new voice track.

Spec 04 §5 (calls, limits, FAQ), §1.5-1.6 (states, result fields), §8.1 (errors), §9 (prices).
Beijing only.
"""

from __future__ import annotations

from .common import MB, image_url
from .liveportrait import PORTRAIT_IMAGE
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, Price, RateLimit, Role, UrlScheme

GENERATE = "videoretalk"

HTTP_ONLY = (UrlScheme.HTTP,)

VR_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4", "avi", "mov"),
    min_side=640,
    max_side=2048,
    max_bytes=300 * MB,
    min_seconds=2,
    max_seconds=120,
    seconds_exclusive_max=True,
    min_fps=15,
    max_fps=60,
    schemes=HTTP_ONLY,
    note="H.264 or H.265 recommended; a frontal close-range shot of the person.",
)
VR_AUDIO = MediaLimits(
    kind=MediaKind.AUDIO,
    formats=("wav", "mp3", "aac"),
    min_seconds=2,
    max_seconds=120,
    seconds_exclusive_max=True,
    max_bytes=30 * MB,
    schemes=HTTP_ONLY,
    note="Clear, loud voice; remove noise and music.",
)

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=GENERATE,
        family=Family.VIDEORETALK,
        role=Role.GENERATE,
        title="VideoRetalk: lip-sync a person video to new audio",
        endpoint="/services/aigc/image2video/video-synthesis/",
        regions={"beijing": GENERATE},
        fields=(
            Field("input.video_url", Kind.URL, required=True, media=VR_VIDEO, doc="Person video (2-120 s)"),
            Field("input.audio_url", Kind.URL, required=True, media=VR_AUDIO, doc="New voice (wav/mp3/aac, 2-120 s)"),
            image_url(
                "input.ref_image_url",
                PORTRAIT_IMAGE,
                required=False,
                doc="Face to re-sync when several people appear (a frame from the video works)",
            ),
            Field(
                "parameters.video_extension",
                Kind.BOOL,
                default=False,
                doc="Audio longer than video: true loops the video back and forth, false cuts the audio",
            ),
        ),
        result_path="output.video_url",
        states=frozenset({"PENDING", "PRE-PROCESSING", "RUNNING", "POST-PROCESSING", "SUCCEEDED", "FAILED", "UNKNOWN"}),
        audio="follows-input",
        prices=(Price(0.08),),
        free_quota="1800 s (Beijing)",
        limits=RateLimit(1, 1, over_limit="queue"),
        usage_style="portrait",
        output_length="audio",
        max_output_seconds=120,
        typical_seconds=(60, 900),
        notes=(
            "Output length is the shorter of video and audio, or the audio's with video_extension=true; the "
            "audio's length is therefore an upper bound for estimates (output_length='audio', <120 s).",
            'The documented example sends ref_image_url ""; an empty string is not sent (same meaning: the '
            "largest face in the first frame with a face).",
            "Durations are '2 s < d < 120 s' for video and audio; MediaLimits has no exclusive minimum, so 2 s "
            "is the floor. The error table says '2s ~ 120s'.",
            "Output keeps the source video's aspect ratio (usage.video_ratio 'standard'); fps follows the input.",
            "Submit RPS is 1; raise it by mail to modelstudio@service.aliyun.com. API only, no console trial.",
            "Media: public HTTP/HTTPS links only per the page (a temporary upload is mentioned; oss:// is "
            "UNCERTAIN), so only http(s) URLs are accepted. Downloads time out after 60 s.",
        ),
    ),
)
