"""Status messages, buttons (also after a restart), long jobs and cancel, end to end in SimCord."""

from __future__ import annotations

import re

import pytest

from bot.jobs.model import JobState
from bot.wan.simulator import Simulator

from .conftest import message, run_until

T2V = {"prompt": "a red fox runs through snow", "model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}


def job_id_of(msg) -> int:  # type: ignore[no-untyped-def]
    for row in msg.components:
        for item in row.children:
            m = re.match(r"wan:[a-z]+:(\d+)", item.custom_id or "")
            if m:
                return int(m.group(1))
    raise AssertionError(f"no job button on {msg.content!r}")


def custom_ids(msg) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.custom_id for row in msg.components for item in row.children]


async def deliver(env, channel, alice, **options):  # type: ignore[no-untyped-def]
    await alice.slash(channel, "wan-video", **{**T2V, **options})
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    return message(channel, status.id), channel.last_message


async def ledger_kinds(bot, job_id: int) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(e["kind"], e["amount_ms"]) for e in await bot.engine.ledger.entries(job_id)]


@pytest.mark.simcord(settle_timeout=30)
async def test_status_message_moves_through_states_with_timestamps(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(pending_s=30, running_s=90)
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    assert "number 1 in line" in status.content and "<t:" in status.content and ":R>" in status.content
    assert any(c.startswith("wan:cancel:") for c in custom_ids(status))
    seen = []
    for _ in range(20):
        await env.advance_time(10)
        seen.append(message(channel, status.id).content)
        if "✅" in seen[-1]:
            break
    assert any("handed to Wan" in s for s in seen)  # PENDING at DashScope
    assert any("is being made" in s for s in seen)  # RUNNING
    assert "✅" in seen[-1] and "2.5 quota seconds" in seen[-1]
    edits = [r for r in env.http_requests if r.method == "PATCH" and f"/messages/{status.id}" in r.path]
    assert len(edits) <= 8  # coalesced: a handful of edits for a two-minute job, never one per poll


@pytest.mark.simcord(settle_timeout=30)
async def test_reroll_after_a_restart_runs_again_with_a_new_seed(world, dashscope: Simulator, make_bot):
    env, channel, alice = world
    _status, video = await deliver(env, channel, alice)
    first = job_id_of(video)
    assert "wan:reroll:" in " ".join(custom_ids(video))
    await env.restart_bot(make_bot())  # buttons must work without anything in memory
    result = await alice.click(video, custom_id=f"wan:reroll:{first}")
    assert result.ephemeral and "Queued" in (result.followups or [result.response])[-1].content
    assert await run_until(env, lambda: channel.last_message.attachments and job_id_of(channel.last_message) != first)
    creates = [r.body for r in dashscope.requests if r.path.endswith("video-synthesis")]
    assert len(creates) == 2 and "seed" not in creates[0]["parameters"] and "seed" in creates[1]["parameters"]
    assert creates[1]["input"]["prompt"] == T2V["prompt"]
    bot = env.bot
    second = job_id_of(channel.last_message)
    assert await ledger_kinds(bot, second) == [("reserve", 2500), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_remix_opens_a_modal_and_runs_the_new_prompt(world, dashscope: Simulator):
    env, channel, alice = world
    _status, video = await deliver(env, channel, alice)
    shown = await alice.click(video, custom_id=f"wan:remix:{job_id_of(video)}")
    assert shown.modal is not None
    await alice.submit_modal(shown, {"prompt": "a white fox runs through snow at night"})
    assert await run_until(env, lambda: len([r for r in dashscope.requests if r.path.endswith("video-synthesis")]) == 2)
    body = [r.body for r in dashscope.requests if r.path.endswith("video-synthesis")][-1]
    assert body["input"]["prompt"] == "a white fox runs through snow at night"
    assert body["parameters"]["size"] == "832*480"


@pytest.mark.simcord(settle_timeout=30)
async def test_details_show_options_seed_cost_and_rewritten_prompt(world, dashscope: Simulator):
    env, channel, alice = world
    _status, video = await deliver(env, channel, alice, seed=42)
    result = await alice.click(video, custom_id=f"wan:details:{job_id_of(video)}")
    assert result.ephemeral
    embed = result.response.embeds[0]
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Seed"] == "42" and fields["Model"] == "wan2.5-t2v-preview"
    assert "2.5 reserved, 2.5 billed" in fields["Cost"]
    assert "`size`: 832*480" in fields["Options"]
    assert "Rewritten by Wan" in fields


@pytest.mark.simcord(settle_timeout=30)
async def test_only_the_owner_or_an_admin_may_delete(world, dashscope: Simulator):
    env, channel, alice = world
    bob = channel.guild.add_member(env.create_user("bob"))
    status, video = await deliver(env, channel, alice)
    job = job_id_of(video)
    refused = await bob.click(video, custom_id=f"wan:delete:{job}")
    assert "Only the person who made this video" in (refused.followups or [refused.response])[-1].content
    assert any(m.id == video.id for m in channel.history())
    await alice.click(video, custom_id=f"wan:delete:{job}")
    assert not any(m.id in (video.id, status.id) for m in channel.history())


@pytest.mark.simcord(settle_timeout=30)
async def test_cancel_while_pending_refunds_and_says_so(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(pending_s=600, running_s=60)
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    await env.advance_time(10)
    current = message(channel, status.id)
    job = job_id_of(current)
    bot = env.bot
    assert (await bot.engine.jobs.require(job)).remote_status == "PENDING"
    result = await alice.click(current, custom_id=f"wan:cancel:{job}")
    assert "Cancelled" in (result.followups or [result.response])[-1].content
    assert "🚫" in message(channel, status.id).content
    assert any(r.path.endswith("/cancel") for r in dashscope.requests)
    assert await ledger_kinds(bot, job) == [("reserve", 2500), ("refund", -2500)]


@pytest.mark.simcord(settle_timeout=30)
async def test_a_restart_mid_job_resumes_the_same_status_message_without_resubmitting(world, dashscope, make_bot):
    env, channel, alice = world
    dashscope.plan(pending_s=10, running_s=120)
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    await env.advance_time(30)
    job = job_id_of(message(channel, status.id))
    await env.restart_bot(make_bot())
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert "✅" in message(channel, status.id).content  # the same message, edited by the new process
    assert len([r for r in dashscope.requests if r.path.endswith("video-synthesis")]) == 1
    assert await ledger_kinds(env.bot, job) == [("reserve", 2500), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=60)
async def test_a_job_longer_than_the_interaction_token_is_still_followed_and_delivered(world, dashscope):
    env, channel, alice = world
    dashscope.plan(pending_s=60, running_s=25 * 60)  # 26 minutes: the 15-minute token is long dead
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments), step=60, limit=40)
    assert "✅" in message(channel, status.id).content
    webhook_calls = [r for r in env.http_requests if "/webhooks/" in r.path]
    assert len(webhook_calls) == 1  # only the private "Queued" confirmation used the interaction token
    job = await env.bot.engine.jobs.require(job_id_of(channel.last_message))
    assert job.state is JobState.DONE


@pytest.mark.simcord(settle_timeout=30)
async def test_throttled_submissions_wait_their_turn_and_are_charged_once(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.fail_next("create", 429, "Throttling.RateQuota", "Requests rate limit exceeded", times=2)
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert "✅" in message(channel, status.id).content
    creates = [r for r in dashscope.requests if r.path.endswith("video-synthesis")]
    assert len(creates) == 3  # two refused, one accepted
    job = job_id_of(channel.last_message)
    assert await ledger_kinds(env.bot, job) == [("reserve", 2500), ("commit", 0)]
