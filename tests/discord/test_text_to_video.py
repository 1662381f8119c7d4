"""`/wan-video` end to end: SimCord for Discord, the simulator for DashScope, on one virtual clock."""

from __future__ import annotations

import io

import av
import pytest

from bot.wan.simulator import Simulator

from .conftest import with_locale


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
    assert reply.content == "`duration` 12 is not allowed for wan2.5-t2v-preview: choose 5 or 10."
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


@pytest.mark.simcord(settle_timeout=30)
async def test_a_chinese_member_is_refused_and_followed_in_chinese(world, dashscope: Simulator, monkeypatch):
    _env, channel, alice = world
    with_locale(monkeypatch, "zh-CN")
    result = await alice.slash(channel, "wan-video", prompt="狐狸", model="wan2.5-t2v-preview", duration=12)
    text = (result.followups or [result.response])[-1].content
    assert "12" in text and "5 或 10" in text and "choose" not in text  # the allowed values, in Chinese too
    await alice.slash(channel, "wan-video", prompt="狐狸在雪地里奔跑", model="wan2.5-t2v-preview", resolution="480P")
    status = channel.last_message
    assert "已加入队列" in status.content and "排在第 1 位" in status.content  # in the member's language
