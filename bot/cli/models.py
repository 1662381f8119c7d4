"""`wanbot models`: the catalog as a table or JSON."""

from __future__ import annotations

import json
from typing import Any

from bot.wan import catalog
from bot.wan.catalog.types import Field, Kind, ModelSpec, Region


def describe_field(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"path": f.path, "kind": f.kind.value, "required": f.required}
    if f.choices:
        out["choices"] = list(f.choices)
    if f.minimum is not None or f.maximum is not None:
        out["range"] = [f.minimum, f.maximum]
    if f.max_len is not None:
        out["max_len"] = f.max_len
    if f.default is not None:
        out["default"] = f.default
    if f.media is not None:
        out["media"] = {
            k: v for k, v in f.media.__dict__.items() if v not in (None, (), "", True) or k == "alpha_allowed"
        }
    if f.kind is Kind.MEDIA:
        out["media_types"] = sorted(f.media_types)
    return out


def describe(spec: ModelSpec, region: Region | None) -> dict[str, Any]:
    return {
        "model": spec.id_in(region) if region else spec.name,
        "family": spec.family.value,
        "role": spec.role.value,
        "title": spec.title,
        "endpoint": spec.endpoint,
        "synchronous": spec.sync,
        "regions": dict(spec.regions),
        "result": spec.result_path,
        "states": sorted(spec.states),
        "options": [describe_field(f) for f in spec.fields],
        "modes": {m: [describe_field(f) for f in fs] for m, fs in spec.modes.items()},
        "tiers": list(spec.tiers),
        "prices": [p.__dict__ for p in spec.prices if region is None or p.region == region],
        "limits": spec.limits.__dict__,
        "notes": list(spec.notes),
    }


def _option_names(spec: ModelSpec) -> str:
    names = [f"--{f.name.replace('_', '-')}" + ("*" if f.required else "") for f in spec.fields]
    if spec.modes:
        names.append(f"(+ per {spec.mode_field.rsplit('.', 1)[-1]})")
    return " ".join(names)


def run(region: Region | None, as_json: bool) -> int:
    models = catalog.in_region(region) if region else list(catalog.ALL)
    if as_json:
        print(json.dumps([describe(m, region) for m in models], ensure_ascii=False, indent=2))
        return 0
    width = max(len(m.name) for m in models)
    for m in models:
        name = m.id_in(region) if region else m.name
        print(f"{name:<{width}}  {m.family.value:<15} {m.role.value:<8} {m.endpoint}")
        print(f"{'':<{width}}  options: {_option_names(m)}")
    print(f"\n{len(models)} models" + (f" offered in {region}" if region else "") + "; * = required")
    return 0
