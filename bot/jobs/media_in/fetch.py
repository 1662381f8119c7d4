"""Download a member's attachment with a hard size cap.

A member controls the URL and the bytes behind it, so the size is checked against
Content-Length before reading and again while streaming, and redirects are followed
by hand so that none leads away from http(s).
"""

from __future__ import annotations

import aiohttp
from yarl import URL

from .base import MediaProblem, megabytes

MAX_REDIRECTS = 5
_CHUNK = 1 << 16


def _http_url(url: str | URL, field: str) -> URL:
    try:
        parsed = URL(url) if isinstance(url, str) else url
    except (TypeError, ValueError):
        raise MediaProblem("media.fetch.bad_url", field=field, value="?", allowed="http, https") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise MediaProblem(
            "media.fetch.bad_url", field=field, value=parsed.scheme or "?", allowed="http, https"
        ) from None
    return parsed


def _too_large(size: int | None, max_bytes: int, field: str) -> MediaProblem:
    shown = megabytes(size) if size is not None else f">{megabytes(max_bytes)}"
    return MediaProblem("media.fetch.too_large", field=field, value=shown, allowed=megabytes(max_bytes))


async def fetch(
    session: aiohttp.ClientSession,
    url: str,
    *,
    max_bytes: int,
    timeout: float = 60,  # noqa: ASYNC109 - one budget for connect, redirects and body, given to aiohttp
    field: str = "attachment",
) -> bytes:
    """The bytes at `url`, or MediaProblem when unreachable, too large or not http(s)."""
    target = _http_url(url, field)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            async with session.get(target, allow_redirects=False, timeout=client_timeout) as resp:
                if resp.status in (301, 302, 303, 307, 308):
                    location = resp.headers.get("Location")
                    if not location:
                        raise MediaProblem("media.fetch.failed", field=field, value=str(resp.status), allowed="200")
                    target = _http_url(target.join(URL(location)), field)
                    continue
                if resp.status != 200:
                    raise MediaProblem("media.fetch.failed", field=field, value=str(resp.status), allowed="200")
                if resp.content_length is not None and resp.content_length > max_bytes:
                    raise _too_large(resp.content_length, max_bytes, field)
                chunks: list[bytes] = []
                received = 0
                async for chunk in resp.content.iter_chunked(_CHUNK):
                    received += len(chunk)
                    if received > max_bytes:
                        raise _too_large(None, max_bytes, field)
                    chunks.append(chunk)
                return b"".join(chunks)
        raise MediaProblem("media.fetch.redirects", field=field, value=str(MAX_REDIRECTS + 1), allowed=MAX_REDIRECTS)
    except TimeoutError:
        raise MediaProblem("media.fetch.timeout", field=field, value=f">{timeout:g}", allowed=f"{timeout:g}") from None
    except aiohttp.ClientError as exc:
        raise MediaProblem("media.fetch.failed", field=field, value=type(exc).__name__, allowed="200") from None
