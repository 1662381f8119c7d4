"""Pictures posted as Discord CDN links (not attachments) can be animated; other hosts are never fetched."""

from __future__ import annotations

from typing import Any

import pytest

from bot.jobs import media_in
from bot.wan.simulator import Simulator

from .conftest import png, run_until

CDN = "https://cdn.discordapp.com/attachments/1/2/cat.png?ex=6a&is=6b&hm=abc"


@pytest.fixture
def cdn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Discord's CDN, offline: the bot's fetch of a CDN link answers with a real PNG and records the link."""
    fetched: list[str] = []

    async def fetch(session: Any, url: str, **_: Any) -> bytes:
        fetched.append(url)
        return png(800, 600)

    monkeypatch.setattr(media_in, "fetch", fetch)
    return fetched


def replies(result: Any) -> str:
    return (result.followups or [result.response])[-1].content


@pytest.mark.simcord(settle_timeout=30)
async def test_the_animate_menu_reads_a_picture_linked_from_discords_cdn(world, dashscope: Simulator, cdn):
    env, channel, alice = world
    source = await alice.send(channel, f"look at this {CDN}")
    shown = await alice.context_menu(channel, "Animate", source)
    result = await alice.submit_modal(shown, {"prompt": "the cat blinks"})
    assert replies(result).startswith("Queued:")
    assert cdn == [CDN]  # read once, while the command ran (signed links expire)
    status = channel.last_message
    assert status.reference is not None and status.reference.message_id == source.id
    assert await run_until(env, lambda: bool(channel.last_message.attachments))
    body = next(r.body for r in dashscope.requests if r.path.endswith("video-synthesis"))
    assert body["input"]["img_url"].startswith("data:image/png;base64,")  # never the member's signed link


@pytest.mark.simcord(settle_timeout=30)
async def test_links_to_other_hosts_are_not_pictures_the_bot_will_fetch(world, dashscope: Simulator, cdn):
    _env, channel, alice = world
    source = await alice.send(channel, "https://example.com/cat.png and http://127.0.0.1/admin.png")
    result = await alice.context_menu(channel, "Animate", source)
    assert result.modal is None and replies(result) == "That message has no picture the bot can animate."
    assert cdn == [] and not dashscope.requests
