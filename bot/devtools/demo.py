"""`wanbot demo`: the real bot plays a scripted session against a local fake Discord, written as a transcript.

Why: anyone can watch every part of the bot working (a command followed through its status edits, a
picture animated, an emoji reaction running an effect, a button, a restart in the middle of a job)
without a Discord token, a DashScope key or the network. The bot runs in sandbox mode, exactly what an
operator gets with no DASHSCOPE_API_KEY: its built-in simulator makes test-pattern videos at no cost
and keeps its tasks on disk. Bot, simulator and fake Discord share one `ScaledClock`, so the minutes
Wan would take pass in seconds while every poll, edit and deadline sees the same time; the clock
lives on across the restart, and the second bot opens the first one's data directory.

The channel, as the member alice sees it, becomes `transcript.html` (videos playable, earlier
versions of status messages unfolded, the restart marked), and `screenshot.png` of the whole page
when Chromium is installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from bot.app import WanBot
from bot.wan.catalog.types import Region

from . import ScaledClock
from .browser import capture
from .fake_discord import FakeDiscord, FakeInteraction, LoggedRequest, Upload
from .offline import offline_bot
from .transcript import FULL_PAGE_CSS, Note, write_transcript

__all__ = ["DemoError", "DemoResult", "RestartFacts", "Step", "duck_png", "run_demo", "sunset_png"]

TOKEN = "wanbot-demo-token"  # the fake's own: nothing real is ever sent anywhere
REGION: Region = "singapore"  # the bot's default region, so the demo offers what a fresh install offers
TITLE = "#videos — wanbot demo (sandbox mode)"
TOPIC = "wanbot demo · sandbox mode: test-pattern videos, no cost · no Message Content intent"
WAN_VIDEO = {
    "prompt": "A paper boat drifts down a rain-soaked street at dusk, neon signs rippling in the puddles",
    "model": "wan2.1-t2v-turbo",  # Singapore's turbo text-to-video model (the catalog calls it wanx2.1-t2v-turbo)
    "resolution": "480P",
    "duration": 5,
    "aspect": "16:9",
}
ANIMATE = {
    "prompt": "the sun sinks behind the hills as the sky turns violet",
    "model": "wan2.1-i2v-turbo",
    "resolution": "480P",
}
EFFECT_EMOJI = "🎈"  # the default map: Balloon inflate (wan2.1-i2v-turbo with the `inflate` template)
RESTART_VIDEO = {
    "prompt": "A lighthouse beam sweeps across a stormy sea at night",
    "model": "wan2.1-t2v-turbo",
    "resolution": "480P",
    "duration": 5,
    "aspect": "16:9",
}
WAIT = 60.0  # real seconds any one thing may take before the demo gives up (a job needs one or two)
SCREEN_WIDTH, SCREEN_HEIGHT = 960, 14_000  # a window taller than the page; the empty rest is cut off
# A status message's first line, by its leading emoji, as the progress log names it.
STATES = (
    ("⏳", "queued"),
    ("📥", "fetching"),
    ("✅", "delivered"),
    ("❌", "failed"),
    ("⚠️", "undeliverable"),
    ("🚫", "cancelled"),
)
FINAL = frozenset({"delivered", "failed", "undeliverable", "cancelled"})


class DemoError(RuntimeError):
    """The bot did not do what the script expects (a refusal, a failed job): the demo stops and says so."""


@dataclass
class Step:
    """One step of the script as the summary reports it."""

    title: str
    seconds: float  # real time the step took


@dataclass
class RestartFacts:
    """What step 5 saw, so a test can hold the demo to its claim that the job resumed rather than restarted."""

    job_id: int
    state_at_shutdown: str  # the status message's state when the first bot closed
    resubmitted: int  # task creations the second bot sent (0: it picked the task up from SQLite)
    note_at: float  # when the divider says the restart happened (the fake's clock)


@dataclass
class DemoResult:
    transcript: Path
    screenshot: Path | None
    steps: list[Step]
    seconds: float
    restart: RestartFacts
    fake: FakeDiscord  # stopped, its state kept: the request log, messages and uploads
    notes: list[Note] = field(default_factory=list)

    def errors(self) -> list[LoggedRequest]:
        """Every REST request the fake answered with an error it was not told to inject."""
        return [r for r in self.fake.requests if r.status >= 400 and not r.injected]


# -- pictures the members post ----------------------------------------------------------------


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def sunset_png(width: int = 768, height: int = 512) -> bytes:
    """A drawn sunset over hills: a real picture with a horizon, so "the sun sinks" has something to act on."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = (64, 40, 120), (250, 150, 80)
    for y in range(height):
        k = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * k) for a, b in zip(top, bottom, strict=True)))
    r = height // 7
    draw.ellipse([width * 0.58 - r, height * 0.55 - r, width * 0.58 + r, height * 0.55 + r], fill=(255, 214, 120))
    draw.polygon([(0, height * 0.7), (width * 0.35, height * 0.52), (width * 0.7, height * 0.72), (width, height * 0.6),
                  (width, height), (0, height)], fill=(46, 70, 60))  # fmt: skip
    draw.polygon([(0, height * 0.85), (width * 0.5, height * 0.7), (width, height * 0.88), (width, height),
                  (0, height)], fill=(28, 44, 38))  # fmt: skip
    return _png(image)


def duck_png(size: int = 512) -> bytes:
    """A drawn rubber duck on a desk, for the balloon-inflate effect."""
    image = Image.new("RGB", (size, size), (120, 170, 210))
    draw = ImageDraw.Draw(image)
    s = size / 512
    draw.rectangle([0, 380 * s, size, size], fill=(150, 110, 80))
    draw.ellipse([120 * s, 230 * s, 400 * s, 400 * s], fill=(250, 210, 40))  # body
    draw.ellipse([250 * s, 130 * s, 380 * s, 260 * s], fill=(250, 210, 40))  # head
    draw.polygon([(370 * s, 190 * s), (440 * s, 205 * s), (370 * s, 225 * s)], fill=(240, 120, 30))  # beak
    draw.ellipse([320 * s, 170 * s, 340 * s, 190 * s], fill=(20, 20, 20))  # eye
    draw.arc([160 * s, 260 * s, 300 * s, 360 * s], 200, 340, fill=(220, 170, 20), width=max(1, round(8 * s)))
    return _png(image)


# -- reading the channel ----------------------------------------------------------------------


def first_line(message: dict[str, Any]) -> str:
    return (message.get("content") or "").split("\n", 1)[0]


def state_of(line: str) -> str:
    """The job state a status message's first line shows (the en-US wording the demo's members see)."""
    if line.startswith("🎬"):
        return "running" if "being made" in line else "handed to Wan"
    return next((name for emoji, name in STATES if line.startswith(emoji)), line[:60])


def job_id_of(message: dict[str, Any]) -> int:
    """The job behind a status or result message, from its buttons' custom ids (`wan:details:42`)."""
    stack = list(message.get("components") or [])
    while stack:
        component = stack.pop()
        match = re.fullmatch(r"wan:[a-z]+:(\d+)", component.get("custom_id") or "")
        if match:
            return int(match[1])
        stack.extend(component.get("components") or [])
    raise DemoError(f"message {message['id']} has no job buttons")


def _status_id(reply: dict[str, Any]) -> str:
    match = re.search(r"/channels/\d+/\d+/(\d+)", reply.get("content") or "")
    if match is None:
        raise DemoError(f"the bot did not queue the job: {reply.get('content')!r}")
    return match[1]


# -- the session ------------------------------------------------------------------------------


class Session:
    """One scripted session: the fake, the shared clock, the notes for the transcript, the progress log."""

    def __init__(self, fake: FakeDiscord, clock: ScaledClock, data_dir: Path, say: Callable[[str], None]) -> None:
        self.fake = fake
        self.clock = clock
        self.data_dir = data_dir
        self.say = say
        self.notes: list[Note] = []
        self.steps: list[Step] = []
        self.mika = fake.add_member("mika", global_name="Mika")

    @contextlib.asynccontextmanager
    async def bot(self) -> AsyncIterator[WanBot]:
        """A sandbox bot on the session's data directory; leaving closes it gracefully, as SIGTERM would."""
        async with offline_bot(
            self.fake,
            None,  # no simulator and no key: sandbox mode, the bot starts its own simulator
            self.data_dir,
            token=TOKEN,
            region=REGION,
            clock=self.clock,
            tick=1.0 / self.clock.speed,  # one engine pass per simulated second, as in production
            ready_timeout=WAIT,
        ) as bot:
            yield bot

    @contextlib.asynccontextmanager
    async def step(self, title: str) -> AsyncIterator[None]:
        began = time.monotonic()
        yield
        self.steps.append(Step(title, time.monotonic() - began))

    async def queued(self, label: str, interaction: FakeInteraction) -> dict[str, Any]:
        """The public status message of the job an interaction queued (the private reply links to it)."""
        reply = await self.fake.wait_for_reply(interaction, timeout=WAIT)
        status = self.fake.messages[_status_id(reply)]
        self.say(f"{label}: queued as job {job_id_of(status)}")
        return status

    async def follow(
        self, label: str, status: dict[str, Any], *, until: frozenset[str] = FINAL, since: str | None = None
    ) -> str:
        """Log each state the status message shows after `since` until one in `until`; returns that state."""
        shown = since

        def changed() -> str | None:
            line = first_line(status)
            return line if line != shown else None

        while True:
            shown = await self.fake.wait_for(changed, WAIT, f"{label}: the next status edit")
            state = state_of(shown)
            if state != "queued":  # announced already
                self.say(f"{label}: {state}")
            if state in until or state in FINAL:
                return state

    async def delivered(
        self, label: str, status: dict[str, Any], began: float, *, since: str | None = None
    ) -> dict[str, Any]:
        """Follow a job to its ✅ and return the video, a reply to the status message."""
        state = await self.follow(label, status, since=since)
        if state != "delivered":
            raise DemoError(f"{label}: the job ended {state}: {first_line(status)}")
        video = await self.fake.wait_for_message(
            lambda m: bool(m["attachments"]) and m.get("message_reference", {}).get("message_id") == status["id"],
            WAIT,
        )
        attachment = video["attachments"][0]
        self.say(f"{label}: {attachment['filename']} ({attachment['size'] // 1024} KB) "
                 f"in {time.monotonic() - began:.1f} s")  # fmt: skip
        return video

    # -- the five steps --

    async def text_to_video(self) -> dict[str, Any]:
        label = "1/5 /wan-video"
        async with self.step("/wan-video: text to video, followed through its status edits"):
            began = time.monotonic()
            status = await self.queued(label, await self.fake.slash("wan-video", WAN_VIDEO))
            return await self.delivered(label, status, began)

    async def animate(self) -> dict[str, Any]:
        label = "2/5 /wan-animate"
        async with self.step("/wan-animate: a posted picture becomes a video"):
            began = time.monotonic()
            picture = sunset_png()
            await self.fake.send_as("the view from my window tonight", uploads=[Upload("sunset.png", picture)])
            interaction = await self.fake.slash("wan-animate", ANIMATE, attachments={"image": ("sunset.png", picture)})
            return await self.delivered(label, await self.queued(label, interaction), began)

    async def reaction(self) -> dict[str, Any]:
        label = f"3/5 {EFFECT_EMOJI} reaction"
        async with self.step(f"{EFFECT_EMOJI} reaction: an effect on another member's picture"):
            began = time.monotonic()
            self.notes.append((self.clock.now(), "Mika's picture mentions @WanBot: this bot runs without the "
                               "privileged Message Content intent, and then that is how it may see another member's "
                               "picture"))  # fmt: skip
            bot_id = self.fake.bot_user["id"]
            # The mention closes the message: one that opens with it reads as a prefix command to discord.py.
            picture = await self.fake.send_as(
                f"meet my desk duck, <@{bot_id}>", user_id=self.mika["id"], uploads=[Upload("duck.png", duck_png())]
            )
            await self.fake.react(picture["id"], EFFECT_EMOJI)
            status = await self.fake.wait_for_message(
                lambda m: (
                    m["author"]["id"] == bot_id and m.get("message_reference", {}).get("message_id") == picture["id"]
                ),
                WAIT,
            )
            self.say(f"{label}: queued as job {job_id_of(status)}")
            return await self.delivered(label, status, began)

    async def buttons(self, video: dict[str, Any]) -> dict[str, Any]:
        label = "4/5 Re-roll button"
        async with self.step("Re-roll on the first video (a new seed), then Details on the re-roll"):
            began = time.monotonic()
            job = job_id_of(video)
            self.notes.append(
                (self.clock.now(), "Alice presses 🎲 Re-roll on her first video, then 📋 Details on the new one")
            )
            status = await self.queued(label, await self.fake.click(video["id"], f"wan:reroll:{job}"))
            again = await self.delivered(label, status, began)
            details = await self.fake.click(again["id"], f"wan:details:{job_id_of(again)}")
            embed = (await self.fake.wait_for_reply(details, timeout=WAIT))["embeds"][0]
            seed = next((f["value"] for f in embed.get("fields", []) if f["name"] == "Seed"), "?")
            self.say(f"{label}: Details shows {embed.get('title')} with seed {seed}")
            return again

    async def restart(self, running: contextlib.AsyncExitStack) -> RestartFacts:
        """Start a job on the bot `running` holds, close that bot while the job runs at Wan, start a new one."""
        label = "5/5 restart"
        began = time.monotonic()
        status = await self.queued(label, await self.fake.slash("wan-video", RESTART_VIDEO))
        job = job_id_of(status)
        state = await self.follow(label, status, until=frozenset({"running"}))
        if state != "running":
            raise DemoError(f"{label}: the job ended {state} before the restart")
        self.say(f"{label}: closing the bot while job {job} is running at Wan")
        await running.aclose()  # the graceful shutdown SIGTERM would start
        moment, shown = self.clock.now(), first_line(status)
        self.notes.append((moment, f"WanBot restarted here: a graceful shutdown while job #{job} was running, "
                           "then a new start on the same data directory"))  # fmt: skip
        self.say(f"{label}: bot closed; starting a new one on the same data directory")
        async with self.bot() as bot:
            assert bot.sandbox is not None
            sandbox = bot.sandbox.simulator
            self.say(f"{label}: the new bot resumed job {job} from SQLite")
            await self.delivered(label, status, began, since=shown)  # it may have moved on while the bot started
            resubmitted = sum(1 for r in sandbox.requests if r.method == "POST" and r.path.endswith("video-synthesis"))
        took = time.monotonic() - began
        self.steps.append(Step(f"restart mid-job: job #{job} resumed after a graceful shutdown", took))
        return RestartFacts(job, state, resubmitted, moment)

    async def play(self) -> RestartFacts:
        """The five steps on one bot, then the restart onto a second one."""
        async with contextlib.AsyncExitStack() as running:
            await running.enter_async_context(self.bot())
            first = await self.text_to_video()
            await self.animate()
            await self.reaction()
            await self.buttons(first)
            return await self.restart(running)


async def run_demo(
    out: Path,
    *,
    speed: float = 20.0,
    screenshot: bool = True,
    say: Callable[[str], None] = lambda line: None,
    data_dir: Path | None = None,
) -> DemoResult:
    """Play the session, write `out/transcript.html` and, when Chromium is present, `out/screenshot.png`.

    `data_dir` is where the bot keeps its SQLite file and sandbox tasks (default: a temporary directory,
    removed afterwards); `say` receives one line per thing that happens.
    """
    if speed <= 0:
        raise ValueError("speed must be positive")
    began = time.monotonic()
    clock = ScaledClock(speed)
    fake = FakeDiscord(token=TOKEN, clock=clock.now)  # message times on the same fast clock
    fake.channels[fake.channel_id]["topic"] = TOPIC
    with contextlib.ExitStack() as stack:
        if data_dir is None:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="wanbot-demo-")))
        async with fake:
            session = Session(fake, clock, data_dir, say)
            restart = await session.play()
    page = write_transcript(
        fake,
        out / "transcript.html",
        viewer_id=fake.alice["id"],
        now=clock.now(),
        history="open",
        title=TITLE,
        notes=session.notes,
    )
    png: Path | None = None
    if screenshot:
        wanted = out / "screenshot.png"
        wanted.unlink(missing_ok=True)  # never leave an older run's picture next to this transcript
        if await asyncio.to_thread(capture, page, wanted, SCREEN_WIDTH, SCREEN_HEIGHT, css=FULL_PAGE_CSS, trim=True):
            png = wanted
    return DemoResult(page, png, session.steps, time.monotonic() - began, restart, fake, session.notes)
