"""Building blocks shared by several catalog entries (limits written once)."""

from __future__ import annotations

from .types import Field, Kind, MediaKind, MediaLimits, Price, Region, UrlScheme

MB = 1024 * 1024
SEED_MAX = 2147483647

# Output sizes per tier and aspect (spec 03 §2.3 and §3.3).
SIZES_480P = {"832*480": "480P", "480*832": "480P", "624*624": "480P"}
SIZES_720P = {
    "1280*720": "720P",
    "720*1280": "720P",
    "960*960": "720P",
    "1088*832": "720P",
    "832*1088": "720P",
}
SIZES_1080P = {
    "1920*1080": "1080P",
    "1080*1920": "1080P",
    "1440*1440": "1080P",
    "1632*1248": "1080P",
    "1248*1632": "1080P",
}
ASPECT_OF_SIZE = {
    "832*480": "16:9", "480*832": "9:16", "624*624": "1:1",
    "1280*720": "16:9", "720*1280": "9:16", "960*960": "1:1", "1088*832": "4:3", "832*1088": "3:4",
    "1920*1080": "16:9", "1080*1920": "9:16", "1440*1440": "1:1", "1632*1248": "4:3", "1248*1632": "3:4",
}  # fmt: skip


def sizes(*tiers: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for t in tiers:
        merged.update(t)
    return merged


# Media limits.
WAN_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpeg", "jpg", "png", "bmp", "webp"),
    min_side=360,
    max_side=2000,
    max_bytes=10 * MB,
    alpha_allowed=False,
    schemes=(UrlScheme.HTTP, UrlScheme.OSS, UrlScheme.DATA),
)
WAN_AUDIO = MediaLimits(
    kind=MediaKind.AUDIO,
    formats=("wav", "mp3"),
    min_seconds=3,
    max_seconds=30,
    max_bytes=15 * MB,
)


# Fields repeated across families.
def prompt(max_len: int, *, required: bool = False, doc: str = "What should happen") -> Field:
    return Field("input.prompt", Kind.TEXT, required=required, max_len=max_len, truncated=True, doc=doc)


NEGATIVE_PROMPT = Field("input.negative_prompt", Kind.TEXT, max_len=500, truncated=True, doc="What to avoid")
SEED = Field(
    "parameters.seed", Kind.INT, minimum=0, maximum=SEED_MAX, doc="Random seed (similar, not identical, results)"
)
WATERMARK = Field("parameters.watermark", Kind.BOOL, default=False, doc='Add the "AI生成" mark bottom-right')
PROMPT_EXTEND = Field("parameters.prompt_extend", Kind.BOOL, default=True, doc="Let the service rewrite the prompt")
SHOT_TYPE = Field(
    "parameters.shot_type",
    Kind.CHOICE,
    choices=("single", "multi"),
    default="single",
    doc="One continuous shot or several shots",
)
AUDIO_URL = Field("input.audio_url", Kind.URL, media=WAN_AUDIO, doc="Soundtrack to follow (wav/mp3, 3-30 s)")


def duration_range(lo: int, hi: int, default: int = 5) -> Field:
    return Field("parameters.duration", Kind.INT, minimum=lo, maximum=hi, default=default, doc="Length in seconds")


def duration_choices(*values: int, default: int = 5) -> Field:
    return Field("parameters.duration", Kind.CHOICE, choices=values, default=default, doc="Length in seconds")


def size_field(allowed: dict[str, str], default: str) -> Field:
    return Field("parameters.size", Kind.CHOICE, choices=tuple(allowed), default=default, doc="Output size W*H")


def resolution_field(tiers: tuple[str, ...], default: str) -> Field:
    return Field("parameters.resolution", Kind.CHOICE, choices=tiers, default=default, doc="Resolution tier")


def image_url(path: str, limits: MediaLimits = WAN_IMAGE, *, required: bool = True, doc: str = "") -> Field:
    return Field(path, Kind.URL, required=required, media=limits, doc=doc or "Image URL")


def tier_prices(
    beijing: dict[str, float], singapore: dict[str, float] | None = None, *, audio: bool | None = None
) -> tuple[Price, ...]:
    """Per-second prices by tier for Beijing and (as printed, in CNY) Singapore."""
    out = [Price(amount, tier=t, audio=audio) for t, amount in beijing.items()]
    out += [Price(amount, tier=t, audio=audio, region="singapore") for t, amount in (singapore or {}).items()]
    return tuple(out)


def region_prices(region: Region, tiers: dict[str, float], *, audio: bool | None = None) -> tuple[Price, ...]:
    """Per-second prices by tier for one region."""
    return tuple(Price(amount, tier=t, audio=audio, region=region) for t, amount in tiers.items())
