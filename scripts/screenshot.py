"""Show the bot working without Discord: a scripted /wan-video session rendered as a picture.

The real bot runs in this process against the wire-level fake Discord (`bot.devtools`) and the
DashScope simulator, both on loopback. Bot and simulator share one `ScaledClock`, so a job that
Wan would spend minutes on (queued, then running) passes in seconds while every poll, edit and
deadline still sees consistent time. The session: a member runs /wan-video, the status message
moves through its states, the video arrives with its buttons, and two members react. The
channel, as that member sees it, is written to `docs/transcript.html`; when
`chromium-headless-shell` or `chromium` is on PATH it is also captured as `docs/screenshot.png`.

    .venv/bin/python scripts/screenshot.py [--out docs] [--speed 20] [--no-screenshot]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


from bot.devtools import FakeDiscord, ScaledClock, write_transcript  # noqa: E402
from bot.devtools.browser import capture  # noqa: E402
from bot.devtools.offline import offline_bot  # noqa: E402
from bot.wan.simulator import Plan, Simulator, start  # noqa: E402

log = logging.getLogger("screenshot")

PROMPT = "A red fox trots through fresh snow at dawn, breath misting, low golden light"
OPTIONS = {"prompt": PROMPT, "model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5, "aspect": "16:9"}
TOKEN = "demo-token"
API_KEY = "sk-demo"


async def run_session(data_dir: Path, speed: float) -> tuple[FakeDiscord, float]:
    """Drive one /wan-video to delivery; returns the fake (stopped, state kept) and the session's end time."""
    clock = ScaledClock(speed)
    # Simulated seconds: 40 s queued at Wan, then 100 s of generation.
    sim = Simulator(clock=clock, api_key=API_KEY, default_plan=Plan(pending_s=40, running_s=100))
    runner = await start(sim)
    fake = FakeDiscord(token=TOKEN, clock=clock.now)  # message times on the same fast clock
    fake.channels[fake.channel_id]["topic"] = "Wan text-to-video · try /wan-video"
    await fake.start()
    try:
        async with offline_bot(fake, sim, data_dir, token=TOKEN, api_key=API_KEY, clock=clock, ready_timeout=30):
            fan = fake.add_member("mika", global_name="Mika")
            interaction = await fake.slash("wan-video", OPTIONS)
            reply = await fake.wait_for_reply(interaction)
            status_id = _status_id(reply)
            log.info("queued; status message %s", status_id)
            status = fake.messages[status_id]
            await _follow(fake, status)
            video = await fake.wait_for_message(
                lambda m: bool(m["attachments"]) and m.get("message_reference", {}).get("message_id") == status_id,
                timeout=120,
            )
            await fake.wait_for(lambda: status["content"].startswith("✅"), 30, "the delivered status")
            log.info("delivered %s", video["attachments"][0]["filename"])
            await fake.react(video["id"], "🔥")
            await fake.react(video["id"], "🔥", user_id=fan["id"])
            await fake.react(video["id"], "🦊", user_id=fan["id"])
            return fake, clock.now()
    finally:
        await fake.close()
        await runner.cleanup()
        sim.close()


async def _follow(fake: FakeDiscord, status: dict[str, Any]) -> None:
    """Log each state the status message shows until the job is finished (what the transcript keeps)."""
    shown: list[str] = []

    def changed() -> str | None:
        line = status["content"].splitlines()[0]
        return line if not shown or line != shown[-1] else None

    while not shown or not shown[-1].startswith(("✅", "❌", "⚠️", "🚫")):
        shown.append(await fake.wait_for(changed, 120, "a status edit"))
        log.info("status: %s", shown[-1])


def _status_id(reply: dict[str, Any]) -> str:
    match = re.search(r"/channels/\d+/\d+/(\d+)", reply["content"])
    if match is None:
        raise RuntimeError(f"the bot did not queue the job: {reply['content']}")
    return match[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where transcript.html and screenshot.png go")
    parser.add_argument("--speed", type=float, default=20.0, help="how much faster than real time jobs run")
    parser.add_argument("--no-screenshot", action="store_true", help="only write the HTML transcript")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("discord", "aiohttp.access", "bot"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="wanbot-demo-") as data:
        fake, ended = asyncio.run(run_session(Path(data), args.speed))
    page = write_transcript(
        fake,
        args.out / "transcript.html",
        viewer_id=fake.alice["id"],
        now=ended,
        history="open",
        title="#videos — a /wan-video session",
    )
    log.info("wrote %s", page)
    if args.no_screenshot:
        return 0
    png = args.out / "screenshot.png"
    if capture(page, png):
        log.info("wrote %s", png)
    else:
        log.info("no chromium-headless-shell or chromium on PATH: skipped the screenshot")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
