"""`/wan-animate` and the Animate message menu, end to end: SimCord for Discord, the simulator for DashScope."""

from __future__ import annotations

import base64
import io
import wave
from typing import Any

import av
import pytest

from bot.wan.simulator import Simulator

from .conftest import message, png, run_until


def creates(dashscope: Simulator) -> list[Any]:
    """Bodies of every task-creating call DashScope received."""
    return [r.body for r in dashscope.requests if r.path.endswith("video-synthesis")]


def last_reply(result: Any) -> str:
    return (result.followups or [result.response])[-1].content


async def ledger(bot: Any, job_id: int | None = None) -> list[tuple[str, int]]:
    """(kind, amount) of the ledger rows of one job, or of every job when job_id is None."""
    if job_id is None:
        rows = await bot.engine.db.fetchall("SELECT kind, amount_ms FROM ledger ORDER BY id")
    else:
        rows = await bot.engine.ledger.entries(job_id)
    return [(r["kind"], r["amount_ms"]) for r in rows]


async def only_job(bot: Any, user_id: int, guild_id: int) -> Any:
    jobs = await bot.engine.jobs.recent(user_id, guild_id)
    assert len(jobs) == 1
    return jobs[0]


@pytest.mark.simcord(settle_timeout=30)
async def test_attached_picture_becomes_a_video_with_exactly_the_chosen_options(world, dashscope: Simulator):
    env, channel, alice = world
    picture = png(640, 480)
    result = await alice.slash(channel, "wan-animate", image=("cat.png", picture), prompt="the cat slowly blinks",
                               model="wan2.6-i2v-flash", resolution="720P", duration=5, seed=7)  # fmt: skip
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    assert "about 2.5 of your quota seconds" in last_reply(result)
    status = channel.last_message
    assert "queued" in status.content and "the cat slowly blinks" in status.content

    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    video = channel.last_message
    assert video.attachments[0].filename.endswith(".mp4")
    with av.open(io.BytesIO(await video.attachments[0].read())) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    assert "✅" in message(channel, status.id).content and "2.5 quota seconds" in message(channel, status.id).content

    (body,) = creates(dashscope)
    assert body["model"] == "wan2.6-i2v-flash"
    assert set(body["input"]) == {"img_url", "prompt"}  # unset options are not sent
    assert body["input"]["prompt"] == "the cat slowly blinks"
    head, data = body["input"]["img_url"].split(",", 1)
    assert head == "data:image/png;base64" and base64.b64decode(data) == picture  # untouched, sent inline
    assert body["parameters"] == {"resolution": "720P", "duration": 5, "seed": 7}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", 2500), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_animate_menu_on_a_members_picture_replies_to_it_with_a_video(world, dashscope: Simulator):
    env, channel, alice = world
    source = await alice.send(channel, "my cat this morning", attachments=[("cat.png", png(800, 600))])
    shown = await alice.context_menu(channel, "Animate", source)
    assert shown.modal is not None and shown.modal["title"] == "Animate this picture"
    result = await alice.submit_modal(shown, {"prompt": "the cat yawns and stretches"})
    assert result.ephemeral and last_reply(result).startswith("Queued:")

    status = channel.last_message
    assert status.id != source.id and status.reference is not None and status.reference.message_id == source.id
    assert "the cat yawns and stretches" in status.content
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")

    (body,) = creates(dashscope)
    assert body["model"] == "wan2.6-i2v-flash"  # the region's default i2v model
    assert body["input"]["prompt"] == "the cat yawns and stretches"
    assert body["input"]["img_url"].startswith("data:image/png;base64,")
    assert "parameters" not in body  # nothing chosen: the service's defaults (1080P, 5 s, with sound)
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.source_message_id == source.id
    # 5 s at 1080P with sound: 0.5 CNY/s over the 0.6 CNY reference second.
    assert await ledger(env.bot, job.id) == [("reserve", 4167), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_animate_menu_on_a_message_without_a_picture_is_refused(world, dashscope: Simulator):
    env, channel, alice = world
    source = await alice.send(channel, "no picture here", attachments=[("notes.txt", b"just words")])
    result = await alice.context_menu(channel, "Animate", source)
    assert result.modal is None and result.ephemeral
    assert last_reply(result) == "That message has no picture the bot can animate."
    assert not dashscope.requests
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_a_text_file_as_the_image_is_refused_naming_image(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-animate", image=("notes.txt", b"this is not a picture at all"),
                               prompt="move", model="wan2.6-i2v-flash")  # fmt: skip
    assert result.ephemeral
    assert last_reply(result).startswith("`image`:")
    assert not dashscope.requests  # not even an upload
    assert channel.last_message is None
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_an_option_the_model_lacks_is_refused_by_name(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-animate", image=("cat.png", png()), prompt="the cat runs",
                               model="wan2.2-i2v-flash", shots="multi")  # fmt: skip
    assert last_reply(result) == (
        "`shots` multi is not an option of wan2.2-i2v-flash. Leave it out, or choose a model that has it: "
        "wan2.6-i2v-flash, wan2.6-i2v."
    )
    silent = await alice.slash(channel, "wan-animate", image=("cat.png", png()), model="wan2.6-i2v", audio="silent")
    assert last_reply(silent).startswith("`audio` silent is not allowed for wan2.6-i2v:")
    assert not dashscope.requests
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_wan27_gets_a_media_list_and_needs_a_prompt(world, dashscope: Simulator):
    env, channel, alice = world
    bare = await alice.slash(channel, "wan-animate", image=("cat.png", png()), model="wan2.7-i2v")
    assert last_reply(bare) == "`prompt` is needed for wan2.7-i2v: describe what should happen in the video."
    assert not dashscope.requests

    await alice.slash(channel, "wan-animate", image=("cat.png", png()), model="wan2.7-i2v", prompt="the cat waves",
                      camera="push-in", resolution="720P", duration=3)  # fmt: skip
    assert await run_until(env, lambda: bool(channel.last_message and channel.last_message.attachments))
    (body,) = creates(dashscope)
    assert "img_url" not in body["input"]
    assert body["input"]["prompt"] == "the camera slowly pushes in. the cat waves"  # prompt help, guide's order
    (item,) = body["input"]["media"]
    assert item["type"] == "first_frame" and item["url"].startswith("data:image/png;base64,")
    assert body["parameters"] == {"resolution": "720P", "duration": 3}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", 3000), ("commit", 0)]  # 3 s at 0.6 CNY/s


@pytest.mark.simcord(settle_timeout=30)
async def test_commands_and_the_menu_are_synced_with_their_translations(world):
    env, _channel, _alice = world
    (put,) = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    synced = {(c["name"], c.get("type", 1)): c for c in put.json}
    animate, frames, reference = (synced[(n, 1)] for n in ("wan-animate", "wan-frames", "wan-reference"))
    assert animate["description_localizations"]["zh-CN"] == "让一张图片动起来，生成短视频"
    assert frames["description_localizations"]["zh-TW"] == "製作從首幀圖片過渡到尾幀圖片的影片"
    assert reference["description_localizations"]["id"].startswith("Buat video yang dibintangi")
    assert [o["name"] for o in reference["options"][:7]] == ["prompt", "ref1", "ref2", "ref3", "ref4", "ref5", "model"]
    menu = synced[("Animate", 3)]  # a message command
    assert menu["name_localizations"]["zh-CN"] == "生成动画" and menu["name_localizations"]["id"] == "Animasikan"


def wav(seconds: float = 3.0, rate: int = 16000) -> bytes:
    """A real PCM WAV of silence."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return buf.getvalue()


@pytest.mark.simcord(settle_timeout=30)
async def test_a_soundtrack_reaches_each_model_in_its_own_field(world, dashscope: Simulator):
    env, channel, alice = world
    sound = wav()
    await alice.slash(channel, "wan-animate", image=("cat.png", png()), prompt="the cat sings", model="wan2.7-i2v",
                      audio_file=("song.wav", sound), resolution="720P")  # fmt: skip
    await alice.slash(channel, "wan-animate", image=("cat.png", png()), prompt="the cat sings",
                      model="wan2.6-i2v-flash", audio_file=("song.wav", sound), resolution="720P")  # fmt: skip
    assert await run_until(env, lambda: len(creates(dashscope)) == 2)
    media27, flash = creates(dashscope)
    first, driving = media27["input"]["media"]
    assert first["type"] == "first_frame" and driving["type"] == "driving_audio"
    # Sound is never inlined: it goes up as a temporary file, byte for byte.
    assert dashscope.uploads[driving["url"].removeprefix("oss://")][1] == sound
    assert dashscope.uploads[flash["input"]["audio_url"].removeprefix("oss://")][1] == sound
    assert flash["input"]["img_url"].startswith("data:image/png;base64,")
