"""Simulated tasks kept in a JSON file, so a sandbox bot's jobs survive its own restart.

Only what a task needs to answer queries again is written: its id, model, body, plan and times,
plus the secret that signs result links (a link issued before the restart still downloads).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.wan import catalog

if TYPE_CHECKING:
    from .app import Simulator

VERSION = 1


# The service forgets a task after 24 h (it answers UNKNOWN); the file keeps two days and no more, so a
# long-running sandbox bot's state stays small.
KEEP_SECONDS = 2 * 24 * 3600.0


def forget_old(sim: Simulator) -> None:
    cutoff = sim.now() - KEEP_SECONDS
    for task_id in [k for k, t in sim.tasks.items() if t.submitted < cutoff]:
        del sim.tasks[task_id]


def dump(sim: Simulator) -> dict[str, Any]:
    forget_old(sim)
    tasks = []
    for task in sim.tasks.values():
        plan = dataclasses.asdict(task.plan)
        plan["video"] = str(task.plan.video) if task.plan.video else None
        tasks.append(
            {
                "task_id": task.task_id,
                "model": task.spec.name,
                "body": task.body,
                "plan": plan,
                "submitted": task.submitted,
                "start": task.start,
                "api_key_hint": "same" if task.api_key == sim.api_key else "other",
                "canceled_at": task.canceled_at,
            }
        )
    return {"version": VERSION, "secret": sim.secret_hex, "tasks": tasks}


def save(sim: Simulator, path: Path) -> None:
    """Write atomically (temporary file, then rename): a crash mid-write keeps the previous state."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(path.suffix + ".tmp")
    scratch.write_text(json.dumps(dump(sim)), encoding="utf-8")
    os.replace(scratch, path)


def load(sim: Simulator, path: Path) -> int:
    """Restore tasks saved by `save`; returns how many. A missing or unreadable file restores nothing."""
    from .app import Plan, SimTask

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if doc.get("version") != VERSION:
        return 0
    sim.secret_hex = doc["secret"]
    for item in doc["tasks"]:
        try:
            spec = catalog.get(item["model"])
        except KeyError:
            continue  # a model the catalog no longer has
        plan = Plan(**{**item["plan"], "video": Path(item["plan"]["video"]) if item["plan"]["video"] else None})
        key = sim.api_key if item.get("api_key_hint") == "same" and sim.api_key else ""
        sim.tasks[item["task_id"]] = SimTask(
            item["task_id"], spec, item["body"], plan, item["submitted"], item["start"], key, item["canceled_at"]
        )
    return len(doc["tasks"])
