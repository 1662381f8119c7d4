"""A heartbeat file the running bot refreshes and `wanbot health` (Docker's HEALTHCHECK) judges.

The check runs in another process, so the two meet on a small JSON file in the data directory. It is
replaced atomically, so a reader never sees half a heartbeat. The bot writes it from its engine loop,
after each engine pass: a fresh file proves the loop is turning, not merely that the process exists.

Readiness is judged on `ready_at` (the last time the bot was seen connected and ready), not on the latest
`ready` flag, so the gateway's routine reconnects (RESUME takes a second or two) do not flap the container
to unhealthy; a bot that stays disconnected for longer than `max_age` does.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

HEARTBEAT_FILE = "health.json"
# How often the bot rewrites the file; `wanbot health --max-age` must stay well above it.
HEARTBEAT_EVERY = 10.0


def heartbeat_path(data_dir: str | os.PathLike[str]) -> Path:
    """Where the bot and `wanbot health` meet: next to the SQLite file, on the data volume."""
    return Path(data_dir) / HEARTBEAT_FILE


def write_heartbeat(
    path: Path,
    *,
    ready: bool = False,
    sandbox: bool = False,
    active_jobs: int = 0,
    stopped: bool = False,
    ready_at: float | None = None,
    at: float | None = None,
    **facts: Any,
) -> dict[str, Any]:
    """Replace the heartbeat file with these facts (temp file + `os.replace`, so readers see old or new).

    Returns what was written. Raises `OSError` when the directory is missing or not writable.
    """
    beat: dict[str, Any] = {
        "at": time.time() if at is None else at,
        "pid": os.getpid(),
        "ready": ready,
        "ready_at": ready_at,
        "sandbox": sandbox,
        "active_jobs": active_jobs,
        "stopped": stopped,
        **facts,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(beat, f)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return beat


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def check(path: Path, now: float, max_age: float) -> tuple[bool, str]:
    """(healthy, one line saying why) for the heartbeat at `path`, judged at epoch second `now`.

    Healthy: the file exists and parses, the bot has not stopped, the heartbeat is at most `max_age` old,
    and the bot is ready or was ready at most `max_age` ago (a brief gateway reconnect).
    """
    try:
        beat = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False, f"unhealthy: no heartbeat at {path} (the bot has not started its engine yet)"
    except (OSError, ValueError) as exc:
        return False, f"unhealthy: heartbeat {path} is unreadable ({exc.__class__.__name__})"
    at = beat.get("at") if isinstance(beat, dict) else None
    if not isinstance(at, int | float) or isinstance(at, bool):
        return False, f"unhealthy: heartbeat {path} has no time stamp"

    age = max(0.0, now - at)
    if beat.get("stopped"):
        return False, f"unhealthy: the bot stopped (heartbeat {age:.0f} s ago)"
    if age > max_age:
        return False, f"unhealthy: heartbeat {age:.0f} s old (limit {max_age:.0f} s): the bot or its engine is stuck"

    ready_at = beat.get("ready_at")
    if beat.get("ready") is True:
        state = "ready"
    elif isinstance(ready_at, int | float) and not isinstance(ready_at, bool):
        away = max(0.0, now - ready_at)
        if away > max_age:
            return False, f"unhealthy: not connected to Discord for {away:.0f} s"
        state = f"reconnecting (ready {away:.0f} s ago)"
    else:
        return False, f"unhealthy: not connected to Discord yet (heartbeat {age:.0f} s ago)"

    jobs = beat.get("active_jobs")
    parts = [state, f"heartbeat {age:.0f} s ago"]
    if isinstance(jobs, int) and not isinstance(jobs, bool):
        parts.append(_plural(jobs, "active job"))
    if beat.get("sandbox"):
        parts.append("sandbox")
    return True, "healthy: " + ", ".join(parts)


class Heartbeat:
    """The bot's side: rewrites the file every `every` seconds (or when readiness changes), remembers when
    the bot was last ready, and warns once, without raising, when the file cannot be written."""

    def __init__(self, path: Path, *, every: float = HEARTBEAT_EVERY, wall: Callable[[], float] = time.time) -> None:
        self.path = path
        self.every = every
        self._wall = wall  # epoch seconds for the file: the checker compares them with its own time.time()
        self._written_at: float | None = None  # on the caller's clock, for throttling only
        self._ready: bool | None = None
        self._ready_at: float | None = None
        self._facts: dict[str, Any] = {}
        self._warned = False

    def beat(self, now: float, *, ready: bool, sandbox: bool, active_jobs: int) -> bool:
        """Record the bot's state; write the file when due. True when it was written."""
        if ready:
            self._ready_at = self._wall()
        self._facts = {"sandbox": sandbox, "active_jobs": active_jobs}
        due = self._written_at is None or now - self._written_at >= self.every or ready != self._ready
        if not due:
            return False
        try:
            if self._written_at is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)  # DATABASE_PATH may live elsewhere
            write_heartbeat(self.path, ready=ready, ready_at=self._ready_at, at=self._wall(), **self._facts)
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("cannot write the health heartbeat %s (%s); `wanbot health` will fail", self.path, exc)
            return False
        self._written_at, self._ready = now, ready
        return True

    def stop(self) -> None:
        """Mark the bot stopped, so `wanbot health` fails at once rather than after `max_age`.

        Does nothing when this process never wrote a heartbeat (a bot that never started its engine).
        Raises `OSError` like `write_heartbeat`.
        """
        if self._written_at is None:
            return
        write_heartbeat(self.path, ready=False, ready_at=self._ready_at, at=self._wall(), stopped=True, **self._facts)
