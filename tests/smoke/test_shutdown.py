"""Graceful shutdown over real sockets: what `docker stop` (SIGTERM → WanBot.close) does to jobs in flight.

The bot stops taking work at once, lets an upload that has started finish within the grace period,
closes the database, and a second start on the same data directory carries on with everything else.
An upload cut short by the grace period is not lost either: the next start delivers it, once.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import Any

from bot.devtools import FakeDiscord
from bot.jobs.model import JobState
from bot.jobs.store.db import Database
from bot.jobs.store.jobs import JobStore
from bot.wan.simulator import Simulator

from .test_wire import OPTIONS, delivered, process_environment, running_bot, status_id_from, uploads


def hold_uploads(bot: Any) -> tuple[asyncio.Event, asyncio.Event]:
    """Make the bot's uploads wait at the door: (started, release)."""
    started, release = asyncio.Event(), asyncio.Event()
    original = bot.sink.deliver

    async def held(job: Any, video: Any) -> int | None:
        started.set()
        await release.wait()
        return await original(job, video)

    bot.sink.deliver = held
    return started, release


async def job_states(data_dir: Path) -> dict[int, JobState]:
    db = await Database.open(str(data_dir / "wanbot.sqlite3"))
    try:
        rows = await db.fetchall("SELECT id FROM jobs ORDER BY id")
        jobs = JobStore(db)
        return {row["id"]: (await jobs.require(row["id"])).state for row in rows}
    finally:
        await db.close()


async def test_shutdown_finishes_the_upload_refuses_new_work_and_resumes(
    fake: FakeDiscord, simulator: Simulator, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    async with running_bot(fake, simulator, data) as bot:
        started, release = hold_uploads(bot)
        first = status_id_from(await fake.wait_for_reply(await fake.slash("wan-video", OPTIONS)))
        await asyncio.wait_for(started.wait(), 30)  # the first video is being uploaded
        simulator.plan(pending_s=0.2, running_s=4)  # the second is still being made at shutdown
        second = status_id_from(await fake.wait_for_reply(await fake.slash("wan-video", OPTIONS)))

        closing = asyncio.create_task(bot.close())
        await fake.wait_for(lambda: not bot.engine.accepting, 5, "the bot to stop accepting")
        refused = await fake.wait_for_reply(await fake.slash("wan-video", OPTIONS))
        assert "restarting" in refused["content"] and "Nothing was charged" in refused["content"]
        assert not closing.done()  # still waiting for the upload in flight
        release.set()
        await asyncio.wait_for(closing, 30)
        assert fake.messages[first]["content"].startswith("✅")
        assert not (data / "wanbot.sqlite3-wal").exists() or (data / "wanbot.sqlite3-wal").stat().st_size == 0

    states = await job_states(data)
    assert list(states.values()) == [JobState.DONE, JobState.SUBMITTED]  # the refused one never became a job

    async with running_bot(fake, simulator, data):
        await delivered(fake, second)
    assert [names for status, names in uploads(fake) if status == 200] == [["wan-1.mp4"], ["wan-2.mp4"]]
    assert list((await job_states(data)).values()) == [JobState.DONE, JobState.DONE]


async def test_an_upload_cut_short_is_delivered_once_after_the_restart(
    fake: FakeDiscord, simulator: Simulator, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    async with running_bot(fake, simulator, data) as bot:
        bot.settings.shutdown_grace_seconds = 0.2
        started, _never = hold_uploads(bot)
        status_id = status_id_from(await fake.wait_for_reply(await fake.slash("wan-video", OPTIONS)))
        await asyncio.wait_for(started.wait(), 30)
        await asyncio.wait_for(bot.close(), 30)  # the grace period runs out: the upload is abandoned

    assert list((await job_states(data)).values()) == [JobState.DELIVERING]
    assert not [1 for status, _ in uploads(fake) if status == 200]

    async with running_bot(fake, simulator, data):
        await delivered(fake, status_id)
    assert [names for status, names in uploads(fake) if status == 200] == [["wan-1.mp4"]]


async def test_sigterm_to_the_process_waits_for_the_upload_in_flight(
    fake: FakeDiscord, simulator: Simulator, tmp_path: Path
) -> None:
    """The real signal path (`docker stop`): SIGTERM arrives while Discord is still receiving the video; the
    process keeps its gateway open, refuses new work, and exits 0 only after the upload is answered."""
    data = tmp_path / "data"
    gate = fake.hold_uploads()
    with (tmp_path / "stderr.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli.main", "run", cwd=tmp_path,
            env=process_environment(fake, simulator, data), stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
        )  # fmt: skip
        try:
            await fake.wait_until_ready(timeout=30)
            status_id = status_id_from(await fake.wait_for_reply(await fake.slash("wan-video", OPTIONS)))
            await fake.wait_for(lambda: fake.held_uploads == 1, 60, "the video upload to arrive")
            process.send_signal(signal.SIGTERM)
            refused = await fake.wait_for_reply(await fake.slash("wan-video", OPTIONS), timeout=15)
            assert "restarting" in refused["content"]
            assert process.returncode is None  # still waiting for Discord to answer the upload
            gate.set()
            returncode = await asyncio.wait_for(process.wait(), 30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    text = (tmp_path / "stderr.log").read_text(errors="replace")
    assert returncode == 0 and "Traceback" not in text, text[-3000:]
    assert fake.messages[status_id]["content"].startswith("✅")
    assert list((await job_states(data)).values()) == [JobState.DONE]
