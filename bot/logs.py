"""Logging set up once by the entry point: one line per record, its job context appended, secrets masked.

Modules log with `extra={"job_id": ..., "guild": ..., "model": ...}`; the formatter appends those
as `key=value` so an operator can grep one job's story, and runs the whole line through
`bot.wan.redact` so an API key, bearer token, signed URL query or inline file never reaches a log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from types import MappingProxyType

from bot.wan.redact import redact

CONTEXT_KEYS = ("job_id", "task_id", "guild", "user", "model", "ref", "request_id")
# Context set around one job's step (`log_context`): every line logged inside it, by any module
# (the HTTP client, the compressor ...), names the job without each call passing `extra=`.
_CONTEXT: ContextVar[Mapping[str, object]] = ContextVar("wanbot_log_context", default=MappingProxyType({}))


@contextlib.contextmanager
def log_context(**values: object) -> Iterator[None]:
    """Add `job_id`, `guild`, `model` ... to every record logged in this block (this task only)."""
    token = _CONTEXT.set({**_CONTEXT.get(), **{k: v for k, v in values.items() if v is not None}})
    try:
        yield
    finally:
        _CONTEXT.reset(token)


def _context_of(record: logging.LogRecord) -> dict[str, object]:
    ambient = _CONTEXT.get()
    out = {}
    for key in CONTEXT_KEYS:
        value = getattr(record, key, None)
        if value is None:
            value = ambient.get(key)
        if value is not None:
            out[key] = value
    return out
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class ContextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = " ".join(f"{k}={v}" for k, v in _context_of(record).items())
        return redact(f"{line} [{context}]" if context else line)


class JsonFormatter(logging.Formatter):
    """One JSON object per line (`LOG_FORMAT=json`) for log collectors; the same context keys, redacted."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        doc.update(_context_of(record))
        if record.exc_info:
            doc["error"] = self.formatException(record.exc_info)
        return redact(json.dumps(doc, ensure_ascii=False, default=str))


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is now (a replaced or captured stream is never written after closing)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def _no_voice_warnings(record: logging.LogRecord) -> bool:
    """The bot never joins voice, so discord.py's "PyNaCl is not installed" start-up warnings only alarm."""
    return "voice will NOT be supported" not in record.getMessage()


def setup_logging(level: str, fmt: str = "text") -> None:
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else ContextFormatter(FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("discord.http").setLevel(logging.WARNING)  # one line per REST call is noise
    logging.getLogger("discord.client").addFilter(_no_voice_warnings)
