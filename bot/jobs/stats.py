"""What an operator wants to know about this process since it started: failures of delivery, mostly.

Counts live in memory (they describe this run); jobs by state come from SQLite, so `/wan-admin status`
combines both. Failure texts are the engine's own short sentences, never URLs or keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.wan.redact import redact


@dataclass
class EngineStats:
    started_at: float
    upload_failures: int = 0  # Discord refused or dropped an upload
    download_failures: int = 0  # the result could not be fetched from DashScope
    retried: int = 0  # failures that were retried later (the rest failed the job, refunded)
    last_failure: str | None = None
    last_failure_at: float | None = None

    def _failed(self, reason: str, now: float, retrying: bool) -> None:
        self.retried += int(retrying)
        self.last_failure = redact(reason)[:200]
        self.last_failure_at = now

    def upload_failed(self, reason: str, now: float, *, retrying: bool) -> None:
        self.upload_failures += 1
        self._failed(reason, now, retrying)

    def download_failed(self, reason: str, now: float, *, retrying: bool) -> None:
        self.download_failures += 1
        self._failed(reason, now, retrying)
