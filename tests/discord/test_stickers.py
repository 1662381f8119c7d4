"""`/wan-sticker` end to end: Emoji's face check, its renamed boxes, the billed-check notice, and a free rejection."""

from __future__ import annotations

import pytest

from bot.wan.catalog.emoji import DRIVEN_TEMPLATES
from bot.wan.simulator import Simulator

from .conftest import message, run_until
from .test_image_to_video import last_reply, ledger, only_job
from .test_portrait import FACE, creates, detects, finish, order


@pytest.mark.simcord(settle_timeout=30)
async def test_a_face_becomes_a_meme_clip_with_the_checks_boxes(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-sticker", image=("me.png", FACE), expression="jingdian_xianqi")
    reply = last_reply(result)
    assert result.ephemeral and reply.startswith("Queued:")
    assert "Wan bills that check even when it turns the picture down" in reply  # the detection cost, told up front
    done = await finish(env, channel)
    assert "✅" in done.content

    assert order(dashscope) == ["detect", "create"]
    (check,) = detects(dashscope)
    image = check["input"]["image_url"]
    assert check == {"model": "emoji-detect-v1", "input": {"image_url": image}, "parameters": {"ratio": "1:1"}}
    (body,) = creates(dashscope)
    # bbox_face / ext_bbox_face of the check arrive as face_bbox / ext_bbox
    assert body == {"model": "emoji-v1", "input": {"image_url": image, "face_bbox": [212, 194, 460, 441],
                    "ext_bbox": [63, 30, 609, 575], "driven_id": "jingdian_xianqi"}}  # fmt: skip
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert [kind for kind, _ in await ledger(env.bot, job.id)] == ["reserve", "commit"]


@pytest.mark.simcord(settle_timeout=30)
async def test_a_rejected_face_is_refunded_and_no_clip_is_made(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(outcome="reject", model="emoji-detect-v1")
    await alice.slash(channel, "wan-sticker", image=("me.png", FACE), expression="mengwa_kaixin")
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    text = message(channel, status.id).content
    assert "found no usable face" in text and "refunded" in text
    assert order(dashscope) == ["detect"] and not creates(dashscope)
    job = await only_job(env.bot, alice.id, channel.guild.id)
    (reserve, refund) = await ledger(env.bot, job.id)
    assert refund == ("refund", -reserve[1])


@pytest.mark.simcord(settle_timeout=30)
async def test_a_picture_format_emoji_does_not_take_is_refused_by_name(world, dashscope: Simulator):
    _env, channel, alice = world
    result = await alice.slash(channel, "wan-sticker", image=("face.txt", b"not a picture " * 50),
                               expression="mengwa_kaixin")  # fmt: skip
    assert result.ephemeral and "`image`" in last_reply(result)
    assert not dashscope.requests and channel.last_message is None


@pytest.mark.simcord(settle_timeout=30)
async def test_every_expression_is_offered_by_name_in_each_language(world):
    env, _channel, _alice = world
    (put,) = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    (sticker,) = [c for c in put.json if c["name"] == "wan-sticker"]
    (expression,) = [o for o in sticker["options"] if o["name"] == "expression"]
    offered = expression["choices"]
    assert [c["value"] for c in offered] == [d.driven_id for d in DRIVEN_TEMPLATES]
    assert [c["name"] for c in offered] == [d.name_en for d in DRIVEN_TEMPLATES]
    assert [c["name_localizations"]["zh-CN"] for c in offered] == [d.name_zh for d in DRIVEN_TEMPLATES]
    assert offered[0]["name_localizations"]["id"] == "Anak lucu: senang"
