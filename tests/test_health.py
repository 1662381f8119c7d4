"""The heartbeat file and its judge: what Docker's HEALTHCHECK (`wanbot health`) decides from it."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from bot.cli.health import run
from bot.health import HEARTBEAT_EVERY, Heartbeat, check, heartbeat_path, write_heartbeat
from bot.settings import Settings

NOW = 1_790_000_000.0
MAX_AGE = 90.0


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return heartbeat_path(tmp_path)


def test_write_heartbeat_replaces_the_file_atomically(path: Path) -> None:
    written = write_heartbeat(path, ready=True, ready_at=NOW, sandbox=True, active_jobs=2, at=NOW)
    expected = {
        "at": NOW,
        "pid": os.getpid(),
        "ready": True,
        "ready_at": NOW,
        "sandbox": True,
        "active_jobs": 2,
        "stopped": False,
    }
    assert written == expected and json.loads(path.read_text()) == expected
    write_heartbeat(path, stopped=True, at=NOW + 1)
    assert json.loads(path.read_text())["stopped"] is True
    assert [p.name for p in path.parent.iterdir()] == ["health.json"]  # no temp file left behind


def test_fresh_ready_heartbeat_is_healthy(path: Path) -> None:
    write_heartbeat(path, ready=True, ready_at=NOW - 3, sandbox=True, active_jobs=2, at=NOW - 3)
    assert check(path, NOW, MAX_AGE) == (True, "healthy: ready, heartbeat 3 s ago, 2 active jobs, sandbox")


def test_one_active_job_and_no_sandbox(path: Path) -> None:
    write_heartbeat(path, ready=True, ready_at=NOW, active_jobs=1, at=NOW)
    assert check(path, NOW, MAX_AGE) == (True, "healthy: ready, heartbeat 0 s ago, 1 active job")


def test_stale_heartbeat_is_unhealthy(path: Path) -> None:
    write_heartbeat(path, ready=True, ready_at=NOW - 91, at=NOW - 91)
    ok, line = check(path, NOW, MAX_AGE)
    assert not ok and line.startswith("unhealthy: heartbeat 91 s old (limit 90 s)")
    assert check(path, NOW - 1, MAX_AGE)[0]  # exactly max_age old still counts as fresh


def test_stopped_bot_is_unhealthy_even_when_fresh(path: Path) -> None:
    write_heartbeat(path, ready=False, ready_at=NOW - 1, stopped=True, at=NOW - 1)
    assert check(path, NOW, MAX_AGE) == (False, "unhealthy: the bot stopped (heartbeat 1 s ago)")


def test_brief_reconnect_stays_healthy(path: Path) -> None:
    write_heartbeat(path, ready=False, ready_at=NOW - 20, at=NOW - 2)
    ok, line = check(path, NOW, MAX_AGE)
    assert ok and line == "healthy: reconnecting (ready 20 s ago), heartbeat 2 s ago, 0 active jobs"


def test_not_ready_for_too_long_is_unhealthy(path: Path) -> None:
    write_heartbeat(path, ready=False, ready_at=NOW - 120, at=NOW - 5)
    assert check(path, NOW, MAX_AGE) == (False, "unhealthy: not connected to Discord for 120 s")


def test_never_ready_is_unhealthy(path: Path) -> None:
    write_heartbeat(path, ready=False, at=NOW - 4)
    assert check(path, NOW, MAX_AGE) == (False, "unhealthy: not connected to Discord yet (heartbeat 4 s ago)")


def test_missing_file_is_unhealthy(path: Path) -> None:
    ok, line = check(path, NOW, MAX_AGE)
    assert not ok and line.startswith(f"unhealthy: no heartbeat at {path}")


@pytest.mark.parametrize("content", ["{not json", "", "[1, 2]", '{"ready": true}', '{"at": "yesterday"}'])
def test_corrupt_file_is_unhealthy(path: Path, content: str) -> None:
    path.write_text(content)
    ok, line = check(path, NOW, MAX_AGE)
    assert not ok and line.startswith("unhealthy: heartbeat") and ("unreadable" in line or "no time stamp" in line)


def test_cli_prints_the_verdict_and_exits_0_or_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert run(settings, MAX_AGE) == 1
    assert capsys.readouterr().out.startswith("unhealthy: no heartbeat")
    write_heartbeat(heartbeat_path(tmp_path), ready=True, active_jobs=0)  # stamped with the real time
    assert run(settings, MAX_AGE) == 0
    assert capsys.readouterr().out == "healthy: ready, heartbeat 0 s ago, 0 active jobs\n"


class Wall:
    """Epoch seconds a test moves by hand."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_heartbeat_throttles_and_remembers_when_it_was_ready(path: Path) -> None:
    wall = Wall(NOW)
    beat = Heartbeat(path, wall=wall)
    assert beat.beat(0.0, ready=True, sandbox=False, active_jobs=1)
    wall.now += 5
    assert not beat.beat(5.0, ready=True, sandbox=False, active_jobs=3)  # not due yet
    assert json.loads(path.read_text())["active_jobs"] == 1
    wall.now += 1
    assert beat.beat(6.0, ready=False, sandbox=False, active_jobs=3)  # readiness changed: written at once
    written = json.loads(path.read_text())
    assert (written["ready"], written["ready_at"], written["at"]) == (False, NOW + 5, NOW + 6)
    wall.now += HEARTBEAT_EVERY
    assert beat.beat(6.0 + HEARTBEAT_EVERY, ready=False, sandbox=False, active_jobs=0)
    assert json.loads(path.read_text())["ready_at"] == NOW + 5  # still the last time it was seen ready
    assert check(path, wall.now, MAX_AGE)[1].startswith("healthy: reconnecting (ready 11 s ago)")

    beat.stop()
    stopped = json.loads(path.read_text())
    assert stopped["stopped"] is True and stopped["ready"] is False and stopped["ready_at"] == NOW + 5
    assert not check(path, wall.now, MAX_AGE)[0]


def test_heartbeat_creates_the_data_dir_and_stop_needs_a_start(tmp_path: Path) -> None:
    path = heartbeat_path(tmp_path / "not-yet")
    beat = Heartbeat(path)
    beat.stop()  # never started: nothing to retract, nothing written
    assert not path.parent.exists()
    assert beat.beat(0.0, ready=False, sandbox=True, active_jobs=0)
    assert json.loads(path.read_text())["sandbox"] is True


def test_unwritable_heartbeat_warns_once_and_never_raises(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data directory should be")
    beat = Heartbeat(heartbeat_path(blocker))
    with caplog.at_level(logging.WARNING, logger="bot.health"):
        for second in range(3):
            assert not beat.beat(second * HEARTBEAT_EVERY, ready=True, sandbox=False, active_jobs=0)
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"cannot write the health heartbeat {heartbeat_path(blocker)}"
    ]
