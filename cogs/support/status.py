"""Status message text for a job event (Discord markdown, text from bot.i18n)."""

from __future__ import annotations

from bot.i18n import t
from bot.jobs.model import Job
from bot.jobs.ports import JobEvent


def quota_seconds(ms: int | None) -> str:
    return f"{(ms or 0) / 1000:.1f}"


def render(event: JobEvent, *, who: str) -> str:
    """The whole status message for the job's latest news."""
    job: Job = event.job
    locale = job.locale
    common = {"who": who, "model": job.model, "cost": quota_seconds(job.billed_ms or job.estimate_ms)}
    eta = int(event.eta) if event.eta else None
    kind = event.kind
    if kind == "queued":
        line = t("status.queued", locale, position=(event.position or 0) + 1, eta=eta, **common)
    elif kind == "submitted":
        line = t("status.submitted", locale, eta=eta, **common)
    elif kind == "status":
        line = t("status.running", locale, state=(job.remote_status or "").lower(), eta=eta, **common)
    elif kind == "succeeded":
        line = t("status.fetching", locale, **common)
    elif kind == "delivered":
        line = t("status.delivered", locale, **common)
    elif kind == "undeliverable":
        params = _Blank(event.params)
        reason = t(event.message_key or "delivery.too_large", locale).format_map(params)
        expires = params.get("expires_at")
        link = (
            t("delivery.link_until", locale, url=params["url"], expires=f"<t:{int(expires)}:f>")
            if expires
            else t("delivery.link", locale, url=params["url"])
        )
        line = t("status.undeliverable", locale, reason=f"{reason} {link}", **common)
    elif kind == "failed":
        line = t("status.failed", locale, reason=t(event.message_key or "error.generic", locale), **common)
    else:
        line = t("status.canceled", locale, **common)
    prompt = (job.meta or {}).get("shown_prompt")
    return f"{line}\n{t('status.prompt', locale, prompt=prompt)}" if prompt else line


class _Blank(dict):
    """Message parameters where anything a template mentions but the event lacks stays blank."""

    def __missing__(self, key: str) -> str:
        return ""
