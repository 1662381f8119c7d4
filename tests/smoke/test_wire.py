"""Smoke tests over real sockets: the real bot (in-process and as a `wanbot run` process) against the
wire-level fake Discord and the DashScope simulator, both on loopback and on real time.

They guard what the SimCord tests cannot see: aiohttp multipart encoding, Content-Type handling,
the gateway handshake and RESUME, HTTP error mapping (429, 413) and the process's own start-up and
shutdown. Simulated tasks are short (0.2 s queued, 0.5 s running), so each job takes about as long
as the poller's first query (5 s after submission) plus an upload.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp
import av

from bot.devtools import FakeDiscord, Fault
from bot.devtools.offline import offline_bot
from bot.wan.simulator import Simulator
from tests.media_tools import make_video

from .conftest import API_KEY, TOKEN

REPO = Path(__file__).resolve().parents[2]
PROMPT = "a red fox runs through snow"
OPTIONS = {"prompt": PROMPT, "model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}
JOB_SECONDS = 30.0  # generous: a job needs ~6 s here, more when the machine is busy


def running_bot(fake: FakeDiscord, simulator: Simulator, data_dir: Path) -> Any:
    """The real bot in this process, pointed at the fakes; discord.py's endpoints are restored afterwards."""
    return offline_bot(fake, simulator, data_dir, token=TOKEN, api_key=API_KEY)


def status_id_from(reply: dict[str, Any]) -> str:
    """The status message the private "Queued" reply links to."""
    match = re.search(r"/channels/\d+/\d+/(\d+)", reply["content"])
    assert match, reply["content"]
    return match[1]


async def delivered(fake: FakeDiscord, status_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The video reply to a status message, once the status message says it is done."""
    video = await fake.wait_for_message(
        lambda m: bool(m["attachments"]) and m.get("message_reference", {}).get("message_id") == status_id,
        timeout=JOB_SECONDS,
    )
    status = fake.messages[status_id]
    await fake.wait_for(lambda: status["content"].startswith("✅"), 10, "the ✅ status edit")
    return status, video


async def download(url: str) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        return await response.read()


def video_codec(data: bytes) -> str:
    with av.open(io.BytesIO(data)) as container:
        return container.streams.video[0].codec_context.name


def uploads(fake: FakeDiscord) -> list[tuple[int, list[str]]]:
    """(status, file names) of every message create that carried files."""
    return [(r.status, r.files) for r in fake.requests_to("POST", "/channels/*/messages") if r.files or r.injected]


async def test_video_command_in_process(fake: FakeDiscord, simulator: Simulator, tmp_path: Path) -> None:
    """/wan-video: ephemeral defer in time, "Queued" replaces the thinking message, a public status message
    moves ⏳ → ✅ by edits, the MP4 arrives as a multipart reply with buttons, and the buttons answer."""
    async with running_bot(fake, simulator, tmp_path / "data") as bot:
        interaction = await fake.slash("wan-video", OPTIONS)
        await fake.wait_for_response(interaction)
        assert interaction.response_type == 5 and interaction.responded_after is not None
        assert interaction.responded_after < 3.0
        reply = await fake.wait_for_reply(interaction)
        assert reply["id"] == interaction.original_id and not interaction.followup_ids  # replaced, not added
        assert reply["flags"] & 64 and fake.visible_to(reply["id"]) == fake.alice["id"]
        assert reply["content"].startswith("Queued:") and "2.5 of your quota seconds" in reply["content"]

        status_id = status_id_from(reply)
        status, video = await delivered(fake, status_id)
        assert fake.visible_to(status_id) is None and status["author"]["id"] == fake.bot_user["id"]
        versions = [v["content"] for v in fake.revisions[status_id]] + [status["content"]]
        assert versions[0].startswith("⏳") and versions[-1].startswith("✅") and len(versions) >= 3
        assert all(v[:1] in "⏳🎬📥✅" for v in versions)
        assert f"<@{fake.alice['id']}>" in status["content"] and PROMPT in versions[0]
        assert "2.5 quota seconds" in status["content"]

        (attachment,) = video["attachments"]
        assert attachment["filename"] == "wan-1.mp4" and attachment["content_type"] == "video/mp4"
        assert video_codec(await download(attachment["url"])) == "h264"
        assert video["type"] == 19 and PROMPT in video["content"]
        upload = fake.requests_to("POST", f"/channels/{fake.channel_id}/messages")[-1]
        assert upload.files == ["wan-1.mp4"] and upload.body["attachments"] == [{"id": 0, "filename": "wan-1.mp4"}]
        buttons = [c["custom_id"] for row in video["components"] for c in row["components"]]
        assert buttons == ["wan:reroll:1", "wan:remix:1", "wan:details:1", "wan:delete:1"]

        details = await fake.click(video["id"], "wan:details:1")
        answer = await fake.wait_for_reply(details)
        assert answer["flags"] & 64 and answer["embeds"][0]["title"].endswith("1")

        assert bot.engine is not None
        ledger = bot.engine.ledger
        allowance = await ledger.allowance(int(fake.guild_id), int(fake.alice["id"]))
        usage = await ledger.usage(int(fake.alice["id"]), int(fake.guild_id), allowance, bot.clock.now())
        assert usage.used_ms == 2500 and usage.remaining_ms == 57_500

    assert [r.path.split("/")[1] for r in fake.requests if r.status >= 400] == []


async def test_refused_upload_is_refit_and_delivered(fake: FakeDiscord, simulator: Simulator, tmp_path: Path) -> None:
    """Discord reports 10 MiB but refuses the file with 413/40005: the bot compresses to 90 % of the refused
    size and the second upload lands, still h264, marked as compressed."""
    source = make_video(tmp_path / "result.mp4", size="640x360", seconds=5)
    original_size = source.stat().st_size
    simulator.plan(pending_s=0.2, running_s=0.5, video=source)
    fake.reported_upload_limit = 10 * 1024 * 1024
    fake.upload_limit = int(original_size * 0.95)
    async with running_bot(fake, simulator, tmp_path / "data"):
        interaction = await fake.slash("wan-video", OPTIONS)
        status, video = await delivered(fake, status_id_from(await fake.wait_for_reply(interaction)))

    assert uploads(fake) == [(413, ["wan-1.mp4"]), (200, ["wan-1.mp4"])]
    (attachment,) = video["attachments"]
    assert attachment["size"] <= int(original_size * 0.9) < fake.upload_limit
    data = fake.attachment_data(attachment)
    assert data is not None and video_codec(data) == "h264"
    assert "Compressed to fit" in video["content"]
    assert status["content"].startswith("✅")


async def test_rate_limit_and_gateway_resume(fake: FakeDiscord, simulator: Simulator, tmp_path: Path) -> None:
    """A 429 (with `Via`, as Discord sends it) on the status message is waited out and retried; a command
    sent while the bot is reconnecting reaches it on RESUME and is still acknowledged in time."""
    fake.inject(Fault.rate_limited(f"/channels/{fake.channel_id}/messages", 0.3, method="POST"))
    async with running_bot(fake, simulator, tmp_path / "data"):
        await fake.request_reconnect()
        await fake.wait_for(lambda: any(e == "CLOSED" for e, _ in fake.gateway_log), 5, "the bot to disconnect")
        interaction = await fake.slash("wan-video", OPTIONS)  # buffered: no socket is open right now
        await fake.wait_for(lambda: any(e == "RESUME" for e, _ in fake.gateway_log), 10, "RESUME")
        await fake.wait_for_response(interaction)
        assert interaction.responded_after is not None and interaction.responded_after < 3.0
        status, video = await delivered(fake, status_id_from(await fake.wait_for_reply(interaction)))

    posts = fake.requests_to("POST", f"/channels/{fake.channel_id}/messages")
    assert [(r.status, r.injected) for r in posts[:2]] == [(429, True), (200, False)]
    assert [e for e, _ in fake.gateway_log][:3] == ["IDENTIFY", "CLOSED", "RESUME"]
    assert fake.gateway_log[2][1]["replayed"] == ["INTERACTION_CREATE"]  # it was sent while the bot was away
    assert video["attachments"] and status["content"].startswith("✅")


def process_environment(fake: FakeDiscord, simulator: Simulator, data_dir: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DASHSCOPE_"))}
    return {
        **inherited,
        **fake.environment(),
        "DASHSCOPE_API_KEY": API_KEY,
        "DASHSCOPE_REGION": "beijing",
        "DASHSCOPE_BASE_URL": simulator.base_url,
        "RESULT_HOSTS": "127.0.0.1",
        "DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO),
        "LOG_LEVEL": "INFO",
    }


async def test_wanbot_run_process(fake: FakeDiscord, simulator: Simulator, tmp_path: Path) -> None:
    """`wanbot run` as its own process: it logs in, syncs, runs one /wan-video to delivery, exits cleanly on
    SIGTERM, closes its gateway connection cleanly, and never writes the token or the API key to its log."""
    stderr_path = tmp_path / "stderr.log"
    with stderr_path.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli.main",
            "run",
            cwd=tmp_path,
            env=process_environment(fake, simulator, tmp_path / "data"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
        )
        try:
            await fake.wait_until_ready(timeout=30)
            assert "wan-video" in {c["name"] for c in fake.commands["global"]}
            interaction = await fake.slash("wan-video", OPTIONS)
            _, video = await delivered(fake, status_id_from(await fake.wait_for_reply(interaction)))
            assert video_codec(fake.attachment_data(video["attachments"][0]) or b"") == "h264"
            process.send_signal(signal.SIGTERM)  # what docker stop and systemd send
            returncode = await asyncio.wait_for(process.wait(), 20)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()

    log = stderr_path.read_text(errors="replace")
    assert returncode == 0, log[-3000:]
    assert TOKEN not in log and API_KEY not in log
    assert "Signature=" not in log and "OSSAccessKeyId" not in log  # the signed result URL stays private
    assert "Traceback" not in log, log[-3000:]
    await fake.wait_for(lambda: not fake.connected, 5, "the gateway connection to close")
    # The shutdown runs beside the gateway reader (so members hear "restarting" until uploads finish); discord.py's
    # reader then answers the close itself, with 4000. Either code is a clean close, not a dropped connection.
    assert fake.gateway_log[-1][0] == "CLOSED" and fake.gateway_log[-1][1]["code"] in (1000, 4000)
    assert [r.path for r in simulator.requests if r.method == "POST"] == [
        "/api/v1/services/aigc/video-generation/video-synthesis"
    ]
