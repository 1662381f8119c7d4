"""Fixtures for the real-socket smoke tests: the DashScope simulator and the fake Discord on loopback."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import pytest

from bot.devtools import FakeDiscord
from bot.wan.simulator import Plan, Simulator, start

API_KEY = "sk-smoke-" + secrets.token_hex(12)
TOKEN = "smoke." + secrets.token_urlsafe(24)


@pytest.fixture
async def simulator() -> AsyncIterator[Simulator]:
    """Short tasks (0.2 s queued, 0.5 s running): a job takes about the poller's first wait plus an upload."""
    sim = Simulator(api_key=API_KEY, default_plan=Plan(pending_s=0.2, running_s=0.5))
    runner = await start(sim)
    yield sim
    await runner.cleanup()
    sim.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(token=TOKEN) as server:
        yield server
