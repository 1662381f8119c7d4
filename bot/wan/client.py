"""The aiohttp client for DashScope's native video API.

One `aiohttp.ClientSession` per process is passed in by the owner (bot, CLI or
test). Idempotent calls (query, list, download) retry with jittered backoff on
429, 5xx and network failures. A create is never repeated once it may have
reached the service: that could bill twice, so it raises AmbiguousSubmission
and the caller reconciles through the list-tasks API.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
from pydantic import SecretStr

from . import errors
from .redact import redact_url
from .requests.base import PreparedCall
from .responses import DetectResponse, TaskList, TaskResponse, UploadPolicy
from .retry import RetryPolicy

log = logging.getLogger(__name__)
T = TypeVar("T")

API_PREFIX = "/api/v1"
USER_AGENT = "wanbot/0.1 (+aiohttp)"
# Result hosts: the spec's OSS list plus accelerate hosts all live under aliyuncs.com.
RESULT_HOST_SUFFIXES = (".aliyuncs.com",)
_AMBIGUOUS_STATUSES = {502, 503, 504}


def host_allowed(url: str, extra_hosts: Iterable[str] = ()) -> bool:
    """Only fetch results from DashScope's storage or hosts an operator allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    allowed = [*RESULT_HOST_SUFFIXES, *(h.lower() for h in extra_hosts)]
    for entry in allowed:
        if entry.startswith("."):
            if host.endswith(entry):
                return True
        elif host == entry or (":" in entry and f"{host}:{parts.port}" == entry):
            return True
    return False


class WanClient:
    """Typed calls to one DashScope host with one API key."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        api_key: SecretStr | str,
        *,
        retry: RetryPolicy | None = None,
        request_timeout: float = 60.0,
        workspace: str | None = None,
    ) -> None:
        self._session = session
        self._root = base_url.rstrip("/")
        self._key = api_key if isinstance(api_key, SecretStr) else SecretStr(api_key)
        self.retry = retry or RetryPolicy()
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)
        self._workspace = workspace

    # -- plumbing ---------------------------------------------------------

    def url(self, path: str) -> str:
        return f"{self._root}{API_PREFIX}{path}"

    def headers(self, *, json_body: bool = False, asynchronous: bool = False, oss: bool = False) -> dict[str, str]:
        h = {"Authorization": f"Bearer {self._key.get_secret_value()}", "User-Agent": USER_AGENT}
        if json_body:
            h["Content-Type"] = "application/json"
        if asynchronous:
            h["X-DashScope-Async"] = "enable"
        if oss:
            h["X-DashScope-OssResourceResolve"] = "enable"
        if self._workspace:
            h["X-DashScope-WorkSpace"] = self._workspace
        return h

    def describe(self, call: PreparedCall) -> dict[str, Any]:
        """What `send` would transmit, key redacted (for --dry-run)."""
        headers = self.headers(json_body=True, asynchronous=call.asynchronous, oss=call.oss_resolve)
        headers["Authorization"] = "Bearer sk-***"
        return {"method": call.method, "url": self.url(call.path), "headers": headers, "json": call.body}

    @staticmethod
    async def _payload(resp: aiohttp.ClientResponse) -> dict[str, Any] | None:
        text = await resp.text()
        try:
            data = json.loads(text) if text else {}
        except json.JSONDecodeError:
            return None
        return data if isinstance(data, dict) else None

    @staticmethod
    def _retry_after(resp: aiohttp.ClientResponse) -> float | None:
        value = resp.headers.get("Retry-After")
        try:
            return float(value) if value else None
        except ValueError:
            return None

    async def _request(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None, **flags: bool
    ) -> dict[str, Any]:
        """One HTTP exchange; raises the mapped error for any non-2xx answer."""
        async with self._session.request(
            method,
            self.url(path),
            params=params,
            data=None if body is None else json.dumps(body, ensure_ascii=False).encode(),
            headers=self.headers(json_body=body is not None, **flags),
            timeout=self._timeout,
        ) as resp:
            payload = await self._payload(resp)
            if resp.status >= 400:
                if payload is None and resp.status in _AMBIGUOUS_STATUSES:
                    raise errors.ServerError(f"gateway answered {resp.status}", status=resp.status)
                raise errors.from_response(resp.status, payload, self._retry_after(resp))
            if payload is None:
                raise errors.ServerError("the service answered with something that is not JSON", status=resp.status)
            return payload

    async def _with_retries(self, what: str, attempt: Callable[[], Awaitable[T]], *, retry: bool = True) -> T:
        """Run an idempotent call, backing off on errors that waiting can cure."""
        attempts = self.retry.attempts if retry else 1
        for n in range(attempts):
            try:
                return await attempt()
            except (TimeoutError, aiohttp.ClientError) as exc:
                failure: errors.WanError = errors.TransportError(f"{type(exc).__name__} during {what}")
            except errors.WanError as exc:
                if not exc.retryable:
                    raise
                failure = exc
            if n == attempts - 1:
                raise failure
            delay = self.retry.delay(n, failure.retry_after)
            log.warning("retrying %s in %.1fs after %s", what, delay, failure, extra={"call": what})
            await self.retry.sleep(delay)
        raise AssertionError("unreachable")

    # -- task API ---------------------------------------------------------

    async def submit(self, call: PreparedCall) -> TaskResponse:
        """Create an async task. Retried only while no connection was ever made."""
        if not call.asynchronous:
            raise ValueError("use detect() for synchronous models")
        for n in range(self.retry.attempts):
            try:
                payload = await self._request(
                    call.method, call.path, body=call.body, asynchronous=True, oss=call.oss_resolve
                )
                response = TaskResponse.model_validate(payload)
                if not response.task_id:
                    raise errors.AmbiguousSubmission("create answered without a task id")
                log.info("task created", extra={"task_id": response.task_id, "model": call.body.get("model")})
                return response
            except aiohttp.ClientConnectorError as exc:  # nothing was sent: safe to try again
                if n == self.retry.attempts - 1:
                    raise errors.TransportError(f"cannot connect: {type(exc).__name__}") from None
                await self.retry.sleep(self.retry.delay(n))
            except errors.ServerError as exc:
                if exc.code is None:  # a gateway failed mid-request: the task may exist
                    raise errors.AmbiguousSubmission(str(exc), status=exc.status) from None
                raise
            except (TimeoutError, aiohttp.ClientError) as exc:
                raise errors.AmbiguousSubmission(f"{type(exc).__name__} while creating a task") from None
        raise AssertionError("unreachable")

    async def detect(self, call: PreparedCall) -> DetectResponse:
        """Call a synchronous detector (no async header). Safe to retry: no task is created."""
        if call.asynchronous:
            raise ValueError("use submit() for asynchronous models")

        async def attempt() -> DetectResponse:
            payload = await self._request(call.method, call.path, body=call.body, oss=call.oss_resolve)
            return DetectResponse.model_validate(payload)

        return await self._with_retries("detect", attempt)

    async def query(self, task_id: str, *, retry: bool = True) -> TaskResponse:
        """One task's status. `retry=False` lets a scheduler own the backoff instead."""

        async def attempt() -> TaskResponse:
            return TaskResponse.model_validate(await self._request("GET", f"/tasks/{task_id}"))

        return await self._with_retries("query", attempt, retry=retry)

    async def cancel(self, task_id: str) -> None:
        """Cancel a PENDING task; raises CancelRefused once it runs."""

        async def attempt() -> None:
            await self._request("POST", f"/tasks/{task_id}/cancel")

        await self._with_retries("cancel", attempt)

    async def list_tasks(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        model_name: str | None = None,
        status: str | None = None,
        task_id: str | None = None,
        page_no: int = 1,
        page_size: int = 10,
    ) -> TaskList:
        """Batch status (spec 09 §2.2): the window may not exceed 24 h."""
        from .responses import SERVICE_TZ

        params: dict[str, Any] = {"page_no": page_no, "page_size": page_size}
        for name, moment in (("start_time", start), ("end_time", end)):
            if moment is not None:
                params[name] = moment.astimezone(SERVICE_TZ).strftime("%Y%m%d%H%M%S")
        for name, value in (("model_name", model_name), ("status", status), ("task_id", task_id)):
            if value:
                params[name] = value

        async def attempt() -> TaskList:
            return TaskList.model_validate(await self._request("GET", "/tasks/", params=params))

        return await self._with_retries("list", attempt)

    # -- media ------------------------------------------------------------

    async def upload(self, model: str, data: bytes, filename: str, content_type: str | None = None) -> str:
        """Temporary upload (spec 09 §1): returns an oss:// URL usable by `model` for 48 h."""

        async def policy() -> UploadPolicy:
            payload = await self._request("GET", "/uploads", params={"action": "getPolicy", "model": model})
            return UploadPolicy.model_validate(payload.get("data") or {})

        pol = await self._with_retries("upload policy", policy)
        if len(data) > pol.max_file_size_mb * 1024 * 1024:
            raise errors.MediaRejected(f"file is larger than the {pol.max_file_size_mb:g} MB upload limit")
        ext = os.path.splitext(filename)[1].lower()
        key = f"{pol.upload_dir}/{uuid.uuid4().hex}{ext}"  # unique: overwrite is forbidden
        mime = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        form = aiohttp.FormData()
        for name, value in (
            ("OSSAccessKeyId", pol.oss_access_key_id),
            ("Signature", pol.signature),
            ("policy", pol.policy),
            ("key", key),
            ("x-oss-object-acl", pol.x_oss_object_acl),
            ("x-oss-forbid-overwrite", pol.x_oss_forbid_overwrite),
            ("success_action_status", "200"),
            ("x-oss-content-type", mime),
        ):
            form.add_field(name, value)
        form.add_field("file", data, filename=os.path.basename(key), content_type=mime)  # must be last
        try:
            async with self._session.post(pol.upload_host, data=form, timeout=self._timeout) as resp:
                if resp.status != 200:
                    text = await resp.text()
                    code = "AccessDenied" if "AccessDenied" in text else None
                    raise errors.from_response(resp.status, {"code": code, "message": text[:200]})
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise errors.TransportError(f"{type(exc).__name__} while uploading") from None
        return f"oss://{key}"

    async def download(
        self,
        url: str,
        dest: Path,
        *,
        max_bytes: int,
        extra_hosts: Iterable[str] = (),
        chunk_size: int = 1 << 16,
    ) -> int:
        """Stream a result to `dest` (never whole in memory); returns its size in bytes."""
        hosts = tuple(extra_hosts)
        if not host_allowed(url, hosts):
            raise errors.ResultRejected(f"result host not allowed: {urlsplit(url).hostname}")
        part = dest.with_name(dest.name + ".part")

        async def attempt() -> int:
            size = 0
            try:
                async with self._session.get(url, timeout=aiohttp.ClientTimeout(sock_read=60)) as resp:
                    if resp.status in (403, 404):
                        body = (await resp.text())[:300]
                        raise errors.ResultExpired(
                            "result link expired" if "expired" in body.lower() else "result no longer exists",
                            status=resp.status,
                        )
                    if resp.status >= 500 or resp.status == 429:
                        raise errors.ServerError(f"result host answered {resp.status}", status=resp.status)
                    if resp.status != 200:
                        raise errors.ResultRejected(f"result host answered {resp.status}", status=resp.status)
                    declared = resp.content_length
                    if declared is not None and declared > max_bytes:
                        raise errors.ResultRejected(f"result is {declared} bytes, over the {max_bytes} limit")
                    with part.open("wb") as fh:
                        async for chunk in resp.content.iter_chunked(chunk_size):
                            size += len(chunk)
                            if size > max_bytes:
                                raise errors.ResultRejected(f"result exceeds the {max_bytes} byte limit")
                            fh.write(chunk)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            part.replace(dest)
            return size

        log.info("downloading result", extra={"url": redact_url(url)})
        return await self._with_retries("download", attempt)
