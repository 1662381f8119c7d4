"""`wanbot generate <family>`: one generation from a terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import aiohttp
from pydantic import ValidationError

from bot.settings import Settings
from bot.wan import catalog, errors
from bot.wan.catalog.types import Family, ModelSpec, Role
from bot.wan.client import WanClient
from bot.wan.requests import WanRequest, builder_for

from .inputs import all_fields, convert, find_local_files, flag_name, replace_local


def pick_model(family: Family, settings: Settings, requested: str | None) -> ModelSpec:
    if requested:
        return catalog.get(requested)
    offered = [m for m in catalog.by_family(family, settings.dashscope_region) if m.role is Role.GENERATE]
    if not offered:
        raise SystemExit(f"no {family.value} model is offered in {settings.dashscope_region}")
    return offered[0]


def collect_values(args: argparse.Namespace, spec: ModelSpec) -> dict[str, Any]:
    """The flags the user gave, typed, refusing ones this model does not take."""
    mode = getattr(args, "function", None)
    fields = {f.name: f for f in spec.all_fields(mode)}
    values: dict[str, Any] = {}
    for name, representative in all_fields().items():
        raw = getattr(args, name, None)
        if raw is None or name == "model":
            continue
        f = fields.get(name)
        if f is None:
            takes = " ".join(flag_name(x) for x in fields.values())
            raise SystemExit(f"{flag_name(representative)} is not an option of {spec.name}; it takes: {takes}")
        try:
            values[name] = convert(f, raw)
        except (ValueError, argparse.ArgumentTypeError) as exc:
            raise SystemExit(f"{flag_name(f)} {raw!r}: {exc}") from None
    return values


def build(spec: ModelSpec, values: dict[str, Any]) -> WanRequest:
    cls = builder_for(spec)
    try:
        return cls(model=spec.name, **values)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"])
        raise SystemExit(f"{spec.name}: --{name.replace('_', '-')}: {err['msg'].lower()}") from None


async def resolve_local(
    client: WanClient | None, spec: ModelSpec, values: dict[str, Any], model_id: str
) -> dict[str, Any]:
    """Inline local images as data URIs where allowed; upload everything else."""
    locals_ = find_local_files(values, spec.all_fields(values.get("function")))
    mapping: dict[str, str] = {}
    for lf in locals_:
        if lf.data_uri_ok:
            mapping[str(lf.path)] = lf.data_uri()
        elif client is None:
            mapping[str(lf.path)] = f"oss://(temporary upload of {lf.path.name})"
        else:
            mapping[str(lf.path)] = await client.upload(model_id, lf.path.read_bytes(), lf.path.name)
    return replace_local(values, mapping)


async def wait_for(
    client: WanClient, spec: ModelSpec, task_id: str, *, give_up_after: float, out: TextIO | None = None
) -> Any:
    """Poll one task with a progress line: 1 s, doubling up to the model's hint."""
    out = out or sys.stderr
    started = time.monotonic()
    delay = 1.0
    while True:
        task = await client.query(task_id)
        elapsed = time.monotonic() - started
        print(f"\r{task.status:<16} {elapsed:6.0f}s  task {task_id}", end="", file=out, flush=True)
        if task.terminal:
            print(file=out)
            return task
        if elapsed > give_up_after:
            print(file=out)
            raise SystemExit(f"gave up after {give_up_after:.0f}s; task {task_id} is still {task.status}")
        await asyncio.sleep(delay)
        delay = min(delay * 2, float(spec.poll_hint_seconds))


async def run(args: argparse.Namespace, settings: Settings) -> int:
    spec = pick_model(Family(args.family), settings, args.model)
    values = collect_values(args, spec)
    region = settings.dashscope_region
    model_id = spec.id_in(region) or spec.name
    async with aiohttp.ClientSession() as session:
        key = settings.dashscope_api_key or "sk-dry-run"
        client = WanClient(session, settings.base_url, key, workspace=settings.dashscope_workspace)
        if args.dry_run:
            call = build(spec, await resolve_local(None, spec, values, model_id)).prepare(region)
            print(json.dumps(client.describe(call), ensure_ascii=False, indent=2))
            return 0
        settings.require("dashscope_api_key")
        call = build(spec, await resolve_local(client, spec, values, model_id)).prepare(region)
        if spec.sync:
            result = await client.detect(call)
            print(json.dumps(result.model_dump(exclude_none=True), ensure_ascii=False, indent=2))
            return 0 if result.passed_for(spec) else 1
        created = await client.submit(call)
        print(f"submitted {spec.name}: task {created.task_id}", file=sys.stderr)
        task = await wait_for(client, spec, created.task_id, give_up_after=args.timeout)
        if not task.succeeded:
            err = errors.from_task(task.output.code, task.output.message) if task.status == "FAILED" else None
            reason = f"{err.explain()} ({err})" if err else f"the task ended {task.status}"
            print(f"{spec.name}: {reason}", file=sys.stderr)
            return 1
        result = task.result(spec)
        if spec.role is Role.TEMPLATE:
            print(result)
            return 0
        out = Path(args.out or f"{created.task_id}.mp4")
        base_host = urlsplit(settings.base_url).hostname or ""
        size = await client.download(
            result, out, max_bytes=args.max_bytes, extra_hosts=[*settings.result_hosts, base_host]
        )
        billed = task.billed_seconds(spec)
        print(f"saved {out} ({size} bytes" + (f", {billed:g} s billed)" if billed else ")"))
        return 0
