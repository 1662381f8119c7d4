"""`/wan-account` end to end: what a member reads about their quota and jobs, and cancelling a waiting job."""

from __future__ import annotations

from typing import Any

import pytest

from bot.jobs.model import JobState
from bot.jobs.quota import Period, period_bounds
from bot.wan.simulator import Simulator

from .conftest import message, run_until

T2V = {"model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}  # 2.5 quota seconds


def last_text(result: Any) -> str:
    return (result.followups or [result.response])[-1].content


def field(embed: Any, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


async def finished(env: Any, channel: Any, mark: str) -> Any:
    """Run until the newest status message shows `mark` (✅ delivered, ❌ failed, 🚫 cancelled)."""
    status = channel.last_message
    assert await run_until(env, lambda: mark in message(channel, status.id).content)
    return message(channel, status.id)


@pytest.mark.simcord(settle_timeout=30)
async def test_show_remaining_and_reset_after_a_finished_and_a_refunded_job(world, dashscope: Simulator):
    env, channel, alice = world
    bot = env.bot
    guild_id = channel.guild.id
    await alice.slash(channel, "wan-video", prompt="a red fox runs through snow", **T2V)
    done_status = await finished(env, channel, "✅")

    shown = await alice.slash(channel, "wan-account show")
    assert shown.ephemeral
    embed = shown.response.embeds[0]
    reset = int(period_bounds(Period.DAY, env.now().timestamp())[1])
    assert field(embed, "Remaining") == "**57.5** of 60.0 quota seconds (2.5 used this period)"
    assert field(embed, "Resets") == f"<t:{reset}:R> (<t:{reset}:f>)"
    assert field(embed, "Period") == "day" and field(embed, "Exempt") == "no"
    assert field(embed, "Server budget") == "none: only your own allowance applies"
    assert field(embed, "Waiting jobs").startswith("0 ")

    dashscope.plan(outcome="FAILED", code="DataInspectionFailed", message="Input data may be inappropriate.")
    await alice.slash(channel, "wan-video", prompt="something", **T2V)
    failed_status = await finished(env, channel, "❌")

    shown = await alice.slash(channel, "wan-account show")
    assert field(shown.response.embeds[0], "Remaining") == "**57.5** of 60.0 quota seconds (2.5 used this period)"
    allowance = await bot.engine.ledger.allowance(guild_id, alice.id)
    usage = await bot.engine.ledger.usage(alice.id, guild_id, allowance, bot.engine.clock.now())
    assert usage.used_ms == 2500 and usage.resets_at == reset

    listed = await alice.slash(channel, "wan-account jobs")
    embed = listed.response.embeds[0]
    assert embed.title == "Your last 2 jobs"
    failed_line, done_line = embed.description.split("\n")
    base = f"https://discord.com/channels/{guild_id}/{channel.id}"
    assert "❌ failed" in failed_line and "2.5 quota seconds refunded" in failed_line
    assert failed_line.endswith(f"{base}/{failed_status.id}")
    assert "✅ done" in done_line and "`wan2.5-t2v-preview`" in done_line and "· 2.5 quota seconds ·" in done_line
    assert done_line.endswith(f"{base}/{done_status.id}")


@pytest.mark.simcord(settle_timeout=30)
async def test_cancel_a_waiting_job_refunds_it(world, dashscope: Simulator):
    env, channel, alice = world
    bot = env.bot
    dashscope.plan(pending_s=3600)  # Wan keeps it waiting: cancellable
    await alice.slash(channel, "wan-video", prompt="a slow sunrise", **T2V)
    status = channel.last_message
    (job,) = await bot.engine.jobs.recent(alice.id, channel.guild.id)

    choices = await alice.autocomplete(channel, "wan-account cancel", "job", "")
    assert [c["value"] for c in choices] == [job.id]
    assert (
        choices[0]["name"].startswith(f"#{job.id} wan2.5-t2v-preview · ⏳") and "a slow sunrise" in choices[0]["name"]
    )

    bob = channel.guild.add_member(env.create_user("bob"))
    assert await bob.autocomplete(channel, "wan-account cancel", "job", "") == []
    theirs = await bob.slash(channel, "wan-account cancel", job=job.id)
    assert last_text(theirs) == f"Job #{job.id} is not one of your jobs on this server. " + (
        "Pick one of your waiting jobs from the list."
    )

    result = await alice.slash(channel, "wan-account cancel", job=job.id)
    assert result.ephemeral and last_text(result) == "Cancelled. The reserved quota seconds were refunded."
    job = await bot.engine.jobs.require(job.id)
    assert job.state is JobState.CANCELED
    kinds = [(e["kind"], e["amount_ms"]) for e in await bot.engine.ledger.entries(job.id)]
    assert kinds == [("reserve", 2500), ("refund", -2500)]
    assert await run_until(env, lambda: "🚫" in message(channel, status.id).content)
    shown = await alice.slash(channel, "wan-account show")
    assert field(shown.response.embeds[0], "Remaining").startswith("**60.0** of 60.0")
    assert await alice.autocomplete(channel, "wan-account cancel", "job", "") == []
    again = await alice.slash(channel, "wan-account cancel", job=job.id)
    assert last_text(again) == f"Job #{job.id} has already ended (🚫 cancelled); there is nothing to cancel."


@pytest.mark.simcord(settle_timeout=30)
async def test_a_running_job_cannot_be_cancelled(world, dashscope: Simulator):
    env, channel, alice = world
    bot = env.bot
    dashscope.plan(pending_s=1, running_s=3600)
    await alice.slash(channel, "wan-video", prompt="a long take", **T2V)
    (job,) = await bot.engine.jobs.recent(alice.id, channel.guild.id)

    async def running() -> bool:
        current = await bot.engine.jobs.require(job.id)
        return current.remote_status == "RUNNING"

    for _ in range(10):
        if await running():
            break
        await env.advance_time(10)
    assert await running()
    assert await alice.autocomplete(channel, "wan-account cancel", "job", "") == []
    result = await alice.slash(channel, "wan-account cancel", job=job.id)
    assert last_text(result).startswith("It is too late to cancel")
    assert (await bot.engine.jobs.require(job.id)).state is JobState.SUBMITTED
    assert not any(r.path.endswith("/cancel") for r in dashscope.requests)
    assert [e["kind"] for e in await bot.engine.ledger.entries(job.id)] == ["reserve"]
