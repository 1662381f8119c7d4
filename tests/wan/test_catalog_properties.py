"""Whole-catalog invariants and property tests over every model's numeric and choice limits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.wan import catalog
from bot.wan.catalog.types import REGIONS, TERMINAL_STATES, Kind, Role
from bot.wan.validation import check_field, validate_body

from .samples import required_values

DOCUMENTED_ENDPOINTS = {
    "/services/aigc/video-generation/video-synthesis",
    "/services/aigc/image2video/video-synthesis",
    "/services/aigc/image2video/video-synthesis/",
    "/services/aigc/image2video/aa-template-generation/",
    "/services/aigc/image2video/aa-detect",
    "/services/aigc/image2video/face-detect",
}
RESULT_PATHS = {
    Role.GENERATE: {"output.video_url", "output.results.video_url", "output.output_video_url"},
    Role.TEMPLATE: {"output.template_id"},
}


@pytest.mark.parametrize("spec", catalog.ALL, ids=lambda s: s.name)
def test_entry_is_complete(spec):
    assert spec.endpoint in DOCUMENTED_ENDPOINTS
    assert spec.regions and set(spec.regions) <= set(REGIONS)
    assert spec.sync == (spec.role is Role.DETECT)
    if spec.role in RESULT_PATHS:
        assert spec.result_path in RESULT_PATHS[spec.role]
    assert TERMINAL_STATES - {"CANCELED"} <= spec.states | {"UNKNOWN"}
    assert {p.region for p in spec.prices} <= set(spec.regions), "a price for a region the model is not in"
    names = [f.path for f in spec.fields]
    assert len(names) == len(set(names)), "duplicate field"
    for f in spec.all_fields():
        assert f.section in ("input", "parameters")
        if f.kind is Kind.CHOICE:
            assert f.choices, f.path
            assert f.default is None or f.default in f.choices, f.path
        if f.kind is Kind.URL:
            assert f.media is not None, f"{f.path} has no media limits"
    if spec.tiers:
        assert spec.tier_of({}) == spec.tiers[0]


def test_every_family_has_a_generator_in_beijing():
    for family in catalog.Family:
        assert any(m.role is Role.GENERATE for m in catalog.by_family(family, "beijing")), family


def test_minimal_requests_validate():
    for spec in catalog.ALL:
        if spec.rules and spec.name in ("wan2.2-kf2v-flash", "wanx2.1-kf2v-plus"):
            continue  # need a last frame as well; covered by their own tests
        values = required_values(spec)
        body: dict = {"model": spec.name, "input": {}, "parameters": {}}
        mode = values.get(spec.mode_field.rsplit(".", 1)[-1]) if spec.mode_field else None
        for name, value in values.items():
            f = spec.field(name, mode)
            body[f.section][f.name] = value
        assert validate_body(spec, body) == [], spec.name


NUMERIC = [
    (spec, f)
    for spec in catalog.ALL
    for f in spec.all_fields() + tuple(x for fs in spec.modes.values() for x in fs)
    if f.kind in (Kind.INT, Kind.FLOAT) and (f.minimum is not None or f.maximum is not None)
]
CHOICES = [
    (spec, f)
    for spec in catalog.ALL
    for f in spec.all_fields() + tuple(x for fs in spec.modes.values() for x in fs)
    if f.kind is Kind.CHOICE
]


@settings(max_examples=300)
@given(st.sampled_from(NUMERIC), st.floats(-1e10, 1e10, allow_nan=False))
def test_numeric_limits_are_exact(pair, raw):
    spec, f = pair
    value = int(raw) if f.kind is Kind.INT else raw
    inside = (f.minimum is None or value >= f.minimum) and (f.maximum is None or value <= f.maximum)
    issue = check_field(f, value, spec.name, strict=True)
    assert (issue is None) == inside
    if issue is not None:
        assert issue.field == f.path and spec.name in str(issue)


@settings(max_examples=300)
@given(st.sampled_from(CHOICES), st.one_of(st.text(max_size=12), st.integers(-100, 5000), st.booleans()))
def test_choice_limits_are_exact(pair, value):
    spec, f = pair
    issue = check_field(f, value, spec.name, strict=True)
    allowed = value in f.choices and not isinstance(value, bool)
    assert (issue is None) == allowed
    if issue is not None:
        assert issue.field == f.path


@given(
    st.sampled_from([(s, f) for s in catalog.ALL for f in s.fields if f.kind is Kind.TEXT and f.max_len]),
    st.integers(0, 6000),
)
def test_text_limits_strict_for_builders_lenient_where_service_truncates(pair, length):
    spec, f = pair
    text = "x" * max(length, 1)
    strict = check_field(f, text, spec.name, strict=True)
    lenient = check_field(f, text, spec.name, strict=False)
    assert (strict is None) == (len(text) <= f.max_len)
    if f.truncated:
        assert lenient is None
