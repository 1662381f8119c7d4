"""`/wan-edit` end to end: each VACE function sends exactly its documented fields (spec 09 §6.2).

SimCord plays Discord, the simulator plays DashScope, both on one virtual clock. VACE takes no
data URIs, so every file reaches the request as an oss:// temporary upload; `uploaded()` reads
the bytes behind one. One 5 s VACE video costs 0.70 CNY/s, i.e. 5834 quota milliseconds.
"""

from __future__ import annotations

from typing import Any

import pytest
from simcord import OptionError

from bot.wan.simulator import Simulator

from .conftest import message, png, run_until
from .test_image_to_video import creates, last_reply, ledger, only_job
from .test_reference import mp4, uploaded

MODEL = "wanx2.1-vace-plus"
FIVE_SECONDS_MS = 5834  # 5 s x 0.70 CNY/s over the 0.6 CNY quota second
CAT = png(640, 480, (230, 160, 60))
GARDEN = png(640, 480, (40, 160, 60))
MASK = png(480, 360, (255, 255, 255))
CLIP = mp4(1.0, 480, 360, fps=16)  # VACE wants at least 16 fps
MASK_CLIP = mp4(1.0, 480, 360, fps=16)


async def finished(env: Any, channel: Any) -> Any:
    """Wait for the delivered video; returns the status message as it ends."""
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    assert channel.last_message.attachments[0].filename.endswith(".mp4")
    final = message(channel, status.id)
    assert "✅" in final.content
    return final


async def nothing_happened(env: Any, channel: Any, dashscope: Simulator) -> None:
    assert not creates(dashscope)
    assert channel.last_message is None  # no status message
    assert await ledger(env.bot) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_reference_sends_the_pictures_in_order_with_one_obj_or_bg_each(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-edit reference", prompt="a cat naps in a garden",
                               image1=("cat.png", CAT), image2=("garden.png", GARDEN), background="image2",
                               aspect="1:1", seed=7)  # fmt: skip
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    assert "about 5.8 of your quota seconds" in last_reply(result)
    await finished(env, channel)

    (body,) = creates(dashscope)
    assert body["model"] == MODEL
    assert set(body["input"]) == {"function", "prompt", "ref_images_url"}
    assert body["input"]["function"] == "image_reference"
    assert body["input"]["prompt"] == "a cat naps in a garden"
    cat, garden = body["input"]["ref_images_url"]
    assert uploaded(dashscope, cat) == CAT and uploaded(dashscope, garden) == GARDEN
    assert body["parameters"] == {"obj_or_bg": ["obj", "bg"], "size": "960*960", "seed": 7}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", FIVE_SECONDS_MS), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_reference_with_one_subject_leaves_obj_or_bg_and_size_to_the_service(world, dashscope: Simulator):
    env, channel, alice = world
    await alice.slash(channel, "wan-edit reference", prompt="a cat dances", image1=("cat.png", CAT))
    await finished(env, channel)
    (body,) = creates(dashscope)
    assert body["input"]["function"] == "image_reference" and len(body["input"]["ref_images_url"]) == 1
    assert "parameters" not in body  # obj_or_bg defaults to ["obj"], size to 1280*720


@pytest.mark.simcord(settle_timeout=30)
async def test_repaint_keeps_the_chosen_control_and_swaps_in_the_subject(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-edit repaint", video=("dance.mp4", CLIP), prompt="a robot dancing",
                               control="depth", strength=0.6, subject=("cat.png", CAT), rewrite=False)  # fmt: skip
    assert "about 5.8 of your quota seconds" in last_reply(result)
    await finished(env, channel)

    (body,) = creates(dashscope)
    assert body["model"] == MODEL
    assert set(body["input"]) == {"function", "prompt", "video_url", "ref_images_url"}
    assert body["input"]["function"] == "video_repainting"
    assert uploaded(dashscope, body["input"]["video_url"]) == CLIP
    (subject,) = body["input"]["ref_images_url"]
    assert uploaded(dashscope, subject) == CAT
    assert body["parameters"] == {"control_condition": "depth", "strength": 0.6, "prompt_extend": False}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(1.0)
    assert await ledger(env.bot, job.id) == [("reserve", FIVE_SECONDS_MS), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_local_edit_with_a_mask_picture_sends_the_mask_and_its_tracking_options(world, dashscope: Simulator):
    env, channel, alice = world
    await alice.slash(channel, "wan-edit local", video=("street.mp4", CLIP), prompt="a red car instead",
                      mask_image=("mask.png", MASK), mask_frame=3, mask_type="tracking", expand_ratio=0.1,
                      expand_mode="bbox", control="posebodyface", aspect="16:9")  # fmt: skip
    await finished(env, channel)

    (body,) = creates(dashscope)
    assert set(body["input"]) == {"function", "prompt", "video_url", "mask_image_url", "mask_frame_id"}
    assert body["input"]["function"] == "video_edit"
    assert uploaded(dashscope, body["input"]["video_url"]) == CLIP
    assert uploaded(dashscope, body["input"]["mask_image_url"]) == MASK
    assert body["input"]["mask_frame_id"] == 3  # in `input`, as the official example places it
    assert body["parameters"] == {
        "mask_type": "tracking", "expand_ratio": 0.1, "expand_mode": "bbox", "control_condition": "posebodyface",
        "size": "1280*720",
    }  # fmt: skip
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", FIVE_SECONDS_MS), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_local_edit_with_a_mask_video_and_a_fixed_mask(world, dashscope: Simulator):
    env, channel, alice = world
    await alice.slash(channel, "wan-edit local", video=("street.mp4", CLIP), prompt="remove the sign",
                      mask_video=("mask.mp4", MASK_CLIP), mask_type="fixed")  # fmt: skip
    await finished(env, channel)
    (body,) = creates(dashscope)
    assert set(body["input"]) == {"function", "prompt", "video_url", "mask_video_url"}
    assert uploaded(dashscope, body["input"]["mask_video_url"]) == MASK_CLIP
    assert body["parameters"] == {"mask_type": "fixed"}


@pytest.mark.simcord(settle_timeout=30)
async def test_extend_builds_on_an_opening_clip_towards_a_last_picture(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-edit extend", prompt="the cat walks into the garden",
                               first_clip=("start.mp4", CLIP), last_frame=("garden.png", GARDEN))  # fmt: skip
    assert "about 5.8 of your quota seconds" in last_reply(result)  # the output is 5 s in all
    await finished(env, channel)

    (body,) = creates(dashscope)
    assert body["model"] == MODEL
    assert set(body["input"]) == {"function", "prompt", "first_clip_url", "last_frame_url"}
    assert body["input"]["function"] == "video_extension"
    assert uploaded(dashscope, body["input"]["first_clip_url"]) == CLIP
    assert uploaded(dashscope, body["input"]["last_frame_url"]) == GARDEN
    assert "parameters" not in body  # duration is fixed at 5 and is never sent
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", FIVE_SECONDS_MS), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_extend_with_a_motion_video_sends_its_control(world, dashscope: Simulator):
    env, channel, alice = world
    await alice.slash(channel, "wan-edit extend", prompt="she keeps dancing", first_frame=("cat.png", CAT),
                      video=("moves.mp4", CLIP), control="posebodyface")  # fmt: skip
    await finished(env, channel)
    (body,) = creates(dashscope)
    assert set(body["input"]) == {"function", "prompt", "first_frame_url", "video_url"}
    assert uploaded(dashscope, body["input"]["video_url"]) == CLIP
    assert body["parameters"] == {"control_condition": "posebodyface"}


@pytest.mark.simcord(settle_timeout=30)
async def test_outpaint_sends_only_the_sides_that_grow(world, dashscope: Simulator):
    env, channel, alice = world
    await alice.slash(channel, "wan-edit outpaint", video=("room.mp4", CLIP), prompt="more of the room",
                      left=1.5, right=1.5, seed=3)  # fmt: skip
    await finished(env, channel)

    (body,) = creates(dashscope)
    assert body["model"] == MODEL
    assert set(body["input"]) == {"function", "prompt", "video_url"}
    assert body["input"]["function"] == "video_outpainting"
    assert uploaded(dashscope, body["input"]["video_url"]) == CLIP
    assert body["parameters"] == {"left_scale": 1.5, "right_scale": 1.5, "seed": 3}
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert job.meta["input_seconds"] == pytest.approx(1.0)
    assert await ledger(env.bot, job.id) == [("reserve", FIVE_SECONDS_MS), ("commit", 0)]


@pytest.mark.simcord(settle_timeout=30)
async def test_a_picture_where_a_video_is_needed_is_refused_naming_the_option(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-edit repaint", video=("cat.png", CAT), prompt="a robot",
                               control="depth")  # fmt: skip
    assert result.ephemeral
    assert last_reply(result) == "`video`: this is a PNG file, not a video. Use one of these formats: MP4."
    assert not dashscope.requests  # nothing uploaded, nothing created
    masked = await alice.slash(channel, "wan-edit local", video=("street.mp4", CLIP), prompt="a red car",
                               mask_video=("mask.png", MASK))  # fmt: skip
    assert last_reply(masked).startswith("`mask_video`: this is a PNG file, not a video.")
    # The video read before the mask was already uploaded (temporary, free); no task was created.
    await nothing_happened(env, channel, dashscope)


@pytest.mark.simcord(settle_timeout=30)
async def test_values_outside_the_documented_ranges_are_refused_naming_the_option(world, dashscope: Simulator):
    env, channel, alice = world
    # Declared ranges (from the catalog) make Discord refuse before the bot is even asked.
    with pytest.raises(OptionError) as wide:
        await alice.slash(channel, "wan-edit outpaint", video=("room.mp4", CLIP), prompt="more", top=2.5)
    assert wide.value.option == "top" and "≤ 2.0" in str(wide.value)
    with pytest.raises(OptionError) as strong:
        await alice.slash(channel, "wan-edit repaint", video=("a.mp4", CLIP), prompt="x", control="depth",
                          strength=1.5)  # fmt: skip
    assert strong.value.option == "strength"
    # What Discord cannot check, the bot does: both clips together at most 3 s.
    long_clip = mp4(2.0, 480, 360, fps=16)
    clips = await alice.slash(channel, "wan-edit extend", prompt="go on", first_clip=("a.mp4", long_clip),
                              last_clip=("b.mp4", long_clip))  # fmt: skip
    assert last_reply(clips) == (
        "`first_clip` and `last_clip` are 4 s long together; together they may be at most 3 s."
    )
    too_long = await alice.slash(channel, "wan-edit extend", prompt="go on", first_clip=("a.mp4", mp4(3.5, fps=16)))
    assert last_reply(too_long).startswith("`first_clip`: the video is 3.5 s long; this model accepts at most 3 s.")
    nothing = await alice.slash(channel, "wan-edit outpaint", video=("room.mp4", CLIP), prompt="more", top=1.0)
    assert last_reply(nothing).startswith("Set at least one of `top`, `bottom`, `left` or `right` above 1")
    await nothing_happened(env, channel, dashscope)


@pytest.mark.simcord(settle_timeout=30)
async def test_inputs_the_function_cannot_use_together_are_refused_before_any_upload(world, dashscope: Simulator):
    env, channel, alice = world
    edit = {"video": ("street.mp4", CLIP), "prompt": "a red car"}
    no_mask = await alice.slash(channel, "wan-edit local", **edit)
    assert last_reply(no_mask).startswith("Attach a mask as `mask_image` or `mask_video`")
    two = await alice.slash(channel, "wan-edit local", mask_image=("m.png", MASK), mask_video=("m.mp4", MASK_CLIP),
                            **edit)  # fmt: skip
    assert last_reply(two) == "Attach only one mask: `mask_image` or `mask_video`, not both."
    frame = await alice.slash(channel, "wan-edit local", mask_video=("m.mp4", MASK_CLIP), mask_frame=2, **edit)
    assert last_reply(frame).startswith("`mask_frame` says which frame a mask picture shows")
    fixed = await alice.slash(channel, "wan-edit local", mask_image=("m.png", MASK), mask_type="fixed",
                              expand_ratio=0.2, **edit)  # fmt: skip
    assert last_reply(fixed).startswith("`expand_ratio` only works when the mask follows the object")
    motion = await alice.slash(channel, "wan-edit extend", prompt="go on", video=("moves.mp4", CLIP))
    assert last_reply(motion).startswith("`control` is needed with a motion `video`: choose pose, body and face")
    empty = await alice.slash(channel, "wan-edit extend", prompt="go on")
    assert last_reply(empty).startswith("Attach something to build on:")
    background = await alice.slash(channel, "wan-edit reference", prompt="x", image1=("cat.png", CAT),
                                   background="image3")  # fmt: skip
    assert last_reply(background).startswith("`background` is image3, but `image3` is not attached.")
    assert not dashscope.requests  # refused before reading or uploading a single file
    await nothing_happened(env, channel, dashscope)


@pytest.mark.simcord(settle_timeout=30)
async def test_a_mask_video_must_be_as_long_as_the_video(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-edit local", video=("street.mp4", CLIP), prompt="a red car",
                               mask_video=("mask.mp4", mp4(2.0, 480, 360, fps=16)))  # fmt: skip
    assert last_reply(result) == (
        "`mask_video` is 2 s long but `video` is 1 s: the mask video must be exactly as long as the video."
    )
    await nothing_happened(env, channel, dashscope)


@pytest.mark.simcord(settle_timeout=30)
async def test_a_failed_task_is_explained_and_refunded(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(outcome="FAILED", code="InvalidParameter", message="The size of mask image is not match video.")
    await alice.slash(channel, "wan-edit local", video=("street.mp4", CLIP), prompt="a red car",
                      mask_image=("mask.png", MASK))  # fmt: skip
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)
    shown = message(channel, status.id).content
    assert "The video service refused the request's settings." in shown and "refunded" in shown
    job = await only_job(env.bot, alice.id, channel.guild.id)
    assert await ledger(env.bot, job.id) == [("reserve", FIVE_SECONDS_MS), ("refund", -FIVE_SECONDS_MS)]


@pytest.fixture
def in_virginia(bot_settings: dict[str, Any]) -> None:
    """A bot whose key is for Virginia, where VACE has no model id."""
    bot_settings["dashscope_region"] = "virginia"


@pytest.mark.simcord(settle_timeout=30)
async def test_a_virginia_bot_has_no_wan_edit(in_virginia, world):
    _env, channel, alice = world
    offered = alice.available_commands(channel)
    assert "wan-video" in offered  # the region has other commands, just not this one
    assert not any(name.startswith("wan-edit") for name in offered)
