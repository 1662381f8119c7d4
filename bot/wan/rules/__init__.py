"""Cross-field rules named by catalog entries (`ModelSpec.rules`).

Each rule is a function `(spec, body, mode) -> iterable of Issue`, registered
under the name a catalog entry uses. Family modules in this package register
their own rules; importing the package imports them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..catalog.types import ModelSpec
from ..validation import Issue

Rule = Callable[[ModelSpec, Mapping[str, Any], str | None], Iterable[Issue]]
RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        if name in RULES:
            raise ValueError(f"rule {name!r} registered twice")
        RULES[name] = fn
        return fn

    return register


def run_rules(spec: ModelSpec, body: Mapping[str, Any], mode: str | None) -> list[Issue]:
    issues: list[Issue] = []
    for name in spec.rules:
        issues.extend(RULES[name](spec, body, mode))
    return issues


def _load_family_rules() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


_load_family_rules()
