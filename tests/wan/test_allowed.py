"""What a refused field would accept, rendered in every shipped language (bot/wan/allowed.py).

Invalid requests are built with the real builders (and, for branches no builder reaches, the real
rule functions), so each case is a refusal a member can meet. English must come out exactly as
today's `Issue.allowed`; zh-CN, zh-TW and id must keep every number, choice and API name and leave
no English word behind.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import SHIPPED, t
from bot.wan import catalog
from bot.wan.allowed import allowed_text
from bot.wan.catalog.types import Field, Kind
from bot.wan.requests.portrait import AnimateAnyoneDetect, AnimateAnyoneVideo, EmojiVideo, EmoVideo
from bot.wan.requests.reference import ReferenceToVideo, VideoEdit
from bot.wan.requests.video import FirstLastFrame, ImageToVideo, MediaImageToVideo, TextToVideo
from bot.wan.rules import RULES
from bot.wan.validation import InvalidRequest, Issue, Phrase, Words, check_field, validate_body

ROOT = Path(__file__).resolve().parents[2]
OTHERS = ("zh-CN", "zh-TW", "id")
IMG = "https://example.com/cat.png"
OSS = "https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/"
VIDEO = f"{OSS}20250807/video_edit_2.mp4"
MASK = f"{OSS}20250807/video_edit_1_mask.png"
OUTPAINT = {"function": "video_outpainting", "video_url": VIDEO}
EMO = {"image_url": IMG, "audio_url": "https://example.com/a.mp3", "face_bbox": [302, 286, 610, 593],
       "ext_bbox": [71, 9, 840, 778]}  # fmt: skip
EMOJI = {"image_url": IMG, "driven_id": "mengwa_kaixin", "face_bbox": [212, 194, 460, 441],
         "ext_bbox": [63, 30, 609, 575]}  # fmt: skip
AA = {"image_url": IMG, "template_id": "AACT.xxx.xxx-xxx.xxx"}

# Words of the English phrases that are the API's own names or values, kept as they are in every language.
API_WORDS = frozenset(
    {
        "true",
        "false",
        "multi",
        "tracking",
        "audio",
        "obj",
        "bg",
        "http",
        "s",
        "oss",
        "mov",
        "URL",
        "JSON",
        "ASCII",
        "URI",
    }
)
# Loanwords Indonesian shares with English in this project's texts (see bot/i18n/id: prompt, frame, mask, template).
ID_LOANWORDS = frozenset({"video", "model", "media", "mask", "frame", "template", "prompt", "data", "non"})


# ----------------------------------------------------------------------------- building real refusals


def refused(make: Callable[[], Any]) -> Issue:
    """The first issue of the InvalidRequest the builder raises."""
    with pytest.raises(InvalidRequest) as caught:
        make()
    return caught.value.issues[0]


def ruled(name: str, model: str, body: dict[str, Any], mode: str | None = None) -> Issue:
    """The first issue a rule function reports for a body (for branches the builders never let through)."""
    issues = list(RULES[name](catalog.get(model), body, mode))
    assert issues, f"{name} accepted {body}"
    return issues[0]


def vace(**kw: Any) -> Callable[[], Any]:
    return lambda: VideoEdit(model="wanx2.1-vace-plus", prompt="a dog runs on the grass", **kw).body()


def r2v(refs: list[str]) -> Callable[[], Any]:
    return lambda: ReferenceToVideo(model="wan2.6-r2v-flash", prompt="character1 waves", reference_urls=refs).body()


# (id, how the issue arises, its key, the rule it exercises or None for a field check)
CASES: list[tuple[str, Callable[[], Issue], str, str | None]] = [
    # Field checks in bot/wan/validation.py.
    ("duration-choice", lambda: refused(lambda: TextToVideo(model="wan2.5-t2v-preview", prompt="a", duration=12)
                                        .prepare()), "allowed.choose", None),
    ("seed-range", lambda: refused(lambda: TextToVideo(model="wan2.6-t2v", prompt="a", seed=-1).prepare()),
     "allowed.choose_int.between", None),
    ("prompt-too-long", lambda: refused(lambda: TextToVideo(model="wan2.2-t2v-plus", prompt="x" * 801).prepare()),
     "allowed.max_len", None),
    ("too-many-references", lambda: refused(r2v([f"{OSS}{i}.png" for i in range(6)])), "allowed.items.between", None),
    ("exactly-one-image", lambda: refused(vace(function="video_repainting", video_url=VIDEO,
                                               control_condition="depth", ref_images_url=[MASK, MASK])),
     "allowed.items.exactly", None),
    ("three-choices", lambda: refused(lambda: EmoVideo(**EMO, style_level="wild").body()), "allowed.choose", None),
    ("only-one-value", lambda: refused(vace(**OUTPAINT, duration=10)), "allowed.only", None),
    ("float-range", lambda: refused(vace(**OUTPAINT, top_scale=2.5)), "allowed.choose_number.between", None),
    ("at-least", lambda: refused(vace(function="video_edit", video_url=VIDEO, mask_image_url=MASK, mask_frame_id=0)),
     "allowed.choose_int.at_least", None),
    ("mode", lambda: validate_body(catalog.get("wanx2.1-vace-plus"), {"model": "wanx2.1-vace-plus", "input": {
        "function": "video_remix", "prompt": "a"}})[0], "allowed.choose", None),
    ("list-of-choices", lambda: refused(vace(function="image_reference", ref_images_url=[MASK], obj_or_bg=["x"])),
     "allowed.list_of.choices", None),
    ("scheme-two", lambda: refused(lambda: AnimateAnyoneDetect(image_url="oss://bucket/a.png").body()),
     "allowed.use", None),
    ("scheme-three", lambda: refused(lambda: ImageToVideo(model="wan2.6-i2v", img_url="file:///tmp/cat.png")
                                     .prepare()), "allowed.use", None),
    ("data-uri-form", lambda: refused(lambda: ImageToVideo(model="wan2.6-i2v", img_url="data:image/png,AAAA")
                                      .prepare()), "allowed.data_uri", None),
    ("non-ascii-url", lambda: refused(vace(function="video_edit", video_url=f"{OSS}编辑.mp4", mask_image_url=MASK)),
     "allowed.url_ascii", None),
    ("non-empty-text", lambda: refused(lambda: AnimateAnyoneVideo(image_url=IMG, template_id=" ").body()),
     "allowed.non_empty_text", None),
    ("media-once", lambda: refused(lambda: MediaImageToVideo(model="wan2.7-i2v", prompt="x", media=[
        {"type": "first_frame", "url": IMG}, {"type": "first_frame", "url": IMG}]).prepare()),
     "allowed.media_once", None),
    ("required-field", lambda: refused(vace(function="video_outpainting")), "allowed.required", None),
    ("undocumented", lambda: validate_body(catalog.get("wan2.6-t2v"), {"model": "wan2.6-t2v", "input": {
        "prompt": "a", "colour": "red"}})[0], "allowed.undocumented", None),
    # bot/wan/rules/video.py
    ("multi-shot", lambda: refused(lambda: ImageToVideo(model="wan2.6-i2v-flash", img_url=IMG, shot_type="multi",
                                                        prompt_extend=False).prepare()),
     "allowed.video.multi_shot", "multi_shot_needs_prompt_extend"),
    ("silent-with-audio", lambda: refused(lambda: ImageToVideo(model="wan2.6-i2v-flash", img_url=IMG, audio=False,
                                                               audio_url="https://example.com/a.mp3").prepare()),
     "allowed.video.no_soundtrack", "silent_drops_audio_url"),
    ("template-and-prompt", lambda: refused(lambda: ImageToVideo(model="wanx2.1-i2v-plus", img_url=IMG,
                                                                 template="flying", prompt="fly").prepare()),
     "allowed.video.template_no_prompt", "template_excludes_prompt"),
    ("template-and-last-frame", lambda: refused(lambda: FirstLastFrame(model="wanx2.1-kf2v-plus", first_frame_url=IMG,
                                                                      last_frame_url=IMG, template="hanfu-1")
                                               .prepare()), "allowed.video.template_no_last_frame", "kf2v_frames"),
    ("no-last-frame", lambda: refused(lambda: FirstLastFrame(model="wan2.2-kf2v-flash", first_frame_url=IMG)
                                      .prepare()), "allowed.video.last_frame_required", "kf2v_frames"),
    ("media-combination", lambda: refused(lambda: MediaImageToVideo(model="wan2.7-i2v", prompt="x", media=[
        {"type": "first_clip", "url": "https://example.com/a.mp4"},
        {"type": "driving_audio", "url": "https://example.com/a.mp3"}]).prepare()),
     "allowed.video.media_combination", "wan27_media_combination"),
    # bot/wan/rules/generation.py
    ("r2v-total", lambda: ruled("r2v_reference_counts", "wan2.6-r2v-flash",
                                {"input": {"reference_urls": [f"{OSS}{i}.png" for i in range(6)]}}),
     "allowed.r2v.total", "r2v_reference_counts"),
    ("r2v-videos", lambda: refused(r2v([f"{OSS}{i}.mp4" for i in range(4)])), "allowed.r2v.videos",
     "r2v_reference_counts"),
    ("obj-or-bg-required", lambda: refused(vace(function="image_reference", ref_images_url=[MASK, MASK])),
     "allowed.vace.obj_or_bg_required", "vace_obj_or_bg"),
    ("obj-or-bg-count", lambda: refused(vace(function="image_reference", ref_images_url=[MASK, MASK],
                                             obj_or_bg=["obj"])), "allowed.vace.obj_or_bg_count", "vace_obj_or_bg"),
    ("one-bg", lambda: refused(vace(function="image_reference", ref_images_url=[MASK, MASK], obj_or_bg=["bg", "bg"])),
     "allowed.vace.one_bg", "vace_obj_or_bg"),
    ("one-mask", lambda: refused(vace(function="video_edit", video_url=VIDEO, mask_image_url=MASK,
                                      mask_video_url=f"{OSS}m.mp4")), "allowed.vace.one_mask", "vace_mask"),
    ("mask-required", lambda: refused(vace(function="video_edit", video_url=VIDEO)), "allowed.vace.mask_required",
     "vace_mask"),
    ("frame-needs-image", lambda: refused(vace(function="video_edit", video_url=VIDEO, mask_video_url=f"{OSS}m.mp4",
                                               mask_frame_id=3)), "allowed.vace.frame_needs_image", "vace_mask"),
    ("tracking-only", lambda: refused(vace(function="video_edit", video_url=VIDEO, mask_image_url=MASK,
                                           mask_type="fixed", expand_ratio=0.1)), "allowed.vace.tracking_only",
     "vace_tracking_only"),
    ("extension-input", lambda: refused(vace(function="video_extension")), "allowed.vace.extension_input",
     "vace_extension"),
    ("control-required", lambda: refused(vace(function="video_extension", video_url=VIDEO)),
     "allowed.vace.control_required", "vace_extension"),
    ("control-required-any", lambda: ruled("vace_extension", "wan2.6-t2v", {"input": {"video_url": VIDEO}},
                                           "video_extension"), "allowed.vace.control_required_any", "vace_extension"),
    # bot/wan/rules/portrait.py
    ("swapped-corners", lambda: refused(lambda: EmoVideo(**{**EMO, "face_bbox": [610, 593, 302, 286]}).body()),
     "allowed.portrait.corners", "portrait_bbox_corners"),
    ("emo-aspect", lambda: refused(lambda: EmoVideo(**{**EMO, "ext_bbox": [0, 0, 1600, 900]}).body()),
     "allowed.portrait.aspect", "emo_ext_bbox_ratio"),
    ("emoji-square", lambda: refused(lambda: EmojiVideo(**{**EMOJI, "ext_bbox": [63, 30, 609, 440]}).body()),
     "allowed.portrait.aspect", "emoji_ext_bbox_square"),
    ("ratio-needs-background", lambda: refused(lambda: AnimateAnyoneVideo(**AA, video_ratio="3:4").body()),
     "allowed.portrait.ratio_needs_bg", "aa_ratio_needs_image_background"),
]  # fmt: skip
CASE_IDS = [case[0] for case in CASES]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z0-9_]*", text))


def value_words(value: Any) -> set[str]:
    """Words of the values a phrase quotes (choices such as `single`, `posebodyface`): shown as the API spells them."""
    if isinstance(value, Phrase):
        return set()  # a nested phrase is translated, not quoted
    if isinstance(value, Words):
        return value_words(value.items)
    if isinstance(value, list | tuple):
        return set().union(*(value_words(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return value_words(list(value.values()))
    return _words(str(value))


def english_words(issue: Issue) -> set[str]:
    """English words of `issue.allowed`, without identifiers (x1, mask_image_url), API names and quoted values."""
    quoted = value_words(dict(issue.allowed_params))
    return {w for w in _words(issue.allowed) if not re.search(r"[0-9_]", w) and w not in API_WORDS | quoted}


def kept_tokens(text: str) -> list[str]:
    """Numbers, sizes, ratios and identifiers: what a translation must show unchanged."""
    return re.findall(r"\d+(?:[.*:]\d+)*|[a-z][a-z0-9]*_[a-z0-9_]+", text)


def leftovers(issue: Issue, translated: str, locale: str) -> list[str]:
    """English words of the issue's phrase still standing, as whole words, in a translation."""
    shared = ID_LOANWORDS if locale == "id" else frozenset()
    found = [w for w in english_words(issue) if w.lower() not in shared]
    return sorted(
        w for w in found if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", translated, re.IGNORECASE | re.ASCII)
    )


# ============================================================================= tests


@pytest.mark.parametrize(("make", "key", "rule"), [c[1:] for c in CASES], ids=CASE_IDS)
def test_english_is_todays_text_and_every_language_translates_it(
    make: Callable[[], Issue], key: str, rule: str | None
) -> None:
    issue = make()
    assert issue.allowed_key == key
    assert allowed_text(issue, "en-US") == issue.allowed
    assert allowed_text(issue, "en-GB") == issue.allowed
    for locale in OTHERS:
        text = allowed_text(issue, locale)
        assert text != issue.allowed, f"{locale}: still English: {text!r}"
        assert "allowed." not in text, text
        assert "{" not in text or "{" in issue.allowed, f"{locale}: placeholder left in {text!r}"
        assert not leftovers(issue, text, locale), f"{locale}: English words left in {text!r}"
        if key != "allowed.required":  # the field's English doc line is not shown in other languages
            assert sorted(kept_tokens(text)) == sorted(kept_tokens(issue.allowed)), (locale, text)


def test_choices_are_joined_in_the_members_language() -> None:
    issue = refused(lambda: TextToVideo(model="wan2.5-t2v-preview", prompt="a", duration=12).prepare())
    assert str(InvalidRequest([issue])) == "duration 12 not allowed for wan2.5-t2v-preview: choose 5 or 10"
    assert issue.allowed_params == {"choices": ("5", "10")}
    assert [allowed_text(issue, locale) for locale in SHIPPED] == [
        "choose 5 or 10", "可选 5 或 10", "可選 5 或 10", "pilih 5 atau 10"]  # fmt: skip
    three = refused(lambda: EmoVideo(**EMO, style_level="wild").body())
    assert three.allowed == "choose normal, calm or active"
    assert allowed_text(three, "zh-CN") == "可选 normal、calm 或 active"
    assert allowed_text(three, "id") == "pilih normal, calm atau active"


def test_every_scheme_is_named_and_joined_with_or() -> None:
    issue = refused(lambda: ImageToVideo(model="wan2.6-i2v", img_url="file:///tmp/cat.png").prepare())
    assert issue.allowed == "use a public http(s) URL or an oss:// upload or a base64 data URI"
    assert allowed_text(issue, "zh-TW") == "請使用公開的 http(s) 網址 或 oss:// 上傳檔案 或 base64 資料 URI"
    assert allowed_text(issue, "id") == "gunakan URL http(s) publik atau unggahan oss:// atau URI data base64"


def test_numbers_keep_their_place_in_each_word_order() -> None:
    seed = refused(lambda: TextToVideo(model="wan2.6-t2v", prompt="a", seed=-1).prepare())
    assert seed.allowed == "choose a whole number from 0 to 2147483647"
    assert allowed_text(seed, "zh-CN") == "请选择 0 到 2147483647 之间的整数"
    assert allowed_text(seed, "id") == "pilih bilangan bulat dari 0 sampai 2147483647"
    prompt = refused(lambda: TextToVideo(model="wan2.2-t2v-plus", prompt="x" * 801).prepare())
    assert prompt.allowed == "at most 800 characters" and prompt.allowed_params == {"max": 800}
    assert allowed_text(prompt, "zh-TW") == "最多 800 個字元"


def test_a_required_field_names_its_doc_in_english_only() -> None:
    """The doc line is English catalog text: other languages say "required" and let the frame name the field."""
    issue = refused(vace(function="video_outpainting"))
    assert issue.value is None and issue.allowed == "required: video whose frame is extended outward"
    assert allowed_text(issue, "en-US") == issue.allowed
    assert allowed_text(issue, "zh-CN") == "必填，请提供一个值"
    assert allowed_text(issue, "id") == "wajib: berikan sebuah nilai"


def test_the_refusal_frame_reads_as_one_sentence() -> None:
    """What `explain()` sends once it passes `allowed_text(issue, locale)` as {allowed}."""
    issue = refused(lambda: TextToVideo(model="wan2.5-t2v-preview", prompt="a", duration=12).prepare())
    text = t("refusal.invalid", "zh-CN", field=issue.name, value="12", allowed=allowed_text(issue, "zh-CN"),
             model=issue.model)  # fmt: skip
    assert text == "wan2.5-t2v-preview 不允许 `duration` 取值 12：可选 5 或 10。"


def test_an_issue_without_a_key_keeps_its_english_text() -> None:
    issue = Issue("parameters.size", "9*9", "not offered in virginia; offered there: wan2.6-t2v", "wan2.6-t2v")
    assert allowed_text(issue, "zh-CN") == issue.allowed
    assert issue == Issue("parameters.size", "9*9", issue.allowed, "wan2.6-t2v", "allowed.only", {"value": "x"})


def test_every_rule_is_exercised() -> None:
    assert {rule for *_, rule in CASES if rule} == set(RULES)


def _issue_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id == "Issue"]  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [
        "bot/wan/validation.py",
        "bot/wan/rules/video.py",
        "bot/wan/rules/generation.py",
        "bot/wan/rules/portrait.py",
    ],
)
def test_every_issue_construction_carries_a_key(path: str) -> None:
    """Read the source: an `Issue(...)` with only the English text would reach members in English."""
    calls = _issue_calls(ROOT / path)
    bare = [c.lineno for c in calls if len(c.args) < 5 and not any(k.arg == "allowed_key" for k in c.keywords)]
    assert not bare, f"{path}: Issue(...) without allowed_key on lines {bare}"
    if path.endswith("validation.py"):
        assert len(calls) == 1  # the one in `_issue`, which takes a Phrase
    else:
        assert calls


# ----------------------------------------------------------------------------- every field of every model


def _bad_values(f: Field) -> list[Any]:
    """Values each kind of field refuses: wrong type, out of range, wrong count, bad links."""
    values: list[Any] = [{"x": 1}, 1.5 if f.kind is not Kind.FLOAT else "1.5"]
    if f.minimum is not None:
        values.append(f.minimum - 1)
    if f.maximum is not None:
        values.append(f.maximum + 1)
    if f.max_len is not None:
        values.append("x" * (f.max_len + 1))
    if f.kind is Kind.TEXT:
        values.append(" ")
    if f.kind in (Kind.URL_LIST, Kind.INT_LIST, Kind.CHOICE_LIST, Kind.MEDIA):
        values += [[], [1] * 40, ["zz"]]
    if f.kind in (Kind.URL, Kind.URL_LIST):
        for url in ("ftp://example.com/a.png", "data:image/png,AAAA", "https://例.com/å.png", "oss://b/a.png"):
            values.append([url] if f.kind is Kind.URL_LIST else url)
    if f.kind is Kind.MEDIA:
        values += [[{"type": "zz", "url": IMG}], [{"type": t, "url": "ftp://x"} for t in f.media_types][:1]]
        first = next(iter(f.media_types), None)
        values.append([{"type": first, "url": IMG}, {"type": first, "url": IMG}])
    return values


def _catalog_issues() -> list[Issue]:
    found: list[Issue] = []
    for spec in catalog.ALL:
        for mode in list(spec.modes) or [None]:
            for f in spec.all_fields(mode):
                for value in _bad_values(f):
                    issue = check_field(f, value, spec.name, strict=True)
                    if issue is not None:
                        found.append(issue)
        body: dict[str, Any] = {"model": spec.name, "input": {}}
        found += validate_body(spec, body)
        if spec.mode_field:
            section, name = spec.mode_field.split(".")
            found += validate_body(spec, {"model": spec.name, section: {name: "no-such-mode"}})
        found += validate_body(spec, {"model": spec.name, "input": "not an object"})
    return found


def test_every_field_refusal_of_the_catalog_renders_exactly_in_english_and_fully_elsewhere() -> None:
    issues = _catalog_issues()
    assert len({i.allowed_key for i in issues}) >= 25, sorted({i.allowed_key for i in issues})
    wrong = []
    for issue in issues:
        if not issue.allowed_key:
            wrong.append(f"no key: {issue}")
            continue
        if allowed_text(issue, "en-US") != issue.allowed:
            wrong.append(f"{issue.allowed_key}: {allowed_text(issue, 'en-US')!r} != {issue.allowed!r}")
        for locale in OTHERS:
            text = allowed_text(issue, locale)
            if "allowed." in text or text == issue.allowed or leftovers(issue, text, locale):
                wrong.append(f"{locale} {issue.allowed_key}: {text!r} (English {issue.allowed!r})")
    assert not wrong, f"{len(wrong)} renderings wrong:\n" + "\n".join(sorted(set(wrong))[:40])


def test_builder_and_engine_checks_speak_the_members_language_too() -> None:
    from bot.jobs.engine import _invalid
    from bot.wan import catalog
    from bot.wan.requests import builder_for

    spec = catalog.get("wan2.7-i2v")
    try:
        builder_for(spec)(model=spec.name, media=[{"type": "first_frame", "url": "https://x/a.png"}])
    except Exception as exc:  # pydantic's ValidationError, as the engine sees it
        issue = _invalid(spec, exc).issues[0]  # type: ignore[arg-type]
    assert issue.name == "prompt" and allowed_text(issue, "en-US") == "it is required"
    assert allowed_text(issue, "zh-CN") == "必须提供" and allowed_text(issue, "id") == "wajib diisi"
