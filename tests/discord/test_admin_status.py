"""`/wan-admin status` end to end: the figures an operator reads agree with what really happened."""

from __future__ import annotations

from typing import Any

import pytest

from bot.jobs.reports import OperationsReport, StateCounts
from bot.jobs.stats import EngineStats
from bot.wan.simulator import Simulator
from cogs.admin.status import Runtime, status_embed

from .conftest import message, run_until, with_locale
from .test_admin import field, last_text, manager

T2V = {"model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}
ONE_AT_A_TIME = {"wan2.5-t2v-preview": {"concurrent": 1}}  # so a second job waits in the queue


def task_queries(dashscope: Simulator, since: float) -> int:
    """Task status queries DashScope (the simulator) saw after `since`: what the poller's budget counts."""
    return sum(1 for r in dashscope.requests if r.method == "GET" and "/tasks/" in r.path and r.at > since)


@pytest.fixture
def bot_settings(bot_settings: dict[str, Any]) -> dict[str, Any]:
    return {**bot_settings, "model_limits": ONE_AT_A_TIME, "query_budget_per_second": 2}


@pytest.mark.simcord(settle_timeout=60)
async def test_status_shows_jobs_budget_and_delivery_failures(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    bob = channel.guild.add_member(env.create_user("bob"))
    engine = env.bot.engine

    await alice.slash(channel, "wan-video", prompt="a red fox", **T2V)
    status = channel.last_message
    assert await run_until(env, lambda: "✅" in message(channel, status.id).content)
    await bob.slash(channel, "wan-video", prompt="a blue fox", **T2V)
    status = channel.last_message
    env.inject_error("POST", "/channels/*/messages", status=403, code=50013, message="Missing Permissions")
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)

    # One long job at Wan, one behind it here and one on another server (one at a time for this model).
    dashscope.plan(pending_s=5, running_s=900)
    dashscope.fail_next("query", 429, "Throttling.RateQuota", "Requests rate limit exceeded.")
    await alice.slash(channel, "wan-video", prompt="a slow fox", **T2V)
    assert await run_until(env, lambda: len(engine.poller.tracked) == 1, step=1)
    await bob.slash(channel, "wan-video", prompt="a waiting fox", **T2V)
    other = env.create_guild()
    elsewhere = other.create_text_channel("videos")
    await other.add_member(env.create_user("carol")).slash(elsewhere, "wan-video", prompt="a far fox", **T2V)
    await env.advance_time(190)
    assert await run_until(env, lambda: task_queries(dashscope, env.now().timestamp() - 20) > 0, step=5)

    result = await mod.slash(channel, "wan-admin status")
    assert result.ephemeral
    embed = result.response.embeds[0]
    now = env.now().timestamp()  # the bot's virtual time (its clock reads real time outside the bot)
    assert embed.title == "Wan status"
    assert embed.description == f"Mode: **live** · region `beijing` · up since <t:{int(engine.stats.started_at)}:R>"
    here = field(embed, "Jobs on this server").split("\n")
    assert here[0] == "Now: queued 1 · submitting 0 · at Wan 1 · downloading 0 · uploading 0"
    assert here[1] == "Ended in the last 24 h: done 1 · failed 1 · canceled 0"
    assert here[2].startswith("Oldest queued job: waiting 3 min (since <t:")
    assert field(embed, "Jobs on every server") == (
        "Now: queued 2 · submitting 0 · at Wan 1 · downloading 0 · uploading 0\n"
        "Ended in the last 24 h: done 1 · failed 1 · canceled 0"
    )
    used = engine.poller.stats.in_last(60, now)
    assert used == task_queries(dashscope, now - 60) and used > 0
    assert field(embed, "Query budget") == (
        f"{used} queries in the last minute of 120 allowed ({used / 120 * 100:.1f} %)\n"
        "Since start: 1 throttled, 0 errors; following 1 tasks"
    )
    deliveries = field(embed, "Deliveries").split("\n")
    assert deliveries[0] == "0 in progress now. Since start: 1 upload failures, 0 download failures (0 retried later)."
    assert deliveries[1].startswith("Last failure <t:") and deliveries[1].endswith(
        ": the bot may not post files in this channel"
    )
    assert deliveries[2] == "Failed on this server in the last 24 h: 1 could not be posted, 0 expired before delivery."


@pytest.mark.simcord(settle_timeout=30)
async def test_status_is_for_managers_only(world):
    env, channel, alice = world
    assert "wan-admin status" not in alice.available_commands(channel)
    command = env.backend.find_command("wan-admin", channel.guild.id, type=1)
    channel.guild.set_command_permissions(int(command["id"]), {alice: True})
    refused = await alice.slash(channel, "wan-admin status")
    assert refused.ephemeral and not refused.response.embeds
    assert last_text(refused) == "Only members with the Manage Server permission can change the bot's settings."


@pytest.mark.simcord(settle_timeout=30)
async def test_status_in_chinese(world, monkeypatch: pytest.MonkeyPatch):
    env, channel, _ = world
    mod = manager(env, channel)
    with_locale(monkeypatch, "zh-CN")
    embed = (await mod.slash(channel, "wan-admin status")).response.embeds[0]
    assert embed.title == "Wan 运行状态"
    assert embed.description.startswith("模式：**正式** · 区域 `beijing` · 自 <t:")
    assert field(embed, "本服务器的任务") == (
        "当前：排队中 0 · 提交中 0 · 在 Wan 处理中 0 · 下载中 0 · 上传中 0\n"
        "最近 24 小时结束：已完成 0 · 失败 0 · 已取消 0"
    )
    assert field(embed, "查询额度").startswith("最近一分钟查询 0 次，上限 120 次（0.0 %）")
    assert field(embed, "发送").endswith("本服务器最近 24 小时失败：0 个无法发布，0 个在发送前已过期。")


@pytest.fixture
def without_key(bot_settings: dict[str, Any]) -> None:
    bot_settings["dashscope_api_key"] = None  # the bot opens its built-in simulator instead


@pytest.mark.simcord(settle_timeout=30)
async def test_status_says_sandbox_when_there_is_no_key(without_key, world):
    env, channel, _ = world
    assert env.bot.sandbox is not None  # closed with the bot by the make_bot fixture
    embed = (await manager(env, channel).slash(channel, "wan-admin status")).response.embeds[0]
    assert embed.description.startswith("Mode: **sandbox (built-in simulator, no cost)** · region `beijing` · ")


def test_the_last_failure_is_shown_without_links():
    stats = EngineStats(started_at=1000.0)
    stats.download_failed("result host answered 500 for https://oss.example/v.mp4?Signature=abc", 1500.0, retrying=True)
    runtime = Runtime(False, "singapore", 0, 600, 0, 0, 0, 1, stats)
    idle = StateCounts(dict.fromkeys(("queued", "submitting"), 0), {"done": 0})
    report = OperationsReport(5, 0.0, idle, idle, oldest_queued_at=None, undeliverable=0, expired=0)
    deliveries = next(f.value for f in status_embed(runtime, report, 2000.0, "en-US").fields if f.name == "Deliveries")
    assert deliveries.split("\n")[:2] == [
        "1 in progress now. Since start: 0 upload failures, 1 download failures (1 retried later).",
        "Last failure <t:1500:R>: result host answered 500 for …",
    ]
