"""`/wan-dance` end to end: learn a dance from a video, list it, perform it with a checked photo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.wan.simulator import Simulator
from tests.media_tools import make_video

from .conftest import message, png, run_until
from .test_image_to_video import last_reply, ledger
from .test_portrait import creates, detects, order

DANCER = png(480, 800, (120, 160, 200))


def templates(dashscope: Simulator) -> list[dict[str, Any]]:
    return [r.body for r in dashscope.requests if r.path.rstrip("/").endswith("aa-template-generation")]


@pytest.fixture
def dance_video(tmp_path: Path) -> bytes:
    """A real 3-second, 24 fps H.264 clip (the template call needs 2-60 s at 24 fps or more)."""
    return make_video(tmp_path / "dance.mp4", size="320x240", seconds=3, audio=False).read_bytes()


async def learn(env: Any, channel: Any, alice: Any, video: bytes, name: str = "robot") -> Any:
    result = await alice.slash(channel, "wan-dance learn", name=name, video=("dance.mp4", video))
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    status = channel.last_message
    assert await run_until(env, lambda: "✅" in message(channel, status.id).content)
    return message(channel, status.id)


@pytest.mark.simcord(settle_timeout=30)
async def test_learn_list_and_perform_a_dance(world, dashscope: Simulator, dance_video: bytes):
    env, channel, alice = world
    learned = await learn(env, channel, alice, dance_video)
    assert "taught this server a new dance: **robot**" in learned.content
    assert not learned.attachments and channel.last_message.id == learned.id  # a template, not a video
    (template,) = templates(dashscope)
    video_url = template["input"]["video_url"]
    assert template == {"model": "animate-anyone-template-gen2", "input": {"video_url": video_url}}
    assert video_url.startswith("http") and "dance.mp4" in video_url  # http(s) links only: the attachment's own
    [learn_job] = await env.bot.engine.jobs.recent(alice.id, channel.guild.id)
    assert learn_job.meta["input_seconds"] == pytest.approx(3.0, abs=0.1)
    assert [kind for kind, _ in await ledger(env.bot, learn_job.id)] == ["reserve", "commit"]

    listed = await alice.slash(channel, "wan-dance list")
    assert listed.ephemeral
    shown = (listed.followups or [listed.response])[-1]
    assert "**robot**, taught by" in shown.embeds[0].description
    offered = await alice.autocomplete(channel, "wan-dance perform", "dance", "ro")
    assert [c["value"] for c in offered] == ["robot"]

    result = await alice.slash(channel, "wan-dance perform", image=("me.png", DANCER), dance="robot",
                               background=True, ratio="3:4")  # fmt: skip
    assert last_reply(result).startswith("Queued:")
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    assert order(dashscope) == ["template", "detect", "create"]
    (check,) = detects(dashscope)
    image = check["input"]["image_url"]
    assert check == {"model": "animate-anyone-detect-gen2", "input": {"image_url": image}}
    (body,) = creates(dashscope)
    template_id = learn_job.meta["template_id"]
    assert body == {"model": "animate-anyone-gen2", "input": {"image_url": image, "template_id": template_id},
                    "parameters": {"use_ref_img_bg": True, "video_ratio": "3:4"}}  # fmt: skip
    perform_job = (await env.bot.engine.jobs.recent(alice.id, channel.guild.id))[0]
    assert perform_job.meta["input_seconds"] == learn_job.meta["input_seconds"]  # as long as the dance video
    assert [kind for kind, _ in await ledger(env.bot, perform_job.id)] == ["reserve", "commit"]


@pytest.mark.simcord(settle_timeout=30)
async def test_a_template_of_another_account_is_not_offered(world, dashscope: Simulator):
    env, channel, alice = world
    engine = env.bot.engine
    async with engine.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO dance_templates (guild_id, name, template_id, region, key_fingerprint, created_by, "
            "created_at) VALUES (?, 'moonwalk', 'AACT.other', 'beijing', 'someone-else', ?, 0)",
            (channel.guild.id, alice.id),
        )
    assert await alice.autocomplete(channel, "wan-dance perform", "dance", "") == []
    result = await alice.slash(channel, "wan-dance perform", image=("me.png", DANCER), dance="moonwalk")
    assert last_reply(result) == (
        "`dance` moonwalk is not a dance this server has learned with this bot's Wan account. Learned: -."
    )
    listed = await alice.slash(channel, "wan-dance list")
    assert "has not learned a dance yet" in (listed.followups or [listed.response])[-1].content
    assert not dashscope.requests


@pytest.mark.simcord(settle_timeout=30)
async def test_a_rejected_photo_is_refunded_and_never_rendered(world, dashscope: Simulator, dance_video: bytes):
    env, channel, alice = world
    await learn(env, channel, alice, dance_video)
    dashscope.plan(outcome="reject", model="animate-anyone-detect-gen2")
    await alice.slash(channel, "wan-dance perform", image=("me.png", DANCER), dance="robot")
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    text = message(channel, status.id).content
    assert "needs one whole person" in text and "refunded" in text
    assert order(dashscope) == ["template", "detect"] and not creates(dashscope)
    job = (await env.bot.engine.jobs.recent(alice.id, channel.guild.id))[0]
    (reserve, refund) = await ledger(env.bot, job.id)
    assert refund == ("refund", -reserve[1])


@pytest.mark.simcord(settle_timeout=30)
async def test_bad_input_is_refused_by_name_before_anything_is_sent(world, dashscope: Simulator, tmp_path: Path):
    _env, channel, alice = world
    short = make_video(tmp_path / "short.mp4", size="320x240", seconds=1, audio=False).read_bytes()
    result = await alice.slash(channel, "wan-dance learn", name="blink", video=("short.mp4", short))
    assert "`video`" in last_reply(result) and "2" in last_reply(result)
    result = await alice.slash(channel, "wan-dance perform", image=("me.png", DANCER), dance="robot", ratio="3:4")
    assert last_reply(result).startswith("`dance` robot is not a dance")  # nothing learned yet
    assert not dashscope.requests and channel.last_message is None
