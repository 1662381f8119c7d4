"""`/wan-frames` end to end: two pictures in, one video out, in the shape each model takes."""

from __future__ import annotations

import base64

import pytest

from bot.wan.simulator import Simulator

from .conftest import message, png, run_until
from .test_image_to_video import creates, last_reply, ledger, only_job

RED = png(640, 480, (220, 40, 40))
BLUE = png(640, 480, (40, 40, 220))


def inline(uri: str) -> bytes:
    head, data = uri.split(",", 1)
    assert head == "data:image/png;base64"
    return base64.b64decode(data)


@pytest.mark.simcord(settle_timeout=30)
async def test_kf2v_plus_goes_from_the_first_picture_to_the_last(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-frames", first_frame=("start.png", RED), last_frame=("end.png", BLUE),
                               prompt="the red wall slowly turns blue", model="wanx2.1-kf2v-plus")  # fmt: skip
    assert result.ephemeral and "about 5.8 of your quota seconds" in last_reply(result)
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    assert "✅" in message(channel, status.id).content

    (body,) = creates(dashscope)
    assert body["model"] == "wanx2.1-kf2v-plus"
    assert inline(body["input"]["first_frame_url"]) == RED and inline(body["input"]["last_frame_url"]) == BLUE
    assert body["input"]["prompt"] == "the red wall slowly turns blue"
    assert "parameters" not in body  # 720P and 5 s are this model's only values: nothing chosen, nothing sent
    request = next(r for r in dashscope.requests if r.path.endswith("video-synthesis"))
    assert request.path.endswith("/services/aigc/image2video/video-synthesis")
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", 5834), ("commit", 0)]  # 5 s at 0.7 CNY/s


@pytest.mark.simcord(settle_timeout=30)
async def test_wan27_builds_a_media_list_with_first_and_last_frame(world, dashscope: Simulator):
    env, channel, alice = world
    await alice.slash(channel, "wan-frames", first_frame=("start.png", RED), last_frame=("end.png", BLUE),
                      prompt="a sunrise over the sea", model="wan2.7-i2v", resolution="720P", duration=4)  # fmt: skip
    assert await run_until(env, lambda: bool(channel.last_message and channel.last_message.attachments))

    (body,) = creates(dashscope)
    assert body["model"] == "wan2.7-i2v"
    assert set(body["input"]) == {"prompt", "media"}
    first, last = body["input"]["media"]
    assert (first["type"], inline(first["url"])) == ("first_frame", RED)
    assert (last["type"], inline(last["url"])) == ("last_frame", BLUE)
    assert body["parameters"] == {"resolution": "720P", "duration": 4}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", 4000), ("commit", 0)]  # 4 s at 0.6 CNY/s


@pytest.mark.simcord(settle_timeout=30)
async def test_refusals_name_the_option_and_spend_nothing(world, dashscope: Simulator):
    env, channel, alice = world
    frames = {"first_frame": ("start.png", RED), "last_frame": ("end.png", BLUE)}
    no_prompt = await alice.slash(channel, "wan-frames", **frames, model="wan2.7-i2v")
    assert last_reply(no_prompt) == "`prompt` is needed for wan2.7-i2v: describe what should happen in the video."
    not_a_picture = await alice.slash(channel, "wan-frames", first_frame=("start.png", RED),
                                      last_frame=("end.txt", b"plain text"), model="wan2.2-kf2v-flash")  # fmt: skip
    assert last_reply(not_a_picture).startswith("`last_frame`:")
    only_here = await alice.slash(channel, "wan-frames", **frames, model="wan2.6-i2v-flash")
    assert last_reply(only_here).startswith("`model` wan2.6-i2v-flash is not offered in this bot's region (beijing).")
    assert "wan2.2-kf2v-flash, wanx2.1-kf2v-plus, wan2.7-i2v" in last_reply(only_here)
    assert not dashscope.requests
    assert channel.last_message is None
    assert await ledger(env.bot) == []
