"""`/wan-effect` and `/wan-effects` end to end: SimCord for Discord, the simulator for DashScope, one virtual clock."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.wan.catalog.effects import EFFECTS
from bot.wan.simulator import Simulator
from cogs.effects import CHARS_PER_MESSAGE, EMBED_DESCRIPTION, EMBEDS_PER_MESSAGE, gallery_pages

from .conftest import message, png, run_until, with_locale


def creates(dashscope: Simulator) -> list[Any]:
    return [r for r in dashscope.requests if r.method == "POST" and r.path.endswith("video-synthesis")]


def last_reply(result: Any) -> str:
    return (result.followups or [result.response])[-1].content


async def ledger_of(bot: Any, guild_id: int) -> list[tuple[int, str, int]]:
    """Every quota row of the guild as (user, kind, amount)."""
    rows = await bot.engine.db.fetchall(
        "SELECT user_id, kind, amount_ms FROM ledger WHERE guild_id = ? ORDER BY id", (guild_id,)
    )
    return [(r["user_id"], r["kind"], r["amount_ms"]) for r in rows]


async def effect_to_video(env: Any, channel: Any, alice: Any, **options: Any) -> tuple[Any, Any, Any]:
    """Run /wan-effect with a photo and wait for the video; returns (ephemeral result, status, video)."""
    result = await alice.slash(channel, "wan-effect", image=("portrait.png", png(640, 800)), **options)
    status = channel.last_message
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    return result, message(channel, status.id), channel.last_message




@pytest.mark.simcord(settle_timeout=30)
async def test_turbo_template_runs_without_a_prompt_and_charges_the_member(world, dashscope: Simulator):
    env, channel, alice = world
    result, status, video = await effect_to_video(env, channel, alice, template="squish")
    assert result.ephemeral and last_reply(result).startswith("Queued:")
    assert "🤏 Stress-relief squish effect" in status.content and "✅" in status.content
    assert video.attachments[0].filename.endswith(".mp4")
    [create] = creates(dashscope)
    assert create.path.endswith("/services/aigc/video-generation/video-synthesis")
    body = create.body
    assert body["model"] == "wanx2.1-i2v-turbo"
    assert body["input"]["template"] == "squish" and body["input"]["img_url"].startswith("data:image/")
    assert set(body["input"]) == {"img_url", "template"}  # no prompt: a template ignores it
    assert "resolution" not in body.get("parameters", {})
    rows = await ledger_of(env.bot, channel.guild.id)
    assert rows and {r[0] for r in rows} == {alice.id} and rows[0][1] == "reserve" and rows[0][2] > 0
    assert [r[1] for r in rows] == ["reserve", "commit"]


@pytest.mark.simcord(settle_timeout=30)
async def test_turbo_template_at_480p_sends_the_tier(world, dashscope: Simulator):
    env, channel, alice = world
    await effect_to_video(env, channel, alice, template="rotation", resolution="480P")
    [create] = creates(dashscope)
    assert create.body["model"] == "wanx2.1-i2v-turbo" and create.body["parameters"]["resolution"] == "480P"


@pytest.mark.simcord(settle_timeout=30)
async def test_plus_only_template_runs_on_plus(world, dashscope: Simulator):
    env, channel, alice = world
    _result, status, _video = await effect_to_video(env, channel, alice, template="melt")
    assert "Heat-wave melt" in status.content
    [create] = creates(dashscope)
    assert create.body["model"] == "wanx2.1-i2v-plus"
    assert create.body["input"]["template"] == "melt" and "prompt" not in create.body["input"]
    assert [r[1] for r in await ledger_of(env.bot, channel.guild.id)] == ["reserve", "commit"]


@pytest.mark.simcord(settle_timeout=30)
async def test_kf2v_template_sends_only_the_first_frame(world, dashscope: Simulator):
    env, channel, alice = world
    _result, status, video = await effect_to_video(env, channel, alice, template="hanfu-1")
    assert "Tang-dynasty grace" in status.content and video.attachments
    [create] = creates(dashscope)
    assert create.path.endswith("/services/aigc/image2video/video-synthesis")
    assert create.body["model"] == "wanx2.1-kf2v-plus"
    assert set(create.body["input"]) == {"first_frame_url", "template"}
    assert create.body["input"]["template"] == "hanfu-1"
    assert {r[0] for r in await ledger_of(env.bot, channel.guild.id)} == {alice.id}


@pytest.mark.simcord(settle_timeout=30)
async def test_disabled_turbo_falls_back_to_plus(world, dashscope: Simulator):
    env, channel, alice = world
    await env.bot.engine.guilds.update(channel.guild.id, 0.0, disabled_models=["wanx2.1-i2v-turbo"])
    await effect_to_video(env, channel, alice, template="squish")
    assert creates(dashscope)[0].body["model"] == "wanx2.1-i2v-plus"


@pytest.mark.simcord(settle_timeout=30)
async def test_unknown_template_and_wrong_tier_are_refused_before_anything_is_spent(world, dashscope: Simulator):
    env, channel, alice = world
    result = await alice.slash(channel, "wan-effect", image=("p.png", png()), template="moonwalk")
    assert result.ephemeral and "`template` moonwalk is not one of the video effects" in last_reply(result)
    result = await alice.slash(channel, "wan-effect", image=("p.png", png()), template="melt", resolution="480P")
    assert "`resolution` 480P is not allowed for wanx2.1-i2v-plus" in last_reply(result)
    assert not creates(dashscope) and channel.last_message is None
    assert await ledger_of(env.bot, channel.guild.id) == []


@pytest.mark.simcord(settle_timeout=30)
async def test_template_autocomplete_shows_name_photo_and_model(world):
    _env, channel, alice = world
    [squish] = await alice.autocomplete(channel, "wan-effect", "template", "squish")
    assert squish == {"name": "Stress-relief squish · any subject that stands out from the background · "
                      "wanx2.1-i2v-turbo", "value": "squish"}  # fmt: skip
    [melt] = await alice.autocomplete(channel, "wan-effect", "template", "melt")
    assert melt["value"] == "melt" and melt["name"].endswith("· wanx2.1-i2v-plus")
    [hanfu] = await alice.autocomplete(channel, "wan-effect", "template", "hanfu")
    assert hanfu["name"] == "Tang-dynasty grace (hanfu) · one person, half to full body · wanx2.1-kf2v-plus"
    [dance2] = await alice.autocomplete(channel, "wan-effect", "template", "dance2")
    assert "one person, full body" in dance2["name"]
    hugs = await alice.autocomplete(channel, "wan-effect", "template", "hug")
    assert hugs[0]["name"].startswith("Loving hug · two people")
    everything = await alice.autocomplete(channel, "wan-effect", "template", "")
    assert len(everything) == 25 and all(len(c["name"]) <= 100 for c in everything)


@pytest.mark.simcord(settle_timeout=30)
async def test_template_autocomplete_speaks_chinese(world, monkeypatch: pytest.MonkeyPatch):
    _env, channel, alice = world
    with_locale(monkeypatch, "zh-CN")
    [squish] = await alice.autocomplete(channel, "wan-effect", "template", "squish")
    assert squish["name"] == "解压捏捏 · 主体与背景区分清楚的任意照片 · wanx2.1-i2v-turbo"
    [by_name] = await alice.autocomplete(channel, "wan-effect", "template", "唐韵")
    assert by_name == {"name": "唐韵翩然 · 单人照片，半身到全身 · wanx2.1-kf2v-plus", "value": "hanfu-1"}
    with_locale(monkeypatch, "zh-TW")
    [rose] = await alice.autocomplete(channel, "wan-effect", "template", "crystalrose")
    assert rose["name"] == "閃亮玫瑰 · 單人或單隻動物照片，半身到全身 · wanx2.1-i2v-turbo"


@pytest.mark.simcord(settle_timeout=30)
async def test_template_autocomplete_honours_the_guilds_disabled_models(world):
    env, channel, alice = world
    disabled = ["wanx2.1-i2v-turbo", "wanx2.1-kf2v-plus"]
    await env.bot.engine.guilds.update(channel.guild.id, 0.0, disabled_models=disabled)
    [squish] = await alice.autocomplete(channel, "wan-effect", "template", "squish")
    assert squish["name"].endswith("wanx2.1-i2v-plus")
    assert await alice.autocomplete(channel, "wan-effect", "template", "hanfu") == []
    result = await alice.slash(channel, "wan-effect", image=("p.png", png()), template="hanfu-1")
    assert last_reply(result) == (
        "The Tang-dynasty grace (hanfu) effect runs only on wanx2.1-kf2v-plus, which this server's admins have "
        "switched off."
    )


@pytest.fixture
def in_virginia(bot_settings: dict[str, Any]) -> None:
    """A bot whose key is for Virginia, where none of the effect models is offered."""
    bot_settings["dashscope_region"] = "virginia"


@pytest.mark.simcord(settle_timeout=30)
async def test_effects_outside_their_region_are_not_offered(in_virginia, world, dashscope: Simulator):
    env, _channel, _alice = world
    names = {c.qualified_name for c in env.bot.tree.get_commands()}
    assert "wan-effect" not in names and "wan-effects" not in names and "wan-video" in names
    assert not creates(dashscope)


async def gallery(alice: Any, channel: Any) -> tuple[Any, list[discord.Embed]]:
    result = await alice.slash(channel, "wan-effects")
    messages = [m for m in [result.response, *result.followups] if m is not None]
    assert result.ephemeral and all(m.ephemeral for m in messages)
    for m in messages:
        assert len(m.embeds) <= EMBEDS_PER_MESSAGE and sum(len(e) for e in m.embeds) <= CHARS_PER_MESSAGE
        assert all(len(e.description or "") <= EMBED_DESCRIPTION for e in m.embeds)
    return result, [e for m in messages for e in m.embeds]


def gallery_line(embeds: list[discord.Embed], template: str) -> str:
    lines = [line for e in embeds for line in (e.description or "").splitlines() if f"(`{template}`)" in line]
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.simcord(settle_timeout=30)
async def test_gallery_lists_all_31_with_this_guilds_emoji(world):
    env, channel, alice = world
    guilds = env.bot.engine.guilds
    await guilds.map_reaction(channel.guild.id, "🤏", None)  # admin unmapped the default
    await guilds.map_reaction(channel.guild.id, "<:wave:123>", "squish")
    await guilds.map_reaction(channel.guild.id, "🔥", "melt")
    result, embeds = await gallery(alice, channel)
    assert result.response.content.startswith("**31 video effects.**")
    assert [e.title for e in embeds] == ["General effects", "One person", "One person or animal", "Two people"]
    for effect in EFFECTS:
        gallery_line(embeds, effect.template)
    assert gallery_line(embeds, "squish") == (
        "<:wave:123> **Stress-relief squish** (`squish`): any subject that stands out from the background. "
        "Runs on wanx2.1-i2v-turbo."
    )
    assert gallery_line(embeds, "melt").startswith("🫠 🔥 **Heat-wave melt**")
    assert gallery_line(embeds, "rose") == (
        "🌹 **Give a rose** (`rose`): one person or animal, half to full body, facing the camera, no hands in view. "
        "Runs on wanx2.1-i2v-turbo."
    )
    assert "Runs on wanx2.1-kf2v-plus." in gallery_line(embeds, "mech2")
    assert "facing the camera or each other" in gallery_line(embeds, "hug")


@pytest.mark.simcord(settle_timeout=30)
async def test_gallery_without_reactions_shows_no_emoji(world, monkeypatch: pytest.MonkeyPatch):
    env, channel, alice = world
    await env.bot.engine.guilds.update(channel.guild.id, 0.0, reactions_enabled=False,
                                       disabled_models=["wanx2.1-kf2v-plus"])  # fmt: skip
    with_locale(monkeypatch, "id")
    result, embeds = await gallery(alice, channel)
    assert "Reaksi emoji dimatikan di server ini." in result.response.content
    assert gallery_line(embeds, "squish").startswith("— **Remas pereda stres**")
    assert gallery_line(embeds, "hanfu-1").endswith("Modelnya dimatikan di server ini.")


def test_gallery_pages_stay_within_discords_limits():
    long_sections = [(f"Section {i}", [f"line {i}.{j} " + "x" * 300 for j in range(30)]) for i in range(4)]
    pages = gallery_pages(long_sections)
    assert len(pages) > 1
    lines = 0
    for page in pages:
        assert 1 <= len(page) <= EMBEDS_PER_MESSAGE and sum(len(e) for e in page) <= CHARS_PER_MESSAGE
        for embed in page:
            assert len(embed.description or "") <= EMBED_DESCRIPTION
            lines += len((embed.description or "").splitlines())
    assert lines == 4 * 30  # nothing dropped
