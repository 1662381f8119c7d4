"""Localised slash commands: Discord asks once per locale at sync time, bot.i18n answers.

Descriptions carry their message key (`tr(english, key)`); names arrive as plain English
`locale_str`s, so they are looked up as `name.<english name>`. That lets a language rename
`/wan-video` or its options without touching a cog. Anything we have no text for returns None,
and Discord then shows the English default (which is also what en-US and en-GB members see).
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import DEFAULT_LOCALE, SHIPPED, catalog, locale_of

__all__ = ["NAME_LOCATIONS", "WanTranslator", "name_key"]

# Where Discord puts a name rather than a sentence; these have no key of their own.
NAME_LOCATIONS: frozenset[app_commands.TranslationContextLocation] = frozenset(
    {
        app_commands.TranslationContextLocation.command_name,
        app_commands.TranslationContextLocation.group_name,
        app_commands.TranslationContextLocation.parameter_name,
        app_commands.TranslationContextLocation.choice_name,
    }
)


def name_key(english: str) -> str:
    """The message key of a command, option or choice name."""
    return f"name.{english}"


class WanTranslator(app_commands.Translator):
    """Command text from bot.i18n for the locales we ship; None (Discord's English default) otherwise."""

    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        ours = locale_of(locale)
        # locale_of falls back to English for locales we lack, so French ends here too.
        if ours == DEFAULT_LOCALE or ours not in SHIPPED:
            return None
        key = string.extras.get("key")
        if not key and context.location in NAME_LOCATIONS:
            key = name_key(string.message)
        if not key:
            return None
        return catalog(ours).get(key) or None
