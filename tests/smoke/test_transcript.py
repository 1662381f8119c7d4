"""The transcript renderer on a small session played against the fake Discord's REST API (no bot, no browser)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.devtools import FakeDiscord, render_transcript, write_transcript
from bot.devtools.transcript import relative_time
from tests.media_tools import make_video

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
COMMAND = {
    "name": "wan-video",
    "description": "Make a short video",
    "options": [{"name": "prompt", "description": "What happens", "type": 3, "required": True}],
}


class TagBalance(HTMLParser):
    """Fails on a closing tag that does not match the open one: the page must be well formed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


@pytest.fixture
async def rest(fake: FakeDiscord) -> AsyncIterator[aiohttp.ClientSession]:
    """A client speaking to the fake as the bot would (bot token on every REST call)."""
    async with aiohttp.ClientSession(fake.api_base + "/", headers={"Authorization": f"Bot {fake.token}"}) as session:
        yield session


async def call(rest: aiohttp.ClientSession, method: str, path: str, **kwargs: Any) -> Any:
    async with rest.request(method, path.lstrip("/"), **kwargs) as response:
        assert response.status < 300, await response.text()
        assert response.status == 204 or response.headers["Content-Type"] == "application/json"
        return None if response.status == 204 else await response.json()


async def play_session(fake: FakeDiscord, rest: aiohttp.ClientSession, video: bytes) -> dict[str, Any]:
    """/wan-video answered ephemerally, a status message edited to done, the video as a reply with buttons."""
    await call(rest, "PUT", f"/applications/{fake.app_id}/commands", json=[COMMAND])
    interaction = await fake.slash("wan-video", {"prompt": "a red fox"})
    callback = f"/interactions/{interaction.id}/{interaction.token}/callback?with_response=1"
    answer = await call(rest, "POST", callback, json={"type": 5, "data": {"flags": 64}})
    assert answer["interaction"]["response_message_loading"] and answer["interaction"]["response_message_ephemeral"]
    who = f"<@{fake.alice['id']}>"
    await call(rest, "POST", f"/webhooks/{fake.app_id}/{interaction.token}?wait=1", json={"content": "Queued: #1"})
    messages = f"/channels/{fake.channel_id}/messages"
    status = await call(
        rest, "POST", messages, json={"content": f"⏳ {who} queued **wan2.5-t2v-preview**\n> a red fox"}
    )
    await call(
        rest, "PATCH", f"{messages}/{status['id']}", json={"content": f"✅ {who}'s video is below.\n> a red fox"}
    )
    payload = {
        "content": f"🎬 {who} · <script>alert(1)</script>",
        "message_reference": {"message_id": status["id"], "fail_if_not_exists": False},
        "attachments": [{"id": 0, "filename": "wan-1.mp4"}],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 1, "label": "Re-roll", "custom_id": "wan:reroll:1", "emoji": {"name": "🎲"}},
                    {"type": 2, "style": 4, "label": "Delete", "custom_id": "wan:delete:1"},
                ],
            }
        ],
    }
    form = aiohttp.FormData()
    form.add_field("payload_json", json.dumps(payload), content_type="application/json")
    form.add_field("files[0]", video, filename="wan-1.mp4", content_type="application/octet-stream")
    reply = await call(rest, "POST", messages, data=form)
    await fake.react(reply["id"], "🔥")
    return reply


async def test_transcript_shows_the_session(fake: FakeDiscord, rest: aiohttp.ClientSession, tmp_path: Path) -> None:
    video = make_video(tmp_path / "clip.mp4", size="64x64", seconds=1, audio=False).read_bytes()
    reply = await play_session(fake, rest, video)
    assert reply["type"] == 19 and reply["attachments"][0]["content_type"] == "video/mp4"

    page = write_transcript(fake, tmp_path / "out" / "transcript.html", viewer_id=fake.alice["id"])
    html = page.read_text(encoding="utf-8")
    TagBalance().feed(html)

    assert "Queued: #1" in html and "Only you can see this" in html  # the member's ephemeral reply
    assert '<span class="command">/wan-video</span>' in html and "@Alice</span>" in html
    assert "✅" in html and '<span class="edited" title="edited">(edited)</span>' in html
    assert "Earlier version (1)" in html and "⏳" in html  # the state it was edited from
    assert '<div class="quote">a red fox</div>' in html and "<strong>wan2.5-t2v-preview</strong>" in html
    assert 'data-custom-id="wan:reroll:1">' in html and "Re-roll</button>" in html and "btn danger" in html
    assert '<video class="video" controls' in html and 'src="data:video/mp4;base64,' in html
    assert 'poster="data:image/png;base64,' in html  # the first frame, for browsers that do not autoplay
    assert '<span class="reaction">🔥 <b>1</b></span>' in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f"<@{fake.alice['id']}>" not in html and "&lt;@" not in html  # mentions shown as names


async def test_transcript_without_a_viewer_and_with_a_big_video(
    fake: FakeDiscord, rest: aiohttp.ClientSession, tmp_path: Path
) -> None:
    video = make_video(tmp_path / "clip.mp4", size="64x64", seconds=1, audio=False).read_bytes()
    await play_session(fake, rest, video)

    public = render_transcript(fake, video_limit=len(video) - 1, history="none")
    assert "Queued: #1" not in public and "Only you can see this" not in public  # ephemeral: only its member
    assert "<video" not in public and '<img class="video"' in public  # too big to inline: its first frame
    assert "Earlier version" not in public and "(edited)" in public


def test_relative_times_read_like_discord() -> None:
    assert relative_time(10) == "in a few seconds"
    assert relative_time(-30) == "a few seconds ago"
    assert relative_time(5 * 60) == "in 5 minutes"
    assert relative_time(-3600) == "an hour ago"
    assert relative_time(3 * 86400) == "in 3 days"
