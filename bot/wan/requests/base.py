"""Typed request builders: pydantic models that emit exactly the documented JSON.

A builder's attribute names are the catalog's short field names. Attributes
left at None are not sent, so the service's own defaults apply. `prepare()`
validates the body against the catalog before anything leaves the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from .. import catalog
from ..catalog.types import Family, ModelSpec, Region, Role
from ..validation import InvalidRequest, Issue, ensure_valid


@dataclass(frozen=True)
class PreparedCall:
    """One HTTP call to DashScope, ready to send (minus credentials)."""

    method: str
    path: str  # after /api/v1, exactly as documented
    body: dict[str, Any]
    asynchronous: bool  # send X-DashScope-Async: enable
    oss_resolve: bool = False  # send X-DashScope-OssResourceResolve: enable
    spec: ModelSpec | None = field(default=None, compare=False, repr=False)


def _walk_strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk_strings(v)


def uses_oss(body: dict[str, Any]) -> bool:
    return any(s.startswith("oss://") for s in _walk_strings(body.get("input") or {}))


def _path_of(spec: ModelSpec, name: str) -> str:
    """The JSON path a short name has in the family, for messages about fields a model lacks."""
    for other in catalog.by_family(spec.family):
        f = other.field(name)
        if f is not None:
            return f.path
    return name


class WanRequest(BaseModel):
    """Base of every family's builder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    FAMILIES: ClassVar[tuple[Family, ...]] = ()
    ROLES: ClassVar[tuple[Role, ...]] = (Role.GENERATE,)

    model: str

    def spec(self) -> ModelSpec:
        try:
            spec = catalog.get(self.model)
        except catalog.UnknownModel:
            names = ", ".join(m.name for m in catalog.ALL if m.family in self.FAMILIES and m.role in self.ROLES)
            raise InvalidRequest([Issue("model", self.model, f"choose {names}", self.model)]) from None
        if spec.family not in self.FAMILIES or spec.role not in self.ROLES:
            names = ", ".join(m.name for m in catalog.ALL if m.family in self.FAMILIES and m.role in self.ROLES)
            raise InvalidRequest([Issue("model", self.model, f"this request needs one of {names}", self.model)])
        return spec

    def values(self) -> dict[str, Any]:
        """Set attributes by short field name, JSON-ready, None dropped."""
        dumped = self.model_dump(mode="json", exclude_none=True, exclude={"model"})
        return dumped

    def selected_mode(self) -> str | None:
        """The value of the entry's mode selector (VACE's `function`), if it has one."""
        spec = self.spec()
        if not spec.mode_field:
            return None
        return self.values().get(spec.mode_field.rsplit(".", 1)[-1])

    def body(self, region: Region | None = None) -> dict[str, Any]:
        """The request JSON, checked against every catalog limit."""
        spec = self.spec()
        model_id = spec.name
        if region is not None:
            regional = spec.id_in(region)
            if regional is None:
                offered = ", ".join(m.name for m in catalog.by_family(spec.family, region)) or "none"
                raise InvalidRequest(
                    [Issue("model", spec.name, f"not offered in {region}; offered there: {offered}", spec.name)]
                )
            model_id = regional
        body: dict[str, Any] = {"model": model_id, "input": {}}
        parameters: dict[str, Any] = {}
        mode = self.selected_mode()
        for name, value in self.values().items():
            f = spec.field(name, mode)
            if f is None:
                raise InvalidRequest([Issue(_path_of(spec, name), value, "not an option of this model", spec.name,
                                            "allowed.not_an_option")])  # fmt: skip
            target = body["input"] if f.section == "input" else parameters
            target[f.name] = value
        if parameters:
            body["parameters"] = parameters
        ensure_valid(spec, body)
        return body

    def prepare(self, region: Region | None = None) -> PreparedCall:
        spec = self.spec()
        body = self.body(region)
        return PreparedCall(
            method="POST",
            path=spec.endpoint,
            body=body,
            asynchronous=not spec.sync,
            oss_resolve=uses_oss(body),
            spec=spec,
        )
