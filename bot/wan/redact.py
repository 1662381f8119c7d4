"""Keep secrets out of logs, messages and exceptions."""

from __future__ import annotations

import re

_KEY = re.compile(r"\bsk-[A-Za-z0-9_\-]{4,}")
_BEARER = re.compile(r"(Bearer\s+)\S+", re.IGNORECASE)
_QUERY = re.compile(r"(https?://[^\s?#\"'<>]+)\?[^\s\"'<>]*")
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]{16,}")


def redact(text: str) -> str:
    """Mask API keys, bearer tokens, signed-URL query strings and inline media."""
    text = _BEARER.sub(r"\1***", text)
    text = _KEY.sub("sk-***", text)
    text = _QUERY.sub(r"\1?…", text)
    return _DATA_URI.sub("data:…", text)


def redact_url(url: str) -> str:
    """A URL safe to log: scheme, host and path only."""
    return redact(url) if "?" in url else url
