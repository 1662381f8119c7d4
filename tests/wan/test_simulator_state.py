"""The sandbox's simulator keeps its tasks in a file: a restarted bot finds its jobs, links still download."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp

from bot.wan import catalog
from bot.wan.client import WanClient
from bot.wan.requests.video import TextToVideo
from bot.wan.simulator import Plan, Simulator, start

from ..conftest import VirtualClock

KEY = "sk-state"


async def serve(state: Path, clock: VirtualClock) -> tuple[Simulator, object]:
    sim = Simulator(clock=clock, api_key=KEY, state_file=state, default_plan=Plan(pending_s=2, running_s=5))
    return sim, await start(sim)


async def test_tasks_and_result_links_survive_a_restart(tmp_path: Path) -> None:
    clock, state = VirtualClock(), tmp_path / "sandbox" / "tasks.json"
    spec = catalog.get("wan2.5-t2v-preview")
    first, runner = await serve(state, clock)
    async with aiohttp.ClientSession() as session:
        client = WanClient(session, first.base_url, KEY)
        created = await client.submit(TextToVideo(model=spec.name, prompt="a fox", size="832*480").prepare())
        pending = await client.submit(TextToVideo(model=spec.name, prompt="an owl", size="832*480").prepare())
        assert (await client.cancel(pending.task_id)) is None
        clock.now += 10
        url = (await client.query(created.task_id)).result(spec)
        await runner.cleanup()  # type: ignore[attr-defined]
        first.close()

        second, runner = await serve(state, clock)
        try:
            client = WanClient(session, second.base_url, KEY)
            again = await client.query(created.task_id)
            assert again.status == "SUCCEEDED" and again.result(spec).split("?")[1] == url.split("?")[1]
            assert (await client.query(pending.task_id)).status == "CANCELED"
            moved = url.replace(first.base_url, second.base_url)  # same link, the new port
            size = await client.download(moved, tmp_path / "v.mp4", max_bytes=10**8, extra_hosts=["127.0.0.1"])
            assert size > 1000 and (tmp_path / "v.mp4").stat().st_size == size
        finally:
            await runner.cleanup()  # type: ignore[attr-defined]
            second.close()


async def test_the_file_forgets_tasks_older_than_two_days_and_ignores_garbage(tmp_path: Path) -> None:
    clock, state = VirtualClock(), tmp_path / "tasks.json"
    state.write_text("{not json")
    sim, runner = await serve(state, clock)  # a corrupt file restores nothing and is replaced at the next save
    try:
        assert sim.tasks == {}
        async with aiohttp.ClientSession() as session:
            client = WanClient(session, sim.base_url, KEY)
            prompt = TextToVideo(model="wan2.5-t2v-preview", prompt="old", size="832*480").prepare()
            old = await client.submit(prompt)
            clock.now += 3 * 24 * 3600
            new = await client.submit(prompt)
        saved = {t["task_id"] for t in json.loads(state.read_text())["tasks"]}
        assert saved == {new.task_id} and old.task_id not in sim.tasks
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]
        sim.close()
