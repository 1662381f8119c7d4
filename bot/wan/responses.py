"""Tolerant models of DashScope answers.

The service and its SDKs disagree on types (ints vs floats, `SR` as int or
string) and add fields over time, so every model keeps unknown fields and
coerces numbers. An unknown task state is kept verbatim and treated as
still in progress.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from .catalog.types import TERMINAL_STATES, ModelSpec
from .validation import get_path

# Task times are printed in UTC+8 (spec 04 §1.4).
SERVICE_TZ = timezone(timedelta(hours=8))


def parse_service_time(value: str | None) -> datetime | None:
    """Parse `YYYY-MM-DD HH:mm:ss.SSS` (UTC+8) into an aware datetime."""
    if not value:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=SERVICE_TZ)
        except ValueError:
            continue
    return None


def format_service_time(moment: datetime) -> str:
    return moment.astimezone(SERVICE_TZ).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Usage(_Open):
    duration: float | None = None
    video_duration: float | None = None
    input_video_duration: float | None = None
    output_video_duration: float | None = None
    video_count: int | None = None
    video_ratio: str | None = None
    SR: int | None = None
    size: str | None = None
    audio: bool | None = None
    image_count: int | None = None

    @field_validator("duration", "video_duration", "input_video_duration", "output_video_duration", mode="before")
    @classmethod
    def _float(cls, v: Any) -> float | None:
        return _number(v)

    @field_validator("SR", "video_count", "image_count", mode="before")
    @classmethod
    def _int(cls, v: Any) -> int | None:
        n = _number(v)
        return None if n is None else int(n)

    @field_validator("video_ratio", "size", mode="before")
    @classmethod
    def _str(cls, v: Any) -> str | None:
        return None if v is None else str(v)

    def billed_seconds(self, keys: tuple[str, ...] = ("duration", "video_duration")) -> float | None:
        """The billed quantity: the first positive documented key."""
        for key in keys:
            value = _number(getattr(self, key, None))
            if value:
                return value
        return None


class TaskOutput(_Open):
    task_id: str = ""
    task_status: str = "UNKNOWN"
    submit_time: str | None = None
    scheduled_time: str | None = None
    end_time: str | None = None
    video_url: str | None = None
    orig_prompt: str | None = None
    actual_prompt: str | None = None
    code: str | None = None
    message: str | None = None

    @field_validator("task_status", mode="before")
    @classmethod
    def _status(cls, v: Any) -> str:
        return str(v).upper() if v else "UNKNOWN"


class TaskResponse(_Open):
    """Answer to create or query: `{request_id, output, usage}`."""

    request_id: str | None = None
    output: TaskOutput = TaskOutput()
    usage: Usage | None = None

    @property
    def task_id(self) -> str:
        return self.output.task_id

    @property
    def status(self) -> str:
        return self.output.task_status

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL_STATES

    @property
    def succeeded(self) -> bool:
        return self.status == "SUCCEEDED"

    def result(self, spec: ModelSpec) -> Any:
        """The value at the model's documented result path (URL or template id)."""
        return get_path(self.model_dump(by_alias=True), spec.result_path)

    def billed_seconds(self, spec: ModelSpec) -> float | None:
        return self.usage.billed_seconds(spec.usage_seconds_keys) if self.usage else None

    def submitted_at(self) -> datetime | None:
        return parse_service_time(self.output.submit_time)

    def ended_at(self) -> datetime | None:
        return parse_service_time(self.output.end_time)


class DetectResponse(_Open):
    """Answer of a synchronous detector (`face-detect`, `aa-detect`)."""

    request_id: str | None = None
    output: dict[str, Any] = {}
    usage: Usage | None = None

    @property
    def passed(self) -> bool:
        """check_pass for most detectors, `pass` for liveportrait-detect."""
        for key in ("check_pass", "pass"):
            if key in self.output:
                return bool(self.output[key])
        return False

    def passed_for(self, spec: ModelSpec) -> bool:
        """Pass per the detector's documented result field (e.g. bboxes for emoji-detect)."""
        if self.output.get("code"):
            return False
        return bool(get_path({"output": self.output}, spec.result_path))

    @property
    def reason(self) -> str:
        return str(self.output.get("reason") or self.output.get("message") or "")


class TaskListItem(_Open):
    task_id: str
    status: str = "UNKNOWN"
    model_name: str | None = None
    gmt_create: int | None = None  # epoch milliseconds
    start_time: int | None = None
    end_time: int | None = None
    request_id: str | None = None

    @property
    def created_at(self) -> datetime | None:
        if self.gmt_create is None:
            return None
        return datetime.fromtimestamp(self.gmt_create / 1000, tz=UTC)


class TaskList(_Open):
    request_id: str | None = None
    total: int = 0
    total_page: int = 0
    page_no: int = 1
    page_size: int = 10
    data: list[TaskListItem] = []


class UploadPolicy(_Open):
    """`GET /uploads?action=getPolicy` data (spec 09 §1.2); numbers may come as strings."""

    policy: str
    signature: str
    upload_dir: str
    upload_host: str
    expire_in_seconds: float = 300
    max_file_size_mb: float = 100
    capacity_limit_mb: float | None = None
    oss_access_key_id: str
    x_oss_object_acl: str = "private"
    x_oss_forbid_overwrite: str = "true"

    @field_validator("expire_in_seconds", "max_file_size_mb", "capacity_limit_mb", mode="before")
    @classmethod
    def _num(cls, v: Any) -> float | None:
        return _number(v)

    @field_validator("x_oss_forbid_overwrite", mode="before")
    @classmethod
    def _text(cls, v: Any) -> str:
        return str(v).lower() if isinstance(v, bool) else str(v)
