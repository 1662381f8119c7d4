"""Emoji reactions that run effect templates, end to end in SimCord with the simulator on one virtual clock."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.jobs.reaction_map import default_reaction_map, emoji_key, merge, template_for
from bot.wan.catalog.effects import EFFECTS
from bot.wan.simulator import Simulator

from .conftest import message, png, run_until


def creates(dashscope: Simulator) -> list[Any]:
    return [r for r in dashscope.requests if r.method == "POST" and r.path.endswith("video-synthesis")]


async def ledger_of(bot: Any, guild_id: int) -> list[tuple[int, str]]:
    """Every quota row of the guild as (user, kind)."""
    rows = await bot.engine.db.fetchall("SELECT user_id, kind FROM ledger WHERE guild_id = ? ORDER BY id", (guild_id,))
    return [(r["user_id"], r["kind"]) for r in rows]


async def picture(alice: Any, channel: Any) -> Any:
    return await alice.send(channel, "my cat", attachments=[("cat.png", png(640, 640))])


def reactions(channel: Any, msg: Any, emoji: str) -> int:
    """How many members currently react to `msg` with `emoji`."""
    current = message(channel, msg.id)
    return sum(r.count for r in current.reactions if str(r.emoji) == emoji)


def dms(member: Any) -> list[str]:
    return [m.content for m in member.user.dm_channel.history()]


@pytest.fixture
def bob(world: Any) -> Any:
    env, channel, _alice = world
    return channel.guild.add_member(env.create_user("bob"))


# -- the default map -------------------------------------------------------------------------


def test_default_map_has_one_distinct_emoji_per_template():
    mapping = default_reaction_map()
    assert sorted(mapping.values()) == sorted(e.template for e in EFFECTS) and len(mapping) == 31
    assert len({emoji_key(e) for e in mapping}) == 31  # distinct even without variation selectors
    assert mapping["🤏"] == "squish" and mapping["👘"] == "hanfu-1"


def test_admin_overrides_unmap_and_add_emoji():
    mapping = merge({"🤏": "", "<:wave:123>": "squish", "👍": "no-such-template"})
    assert template_for(mapping, "🤏") is None and template_for(mapping, "👍") is None
    assert template_for(mapping, "<:wave:123>") == "squish"
    assert template_for(mapping, "<a:wave_renamed:123>") == "squish"  # custom emoji match by id
    assert template_for(mapping, "👁") == "pupil" and template_for(mapping, "⚙") == "mech1"  # with or without U+FE0F


# -- reactions --------------------------------------------------------------------------------


@pytest.mark.simcord(settle_timeout=30)
async def test_reaction_runs_the_template_on_the_picture_for_the_reacting_member(world, bob, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    await bob.react(img, "🤏")
    status = channel.last_message
    assert status.id != img.id and status.reference is not None and status.reference.message_id == img.id
    assert "🤏 Stress-relief squish effect" in status.content and bob.mention in status.content
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    video = channel.last_message
    assert video.attachments[0].filename.endswith(".mp4")
    assert "✅" in message(channel, status.id).content
    [create] = creates(dashscope)
    assert create.body["model"] == "wanx2.1-i2v-turbo" and create.body["input"]["template"] == "squish"
    assert create.body["input"]["img_url"].startswith("data:image/")
    assert await ledger_of(env.bot, channel.guild.id) == [(bob.id, "reserve"), (bob.id, "commit")]
    [job] = await env.bot.engine.jobs.recent(bob.id, channel.guild.id)
    assert job.source_message_id == img.id and job.dedupe_key == f"reaction:{img.id}:🤏:{bob.id}"
    assert not dms(bob)


@pytest.mark.simcord(settle_timeout=30)
async def test_kf2v_reaction_sends_the_first_frame_only(world, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    await alice.react(img, "👘")
    await env.advance_time(2)  # the engine submits on its next tick
    [create] = creates(dashscope)
    assert create.body["model"] == "wanx2.1-kf2v-plus" and set(create.body["input"]) == {"first_frame_url", "template"}
    assert await ledger_of(env.bot, channel.guild.id) == [(alice.id, "reserve")]


@pytest.mark.simcord(settle_timeout=30)
async def test_unmapped_emoji_and_pictureless_messages_do_nothing(world, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    text = await alice.send(channel, "no picture here")
    await alice.react(img, "👍")
    await alice.react(text, "🤏")
    await env.advance_time(60)
    assert [m.id for m in channel.history()] == [img.id, text.id]
    assert not dashscope.requests and not dms(alice)
    assert reactions(channel, img, "👍") == 1 and reactions(channel, text, "🤏") == 1  # left alone
    assert await ledger_of(env.bot, channel.guild.id) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_admin_unmapped_default_emoji_is_ignored(world, dashscope: Simulator):
    env, channel, alice = world
    await env.bot.engine.guilds.map_reaction(channel.guild.id, "🤏", None)
    img = await picture(alice, channel)
    await alice.react(img, "🤏")
    await env.advance_time(30)
    assert channel.last_message.id == img.id and not dashscope.requests and not dms(alice)


@pytest.mark.simcord(settle_timeout=30)
async def test_reactions_switched_off_are_ignored(world, dashscope: Simulator):
    env, channel, alice = world
    await env.bot.engine.guilds.update(channel.guild.id, 0.0, reactions_enabled=False)
    img = await picture(alice, channel)
    await alice.react(img, "🤏")
    assert channel.last_message.id == img.id and not dashscope.requests


@pytest.mark.simcord(settle_timeout=30)
async def test_custom_server_emoji_mapped_by_the_admin_works(world, dashscope: Simulator):
    env, channel, alice = world
    await env.bot.engine.guilds.map_reaction(channel.guild.id, "<:wave:123>", "melt")
    img = await picture(alice, channel)
    await alice.react(img, "wave:123")  # SimCord's spelling of the custom emoji <:wave:123>
    status = channel.last_message
    assert status.reference.message_id == img.id and "<:wave:123> Heat-wave melt effect" in status.content
    await env.advance_time(2)
    [create] = creates(dashscope)
    assert create.body["model"] == "wanx2.1-i2v-plus" and create.body["input"]["template"] == "melt"
    [job] = await env.bot.engine.jobs.recent(alice.id, channel.guild.id)
    assert job.dedupe_key == f"reaction:{img.id}:<:wave:123>:{alice.id}"


@pytest.fixture
def tiny_allowance(bot_settings: dict[str, Any]) -> None:
    bot_settings["default_allowance_seconds"] = 0.001


@pytest.mark.simcord(settle_timeout=30)
async def test_quota_refusal_removes_the_reaction_and_explains_by_dm(tiny_allowance, world, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    await alice.react(img, "🤏")
    assert reactions(channel, img, "🤏") == 0  # taken off again
    [dm] = dms(alice)
    assert dm.startswith(f"Your 🤏 reaction did not start the Stress-relief squish effect on {img.jump_url}: ")
    assert "quota seconds and you have 0.0 left" in dm
    assert channel.last_message.id == img.id and not dashscope.requests
    assert await ledger_of(env.bot, channel.guild.id) == []
    assert await env.bot.engine.jobs.recent(alice.id, channel.guild.id) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_closed_dms_fall_back_to_a_reply_that_deletes_itself(tiny_allowance, world, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    dm_channel = alice.user.dm_channel
    env.inject_error("POST", f"/channels/{dm_channel.id}/messages", status=403, code=50007,
                     message="Cannot send messages to this user")  # fmt: skip
    await alice.react(img, "🤏")
    assert reactions(channel, img, "🤏") == 0 and not dms(alice)
    reply = channel.last_message
    assert reply.reference.message_id == img.id
    assert reply.content.startswith(f"{alice.mention} your 🤏 reaction did not start the Stress-relief squish effect")
    assert "quota seconds" in reply.content
    await env.advance_time(31)
    assert [m.id for m in channel.history()] == [img.id]  # the explanation is gone
    assert not dashscope.requests and await ledger_of(env.bot, channel.guild.id) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_same_reaction_again_while_running_is_a_duplicate(world, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    await alice.react(img, "🤏")
    status = channel.last_message
    await alice.unreact(img, "🤏")
    await alice.react(img, "🤏")
    assert reactions(channel, img, "🤏") == 0
    [dm] = dms(alice)
    assert "That is already being made:" in dm and str(status.id) in dm
    await env.advance_time(2)
    assert len(creates(dashscope)) == 1
    assert await ledger_of(env.bot, channel.guild.id) == [(alice.id, "reserve")]
    assert channel.last_message.id == status.id  # no second status message


@pytest.mark.simcord(settle_timeout=30)
async def test_after_a_failure_the_same_reaction_may_run_again(world, dashscope: Simulator):
    env, channel, alice = world
    dashscope.plan(outcome="FAILED", code="InternalError.Algo", message="algorithm error")
    img = await picture(alice, channel)
    await alice.react(img, "🤏")
    first = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, first.id).content)
    await alice.unreact(img, "🤏")
    await alice.react(img, "🤏")
    second = channel.last_message
    assert second.id != first.id and second.reference.message_id == img.id and not dms(alice)
    await env.advance_time(2)
    assert len(creates(dashscope)) == 2
    kinds = await ledger_of(env.bot, channel.guild.id)
    assert kinds == [(alice.id, "reserve"), (alice.id, "refund"), (alice.id, "reserve")]


@pytest.mark.simcord(settle_timeout=30)
async def test_bots_reactions_are_ignored(world, dashscope: Simulator):
    env, channel, alice = world
    robot = channel.guild.add_member(env.create_user("robot", bot=True))
    img = await picture(alice, channel)
    await robot.react(img, "🤏")
    assert channel.last_message.id == img.id and not dashscope.requests


@pytest.mark.simcord(settle_timeout=30)
async def test_refusals_speak_the_guilds_preferred_language(tiny_allowance, world, dashscope: Simulator):
    env, _channel, _alice = world
    guild = env.create_guild("视频", preferred_locale="zh-CN")
    channel = guild.create_text_channel("视频")
    wei = guild.add_member(env.create_user("wei"))
    img = await picture(wei, channel)
    await wei.react(img, "🫠")
    [dm] = dms(wei)
    assert dm.startswith(f"你在 {img.jump_url} 上的 🫠 回应没有启动热浪融化特效：")
    assert reactions(channel, img, "🫠") == 0 and not dashscope.requests


@pytest.mark.simcord(settle_timeout=30, approved_intents=discord.Intents.default())
async def test_without_the_message_content_intent_only_pictures_that_mention_the_bot_work(world, dashscope: Simulator):
    """Discord hides other members' attachments from bots without Message Content, even through the API."""
    env, channel, alice = world
    hidden = await picture(alice, channel)
    await alice.react(hidden, "🤏")
    assert channel.last_message.id == hidden.id and not dms(alice)  # nothing to read, so nothing happens
    shown = await alice.send(channel, f"{env.bot.user.mention} my cat", attachments=[("cat.png", png(640, 640))])
    await alice.react(shown, "🤏")
    status = channel.last_message
    assert status.reference is not None and status.reference.message_id == shown.id
    await env.advance_time(2)
    assert len(creates(dashscope)) == 1


@pytest.fixture
def in_virginia(bot_settings: dict[str, Any]) -> None:
    """A bot whose key is for Virginia, where no effect model is offered."""
    bot_settings["dashscope_region"] = "virginia"


@pytest.mark.simcord(settle_timeout=30)
async def test_effects_the_region_lacks_are_ignored_like_unmapped_emoji(in_virginia, world, dashscope: Simulator):
    env, channel, alice = world
    img = await picture(alice, channel)
    await alice.react(img, "🤏")
    await env.advance_time(10)
    assert channel.last_message.id == img.id and reactions(channel, img, "🤏") == 1
    assert not dms(alice) and not dashscope.requests
