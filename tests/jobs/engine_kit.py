"""A small harness around the engine: simulator on a manual clock, a recording sink, file delivery."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.jobs.clock import ManualClock
from bot.jobs.delivery import Compressor
from bot.jobs.delivery.step import make_deliverer
from bot.jobs.engine import Engine, EngineConfig
from bot.jobs.model import Job, JobRequest, JobState
from bot.jobs.ports import JobEvent, VideoFile
from bot.jobs.store.db import Database
from bot.wan.client import WanClient
from bot.wan.retry import RetryPolicy
from bot.wan.simulator import Simulator

COMPRESSOR = Compressor(preset="ultrafast")


@dataclass
class RecordingSink:
    """Remembers every event and every delivered file, like a channel would show them."""

    events: list[JobEvent] = field(default_factory=list)
    delivered: list[tuple[int, bytes]] = field(default_factory=list)
    limit: int = 25 * 1024 * 1024
    next_message_id: int = 9000

    async def job_event(self, event: JobEvent) -> None:
        self.events.append(event)

    def upload_limit(self, job: Job) -> int:
        return self.limit

    async def deliver(self, job: Job, video: VideoFile) -> int | None:
        self.delivered.append((job.id, video.path.read_bytes()))
        self.next_message_id += 1
        return self.next_message_id

    def kinds(self, job_id: int) -> list[str]:
        return [e.kind for e in self.events if e.job.id == job_id]


@dataclass
class Kit:
    sim: Simulator
    clock: ManualClock
    session: aiohttp.ClientSession
    workdir: Path
    db_path: str
    sink: RecordingSink = field(default_factory=RecordingSink)
    engines: list[Engine] = field(default_factory=list)
    api: Any = None

    @property
    def client(self) -> WanClient:
        return WanClient(self.session, self.sim.base_url, "sk-test", retry=RetryPolicy(attempts=1))

    async def engine(self, **config: Any) -> Engine:
        db = await Database.open(self.db_path)
        client = self.client
        engine = Engine(
            db,
            self.api or client,
            self.sink,
            self.clock,
            EngineConfig(region=config.pop("region", "beijing"), **config),
            make_deliverer(client, self.sink, workdir=self.workdir, compressor=COMPRESSOR, extra_hosts=["127.0.0.1"]),
        )
        self.engines.append(engine)
        return engine

    async def run_until(
        self, engine: Engine, done: Callable[[], Awaitable[bool]], step: float = 1.0, limit: float = 4 * 3600
    ) -> None:
        """Tick the engine, advancing virtual time in `step`s, until `done()` or `limit` seconds pass."""
        spent = 0.0
        while spent <= limit:
            await engine.tick()
            if await done():
                return
            self.clock.advance(step)
            spent += step
        raise AssertionError("engine did not finish in time")

    async def finish(self, engine: Engine, job_id: int, **kw: Any) -> Job:
        async def terminal() -> bool:
            job = await engine.jobs.require(job_id)
            return job.terminal

        await self.run_until(engine, terminal, **kw)
        await engine.settle()  # let the step that finished the job tell the sink
        return await engine.jobs.require(job_id)


def t2v_request(user: int = 1, guild: int = 100, **values: Any) -> JobRequest:
    vals = {"prompt": "a red fox in snow", "size": "832*480", "duration": 5, **values}
    return JobRequest(user_id=user, guild_id=guild, channel_id=5, model="wan2.5-t2v-preview", builder="",
                      values=vals)  # fmt: skip


__all__ = ["JobState", "Kit", "RecordingSink", "t2v_request"]
