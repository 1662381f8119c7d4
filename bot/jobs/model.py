"""The job record and its local lifecycle (Discord-free).

A job is one member request. Its local state says what the engine must do next;
the remote DashScope status is kept beside it for display.

    queued ─► submitting ─► submitted ─► fetching ─► delivering ─► done
       │           │             │            │            │
       └───────────┴─────────────┴────────────┴────────────┴─► failed / canceled
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class JobState(StrEnum):
    QUEUED = "queued"  # accepted, quota reserved, waiting for a slot
    SUBMITTING = "submitting"  # a create request may be in flight (crash here: reconcile, never resend)
    SUBMITTED = "submitted"  # task id known; the poller follows it
    FETCHING = "fetching"  # the task succeeded; downloading / compressing the result
    DELIVERING = "delivering"  # handing the file to the sink (Discord upload)
    DONE = "done"
    FAILED = "failed"
    CANCELED = "canceled"


ACTIVE_STATES = frozenset({JobState.QUEUED, JobState.SUBMITTING, JobState.SUBMITTED, JobState.FETCHING,
                           JobState.DELIVERING})  # fmt: skip
TERMINAL_STATES = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELED})


@dataclass
class JobRequest:
    """What a front end (cog, CLI, test) asks the engine to run."""

    user_id: int
    guild_id: int | None
    channel_id: int | None
    model: str  # canonical catalog name
    builder: str  # request builder class name
    values: dict[str, Any]  # builder attributes, already validated
    locale: str = "en-US"
    role_ids: tuple[int, ...] = ()
    is_admin: bool = False
    source_message_id: int | None = None  # e.g. the image a reaction was on
    dedupe_key: str | None = None  # e.g. "reaction:<message>:<emoji>:<user>"
    meta: dict[str, Any] = field(default_factory=dict)  # front-end data (prompt shown, template, ...)


@dataclass
class Job:
    id: int
    user_id: int
    guild_id: int | None
    channel_id: int | None
    model: str
    builder: str
    values: dict[str, Any]
    state: JobState
    locale: str = "en-US"
    remote_status: str | None = None
    task_id: str | None = None
    region: str | None = None
    estimate_ms: int = 0  # reserved cost, in cost-milliseconds
    billed_ms: int | None = None
    output_seconds: float | None = None
    error_code: str | None = None
    error_message: str | None = None
    error_key: str | None = None
    result_url: str | None = None
    result_expires_at: float | None = None
    actual_prompt: str | None = None
    status_message_id: int | None = None
    result_message_id: int | None = None
    source_message_id: int | None = None
    dedupe_key: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0
    queued_at: float | None = None
    submitting_at: float | None = None
    submitted_at: float | None = None
    running_at: float | None = None
    finished_at: float | None = None
    delivered_at: float | None = None
    next_poll_at: float | None = None
    poll_count: int = 0
    attempts: int = 0
    fair_tag: float = 0.0

    @property
    def terminal(self) -> bool:
        return self.state in TERMINAL_STATES

    @classmethod
    def from_row(cls, row: Any) -> Job:
        data = dict(row)
        data["values"] = json.loads(data.pop("values_json"))
        data["meta"] = json.loads(data.pop("meta_json") or "{}")
        data["state"] = JobState(data["state"])
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})
