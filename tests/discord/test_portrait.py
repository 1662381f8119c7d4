"""`/wan-talk` end to end: the face check runs first, its outputs reach the video call, a rejection is free."""

from __future__ import annotations

from typing import Any

import pytest

from bot.wan.simulator import Simulator

from .conftest import message, png, run_until
from .test_image_to_video import last_reply, ledger, only_job, wav

FACE = png(640, 800, (230, 190, 170))


def detects(dashscope: Simulator) -> list[dict[str, Any]]:
    """Bodies of every face-check call DashScope received."""
    return [r.body for r in dashscope.requests if r.path.endswith(("face-detect", "aa-detect"))]


def creates(dashscope: Simulator) -> list[dict[str, Any]]:
    return [r.body for r in dashscope.requests if r.path.rstrip("/").endswith("video-synthesis")]


def order(dashscope: Simulator) -> list[str]:
    """Which DashScope calls came in, in order (uploads and polls left out)."""
    names = {"face-detect": "detect", "aa-detect": "detect", "video-synthesis": "create",
             "aa-template-generation": "template"}  # fmt: skip
    out = []
    for r in dashscope.requests:
        last = r.path.rstrip("/").rsplit("/", 1)[-1]
        if last in names and r.method == "POST":
            out.append(names[last])
    return out


def status_texts(env: Any, message_id: int) -> list[str]:
    """Every text the status message was edited to, in order."""
    edits = [r for r in env.http_requests if r.method == "PATCH" and f"/messages/{message_id}" in r.path]
    return [str((r.json or {}).get("content") or "") for r in edits]


def uploaded(dashscope: Simulator, url: str) -> tuple[str, bytes]:
    """(model it was uploaded for, bytes) behind an oss:// temporary URL."""
    assert url.startswith("oss://"), url
    model, data, _expires = dashscope.uploads[url.removeprefix("oss://")]
    return model, data


async def finish(env: Any, channel: Any) -> Any:
    """Run until the video is posted; returns the status message as it ends."""
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    return message(channel, status.id)


@pytest.mark.simcord(settle_timeout=30)
async def test_s2v_checks_the_photo_then_lip_syncs_the_audio(world, dashscope: Simulator):
    env, channel, alice = world
    voice = wav(4.0)
    dashscope.plan(output_seconds=4, model="wan2.2-s2v")
    result = await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("hello.wav", voice),
                               model="wan2.2-s2v", resolution="720P")  # fmt: skip
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    done = await finish(env, channel)
    assert "✅" in done.content and "6.0 quota seconds" in done.content

    assert order(dashscope) == ["detect", "create"]
    (check,) = detects(dashscope)
    assert check["model"] == "wan2.2-s2v-detect" and set(check) == {"model", "input"}
    assert set(check["input"]) == {"image_url"}
    (body,) = creates(dashscope)
    assert body["model"] == "wan2.2-s2v" and body["parameters"] == {"resolution": "720P"}
    assert set(body["input"]) == {"image_url", "audio_url"}
    # A temporary upload only works for the model it was made for: the check has its own copy.
    assert uploaded(dashscope, check["input"]["image_url"]) == ("wan2.2-s2v-detect", FACE)
    assert uploaded(dashscope, body["input"]["image_url"]) == ("wan2.2-s2v", FACE)
    assert uploaded(dashscope, body["input"]["audio_url"]) == ("wan2.2-s2v", voice)
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(4.0)
    assert await ledger(env.bot, job.id) == [("reserve", 6000), ("commit", 0)]  # 4 s of 720P at 0.9 CNY/s, as reserved


@pytest.mark.simcord(settle_timeout=30)
async def test_emo_sends_the_ratio_to_the_check_and_its_boxes_to_the_video(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(output_seconds=3, model="emo-v1")
    await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("song.wav", wav(3.0)), model="emo-v1",
                      ratio="3:4", style_level="active")  # fmt: skip
    await finish(env, channel)
    assert order(dashscope) == ["detect", "create"]
    (check,) = detects(dashscope)
    image = check["input"]["image_url"]
    assert image.startswith("http") and "me.png" in image  # EMO takes only http(s) links: the attachment's own
    assert check == {"model": "emo-detect-v1", "input": {"image_url": image}, "parameters": {"ratio": "3:4"}}
    (body,) = creates(dashscope)
    assert body["input"]["image_url"] == image and body["input"]["audio_url"].startswith("http")
    assert body["input"]["face_bbox"] == [302, 286, 610, 593] and body["input"]["ext_bbox"] == [71, 9, 840, 778]
    assert body["parameters"] == {"style_level": "active"}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert [kind for kind, _ in await ledger(env.bot, job.id)] == ["reserve", "commit"]


@pytest.mark.simcord(settle_timeout=30)
async def test_liveportrait_gets_its_motion_knobs_after_its_own_check(world, dashscope: Simulator):
    env, channel, alice = world
    # The check is throttled once, so the status message shows it waiting before the video is made.
    dashscope.fail_next("detect", 429, "Throttling.RateQuota", "Requests rate limit exceeded.", retry_after=30)
    await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("news.wav", wav(2.0)),
                      model="liveportrait", motion="calm", blinks=0.3, mouth=1.2, head=0.4, fps=30,
                      keep_body=False)  # fmt: skip
    status_id = channel.last_message.id
    done = await finish(env, channel)
    texts = status_texts(env, status_id)
    assert any("🔎 Checking" in s and "**liveportrait**" in s and "step 1 of 2" in s for s in texts)
    assert "✅" in done.content
    assert order(dashscope) == ["detect", "detect", "create"]  # the throttled check, again, then the video
    throttled, check = detects(dashscope)
    assert throttled == check
    assert check["model"] == "liveportrait-detect" and set(check) == {"model", "input"}  # no parameters documented
    (body,) = creates(dashscope)
    assert body["model"] == "liveportrait"
    assert body["parameters"] == {
        "template_id": "calm", "eye_move_freq": 0.3, "video_fps": 30,
        "mouth_move_strength": 1.2, "paste_back": False, "head_move_strength": 0.4,
    }  # fmt: skip


@pytest.mark.simcord(settle_timeout=30)
async def test_a_rejected_photo_is_explained_refunded_and_never_animated(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(outcome="reject", model="emo-detect-v1")
    await alice.slash(channel, "wan-talk", image=("cat.png", FACE), audio=("meow.wav", wav(2.0)), model="emo-v1")
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    text = message(channel, status.id).content
    assert "did not find one clear, front-facing face" in text and "refunded" in text
    assert order(dashscope) == ["detect"] and not creates(dashscope)
    job = await only_job(env.bot, alice.id, channel.guild.id)
    (reserve, refund) = await ledger(env.bot, job.id)
    assert reserve[0] == "reserve" and refund == ("refund", -reserve[1])  # all of it back


@pytest.mark.simcord(settle_timeout=30)
async def test_audio_longer_than_emo_takes_is_refused_by_name(world, dashscope: Simulator):
    _env, channel, alice = world
    result = await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("speech.wav", wav(61.0, 8000)),
                               model="emo-v1")  # fmt: skip
    reply = last_reply(result)
    assert result.ephemeral and "`audio`" in reply and "60" in reply
    assert not dashscope.requests and channel.last_message is None
    assert await ledger(_env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_sound_format_the_model_does_not_take_is_refused_by_name(world, dashscope: Simulator):
    _env, channel, alice = world
    result = await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("notes.txt", b"hello " * 200),
                               model="liveportrait")  # fmt: skip
    assert result.ephemeral and "`audio`" in last_reply(result)
    assert not dashscope.requests and channel.last_message is None


@pytest.mark.simcord(settle_timeout=30)
async def test_an_option_of_another_model_is_refused_by_name(world, dashscope: Simulator):
    _env, channel, alice = world
    result = await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("hi.wav", wav(2.0)),
                               model="wan2.2-s2v", ratio="3:4")  # fmt: skip
    assert last_reply(result) == (
        "`ratio` 3:4 is not an option of wan2.2-s2v. Leave it out, or choose a model that has it: emo-v1."
    )
    result = await alice.slash(channel, "wan-talk", image=("me.png", FACE), audio=("hi.wav", wav(2.0)),
                               model="emo-v1", motion="active")  # fmt: skip
    assert "`motion` active is not an option of emo-v1" in last_reply(result) and "liveportrait" in last_reply(result)
    assert not dashscope.requests and channel.last_message is None


@pytest.mark.simcord(settle_timeout=30)
async def test_the_commands_are_offered_with_their_models_and_translations(world):
    env, channel, alice = world
    (put,) = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    synced = {c["name"]: c for c in put.json}
    talk = synced["wan-talk"]
    assert talk["name_localizations"]["zh-CN"] == "wan-说话"
    assert talk["description_localizations"]["id"].startswith("Buat orang di foto")
    offered = [c["value"] for c in await alice.autocomplete(channel, "wan-talk", "model", "")]
    assert offered == ["wan2.2-s2v", "emo-v1", "liveportrait"]


@pytest.fixture
def in_singapore(bot_settings: dict[str, Any]) -> None:
    bot_settings["dashscope_region"] = "singapore"


@pytest.mark.simcord(settle_timeout=30)
async def test_a_singapore_bot_has_no_portrait_commands(in_singapore, world):
    env, channel, alice = world
    (put,) = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    names = {c["name"] for c in put.json}
    assert not names & {"wan-talk", "wan-sticker", "wan-dance"}
    assert "wan-video" in names
    assert not {"wan-talk", "wan-sticker"} & set(alice.available_commands(channel))
