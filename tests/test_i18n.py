"""Every text a member can see exists in every language we ship, and command text fits Discord's rules.

The key scan reads the source (not a list kept by hand): calls to `t`, `Refusal.of`, `MediaProblem`
and `tr`, `key=` / `message_key=` arguments, `key = "..."` class attributes (bot/wan/errors.py),
and any other literal or f-string in a namespace English already uses (`media.fixed.*` added to a
change list, `delivery.*` passed to `refuse`). Failures list exactly which keys are missing where,
grouped by the English module that defines them, so the list can be handed back as it is.
The command checks load every cog into a bot that never connects and ask discord.py for the very
payload `tree.sync()` would send, translated by WanTranslator.
"""

from __future__ import annotations

import ast
import asyncio
import functools
import importlib
import pkgutil
import re
import string
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.i18n import DEFAULT_LOCALE, LANGUAGES, SHIPPED, catalog, locale_of
from cogs.support.translator import WanTranslator

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("bot", "cogs")
OTHER_LOCALES = tuple(code for code in SHIPPED if code != DEFAULT_LOCALE)  # zh-CN, zh-TW, id

# Discord: names of chat-input commands and their options (docs: Application Commands, naming).
NAME_MAX, DESCRIPTION_MAX, CHOICE_MAX = 32, 100, 100
BUTTON_LABEL_MAX, MODAL_TEXT_MAX = 80, 45
KEY_RE = re.compile(r"[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)+")
# Literals shaped like keys that are file names or hosts (`result.mp4`, `media.discordapp.net`).
NOT_KEY_SUFFIXES = frozenset(
    {"mp4", "mov", "webm", "png", "jpg", "jpeg", "webp", "gif", "wav", "mp3", "json", "txt", "py", "sqlite3"}
    | {"com", "net", "org", "io", "gg", "app"}
)
# Calls whose first argument is a message key, and keyword arguments that carry one.
KEY_CALLS = frozenset({"t", "MediaProblem", "NotDeliverable", "refuse"})
KEY_KEYWORDS = frozenset({"key", "message_key", "error_key", "undeliverable_key"})
# Keys the foundation builds from a variable; each value it can take must exist.
DYNAMIC_KEYS: tuple[str, ...] = (
    *(f"button.{action}" for action in ("reroll", "remix", "details", "delete", "cancel")),  # cogs/support/buttons
    *(f"media.wrong_kind.{kind}" for kind in ("image", "audio", "video")),  # media_in/base.wrong_kind
    *(f"media.{kind}.{check}" for kind in ("image", "video") for check in ("too_small", "aspect", "too_elongated")),
    *(
        f"media.{kind}.{check}"
        for kind in ("audio", "video")
        for check in ("too_short", "too_long", "too_long_exclusive")
    ),
)


# ----------------------------------------------------------------------------- reading the catalogs


def package_of(locale: str) -> str:
    return f"bot.i18n.{LANGUAGES[locale]}"


@functools.cache
def modules_of(locale: str) -> dict[str, dict[str, str]]:
    """Area module file name -> its MESSAGES, for one language."""
    package = importlib.import_module(package_of(locale))
    return {
        f"{info.name}.py": getattr(importlib.import_module(f"{package.__name__}.{info.name}"), "MESSAGES", {})
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name)
    }


def area_of(key: str, locale: str = DEFAULT_LOCALE) -> str:
    return next((name for name, messages in modules_of(locale).items() if key in messages), "?")


def placeholders(text: str) -> set[str]:
    """`{name}` and `{name:spec}` fields of a message, as written (format specs count)."""
    return {"{" + name + (f":{spec}" if spec else "") + "}" for _, name, spec, _ in string.Formatter().parse(text)
            if name is not None}  # fmt: skip


def grouped(keys: dict[str, str], locale: str) -> str:
    """Keys listed under the module they belong in: `  zh_cn/admin.py (3): a, b, c`."""
    by_area: dict[str, list[str]] = defaultdict(list)
    for key, area in keys.items():
        by_area[area].append(key)
    folder, present = LANGUAGES[locale], modules_of(locale)
    return "\n".join(
        f"  {folder}/{area}{'' if area in present else ' (file missing)'} ({len(ks)}): {', '.join(sorted(ks))}"
        for area, ks in sorted(by_area.items())
    )


# ----------------------------------------------------------------------------- reading the source


@dataclass(frozen=True)
class Use:
    key: str  # a key, or a regular expression for an f-string key
    where: str
    pattern: bool = False


def source_files() -> Iterator[Path]:
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            if not path.is_relative_to(ROOT / "bot" / "i18n"):
                yield path


def _literal(node: ast.AST) -> tuple[str, bool] | None:
    """A string constant as itself, an f-string as a regular expression; anything else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, False
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(str(v.value)) if isinstance(v, ast.Constant) else ".+" for v in node.values]
        return "".join(parts), True
    return None


def _func_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _explicit(tree: ast.AST) -> Iterator[ast.AST]:
    """Nodes that are message keys by where they stand, whatever they look like."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _func_name(node)
            if node.args and (name in KEY_CALLS or (name == "of" and ast.unparse(node.func) == "Refusal.of")):
                yield node.args[0]
            if name == "tr" and len(node.args) >= 2:
                yield node.args[1]
            for kw in node.keywords:
                if kw.arg in KEY_KEYWORDS:
                    yield kw.value
        elif isinstance(node, ast.ClassDef):
            yield from _class_keys(node)


def _class_keys(cls: ast.ClassDef) -> Iterator[ast.expr]:
    """Values of `key = ...` / `key: ClassVar[str] = ...` in a class body (bot/wan/errors.py)."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            continue
        if [ast.unparse(t) for t in targets] == ["key"]:
            yield value


@functools.cache
def used_keys() -> tuple[Use, ...]:
    namespaces = {key.split(".", 1)[0] for key in catalog(DEFAULT_LOCALE)}
    uses: list[Use] = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        rel = path.relative_to(ROOT)
        explicit = set()
        for node in _explicit(tree):
            found = _literal(node)
            if found is not None:
                explicit.add(id(node))
                uses.append(Use(found[0], f"{rel}:{node.lineno}", found[1]))
        for node in ast.walk(tree):
            if id(node) in explicit or (isinstance(node, ast.Constant) and _inside_fstring(node, tree)):
                continue
            found = _literal(node)
            if found is None:
                continue
            text, is_pattern = found
            head = text.split(".", 1)[0] if not is_pattern else _fstring_head(node)
            if head not in namespaces or text.rsplit(".", 1)[-1] in NOT_KEY_SUFFIXES:
                continue
            if is_pattern or KEY_RE.fullmatch(text):
                uses.append(Use(text, f"{rel}:{node.lineno}", is_pattern))
    return tuple(uses)


@functools.cache
def _fstring_constants(tree: ast.AST) -> frozenset[int]:
    return frozenset(id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values)


def _inside_fstring(node: ast.AST, tree: ast.AST) -> bool:
    return id(node) in _fstring_constants(tree)


def _fstring_head(node: ast.AST) -> str:
    first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else None
    text = str(first.value) if isinstance(first, ast.Constant) else ""
    return text.split(".", 1)[0] if "." in text else ""


def _tr_role(call: ast.Call, keyword: str | None) -> str:
    """What a `tr()` passed as this argument becomes: a slash/menu/choice name or a description."""
    if keyword == "name":
        return {"Choice": "choice", "ContextMenu": "menu"}.get(_func_name(call), "slash")
    return "slash" if _func_name(call) == "rename" else "description"


@functools.cache
def tr_uses() -> tuple[tuple[str, str, str, str], ...]:
    """(english, key, where, role) of every `tr(english, key)` with literal arguments."""
    found = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        roles = {id(kw.value): _tr_role(node, kw.arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                 for kw in node.keywords}  # fmt: skip
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _func_name(node) == "tr" and len(node.args) >= 2:
                text, key = (_literal(a) for a in node.args[:2])
                if text and key and not text[1] and not key[1]:
                    role = roles.get(id(node), "description")
                    found.append((text[0], key[0], f"{path.relative_to(ROOT)}:{node.lineno}", role))
    return tuple(found)


# ----------------------------------------------------------------------------- Discord's rules


def valid_name(text: str) -> bool:
    """`^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$`, lowercase where the script has case."""

    def allowed(ch: str) -> bool:
        if ch in "-_" or unicodedata.category(ch)[0] in "LN":
            return True
        return unicodedata.name(ch, "").startswith(("DEVANAGARI", "THAI"))

    return 1 <= len(text) <= NAME_MAX and all(allowed(ch) for ch in text) and text == text.lower()


def name_problems(text: str, *, kind: str) -> str | None:
    """Why `text` cannot be a name of this kind (`slash`, `menu` or `choice`); None when it can."""
    if kind == "slash":
        return None if valid_name(text) else f"{text!r} is not a valid command/option name"
    limit = NAME_MAX if kind == "menu" else CHOICE_MAX
    return None if 1 <= len(text) <= limit else f"{text!r} has {len(text)} characters (1-{limit})"


def description_problem(text: str) -> str | None:
    return None if 1 <= len(text) <= DESCRIPTION_MAX else f"{len(text)} characters (1-{DESCRIPTION_MAX}): {text!r}"


# ----------------------------------------------------------------------------- the real command payloads


class RecordingTranslator(WanTranslator):
    """WanTranslator that remembers the key each command string carried, to name it in failures."""

    def __init__(self) -> None:
        self.keys: dict[str, str | None] = {}

    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        self.keys.setdefault(string.message, string.extras.get("key"))
        return await super().translate(string, locale, context)


RECORDER = RecordingTranslator()


@functools.cache
def command_payloads() -> tuple[dict[str, Any], ...]:
    """What `tree.sync()` would send for every cog, localised by WanTranslator (no network, no engine)."""
    from bot.app import COGS, create_bot
    from bot.settings import Settings

    async def build() -> tuple[dict[str, Any], ...]:
        with tempfile.TemporaryDirectory() as data:
            bot = create_bot(Settings(_env_file=None, discord_token="x", data_dir=Path(data)))
            try:
                for name in COGS:
                    await bot.load_extension(name)
                return tuple([await cmd.get_translated_payload(bot.tree, RECORDER)
                              for cmd in bot.tree.get_commands(type=None)])  # fmt: skip
            finally:
                await bot.close()

    return asyncio.run(build())


@dataclass(frozen=True)
class Text:
    where: str
    kind: str  # slash | menu | choice | description
    english: str
    localized: dict[str, str]


def command_texts() -> Iterator[Text]:
    """Every name, description and choice of every command, with its localisations."""

    def options(opts: list[dict[str, Any]], where: str) -> Iterator[Text]:
        for opt in opts:
            here = f"{where} {opt['name']}"
            yield Text(here, "slash", opt["name"], opt.get("name_localizations") or {})
            yield Text(here, "description", opt["description"], opt.get("description_localizations") or {})
            for choice in opt.get("choices") or []:
                yield Text(f"{here} choice {choice['name']!r}", "choice", choice["name"],
                           choice.get("name_localizations") or {})  # fmt: skip
            yield from options(opt.get("options") or [], here)

    for cmd in command_payloads():
        chat = cmd.get("type", 1) == 1
        where = f"/{cmd['name']}" if chat else f"menu {cmd['name']!r}"
        yield Text(where, "slash" if chat else "menu", cmd["name"], cmd.get("name_localizations") or {})
        if chat:
            yield Text(where, "description", cmd["description"], cmd.get("description_localizations") or {})
            yield from options(cmd.get("options") or [], where)


# ============================================================================= tests: keys


def test_every_key_used_in_the_code_exists_in_english() -> None:
    english = catalog(DEFAULT_LOCALE)
    missing: dict[str, list[str]] = defaultdict(list)
    for use in used_keys():
        ok = any(re.fullmatch(use.key, k) for k in english) if use.pattern else use.key in english
        if not ok:
            missing[f"{use.key} (pattern)" if use.pattern else use.key].append(use.where)
    for key in DYNAMIC_KEYS:
        if key not in english:
            missing[key].append("built at run time by the foundation")
    assert not missing, f"{len(missing)} keys used in the code are missing in bot/i18n/en:\n" + "\n".join(
        f"  {key}  <- {', '.join(sorted(set(where)))}" for key, where in sorted(missing.items())
    )


def test_the_key_scan_sees_every_way_the_code_names_a_key() -> None:
    """A guard for the scan itself: each route the foundation uses is found."""
    keys = {use.key for use in used_keys()}
    assert {"error.auth", "error.delivery_failed"} <= keys  # class attribute `key = ...`
    assert {"refusal.quota", "refusal.invalid"} <= keys  # Refusal.of / t
    assert {"media.audio.no_stream", "media.fixed.first_frame"} <= keys  # MediaProblem / changes.add
    assert {"delivery.too_large", "cmd.wan-video", "opt.prompt"} <= keys  # refuse(...) / tr(..., key)
    assert r"button\..+" in keys  # t(f"button.{action}")
    assert not any(use.key in ("result.mp4", "media.discordapp.net") for use in used_keys())


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_language_has_every_english_key(locale: str) -> None:
    english, ours = catalog(DEFAULT_LOCALE), catalog(locale)
    missing = {key: area_of(key) for key in english if not (ours.get(key) or "").strip()}
    assert not missing, f"{locale} lacks {len(missing)} keys English has (empty counts as missing):\n" + grouped(
        missing, locale
    )


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_language_has_no_key_english_lacks(locale: str) -> None:
    english = catalog(DEFAULT_LOCALE)
    extra = {key: area_of(key, locale) for key in catalog(locale) if key not in english}
    assert not extra, f"{locale} has {len(extra)} keys that bot/i18n/en does not:\n" + grouped(extra, locale)


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_translations_keep_the_english_placeholders(locale: str) -> None:
    english, ours = catalog(DEFAULT_LOCALE), catalog(locale)
    wrong: list[str] = []
    for key, text in ours.items():
        if key not in english:
            continue
        try:
            mine, theirs = placeholders(text), placeholders(english[key])
        except ValueError as exc:
            wrong.append(f"  {LANGUAGES[locale]}/{area_of(key, locale)} {key}: not a format string ({exc})")
            continue
        if mine != theirs:
            wrong.append(f"  {LANGUAGES[locale]}/{area_of(key, locale)} {key}: has {sorted(mine)}, "
                         f"English has {sorted(theirs)}")  # fmt: skip
    assert not wrong, f"{locale}: {len(wrong)} messages change the placeholders:\n" + "\n".join(sorted(wrong))


def test_english_placeholders_are_well_formed() -> None:
    broken = []
    for key, text in catalog(DEFAULT_LOCALE).items():
        try:
            placeholders(text)
        except ValueError as exc:
            broken.append(f"  en/{area_of(key)} {key}: {exc}")
    assert not broken, "\n".join(broken)


def test_locale_of_maps_discord_locales_onto_shipped_languages() -> None:
    assert locale_of("en-GB") == "en-US"
    assert locale_of("en-US") == "en-US"
    assert locale_of("zh-CN") == "zh-CN"
    assert locale_of("zh-TW") == "zh-TW"
    assert locale_of("id") == "id"
    assert locale_of("fr") == "en-US"
    assert locale_of(None) == "en-US"
    assert locale_of(discord.Locale.british_english) == "en-US"
    assert locale_of(discord.Locale.chinese) == "zh-CN"
    assert locale_of(discord.Locale.taiwan_chinese) == "zh-TW"
    assert locale_of(discord.Locale.indonesian) == "id"
    assert locale_of(discord.Locale.french) == "en-US"


# ============================================================================= tests: command text


def test_tr_descriptions_match_the_english_catalog() -> None:
    english = catalog(DEFAULT_LOCALE)
    wrong = [f"  {where} tr({text!r}, {key!r}): en has {english.get(key)!r}" for text, key, where, _ in tr_uses()
             if english.get(key) != text]  # fmt: skip
    assert not wrong, "tr() English text and bot/i18n/en disagree:\n" + "\n".join(wrong)


def _name_kind(english_name: str, choice_names: set[str], slash_names: set[str]) -> str:
    if english_name in choice_names and english_name not in slash_names:
        return "choice"
    return "slash" if valid_name(english_name) else "menu"


def test_command_keys_obey_discord_limits_in_every_language() -> None:
    """Descriptions 1-100 characters; `name.*` values valid for where the name is used."""
    texts = list(command_texts())
    choices = {t.english for t in texts if t.kind == "choice"}
    slash = {t.english for t in texts if t.kind == "slash"}
    roles = {key: role for _, key, _, role in tr_uses()}
    problems = []
    for locale in SHIPPED:
        for key, text in catalog(locale).items():
            role = roles.get(key) or ("description" if key.startswith(("cmd.", "opt.")) else None)
            if key.startswith("name."):
                problem = name_problems(text, kind=_name_kind(key[len("name.") :], choices, slash))
            elif role == "description":
                problem = description_problem(text)
            elif role is not None:
                problem = name_problems(text, kind=role)
            else:
                continue
            if problem:
                problems.append(f"  {LANGUAGES[locale]}/{area_of(key, locale)} {key}: {problem}")
    assert not problems, "command text Discord would refuse:\n" + "\n".join(sorted(problems))


def test_button_and_modal_labels_fit() -> None:
    problems = []
    for locale in SHIPPED:
        for key, text in catalog(locale).items():
            limit = BUTTON_LABEL_MAX if key.startswith("button.") else MODAL_TEXT_MAX if key.startswith("remix.") else 0
            if limit and not 1 <= len(text) <= limit:
                problems.append(f"  {LANGUAGES[locale]} {key}: {len(text)} characters (1-{limit})")
    assert not problems, "\n".join(problems)


def test_synced_commands_obey_discord_limits_in_every_language() -> None:
    """The payload sync sends: names, descriptions, choices valid; localised option names unique per command."""
    problems = []
    for text in command_texts():
        for locale, value in {"default": text.english, **text.localized}.items():
            problem = description_problem(value) if text.kind == "description" else name_problems(value, kind=text.kind)
            if problem:
                problems.append(f"  {text.where} [{locale}]: {problem}")

    def unique(items: list[dict[str, Any]], where: str, *, nested: bool = True) -> None:
        for locale in (DEFAULT_LOCALE, *OTHER_LOCALES):
            shown = [(item.get("name_localizations") or {}).get(locale, item["name"]) for item in items]
            twice = sorted({n for n in shown if shown.count(n) > 1})
            if twice:
                problems.append(f"  {where} [{locale}]: names repeat: {twice}")
        for item in items if nested else ():
            unique(item.get("options") or [], f"{where} {item['name']}")

    payloads = command_payloads()
    for cmd in payloads:
        unique(cmd.get("options") or [], f"/{cmd['name']}")
    unique([c for c in payloads if c.get("type", 1) == 1], "slash commands", nested=False)
    assert not problems, "Discord would refuse to sync:\n" + "\n".join(problems)


def test_every_command_description_is_translated() -> None:
    """Each description reaches zh-CN, zh-TW and id (none at all usually means a literal instead of `tr()`)."""
    gaps = []
    for text in command_texts():
        if text.kind != "description":
            continue
        lacking = [code for code in OTHER_LOCALES if code not in text.localized]
        if lacking:
            key = RECORDER.keys.get(text.english)
            hint = f"key {key}" if key else "no key: use tr(english, key)"
            gaps.append(f"  {text.where}: {text.english!r} ({hint}) untranslated in {', '.join(lacking)}")
    assert not gaps, f"{len(gaps)} command descriptions are shown in English only:\n" + "\n".join(gaps)


def test_wan_video_is_localised_by_name_and_description() -> None:
    cmd = next(c for c in command_payloads() if c["name"] == "wan-video")
    assert cmd["name_localizations"] == {"zh-CN": "万相视频", "zh-TW": "萬相影片", "id": "wan-video"}
    assert cmd["description_localizations"]["zh-CN"] == catalog("zh-CN")["cmd.wan-video"]
    prompt = next(o for o in cmd["options"] if o["name"] == "prompt")
    assert prompt["name_localizations"]["zh-TW"] == "提示詞"
    audio = next(o for o in cmd["options"] if o["name"] == "audio")
    assert {c["name"]: c.get("name_localizations", {}).get("id") for c in audio["choices"]} == {
        "auto": "otomatis",
        "silent": "tanpa suara",
    }
    assert "en-US" not in cmd["name_localizations"] and "en-GB" not in cmd["description_localizations"]


# ============================================================================= tests: the translator


def _context(location: app_commands.TranslationContextLocation) -> Any:
    return app_commands.TranslationContext(location=location, data=None)


async def test_translator_answers_shipped_locales_and_defers_to_english_otherwise() -> None:
    translator = WanTranslator()
    loc = app_commands.TranslationContextLocation
    description = app_commands.locale_str("Make a short video from a text description", key="cmd.wan-video")
    ctx = _context(loc.command_description)
    assert await translator.translate(description, discord.Locale.chinese, ctx) == catalog("zh-CN")["cmd.wan-video"]
    assert await translator.translate(description, discord.Locale.taiwan_chinese, ctx) == "用一段文字描述產生短影片"
    assert await translator.translate(description, discord.Locale.indonesian, ctx) == catalog("id")["cmd.wan-video"]
    assert await translator.translate(description, discord.Locale.american_english, ctx) is None
    assert await translator.translate(description, discord.Locale.british_english, ctx) is None
    assert await translator.translate(description, discord.Locale.french, ctx) is None
    assert await translator.translate(description, discord.Locale.japanese, ctx) is None


async def test_translator_looks_names_up_without_a_key() -> None:
    translator = WanTranslator()
    loc = app_commands.TranslationContextLocation
    zh = discord.Locale.chinese
    plain = app_commands.locale_str
    assert await translator.translate(plain("wan-video"), zh, _context(loc.command_name)) == "万相视频"
    assert await translator.translate(plain("negative_prompt"), zh, _context(loc.parameter_name)) == "反向提示词"
    assert await translator.translate(plain("silent"), zh, _context(loc.choice_name)) == "静音"
    assert await translator.translate(plain("prompt"), discord.Locale.french, _context(loc.parameter_name)) is None
    assert await translator.translate(plain("no-such-name"), zh, _context(loc.parameter_name)) is None
    # A description without a key is not a name: it is never looked up as one.
    assert await translator.translate(plain("prompt"), zh, _context(loc.parameter_description)) is None
    assert await translator.translate(plain("x", key="no.such.key"), zh, _context(loc.command_description)) is None
