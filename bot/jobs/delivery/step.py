"""The engine's delivery step: fetch, fit under the upload limit, hand to the sink."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from bot.wan.client import WanClient

from ..model import Job
from ..ports import JobSink, UploadTooLarge, VideoFile
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
        # A 413 below the reported limit means the real limit is lower: fit once more at 90 % of the refused size.
        for _ in range(3):
            try:
                return await attempt(job, upload_limit, before_upload)
            except UploadTooLarge as exc:
                upload_limit = int(min(upload_limit, exc.size) * 0.9)
        return await attempt(job, 0, before_upload)  # nothing fits: post the link and its expiry

    async def attempt(job: Job, upload_limit: int, before_upload: Callable[[], Awaitable[None]]) -> DeliveryOutcome:
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
            video = VideoFile(
                outcome.path, outcome.info.size_bytes, outcome.info.seconds, outcome.compressed, fitted_to=upload_limit
            )
            return DeliveryOutcome(message_id=await sink.deliver(job, video))

    return deliver
