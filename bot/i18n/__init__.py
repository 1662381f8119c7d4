"""User-visible text: one package per language (`en`, `zh_cn`, `zh_tw`, `id`), one module per area.

`t(key, locale, **params)` picks the member's language, falls back to English for a key a
translation lacks, and formats named placeholders. `locale_of()` maps Discord's locale codes
(`en-GB`, `zh-CN`, `id`, ...) onto the languages we ship.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

DEFAULT_LOCALE = "en-US"
# Discord locale code -> language package.
LANGUAGES: dict[str, str] = {"en-US": "en", "en-GB": "en", "zh-CN": "zh_cn", "zh-TW": "zh_tw", "id": "id"}
SHIPPED: tuple[str, ...] = ("en-US", "zh-CN", "zh-TW", "id")


def locale_of(code: object) -> str:
    """Our locale for a Discord locale (a `discord.Locale` or its string); English when we lack it."""
    text = str(getattr(code, "value", code) or "")
    if text in LANGUAGES:
        return "en-US" if LANGUAGES[text] == "en" else text
    return DEFAULT_LOCALE


@cache
def catalog(locale: str) -> dict[str, str]:
    name = LANGUAGES.get(locale)
    return {} if name is None else import_module(f"{__name__}.{name}").MESSAGES


def has(key: str) -> bool:
    return key in catalog(DEFAULT_LOCALE)


def t(key: str, locale: str = DEFAULT_LOCALE, /, **params: Any) -> str:
    """The text for `key` in `locale` (falling back to English), formatted with params."""
    text = catalog(locale).get(key) or catalog(DEFAULT_LOCALE).get(key) or key
    return text.format(**params) if params else text
