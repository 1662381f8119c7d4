"""General video editing, wanx2.1-vace-plus: five functions on one endpoint (spec 09 §6)."""

from __future__ import annotations

from .common import MB, PROMPT_EXTEND, SEED, WATERMARK, duration_choices, image_url, prompt, size_field, tier_prices
from .types import Family, Field, Kind, MediaKind, MediaLimits, ModelSpec, RateLimit, Role

ENDPOINT = "/services/aigc/video-generation/video-synthesis"
NAME = "wanx2.1-vace-plus"

VACE_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpg", "jpeg", "png", "bmp", "tiff", "webp"),
    min_side=360,
    max_side=2000,
    max_bytes=10 * MB,
    ascii_only=True,
)
VACE_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4",),
    max_seconds=5,
    min_fps=16,
    max_bytes=50 * MB,
    ascii_only=True,
    note="the service uses only the first 5 s of a longer video; the bot refuses it instead",
)
VACE_CLIP = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4",),
    max_seconds=3,
    min_fps=16,
    max_bytes=50 * MB,
    ascii_only=True,
    note="first and last clip together at most 3 s",
)
MASK_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=VACE_IMAGE.formats,
    min_side=VACE_IMAGE.min_side,
    max_side=VACE_IMAGE.max_side,
    max_bytes=VACE_IMAGE.max_bytes,
    ascii_only=True,
    note="white = edit, black = keep; same resolution as the video",
)
MASK_VIDEO = MediaLimits(
    kind=MediaKind.VIDEO,
    formats=("mp4",),
    max_seconds=5,
    min_fps=16,
    max_bytes=50 * MB,
    ascii_only=True,
    note="same format, fps, resolution and length as the video",
)

FUNCTIONS = ("image_reference", "video_repainting", "video_edit", "video_extension", "video_outpainting")
SIZES = {"1280*720": "720P", "720*1280": "720P", "960*960": "720P", "832*1088": "720P", "1088*832": "720P"}


def _video(doc: str, *, required: bool = True, limits: MediaLimits = VACE_VIDEO) -> Field:
    """`input.video_url`: its role (source, motion reference) differs per function."""
    return Field("input.video_url", Kind.URL, required=required, media=limits, doc=doc)


def _refs(lo: int, hi: int, *, required: bool, doc: str) -> Field:
    """`input.ref_images_url`: 1-3 subjects for image_reference, a single swap-in image elsewhere."""
    return Field(
        "input.ref_images_url", Kind.URL_LIST, required=required, min_items=lo, max_items=hi, media=VACE_IMAGE, doc=doc
    )


def _control(*choices: str, required: bool = False, default: str | None = None) -> Field:
    """`parameters.control_condition`: the allowed values and requiredness differ per function."""
    return Field(
        "parameters.control_condition",
        Kind.CHOICE,
        required=required,
        choices=choices,
        default=default,
        doc="What to keep from the video: " + ", ".join(c or '"" (nothing)' for c in choices),
    )


def _scale(side: str) -> Field:
    """One outpainting factor; 1.0 leaves that side as it is."""
    return Field(
        f"parameters.{side}_scale", Kind.FLOAT, minimum=1, maximum=2, default=1.0, doc=f"Extend the {side} side (x1-2)"
    )


MODES: dict[str, tuple[Field, ...]] = {
    "image_reference": (
        _refs(1, 3, required=True, doc="1-3 reference images, one subject each on a plain background"),
        Field(
            "parameters.obj_or_bg",
            Kind.CHOICE_LIST,
            choices=("obj", "bg"),
            min_items=1,
            max_items=3,
            default=("obj",),
            doc="obj or bg for each reference image, in order (at most one bg)",
        ),
        size_field(SIZES, "1280*720"),
    ),
    "video_repainting": (
        _video("Video whose motion, pose, outline or line art is kept"),
        _refs(1, 1, required=False, doc="One subject image to swap in"),
        _control("posebodyface", "posebody", "depth", "scribble", required=True),
        Field(
            "parameters.strength",
            Kind.FLOAT,
            minimum=0,
            maximum=1,
            default=1.0,
            doc="0-1; higher stays closer to the source",
        ),
    ),
    "video_edit": (
        _video("Video to edit inside the mask"),
        _refs(1, 1, required=False, doc="One image used as the new subject or background"),
        image_url("input.mask_image_url", MASK_IMAGE, required=False, doc="Mask image (white = edit)"),
        Field("input.mask_video_url", Kind.URL, media=MASK_VIDEO, doc="Mask video (white = edit)"),
        Field(
            "input.mask_frame_id",
            Kind.INT,
            minimum=1,
            default=1,
            doc="Frame the mask image describes (1 to fps x seconds + 1)",
        ),
        _control("", "posebodyface", "depth", default=""),
        Field(
            "parameters.mask_type",
            Kind.CHOICE,
            choices=("tracking", "fixed"),
            default="tracking",
            doc="tracking: the mask follows the object; fixed: it stays put",
        ),
        Field(
            "parameters.expand_ratio",
            Kind.FLOAT,
            minimum=0,
            maximum=1,
            default=0.05,
            doc="Grow the tracked mask by this ratio (tracking only)",
        ),
        Field(
            "parameters.expand_mode",
            Kind.CHOICE,
            choices=("hull", "bbox", "original"),
            default="hull",
            doc="Shape of the tracked mask (tracking only)",
        ),
        # Same list as image_reference, but no default is documented for video_edit.
        Field("parameters.size", Kind.CHOICE, choices=tuple(SIZES), doc="Output size W*H"),
    ),
    "video_extension": (
        image_url("input.first_frame_url", VACE_IMAGE, required=False, doc="First frame"),
        image_url("input.last_frame_url", VACE_IMAGE, required=False, doc="Last frame"),
        Field("input.first_clip_url", Kind.URL, media=VACE_CLIP, doc="Opening clip (mp4, <=3 s)"),
        Field("input.last_clip_url", Kind.URL, media=VACE_CLIP, doc="Closing clip (mp4, <=3 s)"),
        _video(
            "Motion-reference video (<=5 s, same fps and resolution as the clips)",
            required=False,
        ),
        _control("posebodyface", "depth"),
    ),
    "video_outpainting": (
        _video("Video whose frame is extended outward"),
        _scale("top"),
        _scale("bottom"),
        _scale("left"),
        _scale("right"),
    ),
}

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=NAME,
        family=Family.VACE,
        role=Role.GENERATE,
        title="Wan 2.1 VACE video editing: reference, repaint, edit, extend, outpaint; silent",
        endpoint=ENDPOINT,
        regions={"beijing": NAME, "singapore": "wan2.1-vace-plus"},
        fields=(
            prompt(800, required=True),
            Field(
                "input.function",
                Kind.CHOICE,
                required=True,
                choices=FUNCTIONS,
                doc="Editing function: " + ", ".join(FUNCTIONS),
            ),
            PROMPT_EXTEND,
            SEED,
            WATERMARK,
            duration_choices(5),
        ),
        modes=MODES,
        mode_field="input.function",
        rules=("vace_obj_or_bg", "vace_mask", "vace_tracking_only", "vace_extension"),
        tiers=("720P",),
        sizes=SIZES,
        fps=30,
        prices=tier_prices({"720P": 0.70}, {"720P": 0.733924}),
        free_quota="50 s (Beijing)",
        limits=RateLimit(2, 2),
        usage_style="wan21",
        output_length="fixed",
        max_output_seconds=5,
        typical_seconds=(300, 600),
        notes=(
            "prompt_extend defaults to true; the docs recommend false for every function except "
            "image_reference. The bot sends only what the user sets.",
            "Output length follows a shorter input video (capped at 5 s); estimates use the fixed 5 s "
            "(an upper bound; usage shows video_duration 5 in the example).",
            "Free quota: the zh price page says 50 s in Beijing, the Indonesian VACE page says none "
            "(UNCERTAIN); 50 s is recorded.",
            "ref_images_url for video_repainting/video_edit: 'exactly 1 image' when given; an empty "
            "list is refused. image_reference refuses more than 3 (the service drops extras).",
            "video_edit size has no documented default (image_reference: 1280*720), so none is recorded.",
            "mask_frame_id upper bound (fps x seconds + 1) depends on the video and is not checked here; "
            "it is refused together with mask_video_url, which it does not describe (inferred).",
            "expand_ratio and expand_mode act only with mask_type tracking; they are refused with fixed.",
            "video_extension clips: together at most 3 s, and the motion video must match the clips' fps "
            "and resolution: media-length checks, not body checks.",
            "URLs must not contain Chinese characters: treated as ASCII-only. Base64 data URIs are not offered.",
            "Image formats include TIFF (VACE only).",
        ),
    ),
)
