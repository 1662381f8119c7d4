"""SimCord for Discord and the simulator for DashScope, on one virtual clock.

`world` gives (env, channel, alice) with the real bot attached; `make_bot()` builds another bot
on the same data directory (for restart tests, `await env.restart_bot(make_bot())`). Every bot
built here is closed at teardown (SimCord detaches bots without closing them, and an open
aiosqlite thread would keep the interpreter alive).
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import simcord.interactions
from PIL import Image

from bot.app import WanBot, create_bot
from bot.jobs.clock import MonotonicClock
from bot.settings import Settings
from bot.wan.simulator import Plan, Simulator, start

SIMCORD_EPOCH = datetime(2026, 1, 1, tzinfo=UTC).timestamp()  # SimCord's clock starts here


class EnvTime:
    """The simulator reads SimCord's virtual clock once the environment exists."""

    env: Any = None

    def __call__(self) -> float:
        return self.env.now().timestamp() if self.env is not None else SIMCORD_EPOCH


@pytest.fixture
def env_time() -> EnvTime:
    return EnvTime()


@pytest.fixture
async def dashscope(env_time: EnvTime) -> AsyncIterator[Simulator]:
    sim = Simulator(clock=env_time, default_plan=Plan(pending_s=5, running_s=60))
    runner = await start(sim)
    yield sim
    await runner.cleanup()
    sim.close()


@pytest.fixture
def bot_settings(dashscope: Simulator, tmp_path: Path) -> dict[str, Any]:
    """Settings of the bot under test; a test may change them before `simcord_bot` is built."""
    return {
        "_env_file": None,
        "discord_token": "x",
        "dashscope_api_key": "sk-test",
        "dashscope_region": "beijing",
        "dashscope_base_url": dashscope.base_url,
        "result_hosts": ["127.0.0.1"],
        "data_dir": tmp_path / "data",
    }


@pytest.fixture
async def make_bot(bot_settings: dict[str, Any]) -> AsyncIterator[Callable[[], WanBot]]:
    built: list[WanBot] = []

    def make() -> WanBot:
        bot = create_bot(Settings(**bot_settings), clock=MonotonicClock(epoch=SIMCORD_EPOCH), keepalive=False)
        built.append(bot)
        return bot

    yield make
    for bot in built:
        if bot.engine is not None:
            await bot.engine.db.close()
        if bot.http_session is not None:
            await bot.http_session.close()
        if bot.sandbox is not None:
            await bot.sandbox.close()


@pytest.fixture
def simcord_bot(make_bot: Callable[[], WanBot]) -> WanBot:
    return make_bot()


@pytest.fixture
def world(simcord_env, env_time):  # type: ignore[no-untyped-def]
    env_time.env = simcord_env
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("videos")
    alice = guild.add_member(simcord_env.create_user("alice"))
    return simcord_env, channel, alice


def png(width: int = 640, height: int = 480, color: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    """A real PNG picture of the given size."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, format="PNG")
    return buf.getvalue()


async def run_until(env: Any, done: Callable[[], bool], *, step: float = 10, limit: int = 60) -> bool:
    """Advance virtual time in steps until `done()` holds (False if it never did)."""
    for _ in range(limit):
        if done():
            return True
        await env.advance_time(step)
    return done()


def message(channel: Any, message_id: int) -> Any:
    """The current version of a message in a SimCord channel."""
    return next(m for m in channel.history() if m.id == message_id)


def with_locale(monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    """SimCord always sends en-US; make the member's client speak `locale` instead."""
    original = simcord.interactions.base_payload

    def base_payload(*args: Any, **kwargs: Any) -> Any:
        record, payload = original(*args, **kwargs)
        payload["locale"] = locale
        return record, payload

    monkeypatch.setattr(simcord.interactions, "base_payload", base_payload)
