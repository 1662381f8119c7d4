"""The app-command tree: one error handler that speaks to members, and localised command names.

`WanTree.on_error` answers anything a command did not handle with a short apology and a
reference the operator can find in the log (never a traceback or a secret in Discord).
`WanTranslator` (cogs/support/translator.py, re-exported here) localises command text from bot.i18n:
descriptions by the key given to `tr()`, names as `name.<english name>`.
"""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.i18n import locale_of, t

from .refusal import explain
from .submit import reply
from .translator import WanTranslator

log = logging.getLogger(__name__)

__all__ = ["WanTranslator", "WanTree", "tr"]


def tr(text: str, key: str) -> app_commands.locale_str:
    """A command string in English, translated through `key` for other locales."""
    return app_commands.locale_str(text, key=key)


class WanTree(app_commands.CommandTree):  # type: ignore[type-arg]
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        locale = locale_of(interaction.locale)
        original = getattr(error, "original", error)
        refusal = explain(original, locale) if isinstance(original, Exception) else None
        if refusal is not None:
            text = refusal.text
        elif isinstance(error, app_commands.CheckFailure):
            text = t("refusal.not_allowed", locale)
        elif isinstance(error, app_commands.TransformerError):
            text = t("refusal.bad_option", locale, value=str(error.value)[:100])
        else:
            ref = secrets.token_hex(4)
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command %s failed (ref %s)", command, ref, exc_info=original,
                      extra={"guild": interaction.guild_id, "user": interaction.user.id, "ref": ref})  # fmt: skip
            text = t("refusal.unexpected", locale, ref=ref)
        try:
            await reply(interaction, text)
        except discord.HTTPException:
            log.warning("could not tell the member about an error", extra={"guild": interaction.guild_id})
