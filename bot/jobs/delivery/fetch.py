"""From a finished task's result URL to a file the bot can attach, or a reason it cannot.

Everything lands in a private temp dir under `workdir`: the download streams there (never whole in
memory), compression writes there, and one `cleanup()` removes it. deliver() removes it itself on
any exception, cancellation or NotDeliverable, so only a Delivered ever holds files.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.i18n import DEFAULT_LOCALE, t
from bot.wan.client import WanClient
from bot.wan.redact import redact_url

from .compress import Compressor, DoesNotFit, EncodeFailed, discard
from .probe import UnreadableVideo, VideoInfo, probe

log = logging.getLogger(__name__)
MB = 1024 * 1024  # Discord's "10 MB" means MiB


def link_expiry(url: str) -> datetime | None:
    """When a signed OSS link stops working: `Expires=<epoch>` (V1) or `x-oss-date` + `x-oss-expires` (V4)."""
    query = {k.lower(): v for k, v in parse_qsl(urlsplit(url).query)}
    try:
        if "expires" in query:
            return datetime.fromtimestamp(int(query["expires"]), UTC)
        if "x-oss-date" in query and "x-oss-expires" in query:
            signed = datetime.strptime(query["x-oss-date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            return signed + timedelta(seconds=int(query["x-oss-expires"]))
    except (ValueError, OverflowError, OSError):
        return None
    return None


def _workspace(workdir: Path) -> Path:
    """This delivery's private temp dir (synchronous so a cancellation cannot orphan it)."""
    workdir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="deliver-", dir=workdir))


@dataclass
class Delivered:
    """A video under the upload limit. `path` lives in a temp dir: call cleanup() after uploading."""

    path: Path
    info: VideoInfo
    compressed: bool
    original_size: int
    workspace: Path = field(repr=False)

    def note(self, locale: str = DEFAULT_LOCALE) -> str | None:
        """A line telling the member the video was shrunk (None when it was not)."""
        if not self.compressed:
            return None
        params = {"original_mb": self.original_size / MB, "size_mb": self.info.size_bytes / MB}
        return t("delivery.compressed", locale, **params, height=self.info.short_side)

    def cleanup(self) -> None:
        """Remove the temp dir; safe to call twice."""
        discard(self.workspace)


@dataclass(frozen=True)
class NotDeliverable:
    """Why the video cannot be attached, plus the original link and when it stops working."""

    key: str
    params: dict[str, Any]
    link_expires_at: datetime | None
    url: str = field(repr=False)

    def text(self, locale: str = DEFAULT_LOCALE, *, expires: str | None = None) -> str:
        """The reason and the link. `expires` lets the bot pass its own rendering (a Discord timestamp)."""
        reason = t(self.key, locale, **self.params)
        if self.link_expires_at is None:
            return f"{reason} {t('delivery.link', locale, url=self.url)}"
        when = expires or self.link_expires_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"{reason} {t('delivery.link_until', locale, url=self.url, expires=when)}"

    def cleanup(self) -> None:
        """Nothing on disk (deliver() already removed it); here so callers treat both outcomes alike."""


async def deliver(
    client: WanClient,
    url: str,
    *,
    upload_limit: int,
    max_download_bytes: int,
    extra_hosts: Iterable[str],
    workdir: Path,
    compressor: Compressor,
    link_expires_at: datetime | None = None,
) -> Delivered | NotDeliverable:
    """Download, probe and (if over `upload_limit`) compress. Download errors surface unchanged."""
    expires = link_expires_at or link_expiry(url)
    workspace = _workspace(workdir)
    keep = False
    try:
        original = workspace / "result.mp4"
        size = await client.download(url, original, max_bytes=max_download_bytes, extra_hosts=extra_hosts)

        def refuse(key: str, **params: Any) -> NotDeliverable:
            return NotDeliverable(key, params, expires, url)

        try:
            info = await asyncio.to_thread(probe, original)
        except UnreadableVideo as exc:
            log.warning("result is not a readable video: %s", exc, extra={"url": redact_url(url)})
            return refuse("delivery.unreadable")
        if size <= upload_limit:
            keep = True
            return Delivered(original, info, False, size, workspace)
        sizes = {"size_mb": size / MB, "limit_mb": upload_limit / MB}
        try:
            fitted = await compressor.fit(original, upload_limit, workspace, info=info)
        except DoesNotFit as exc:
            log.info("result cannot fit the upload limit: %s", exc)
            if exc.best_size is None:
                return refuse("delivery.too_large", **sizes)
            return refuse("delivery.too_large_after_compression", **sizes, best_mb=exc.best_size / MB)
        except EncodeFailed as exc:
            log.error("compressing a result failed: %s", exc)
            return refuse("delivery.compress_failed", **sizes)
        discard(original)  # free the disk before the upload
        fitted_info = await asyncio.to_thread(probe, fitted)
        keep = True
        return Delivered(fitted, fitted_info, True, size, workspace)
    finally:
        if not keep:
            discard(workspace)


@asynccontextmanager
async def delivering(
    client: WanClient,
    url: str,
    *,
    upload_limit: int,
    max_download_bytes: int,
    extra_hosts: Iterable[str],
    workdir: Path,
    compressor: Compressor,
    link_expires_at: datetime | None = None,
) -> AsyncIterator[Delivered | NotDeliverable]:
    """deliver() whose temp files are removed when the block exits, however it exits."""
    outcome = await deliver(
        client,
        url,
        upload_limit=upload_limit,
        max_download_bytes=max_download_bytes,
        extra_hosts=extra_hosts,
        workdir=workdir,
        compressor=compressor,
        link_expires_at=link_expires_at,
    )
    try:
        yield outcome
    finally:
        outcome.cleanup()
