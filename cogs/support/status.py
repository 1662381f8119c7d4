"""The text of a job's status message and of its result message (Discord markdown, words from bot.i18n).

Pure functions of the job and its latest event, so they are tested without Discord and the
same job always renders the same way, whoever edits it.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import t
from bot.jobs.model import Job
from bot.jobs.ports import JobEvent

PROMPT_SHOWN = 300  # characters of the prompt quoted in a status message
MAX_CONTENT = 2000  # Discord's message length limit


def quota_seconds(ms: int | None) -> str:
    return f"{(ms or 0) / 1000:.1f}"


def who(job: Job) -> str:
    return f"<@{job.user_id}>"


def shown_model(job: Job) -> str:
    """The model as this region calls it (`wan2.1-t2v-turbo` in Singapore, `wanx2.1-t2v-turbo` in Beijing),
    the same name `/wan-models` shows; the catalog name for jobs made before this was recorded."""
    return str(job.meta.get("model_id") or job.model)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(event: JobEvent, *, sandbox: bool = False) -> str:
    """The whole status message for the job's latest news."""
    job = event.job
    locale = job.locale
    common: dict[str, Any] = {
        "who": who(job),
        "model": shown_model(job),
        "cost": quota_seconds(job.billed_ms or job.estimate_ms),
    }
    eta = int(event.eta) if event.eta else int(job.created_at + 300)
    kind = event.kind
    if kind in ("queued", "heartbeat") and job.submitted_at is None:
        line = t("status.queued", locale, position=(event.position or 0) + 1, eta=eta, **common)
    elif kind in ("submitted", "status", "heartbeat") and (job.remote_status or "PENDING") == "PENDING":
        line = t("status.submitted", locale, since=int(job.submitted_at or job.created_at), eta=eta, **common)
    elif kind in ("status", "heartbeat"):
        line = t("status.running", locale, since=int(job.running_at or job.submitted_at or job.created_at), eta=eta,
                 **common)  # fmt: skip
    elif kind == "step":
        line = t("status.step", locale, step=event.params.get("step", 1), of=event.params.get("of", 2), **common)
    elif kind == "template":
        line = t("status.template", locale, name=event.params.get("name", ""), **common)
    elif kind == "succeeded":
        line = t("status.fetching", locale, **common)
    elif kind == "delivered":
        line = t("status.delivered", locale, **common)
    elif kind == "undeliverable":
        line = t("status.undeliverable", locale, reason=undeliverable_reason(event), **common)
    elif kind == "failed":
        line = t("status.failed", locale, reason=t(event.message_key or job.error_key or "error.generic", locale),
                 **common)  # fmt: skip
    else:
        line = t("status.canceled", locale, **common)
    parts = [line]
    prompt = (job.meta or {}).get("shown_prompt")
    if prompt:
        parts.append(t("status.prompt", locale, prompt=_clip(prompt, PROMPT_SHOWN).replace("\n", " ")))
    if job.actual_prompt and job.actual_prompt.strip() != (prompt or "").strip():
        parts.append(t("status.rewritten", locale, prompt=_clip(job.actual_prompt, 600).replace("*", "")))
    if sandbox:
        parts.append(t("status.sandbox", locale))
    return _clip("\n".join(parts), MAX_CONTENT)


def undeliverable_reason(event: JobEvent) -> str:
    """Why the video is not attached, and the link with its expiry (the link only ever goes to Discord)."""
    locale = event.job.locale
    params = _Blank(event.params)
    reason = t(event.message_key or "delivery.too_large", locale).format_map(params)
    if not params.get("url"):
        return reason
    expires = params.get("expires_at")
    link = (
        t("delivery.link_until", locale, url=params["url"], expires=f"<t:{int(expires)}:f>")
        if expires
        else t("delivery.link", locale, url=params["url"])
    )
    return f"{reason} {link}"


def result_caption(job: Job, *, compressed_limit: int | None = None, sandbox: bool = False) -> str:
    """The text above the finished video: who, model, seed, cost and the prompt."""
    locale = job.locale
    seed = job.values.get("seed")
    line = t("result.caption", locale, who=who(job), model=shown_model(job),
             seed=seed if seed is not None else t("result.seed_random", locale),
             cost=quota_seconds(job.billed_ms or job.estimate_ms))  # fmt: skip
    parts = [line]
    prompt = (job.meta or {}).get("shown_prompt")
    if prompt:
        parts.append(t("status.prompt", locale, prompt=_clip(prompt, PROMPT_SHOWN).replace("\n", " ")))
    if compressed_limit:
        parts.append(t("result.compressed", locale, limit_mb=f"{compressed_limit / 1024 / 1024:.0f}"))
    if sandbox:
        parts.append(t("status.sandbox", locale))
    return _clip("\n".join(parts), MAX_CONTENT)


class _Blank(dict):  # type: ignore[type-arg]
    """Message parameters where anything a template mentions but the event lacks stays blank."""

    def __missing__(self, key: str) -> str:
        return ""
