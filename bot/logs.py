"""Logging set up once by the entry point: one line per record, its job context appended, secrets masked.

Modules log with `extra={"job_id": ..., "guild": ..., "model": ...}`; the formatter appends those
as `key=value` so an operator can grep one job's story, and runs the whole line through
`bot.wan.redact` so an API key, bearer token, signed URL query or inline file never reaches a log.
"""

from __future__ import annotations

import json
import logging
import sys

from bot.wan.redact import redact

CONTEXT_KEYS = ("job_id", "task_id", "guild", "user", "model", "ref", "request_id")
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class ContextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = " ".join(f"{k}={getattr(record, k)}" for k in CONTEXT_KEYS if getattr(record, k, None) is not None)
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
        for key in CONTEXT_KEYS:
            value = getattr(record, key, None)
            if value is not None:
                doc[key] = value
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


def setup_logging(level: str, fmt: str = "text") -> None:
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else ContextFormatter(FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("discord.http").setLevel(logging.WARNING)  # one line per REST call is noise
