"""`/wan-lipsync` end to end: VideoRetalk takes the member's own links, and bills the length it will make."""

from __future__ import annotations

from typing import Any

import pytest

from bot.i18n import SHIPPED, t
from bot.wan.simulator import Simulator

from .conftest import message, png, run_until
from .test_image_to_video import last_reply, ledger, only_job, wav
from .test_motion import creates, option, synced
from .test_reference import mp4

# VideoRetalk wants 640-2048 px sides and 15-60 fps.
TALKING = mp4(3.0, 640, 640, fps=15)
FACE = png(640, 640, (220, 180, 160))


def linked(url: str, filename: str) -> bool:
    """The member's own attachment link (VideoRetalk fetches public http(s) URLs only), not an upload or data URI."""
    return url.startswith(("http://", "https://")) and filename in url


@pytest.mark.simcord(settle_timeout=30)
async def test_lipsync_follows_the_shorter_input_and_sends_exactly_the_two_links(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(output_seconds=2.5)  # the shorter of 3 s video and 2.5 s audio (FAQ 1)
    result = await alice.slash(channel, "wan-lipsync", video=("talk.mp4", TALKING), audio=("words.wav", wav(2.5)))
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    assert "about 0.3 of your quota seconds" in last_reply(result)  # 2.5 s at 0.08 CNY/s: 334 ms
    status = channel.last_message
    assert "videoretalk" in status.content
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    assert "✅" in message(channel, status.id).content

    (body,) = creates(dashscope)
    assert body["model"] == "videoretalk"
    assert set(body["input"]) == {"video_url", "audio_url"}  # no ref_image: not even the example's ""
    assert linked(body["input"]["video_url"], "talk.mp4") and linked(body["input"]["audio_url"], "words.wav")
    assert "parameters" not in body  # extend left out: the service default (cut the audio) applies
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(2.5)
    assert await ledger(env.bot, job.id) == [("reserve", 334), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_extend_bills_the_audio_length_and_sends_the_face_reference(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(output_seconds=4.0)  # extended: as long as the audio
    await alice.slash(channel, "wan-lipsync", video=("talk.mp4", mp4(2.5, 640, 640, fps=15)),
                      audio=("speech.wav", wav(4.0)), ref_image=("face.png", FACE), extend=True)  # fmt: skip
    assert await run_until(env, lambda: bool(channel.last_message and channel.last_message.attachments))

    (body,) = creates(dashscope)
    assert set(body["input"]) == {"video_url", "audio_url", "ref_image_url"}
    assert linked(body["input"]["ref_image_url"], "face.png")
    assert body["parameters"] == {"video_extension": True}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(4.0)
    assert await ledger(env.bot, job.id) == [("reserve", 534), ("commit", 0)]  # 4 s at 0.08 CNY/s


@pytest.mark.simcord(settle_timeout=30)
async def test_lipsync_inputs_outside_the_documented_limits_are_refused(world, dashscope: Simulator):
    env, channel, alice = world
    short = await alice.slash(channel, "wan-lipsync", video=("talk.mp4", TALKING), audio=("hi.wav", wav(1.5)))
    assert last_reply(short) == "`audio`: the audio is 1.5 s long; this model needs at least 2 s."
    choppy = await alice.slash(channel, "wan-lipsync", video=("talk.mp4", mp4(3.0, 640, 640, fps=8)),
                               audio=("words.wav", wav(2.5)))  # fmt: skip
    assert last_reply(choppy) == "`video`: the video has 8 frames per second; this model needs at least 15."
    brief = await alice.slash(channel, "wan-lipsync", video=("talk.mp4", mp4(1.0, 640, 640, fps=15)),
                              audio=("words.wav", wav(2.5)))  # fmt: skip
    assert last_reply(brief) == "`video`: the video is 1 s long; this model needs at least 2 s."
    assert not dashscope.requests  # links only: nothing was uploaded either
    assert channel.last_message is None
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_the_wrong_kind_of_file_is_refused_by_option_name(world, dashscope: Simulator):
    env, channel, alice = world
    picture = await alice.slash(channel, "wan-lipsync", video=("face.png", FACE), audio=("words.wav", wav(2.5)))
    assert last_reply(picture) == "`video`: this is a PNG file, not a video. Use one of these formats: MP4, AVI, MOV."
    text = await alice.slash(channel, "wan-lipsync", video=("talk.mp4", TALKING), audio=("words.txt", b"hello there"))
    assert last_reply(text).startswith("`audio`:")
    assert not dashscope.requests
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_face_that_is_not_in_the_video_fails_the_task_explains_and_refunds(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(outcome="FAILED", code="InvalidFile.FaceNotMatch",
                   message="There are no matched face in the video with the provided reference image.")  # fmt: skip
    await alice.slash(channel, "wan-lipsync", video=("talk.mp4", TALKING), audio=("words.wav", wav(2.5)),
                      ref_image=("face.png", FACE))  # fmt: skip
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.error_code == "InvalidFile.FaceNotMatch"
    assert job.error_key == "error.videoretalk.InvalidFile.FaceNotMatch"  # VideoRetalk's own words, not the generic
    shown = message(channel, status.id).content
    # The reason is whatever bot.wan.errors maps the code onto (today the generic media key).
    assert t(job.error_key, "en-US") in shown and "0.3 reserved quota seconds were refunded" in shown
    assert await ledger(env.bot, job.id) == [("reserve", 334), ("refund", -334)]
    assert not channel.last_message.attachments


def test_every_videoretalk_error_code_of_the_spec_has_a_text_in_every_language():
    codes = ("InvalidURL.ConnectionRefused", "InvalidURL.Timeout", "InvalidFile.Size", "InvalidFile.Format",
             "InvalidFile.Resolution", "InvalidFile.FPS", "InvalidFile.Duration", "InvalidFile.ImageSize",
             "InvalidFile.Openerror", "InvalidFile.Content", "InvalidFile.FaceNotMatch")  # fmt: skip
    for code in codes:
        texts = {t(f"error.videoretalk.{code}", locale) for locale in SHIPPED}
        assert len(texts) == len(SHIPPED) and f"error.videoretalk.{code}" not in texts  # four real translations


@pytest.mark.simcord(settle_timeout=30)
async def test_lipsync_is_synced_with_its_translations(world):
    env, _channel, _alice = world
    lipsync = synced(env)["wan-lipsync"]
    assert lipsync["name_localizations"] == {"zh-CN": "万相对口型", "zh-TW": "萬相對嘴型", "id": "wan-lipsync"}
    assert set(lipsync["description_localizations"]) == {"zh-CN", "zh-TW", "id"}
    assert [o["name"] for o in lipsync["options"]] == ["video", "audio", "ref_image", "extend"]
    assert option(lipsync, "extend")["name_localizations"]["id"] == "perpanjang"


@pytest.fixture
def in_singapore(bot_settings: dict[str, Any]) -> None:
    bot_settings["dashscope_region"] = "singapore"


@pytest.mark.simcord(settle_timeout=30)
async def test_a_singapore_bot_has_no_lipsync_command(in_singapore, world):
    env, channel, alice = world
    assert "wan-lipsync" not in synced(env)
    assert "wan-lipsync" not in alice.available_commands(channel)
    assert "wan-motion" in synced(env)  # animate is offered there; VideoRetalk is Beijing only
