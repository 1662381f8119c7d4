"""Typed DashScope errors, mapped from the documented codes (spec 09 §3).

Each class carries a message key (text lives in bot.i18n), whether waiting and
trying again can help, and the service's code and request id for operators.
Messages are redacted: no keys or signed URLs survive into str(error).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from .redact import redact


class WanError(Exception):
    """Base of everything the Wan layer raises about the service."""

    key: ClassVar[str] = "error.generic"
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        status: int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = redact(message or "")
        self.code = code
        self.status = status
        self.request_id = request_id
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        parts = [p for p in (f"HTTP {self.status}" if self.status else None, self.code, self.message) if p]
        return ": ".join(parts) or type(self).__name__

    def explain(self, locale: str = "en-US") -> str:
        """A plain sentence a Discord member understands."""
        from bot.i18n import t

        return t(self.key, locale)


class AuthError(WanError):
    key = "error.auth"


class AccessDeniedError(WanError):
    key = "error.access_denied"


class AsyncHeaderMissing(WanError):
    key = "error.async_header"


class ModelNotAvailable(WanError):
    key = "error.model_unavailable"


class InvalidParameterError(WanError):
    key = "error.invalid_parameter"


class MediaUnreachable(InvalidParameterError):
    key = "error.media_unreachable"


class MediaRejected(InvalidParameterError):
    key = "error.media_rejected"


class ContentRejected(WanError):
    key = "error.content_rejected"


class IPInfringement(ContentRejected):
    key = "error.ip_infringement"


class BillingError(WanError):
    key = "error.billing"


class ThrottledError(WanError):
    key = "error.throttled"
    retryable = True


class ServerError(WanError):
    key = "error.server"
    retryable = True


class TaskTimedOut(WanError):
    key = "error.task_timeout"


class CancelRefused(WanError):
    key = "error.cancel_refused"


class TransportError(WanError):
    """The network failed before an answer arrived."""

    key = "error.transport"
    retryable = True


class AmbiguousSubmission(WanError):
    """A create request may or may not have reached DashScope; never resend blindly."""

    key = "error.ambiguous_submission"


class ResultExpired(WanError):
    key = "error.result_expired"


class ResultRejected(WanError):
    """A result download was refused by our own limits (host, size)."""

    key = "error.result_rejected"


_BILLING_CODES = {
    "Arrearage",
    "AllocationQuota.FreeTierOnly",
    "CommodityNotPurchased",
    "PrepaidBillOverdue",
    "PostpaidBillOverdue",
}
_ACCESS_CODES = {"AccessDenied", "AccessDenied.Unpurchased", "Model.AccessDenied", "Workspace.AccessDenied"}
_UNREACHABLE_HINTS = (
    "download",
    "don't have authorization to access the media",
    "unable to download",
    "timed out",
)
_MEDIA_REJECT_HINTS = ("file format", "media format", "invalid video file", "image size", "cannot be opened")


def classify(status: int | None, code: str | None, message: str | None) -> type[WanError]:
    """The error class for a documented (status, code, message) triple."""
    code = code or ""
    text = (message or "").lower()
    if code in ("DataInspectionFailed",):
        return ContentRejected
    if code == "IPInfringementSuspect":
        return IPInfringement
    if code in _BILLING_CODES or (code == "Throttling.AllocationQuota" and "free allocated quota" in text):
        return BillingError
    if code == "InvalidApiKey" or code == "NOT AUTHORIZED" or status == 401:
        return AuthError
    if code == "AccessDenied" and "does not support synchronous" in text:
        return AsyncHeaderMissing
    if code in _ACCESS_CODES:
        return AccessDeniedError
    if code == "UnsupportedOperation":
        return CancelRefused
    if code == "InternalError.Timeout":
        return TaskTimedOut
    if code == "ModelNotFound" or "model not exist" in text or "url error" in text:
        return ModelNotAvailable
    if code.startswith("Throttling") or code == "LimitRequests" or status == 429:
        return ThrottledError
    if code.startswith("InvalidURL") or (
        code.startswith("InvalidParameter") and any(h in text for h in _UNREACHABLE_HINTS)
    ):
        return MediaUnreachable
    if code.startswith("InvalidFile") or (
        code.startswith("InvalidParameter") and any(h in text for h in _MEDIA_REJECT_HINTS)
    ):
        return MediaRejected
    if code.startswith(("InvalidParameter", "BadRequest", "invalid_parameter")) or status == 400:
        return InvalidParameterError
    if status is not None and status >= 500:
        return ServerError
    if code in (
        "InternalError",
        "InternalError.Algo",
        "InternalError.Upload",
        "InternalError.FileUpload",
        "SystemError",
        "ModelServiceFailed",
        "RequestTimeOut",
        "ModelServingError",
        "ModelUnavailable",
    ):
        return ServerError
    if status == 403:
        return AccessDeniedError
    return WanError


def from_response(status: int, payload: Mapping[str, Any] | None, retry_after: float | None = None) -> WanError:
    """Build the error for a non-2xx answer with the documented envelope."""
    payload = payload or {}
    code = payload.get("code")
    message = payload.get("message") or ""
    cls = classify(status, code, message)
    return cls(message, code=code, status=status, request_id=payload.get("request_id"), retry_after=retry_after)


def from_task(code: str | None, message: str | None, request_id: str | None = None) -> WanError:
    """The error for a FAILED task's output.code / output.message (never retryable as such)."""
    cls = classify(None, code, message)
    return cls(message or "", code=code, request_id=request_id)
