"""`/wan-restyle` end to end: a video redrawn in a preset style, billed by its length at the short side's tier."""

from __future__ import annotations

from typing import Any

import pytest

from bot.i18n import t
from bot.wan.catalog.style import STYLES
from bot.wan.simulator import Simulator

from .conftest import message, run_until
from .test_image_to_video import last_reply, ledger, only_job, wav
from .test_lipsync import linked
from .test_motion import creates, option, synced
from .test_reference import mp4

CLIP = mp4(3.0, 384, 288)  # sides 256-4096 px, long side at most 1.8 x the short one


@pytest.mark.simcord(settle_timeout=30)
async def test_every_option_reaches_its_documented_field(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(output_seconds=3.0)
    result = await alice.slash(channel, "wan-restyle", video=("walk.mp4", CLIP), style=7, short_side=540, fps=20,
                               expressions=False, super_resolution=True)  # fmt: skip
    assert result.ephemeral and "about 1.0 of your quota seconds" in last_reply(result)  # 3 s at 540P's 0.2 CNY/s
    status = channel.last_message
    assert "video-style-transform" in status.content
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    assert "✅" in message(channel, status.id).content

    (body,) = creates(dashscope)
    assert body["model"] == "video-style-transform"
    assert set(body["input"]) == {"video_url"} and linked(body["input"]["video_url"], "walk.mp4")
    assert body["parameters"] == {"style": 7, "video_fps": 20, "animate_emotion": False, "min_len": 540,
                                  "use_SR": True}  # fmt: skip
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(3.0)
    assert await ledger(env.bot, job.id) == [("reserve", 1000), ("commit", 0)]  # 3 s x 0.2 / 0.6


@pytest.mark.simcord(settle_timeout=30)
async def test_short_side_defaults_to_the_service_then_to_the_guilds_resolution(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(output_seconds=3.0)
    first = await alice.slash(channel, "wan-restyle", video=("walk.mp4", CLIP), style=0)
    assert "about 2.5 of your quota seconds" in last_reply(first)  # the service default 720 is the dearer tier
    assert await run_until(env, lambda: len(creates(dashscope)) == 1)
    assert creates(dashscope)[0]["parameters"] == {"style": 0}

    await env.bot.engine.guilds.update(channel.guild.id, env.bot.engine.clock.now(), default_resolution="540P")
    dashscope.plan(output_seconds=3.0)
    second = await alice.slash(channel, "wan-restyle", video=("walk.mp4", CLIP), style=3)
    assert "about 1.0 of your quota seconds" in last_reply(second)
    assert await run_until(env, lambda: len(creates(dashscope)) == 2, limit=120)
    assert creates(dashscope)[1]["parameters"] == {"style": 3, "min_len": 540}


@pytest.mark.simcord(settle_timeout=30)
async def test_styles_are_named_in_the_members_language_and_short_side_shows_its_price(world):
    env, _channel, _alice = world
    restyle = synced(env)["wan-restyle"]
    styles = option(restyle, "style")["choices"]
    assert [c["value"] for c in styles] == list(STYLES)
    assert [c["name"] for c in styles] == [english for _chinese, english in STYLES.values()]
    assert [c["name_localizations"]["zh-CN"] for c in styles] == [chinese for chinese, _english in STYLES.values()]
    assert styles[7]["name_localizations"] == {"zh-CN": "国风水墨", "zh-TW": "國風水墨", "id": "Lukisan tinta Tiongkok"}
    assert [(c["name"], c["value"]) for c in option(restyle, "short_side")["choices"]] == [
        ("720 · 0.5 CNY/s", 720),
        ("540 · 0.2 CNY/s", 540),
    ]
    fps = option(restyle, "fps")
    assert (fps["min_value"], fps["max_value"]) == (15, 25)
    assert restyle["name_localizations"]["zh-TW"] == "萬相風格重繪"
    assert all(t(f"restyle.style.{n}", "en-US") == english for n, (_chinese, english) in STYLES.items())


@pytest.mark.simcord(settle_timeout=30)
async def test_too_long_or_too_elongated_videos_are_refused(world, dashscope: Simulator):
    env, channel, alice = world
    long = await alice.slash(channel, "wan-restyle", video=("film.mp4", mp4(31.0, 384, 288, fps=4)), style=1)
    assert last_reply(long).startswith("`video`: the video is 31 s long; this model accepts at most 30 s.")
    wide = await alice.slash(channel, "wan-restyle", video=("pano.mp4", mp4(2.0, 640, 256)), style=1)
    assert last_reply(wide).startswith("`video`: the video is 640×256 px, a width-to-height ratio of 2.5")
    assert not dashscope.requests
    assert channel.last_message is None
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_sound_file_or_text_where_the_video_belongs_is_refused(world, dashscope: Simulator):
    env, channel, alice = world
    sound = await alice.slash(channel, "wan-restyle", video=("song.wav", wav(3.0)), style=2)
    assert last_reply(sound).startswith("`video`: this is a WAV file, not a video.")
    text = await alice.slash(channel, "wan-restyle", video=("notes.txt", b"not a video at all"), style=2)
    assert last_reply(text).startswith("`video`: the bot does not recognise this file.")
    assert not dashscope.requests
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_video_the_service_cannot_download_fails_explains_and_refunds(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(outcome="FAILED", code="InvalidParameter", message="Failed to download multimodal content.")
    await alice.slash(channel, "wan-restyle", video=("walk.mp4", CLIP), style=5)
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    shown = message(channel, status.id).content
    assert t("error.media_unreachable", "en-US") in shown and "2.5 reserved quota seconds were refunded" in shown
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", 2500), ("refund", -2500)]
    assert not channel.last_message.attachments


@pytest.fixture
def in_singapore(bot_settings: dict[str, Any]) -> None:
    bot_settings["dashscope_region"] = "singapore"


@pytest.mark.simcord(settle_timeout=30)
async def test_a_singapore_bot_has_no_restyle_command(in_singapore, world):
    env, channel, alice = world
    assert "wan-restyle" not in synced(env) and "wan-restyle" not in alice.available_commands(channel)
