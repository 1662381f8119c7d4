"""The model catalog: every Wan model in the spec, as data.

`MODELS` maps model name to its `ModelSpec`. Regional ids (e.g. Singapore's
`wan2.1-t2v-turbo` for Beijing's `wanx2.1-t2v-turbo`) resolve to the same entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import (
    animate,
    animate_anyone,
    emo,
    emoji,
    i2v,
    kf2v,
    liveportrait,
    r2v,
    s2v,
    style,
    t2v,
    vace,
    videoretalk,
)
from .effects import EFFECTS, EFFECTS_BY_TEMPLATE
from .types import (
    REGIONS,
    TERMINAL_STATES,
    EffectTemplate,
    Family,
    Field,
    Kind,
    MediaKind,
    MediaLimits,
    ModelSpec,
    Price,
    RateLimit,
    Region,
    Role,
)

_MODULES = (t2v, i2v, kf2v, r2v, s2v, animate, animate_anyone, emo, liveportrait, videoretalk, emoji, style, vace)

ALL: tuple[ModelSpec, ...] = tuple(m for mod in _MODULES for m in mod.MODELS)
MODELS: dict[str, ModelSpec] = {m.name: m for m in ALL}
_BY_ANY_ID: dict[str, ModelSpec] = {}
for _m in ALL:
    _BY_ANY_ID[_m.name] = _m
    for _rid in _m.regions.values():
        _BY_ANY_ID.setdefault(_rid, _m)


class UnknownModel(KeyError):
    """The name is not in the catalog."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"model {self.name!r} is not in the catalog"


def get(name: str) -> ModelSpec:
    """The entry for a canonical or regional model id."""
    try:
        return _BY_ANY_ID[name]
    except KeyError:
        raise UnknownModel(name) from None


def find(name: str) -> ModelSpec | None:
    return _BY_ANY_ID.get(name)


def in_region(region: Region, models: Iterable[ModelSpec] = ALL) -> list[ModelSpec]:
    return [m for m in models if region in m.regions]


def by_family(family: Family | str, region: Region | None = None) -> list[ModelSpec]:
    fam = Family(family)
    return [m for m in ALL if m.family == fam and (region is None or region in m.regions)]


def effect(template: str) -> EffectTemplate:
    return EFFECTS_BY_TEMPLATE[template]


__all__ = [
    "ALL",
    "EFFECTS",
    "MODELS",
    "REGIONS",
    "TERMINAL_STATES",
    "EffectTemplate",
    "Family",
    "Field",
    "Kind",
    "MediaKind",
    "MediaLimits",
    "ModelSpec",
    "Price",
    "RateLimit",
    "Region",
    "Role",
    "UnknownModel",
    "by_family",
    "effect",
    "find",
    "get",
    "in_region",
]
