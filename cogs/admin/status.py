"""The `/wan-admin status` embed: mode and uptime, jobs by state, the query budget, deliveries.

Two halves: `Runtime` is what this process holds in memory since it started (poller and delivery
counters, lost at a restart), `OperationsReport` is what SQLite says about jobs. Rendering is a pure
function of both, so a test can check every figure without a bot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import discord

from bot.i18n import t
from bot.jobs.reports import OperationsReport, StateCounts
from bot.jobs.stats import EngineStats

if TYPE_CHECKING:
    from bot.app import WanBot
    from bot.jobs.engine import Engine

# Failure texts are redacted of keys and signed queries already; an operator view shows no link at all.
_LINK = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Runtime:
    """A snapshot of the in-memory figures, taken once so the embed is consistent with itself."""

    sandbox: bool
    region: str
    queries_last_minute: int
    allowed_per_minute: float
    throttled: int
    errors: int
    tracked: int
    deliveries_in_flight: int
    stats: EngineStats

    @classmethod
    def of(cls, bot: WanBot, engine: Engine, now: float) -> Runtime:
        poller = engine.poller
        return cls(
            sandbox=bot.sandbox is not None,
            region=bot.settings.dashscope_region,
            queries_last_minute=poller.stats.in_last(60, now),
            allowed_per_minute=poller.budget_per_second * 60,
            throttled=poller.stats.throttled,
            errors=poller.stats.errors,
            tracked=len(poller.tracked),
            deliveries_in_flight=engine.deliveries_in_flight,
            stats=replace(engine.stats),  # a copy: deliveries keep counting while we render
        )


def _counts(counts: dict[str, int], locale: str) -> str:
    return " · ".join(
        t("admin.status.count", locale, state=t(f"admin.status.state.{s}", locale), count=n) for s, n in counts.items()
    )


def _jobs(counts: StateCounts, locale: str) -> str:
    return (
        t("admin.status.active", locale, counts=_counts(counts.active, locale))
        + "\n"
        + t("admin.status.finished", locale, counts=_counts(counts.finished, locale))
    )


def _percent(used: int, allowed: float) -> str:
    return f"{used / allowed * 100:.1f}" if allowed > 0 else "-"


def status_embed(runtime: Runtime, report: OperationsReport, now: float, locale: str) -> discord.Embed:
    """Everything an operator checks first when members say videos are slow or missing."""
    stats = runtime.stats
    mode = t("admin.status.sandbox" if runtime.sandbox else "admin.status.live", locale)
    embed = discord.Embed(
        title=t("admin.status.title", locale),
        description=t("admin.status.mode", locale, mode=mode, region=runtime.region, since=int(stats.started_at)),
    )
    here = _jobs(report.here, locale)
    if report.oldest_queued_at is not None:
        waited = max(0, int(now - report.oldest_queued_at) // 60)
        here += "\n" + t("admin.status.oldest", locale, minutes=waited, since=int(report.oldest_queued_at))
    budget = t(
        "admin.status.budget_value",
        locale,
        used=runtime.queries_last_minute,
        allowed=f"{runtime.allowed_per_minute:g}",
        percent=_percent(runtime.queries_last_minute, runtime.allowed_per_minute),
    )
    budget += "\n" + t(
        "admin.status.budget_health",
        locale,
        throttled=runtime.throttled,
        errors=runtime.errors,
        tracked=runtime.tracked,
    )
    deliveries = t(
        "admin.status.deliveries_value",
        locale,
        in_flight=runtime.deliveries_in_flight,
        uploads=stats.upload_failures,
        downloads=stats.download_failures,
        retried=stats.retried,
    )
    if stats.last_failure and stats.last_failure_at is not None:
        reason = discord.utils.escape_markdown(_LINK.sub("…", stats.last_failure))
        deliveries += "\n" + t("admin.status.last_failure", locale, at=int(stats.last_failure_at), reason=reason)
    deliveries += "\n" + t(
        "admin.status.failed_here", locale, undeliverable=report.undeliverable, expired=report.expired
    )
    for key, value in (
        ("admin.status.here", here),
        ("admin.status.everywhere", _jobs(report.everywhere, locale)),
        ("admin.status.budget", budget),
        ("admin.status.deliveries", deliveries),
    ):
        embed.add_field(name=t(key, locale), value=value[:1024], inline=False)
    return embed
