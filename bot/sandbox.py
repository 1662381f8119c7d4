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

from bot.jobs.store.db import Database
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
    moved_from: str | None = None  # the previous base URL, when its port was taken at this start

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
        runner, moved_from = await _serve(simulator, home / "port")
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
        return cls(simulator, runner, pointed, moved_from)

    async def relink(self, db: Database) -> None:
        """After a port change, point result links saved in the sandbox database at the new port."""
        if self.moved_from is None:
            return
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE jobs SET result_url = ? || substr(result_url, ?) WHERE result_url LIKE ? || '/%'",
                (self.simulator.base_url, len(self.moved_from) + 1, self.moved_from),
            )

    async def close(self) -> None:
        await self.runner.cleanup()
        self.simulator.close()


def _last_port(port_file: Path) -> int:
    try:
        return int(port_file.read_text())
    except (OSError, ValueError):
        return 0


def _remember_port(port_file: Path, port: int) -> None:
    port_file.parent.mkdir(parents=True, exist_ok=True)
    port_file.write_text(str(port))


async def _serve(simulator: Simulator, port_file: Path) -> tuple[web.AppRunner, str | None]:
    """Serve on the port the last start used, so result links already saved in SQLite (a job that was being
    fetched at shutdown) keep working. Returns the runner and, when that port was taken, the old base URL."""
    port = _last_port(port_file)
    moved_from = None
    try:
        runner = await start(simulator, port=port)
    except OSError:
        moved_from = f"http://127.0.0.1:{port}"
        log.warning("sandbox port %d is taken; saved result links are moved to the new port", port)
        runner = await start(simulator)
    _remember_port(port_file, int(simulator.base_url.rsplit(":", 1)[1]))
    return runner, moved_from
