"""t2v, i2v, wan2.7, kf2v and effect builders: documented bodies and refused limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.wan import catalog
from bot.wan.catalog.effects import EFFECTS
from bot.wan.requests.video import FirstLastFrame, ImageToVideo, MediaImageToVideo, TextToVideo, effect_request
from bot.wan.validation import InvalidRequest

IMG = "https://example.com/cat.png"


def test_t2v_multishot_body_matches_documentation():
    call = TextToVideo(
        model="wan2.6-t2v",
        prompt="kitten general",
        audio_url="https://example.com/a.mp3",
        size="1280*720",
        prompt_extend=True,
        duration=10,
        shot_type="multi",
    ).prepare()
    assert call.path == "/services/aigc/video-generation/video-synthesis" and call.asynchronous
    assert call.body == {
        "model": "wan2.6-t2v",
        "input": {"prompt": "kitten general", "audio_url": "https://example.com/a.mp3"},
        "parameters": {"size": "1280*720", "prompt_extend": True, "duration": 10, "shot_type": "multi"},
    }


def test_unset_fields_are_not_sent():
    call = TextToVideo(model="wan2.2-t2v-plus", prompt="a fox").prepare()
    assert call.body == {"model": "wan2.2-t2v-plus", "input": {"prompt": "a fox"}}


def test_duration_message_names_field_value_and_choices():
    with pytest.raises(InvalidRequest) as caught:
        TextToVideo(model="wan2.5-t2v-preview", prompt="a", duration=12).prepare()
    assert str(caught.value) == "duration 12 not allowed for wan2.5-t2v-preview: choose 5 or 10"
    assert caught.value.field == "parameters.duration" and caught.value.value == 12


@pytest.mark.parametrize(
    ("model", "kwargs", "field"),
    [
        ("wan2.2-t2v-plus", {"size": "1280*720"}, "parameters.size"),  # no 720P on wan2.2-t2v-plus
        ("wanx2.1-t2v-plus", {"duration": 10}, "parameters.duration"),
        ("wan2.6-t2v", {"duration": 16}, "parameters.duration"),
        ("wan2.6-t2v", {"seed": -1}, "parameters.seed"),
        ("wan2.6-t2v", {"seed": 2147483648}, "parameters.seed"),
        ("wan2.2-t2v-plus", {"audio_url": "https://example.com/a.mp3"}, "input.audio_url"),
        ("wan2.2-t2v-plus", {"shot_type": "multi"}, "parameters.shot_type"),
        ("wan2.6-t2v", {"negative_prompt": "x" * 501}, "input.negative_prompt"),
        ("wan2.6-t2v", {"audio_url": "ftp://example.com/a.mp3"}, "input.audio_url"),
    ],
)
def test_t2v_limits(model, kwargs, field):
    with pytest.raises(InvalidRequest) as caught:
        TextToVideo(model=model, prompt="a fox", **kwargs).prepare()
    assert caught.value.field == field
    assert model in str(caught.value)


def test_prompt_length_by_generation():
    TextToVideo(model="wan2.6-t2v", prompt="x" * 1500).prepare()
    with pytest.raises(InvalidRequest, match="at most 800 characters"):
        TextToVideo(model="wan2.2-t2v-plus", prompt="x" * 801).prepare()


def test_i2v_documented_example():
    call = ImageToVideo(
        model="wan2.6-i2v-flash",
        prompt="rap",
        img_url=IMG,
        audio_url="https://example.com/r.mp3",
        resolution="720P",
        prompt_extend=True,
        duration=10,
        shot_type="multi",
    ).prepare()
    assert call.body["parameters"] == {
        "resolution": "720P",
        "prompt_extend": True,
        "duration": 10,
        "shot_type": "multi",
    }
    assert set(call.body["input"]) == {"prompt", "img_url", "audio_url"}


@pytest.mark.parametrize(
    ("model", "kwargs", "field"),
    [
        ("wan2.6-i2v", {"audio": False}, "parameters.audio"),  # only the flash model can go silent
        ("wan2.2-i2v-plus", {"resolution": "720P"}, "parameters.resolution"),
        ("wanx2.1-i2v-turbo", {"duration": 6}, "parameters.duration"),
        ("wan2.6-i2v-flash", {"audio": False, "audio_url": "https://example.com/a.mp3"}, "input.audio_url"),
        ("wan2.6-i2v", {"template": "flying"}, "input.template"),
        ("wanx2.1-i2v-plus", {"template": "flying", "prompt": "fly"}, "input.prompt"),
        ("wan2.6-i2v-flash", {"shot_type": "multi", "prompt_extend": False}, "parameters.prompt_extend"),
    ],
)
def test_i2v_limits(model, kwargs, field):
    with pytest.raises(InvalidRequest) as caught:
        ImageToVideo(model=model, img_url=IMG, **kwargs).prepare()
    assert caught.value.field == field


def test_i2v_accepts_data_uri_but_refuses_other_schemes():
    ImageToVideo(model="wan2.6-i2v", img_url="data:image/png;base64,iVBORw0KGgo=").prepare()
    with pytest.raises(InvalidRequest, match="base64 data URI"):
        ImageToVideo(model="wan2.6-i2v", img_url="file:///tmp/cat.png").prepare()


def test_wan27_combinations():
    ok = MediaImageToVideo(
        model="wan2.7-i2v",
        prompt="x",
        resolution="720P",
        duration=10,
        media=[{"type": "first_frame", "url": IMG}, {"type": "last_frame", "url": IMG}],
    ).prepare()
    assert ok.body["input"]["media"][1]["type"] == "last_frame"
    with pytest.raises(InvalidRequest) as caught:
        MediaImageToVideo(
            model="wan2.7-i2v",
            prompt="x",
            media=[
                {"type": "first_clip", "url": "https://example.com/a.mp4"},
                {"type": "driving_audio", "url": "https://example.com/a.mp3"},
            ],
        ).prepare()
    assert caught.value.field == "input.media"
    with pytest.raises(InvalidRequest, match="at most once"):
        MediaImageToVideo(
            model="wan2.7-i2v",
            prompt="x",
            media=[{"type": "first_frame", "url": IMG}, {"type": "first_frame", "url": IMG}],
        ).prepare()
    with pytest.raises(InvalidRequest):
        MediaImageToVideo(
            model="wan2.7-i2v", prompt="x", resolution="480P", media=[{"type": "first_frame", "url": IMG}]
        ).prepare()


def test_kf2v_frames_and_templates():
    call = FirstLastFrame(
        model="wan2.2-kf2v-flash",
        first_frame_url=IMG,
        last_frame_url=IMG,
        prompt="cat",
        resolution="480P",
        prompt_extend=True,
    ).prepare()
    assert call.path == "/services/aigc/image2video/video-synthesis"
    assert call.body["input"] == {"first_frame_url": IMG, "last_frame_url": IMG, "prompt": "cat"}
    with pytest.raises(InvalidRequest) as missing:
        FirstLastFrame(model="wan2.2-kf2v-flash", first_frame_url=IMG).prepare()
    assert missing.value.field == "input.last_frame_url"
    with pytest.raises(InvalidRequest):
        FirstLastFrame(model="wanx2.1-kf2v-plus", first_frame_url=IMG, last_frame_url=IMG, template="hanfu-1").prepare()
    with pytest.raises(InvalidRequest):
        FirstLastFrame(model="wan2.2-kf2v-flash", first_frame_url=IMG, template="hanfu-1").prepare()


def test_all_31_effects_have_a_working_request():
    assert len(EFFECTS) == 31
    assert len({e.template for e in EFFECTS}) == 31
    assert len(catalog.get("wanx2.1-i2v-plus").templates) == 26
    assert len(catalog.get("wanx2.1-i2v-turbo").templates) == 13
    assert len(catalog.get("wanx2.1-kf2v-plus").templates) == 5
    for effect in EFFECTS:
        call = effect_request(effect.template, IMG).prepare()
        assert call.body["input"]["template"] == effect.template
        assert call.body["model"] == effect.models[0]
        assert "prompt" not in call.body["input"]


def test_effects_respect_region():
    assert effect_request("flying", IMG, region="singapore").prepare("singapore").body["model"] == "wan2.1-i2v-turbo"
    with pytest.raises(InvalidRequest):
        effect_request("nosuch", IMG)


def test_regional_ids_and_availability():
    assert TextToVideo(model="wanx2.1-t2v-plus", prompt="a").body("singapore")["model"] == "wan2.1-t2v-plus"
    with pytest.raises(InvalidRequest) as caught:
        TextToVideo(model="wanx2.1-t2v-plus", prompt="a").body("virginia")
    assert caught.value.field == "model" and "wan2.6-t2v" in caught.value.allowed
    assert TextToVideo(model="wan2.6-t2v-us", prompt="a").body("virginia")["model"] == "wan2.6-t2v-us"


def test_family_mismatch_is_refused():
    with pytest.raises(InvalidRequest) as caught:
        TextToVideo(model="wan2.6-i2v", prompt="a").prepare()
    assert caught.value.field == "model"


T2V = [m for m in catalog.by_family("t2v")]


@given(st.sampled_from(T2V), st.data())
def test_any_allowed_t2v_combination_validates(spec, data):
    size = data.draw(st.sampled_from(spec.field("size").choices))
    dur_field = spec.field("duration")
    duration = data.draw(
        st.sampled_from(dur_field.choices)
        if dur_field.choices
        else st.integers(int(dur_field.minimum), int(dur_field.maximum))
    )
    seed = data.draw(st.none() | st.integers(0, 2147483647))
    prompt = data.draw(st.text(min_size=1, max_size=spec.field("prompt").max_len).filter(str.strip))
    body = TextToVideo(model=spec.name, prompt=prompt, size=size, duration=duration, seed=seed).body()
    assert body["parameters"]["size"] == size and ("seed" in body["parameters"]) == (seed is not None)


@given(st.sampled_from(T2V), st.integers(-1000, 1000))
def test_durations_outside_the_catalog_are_refused(spec, duration):
    f = spec.field("duration")
    allowed = duration in f.choices if f.choices else f.minimum <= duration <= f.maximum
    try:
        TextToVideo(model=spec.name, prompt="x", duration=duration).body()
    except InvalidRequest as exc:
        assert not allowed and exc.field == "parameters.duration"
    else:
        assert allowed
