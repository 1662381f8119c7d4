"""One language's user-visible text: every module in this package adds its `MESSAGES`."""

from bot.i18n.loader import collect

MESSAGES: dict[str, str] = collect(__name__)
