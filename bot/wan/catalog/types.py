"""Types of the model catalog.

The catalog describes every Wan model as data: where it lives, what it takes,
what it returns and what it costs.  Validation, the client, the simulator and
the CLI all read these records, so a limit is written down exactly once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Region = Literal["beijing", "singapore", "virginia"]
REGIONS: tuple[Region, ...] = ("beijing", "singapore", "virginia")


class Family(StrEnum):
    """The product families; one Discord cog maps onto one family."""

    T2V = "t2v"
    I2V = "i2v"
    KF2V = "kf2v"
    R2V = "r2v"
    S2V = "s2v"
    ANIMATE_MOVE = "animate-move"
    ANIMATE_MIX = "animate-mix"
    ANIMATE_ANYONE = "animate-anyone"
    EMO = "emo"
    LIVEPORTRAIT = "liveportrait"
    VIDEORETALK = "videoretalk"
    EMOJI = "emoji"
    STYLE = "style-transform"
    VACE = "vace"


class Role(StrEnum):
    """What a call to the model produces."""

    GENERATE = "generate"  # async task whose result is a video
    DETECT = "detect"  # synchronous image check
    TEMPLATE = "template"  # async task whose result is a reusable template id


class Kind(StrEnum):
    """Value kinds a request field can hold."""

    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    CHOICE = "choice"  # one of `choices` (strings or numbers)
    CHOICE_LIST = "choice_list"  # list whose items are each one of `choices`
    URL = "url"  # one media URL (http(s), oss:// or data: where allowed)
    URL_LIST = "url_list"
    MEDIA = "media"  # wan2.7 `input.media`: list of {type, url}
    INT_LIST = "int_list"  # e.g. bounding boxes returned by a detector


class MediaKind(StrEnum):
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"


class UrlScheme(StrEnum):
    HTTP = "http"  # public http(s) URL
    OSS = "oss"  # oss:// temporary upload (needs the resolve header)
    DATA = "data"  # base64 data URI (images only, where documented)


@dataclass(frozen=True)
class MediaLimits:
    """Documented limits of one media input; None means not documented."""

    kind: MediaKind
    formats: tuple[str, ...] = ()
    min_side: int | None = None  # pixels, each of width and height
    max_side: int | None = None
    max_bytes: int | None = None
    min_seconds: float | None = None
    max_seconds: float | None = None
    seconds_exclusive_max: bool = False  # "< 20 s" rather than "<= 20 s"
    min_aspect: float | None = None  # width / height
    max_aspect: float | None = None
    min_fps: float | None = None
    max_fps: float | None = None
    alpha_allowed: bool = True
    schemes: tuple[UrlScheme, ...] = (UrlScheme.HTTP, UrlScheme.OSS)
    ascii_only: bool = False  # URL must not carry non-ASCII characters
    note: str = ""


@dataclass(frozen=True)
class Field:
    """One request field at its exact JSON path."""

    path: str  # "input.prompt", "parameters.duration"
    kind: Kind
    required: bool = False
    default: Any = None  # the service's documented default (never sent by us)
    max_len: int | None = None  # characters, for TEXT
    truncated: bool = False  # the service silently truncates beyond max_len
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    media: MediaLimits | None = None
    media_types: Mapping[str, MediaLimits] = field(default_factory=dict)  # for MEDIA
    doc: str = ""  # one line for help texts and the CLI

    @property
    def name(self) -> str:
        """The short name used by builders and CLI flags (`duration`)."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]


@dataclass(frozen=True)
class Price:
    """One price point. amount is per `unit`; tier None means any tier."""

    amount: float
    tier: str | None = None  # "720P", "1:1", "wan-pro", ...
    audio: bool | None = None  # for models priced by audio vs silent
    unit: Literal["second", "image"] = "second"
    currency: Literal["CNY"] = "CNY"
    region: Region = "beijing"


@dataclass(frozen=True)
class RateLimit:
    """Per-account limits per model; None means not documented."""

    submit_rps: float | None = None
    concurrent: int | None = None  # tasks processing at once
    over_limit: Literal["429", "queue", "unknown"] = "unknown"


@dataclass(frozen=True)
class EffectTemplate:
    """One video effect template (spec 02 §9)."""

    template: str
    name_zh: str
    name_en: str
    category: Literal["general", "single-person", "person-or-animal", "two-people"]
    models: tuple[str, ...]  # preferred model first
    advice: str = ""
    default_emoji: str = ""


@dataclass(frozen=True)
class DrivenTemplate:
    """One Emoji (`emoji-v1`) `driven_id` template."""

    driven_id: str
    name_zh: str
    name_en: str


STANDARD_STATES: frozenset[str] = frozenset({"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"})
TERMINAL_STATES: frozenset[str] = frozenset({"SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"})


@dataclass(frozen=True)
class ModelSpec:
    """Everything the bot needs to know about one model id."""

    name: str
    family: Family
    role: Role
    title: str
    endpoint: str  # path after /api/v1, exactly as its page writes it
    regions: Mapping[Region, str]  # region -> the model id to send there
    fields: tuple[Field, ...]
    result_path: str = "output.video_url"
    states: frozenset[str] = STANDARD_STATES
    sync: bool = False
    # Output description, used for quotas and the simulator.
    tiers: tuple[str, ...] = ()  # resolution tiers; first is the documented default
    sizes: Mapping[str, str] = field(default_factory=dict)  # "1280*720" -> "720P"
    # Models whose price tier is set by another field (style transform's min_len).
    tier_field: str = ""
    tier_values: Mapping[Any, str] = field(default_factory=dict)
    audio: Literal["always", "never", "optional", "follows-input"] = "never"
    fps: int | None = None
    # Money and limits.
    prices: tuple[Price, ...] = ()
    free_quota: str = ""
    limits: RateLimit = RateLimit()
    billing: Literal["output-seconds", "output-and-input-video", "per-image"] = "output-seconds"
    usage_seconds_keys: tuple[str, ...] = ("duration", "video_duration")
    # Documented `usage` layout of a finished task; the simulator answers with it:
    # "wan26" {duration, input_video_duration, output_video_duration, SR, size?, video_count[, audio]}
    # "wan25" {video_duration, video_ratio: size, video_count}
    # "wan22" {video_duration, video_count, SR}
    # "wan21" {video_duration, video_count, video_ratio: "standard"}
    # "animate" {video_duration (float), video_ratio: "standard"|"pro"}
    # "s2v" {duration (float), video_count, SR}
    # "portrait" {video_duration (float), video_ratio: "standard" or the aspect}
    # "emoji" {video_duration (int), video_ratio: "standard"}
    # "style" {duration (float), SR}
    # "template" {video_duration (float)}
    # "detect" {image_count: 1}
    usage_style: str = "wan26"
    # Where the output length comes from, for cost estimates and the simulator:
    # "parameter" (parameters.duration or its default), "audio" / "video" (the input
    # media's length, capped by max_output_seconds), "fixed" (max_output_seconds).
    output_length: Literal["parameter", "audio", "video", "fixed", "none"] = "parameter"
    max_output_seconds: float | None = None
    # Documented `output` of a synchronous detector, when it passes and when it rejects.
    detect_pass: Mapping[str, Any] = field(default_factory=dict)
    detect_fail: Mapping[str, Any] = field(default_factory=dict)
    # Behaviour.
    rules: tuple[str, ...] = ()  # names of cross-field rules in bot.wan.rules
    modes: Mapping[str, tuple[Field, ...]] = field(default_factory=dict)
    mode_field: str = ""  # path whose value selects an entry of `modes`
    templates: tuple[str, ...] = ()  # effect templates the model accepts
    typical_seconds: tuple[int, int] = (60, 300)
    poll_hint_seconds: int = 15
    notes: tuple[str, ...] = ()  # decisions taken on conflicting documentation

    def field(self, name_or_path: str, mode: str | None = None) -> Field | None:
        """Look a field up by short name or full path, including mode fields."""
        for f in self.all_fields(mode):
            if name_or_path in (f.path, f.name):
                return f
        return None

    def all_fields(self, mode: str | None = None) -> tuple[Field, ...]:
        if mode is None or not self.modes:
            return self.fields
        return self.fields + self.modes.get(mode, ())

    def id_in(self, region: Region) -> str | None:
        """The model id to send in `region`, or None when it is not offered there."""
        return self.regions.get(region)

    @property
    def default_tier(self) -> str | None:
        return self.tiers[0] if self.tiers else None

    def tier_of(self, body: Mapping[str, Any]) -> str | None:
        """The resolution tier a request asks for, falling back to the default."""
        params = body.get("parameters") or {}
        if self.tier_field:
            section, _, name = self.tier_field.partition(".")
            value = (body.get(section) or {}).get(name)
            if value in self.tier_values:
                return self.tier_values[value]
        if self.sizes:
            size = params.get("size")
            if size in self.sizes:
                return self.sizes[size]
        resolution = params.get("resolution")
        if isinstance(resolution, str) and resolution in self.tiers:
            return resolution
        return self.default_tier
