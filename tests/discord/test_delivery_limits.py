"""Finished videos over the upload limit: compressed to fit, refitted after a 413, or linked with its expiry."""

from __future__ import annotations

import io

import av
import pytest

from cogs.support.sink import DiscordSink

from .conftest import message, run_until

T2V = {"prompt": "a red fox runs through snow", "model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}
NATURAL_SIZE = 117_000  # about what the simulator's 5 s 480P test pattern weighs


async def ledger(bot, job_id: int) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(e["kind"], e["amount_ms"]) for e in await bot.engine.ledger.entries(job_id)]


def h264_seconds(data: bytes) -> float:
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        return float(container.duration or 0) / 1_000_000


@pytest.mark.simcord(settle_timeout=60)
async def test_a_video_over_the_limit_is_compressed_to_fit(world, dashscope, monkeypatch):
    env, channel, alice = world
    monkeypatch.setattr(DiscordSink, "upload_limit", lambda self, job: 90_000)
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    video = channel.last_message
    data = await video.attachments[0].read()
    assert len(data) <= 90_000 and h264_seconds(data) == pytest.approx(5, abs=0.5)
    assert "Compressed to fit" in video.content
    assert "✅" in message(channel, status.id).content


@pytest.mark.simcord(settle_timeout=60)
async def test_a_413_below_the_reported_limit_refits_the_video(world, dashscope):
    env, channel, alice = world
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    env.inject_error("POST", "/channels/*/messages", status=413, code=40005, message="Request entity too large")
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    data = await channel.last_message.attachments[0].read()
    assert len(data) < NATURAL_SIZE * 0.95  # refitted under 90 % of the refused size
    assert "✅" in message(channel, status.id).content


@pytest.mark.simcord(settle_timeout=60)
async def test_a_video_that_cannot_fit_is_linked_with_its_expiry_and_charged(world, dashscope, monkeypatch):
    env, channel, alice = world
    monkeypatch.setattr(DiscordSink, "upload_limit", lambda self, job: 8_000)
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    assert await run_until(env, lambda: "⚠️" in message(channel, status.id).content)
    text = message(channel, status.id).content
    assert "could not be attached" in text and "http://127.0.0.1" in text and ":f>" in text  # link + its expiry
    assert not any(m.attachments for m in channel.history())
    job = await env.bot.engine.jobs.require(int(next(
        c.custom_id.split(":")[2] for row in message(channel, status.id).components for c in row.children
    )))  # fmt: skip
    assert await ledger(env.bot, job.id) == [("reserve", 2500), ("commit", 0)]  # the video was made: charged


@pytest.mark.simcord(settle_timeout=60)
async def test_the_bot_not_allowed_to_post_files_refunds_and_says_why(world, dashscope):
    env, channel, alice = world
    await alice.slash(channel, "wan-video", **T2V)
    status = channel.last_message
    env.inject_error("POST", "/channels/*/messages", status=403, code=50013, message="Missing Permissions")
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    assert "not allowed to post it" in message(channel, status.id).content
    rows = await env.bot.engine.db.fetchall("SELECT kind, amount_ms FROM ledger ORDER BY id")
    assert [(r["kind"], r["amount_ms"]) for r in rows] == [("reserve", 2500), ("refund", -2500)]
