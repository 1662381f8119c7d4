"""The container's entry point, tested without Docker: the Dockerfile's own CMD and HEALTHCHECK, run as
processes with the image's environment, against the wire-level fake Discord, in sandbox mode (no DashScope
key, the setting a first `docker compose up` most likely has).

`docker build` cannot run here, so the test reads the exec-form arrays out of the Dockerfile instead of
repeating them: change the CMD or the HEALTHCHECK and this runs the new one. Only "wanbot" is swapped for
this venv's console script (the same entry point the image's `pip install .` creates) and DATA_DIR for a
temporary directory.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import sys
import tomllib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot.cli.main import build_parser
from bot.devtools import FakeDiscord
from bot.health import HEARTBEAT_EVERY, heartbeat_path
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
JOB_SECONDS = 120.0  # a sandbox job waits 4 s and runs 16 s on the simulator; generous for a busy machine
START_SECONDS = 30.0
STOP_SECONDS = 30.0  # compose.yaml's stop_grace_period: Docker kills the process after this
PROMPT = "a lighthouse at dusk, waves below"
OPTIONS = {"prompt": PROMPT, "model": "wan2.5-t2v-preview", "resolution": "480P", "duration": 5}

T = TypeVar("T")


def seconds(duration: str) -> float:
    """A Dockerfile duration ("30s", "1m30s") in seconds."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", duration)
    assert parts and "".join(n + u for n, u in parts) == duration, duration
    scale = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(n) * scale[u] for n, u in parts)


@dataclass
class Dockerfile:
    """The instructions that decide how the container runs, as the builder reads them."""

    base: str = ""
    env: dict[str, str] = field(default_factory=dict)
    user: str = ""
    volumes: list[str] = field(default_factory=list)
    copies: list[list[str]] = field(default_factory=list)
    stopsignal: str = ""
    cmd: list[str] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)
    health_options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Dockerfile:
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]  # as the builder does
        joined = re.sub(r"\\\n", " ", "\n".join(lines))
        parsed = cls()
        for line in joined.splitlines():
            if not line.strip():
                continue
            instruction, _, rest = line.strip().partition(" ")
            rest = rest.strip()
            match instruction.upper():
                case "FROM":
                    parsed.base = rest.split()[0]
                case "ENV":
                    parsed.env.update(item.split("=", 1) for item in shlex.split(rest))  # type: ignore[arg-type]
                case "USER":
                    parsed.user = rest
                case "VOLUME":
                    parsed.volumes += json.loads(rest) if rest.startswith("[") else rest.split()
                case "COPY":
                    parsed.copies.append(rest.split())
                case "STOPSIGNAL":
                    parsed.stopsignal = rest
                case "CMD":
                    parsed.cmd = json.loads(rest)  # exec form, or this fails: a shell would swallow SIGTERM
                case "HEALTHCHECK":
                    options, _, command = rest.partition("CMD ")
                    parsed.health_options = dict(re.findall(r"--([\w-]+)=(\S+)", options))
                    parsed.healthcheck = json.loads(command)
        return parsed


@pytest.fixture(scope="module")
def dockerfile() -> Dockerfile:
    return Dockerfile.parse(DOCKERFILE.read_text())


def console_script(argv: list[str]) -> list[str]:
    """The image's `wanbot` is the console script `pip install .` made; here, this venv's one."""
    name, *args = argv
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"no {name} console script: pip install -e . first"
    return [found, *args]


def container_environment(dockerfile: Dockerfile, fake: FakeDiscord, data_dir: Path) -> dict[str, str]:
    """The image's ENV with DATA_DIR moved to `data_dir`, Discord pointed at the fake, and no DashScope key
    (sandbox mode). No setting leaks in from the developer's environment."""
    settings = {name.upper() for name in Settings.model_fields}
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DASHSCOPE_")) and k not in settings
    }
    assert dockerfile.env["DATA_DIR"] in dockerfile.volumes  # the data lands on the volume
    return {
        **inherited,
        **dockerfile.env,
        **fake.environment(),
        "DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO),  # this checkout's code, whatever the venv's editable install points at
    }


async def eventually(check: Callable[[], T], within: float, what: str) -> T:
    """Poll `check` until it returns something truthy; for state another process writes to disk."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not (result := check()):
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {within:.0f} s waiting for {what}")
        await asyncio.sleep(0.1)
    return result


def status_id_from(reply: dict[str, Any]) -> str:
    """The status message the private "Queued" reply links to."""
    match = re.search(r"/channels/\d+/\d+/(\d+)", reply["content"])
    assert match, reply["content"]
    return match[1]


def heartbeat(data_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads(heartbeat_path(data_dir).read_text())
    except FileNotFoundError:
        return None


@dataclass
class Container:
    """The CMD running as a process, with what Docker would do to it: health checks and `docker stop`."""

    dockerfile: Dockerfile
    env: dict[str, str]
    workdir: Path
    log: Path
    process: asyncio.subprocess.Process | None = None

    async def start(self) -> asyncio.subprocess.Process:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                *console_script(self.dockerfile.cmd),
                cwd=self.workdir,
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )
        return self.process

    async def healthcheck(self) -> tuple[int, str]:
        """Run the HEALTHCHECK command once, within its own --timeout, as `docker` runs it in the container."""
        process = await asyncio.create_subprocess_exec(
            *console_script(self.dockerfile.healthcheck),
            cwd=self.workdir,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await asyncio.wait_for(process.communicate(), seconds(self.dockerfile.health_options["timeout"]))
        assert process.returncode is not None
        return process.returncode, out.decode(errors="replace").strip()

    async def stop(self) -> int:
        """`docker stop`: the STOPSIGNAL, then the exit status within the grace period."""
        assert self.process is not None
        self.process.send_signal(getattr(signal, self.dockerfile.stopsignal))
        return await asyncio.wait_for(self.process.wait(), STOP_SECONDS)

    def ready_heartbeat(self) -> dict[str, Any] | None:
        """This process's heartbeat once it says ready; fails fast if the process died."""
        assert self.process is not None
        assert self.process.returncode is None, self.output()
        beat = heartbeat(Path(self.env["DATA_DIR"]))
        return beat if beat and beat["pid"] == self.process.pid and beat["ready"] else None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(token="container." + os.urandom(12).hex()) as server:
        yield server


async def test_cmd_runs_in_sandbox_is_healthy_and_stops_cleanly(
    dockerfile: Dockerfile, fake: FakeDiscord, tmp_path: Path
) -> None:
    """The image's CMD with no DashScope key: it connects, runs a /wan-video on the built-in simulator (every
    message says "sandbox"), the HEALTHCHECK passes, SIGTERM exits 0 in time and fails the HEALTHCHECK at
    once, and a second start on the same data volume comes up ready and healthy again."""
    data_dir = tmp_path / "data"
    container = Container(dockerfile, container_environment(dockerfile, fake, data_dir), tmp_path, tmp_path / "log")
    assert "DASHSCOPE_API_KEY" not in container.env
    try:
        await container.start()
        await fake.wait_until_ready(timeout=START_SECONDS)
        assert "wan-video" in {c["name"] for c in fake.commands["global"]}

        interaction = await fake.slash("wan-video", OPTIONS)
        reply = await fake.wait_for_reply(interaction, timeout=15)
        assert reply["content"].startswith("Queued:") and "sandbox" in reply["content"]
        status_id = status_id_from(reply)
        video = await fake.wait_for_message(
            lambda m: bool(m["attachments"]) and m.get("message_reference", {}).get("message_id") == status_id,
            timeout=JOB_SECONDS,
        )
        status = fake.messages[status_id]
        await fake.wait_for(lambda: status["content"].startswith("✅"), 10, "the ✅ status edit")
        assert "sandbox: test pattern, no cost" in status["content"] and PROMPT in video["content"]
        assert "sandbox" in video["content"] and video["attachments"][0]["filename"] == "wan-1.mp4"
        assert (data_dir / "sandbox.sqlite3").exists() and not (data_dir / "wanbot.sqlite3").exists()

        beat = await eventually(container.ready_heartbeat, HEARTBEAT_EVERY + 5, "a ready heartbeat")
        assert beat["sandbox"] is True and beat["stopped"] is False
        code, line = await container.healthcheck()
        assert code == 0, line
        assert line.startswith("healthy: ready, heartbeat ") and line.endswith(", sandbox")

        assert await container.stop() == 0, container.output()
        code, line = await container.healthcheck()
        assert code == 1 and line.startswith("unhealthy: the bot stopped"), line
        log = container.output()
        assert "sandbox mode" in log and "Traceback" not in log and fake.token not in log

        # `docker restart`, or a new container on the same named volume.
        fake.commands.clear()
        identified = sum(1 for event, _ in fake.gateway_log if event == "IDENTIFY")
        await container.start()
        await fake.wait_until_ready(timeout=START_SECONDS)  # commands synced again
        assert sum(1 for event, _ in fake.gateway_log if event == "IDENTIFY") == identified + 1
        await eventually(container.ready_heartbeat, HEARTBEAT_EVERY + 5, "the second process's ready heartbeat")
        code, line = await container.healthcheck()
        assert code == 0 and line.startswith("healthy: ready"), line
        assert await container.stop() == 0, container.output()
    finally:
        await container.kill()
    assert "Traceback" not in container.output(), container.output()


def test_dockerfile_runs_the_bot_unprivileged_on_a_slim_base(dockerfile: Dockerfile) -> None:
    assert re.fullmatch(r"python:3\.11-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?", dockerfile.base), dockerfile.base
    assert dockerfile.user and dockerfile.user.split(":")[0] not in ("root", "0")
    assert dockerfile.volumes == ["/data"] and dockerfile.env["DATA_DIR"] == "/data"
    assert dockerfile.env.get("PIP_NO_CACHE_DIR") == "1" and dockerfile.env.get("PYTHONUNBUFFERED") == "1"
    assert dockerfile.stopsignal == "SIGTERM"
    assert dockerfile.cmd == ["wanbot", "run"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["wanbot"] == "bot.cli.main:main"  # what CMD's "wanbot" is
    copied = {src for *sources, _ in dockerfile.copies for src in sources}
    assert {"pyproject.toml", "bot", "cogs"} <= copied  # every package setuptools installs


def test_healthcheck_fits_the_heartbeat(dockerfile: Dockerfile) -> None:
    """The check runs `wanbot health`, allows several missed heartbeats, and answers within its timeout."""
    assert dockerfile.healthcheck[:2] == ["wanbot", "health"]
    args = build_parser().parse_args(dockerfile.healthcheck[1:])
    assert args.max_age >= 3 * HEARTBEAT_EVERY
    options = {name: value for name, value in dockerfile.health_options.items() if name != "retries"}
    assert set(options) == {"interval", "timeout", "start-period"}
    assert seconds(options["timeout"]) < seconds(options["interval"])
    assert seconds(options["start-period"]) >= START_SECONDS
    assert int(dockerfile.health_options["retries"]) >= 2


def test_compose_and_ignore_files_keep_secrets_and_data_out_of_the_image() -> None:
    compose = (REPO / "compose.yaml").read_text()
    assert re.search(r"^\s+env_file: \.env$", compose, re.M)
    assert re.search(r"^\s+- [\w-]+:/data\b", compose, re.M)
    assert re.search(r"^\s+restart: unless-stopped$", compose, re.M)
    grace = re.search(r"^\s+stop_grace_period: (\S+)$", compose, re.M)
    assert grace and seconds(grace[1]) == STOP_SECONDS
    assert seconds(grace[1]) > Settings.model_fields["shutdown_grace_seconds"].default  # uploads may finish

    ignored = set((REPO / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "data", "tests", "docs", "bench", ".pytest_cache", ".ruff_cache"} <= ignored
    assert ".env" in (REPO / ".gitignore").read_text().split()

    example = (REPO / ".env.example").read_text()
    assert re.search(r"^DISCORD_TOKEN=$", example, re.M)
    assert not re.search(r"^(DASHSCOPE_API_KEY|DATA_DIR)=", example, re.M)  # sandbox by default; /data in Docker
    for name in Settings.model_fields:
        assert re.search(rf"^#? ?{name.upper()}=", example, re.M), f"{name.upper()} is not in .env.example"
