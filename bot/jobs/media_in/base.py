"""Shared types of the media intake: the prepared file, the refusal, format tables and checks.

Everything a member may read is an i18n key plus language-neutral parameters (numbers,
pixel sizes, format names), so the wording lives only in bot.i18n.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.i18n import DEFAULT_LOCALE, t
from bot.wan.catalog.types import MediaKind, MediaLimits

# Canonical format names returned by `sniff` -> MIME type and file extension.
MIME: dict[str, str] = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "bmp": "image/bmp",
    "gif": "image/gif",
    "tiff": "image/tiff",
    "heic": "image/heic",
    "avif": "image/avif",
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "flac": "audio/flac",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "mkv": "video/x-matroska",
    "avi": "video/x-msvideo",
    "flv": "video/x-flv",
    "ts": "video/mp2t",
    "mpg": "video/mpeg",
    "mxf": "application/mxf",
}
EXTENSION: dict[str, str] = {"jpeg": "jpg"}  # everything else: the format name itself
# Spellings the catalog may use for one canonical format.
_ALIASES: dict[str, tuple[str, ...]] = {
    "jpeg": ("jpeg", "jpg"),
    "tiff": ("tiff", "tif"),
    "mpg": ("mpg", "mpeg"),
    "mkv": ("mkv", "matroska"),
}
# Used when a catalog entry documents no formats: the safest common ground.
_DEFAULT_FORMATS: dict[MediaKind, tuple[str, ...]] = {
    MediaKind.IMAGE: ("jpeg", "png"),
    MediaKind.AUDIO: ("wav", "mp3"),
    MediaKind.VIDEO: ("mp4",),
}
MB = 1024 * 1024


def extension_of(fmt: str) -> str:
    return EXTENSION.get(fmt, fmt)


def allowed_formats(limits: MediaLimits) -> tuple[str, ...]:
    """The canonical format names a model accepts for this input."""
    listed = limits.formats or _DEFAULT_FORMATS[limits.kind]
    out: list[str] = []
    for name in listed:
        canon = next((c for c, spellings in _ALIASES.items() if name.lower() in spellings), name.lower())
        if canon not in out:
            out.append(canon)
    return tuple(out)


def format_allowed(fmt: str, limits: MediaLimits) -> bool:
    return fmt in allowed_formats(limits)


def formats_text(limits: MediaLimits) -> str:
    """`JPEG, PNG, BMP, WEBP`: format names are the same in every language."""
    return ", ".join(f.upper() for f in allowed_formats(limits))


def num(x: float, digits: int = 2) -> str:
    """A number without trailing zeros: 3 -> "3", 2.5 -> "2.5", 1/3 -> "0.33"."""
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return text or "0"


def megabytes(n: int) -> str:
    """Sizes for members: "12.3" MB, "0.29" MB, never "0"."""
    return num(n / MB, 1) if n >= MB else num(max(n / MB, 0.01), 2)


def ratio(x: float) -> str:
    """Width/height as a ratio a member reads at a glance: 4 -> "4:1", 0.25 -> "1:4"."""
    return f"{num(x)}:1" if x >= 1 else f"1:{num(1 / x)}"


def dims(width: int, height: int) -> str:
    return f"{width}×{height}"


class MediaProblem(Exception):
    """An input the bot cannot use or fix; raised before anything is spent.

    `key` names the message in bot.i18n; `params` always carries `field`, `value`
    and `allowed` so every explanation says what was sent and what would work.
    """

    def __init__(self, key: str, *, field: str, value: Any, allowed: Any, **extra: Any) -> None:
        self.key = key
        self.params: dict[str, Any] = {"field": field, "value": value, "allowed": allowed, **extra}
        super().__init__(f"{key}: {self.params}")

    @property
    def field(self) -> str:
        return str(self.params["field"])

    def explain(self, locale: str = DEFAULT_LOCALE) -> str:
        """The refusal in plain words for a Discord member."""
        return t(self.key, locale, **self.params)


@dataclass(frozen=True)
class PreparedMedia:
    """A file that meets the model's documented limits, and what was done to get there.

    `changes` lists message keys (one per fix, in the order applied); `details` holds
    their parameters so the bot can say e.g. "shrunk from 4000×3000 to 2000×1500 px".
    """

    data: bytes
    mime: str
    extension: str
    kind: MediaKind
    width: int | None = None
    height: int | None = None
    seconds: float | None = None
    changes: tuple[str, ...] = ()
    field: str = ""
    fps: float | None = None
    details: Mapping[str, Mapping[str, Any]] = dataclasses.field(
        default_factory=dict, hash=False, compare=False, repr=False
    )

    @property
    def changed(self) -> bool:
        """True when the bytes differ from what the member sent."""
        return bool(self.changes)

    @property
    def filename(self) -> str:
        return f"{self.kind.value}.{self.extension}"

    def data_uri(self) -> str:
        """`data:{mime};base64,{data}` as DashScope documents it for images."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    def describe_changes(self, locale: str = DEFAULT_LOCALE) -> list[str]:
        """One sentence per fix, to tell the member what happened to their file."""
        return [t(key, locale, **{"field": self.field, **self.details.get(key, {})}) for key in self.changes]


class Changes:
    """Collects fixes in order; a repeated fix keeps its first place and its latest details."""

    def __init__(self, field: str) -> None:
        self.field = field
        self.keys: list[str] = []
        self.details: dict[str, dict[str, Any]] = {}

    def add(self, key: str, **params: Any) -> None:
        if key not in self.keys:
            self.keys.append(key)
            self.details[key] = {}
        self.details[key].update(params)

    def __bool__(self) -> bool:
        return bool(self.keys)


def check_sides(kind: str, width: int, height: int, limits: MediaLimits, field: str) -> None:
    """Refuse what is too small or shaped wrong; too big is fixed by the caller (downscale)."""
    if limits.min_side is not None and min(width, height) < limits.min_side:
        raise MediaProblem(
            f"media.{kind}.too_small", field=field, value=dims(width, height), allowed=str(limits.min_side)
        )
    aspect = width / height
    lo, hi = limits.min_aspect, limits.max_aspect
    if (lo is not None and aspect < lo - 1e-9) or (hi is not None and aspect > hi + 1e-9):
        low = ratio(lo) if lo is not None else "0:1"
        high = ratio(hi) if hi is not None else "∞"
        raise MediaProblem(
            f"media.{kind}.aspect",
            field=field,
            value=ratio(aspect),
            allowed=f"{low}–{high}",
            size=dims(width, height),
            min=low,
            max=high,
        )


def fit_within(width: int, height: int, max_side: int, *, even: bool = False) -> tuple[int, int]:
    """The largest size with the same shape whose long side is at most max_side."""
    scale = max_side / max(width, height)
    w, h = max(1, round(width * scale)), max(1, round(height * scale))
    if even:
        w, h = max(2, w - w % 2), max(2, h - h % 2)
    return min(w, max_side), min(h, max_side)


def check_downscale(kind: str, width: int, height: int, limits: MediaLimits, field: str) -> tuple[int, int] | None:
    """The size to shrink to when a side is over max_side, or None; refuse when shrinking breaks min_side."""
    if limits.max_side is None or max(width, height) <= limits.max_side:
        return None
    target = fit_within(width, height, limits.max_side, even=kind == "video")
    if limits.min_side is not None and min(target) < limits.min_side:
        raise MediaProblem(
            f"media.{kind}.too_elongated",
            field=field,
            value=dims(width, height),
            allowed=str(limits.min_side),
            max_side=limits.max_side,
        )
    return target


def check_seconds(kind: str, seconds: float, limits: MediaLimits, field: str) -> None:
    """Refuse lengths outside the documented range; the bot never trims or speeds up."""
    eps = 1e-3
    if limits.min_seconds is not None and seconds < limits.min_seconds - eps:
        raise MediaProblem(f"media.{kind}.too_short", field=field, value=num(seconds), allowed=num(limits.min_seconds))
    if limits.max_seconds is not None:
        over = (
            seconds >= limits.max_seconds - eps if limits.seconds_exclusive_max else seconds > limits.max_seconds + eps
        )
        if over:
            suffix = "too_long_exclusive" if limits.seconds_exclusive_max else "too_long"
            raise MediaProblem(
                f"media.{kind}.{suffix}", field=field, value=num(seconds), allowed=num(limits.max_seconds)
            )


def wrong_kind(expected: MediaKind, found: str, limits: MediaLimits, field: str) -> MediaProblem:
    return MediaProblem(
        f"media.wrong_kind.{expected.value}", field=field, value=found.upper(), allowed=formats_text(limits)
    )


def unknown_type(limits: MediaLimits, field: str) -> MediaProblem:
    return MediaProblem("media.unknown_type", field=field, value="?", allowed=formats_text(limits))
