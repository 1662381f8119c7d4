"""Check a request body against its catalog entry.

The same checks run twice: in the builders before anything leaves the bot
(`strict=True`), and in the simulator on what arrives (`strict=False`), where
documented service behaviour such as silent prompt truncation or ignoring
unknown fields is imitated instead of refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .catalog.types import Field, Kind, MediaLimits, ModelSpec, UrlScheme


@dataclass(frozen=True)
class Issue:
    """One violated limit: which field, what value, what is allowed."""

    field: str  # full JSON path, e.g. "parameters.duration"
    value: Any
    allowed: str  # human wording of what would be accepted
    model: str

    @property
    def name(self) -> str:
        return self.field.rsplit(".", 1)[-1]

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.name} missing for {self.model}: {self.allowed}"
        return f"{self.name} {_show(self.value)} not allowed for {self.model}: {self.allowed}"


class InvalidRequest(ValueError):
    """A request breaks a documented limit; nothing was sent."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0]
        self.field, self.value, self.allowed, self.model = first.field, first.value, first.allowed, first.model
        super().__init__(str(first))


def _show(value: Any) -> str:
    if value is None:
        return "(missing)"
    if isinstance(value, str):
        if value.startswith("data:"):
            return "(data URI)"
        return repr(value) if len(value) <= 60 else f"({len(value)} characters)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return f"({len(value)} items)"
    return str(value)


def _or_list(values: Iterable[Any]) -> str:
    shown = [_show(v).strip("'") if isinstance(v, str) else _show(v) for v in values]
    if not shown:
        return "nothing"
    if len(shown) == 1:
        return f"only {shown[0]}"
    return "choose " + ", ".join(shown[:-1]) + f" or {shown[-1]}"


def get_path(body: Mapping[str, Any], path: str) -> Any:
    node: Any = body
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and not (isinstance(value, float) and not math.isfinite(value))


def check_url(value: Any, limits: MediaLimits | None) -> str | None:
    """Why a media URL is unacceptable, or None."""
    if not isinstance(value, str) or not value:
        return "a URL"
    schemes = limits.schemes if limits else (UrlScheme.HTTP, UrlScheme.OSS)
    lower = value.lower()
    if lower.startswith(("http://", "https://")):
        scheme = UrlScheme.HTTP
    elif lower.startswith("oss://"):
        scheme = UrlScheme.OSS
    elif lower.startswith("data:"):
        scheme = UrlScheme.DATA
    else:
        scheme = None
    if scheme not in schemes:
        names = {
            UrlScheme.HTTP: "a public http(s) URL",
            UrlScheme.OSS: "an oss:// upload",
            UrlScheme.DATA: "a base64 data URI",
        }
        return "use " + " or ".join(names[s] for s in schemes)
    if scheme is UrlScheme.DATA and not lower.split(",", 1)[0].endswith(";base64"):
        return "a data URI of the form data:{mime};base64,{data}"
    if limits and limits.ascii_only and scheme is not UrlScheme.DATA and not value.isascii():
        return "a URL without non-ASCII characters (percent-encode them)"
    return None


def check_field(spec: Field, value: Any, model: str, *, strict: bool) -> Issue | None:
    """Check one present value against its field's limits."""

    def issue(allowed: str) -> Issue:
        return Issue(spec.path, value, allowed, model)

    kind = spec.kind
    if kind is Kind.TEXT:
        if not isinstance(value, str):
            return issue("text")
        if spec.required and not value.strip():
            return issue("non-empty text")
        if spec.max_len is not None and len(value) > spec.max_len and (strict or not spec.truncated):
            return Issue(spec.path, f"({len(value)} characters)", f"at most {spec.max_len} characters", model)
    elif kind is Kind.BOOL:
        if not isinstance(value, bool):
            return issue("true or false")
    elif kind is Kind.INT:
        if not _is_int(value):
            return issue("a whole number" + _range_text(spec))
        if not _in_range(spec, value):
            return issue("choose a whole number" + _range_text(spec))
    elif kind is Kind.FLOAT:
        if not _is_number(value):
            return issue("a number" + _range_text(spec))
        if not _in_range(spec, value):
            return issue("choose a number" + _range_text(spec))
    elif kind is Kind.CHOICE:
        if isinstance(value, bool) or value not in spec.choices:
            return issue(_or_list(spec.choices))
    elif kind is Kind.CHOICE_LIST:
        if not isinstance(value, list) or any(v not in spec.choices for v in value):
            return issue("a list of " + _or_list(spec.choices).removeprefix("choose "))
        return _check_count(spec, value, model)
    elif kind is Kind.URL:
        why = check_url(value, spec.media)
        if why:
            return issue(why)
    elif kind is Kind.URL_LIST:
        if not isinstance(value, list):
            return issue("a list of URLs")
        counted = _check_count(spec, value, model)
        if counted:
            return counted
        for i, item in enumerate(value):
            why = check_url(item, spec.media)
            if why:
                return Issue(f"{spec.path}[{i}]", item, why, model)
    elif kind is Kind.INT_LIST:
        if not isinstance(value, list) or not all(_is_int(v) for v in value):
            return issue("a list of whole numbers")
        return _check_count(spec, value, model)
    elif kind is Kind.MEDIA:
        return _check_media(spec, value, model)
    return None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _range_text(spec: Field) -> str:
    lo, hi = spec.minimum, spec.maximum
    if lo is not None and hi is not None:
        return f" from {_num(lo)} to {_num(hi)}"
    if lo is not None:
        return f" of at least {_num(lo)}"
    if hi is not None:
        return f" of at most {_num(hi)}"
    return ""


def _in_range(spec: Field, value: float) -> bool:
    return (spec.minimum is None or value >= spec.minimum) and (spec.maximum is None or value <= spec.maximum)


def _check_count(spec: Field, value: list[Any], model: str) -> Issue | None:
    n = len(value)
    lo, hi = spec.min_items, spec.max_items
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        if lo is not None and hi is not None:
            allowed = f"{lo} to {hi} items" if lo != hi else f"exactly {lo} items"
        elif lo is not None:
            allowed = f"at least {lo} items"
        else:
            allowed = f"at most {hi} items"
        return Issue(spec.path, value, allowed, model)
    return None


def _check_media(spec: Field, value: Any, model: str) -> Issue | None:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        return Issue(spec.path, value, "a list of {type, url} objects", model)
    counted = _check_count(spec, value, model)
    if counted:
        return counted
    seen: set[str] = set()
    for i, item in enumerate(value):
        mtype = item.get("type")
        if mtype not in spec.media_types:
            return Issue(f"{spec.path}[{i}].type", mtype, _or_list(spec.media_types), model)
        if mtype in seen:
            return Issue(f"{spec.path}[{i}].type", mtype, "each media type at most once", model)
        seen.add(mtype)
        why = check_url(item.get("url"), spec.media_types[mtype])
        if why:
            return Issue(f"{spec.path}[{i}].url", item.get("url"), why, model)
    return None


def validate_body(spec: ModelSpec, body: Mapping[str, Any], *, strict: bool = True) -> list[Issue]:
    """Every violated limit of `body` for `spec`; an empty list means valid."""
    from .rules import run_rules  # rules import this module

    issues: list[Issue] = []
    name = spec.name
    mode: str | None = None
    if spec.mode_field:
        mode = get_path(body, spec.mode_field)
        if mode not in spec.modes:
            issues.append(Issue(spec.mode_field, mode, _or_list(spec.modes), name))
            return issues
    fields = spec.all_fields(mode)
    for section in ("input", "parameters"):
        part = body.get(section)
        if part is not None and not isinstance(part, Mapping):
            issues.append(Issue(section, part, "a JSON object", name))
            return issues
    for f in fields:
        value = get_path(body, f.path)
        if value is None:
            if f.required:
                issues.append(Issue(f.path, None, f"required: {f.doc.lower() or 'give a value'}", name))
            continue
        problem = check_field(f, value, name, strict=strict)
        if problem:
            issues.append(problem)
    if strict:
        known = {f.path for f in fields}
        for section in ("input", "parameters"):
            for key in body.get(section) or {}:
                path = f"{section}.{key}"
                if path not in known and (body.get(section) or {}).get(key) is not None:
                    issues.append(Issue(path, body[section][key], "not a documented field of this model", name))
    if not issues:
        issues.extend(run_rules(spec, body, mode))
    return issues


def ensure_valid(spec: ModelSpec, body: Mapping[str, Any]) -> None:
    """Raise `InvalidRequest` naming the first violated limit."""
    issues = validate_body(spec, body, strict=True)
    if issues:
        raise InvalidRequest(issues)
