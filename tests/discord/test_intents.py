"""The one privileged intent a feature needs: Message Content, for reactions on other members' pictures."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.wan.simulator import Simulator

from .conftest import png

WITH_CONTENT = discord.Intents.default()
WITH_CONTENT.message_content = True


def test_the_bot_asks_for_no_privileged_intent_unless_told(make_bot, bot_settings: dict[str, Any]) -> None:
    assert make_bot().intents.value == discord.Intents.default().value
    bot_settings["message_content_intent"] = True
    assert make_bot().intents.message_content


@pytest.fixture
def content_intent(bot_settings: dict[str, Any]) -> None:
    bot_settings["message_content_intent"] = True


@pytest.mark.simcord(settle_timeout=30, approved_intents=WITH_CONTENT)
async def test_with_message_content_a_reaction_on_any_picture_runs_the_effect(content_intent, world, dashscope):
    env, channel, alice = world
    sim: Simulator = dashscope
    picture = await alice.send(channel, "my cat", attachments=[("cat.png", png(640, 640))])
    await alice.react(picture, "🤏")
    status = channel.last_message
    assert status.reference is not None and status.reference.message_id == picture.id
    await env.advance_time(2)
    creates = [r for r in sim.requests if r.path.endswith("video-synthesis")]
    assert len(creates) == 1 and creates[0].body["input"]["template"] == "squish"
