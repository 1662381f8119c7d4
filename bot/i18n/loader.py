"""Merge the `MESSAGES` dicts of every module of a language package (one module per area)."""

from __future__ import annotations

import pkgutil
from importlib import import_module


def collect(package: str) -> dict[str, str]:
    """All messages of a language; a key defined in two areas is a bug and fails loudly."""
    pkg = import_module(package)
    merged: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = import_module(f"{package}.{info.name}")
        for key, text in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise KeyError(f"{package}.{info.name} redefines message {key!r}")
            merged[key] = text
    return merged
