"""Check a request body against its catalog entry.

The same checks run twice: in the builders before anything leaves the bot
(`strict=True`), and in the simulator on what arrives (`strict=False`), where
documented service behaviour such as silent prompt truncation or ignoring
unknown fields is imitated instead of refused.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .catalog.types import Field, Kind, MediaLimits, ModelSpec, UrlScheme


@dataclass(frozen=True)
class Phrase:
    """A message key and its parameters, so a phrase can be rendered in any language (see bot/wan/allowed.py)."""

    key: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Words:
    """Values to join in the member's language.

    `join="or"`: "a, b or c"; `"each"`: "a or b or c"; `"comma"`: "a, b, c". A plain list or
    tuple in `Issue.allowed_params` is joined like `"or"`. Items are shown text or `Phrase`s.
    """

    items: tuple[Any, ...]
    join: Literal["or", "each", "comma"] = "or"


@dataclass(frozen=True)
class Issue:
    """One violated limit: which field, what value, what is allowed.

    `allowed` is the English wording (the CLI, logs and `str(InvalidRequest)` show it);
    `allowed_key`/`allowed_params` say the same as a message of bot/i18n, so Discord can
    tell a member in their language. Equality ignores them: they restate `allowed`.
    """

    field: str  # full JSON path, e.g. "parameters.duration"
    value: Any
    allowed: str  # human wording of what would be accepted
    model: str
    allowed_key: str = dataclasses.field(default="", compare=False)  # "" when only the English text exists
    allowed_params: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)

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


def _shown_choices(values: Iterable[Any]) -> list[str]:
    return [_show(v).strip("'") if isinstance(v, str) else _show(v) for v in values]


def _or_list(values: Iterable[Any]) -> str:
    shown = _shown_choices(values)
    if not shown:
        return "nothing"
    if len(shown) == 1:
        return f"only {shown[0]}"
    return "choose " + ", ".join(shown[:-1]) + f" or {shown[-1]}"


def _or_phrase(values: Iterable[Any], *, listed: bool = False) -> Phrase:
    """`_or_list` as a message; `listed` for "a list of ..." (CHOICE_LIST)."""
    shown = _shown_choices(values)
    if not shown:
        return Phrase("allowed.list_of.nothing" if listed else "allowed.nothing")
    if len(shown) == 1:
        return Phrase("allowed.list_of.only" if listed else "allowed.only", {"value": shown[0]})
    return Phrase("allowed.list_of.choices" if listed else "allowed.choose", {"choices": tuple(shown)})


def _issue(path: str, value: Any, allowed: str, model: str, phrase: Phrase) -> Issue:
    return Issue(path, value, allowed, model, phrase.key, phrase.params)


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
    found = _url_problem(value, limits)
    return found[0] if found else None


_SCHEME_PHRASES = {
    UrlScheme.HTTP: Phrase("allowed.scheme.http"),
    UrlScheme.OSS: Phrase("allowed.scheme.oss"),
    UrlScheme.DATA: Phrase("allowed.scheme.data"),
}


def _url_problem(value: Any, limits: MediaLimits | None) -> tuple[str, Phrase] | None:
    """`check_url`'s English reason and the same reason as a message."""
    if not isinstance(value, str) or not value:
        return "a URL", Phrase("allowed.url")
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
        return "use " + " or ".join(names[s] for s in schemes), Phrase(
            "allowed.use", {"schemes": Words(tuple(_SCHEME_PHRASES[s] for s in schemes), join="each")}
        )
    if scheme is UrlScheme.DATA and not lower.split(",", 1)[0].endswith(";base64"):
        return "a data URI of the form data:{mime};base64,{data}", Phrase(
            "allowed.data_uri", {"form": "data:{mime};base64,{data}"}
        )
    if limits and limits.ascii_only and scheme is not UrlScheme.DATA and not value.isascii():
        return "a URL without non-ASCII characters (percent-encode them)", Phrase("allowed.url_ascii")
    return None


def check_field(spec: Field, value: Any, model: str, *, strict: bool) -> Issue | None:
    """Check one present value against its field's limits."""

    def issue(allowed: str, phrase: Phrase) -> Issue:
        return _issue(spec.path, value, allowed, model, phrase)

    kind = spec.kind
    if kind is Kind.TEXT:
        if not isinstance(value, str):
            return issue("text", Phrase("allowed.text"))
        if spec.required and not value.strip():
            return issue("non-empty text", Phrase("allowed.non_empty_text"))
        if spec.max_len is not None and len(value) > spec.max_len and (strict or not spec.truncated):
            return _issue(spec.path, f"({len(value)} characters)", f"at most {spec.max_len} characters", model,
                          Phrase("allowed.max_len", {"max": spec.max_len}))  # fmt: skip
    elif kind is Kind.BOOL:
        if not isinstance(value, bool):
            return issue("true or false", Phrase("allowed.bool"))
    elif kind is Kind.INT:
        if not _is_int(value):
            return issue("a whole number" + _range_text(spec), _number_phrase(spec, "int"))
        if not _in_range(spec, value):
            return issue("choose a whole number" + _range_text(spec), _number_phrase(spec, "choose_int"))
    elif kind is Kind.FLOAT:
        if not _is_number(value):
            return issue("a number" + _range_text(spec), _number_phrase(spec, "number"))
        if not _in_range(spec, value):
            return issue("choose a number" + _range_text(spec), _number_phrase(spec, "choose_number"))
    elif kind is Kind.CHOICE:
        if isinstance(value, bool) or value not in spec.choices:
            return issue(_or_list(spec.choices), _or_phrase(spec.choices))
    elif kind is Kind.CHOICE_LIST:
        if not isinstance(value, list) or any(v not in spec.choices for v in value):
            return issue(
                "a list of " + _or_list(spec.choices).removeprefix("choose "), _or_phrase(spec.choices, listed=True)
            )
        return _check_count(spec, value, model)
    elif kind is Kind.URL:
        found = _url_problem(value, spec.media)
        if found:
            return issue(*found)
    elif kind is Kind.URL_LIST:
        if not isinstance(value, list):
            return issue("a list of URLs", Phrase("allowed.url_list"))
        counted = _check_count(spec, value, model)
        if counted:
            return counted
        for i, item in enumerate(value):
            found = _url_problem(item, spec.media)
            if found:
                return _issue(f"{spec.path}[{i}]", item, found[0], model, found[1])
    elif kind is Kind.INT_LIST:
        if not isinstance(value, list) or not all(_is_int(v) for v in value):
            return issue("a list of whole numbers", Phrase("allowed.int_list"))
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


# "a whole number" / "choose a number" ... without a range, and with each kind of range.
_NUMBER_KEYS: dict[tuple[str, str], str] = {
    ("int", ""): "allowed.int",
    ("int", "between"): "allowed.int.between",
    ("int", "at_least"): "allowed.int.at_least",
    ("int", "at_most"): "allowed.int.at_most",
    ("choose_int", ""): "allowed.choose_int",
    ("choose_int", "between"): "allowed.choose_int.between",
    ("choose_int", "at_least"): "allowed.choose_int.at_least",
    ("choose_int", "at_most"): "allowed.choose_int.at_most",
    ("number", ""): "allowed.number",
    ("number", "between"): "allowed.number.between",
    ("number", "at_least"): "allowed.number.at_least",
    ("number", "at_most"): "allowed.number.at_most",
    ("choose_number", ""): "allowed.choose_number",
    ("choose_number", "between"): "allowed.choose_number.between",
    ("choose_number", "at_least"): "allowed.choose_number.at_least",
    ("choose_number", "at_most"): "allowed.choose_number.at_most",
}


def _number_phrase(spec: Field, noun: str) -> Phrase:
    """`noun + _range_text(spec)` as one message: word order differs by language, so no concatenation."""
    lo, hi = spec.minimum, spec.maximum
    if lo is not None and hi is not None:
        return Phrase(_NUMBER_KEYS[noun, "between"], {"min": _num(lo), "max": _num(hi)})
    if lo is not None:
        return Phrase(_NUMBER_KEYS[noun, "at_least"], {"min": _num(lo)})
    if hi is not None:
        return Phrase(_NUMBER_KEYS[noun, "at_most"], {"max": _num(hi)})
    return Phrase(_NUMBER_KEYS[noun, ""])


def _in_range(spec: Field, value: float) -> bool:
    return (spec.minimum is None or value >= spec.minimum) and (spec.maximum is None or value <= spec.maximum)


def _check_count(spec: Field, value: list[Any], model: str) -> Issue | None:
    n = len(value)
    lo, hi = spec.min_items, spec.max_items
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        if lo is not None and hi is not None:
            allowed = f"{lo} to {hi} items" if lo != hi else f"exactly {lo} items"
            phrase = (Phrase("allowed.items.between", {"min": lo, "max": hi}) if lo != hi
                      else Phrase("allowed.items.exactly", {"n": lo}))  # fmt: skip
        elif lo is not None:
            allowed = f"at least {lo} items"
            phrase = Phrase("allowed.items.at_least", {"min": lo})
        else:
            allowed = f"at most {hi} items"
            phrase = Phrase("allowed.items.at_most", {"max": hi})
        return _issue(spec.path, value, allowed, model, phrase)
    return None


def _check_media(spec: Field, value: Any, model: str) -> Issue | None:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        return _issue(spec.path, value, "a list of {type, url} objects", model,
                      Phrase("allowed.media_list", {"shape": "{type, url}"}))  # fmt: skip
    counted = _check_count(spec, value, model)
    if counted:
        return counted
    seen: set[str] = set()
    for i, item in enumerate(value):
        mtype = item.get("type")
        if mtype not in spec.media_types:
            return _issue(f"{spec.path}[{i}].type", mtype, _or_list(spec.media_types), model,
                          _or_phrase(spec.media_types))  # fmt: skip
        if mtype in seen:
            return _issue(f"{spec.path}[{i}].type", mtype, "each media type at most once", model,
                          Phrase("allowed.media_once"))  # fmt: skip
        seen.add(mtype)
        found = _url_problem(item.get("url"), spec.media_types[mtype])
        if found:
            return _issue(f"{spec.path}[{i}].url", item.get("url"), found[0], model, found[1])
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
            issues.append(_issue(spec.mode_field, mode, _or_list(spec.modes), name, _or_phrase(spec.modes)))
            return issues
    fields = spec.all_fields(mode)
    for section in ("input", "parameters"):
        part = body.get(section)
        if part is not None and not isinstance(part, Mapping):
            issues.append(_issue(section, part, "a JSON object", name, Phrase("allowed.json_object")))
            return issues
    for f in fields:
        value = get_path(body, f.path)
        if value is None:
            if f.required:
                issues.append(_issue(f.path, None, f"required: {f.doc.lower() or 'give a value'}", name,
                                     Phrase("allowed.required", {"doc": f.doc.lower()}) if f.doc
                                     else Phrase("allowed.required_value")))  # fmt: skip
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
                    issues.append(_issue(path, body[section][key], "not a documented field of this model", name,
                                         Phrase("allowed.undocumented")))  # fmt: skip
    if not issues:
        issues.extend(run_rules(spec, body, mode))
    return issues


def ensure_valid(spec: ModelSpec, body: Mapping[str, Any]) -> None:
    """Raise `InvalidRequest` naming the first violated limit."""
    issues = validate_body(spec, body, strict=True)
    if issues:
        raise InvalidRequest(issues)
