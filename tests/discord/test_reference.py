"""`/wan-reference` end to end: ref1..ref5 become character1..character5, in order, and reference video is billed."""

from __future__ import annotations

import io
from fractions import Fraction

import av
import pytest
from PIL import Image

from bot.wan.simulator import Simulator

from .conftest import message, png, run_until
from .test_image_to_video import creates, last_reply, ledger, only_job

GIRL = png(640, 480, (250, 200, 200))
CLOCK = png(480, 480, (30, 30, 30))


def mp4(seconds: float, width: int = 320, height: int = 240, fps: int = 8) -> bytes:
    """A real H.264 clip of the given length."""
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.time_base = Fraction(1, fps)
        for i in range(int(seconds * fps)):
            frame = av.VideoFrame.from_image(Image.new("RGB", (width, height), (i * 8 % 255, 90, 160)))
            frame.pts = i
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return buf.getvalue()


def uploaded(dashscope: Simulator, url: str) -> bytes:
    """The bytes behind an oss:// temporary URL (references are not accepted as data URIs)."""
    assert url.startswith("oss://")
    return dashscope.uploads[url.removeprefix("oss://")][1]


@pytest.mark.simcord(settle_timeout=30)
async def test_two_pictures_become_character1_and_character2_in_order(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-reference", prompt="character1 looks at character2 on the wall",
                               ref1=("girl.png", GIRL), ref2=("clock.png", CLOCK), model="wan2.6-r2v-flash",
                               aspect="16:9", resolution="720P", duration=5, audio="silent")  # fmt: skip
    assert result.ephemeral and "about 1.2 of your quota seconds" in last_reply(result)  # pictures are free
    status = channel.last_message
    assert "character1 looks at character2" in status.content
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    assert "✅" in message(channel, status.id).content

    (body,) = creates(dashscope)
    assert body["model"] == "wan2.6-r2v-flash"
    first, second = body["input"]["reference_urls"]
    assert uploaded(dashscope, first) == GIRL and uploaded(dashscope, second) == CLOCK
    assert body["input"]["prompt"] == "character1 looks at character2 on the wall"
    assert body["parameters"] == {"size": "1280*720", "duration": 5, "audio": False}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["reference_video_seconds"] == [0.0, 0.0]
    assert await ledger(env.bot, job.id) == [("reserve", 1250), ("commit", 0)]  # 5 s silent 720P, 0.15 CNY/s


@pytest.mark.simcord(settle_timeout=30)
async def test_a_reference_clip_is_billed_up_to_its_share_of_five_seconds(world, dashscope: Simulator):
    env, channel, alice = world
    clip = mp4(2.0)
    dashscope.plan(input_video_seconds=2)  # the service bills the 2 s of reference video too
    await alice.slash(channel, "wan-reference", prompt="Character1 waves at character2", ref1=("her.mp4", clip),
                      ref2=("clock.png", CLOCK), model="wan2.6-r2v-flash", resolution="720P",
                      audio="silent")  # fmt: skip
    assert await run_until(env, lambda: bool(channel.last_message and channel.last_message.attachments))

    (body,) = creates(dashscope)
    video, picture = body["input"]["reference_urls"]
    assert video.endswith(".mp4") and uploaded(dashscope, video) == clip
    assert uploaded(dashscope, picture) == CLOCK
    assert body["parameters"] == {"size": "1280*720", "audio": False}  # aspect unset: 16:9 at the chosen tier
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["reference_video_seconds"][1] == 0.0 and job.meta["reference_video_seconds"][0] == pytest.approx(
        2.0
    )
    # (5 s out + min(2 s, 5 s / 2 references) in) at 0.15 CNY/s over the 0.6 CNY reference second.
    assert await ledger(env.bot, job.id) == [("reserve", 1750), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_a_prompt_must_name_the_references_it_has(world, dashscope: Simulator):
    # Spec 03 §2.3: the model identifies references *only* through character1, character2, ...; a prompt
    # without them would leave every reference unused, so the bot refuses it (the API itself would not).
    env, channel, alice = world
    refs = {"ref1": ("girl.png", GIRL), "ref2": ("clock.png", CLOCK)}
    unnamed = await alice.slash(channel, "wan-reference", prompt="a girl looks at a clock", **refs)
    assert last_reply(unnamed) == (
        "`prompt` does not name any reference. Wan only recognises them by these names: character1, character2 "
        "(ref1 is character1, ref2 is character2, and so on)."
    )
    too_many = await alice.slash(channel, "wan-reference", prompt="character1 and character3 dance", **refs)
    assert last_reply(too_many) == (
        "`prompt` mentions character3, but only these references are attached: character1, character2."
    )
    gap = await alice.slash(channel, "wan-reference", prompt="character1 dances", ref1=("girl.png", GIRL),
                            ref3=("clock.png", CLOCK))  # fmt: skip
    assert last_reply(gap).startswith("`ref3` is attached but `ref2` is empty.")
    lacking = await alice.slash(channel, "wan-reference", prompt="character1 dances", model="wan2.6-r2v",
                                audio="silent", **refs)  # fmt: skip
    assert last_reply(lacking).startswith("`audio` silent is not allowed for wan2.6-r2v:")
    assert not dashscope.requests  # nothing uploaded either
    assert channel.last_message is None
    assert await ledger(env.bot) == []
