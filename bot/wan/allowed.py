"""What a refused field would accept, in the member's language.

`bot/wan/validation.py` and `bot/wan/rules/` give every `Issue` an English `allowed` text and,
next to it, the same phrase as a message key with parameters. `allowed_text()` renders that key
in a locale, joining choice lists with the language's own words ("5 or 10", "5 或 10",
"5 atau 10"). The English rendering equals `Issue.allowed` (tests/wan/test_allowed.py), so the
CLI, logs and `str(InvalidRequest)` keep one wording while Discord speaks the member's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bot.i18n import DEFAULT_LOCALE, LANGUAGES, t

from .validation import Issue, Phrase, Words

__all__ = ["allowed_text", "render"]

# Keys whose parameters carry English catalog prose (a field's `doc` line), mapped to a key that
# says the same without it. The frame of the refusal already names the field.
_WITHOUT_ENGLISH_PROSE: dict[str, str] = {"allowed.required": "allowed.required_value"}


def allowed_text(issue: Issue, locale: str = DEFAULT_LOCALE) -> str:
    """`issue.allowed` in `locale`; the English text itself for an Issue that carries no key."""
    if not issue.allowed_key:
        return issue.allowed
    phrase = Phrase(issue.allowed_key, issue.allowed_params)
    if not _is_english(locale) and phrase.key in _WITHOUT_ENGLISH_PROSE:
        phrase = Phrase(_WITHOUT_ENGLISH_PROSE[phrase.key])
    return render(phrase, locale)


def render(phrase: Phrase, locale: str = DEFAULT_LOCALE) -> str:
    """One phrase with its parameters rendered first: nested phrases translated, lists joined."""
    params = {name: _param(value, locale) for name, value in phrase.params.items()}
    return t(phrase.key, locale, **params)


def _is_english(locale: str) -> bool:
    # t() falls back to English for a locale we do not ship, so such a locale reads English too.
    return LANGUAGES.get(locale, "en") == "en"


def _param(value: Any, locale: str) -> Any:
    if isinstance(value, Phrase):
        return render(value, locale)
    if isinstance(value, Words):
        return _join(value.items, value.join, locale)
    if isinstance(value, list | tuple):
        return _join(value, "or", locale)
    return value


def _join(items: Iterable[Any], how: str, locale: str) -> str:
    """ "a, b or c" (`or`), "a or b or c" (`each`) or "a, b, c" (`comma`), in the locale's words."""
    shown = [str(_param(item, locale)) for item in items]
    if not shown:
        return ""

    def pair(key: str, first: str, second: str) -> str:
        return t(key, locale, first=first, second=second)

    if how == "each":
        return _fold(shown, lambda a, b: pair("allowed.join.or", a, b))
    if how == "comma":
        return _fold(shown, lambda a, b: pair("allowed.join.comma", a, b))
    head = _fold(shown[:-1], lambda a, b: pair("allowed.join.comma", a, b)) if len(shown) > 1 else ""
    return pair("allowed.join.or", head, shown[-1]) if head else shown[-1]


def _fold(items: list[str], combine: Callable[[str, str], str]) -> str:
    text = items[0]
    for item in items[1:]:
        text = combine(text, item)
    return text
