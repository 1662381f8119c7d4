"""How a prepared file reaches DashScope: inline data URI, the attachment's own URL, or a temporary upload.

The setting `upload_mode` says what to try first; the model's accepted schemes and the
file's kind decide what is possible. A changed file has no public URL of its own, so
the original link is only used for untouched files.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from yarl import URL

from bot.wan.catalog.types import MediaKind, MediaLimits, UrlScheme

from .base import MediaProblem, PreparedMedia

Uploader = Callable[[bytes, str, str], Awaitable[str]]
MODES = ("data-uri", "url", "temporary-upload")
_ORDER = {
    "data-uri": ("data", "upload", "url"),
    "url": ("url", "upload", "data"),
    "temporary-upload": ("upload", "data", "url"),
}
_SCHEME_NAMES = {UrlScheme.HTTP: "http(s)", UrlScheme.OSS: "oss", UrlScheme.DATA: "data"}


def _public(url: str | None) -> bool:
    return url is not None and url.lower().startswith(("http://", "https://"))


async def to_reference(
    media: PreparedMedia,
    limits: MediaLimits,
    *,
    mode: str,
    source_url: str | None,
    uploader: Uploader | None,
    publisher: Uploader | None = None,
) -> str:
    """The string to put in the request's URL field, or MediaProblem when no route fits this model.

    `uploader(data, filename, mime)` returns an oss:// URL (WanClient.upload bound to the model).
    `publisher`, optional, returns a public http(s) URL for a changed file (e.g. the bot re-posting
    it to Discord): the last resort for models that only fetch http(s) links.
    """
    if mode not in _ORDER:
        raise ValueError(f"unknown upload mode {mode!r}; expected one of {MODES}")
    schemes = limits.schemes
    for route in _ORDER[mode]:
        if route == "data" and UrlScheme.DATA in schemes and media.kind is MediaKind.IMAGE:
            return media.data_uri()
        if route == "url" and UrlScheme.HTTP in schemes and source_url and _public(source_url) and not media.changed:
            return str(URL(source_url)) if limits.ascii_only and not source_url.isascii() else source_url
        if route == "upload" and UrlScheme.OSS in schemes and uploader is not None:
            return await uploader(media.data, media.filename, media.mime)
    if UrlScheme.HTTP in schemes and publisher is not None:
        published = await publisher(media.data, media.filename, media.mime)
        if _public(published):
            return published
    field = media.field or media.kind.value
    allowed = ", ".join(_SCHEME_NAMES[s] for s in schemes)
    if schemes == (UrlScheme.HTTP,) and media.changed:
        # Only the member's own link works, and what it points to is not what the model can take.
        raise MediaProblem("media.reference.changed_needs_link", field=field, value=mode, allowed=allowed)
    raise MediaProblem("media.reference.no_route", field=field, value=mode, allowed=allowed)
