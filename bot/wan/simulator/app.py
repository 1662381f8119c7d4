"""A faithful aiohttp stand-in for DashScope's video API, for tests, benchmarks and demos.

It validates requests with the catalog's own rules (leniently, as the service
does: truncation and unknown fields pass), answers with the documented
envelopes and error codes, runs each task through its model's state set on an
injectable clock, enforces per-model submit rates and concurrency, serves real
MP4s at signed-looking URLs that expire, and records every request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import logging
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from .. import catalog
from ..catalog.common import SIZES_480P, SIZES_720P, SIZES_1080P
from ..catalog.types import ModelSpec, RateLimit, Region, Role
from ..responses import SERVICE_TZ, format_service_time
from ..validation import get_path, validate_body
from .media import Mp4Factory, preview_dimensions

log = logging.getLogger(__name__)

API = "/api/v1"
DAY = 24 * 3600.0
API_KEY = web.RequestKey("api_key", str)
TIER_HEIGHT = {"480P": 480, "540P": 540, "720P": 720, "1080P": 1080}
_ALL_SIZES = {**SIZES_480P, **SIZES_720P, **SIZES_1080P}


@dataclass
class Plan:
    """What the next created task (or detect call) will do."""

    outcome: str = "SUCCEEDED"  # SUCCEEDED | FAILED | CANCELED | stuck | reject (detect)
    pending_s: float = 5.0
    running_s: float = 20.0
    code: str = "InternalError.Algo"
    message: str = "An internal error has occured during execution."
    output_seconds: float | None = None  # length of audio/video-driven outputs
    input_video_seconds: float = 0.0  # r2v billing input
    video: Path | None = None  # serve this file instead of a generated one
    model: str | None = None  # only for tasks of this model


@dataclass
class Fault:
    """A scripted HTTP failure for the next matching request."""

    route: str  # create | query | cancel | list | detect | upload | result
    status: int
    code: str | None = None
    message: str = ""
    times: int = 1
    retry_after: float | None = None


@dataclass
class SimTask:
    task_id: str
    spec: ModelSpec
    body: dict[str, Any]
    plan: Plan
    submitted: float
    start: float  # when it leaves PENDING (later if the model's slots are busy)
    api_key: str
    canceled_at: float | None = None

    @property
    def finish(self) -> float:
        return self.start + self.plan.running_s


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    at: float


def _json(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    return web.Response(
        body=json.dumps(data, ensure_ascii=False).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _xml_error(status: int, code: str, message: str) -> web.Response:
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return web.Response(status=status, text=text, content_type="application/xml")


class Simulator:
    """The simulated service. `app()` builds the aiohttp application."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        speed: float = 1.0,
        api_key: str | None = None,
        region: Region | None = None,
        media_dir: Path | None = None,
        enforce_limits: bool = True,
        limits: Mapping[str, RateLimit] | None = None,
        default_plan: Plan | None = None,
        state_file: Path | None = None,
    ) -> None:
        self._clock = clock
        self._epoch = clock()
        self.speed = speed
        self.offset = 0.0
        self.api_key = api_key
        self.region = region
        self.enforce_limits = enforce_limits
        self.limit_overrides = dict(limits or {})
        self.default_plan = default_plan or Plan()
        self.plans: deque[Plan] = deque()
        self.faults: list[Fault] = []
        self.tasks: dict[str, SimTask] = {}
        self.requests: list[RecordedRequest] = []
        self.uploads: dict[str, tuple[str, bytes, float]] = {}  # key -> (model, data, expiry)
        self._submits: dict[str, deque[float]] = {}
        self._secret = uuid.uuid4().bytes
        self._tmp = None if media_dir else tempfile.TemporaryDirectory(prefix="wan-sim-")
        self.media = Mp4Factory(media_dir or Path(self._tmp.name))  # type: ignore[union-attr]
        self.base_url = ""
        # With a state file, tasks and the link-signing secret survive a restart (the sandbox bot).
        self.state_file = state_file
        if state_file is not None:
            from . import state

            state.load(self, state_file)

    @property
    def secret_hex(self) -> str:
        return self._secret.hex()

    @secret_hex.setter
    def secret_hex(self, value: str) -> None:
        self._secret = bytes.fromhex(value)

    def _persist(self) -> None:
        if self.state_file is not None:
            from . import state

            state.save(self, self.state_file)

    # -- time ---------------------------------------------------------------

    def now(self) -> float:
        """Simulated epoch seconds: the clock, sped up, plus any advance()."""
        real = self._clock()
        return self._epoch + (real - self._epoch) * self.speed + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    # -- scripting -----------------------------------------------------------

    def plan(self, **kwargs: Any) -> Plan:
        """Queue the outcome of the next create (or detect) call."""
        p = Plan(**kwargs)
        self.plans.append(p)
        return p

    def fail_next(
        self,
        route: str,
        status: int,
        code: str | None = None,
        message: str = "",
        *,
        times: int = 1,
        retry_after: float | None = None,
    ) -> None:
        self.faults.append(Fault(route, status, code, message, times, retry_after))

    def _take_plan(self, model: str) -> Plan:
        for p in list(self.plans):
            if p.model in (None, model):
                self.plans.remove(p)
                return p
        return Plan(**{**self.default_plan.__dict__})

    def _fault(self, route: str) -> web.Response | None:
        for f in self.faults:
            if f.route == route and f.times > 0:
                f.times -= 1
                if f.times == 0:
                    self.faults.remove(f)
                headers = {"Retry-After": str(f.retry_after)} if f.retry_after is not None else None
                if f.code is None:
                    return web.Response(status=f.status, text="upstream error", headers=headers)
                return _json({"request_id": str(uuid.uuid4()), "code": f.code, "message": f.message}, f.status, headers)
        return None

    # -- app -------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._record, self._auth], client_max_size=64 * 1024 * 1024)
        r = app.router
        r.add_post(API + "/services/aigc/{group}/{function}", self.create)
        r.add_post(API + "/services/aigc/{group}/{function}/", self.create)
        r.add_get(API + "/tasks/{task_id}", self.query)
        r.add_post(API + "/tasks/{task_id}/cancel", self.cancel)
        r.add_get(API + "/tasks", self.list_tasks)
        r.add_get(API + "/tasks/", self.list_tasks)
        r.add_get(API + "/uploads", self.get_policy)
        r.add_post("/oss-upload", self.oss_upload)
        r.add_get("/results/{name}", self.result)
        r.add_get("/health", self.health)
        return app

    @web.middleware
    async def _record(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        body: Any = None
        if request.can_read_body and request.content_type == "application/json":
            raw = await request.read()
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                body = raw.decode(errors="replace")
        self.requests.append(RecordedRequest(
            request.method, request.path, dict(request.query),
            {k: v for k, v in request.headers.items()}, body, self.now(),
        ))  # fmt: skip
        return await handler(request)

    @web.middleware
    async def _auth(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        if request.path.startswith(API):
            header = request.headers.get("Authorization", "")
            key = header[7:].strip() if header.lower().startswith("bearer ") else ""
            if not key:
                return self._error(401, "InvalidApiKey", "No API-key provided.")
            if self.api_key is not None and key != self.api_key:
                return self._error(401, "InvalidApiKey", "Invalid API-key provided.")
            request[API_KEY] = key
        return await handler(request)

    @staticmethod
    def _error(status: int, code: str, message: str) -> web.Response:
        return _json({"request_id": str(uuid.uuid4()), "code": code, "message": message}, status)

    async def health(self, request: web.Request) -> web.Response:
        return _json({"status": "ok", "tasks": len(self.tasks)})

    # -- create / detect --------------------------------------------------------

    def _resolve(self, model_id: str) -> ModelSpec | None:
        spec = catalog.find(model_id)
        if spec is None:
            return None
        if self.region is not None:
            return spec if spec.id_in(self.region) == model_id else None
        return spec if model_id in (spec.name, *spec.regions.values()) else None

    def _limits(self, spec: ModelSpec) -> RateLimit:
        return self.limit_overrides.get(spec.name, spec.limits)

    async def create(self, request: web.Request) -> web.Response:
        route_path = request.path[len(API) :]
        try:
            body = json.loads(await request.read() or b"null")
        except json.JSONDecodeError:
            return self._error(400, "BadRequest.IllegalInput", "The input parameter requires json format.")
        if not isinstance(body, dict):
            return self._error(400, "BadRequest.IllegalInput", "The input parameter requires json format.")
        model_id = body.get("model")
        if not model_id:
            return self._error(400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.')
        spec = self._resolve(str(model_id))
        if spec is None:
            return self._error(400, "InvalidParameter", "Model not exist.")
        if spec.endpoint.rstrip("/") != route_path.rstrip("/"):
            return self._error(400, "InvalidParameter", "url error, please check url!")
        asynchronous = request.headers.get("X-DashScope-Async", "").lower() == "enable"
        if spec.sync and asynchronous:
            return self._error(403, "AccessDenied", "Current user api does not support asynchronous calls.")
        if not spec.sync and not asynchronous:
            return self._error(403, "AccessDenied", "current user api does not support synchronous calls")
        route = "detect" if spec.sync else "create"
        fault = self._fault(route)
        if fault is not None:
            return fault
        if not isinstance(body.get("input"), dict) or not body["input"]:
            return self._error(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        oss_problem = self._check_oss(request, spec, body)
        if oss_problem is not None:
            return oss_problem
        issues = validate_body(spec, body, strict=False)
        if issues:
            first = issues[0]
            return self._error(
                400,
                "InvalidParameter",
                f"Required parameter({first.field}) missing or invalid, please check the request parameters. ({first})",
            )
        if spec.sync:
            return self._detect(spec)
        return self._create_task(spec, body, request[API_KEY])

    def _check_oss(self, request: web.Request, spec: ModelSpec, body: dict[str, Any]) -> web.Response | None:
        urls = [s for s in _strings(body.get("input")) if s.startswith("oss://")]
        if not urls:
            return None
        if request.headers.get("X-DashScope-OssResourceResolve", "").lower() != "enable":
            return self._error(
                400,
                "invalid_parameter_error",
                "InternalError.Algo.InvalidParameter: The provided "
                "URL does not appear to be valid. Ensure it is correctly formatted.",
            )
        for url in urls:
            entry = self.uploads.get(url[len("oss://") :])
            if entry is None or entry[0] != spec.name or entry[2] < self.now():
                return self._error(
                    400,
                    "InvalidParameter",
                    "The provided URL does not appear to be valid. Ensure it is correctly formatted.",
                )
        return None

    def _detect(self, spec: ModelSpec) -> web.Response:
        plan = self._take_plan(spec.name)
        output = dict(spec.detect_fail if plan.outcome == "reject" else spec.detect_pass)
        return _json({"request_id": str(uuid.uuid4()), "output": output, "usage": {"image_count": 1}})

    def _create_task(self, spec: ModelSpec, body: dict[str, Any], api_key: str) -> web.Response:
        now = self.now()
        limits = self._limits(spec)
        if self.enforce_limits and limits.submit_rps:
            window = self._submits.setdefault(spec.name, deque())
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= limits.submit_rps:
                return self._error(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.")
        start = now
        if self.enforce_limits and limits.concurrent:
            busy = sorted(t.finish for t in self.tasks.values()
                          if t.spec.name == spec.name and self._status(t, now) in ("PENDING", "RUNNING")
                          and t.plan.outcome != "stuck")  # fmt: skip
            stuck = sum(
                1
                for t in self.tasks.values()
                if t.spec.name == spec.name and t.plan.outcome == "stuck" and t.canceled_at is None
            )
            active = len(busy) + stuck
            if active >= limits.concurrent:
                if limits.over_limit != "queue":
                    return self._error(429, "Throttling", "Requests throttling triggered.")
                # The service queues the extra task until a slot frees.
                slot = active - limits.concurrent
                start = busy[slot] if slot < len(busy) else now + DAY
        if self.enforce_limits and limits.submit_rps:
            self._submits[spec.name].append(now)
        plan = self._take_plan(spec.name)
        task = SimTask(str(uuid.uuid4()), spec, body, plan, now, max(start, now) + plan.pending_s, api_key)
        self.tasks[task.task_id] = task
        self._persist()
        log.debug("simulated task %s for %s", task.task_id, spec.name)
        return _json({"request_id": str(uuid.uuid4()), "output": {"task_id": task.task_id, "task_status": "PENDING"}})

    # -- query ------------------------------------------------------------------

    def _status(self, task: SimTask, now: float) -> str:
        if now - task.submitted >= DAY:
            return "UNKNOWN"
        if task.canceled_at is not None:
            return "CANCELED"
        if now < task.start:
            return "PENDING"
        outcome = task.plan.outcome
        if outcome == "stuck":
            return "RUNNING"
        if outcome == "CANCELED" or now >= task.finish:
            return "SUCCEEDED" if outcome not in ("FAILED", "CANCELED") else outcome
        states = task.spec.states
        progress = (now - task.start) / max(task.plan.running_s, 1e-9)
        if "PRE-PROCESSING" in states and progress < 0.2:
            return "PRE-PROCESSING"
        if "POST-PROCESSING" in states and progress > 0.9:
            return "POST-PROCESSING"
        return "RUNNING"

    def status_of(self, task_id: str) -> str:
        task = self.tasks.get(task_id)
        return "UNKNOWN" if task is None else self._status(task, self.now())

    async def query(self, request: web.Request) -> web.Response:
        if request.headers.get("X-DashScope-Async", "").lower() == "enable":
            return self._error(403, "AccessDenied", "Current user api does not support asynchronous calls.")
        fault = self._fault("query")
        if fault is not None:
            return fault
        task_id = request.match_info["task_id"]
        task = self.tasks.get(task_id)
        rid = str(uuid.uuid4())
        now = self.now()
        if task is None or self._status(task, now) == "UNKNOWN":
            return _json({"request_id": rid, "output": {"task_id": task_id, "task_status": "UNKNOWN"}})
        return _json(await self._task_view(task, now, rid))

    async def _task_view(self, task: SimTask, now: float, rid: str) -> dict[str, Any]:
        status = self._status(task, now)
        out: dict[str, Any] = {
            "task_id": task.task_id,
            "task_status": status,
            "submit_time": format_service_time(_dt(task.submitted)),
        }
        if status not in ("PENDING",) and task.canceled_at is None and now >= task.start:
            out["scheduled_time"] = format_service_time(_dt(task.start))
        response: dict[str, Any] = {"request_id": rid, "output": out}
        if status in ("SUCCEEDED", "FAILED", "CANCELED"):
            end = task.canceled_at if task.canceled_at is not None else min(now, task.finish)
            out["end_time"] = format_service_time(_dt(end))
        if status == "FAILED":
            out["code"], out["message"] = task.plan.code, task.plan.message
        elif status == "SUCCEEDED":
            self._fill_success(task, out)
            response["usage"] = self._usage(task)
        return response

    def _fill_success(self, task: SimTask, out: dict[str, Any]) -> None:
        spec = task.spec
        if spec.role is Role.TEMPLATE:
            out["template_id"] = f"AACT.{task.task_id[:8]}.{task.task_id[9:13]}-sim"
            return
        expires = int(task.finish + DAY)
        url = (
            f"{self.base_url}/results/{task.task_id}.mp4?Expires={expires}&OSSAccessKeyId=LTAIsimulator"
            f"&Signature={self._sign(task.task_id, expires)}"
        )
        _set_path(out, spec.result_path.removeprefix("output."), url)
        prompt = get_path(task.body, "input.prompt")
        if isinstance(prompt, str):
            out["orig_prompt"] = prompt
            extend = get_path(task.body, "parameters.prompt_extend")
            if (
                extend is not False
                and not spec.name.startswith("wan2.6")
                and spec.family.value in ("t2v", "i2v", "kf2v")
            ):
                out["actual_prompt"] = f"{prompt}. Cinematic lighting, smooth camera motion, rich detail."

    def output_seconds(self, task: SimTask) -> float:
        spec = task.spec
        if spec.output_length == "parameter":
            value = get_path(task.body, "parameters.duration")
            if value is None:
                f = spec.field("duration")
                value = f.default if f is not None and f.default is not None else 5
            return float(value)
        if spec.output_length in ("audio", "video"):
            seconds = task.plan.output_seconds or min(8.0, spec.max_output_seconds or 8.0)
            return float(min(seconds, spec.max_output_seconds or seconds))
        return float(spec.max_output_seconds or task.plan.output_seconds or 5.0)

    def _tier(self, task: SimTask) -> str | None:
        return task.spec.tier_of(task.body)

    def _usage(self, task: SimTask) -> dict[str, Any]:
        spec = task.spec
        seconds = self.output_seconds(task)
        tier = self._tier(task)
        sr = TIER_HEIGHT.get(tier or "", 720)
        size = get_path(task.body, "parameters.size")
        style = spec.usage_style
        if style == "wan26":
            usage: dict[str, Any] = {
                "duration": seconds + task.plan.input_video_seconds,
                "input_video_duration": task.plan.input_video_seconds,
                "output_video_duration": int(seconds),
                "SR": sr,
                "video_count": 1,
            }
            if size:
                usage["size"] = size
            if spec.audio == "optional":  # models priced by sound vs silence report which
                usage["audio"] = get_path(task.body, "parameters.audio") is not False
            return usage
        if style == "wan25":
            return {"video_duration": int(seconds), "video_ratio": size or tier or "", "video_count": 1}
        if style == "wan22":
            return {"video_duration": int(seconds), "video_count": 1, "SR": sr}
        if style == "wan21":
            return {"video_duration": int(seconds), "video_count": 1, "video_ratio": "standard"}
        if style == "animate":
            mode = get_path(task.body, "parameters.mode")
            return {"video_duration": seconds, "video_ratio": "pro" if mode == "wan-pro" else "standard"}
        if style == "s2v":
            return {"duration": seconds, "video_count": 1, "SR": sr}
        if style == "portrait":
            return {"video_duration": seconds, "video_ratio": _portrait_ratio(task.body)}
        if style == "emoji":
            return {"video_duration": round(seconds), "video_ratio": "standard"}
        if style == "style":
            return {"duration": seconds, "SR": sr}
        if style == "template":
            return {"video_duration": seconds, "video_ratio": "standard"}
        return {"duration": seconds}

    def output_size(self, task: SimTask) -> tuple[int, int]:
        """The full-scale output size the request asks for (W, H)."""
        size = get_path(task.body, "parameters.size")
        if isinstance(size, str) and "*" in size:
            w, h = (int(x) for x in size.split("*"))
            return w, h
        height = TIER_HEIGHT.get(self._tier(task) or "", 720)
        aspect = _image_aspect(task.body) or 16 / 9
        return round(height * aspect), height

    # -- cancel / list -------------------------------------------------------------

    async def cancel(self, request: web.Request) -> web.Response:
        fault = self._fault("cancel")
        if fault is not None:
            return fault
        task = self.tasks.get(request.match_info["task_id"])
        if task is None or self._status(task, self.now()) != "PENDING":
            return self._error(
                400,
                "UnsupportedOperation",
                "Failed to cancel the task, please confirm if the task is in PENDING status.",
            )
        task.canceled_at = self.now()
        self._persist()
        return _json({"request_id": str(uuid.uuid4())})

    async def list_tasks(self, request: web.Request) -> web.Response:
        fault = self._fault("list")
        if fault is not None:
            return fault
        q = request.query
        now = self.now()
        try:
            end = _parse_compact(q["end_time"]) if "end_time" in q else None
            start = _parse_compact(q["start_time"]) if "start_time" in q else None
            page_no = int(q.get("page_no", 1))
            page_size = int(q.get("page_size", 10))
        except ValueError:
            return self._error(
                400,
                "InvalidParameter",
                "Required parameter(s) missing or invalid, please check the request parameters.",
            )
        if start is None and end is None:
            end, start = now, now - DAY
        elif start is None:
            start = end - DAY  # type: ignore[operator]
        elif end is None:
            end = start + DAY
        if end - start > DAY or page_no < 1 or page_size < 1:  # type: ignore[operator]
            return self._error(400, "InvalidParameter", "The time range can not exceed 24 hours.")
        rows = []
        for t in sorted(self.tasks.values(), key=lambda t: t.submitted, reverse=True):
            status = self._status(t, now)
            if not (start <= t.submitted <= end):  # type: ignore[operator]
                continue
            if q.get("task_id") and t.task_id != q["task_id"]:
                continue
            if q.get("model_name") and q["model_name"] not in (t.spec.name, t.body.get("model")):
                continue
            if q.get("status") and q["status"] != status:
                continue
            path = t.spec.endpoint.strip("/").split("/")
            item = {
                "api_key_id": hashlib.sha1(t.api_key.encode()).hexdigest()[:8],
                "caller_parent_id": "sim",
                "caller_uid": "sim",
                "gmt_create": int(t.submitted * 1000),
                "start_time": int(t.start * 1000),
                "model_name": t.body.get("model"),
                "region": "cn-beijing",
                "request_id": str(uuid.uuid4()),
                "status": status,
                "task_id": t.task_id,
                "user_api_unique_key": f"apikey:v1:{path[1]}:{path[2]}:{path[3]}:{t.body.get('model')}",
            }
            if status in ("SUCCEEDED", "FAILED", "CANCELED"):
                item["end_time"] = int(min(now, t.finish) * 1000)
            rows.append(item)
        total = len(rows)
        page = rows[(page_no - 1) * page_size : page_no * page_size]
        return _json(
            {
                "request_id": str(uuid.uuid4()),
                "total": total,
                "total_page": (total + page_size - 1) // page_size,
                "page_no": page_no,
                "page_size": page_size,
                "data": page,
            }
        )

    # -- temporary upload -------------------------------------------------------

    async def get_policy(self, request: web.Request) -> web.Response:
        if request.query.get("action") != "getPolicy" or not request.query.get("model"):
            return self._error(400, "InvalidParameter", "Required parameter(action, model) missing or invalid.")
        if catalog.find(request.query["model"]) is None:
            return self._error(400, "InvalidParameter", "Model not exist.")
        fault = self._fault("upload")
        if fault is not None:
            return fault
        model = catalog.get(request.query["model"]).name
        expires = self.now() + 300
        doc = json.dumps({"model": model, "expires": expires}).encode()
        policy = base64.b64encode(doc).decode()
        day = datetime.fromtimestamp(self.now(), SERVICE_TZ).strftime("%Y-%m-%d")
        return _json(
            {
                "request_id": str(uuid.uuid4()),
                "data": {
                    "policy": policy,
                    "signature": self._sign(policy, 0),
                    "upload_dir": f"dashscope-instant/sim/{day}/{uuid.uuid4().hex[:8]}",
                    "upload_host": f"{self.base_url}/oss-upload",
                    "expire_in_seconds": 300,
                    "max_file_size_mb": 100,
                    "capacity_limit_mb": 999999999,
                    "oss_access_key_id": "LTAIsimulator",
                    "x_oss_object_acl": "private",
                    "x_oss_forbid_overwrite": "true",
                },
            }
        )

    async def oss_upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        policy = str(form.get("policy", ""))
        if not policy or not hmac.compare_digest(str(form.get("Signature", "")), self._sign(policy, 0)):
            return _xml_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.")
        doc = json.loads(base64.b64decode(policy))
        if doc["expires"] < self.now():
            return _xml_error(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
        key = str(form.get("key", ""))
        upload = form.get("file")
        if not key or not isinstance(upload, web.FileField):
            return _xml_error(400, "InvalidArgument", "file and key are required")
        if key in self.uploads:
            return _xml_error(409, "FileAlreadyExists", "The object you specified already exists.")
        self.uploads[key] = (doc["model"], upload.file.read(), self.now() + 48 * 3600)
        return web.Response(status=200)

    # -- results ------------------------------------------------------------------

    def _sign(self, name: str, expires: int) -> str:
        return hmac.new(self._secret, f"{name}:{expires}".encode(), hashlib.sha256).hexdigest()[:32]

    async def result(self, request: web.Request) -> web.StreamResponse:
        fault = self._fault("result")
        if fault is not None:
            return fault
        name = request.match_info["name"]
        task_id = name.removesuffix(".mp4")
        try:
            expires = int(request.query.get("Expires", "0"))
        except ValueError:
            expires = 0
        if self.now() > expires:  # OSS checks the expiry before anything else
            return _xml_error(403, "AccessDenied", "Request has expired.")
        if not hmac.compare_digest(request.query.get("Signature", ""), self._sign(task_id, expires)):
            return _xml_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.")
        task = self.tasks.get(task_id)
        if task is None or self._status(task, self.now()) != "SUCCEEDED":
            return _xml_error(404, "NoSuchKey", "The specified key does not exist.")
        path = task.plan.video or await self.media.make(
            *preview_dimensions(*self.output_size(task)), self.output_seconds(task), self._has_audio(task)
        )
        return web.FileResponse(path, headers={"Content-Type": "video/mp4"})

    @staticmethod
    def _has_audio(task: SimTask) -> bool:
        spec = task.spec
        if spec.audio == "never":
            return False
        if spec.audio == "optional":
            return get_path(task.body, "parameters.audio") is not False
        return True

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _dt(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _parse_compact(text: str) -> float:
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=SERVICE_TZ).timestamp()


def _portrait_ratio(body: Mapping[str, Any]) -> str:
    """EMO reports its output aspect (from ext_bbox); the other portrait models say "standard"."""
    box = get_path(body, "input.ext_bbox")
    if isinstance(box, list) and len(box) == 4 and box[3] != box[1]:
        aspect = (box[2] - box[0]) / (box[3] - box[1])
        return "1:1" if aspect > 0.875 else "3:4"
    return "standard"


def _image_aspect(body: Mapping[str, Any]) -> float | None:
    """Aspect of an inline (data URI) input image; remote images are not fetched."""
    for value in _strings(body.get("input")):
        if value.startswith("data:image/") and ";base64," in value:
            try:
                from PIL import Image

                with Image.open(io.BytesIO(base64.b64decode(value.split(",", 1)[1]))) as img:
                    return img.width / img.height
            except Exception:  # a broken inline image just falls back to 16:9
                return None
    return None


async def start(sim: Simulator, host: str = "127.0.0.1", port: int = 0) -> web.AppRunner:
    """Serve `sim` and set its base URL; returns the runner to clean up."""
    runner = web.AppRunner(sim.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    server = site._server
    sockets = getattr(server, "sockets", None) or []
    bound = sockets[0].getsockname()[1] if sockets else port
    sim.base_url = f"http://{host}:{bound}"
    return runner
