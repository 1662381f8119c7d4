"""Sandbox mode's own promises: the simulator comes back on the same port, and when it cannot, saved result
links follow it; the operator's settings are only pointed at it, never otherwise changed."""

from __future__ import annotations

import time
from pathlib import Path

from bot.jobs.store.db import Database
from bot.sandbox import SANDBOX_KEY, Sandbox
from bot.settings import Settings


def settings_for(data: Path) -> Settings:
    return Settings(_env_file=None, discord_token="t", data_dir=data, dashscope_region="beijing", result_hosts=["x.io"])


async def test_the_simulator_comes_back_on_the_same_port(tmp_path: Path) -> None:
    first = await Sandbox.open(settings_for(tmp_path), time.time)
    url = first.simulator.base_url
    await first.close()
    second = await Sandbox.open(settings_for(tmp_path), time.time)
    try:
        assert second.simulator.base_url == url and second.moved_from is None
        pointed = second.settings
        assert pointed.base_url == url and pointed.dashscope_api_key.get_secret_value() == SANDBOX_KEY
        assert pointed.result_hosts == ["x.io", "127.0.0.1"] and pointed.database == str(tmp_path / "sandbox.sqlite3")
        assert pointed.dashscope_region == "beijing"
    finally:
        await second.close()


async def test_saved_result_links_follow_a_new_port(tmp_path: Path) -> None:
    holder = await Sandbox.open(settings_for(tmp_path), time.time)  # still running: its port is taken
    old = holder.simulator.base_url
    moved = await Sandbox.open(settings_for(tmp_path), time.time)
    db = await Database.open(str(tmp_path / "sandbox.sqlite3"))
    try:
        assert moved.moved_from == old and moved.simulator.base_url != old
        link = f"{old}/results/abc.mp4?Expires=1&Signature=s"
        for url in (link, "https://dashscope-result.oss.aliyuncs.com/v.mp4", None):
            await db.write(
                "INSERT INTO jobs (user_id, model, builder, values_json, state, created_at, result_url) "
                "VALUES (1, 'wan2.5-t2v-preview', 'TextToVideo', '{}', 'fetching', 0, ?)",
                (url,),
            )
        await moved.relink(db)
        rows = [r["result_url"] for r in await db.fetchall("SELECT result_url FROM jobs ORDER BY id")]
        assert rows == [
            f"{moved.simulator.base_url}/results/abc.mp4?Expires=1&Signature=s",
            "https://dashscope-result.oss.aliyuncs.com/v.mp4",
            None,
        ]
    finally:
        await db.close()
        await moved.close()
        await holder.close()
