"""Shared fixtures: the DashScope simulator on a virtual clock and a client for it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
import pytest

from bot.wan.client import WanClient
from bot.wan.retry import RetryPolicy
from bot.wan.simulator import Simulator, start


@dataclass
class VirtualClock:
    """Time that moves only when a test says so."""

    now: float = 1_790_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
async def sim(clock: VirtualClock) -> AsyncIterator[Simulator]:
    simulator = Simulator(clock=clock)
    runner = await start(simulator)
    yield simulator
    await runner.cleanup()
    simulator.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


@pytest.fixture
def client(sim: Simulator, session: aiohttp.ClientSession, clock: VirtualClock) -> WanClient:
    return WanClient(session, sim.base_url, "sk-test", retry=RetryPolicy(sleep=clock.sleep, random=lambda: 1.0))
