"""`/wan-video` end to end: SimCord for Discord, the simulator for DashScope, on one virtual clock."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import av
import pytest

from bot.app import create_bot
from bot.jobs.clock import MonotonicClock
from bot.settings import Settings
from bot.wan.simulator import Plan, Simulator, start

SIMCORD_EPOCH = datetime(2026, 1, 1, tzinfo=UTC).timestamp()  # SimCord's clock starts here


class EnvTime:
    """The simulator reads SimCord's virtual clock once the environment exists."""

    env = None

    def __call__(self) -> float:
        return self.env.now().timestamp() if self.env is not None else SIMCORD_EPOCH


@pytest.fixture
def env_time() -> EnvTime:
    return EnvTime()


@pytest.fixture
async def dashscope(env_time: EnvTime) -> AsyncIterator[Simulator]:
    sim = Simulator(clock=env_time, default_plan=Plan(pending_s=5, running_s=60))
    runner = await start(sim)
    yield sim
    await runner.cleanup()
    sim.close()


@pytest.fixture
async def simcord_bot(dashscope: Simulator, tmp_path: Path) -> AsyncIterator[object]:
    settings = Settings(
        _env_file=None,
        discord_token="x",
        dashscope_api_key="sk-test",
        dashscope_region="beijing",
        dashscope_base_url=dashscope.base_url,
        result_hosts=["127.0.0.1"],
        data_dir=tmp_path / "data",
    )
    bot = create_bot(settings, clock=MonotonicClock(epoch=SIMCORD_EPOCH))
    yield bot
    if bot.engine is not None:
        await bot.engine.db.close()
    if bot.http_session is not None:
        await bot.http_session.close()


@pytest.fixture
def world(simcord_env, env_time):  # type: ignore[no-untyped-def]
    env_time.env = simcord_env
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("videos")
    alice = guild.add_member(simcord_env.create_user("alice"))
    return simcord_env, channel, alice


@pytest.mark.simcord(settle_timeout=30)
async def test_prompt_becomes_a_video_in_the_channel(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-video", prompt="a red fox runs through snow", aspect="16:9",
                               resolution="480P", model="wan2.5-t2v-preview", duration=5)  # fmt: skip
    assert result.ephemeral and "Queued" in (result.followups or [result.response])[-1].content
    status = channel.last_message
    assert "queued" in status.content and "a red fox" in status.content
    for _ in range(20):
        await env.advance_time(10)
        if len(channel.history()) >= 2 and channel.last_message.attachments:
            break
    video = channel.last_message
    assert video.attachments and video.attachments[0].filename.endswith(".mp4")
    data = await video.attachments[0].read()
    with av.open(io.BytesIO(data)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    edited = next(m for m in channel.history() if m.id == status.id)
    assert "✅" in edited.content and "2.5 quota seconds" in edited.content
    body = next(r.body for r in dashscope.requests if r.path.endswith("video-synthesis"))
    assert body["parameters"] == {"size": "832*480", "duration": 5}


@pytest.mark.simcord(settle_timeout=30)
async def test_invalid_duration_is_refused_before_anything_is_spent(world, dashscope: Simulator):
    _env, channel, alice = world
    result = await alice.slash(channel, "wan-video", prompt="a fox", model="wan2.5-t2v-preview", duration=12)
    assert result.ephemeral
    reply = (result.followups or [result.response])[-1]
    assert reply.content == "duration 12 not allowed for wan2.5-t2v-preview: choose 5 or 10"
    assert not dashscope.requests
    assert channel.last_message is None


@pytest.mark.simcord(settle_timeout=30)
async def test_moderation_failure_is_explained_and_refunded(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(
        outcome="FAILED", code="DataInspectionFailed", message="Input data may contain inappropriate content."
    )
    await alice.slash(channel, "wan-video", prompt="something", model="wan2.5-t2v-preview", resolution="480P")
    status = channel.last_message
    for _ in range(20):
        await env.advance_time(10)
        current = next(m for m in channel.history() if m.id == status.id)
        if "❌" in current.content:
            break
    assert "safety filter" in current.content and "refunded" in current.content
