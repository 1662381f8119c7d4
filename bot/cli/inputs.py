"""Turn CLI flags into builder arguments: one spelling for every family.

Flags are the API's field names with dashes. List fields take a repeatable
singular flag (`--reference-url`), `--media TYPE=URL` fills wan2.7's media
array, and a local path is accepted wherever a URL is.
"""

from __future__ import annotations

import argparse
import base64
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.wan import catalog
from bot.wan.catalog.types import Field, Kind, MediaKind, UrlScheme


def flag_name(f: Field) -> str:
    name = f.name
    if f.kind in (Kind.URL_LIST,) and name.endswith("_urls"):
        name = name[:-1]
    return "--" + name.replace("_", "-")


def all_fields() -> dict[str, Field]:
    """One representative Field per short name across the whole catalog."""
    seen: dict[str, Field] = {}
    for spec in catalog.ALL:
        for f in spec.all_fields() + tuple(x for fs in spec.modes.values() for x in fs):
            seen.setdefault(f.name, f)
    return seen


def parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in ("true", "1", "yes", "on"):
        return True
    if low in ("false", "0", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def add_field_flags(parser: argparse.ArgumentParser) -> None:
    for name, f in sorted(all_fields().items()):
        if name == "model":
            continue
        flag = flag_name(f)
        if f.kind is Kind.MEDIA:
            parser.add_argument("--media", dest=name, action="append", metavar="TYPE=URL", help=f.doc)
        elif f.kind in (Kind.URL_LIST, Kind.CHOICE_LIST):
            parser.add_argument(flag, dest=name, action="append", help=f.doc + " (repeatable)")
        else:
            parser.add_argument(flag, dest=name, help=f.doc)


def convert(f: Field, raw: Any) -> Any:
    """A flag's text as the field's JSON type."""
    if f.kind is Kind.BOOL:
        return parse_bool(raw)
    if f.kind is Kind.INT:
        return int(raw)
    if f.kind is Kind.FLOAT:
        return float(raw)
    if f.kind is Kind.CHOICE:
        numeric = [c for c in f.choices if isinstance(c, int | float) and not isinstance(c, bool)]
        if numeric and raw not in f.choices:
            try:
                return int(raw) if float(raw).is_integer() else float(raw)
            except ValueError:
                return raw
        return raw
    if f.kind is Kind.INT_LIST:
        return [int(x) for x in str(raw).replace(" ", "").split(",") if x]
    if f.kind is Kind.MEDIA:
        items = []
        for entry in raw:
            kind, _, url = entry.partition("=")
            if not url:
                raise argparse.ArgumentTypeError(f"--media needs TYPE=URL, got {entry!r}")
            items.append({"type": kind, "url": url})
        return items
    return raw


@dataclass
class LocalFile:
    """A local path given where a URL was expected; resolved at send time."""

    path: Path
    field: str
    media_kind: MediaKind | None
    data_uri_ok: bool

    def data_uri(self) -> str:
        mime = mimetypes.guess_type(self.path.name)[0] or "application/octet-stream"
        return f"data:{mime};base64,{base64.b64encode(self.path.read_bytes()).decode()}"


def _local(value: Any) -> Path | None:
    if isinstance(value, str) and not value.startswith(("http://", "https://", "oss://", "data:")):
        p = Path(value.removeprefix("file://")).expanduser()
        if p.is_file():
            return p
    return None


def find_local_files(values: dict[str, Any], fields: Iterable[Field]) -> list[LocalFile]:
    """Local paths among URL values; images go inline where the model allows data URIs."""
    by_name = {f.name: f for f in fields}
    found: list[LocalFile] = []

    def visit(name: str, value: Any, limits: Any) -> None:
        path = _local(value)
        if path is None:
            return
        kind = limits.kind if limits else None
        ok = bool(limits and UrlScheme.DATA in limits.schemes and kind is MediaKind.IMAGE)
        found.append(LocalFile(path, name, kind, ok))

    for name, value in values.items():
        f = by_name.get(name)
        if f is None:
            continue
        if f.kind is Kind.URL:
            visit(name, value, f.media)
        elif f.kind is Kind.URL_LIST:
            for item in value:
                visit(name, item, f.media)
        elif f.kind is Kind.MEDIA:
            for item in value:
                visit(name, item.get("url"), f.media_types.get(item.get("type")))
    return found


def replace_local(values: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    """Swap local paths for their data URIs or oss:// URLs."""

    def swap(v: Any) -> Any:
        if isinstance(v, str):
            p = _local(v)
            return mapping.get(str(p), v) if p else v
        if isinstance(v, list):
            return [swap(x) for x in v]
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        return v

    return {k: swap(v) for k, v in values.items()}
