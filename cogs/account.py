"""`/wan-account`: a member's own quota, recent jobs, and cancelling a job that is still waiting.

Everything is answered privately. Figures come from the same ledger that reserves and refunds
quota, so what a member reads here is exactly what the next `/wan-video` will be checked against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.jobs.model import Job, JobState
from bot.jobs.quota import period_bounds
from bot.jobs.reports import JobCost, cancellable_jobs, guild_spend, job_costs, may_cancel

from .support.refusal import job_link, quota_text
from .support.status import shown_model
from .support.submit import Requester, reply
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

RECENT = 10


def state_text(job: Job, locale: str) -> str:
    """The job's state as a member would say it; a handed-over job is waiting or running at Wan."""
    if job.state is JobState.SUBMITTED:
        key = "running" if job.remote_status not in (None, "PENDING") else "pending"
    else:
        key = job.state.value
    return t(f"account.state.{key}", locale)


def cost_text(cost: JobCost | None, locale: str) -> str:
    if cost is None:
        return t("account.cost_used", locale, cost=quota_text(0, locale))
    if cost.refunded:
        return t("account.cost_refunded", locale, cost=quota_text(cost.reserved_ms, locale))
    if not cost.settled:
        return t("account.cost_reserved", locale, cost=quota_text(cost.net_ms, locale))
    return t("account.cost_used", locale, cost=quota_text(cost.net_ms, locale))


def job_line(job: Job, cost: JobCost | None, locale: str) -> str:
    link = job_link(job.guild_id, job.channel_id, job.status_message_id) or t("account.no_link", locale)
    return t(
        "account.job_line",
        locale,
        id=job.id,
        state=state_text(job, locale),
        model=shown_model(job),
        cost=cost_text(cost, locale),
        created=int(job.created_at),
        link=link,
    )


def shown_prompt(job: Job) -> str:
    return str(job.meta.get("shown_prompt") or job.values.get("template") or job.values.get("prompt") or "")


@app_commands.guild_only()
class Account(
    commands.GroupCog,
    group_name="wan-account",
    group_description=tr("Your Wan quota and jobs on this server", "cmd.wan-account"),
):
    """A member's own standing: remaining quota and reset, recent jobs with links, cancelling a waiting job."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="show", description=tr("How many quota seconds you have left and when they reset", "cmd.wan-account.show")
    )
    async def show(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self.bot.engine
        if engine is None:
            await reply(interaction, t("refusal.not_configured", locale))
            return
        who = await Requester.of_interaction(self.bot, interaction)
        allowance = await engine.ledger.allowance(who.guild_id, who.user_id, who.role_ids, is_admin=who.is_admin)
        now = engine.clock.now()
        usage = await engine.ledger.usage(who.user_id, who.guild_id, allowance, now)
        start, _ = period_bounds(allowance.period, now)
        embed = discord.Embed(title=t("account.title", locale))
        if usage.limit_ms is None:
            remaining = t("account.unlimited_value", locale, used=quota_text(usage.used_ms, locale))
        else:
            remaining = t(
                "account.remaining_value",
                locale,
                remaining=quota_text(usage.remaining_ms, locale),
                limit=quota_text(usage.limit_ms, locale),
                used=quota_text(usage.used_ms, locale),
            )
        embed.add_field(name=t("account.remaining", locale), value=remaining, inline=False)
        embed.add_field(
            name=t("account.resets", locale), value=t("account.resets_value", locale, reset=int(usage.resets_at))
        )
        embed.add_field(name=t("account.period", locale), value=t(f"period.{allowance.period.value}", locale))
        embed.add_field(
            name=t("account.exempt", locale), value=t("account.yes" if allowance.exempt else "account.no", locale)
        )
        if allowance.budget_ms is None:
            budget = t("account.no_budget", locale)
        else:
            spent = await guild_spend(engine.db, who.guild_id, start)
            budget = t(
                "account.budget_value",
                locale,
                used=quota_text(spent, locale),
                budget=quota_text(allowance.budget_ms, locale),
                left=quota_text(max(0, allowance.budget_ms - spent), locale),
            )
        embed.add_field(name=t("account.budget", locale), value=budget, inline=False)
        waiting = await cancellable_jobs(engine.db, who.user_id, who.guild_id)
        embed.add_field(
            name=t("account.waiting", locale),
            value=t("account.waiting_value", locale, count=len(waiting)),
            inline=False,
        )
        embed.set_footer(text=t("account.footer", locale))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name="jobs",
        description=tr("Your last 10 jobs here, with links to their status messages", "cmd.wan-account.jobs"),
    )
    async def jobs(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self.bot.engine
        if engine is None:
            await reply(interaction, t("refusal.not_configured", locale))
            return
        recent = await engine.jobs.recent(interaction.user.id, interaction.guild_id, RECENT)
        if not recent:
            await reply(interaction, t("account.no_jobs", locale))
            return
        costs = await job_costs(engine.db, [j.id for j in recent])
        embed = discord.Embed(
            title=t("account.jobs_title", locale, count=len(recent)),
            description="\n".join(job_line(j, costs.get(j.id), locale) for j in recent)[:4096],
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name="cancel",
        description=tr("Cancel one of your jobs that is still waiting (refunds its quota)", "cmd.wan-account.cancel"),
    )
    @app_commands.describe(job=tr("The waiting job to cancel", "opt.account.job"))
    async def cancel(self, interaction: discord.Interaction, job: int) -> None:
        locale = locale_of(interaction.locale)
        engine = self.bot.engine
        if engine is None:
            await reply(interaction, t("refusal.not_configured", locale))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        found = await engine.jobs.get(job)
        if found is None or found.user_id != interaction.user.id or found.guild_id != interaction.guild_id:
            await reply(interaction, t("account.cancel_not_yours", locale, id=job))
            return
        if found.terminal:
            await reply(interaction, t("account.cancel_finished", locale, id=job, state=state_text(found, locale)))
            return
        if not may_cancel(found) or not await engine.cancel(found.id):
            await reply(interaction, t("refusal.cancel_late", locale))
            return
        await reply(interaction, t("canceled.ok", locale))

    @cancel.autocomplete("job")
    async def cancel_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        """Only the member's own waiting jobs on this server; typing filters by number, model or prompt."""
        engine = self.bot.engine
        if engine is None:
            return []
        locale = locale_of(interaction.locale)
        typed = str(current or "").lower().lstrip("#")
        out = []
        for job in await cancellable_jobs(engine.db, interaction.user.id, interaction.guild_id):
            prompt = shown_prompt(job)
            if typed and typed not in f"{job.id} {job.model} {prompt}".lower():
                continue
            name = t(
                "account.cancel_choice",
                locale,
                id=job.id,
                model=shown_model(job),
                state=state_text(job, locale),
                prompt=prompt[:40],
            )
            out.append(app_commands.Choice(name=name[:100], value=job.id))
        return out[:25]


async def setup(bot: WanBot) -> None:
    await bot.add_cog(Account(bot))
