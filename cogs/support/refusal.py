"""Why the bot will not start a job, in the member's language, before anything is spent.

Every refusal the engine or the media intake can raise maps here onto one sentence that names
the option, the value and what would be accepted. Cogs never format refusals themselves.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import t
from bot.jobs.engine import DuplicateJob, QuotaExceeded, ShuttingDown
from bot.jobs.media_in import MediaProblem
from bot.wan.allowed import allowed_text
from bot.wan.validation import InvalidRequest

__all__ = ["Refusal", "explain", "quota_text"]


class Refusal(Exception):
    """A reason, already in the member's words, that nothing was started."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    @classmethod
    def of(cls, key: str, locale: str, **params: Any) -> Refusal:
        return cls(t(key, locale, **params))


def quota_text(ms: int | None, locale: str) -> str:
    """Quota milliseconds as member-facing quota seconds ("unlimited" for exempt members)."""
    return t("quota.unlimited", locale) if ms is None else f"{ms / 1000:.1f}"


def job_link(guild_id: int | None, channel_id: int | None, message_id: int | None) -> str | None:
    if channel_id is None or message_id is None:
        return None
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def explain(exc: Exception, locale: str) -> Refusal | None:
    """The refusal for a known engine or media error; None for anything unexpected."""
    if isinstance(exc, Refusal):
        return exc
    if isinstance(exc, InvalidRequest):
        issue = exc.issues[0]
        key = "refusal.missing" if issue.value is None else "refusal.invalid"
        return Refusal.of(key, locale, field=issue.name, value=_shown(issue.value, locale),
                          allowed=allowed_text(issue, locale), model=issue.model)  # fmt: skip
    if isinstance(exc, MediaProblem):
        return Refusal(exc.explain(locale))
    if isinstance(exc, QuotaExceeded):
        return Refusal.of(
            "refusal.quota",
            locale,
            needed=quota_text(exc.needed_ms, locale),
            remaining=quota_text(exc.usage.remaining_ms, locale),
            reset=int(exc.usage.resets_at),
        )
    if isinstance(exc, ShuttingDown):
        return Refusal.of("refusal.shutting_down", locale)
    if isinstance(exc, DuplicateJob):
        job = exc.job
        link = job_link(job.guild_id, job.channel_id, job.status_message_id) or f"#{job.id}"
        return Refusal.of("refusal.duplicate", locale, link=link)
    return None


def _shown(value: Any, locale: str) -> str:
    """A value as a member can read it: never a wall of base64, never a signed link."""
    if isinstance(value, str):
        if value.startswith(("data:", "oss://")):
            return t("shown.file", locale)
        return value if len(value) <= 60 else t("shown.characters", locale, n=len(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return t("shown.items", locale, n=len(value))
    return str(value)
