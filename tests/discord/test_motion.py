"""`/wan-motion` and `/wan-swap` end to end: a picture plus a reference video, billed by the video's length."""

from __future__ import annotations

from typing import Any

import pytest

from bot.i18n import t
from bot.wan.simulator import Simulator

from .conftest import message, png, run_until
from .test_image_to_video import last_reply, ledger, only_job
from .test_reference import mp4, uploaded

PERSON = png(480, 640, (230, 190, 170))


def creates(dashscope: Simulator) -> list[Any]:
    """Bodies of every task-creating call (VideoRetalk's documented path ends in a slash)."""
    return [r.body for r in dashscope.requests if r.path.rstrip("/").endswith("video-synthesis")]


def synced(env: Any) -> dict[str, Any]:
    """The slash commands the bot registered at start, by name."""
    (put,) = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    return {c["name"]: c for c in put.json if c.get("type", 1) == 1}


def option(command: dict[str, Any], name: str) -> dict[str, Any]:
    return next(o for o in command["options"] if o["name"] == name)


@pytest.mark.simcord(settle_timeout=30)
async def test_motion_sends_picture_video_mode_and_the_guilds_watermark_in_input(world, dashscope: Simulator):
    env, channel, alice = world
    await env.bot.engine.guilds.update(channel.guild.id, env.bot.engine.clock.now(), watermark=True)
    clip = mp4(3.0)
    dashscope.plan(output_seconds=3.0)  # the result is as long as the reference video
    result = await alice.slash(channel, "wan-motion", image=("me.png", PERSON), video=("dance.mp4", clip),
                               mode="wan-std")  # fmt: skip
    # 3 s at wan-std's 0.4 CNY/s, over the 0.6 CNY reference second.
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    assert "about 2.0 of your quota seconds" in last_reply(result)
    status = channel.last_message
    assert "wan2.2-animate-move" in status.content
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    assert "✅" in message(channel, status.id).content and "2.0 quota seconds" in message(channel, status.id).content

    (body,) = creates(dashscope)
    assert body["model"] == "wan2.2-animate-move"
    assert set(body["input"]) == {"image_url", "video_url", "watermark"}
    assert body["input"]["watermark"] is True  # in input, where animate documents it; never in parameters
    assert uploaded(dashscope, body["input"]["image_url"]) == PERSON  # untouched, as a temporary upload
    assert uploaded(dashscope, body["input"]["video_url"]) == clip
    assert body["parameters"] == {"mode": "wan-std"}  # check_image left out: the service default applies
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(3.0)
    assert await ledger(env.bot, job.id) == [("reserve", 2000), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_swap_runs_animate_mix_at_the_pro_price_and_can_skip_the_image_check(world, dashscope: Simulator):
    env, channel, alice = world
    clip = mp4(2.5)
    dashscope.plan(output_seconds=2.5)
    result = await alice.slash(channel, "wan-swap", image=("me.png", PERSON), video=("scene.mp4", clip),
                               mode="wan-pro", check_image=False)  # fmt: skip
    assert "about 3.8 of your quota seconds" in last_reply(result)  # 2.5 s at 0.9 CNY/s: 3750 ms
    assert await run_until(env, lambda: bool(channel.last_message.attachments))

    (body,) = creates(dashscope)
    assert body["model"] == "wan2.2-animate-mix"
    assert set(body["input"]) == {"image_url", "video_url"}  # no guild watermark set: nothing sent
    assert body["parameters"] == {"mode": "wan-pro", "check_image": False}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", 3750), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_mode_choices_show_the_regions_price_from_the_catalog(world):
    env, _channel, _alice = world
    commands = synced(env)
    motion, swap = commands["wan-motion"], commands["wan-swap"]
    assert [(c["name"], c["value"]) for c in option(motion, "mode")["choices"]] == [
        ("wan-std · 0.4 CNY/s", "wan-std"),
        ("wan-pro · 0.6 CNY/s", "wan-pro"),
    ]
    assert [c["name"] for c in option(swap, "mode")["choices"]] == ["wan-std · 0.6 CNY/s", "wan-pro · 0.9 CNY/s"]
    assert (
        motion["name_localizations"]["zh-CN"] == "万相动作迁移"
        and swap["name_localizations"]["zh-TW"] == "萬相影片換人"
    )
    assert motion["description_localizations"]["id"] == "Buat orang di gambarmu meniru gerakan di videomu"
    assert option(motion, "check_image")["name_localizations"]["zh-CN"] == "检测图片"


@pytest.fixture
def in_singapore(bot_settings: dict[str, Any]) -> None:
    """Singapore offers animate-move and -mix, but its prices were never published (spec 03 §4.5)."""
    bot_settings["dashscope_region"] = "singapore"


@pytest.mark.simcord(settle_timeout=30)
async def test_a_region_without_a_published_price_shows_no_number(in_singapore, world):
    env, _channel, _alice = world
    commands = synced(env)
    assert [c["name"] for c in option(commands["wan-motion"], "mode")["choices"]] == ["wan-std", "wan-pro"]
    assert "wan-swap" in commands


@pytest.fixture
def in_virginia(bot_settings: dict[str, Any]) -> None:
    bot_settings["dashscope_region"] = "virginia"


@pytest.mark.simcord(settle_timeout=30)
async def test_a_region_without_animate_has_neither_command(in_virginia, world):
    env, channel, alice = world
    assert not {"wan-motion", "wan-swap"} & set(synced(env))
    assert not {"wan-motion", "wan-swap"} & set(alice.available_commands(channel))


@pytest.mark.simcord(settle_timeout=30)
async def test_reference_videos_outside_two_to_thirty_seconds_are_refused(world, dashscope: Simulator):
    env, channel, alice = world
    short = await alice.slash(channel, "wan-motion", image=("me.png", PERSON), video=("blink.mp4", mp4(1.5)),
                              mode="wan-std")  # fmt: skip
    assert last_reply(short) == "`video`: the video is 1.5 s long; this model needs at least 2 s."
    # "2 s < duration < 30 s": the stricter reading refuses exactly 30 s.
    long = await alice.slash(channel, "wan-swap", image=("me.png", PERSON), video=("film.mp4", mp4(30.0, fps=4)),
                             mode="wan-std")  # fmt: skip
    assert last_reply(long).startswith("`video`: the video is 30 s long; this model needs it shorter than 30 s")
    # The (small) picture is checked and uploaded first; no task is created and nothing is reserved.
    assert not creates(dashscope)
    assert channel.last_message is None
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_picture_or_text_where_the_video_belongs_is_refused_by_option_name(world, dashscope: Simulator):
    env, channel, alice = world
    picture = await alice.slash(channel, "wan-motion", image=("me.png", PERSON), video=("me.png", PERSON),
                                mode="wan-std")  # fmt: skip
    assert last_reply(picture) == "`video`: this is a PNG file, not a video. Use one of these formats: MP4, AVI, MOV."
    text = await alice.slash(channel, "wan-swap", image=("notes.txt", b"not a picture at all"),
                             video=("dance.mp4", mp4(2.5)), mode="wan-std")  # fmt: skip
    assert last_reply(text) == (
        "`image`: the bot does not recognise this file. Use one of these formats: JPEG, PNG, BMP, WEBP."
    )
    assert not creates(dashscope)
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_task_failing_moderation_explains_itself_and_refunds(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(
        outcome="FAILED", code="DataInspectionFailed", message="Input data may contain inappropriate content."
    )
    await alice.slash(channel, "wan-motion", image=("me.png", PERSON), video=("dance.mp4", mp4(3.0)), mode="wan-pro")
    status = channel.last_message
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    shown = message(channel, status.id).content
    assert t("error.content_rejected", "en-US") in shown and "3.0 reserved quota seconds were refunded" in shown
    job = await env.bot.engine.jobs.require(job.id)
    assert job.error_code == "DataInspectionFailed"
    assert await ledger(env.bot, job.id) == [("reserve", 3000), ("refund", -3000)]  # 3 s at 0.6 CNY/s
    assert not channel.last_message.attachments
