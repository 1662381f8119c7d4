"""Catalog entries for this family; filled in by its own change."""

from __future__ import annotations

from .types import ModelSpec

MODELS: tuple[ModelSpec, ...] = ()
