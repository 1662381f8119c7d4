"""The engine's delivery step: fetch, fit under the upload limit, hand to the sink."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from bot.wan.client import WanClient

from ..model import Job
from ..ports import JobSink, VideoFile
from .compress import Compressor
from .fetch import Delivered, delivering


def make_deliverer(
    client: WanClient,
    sink: JobSink,
    *,
    workdir: Path,
    compressor: Compressor,
    extra_hosts: Iterable[str] = (),
    max_download_bytes: int = 1 << 30,
) -> Callable[[Job, int, Callable[[], Awaitable[None]]], Awaitable[object]]:
    """A `DeliverFn` for the engine; temp files are gone when it returns, however it returns."""
    from ..engine import DeliveryOutcome  # the engine imports this package

    hosts = tuple(extra_hosts)

    async def deliver(job: Job, upload_limit: int, before_upload: Callable[[], Awaitable[None]]) -> DeliveryOutcome:
        assert job.result_url is not None
        expires = datetime.fromtimestamp(job.result_expires_at, UTC) if job.result_expires_at else None
        async with delivering(
            client,
            job.result_url,
            upload_limit=upload_limit,
            max_download_bytes=max_download_bytes,
            extra_hosts=hosts,
            workdir=workdir,
            compressor=compressor,
            link_expires_at=expires,
        ) as outcome:
            if not isinstance(outcome, Delivered):
                params = dict(outcome.params)
                params["url"] = outcome.url  # shown to the member only, never logged
                params["expires_at"] = outcome.link_expires_at.timestamp() if outcome.link_expires_at else None
                return DeliveryOutcome(undeliverable_key=outcome.key, params=params)
            await before_upload()
            video = VideoFile(outcome.path, outcome.info.size_bytes, outcome.info.seconds, outcome.compressed)
            return DeliveryOutcome(message_id=await sink.deliver(job, video))

    return deliver
