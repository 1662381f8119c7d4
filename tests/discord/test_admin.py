"""`/wan-admin` end to end: a manager changes a setting, and members' next requests obey it."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.jobs.quota import REFERENCE_CNY
from bot.wan.simulator import Simulator

from .conftest import message, run_until

T2V = {"model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}  # 2.5 quota seconds


def last_text(result: Any) -> str:
    return (result.followups or [result.response])[-1].content


def field(embed: Any, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


def manager(env: Any, channel: Any, name: str = "mod") -> Any:
    """A member with Manage Server (and so without a quota: managers are exempt by default)."""
    role = channel.guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    return channel.guild.add_member(env.create_user(name), roles=[role])


def syntheses(dashscope: Simulator) -> list[Any]:
    return [r for r in dashscope.requests if r.path.endswith("video-synthesis")]


async def ledger_rows(bot: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in await bot.engine.db.fetchall("SELECT * FROM ledger ORDER BY id")]


@pytest.mark.simcord(settle_timeout=30)
async def test_member_allowance_refuses_the_next_video_over_it(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    result = await mod.slash(channel, "wan-admin quota set", target=alice, seconds=2)
    assert result.ephemeral
    assert last_text(result) == (
        f"<@{alice.id}> may now use **2.0** quota seconds per day (instead of the role or server allowance)."
    )

    refused = await alice.slash(channel, "wan-video", prompt="a fox", **T2V)
    assert refused.ephemeral
    assert last_text(refused).startswith("That would use 2.5 quota seconds and you have 2.0 left.")
    assert not syntheses(dashscope) and await ledger_rows(env.bot) == [] and channel.last_message is None

    negative = await mod.slash(channel, "wan-admin quota set", target=alice, seconds=-5)
    assert last_text(negative) == "`seconds` -5 is not allowed: use a number of quota seconds from 0 to 10,000,000."
    assert (await env.bot.engine.guilds.overrides(channel.guild.id))[0]["allowance_ms"] == 2000

    cleared = await mod.slash(channel, "wan-admin quota clear", target=alice)
    assert last_text(cleared).startswith(
        f"<@{alice.id}> no longer has an allowance of its own.\nServer default: **60.0**"
    )
    again = await alice.slash(channel, "wan-video", prompt="a fox", **T2V)
    assert last_text(again).startswith("Queued:") and "(57.5 left this period)" in last_text(again)
    assert [r["kind"] for r in await ledger_rows(env.bot)] == ["reserve"]


@pytest.mark.simcord(settle_timeout=30)
async def test_role_override_and_guild_default(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    guild = channel.guild
    patrons = guild.create_role("Patrons")
    carol = guild.add_member(env.create_user("carol"), roles=[patrons])

    default = await mod.slash(channel, "wan-admin quota default", seconds=1, period="week", budget=100)
    assert last_text(default) == (
        "Server default: **1.0** quota seconds per member per week. Server budget per week: 100.0. "
        "Managers exempt: yes."
    )
    role = await mod.slash(channel, "wan-admin quota set", target=patrons, seconds=10)
    assert last_text(role).startswith(f"Members with <@&{patrons.id}> may now use **10.0** quota seconds per week")

    refused = await alice.slash(channel, "wan-video", prompt="a fox", **T2V)
    assert last_text(refused).startswith("That would use 2.5 quota seconds and you have 1.0 left.")
    accepted = await carol.slash(channel, "wan-video", prompt="a fox", **T2V)
    assert last_text(accepted).startswith("Queued:") and "(7.5 left this period)" in last_text(accepted)
    rows = await ledger_rows(env.bot)
    assert [(r["user_id"], r["kind"], r["amount_ms"]) for r in rows] == [(carol.id, "reserve", 2500)]

    shown = await carol.slash(channel, "wan-account show")
    embed = shown.response.embeds[0]
    assert field(embed, "Remaining") == "**7.5** of 10.0 quota seconds (2.5 used this period)"
    assert field(embed, "Period") == "week"
    assert field(embed, "Server budget") == "2.5 of 100.0 quota seconds used by everyone this period (97.5 left)"

    exempt = await mod.slash(channel, "wan-admin quota exempt", target=alice)
    assert last_text(exempt) == f"<@{alice.id}> now makes videos without a quota (the server budget still applies)."
    assert last_text(await alice.slash(channel, "wan-video", prompt="a fox", **T2V)).startswith("Queued:")
    both = await mod.slash(channel, "wan-admin quota default", budget=5, remove_budget=True)
    assert last_text(both) == "Give either `budget` (5) or `remove_budget`, not both."


@pytest.mark.simcord(settle_timeout=30)
async def test_channel_restriction_refuses_videos_elsewhere(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    other = channel.guild.create_text_channel("chat")
    added = await mod.slash(channel, "wan-admin channels add", channel=channel)
    assert last_text(added) == f"Videos can now be made only in: <#{channel.id}>."

    refused = await alice.slash(other, "wan-video", prompt="a fox", **T2V)
    assert last_text(refused) == f"Videos can only be made in these channels here: <#{channel.id}>."
    assert await ledger_rows(env.bot) == [] and other.last_message is None
    assert last_text(await alice.slash(channel, "wan-video", prompt="a fox", **T2V)).startswith("Queued:")

    missing = await mod.slash(channel, "wan-admin channels remove", channel=other)
    assert last_text(missing) == (
        f"<#{other.id}> is not on the list of allowed channels. Videos can now be made only in: <#{channel.id}>."
    )
    cleared = await mod.slash(channel, "wan-admin channels clear")
    assert last_text(cleared) == "Videos can be made in every channel."
    assert last_text(await alice.slash(other, "wan-video", prompt="a fox", **T2V)).startswith("Queued:")


@pytest.mark.simcord(settle_timeout=30)
async def test_disabled_model_is_hidden_and_refused(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    before = [c["value"] for c in await alice.autocomplete(channel, "wan-video", "model", "wan2.5")]
    assert "wan2.5-t2v-preview" in before
    admin_choices = [c["value"] for c in await mod.autocomplete(channel, "wan-admin models disable", "model", "t2v")]
    assert "wan2.5-t2v-preview" in admin_choices

    off = await mod.slash(channel, "wan-admin models disable", model="wan2.5-t2v-preview")
    assert last_text(off) == (
        "**wan2.5-t2v-preview** is now switched off on this server.\n"
        "Switched off: models `wan2.5-t2v-preview`; families none."
    )
    after = [c["value"] for c in await alice.autocomplete(channel, "wan-video", "model", "wan2.5")]
    assert "wan2.5-t2v-preview" not in after
    refused = await alice.slash(channel, "wan-video", prompt="a fox", **T2V)
    assert last_text(refused) == "`model` wan2.5-t2v-preview has been switched off on this server by its admins."
    assert not syntheses(dashscope) and await ledger_rows(env.bot) == []
    enable_choices = await mod.autocomplete(channel, "wan-admin models enable", "model", "")
    assert [c["value"] for c in enable_choices] == ["wan2.5-t2v-preview"]

    unknown = await mod.slash(channel, "wan-admin models disable", model="wan9-nope")
    assert last_text(unknown).startswith(
        "`model` wan9-nope is not a Wan model offered in this bot's region (beijing). Choose one of: "
    )
    assert "wan2.6-t2v" in last_text(unknown)

    family = await mod.slash(channel, "wan-admin families disable", family="t2v")
    assert last_text(family).endswith("Switched off: models `wan2.5-t2v-preview`; families `t2v`.")
    assert await alice.autocomplete(channel, "wan-video", "model", "") == []
    on = await mod.slash(channel, "wan-admin models enable", model="wan2.5-t2v-preview")
    assert "Its family `t2v` is still switched off" in last_text(on)
    await mod.slash(channel, "wan-admin families enable", family="t2v")
    assert last_text(await alice.slash(channel, "wan-video", prompt="a fox", **T2V)).startswith("Queued:")
    bad_family = await mod.slash(channel, "wan-admin families disable", family="cartoons")
    assert last_text(bad_family).startswith("`family` cartoons is not a model family offered")


@pytest.mark.simcord(settle_timeout=30)
async def test_reaction_map_set_unmap_and_list(world):
    env, channel, _alice = world
    mod = manager(env, channel)
    guild_id = channel.guild.id
    wave = channel.guild.create_emoji("wave")
    stranger = env.create_guild("Elsewhere").create_emoji("alien")

    choices = await mod.autocomplete(channel, "wan-admin reactions map", "template", "squi")
    assert choices == [{"name": "🤏 squish — Stress-relief squish", "value": "squish"}]

    mapped = await mod.slash(channel, "wan-admin reactions map", emoji="🎈", template="squish")
    assert last_text(mapped) == "🎈 now runs **squish** (Stress-relief squish) when a member reacts to a picture."
    custom = await mod.slash(channel, "wan-admin reactions map", emoji=f"<:wave:{wave.id}>", template="hug")
    assert last_text(custom).startswith(f"<:wave:{wave.id}> now runs **hug**")
    unmapped = await mod.slash(channel, "wan-admin reactions unmap", emoji="🤏")
    assert last_text(unmapped) == "🤏 no longer runs an effect here."
    assert await env.bot.engine.guilds.reaction_map(guild_id) == {"🎈": "squish", f"<:wave:{wave.id}>": "hug", "🤏": ""}

    listed = await mod.slash(channel, "wan-admin reactions list")
    embed = listed.response.embeds[0]
    lines = embed.description.split("\n")
    assert "🎈 → `squish` Stress-relief squish *(set here)*" in lines
    assert f"<:wave:{wave.id}> → `hug` Loving hug *(set here)*" in lines
    assert "🌀 → `rotation` Spin around" in lines  # a default left alone
    assert not any(line.startswith("🤏 →") for line in lines) and lines[-1] == "Switched off here: 🤏"
    assert embed.footer.text.startswith("Emoji reactions are on")

    for emoji, expected in (
        ("hello", "`emoji` hello is not an emoji."),
        (f"<:alien:{stranger.id}>", f"`emoji` <:alien:{stranger.id}> is not one of this server's emoji."),
    ):
        refused = await mod.slash(channel, "wan-admin reactions map", emoji=emoji, template="squish")
        assert last_text(refused).startswith(expected)
    bad = await mod.slash(channel, "wan-admin reactions map", emoji="🎈", template="moonwalk")
    assert last_text(bad).startswith("`template` moonwalk is not an effect template offered here. Choose one of: ")
    assert (await env.bot.engine.guilds.reaction_map(guild_id))["🎈"] == "squish"

    off = await mod.slash(channel, "wan-admin reactions disable")
    assert last_text(off) == "Emoji reactions are off on this server."
    assert (await env.bot.engine.guilds.get(guild_id)).reactions_enabled is False
    note = await mod.slash(channel, "wan-admin reactions map", emoji="🎈", template="rotation")
    assert last_text(note).endswith("switch them on with `/wan-admin reactions enable`.")


@pytest.mark.simcord(settle_timeout=30)
async def test_usage_report_matches_the_ledger(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    bob = channel.guild.add_member(env.create_user("bob"))
    await alice.slash(channel, "wan-video", prompt="a red fox", **T2V)
    status = channel.last_message
    assert await run_until(env, lambda: "✅" in message(channel, status.id).content)
    dashscope.plan(outcome="FAILED", code="DataInspectionFailed", message="Input data may be inappropriate.")
    await bob.slash(channel, "wan-video", prompt="something", model="wan2.5-t2v-preview", resolution="720P")
    status = channel.last_message
    assert await run_until(env, lambda: "❌" in message(channel, status.id).content)

    rows = await ledger_rows(env.bot)
    spent = {uid: sum(r["amount_ms"] for r in rows if r["user_id"] == uid) for uid in (alice.id, bob.id)}
    refunded = -sum(r["amount_ms"] for r in rows if r["kind"] == "refund")
    assert spent == {alice.id: 2500, bob.id: 0} and refunded > 0

    report = await mod.slash(channel, "wan-admin usage")
    assert report.ephemeral
    embed = report.response.embeds[0]
    total = sum(spent.values())
    assert f"**{total / 1000:.1f}** quota seconds ≈ **{total / 1000 * REFERENCE_CNY:.2f} CNY** over 2 jobs" in (
        embed.description
    )
    assert embed.description.startswith("This day, since <t:")
    assert field(embed, "Per model") == "`wan2.5-t2v-preview`: 2.5 quota seconds ≈ 1.50 CNY (2 jobs)"
    assert field(embed, "Top members").split("\n") == [
        f"<@{alice.id}>: 2.5 quota seconds ≈ 1.50 CNY (1 jobs)",
        f"<@{bob.id}>: 0.0 quota seconds ≈ 0.00 CNY (1 jobs)",
    ]
    assert sorted(field(embed, "Jobs by state").split("\n")) == ["✅ done: 1", "❌ failed: 1"]
    assert field(embed, "Refunds") == (
        f"1 refunds gave back {refunded / 1000:.1f} quota seconds ≈ {refunded / 1000 * REFERENCE_CNY:.2f} CNY."
    )
    assert embed.footer.text.startswith("Estimated at 0.6 CNY per quota second")

    days = await mod.slash(channel, "wan-admin usage", days=7)
    assert days.response.embeds[0].description.startswith("The last 7 days, since <t:")
    zero = await mod.slash(channel, "wan-admin usage", days=0)
    assert last_text(zero) == "`days` 0 is not allowed: use a whole number from 1 to 366."


@pytest.mark.simcord(settle_timeout=30)
async def test_defaults_safety_and_settings(world, dashscope: Simulator):
    env, channel, alice = world
    mod = manager(env, channel)
    defaults = await mod.slash(channel, "wan-admin defaults", resolution="480P", watermark="on")
    assert last_text(defaults) == "Defaults for members: resolution 480P; sound the model's default; watermark on."
    safety = await mod.slash(channel, "wan-admin safety", spoiler="outside-nsfw")
    assert last_text(safety) == "Spoilers: outside age-restricted channels. Videos only in age-restricted channels: no."
    await mod.slash(channel, "wan-admin quota set", target=alice, seconds=30)

    await alice.slash(channel, "wan-video", prompt="a fox", model="wan2.5-t2v-preview", duration=5)
    assert await run_until(env, lambda: bool(syntheses(dashscope)))
    assert syntheses(dashscope)[0].body["parameters"] == {"size": "832*480", "duration": 5, "watermark": True}

    shown = await mod.slash(channel, "wan-admin settings")
    embed = shown.response.embeds[0]
    assert field(embed, "Own allowances") == f"<@{alice.id}>: 30.0 quota seconds"
    assert field(embed, "Channels") == "Videos can be made in every channel."
    assert field(embed, "Defaults") == last_text(defaults)
    assert field(embed, "Safety") == last_text(safety)
    assert field(embed, "Quota").startswith("Server default: **60.0** quota seconds per member per day.")
    assert field(embed, "Reactions").startswith("on; 31 emoji mapped (0 set here)")
    assert embed.footer.text == "Region: beijing"


@pytest.mark.simcord(settle_timeout=30)
async def test_members_without_manage_server_are_refused(world):
    env, channel, alice = world
    assert "wan-admin quota set" not in alice.available_commands(channel)  # hidden by default permissions
    mod = manager(env, channel)
    assert "wan-admin quota set" in mod.available_commands(channel)

    # A server can still grant the command to anyone (Integrations settings): the bot checks again.
    command = env.backend.find_command("wan-admin", channel.guild.id, type=1)
    channel.guild.set_command_permissions(int(command["id"]), {alice: True})
    result = await alice.slash(channel, "wan-admin channels add", channel=channel)
    assert result.ephemeral
    assert last_text(result) == "Only members with the Manage Server permission can change the bot's settings."
    settings = await alice.slash(channel, "wan-admin settings")
    assert last_text(settings) == "Only members with the Manage Server permission can change the bot's settings."
    assert (await env.bot.engine.guilds.get(channel.guild.id)).allowed_channel_ids == []
