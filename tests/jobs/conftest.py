"""Fixtures for the engine tests: the simulator on a manual clock and an engine kit around it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.jobs.clock import ManualClock
from bot.wan.simulator import Simulator, start

from .engine_kit import Kit


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    clock = ManualClock()
    sim = Simulator(clock=clock)
    runner = await start(sim)
    async with aiohttp.ClientSession() as session:
        k = Kit(sim, clock, session, tmp_path / "work", str(tmp_path / "wanbot.sqlite3"))
        yield k
        for engine in k.engines:
            await engine.db.close()
    await runner.cleanup()
    sim.close()
