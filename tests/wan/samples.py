"""Minimal valid values for any catalog field, so tests can build every model's request."""

from __future__ import annotations

from typing import Any

from bot.wan.catalog.types import Field, Kind, MediaKind, ModelSpec

EXT = {MediaKind.IMAGE: "png", MediaKind.AUDIO: "mp3", MediaKind.VIDEO: "mp4"}


def sample_url(f: Field) -> str:
    kind = f.media.kind if f.media else MediaKind.IMAGE
    if f.media is None and "video" in f.name:
        kind = MediaKind.VIDEO
    if f.media is None and "audio" in f.name:
        kind = MediaKind.AUDIO
    return f"https://example.com/{f.name}.{EXT[kind]}"


def sample_value(f: Field) -> Any:
    if f.kind is Kind.TEXT:
        return "a red fox runs through fresh snow"
    if f.kind is Kind.BOOL:
        return True
    if f.kind in (Kind.INT, Kind.FLOAT):
        value = f.minimum if f.minimum is not None else 1
        return int(value) if f.kind is Kind.INT else float(value)
    if f.kind is Kind.CHOICE:
        return f.default if f.default in f.choices else f.choices[0]
    if f.kind is Kind.CHOICE_LIST:
        return [f.choices[0]] * (f.min_items or 1)
    if f.kind is Kind.URL:
        return sample_url(f)
    if f.kind is Kind.URL_LIST:
        return [sample_url(f)] * (f.min_items or 1)
    if f.kind is Kind.INT_LIST:
        return [10, 10, 100, 100][: f.max_items or 4] + [0] * max(0, (f.min_items or 0) - 4)
    if f.kind is Kind.MEDIA:
        return [{"type": "first_frame", "url": "https://example.com/first.png"}]
    raise AssertionError(f"no sample for {f.kind}")


def required_values(spec: ModelSpec, mode: str | None = None) -> dict[str, Any]:
    """Short-name values for every required field (and the mode selector)."""
    if spec.modes and mode is None:
        mode = next(iter(spec.modes))
    values = {f.name: sample_value(f) for f in spec.all_fields(mode) if f.required}
    if spec.mode_field and mode is not None:
        values[spec.mode_field.rsplit(".", 1)[-1]] = mode
    return values
