"""User-visible text, one module per language; `t()` picks and formats it."""

from __future__ import annotations

from importlib import import_module
from typing import Any

DEFAULT_LOCALE = "en-US"
_MODULES = {"en-US": "en"}


def _catalog(locale: str) -> dict[str, str]:
    name = _MODULES.get(locale)
    if name is None:
        return {}
    return import_module(f"{__name__}.{name}").MESSAGES


def t(key: str, locale: str = DEFAULT_LOCALE, /, **params: Any) -> str:
    """The text for `key` in `locale` (falling back to English), formatted with params."""
    text = _catalog(locale).get(key) or _catalog(DEFAULT_LOCALE).get(key) or key
    return text.format(**params) if params else text
