"""Which emoji runs which effect template in a guild (Discord-free, shared by the reaction and admin cogs).

Every template ships with a default emoji; a guild admin may map more emoji (unicode, or a custom
server emoji written `<:name:id>` / `<a:name:id>`) or unmap a default one (stored as an empty
template). Unicode emoji are compared without the variation selector U+FE0F, because Discord and
keyboards disagree on whether `👁️` carries it.
"""

from __future__ import annotations

import re
from typing import Protocol

from bot.wan.catalog.effects import EFFECTS, EFFECTS_BY_TEMPLATE

__all__ = ["default_reaction_map", "emoji_key", "guild_reaction_map", "merge", "template_for"]

_VS16 = "\ufe0f"
_CUSTOM = re.compile(r"<a?:\w+:(\d+)>")


class _MapSource(Protocol):
    async def reaction_map(self, guild_id: int) -> dict[str, str]: ...


def emoji_key(emoji: str) -> str:
    """The form two spellings of one emoji share: custom emoji by id (a rename or the animated flag
    does not matter), unicode emoji without U+FE0F."""
    text = emoji.strip()
    custom = _CUSTOM.fullmatch(text)
    return f"<:{custom.group(1)}>" if custom else text.replace(_VS16, "")


def default_reaction_map() -> dict[str, str]:
    """Emoji -> template for all templates, as the catalog lists them (one emoji each, no repeats)."""
    return {e.default_emoji: e.template for e in EFFECTS if e.default_emoji}


def merge(overrides: dict[str, str]) -> dict[str, str]:
    """The default map overlaid by an admin's entries; "" unmaps, unknown templates are dropped."""
    merged = {emoji_key(k): v for k, v in default_reaction_map().items()}
    shown = {emoji_key(k): k for k in default_reaction_map()}
    for emoji, template in overrides.items():
        key = emoji_key(emoji)
        if not template:
            merged.pop(key, None)
        elif template in EFFECTS_BY_TEMPLATE:
            merged[key] = template
            shown.setdefault(key, emoji)
    return {shown[k]: v for k, v in merged.items()}


async def guild_reaction_map(store: _MapSource, guild_id: int | None) -> dict[str, str]:
    """The map in force in a guild (the defaults outside guilds)."""
    return merge(await store.reaction_map(guild_id) if guild_id is not None else {})


def template_for(mapping: dict[str, str], emoji: str) -> str | None:
    """The template `emoji` runs under `mapping`, or None when it is not mapped."""
    wanted = emoji_key(emoji)
    for key, template in mapping.items():
        if emoji_key(key) == wanted:
            return template
    return None
