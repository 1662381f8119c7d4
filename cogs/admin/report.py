"""The usage report embed: totals, per model, top members, job outcomes and refunds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.i18n import t
from bot.jobs.quota import REFERENCE_CNY
from bot.jobs.reports import UsageReport

from ..support.refusal import quota_text

if TYPE_CHECKING:
    pass


def _spend(ms: int, locale: str) -> dict[str, str]:
    return {"seconds": quota_text(ms, locale), "cny": f"{ms / 1000 * REFERENCE_CNY:.2f}"}


def usage_embed(report: UsageReport, window: str, locale: str) -> discord.Embed:
    """The usage report: totals, per model, top members, job outcomes and refunds, in quota seconds and CNY."""
    embed = discord.Embed(title=t("admin.usage.title", locale), description=window)
    if not report.total.jobs and not report.states:
        embed.description = window + "\n" + t("admin.usage.empty", locale)
        return embed
    embed.description = (
        window
        + "\n"
        + t(
            "admin.usage.total",
            locale,
            jobs=report.total.jobs,
            users=report.users,
            **_spend(report.total.used_ms, locale),
        )
    )
    models = [
        t("admin.usage.line", locale, name=f"`{m}`", jobs=s.jobs, **_spend(s.used_ms, locale))
        for m, s in report.by_model.items()
    ]
    users = [
        t("admin.usage.line", locale, name=f"<@{u}>", jobs=s.jobs, **_spend(s.used_ms, locale))
        for u, s in report.by_user.items()
    ]
    states = [
        t("admin.usage.state", locale, state=t(f"account.state.{s}", locale), count=n) for s, n in report.states.items()
    ]
    refunds = t("admin.usage.refunds_value", locale, count=report.refunds, **_spend(report.refunded_ms, locale))
    if report.reserved_ms:
        refunds += "\n" + t("admin.usage.reserved", locale, **_spend(report.reserved_ms, locale))
    if report.checks:
        refunds += "\n" + t("admin.usage.checks", locale, count=report.checks, cny=f"{report.checks_cny:.3f}")
    for key, lines in (
        ("admin.usage.by_model", models),
        ("admin.usage.top_users", users),
        ("admin.usage.states", states),
    ):
        if lines:
            embed.add_field(name=t(key, locale), value="\n".join(lines)[:1024], inline=False)
    embed.add_field(name=t("admin.usage.refunds", locale), value=refunds[:1024], inline=False)
    embed.set_footer(text=t("admin.usage.footer", locale, rate=f"{REFERENCE_CNY:g}"))
    return embed
