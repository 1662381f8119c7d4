"""`wanbot demo` end to end: the real bot in sandbox mode plays the scripted session against the fake Discord.

The session runs on a fast `ScaledClock` (40×), so the five steps, two bot starts included, take a few
seconds. The checks hold the transcript to what the demo claims: every video playable, the sandbox
note, the restart marked where it happened, a job that resumed instead of being sent again, and a
bot that never got an error answer from Discord or logged one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main
from bot.devtools import FakeDiscord
from bot.devtools.demo import DemoResult, duck_png, run_demo, sunset_png
from tests.smoke.test_transcript import TagBalance

SPEED = 40.0
MESSAGE_CONTENT = 1 << 15  # the privileged gateway intent


@pytest.fixture
async def played(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> tuple[DemoResult, list[str]]:
    """The session, and the progress lines it said on the way."""
    caplog.set_level(logging.INFO)
    lines: list[str] = []
    result = await run_demo(tmp_path / "out", speed=SPEED, screenshot=False, say=lines.append)
    return result, lines


def videos(html: str) -> list[str]:
    """The file names under every playable (inlined) <video> of the page, in order."""
    return re.findall(
        r'<video class="video" controls[^>]* src="data:video/mp4;base64,[^"]+"></video>'
        r'<div class="filename">([^<]+) · ',
        html,
    )


def carrying(fake: FakeDiscord, filename: str) -> dict[str, Any]:
    """The message with the attachment called `filename`."""
    return next(m for m in fake.messages.values() if any(a["filename"] == filename for a in m["attachments"]))


def test_pictures_are_real_pngs() -> None:
    assert sunset_png().startswith(b"\x89PNG") and duck_png().startswith(b"\x89PNG")
    assert sunset_png() != duck_png()


async def test_demo_writes_the_whole_session(
    played: tuple[DemoResult, list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    demo, lines = played
    html = demo.transcript.read_text(encoding="utf-8")
    TagBalance().feed(html)
    assert demo.transcript.name == "transcript.html" and demo.screenshot is None
    assert videos(html) == [f"wan-{n}.mp4" for n in range(1, 6)]
    assert html.count("sandbox: test pattern, no cost") >= 10  # every status and result message says so
    assert "wan2.1-t2v-turbo" in html and "wanx2.1" not in html  # Singapore's own model ids, as /wan-models

    # 1: /wan-video through its states; 2: the posted picture animated by /wan-animate.
    assert '<span class="command">/wan-video</span>' in html and '<span class="command">/wan-animate</span>' in html
    assert "video was handed to Wan" in html and "video is being made" in html and "fetching and uploading" in html
    assert 'alt="sunset.png"' in html and 'alt="duck.png"' in html

    # 3: the reaction ran the balloon effect on Mika's picture, which mentions the bot (no Message Content intent).
    fake = demo.fake
    duck = carrying(fake, "duck.png")
    assert duck["author"]["id"] != fake.alice["id"] and f"<@{fake.bot_user['id']}>" in duck["content"]
    effect = next(m for m in fake.messages.values() if m.get("referenced_message", {}).get("id") == duck["id"])
    assert "Balloon inflate effect" in effect["content"] and effect["content"].startswith("✅")
    effect_video = next(m for m in fake.messages.values() if m.get("referenced_message", {}).get("id") == effect["id"])
    assert effect_video["attachments"][0]["filename"] == "wan-3.mp4"
    assert "privileged Message Content intent" in html
    identifies = [d for event, d in fake.gateway_log if event == "IDENTIFY"]
    assert len(identifies) == 2 and all(not d["intents"] & MESSAGE_CONTENT for d in identifies)

    # 4: Re-roll on the first video made job 4 with a fresh seed; Details on it showed that job.
    first, again = carrying(fake, "wan-1.mp4"), carrying(fake, "wan-4.mp4")
    assert "seed random" in first["content"] and re.search(r"seed \d+ ", again["content"])
    assert first["content"].split("\n")[1] == again["content"].split("\n")[1]  # the same prompt
    [details] = [m for m in fake.messages.values() if m["embeds"] and m["embeds"][0].get("title") == "Job #4"]
    assert fake.visible_to(details["id"]) == fake.alice["id"] and "Job #4" in html

    # 5: the restart is marked between job 5's status message and its video, and inside that status's history.
    restart = demo.restart
    assert restart.job_id == 5 and restart.state_at_shutdown == "running" and restart.resubmitted == 0
    divider = html.index('<div class="divider" role="separator"><span>WanBot restarted here')
    assert html.index("A lighthouse beam sweeps") < divider < html.index("wan-5.mp4 · ")
    assert re.search(r'<li class="note"><span class="time">[^<]+</span><div class="version">WanBot restarted', html)
    status_5 = next(m for m in fake.messages.values() if "lighthouse" in m["content"] and not m["attachments"])
    earlier = [v["content"][:1] for v in fake.revisions[status_5["id"]] if v["content"]]
    assert "🎬" in earlier and status_5["content"].startswith("✅")

    # Nothing went wrong on the way: no error answer from Discord, no error in the bot's log.
    assert demo.errors() == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert lines[0] == "1/5 /wan-video: queued as job 1" and "5/5 restart: delivered" in lines
    assert "5/5 restart: closing the bot while job 5 is running at Wan" in lines
    assert len(demo.steps) == 5 and demo.seconds < 60


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """`wanbot` sets up the root logger and the demo quiets some loggers: put both back for the next tests."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = ("discord", "discord.client", "discord.http", "aiohttp", "bot", "bot.sandbox", "cogs")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    root.handlers[:], root.level = handlers, level
    for name, saved in levels.items():
        logging.getLogger(name).setLevel(saved)


def test_wanbot_demo_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    """The console script's path; an operator's key and database in the environment are never used."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-operator-key-not-for-demos")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "operator.sqlite3"))
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--no-screenshot", "--speed", str(SPEED)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("demo: sandbox mode") and "demo: 1/5 /wan-video: queued as job 1" in printed
    assert printed[-1] == f"demo: wrote {out / 'transcript.html'}"
    assert len(videos((out / "transcript.html").read_text(encoding="utf-8"))) == 5
    assert not (out / "screenshot.png").exists() and not (tmp_path / "operator.sqlite3").exists()


def test_wanbot_demo_refuses_a_speed_that_is_not_positive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--speed", "0", "--no-screenshot"]) == 2
    assert "--speed must be positive" in capsys.readouterr().err
    assert not (tmp_path / "demo").exists()
