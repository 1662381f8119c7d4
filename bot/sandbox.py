"""Sandbox mode: a bot with a Discord token but no DashScope key runs against the built-in simulator.

An admin can try every command, status message, button and quota in their own server before paying
anything. The simulator listens on loopback only, makes small test-pattern videos with ffmpeg, and
keeps its tasks in the data directory, so a sandbox job survives a restart like a real one. Sandbox
jobs live in their own SQLite file: trying the bot never touches the real ledger, and adding a key
later starts with a clean history.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from pydantic import SecretStr

from bot.settings import Settings
from bot.wan.simulator import Plan, Simulator, start

log = logging.getLogger(__name__)

# Not a secret: the simulator is on loopback and accepts only this key, so nothing else can use it by accident.
SANDBOX_KEY = "sk-sandbox-simulator"
# Jobs wait a little and run briefly, so the whole experience takes seconds, not minutes.
SANDBOX_PLAN = Plan(pending_s=4, running_s=16)


@dataclass
class Sandbox:
    simulator: Simulator
    runner: web.AppRunner
    settings: Settings  # the operator's settings, pointed at the simulator

    @classmethod
    async def open(cls, settings: Settings, clock: Callable[[], float]) -> Sandbox:
        home = Path(settings.data_dir) / "sandbox"
        simulator = Simulator(
            clock=clock,
            api_key=SANDBOX_KEY,
            region=settings.dashscope_region,
            media_dir=home / "media",
            default_plan=SANDBOX_PLAN,
            state_file=home / "tasks.json",
        )
        runner = await start(simulator)
        pointed = settings.model_copy(
            update={
                "dashscope_api_key": SecretStr(SANDBOX_KEY),
                "dashscope_base_url": simulator.base_url,
                "dashscope_workspace": None,
                "result_hosts": [*settings.result_hosts, "127.0.0.1"],
                "database_path": settings.database_path or str(Path(settings.data_dir) / "sandbox.sqlite3"),
            }
        )
        log.warning(
            "no DASHSCOPE_API_KEY: sandbox mode, every job runs on the built-in simulator (test patterns, no cost)"
        )
        return cls(simulator, runner, pointed)

    async def close(self) -> None:
        await self.runner.cleanup()
        self.simulator.close()
