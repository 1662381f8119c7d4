"""The small interfaces between the engine and whatever drives it (Discord, CLI, tests)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from bot.wan.requests.base import PreparedCall
from bot.wan.responses import DetectResponse, TaskList, TaskResponse

from .model import Job


class WanApi(Protocol):
    """The part of `bot.wan.client.WanClient` the engine uses."""

    async def submit(self, call: PreparedCall) -> TaskResponse: ...

    async def detect(self, call: PreparedCall) -> DetectResponse: ...

    async def query(self, task_id: str, *, retry: bool = True) -> TaskResponse: ...

    async def cancel(self, task_id: str) -> None: ...

    async def list_tasks(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        model_name: str | None = None,
        status: str | None = None,
        task_id: str | None = None,
        page_no: int = 1,
        page_size: int = 10,
    ) -> TaskList: ...

    async def download(self, url: str, dest: Path, *, max_bytes: int, extra_hosts: Iterable[str] = ()) -> int: ...


@dataclass(frozen=True)
class JobEvent:
    """Something a member should see about their job."""

    # queued | heartbeat | submitted | status | succeeded | delivered | failed | canceled | undeliverable
    kind: str
    job: Job
    position: int | None = None  # place in the local queue (0 = next)
    eta: float | None = None  # epoch seconds when the video is expected
    message_key: str | None = None  # i18n key explaining a failure
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VideoFile:
    """A finished video ready to upload."""

    path: Path
    size: int
    seconds: float | None
    compressed: bool
    fitted_to: int | None = None  # the upload limit it was fitted under (after a 413, lower than reported)


class UploadTooLarge(Exception):
    """The destination refused the file as too large although it was under the limit it reported."""

    def __init__(self, size: int) -> None:
        super().__init__(f"upload of {size} bytes refused as too large")
        self.size = size


class DeliveryFailed(Exception):
    """The destination could not take the video now (retryable) or ever (e.g. no permission)."""

    def __init__(self, reason: str, *, retryable: bool, key: str = "error.delivery_failed") -> None:
        super().__init__(reason)
        self.retryable = retryable
        self.key = key


class JobSink(Protocol):
    """Where job news and finished videos go (a Discord channel, a terminal, a test)."""

    async def job_event(self, event: JobEvent) -> None: ...

    def upload_limit(self, job: Job) -> int:
        """Largest file (bytes) the destination accepts for this job."""
        ...

    async def deliver(self, job: Job, video: VideoFile) -> int | None:
        """Upload the video; returns the message id holding it, if any.

        Raises UploadTooLarge when the destination's real limit is lower than `upload_limit`
        said, and DeliveryFailed when it cannot take the file now or ever.
        """
        ...
