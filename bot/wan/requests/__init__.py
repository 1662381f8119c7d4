"""Typed request builders, one per family, and the lookup from a model to its builder."""

from __future__ import annotations

import importlib
import pkgutil

from ..catalog.types import ModelSpec
from .base import PreparedCall, WanRequest, uses_oss


def _load() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")


def _subclasses(cls: type[WanRequest]) -> list[type[WanRequest]]:
    out: list[type[WanRequest]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def builder_for(spec: ModelSpec) -> type[WanRequest]:
    """The builder whose attributes cover every field of `spec`'s family and role."""
    _load()
    names = {f.name for f in spec.fields} | {f.name for fields in spec.modes.values() for f in fields}
    for cls in _subclasses(WanRequest):
        if spec.family in cls.FAMILIES and spec.role in cls.ROLES and names <= set(cls.model_fields):
            return cls
    raise LookupError(f"no request builder covers {spec.name}")


__all__ = ["PreparedCall", "WanRequest", "builder_for", "uses_oss"]
