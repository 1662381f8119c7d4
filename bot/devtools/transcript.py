"""Render a fake Discord session as one self-contained, Discord-styled HTML page.

The page is what a person (or a headless-browser screenshot) looks at to see the bot working
without Discord: the channel as a member sees it, with authors, the APP badge, "used /command"
and reply bars, Discord markdown (mentions, `<t:…>` timestamps, quotes, subtext), "(edited)",
earlier versions of edited messages, embeds, buttons, reactions, and attachments inlined as data
URIs. An MP4 becomes a playable `<video>` with its first frame as the poster (or only that
frame, when the file is too big to inline), so the page needs no network and no server.
Notes (what happened outside the channel, like a bot restart) are centred dividers, the way
Discord marks a new day, and also show inside the edit history of a message edited across them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .fake_discord import FakeDiscord

log = logging.getLogger(__name__)

History = Literal["open", "closed", "none"]
Note = tuple[float, str]  # (epoch seconds on the fake's clock, text)

AVATAR_COLOURS = ("#5865f2", "#757e8a", "#3ba55c", "#faa61a", "#ed4245", "#eb459f")
BOT_NAME_COLOUR = "#00a8fc"
BUTTON_STYLES = {1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link", 6: "premium"}
GROUP_SECONDS = 7 * 60  # Discord folds a sender's messages within 7 minutes under one header
EPHEMERAL, LOADING = 1 << 6, 1 << 7
DEFAULT_VIDEO_LIMIT = 16 * 1024 * 1024


# -- time ---------------------------------------------------------------------------------


def _parse_time(value: str | None) -> float | None:
    return datetime.fromisoformat(value).timestamp() if value else None


def _clock(moment: datetime) -> str:
    return moment.strftime("%I:%M %p").lstrip("0")


def discord_time(moment: float, style: str, now: float, tz: tzinfo = UTC) -> str:
    """`<t:moment:style>` as Discord's en-US client shows it."""
    when = datetime.fromtimestamp(moment, tz)
    if style == "R":
        return relative_time(moment - now)
    formats: dict[str, Callable[[], str]] = {
        "t": lambda: _clock(when),
        "T": lambda: when.strftime("%I:%M:%S %p").lstrip("0"),
        "d": lambda: when.strftime("%m/%d/%Y"),
        "D": lambda: when.strftime("%B %-d, %Y"),
        "f": lambda: f"{when.strftime('%B %-d, %Y')} {_clock(when)}",
        "F": lambda: f"{when.strftime('%A, %B %-d, %Y')} {_clock(when)}",
    }
    return formats.get(style, formats["f"])()


def relative_time(delta: float) -> str:
    """Relative time ("in 5 minutes", "2 hours ago") with Discord's rounding."""
    seconds = abs(delta)
    units = (
        (60, "second", 1),
        (3600, "minute", 60),
        (86400, "hour", 3600),
        (2_592_000, "day", 86400),
        (31_536_000, "month", 2_592_000),
        (float("inf"), "year", 31_536_000),
    )
    if seconds < 45:
        phrase = "a few seconds"
    else:
        for limit, unit, size in units:
            if seconds < limit * 0.75 or limit == float("inf"):
                count = max(1, round(seconds / size))
                phrase = f"a{'n' if unit == 'hour' else ''} {unit}" if count == 1 else f"{count} {unit}s"
                break
    return f"in {phrase}" if delta > 0 else f"{phrase} ago"


def header_time(moment: float, now: float, tz: tzinfo = UTC) -> str:
    when, today = datetime.fromtimestamp(moment, tz), datetime.fromtimestamp(now, tz)
    if when.date() == today.date():
        return f"Today at {_clock(when)}"
    return f"{when.strftime('%m/%d/%Y')} {_clock(when)}"


# -- markdown -----------------------------------------------------------------------------


class Markdown:
    """Discord's message markdown, escaped first and then marked up (never raw HTML from content)."""

    def __init__(
        self, names: Callable[[str], str], channels: Callable[[str], str], now: float, tz: tzinfo = UTC
    ) -> None:
        self.names = names
        self.channels = channels
        self.now = now
        self.tz = tz

    def render(self, text: str) -> str:
        pieces = re.split(r"```(?:[\w+-]*\n)?(.*?)```", text, flags=re.S)
        out = []
        for i, piece in enumerate(pieces):
            if i % 2:
                out.append(f'<pre class="codeblock"><code>{html.escape(piece.strip(chr(10)))}</code></pre>')
            elif piece:
                out.append(self._blocks(piece))
        return "".join(out)

    def _blocks(self, text: str) -> str:
        out: list[str] = []
        quote: list[str] = []
        plain: list[str] = []

        def flush_plain() -> None:
            if plain:
                out.append("<br>".join(plain))
                plain.clear()

        def flush_quote() -> None:
            if quote:
                out.append(f'<div class="quote">{"<br>".join(quote)}</div>')
                quote.clear()

        for line in text.split("\n"):
            if line.startswith(("> ", ">>> ")) or line == ">":
                flush_plain()
                quote.append(self.inline(line.split(" ", 1)[1] if " " in line else ""))
                continue
            flush_quote()
            if line.startswith("-# "):
                flush_plain()
                out.append(f'<div class="subtext">{self.inline(line[3:])}</div>')
            elif heading := re.match(r"(#{1,3}) (.*)", line):
                flush_plain()
                level = len(heading[1])
                out.append(f"<h{level}>{self.inline(heading[2])}</h{level}>")
            elif bullet := re.match(r"\s*[-*] (.*)", line):
                flush_plain()
                out.append(f'<div class="bullet">• {self.inline(bullet[1])}</div>')
            else:
                plain.append(self.inline(line))
        flush_plain()
        flush_quote()
        return "".join(out)

    def inline(self, text: str) -> str:
        stash: list[str] = []

        def keep(snippet: str) -> str:
            stash.append(snippet)
            return f"\x00{len(stash) - 1}\x00"

        text = re.sub(r"`([^`\n]+)`", lambda m: keep(f"<code>{html.escape(m[1])}</code>"), text)
        text = html.escape(text, quote=False)
        text = re.sub(
            r"&lt;@!?(\d+)&gt;", lambda m: keep(f'<span class="mention">@{html.escape(self.names(m[1]))}</span>'), text
        )
        text = re.sub(
            r"&lt;#(\d+)&gt;", lambda m: keep(f'<span class="mention">#{html.escape(self.channels(m[1]))}</span>'), text
        )
        text = re.sub(r"&lt;@&amp;(\d+)&gt;", lambda m: keep('<span class="mention">@role</span>'), text)
        text = re.sub(r"&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;", self._timestamp(keep), text)
        text = re.sub(r"&lt;a?:(\w+):\d+&gt;", lambda m: keep(f":{m[1]}:"), text)
        text = re.sub(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)", lambda m: keep(f'<a href="{m[2]}">{m[1]}</a>'), text)
        text = re.sub(r"https?://[^\s<\x00]*[^\s<\x00.,;:!?)\]]", lambda m: keep(f'<a href="{m[0]}">{m[0]}</a>'), text)
        for pattern, tag in (
            (r"\*\*(.+?)\*\*", "strong"),
            (r"__(.+?)__", "u"),
            (r"~~(.+?)~~", "s"),
            (r"\*(?!\s)(.+?)(?<!\s)\*", "em"),
            (r"(?<![\w\\])_(.+?)_(?!\w)", "em"),
        ):
            text = re.sub(pattern, rf"<{tag}>\1</{tag}>", text)
        text = re.sub(r"\|\|(.+?)\|\|", r'<span class="spoiler">\1</span>', text)
        return re.sub(r"\x00(\d+)\x00", lambda m: stash[int(m[1])], text)

    def _timestamp(self, keep: Callable[[str], str]) -> Callable[[re.Match[str]], str]:
        def replace(match: re.Match[str]) -> str:
            moment, style = int(match[1]), match[2] or "f"
            full = discord_time(moment, "F", self.now, self.tz)
            shown = discord_time(moment, style, self.now, self.tz)
            return keep(f'<span class="timestamp" title="{html.escape(full)}">{html.escape(shown)}</span>')

        return replace

    def plain(self, text: str, limit: int = 90) -> str:
        """One line of a message for a reply bar: mentions and timestamps resolved, markup dropped, clipped."""
        text = re.sub(r"<@!?(\d+)>", lambda m: "@" + self.names(m[1]), text)
        text = re.sub(
            r"<t:(-?\d+)(?::([tTdDfFR]))?>", lambda m: discord_time(int(m[1]), m[2] or "f", self.now, self.tz), text
        )
        text = re.sub(r"(\*\*|__|~~|\|\||`)", "", text)
        text = re.sub(r"(?m)^(> |>>> |-# |#{1,3} )", "", text).replace("\n", " ").strip()
        return html.escape(text if len(text) <= limit else text[: limit - 1] + "…")


# -- media --------------------------------------------------------------------------------


def first_frame_png(data: bytes, width: int = 400) -> tuple[bytes, int, int] | None:
    """The first video frame as a PNG no wider than `width`, with the video's own size; None if unreadable."""
    try:
        import av
        from PIL import Image

        with av.open(io.BytesIO(data)) as container:
            stream = container.streams.video[0]
            for frame in container.decode(stream):
                image: Image.Image = frame.to_image()
                size = image.size
                if image.width > width:
                    image = image.resize((width, max(1, round(image.height * width / image.width))))
                buf = io.BytesIO()
                image.save(buf, format="PNG")
                return buf.getvalue(), size[0], size[1]
    except Exception:  # a broken or non-video file simply gets no preview
        log.debug("no first frame", exc_info=True)
    return None


def _data_uri(kind: str, data: bytes) -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def _size_text(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.2f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return ""


# -- the page -----------------------------------------------------------------------------


class TranscriptRenderer:
    """Turns one channel of a `FakeDiscord` into HTML; see `render_transcript`."""

    def __init__(
        self,
        fake: FakeDiscord,
        *,
        channel_id: str | None,
        viewer_id: str | None,
        now: float | None,
        history: History,
        video_limit: int,
        tz: tzinfo,
        notes: Sequence[Note] = (),
    ) -> None:
        self.fake = fake
        self.notes = sorted(notes)
        self.channel_id = channel_id or fake.channel_id
        self.viewer_id = viewer_id
        self.history = history
        self.video_limit = video_limit
        self.tz = tz
        messages = fake.channel_messages(self.channel_id, viewer_id=viewer_id)
        self.messages = messages
        self.now = now if now is not None else self._latest(messages)
        self.md = Markdown(fake.display_name, self._channel_name, self.now, tz)

    @staticmethod
    def _latest(messages: Sequence[Mapping[str, Any]]) -> float:
        moments = [_parse_time(m.get("edited_timestamp") or m["timestamp"]) for m in messages]
        return max((m for m in moments if m is not None), default=time.time())

    def _channel_name(self, channel_id: str) -> str:
        channel = self.fake.channels.get(channel_id)
        return channel.get("name", "direct-message") if channel else "unknown-channel"

    # -- pieces --

    def avatar(self, user: Mapping[str, Any], small: bool = False) -> str:
        colour = AVATAR_COLOURS[int(hashlib.sha1(str(user["id"]).encode()).hexdigest(), 16) % len(AVATAR_COLOURS)]
        name = user.get("global_name") or user["username"]
        return (
            f'<div class="avatar{" small" if small else ""}" style="background:{colour}">'
            f"{html.escape(name[:1].upper())}</div>"
        )

    def author(self, user: Mapping[str, Any]) -> str:
        name = html.escape(user.get("global_name") or user["username"])
        if user.get("bot"):
            return f'<span class="name" style="color:{BOT_NAME_COLOUR}">{name}</span><span class="badge">APP</span>'
        return f'<span class="name">{name}</span>'

    def context_bar(self, message: Mapping[str, Any]) -> str:
        """The bar above a message: "@alice used /wan-video" for a command's response, else the replied-to message."""
        meta = message.get("interaction_metadata")
        if meta and meta.get("name") and message.get("type") == 20:
            user = meta["user"]
            return (
                f'<div class="context"><span class="spine"></span>{self.avatar(user, small=True)}'
                f'<span class="who">@{html.escape(user.get("global_name") or user["username"])}</span>'
                f'<span class="verb">used</span><span class="command">/{html.escape(meta["name"])}</span></div>'
            )
        ref = message.get("referenced_message")
        if ref:
            ref = self.fake.messages.get(ref["id"], ref)  # Discord's client shows the replied-to message as it is now
            user = ref["author"]
            snippet = self.md.plain(ref.get("content") or "") or "<em>Click to see attachment</em>"
            return (
                f'<div class="context"><span class="spine"></span>{self.avatar(user, small=True)}'
                f'<span class="who">@{html.escape(user.get("global_name") or user["username"])}</span>'
                f'<span class="snippet">{snippet}</span></div>'
            )
        return ""

    def content(self, message: Mapping[str, Any]) -> str:
        if int(message.get("flags") or 0) & LOADING:
            name = html.escape(message["author"].get("global_name") or message["author"]["username"])
            return f'<div class="content thinking">{name} is thinking<span class="dots">…</span></div>'
        text = message.get("content") or ""
        edited = '<span class="edited" title="edited">(edited)</span>' if message.get("edited_timestamp") else ""
        if not text and not edited:
            return ""
        return f'<div class="content">{self.md.render(text)}{edited}</div>'

    def attachment(self, attachment: Mapping[str, Any]) -> str:
        data = self.fake.attachment_data(attachment)
        kind = str(attachment.get("content_type") or "")
        name = str(attachment.get("filename") or "file")
        spoiler = name.startswith("SPOILER_")
        chip = f'<div class="filename">{html.escape(name)} · {_size_text(int(attachment.get("size") or 0))}</div>'
        if data is not None and kind.startswith("video/"):
            frame = first_frame_png(data)
            poster = f' poster="{_data_uri("image/png", frame[0])}"' if frame else ""
            dims = f' data-width="{frame[1]}" data-height="{frame[2]}"' if frame else ""
            if len(data) <= self.video_limit:
                player = (
                    f'<video class="video" controls preload="metadata"{poster}{dims} '
                    f'src="{_data_uri(kind, data)}"></video>'
                )
            elif frame:
                player = f'<img class="video" alt="{html.escape(name)}" src="{_data_uri("image/png", frame[0])}">'
            else:
                player = ""
            if player:
                # A still frame gets a play badge; a real <video> brings its own controls.
                badge = "" if player.startswith("<video") else '<span class="play">▶</span>'
                cover = '<div class="spoiler-cover">SPOILER</div>' if spoiler else ""
                return f'<figure class="media">{player}{badge}{cover}{chip}</figure>'
        if data is not None and kind.startswith("image/"):
            image = f'<img class="image" alt="{html.escape(name)}" src="{_data_uri(kind, data)}">'
            return f'<figure class="media">{image}{chip}</figure>'
        size = _size_text(int(attachment.get("size") or 0))
        return (
            f'<div class="file"><span class="file-icon">📄</span><div><div class="file-name">{html.escape(name)}'
            f'</div><div class="file-size">{size}</div></div></div>'
        )

    def embed(self, embed: Mapping[str, Any]) -> str:
        colour = f"#{int(embed['color']):06x}" if embed.get("color") is not None else "#1e1f22"
        parts = []
        if embed.get("author", {}).get("name"):
            parts.append(f'<div class="embed-author">{html.escape(embed["author"]["name"])}</div>')
        if embed.get("title"):
            parts.append(f'<div class="embed-title">{self.md.inline(embed["title"])}</div>')
        if embed.get("description"):
            parts.append(f'<div class="embed-description">{self.md.render(embed["description"])}</div>')
        fields = embed.get("fields") or []
        if fields:
            cells = "".join(
                f'<div class="field{" inline" if f.get("inline") else ""}"><div class="field-name">'
                f'{self.md.inline(f["name"])}</div><div class="field-value">{self.md.render(f["value"])}</div></div>'
                for f in fields
            )
            parts.append(f'<div class="fields">{cells}</div>')
        if embed.get("footer", {}).get("text"):
            parts.append(f'<div class="embed-footer">{html.escape(embed["footer"]["text"])}</div>')
        return f'<div class="embed" style="border-left-color:{colour}">{"".join(parts)}</div>'

    def components(self, rows: Sequence[Mapping[str, Any]]) -> str:
        out = []
        for row in rows:
            items = row.get("components") or [row]
            buttons = []
            for c in items:
                if c.get("type") == 2:
                    style = BUTTON_STYLES.get(int(c.get("style") or 2), "secondary")
                    emoji = c.get("emoji") or {}
                    icon = f'<span class="emoji">{html.escape(emoji.get("name") or "")}</span>' if emoji else ""
                    label = html.escape(c.get("label") or "")
                    disabled = " disabled" if c.get("disabled") else ""
                    arrow = ' <span class="ext">↗</span>' if style == "link" else ""
                    custom_id = html.escape(c.get("custom_id") or "")
                    opening = f'<button class="btn {style}{disabled}" data-custom-id="{custom_id}">'
                    buttons.append(f"{opening}{icon}{label}{arrow}</button>")
                elif c.get("type") in (3, 5, 6, 7, 8):
                    placeholder = html.escape(c.get("placeholder") or "Make a selection")
                    buttons.append(f'<div class="select">{placeholder}<span>⌄</span></div>')
            if buttons:
                out.append(f'<div class="row">{"".join(buttons)}</div>')
        return f'<div class="components">{"".join(out)}</div>' if out else ""

    def reactions(self, message: Mapping[str, Any]) -> str:
        chips = "".join(
            f'<span class="reaction{" me" if r.get("me") else ""}">{html.escape(r["emoji"].get("name") or "")}'
            f" <b>{r.get('count', 1)}</b></span>"
            for r in message.get("reactions") or []
        )
        return f'<div class="reactions">{chips}</div>' if chips else ""

    def earlier_versions(self, message: Mapping[str, Any]) -> str:
        """Each earlier state of an edited message, one line each (what a status message went through)."""
        if self.history == "none":
            return ""
        lines: list[tuple[float, str]] = []
        for version in self.fake.revisions.get(message["id"], []):
            first = (version.get("content") or "").split("\n", 1)[0]
            if int(version.get("flags") or 0) & LOADING or not first or (lines and lines[-1][1] == first):
                continue
            lines.append((self._version_time(version), first))
        if not lines:
            return ""
        items = []
        for moment, first, is_note in self._with_notes(message, lines):
            at = f'<span class="time">{_clock(datetime.fromtimestamp(moment, self.tz))}</span>'
            if is_note:
                items.append(f'<li class="note">{at}<div class="version">{html.escape(first)}</div></li>')
            else:
                items.append(f'<li>{at}<div class="version">{self._markdown_at(moment).inline(first)}</div></li>')
        opened = " open" if self.history == "open" else ""
        label = f"Earlier version{'s' if len(lines) > 1 else ''} ({len(lines)})"
        return f'<details class="history"{opened}><summary>{label}</summary><ol>{"".join(items)}</ol></details>'

    def _with_notes(self, message: Mapping[str, Any], lines: list[tuple[float, str]]) -> list[tuple[float, str, bool]]:
        """The history lines and, in time order among them, each note that fell while the message was edited."""
        current = _parse_time(message.get("edited_timestamp")) or 0.0
        merged = [(moment, text, False) for moment, text in lines]
        merged += [(moment, text, True) for moment, text in self.notes if lines[0][0] < moment <= current]
        return sorted(merged, key=lambda line: line[0])

    def _markdown_at(self, moment: float) -> Markdown:
        """Markdown whose relative timestamps read as they did at `moment` (for earlier versions)."""
        return Markdown(self.fake.display_name, self._channel_name, moment, self.tz)

    @staticmethod
    def _version_time(version: Mapping[str, Any]) -> float:
        return _parse_time(version.get("edited_timestamp") or version["timestamp"]) or 0.0

    def message(self, message: Mapping[str, Any], previous: Mapping[str, Any] | None) -> str:
        moment = _parse_time(message["timestamp"]) or self.now
        context = self.context_bar(message)
        ephemeral = bool(int(message.get("flags") or 0) & EPHEMERAL)
        grouped = (
            previous is not None
            and not context
            and not ephemeral
            and previous["author"]["id"] == message["author"]["id"]
            and not int(previous.get("flags") or 0) & EPHEMERAL
            and moment - (_parse_time(previous["timestamp"]) or 0) < GROUP_SECONDS
        )
        body = [
            self.content(message),
            *(self.attachment(a) for a in message.get("attachments") or []),
            *(self.embed(e) for e in message.get("embeds") or []),
            self.components(message.get("components") or []),
            self.reactions(message),
            self.earlier_versions(message),
        ]
        if ephemeral:
            body.append(
                '<div class="ephemeral-note"><span class="eye">👁</span> Only you can see this · '
                '<a href="#">Dismiss message</a></div>'
            )
        classes = "message" + (" grouped" if grouped else "") + (" ephemeral" if ephemeral else "")
        if grouped:
            gutter = f'<div class="gutter">{_clock(datetime.fromtimestamp(moment, self.tz))}</div>'
            head = ""
        else:
            gutter = self.avatar(message["author"])
            head = (
                f'<div class="head">{self.author(message["author"])}'
                f'<span class="time">{header_time(moment, self.now, self.tz)}</span></div>'
            )
        return (
            f'<article class="{classes}" id="m{message["id"]}">{context}<div class="line">{gutter}'
            f'<div class="body">{head}{"".join(body)}</div></div></article>'
        )

    @staticmethod
    def divider(text: str) -> str:
        """A note across the channel, centred between two rules like Discord's date separators."""
        return f'<div class="divider" role="separator"><span>{html.escape(text)}</span></div>'

    def page(self, title: str | None) -> str:
        channel = self._channel_name(self.channel_id)
        rendered: list[str] = []
        previous: Mapping[str, Any] | None = None
        waiting = list(self.notes)
        for message in self.messages:
            posted = _parse_time(message["timestamp"]) or 0.0
            while waiting and waiting[0][0] <= posted:
                rendered.append(self.divider(waiting.pop(0)[1]))
                previous = None  # Discord starts a new group of messages after a divider
            rendered.append(self.message(message, previous))
            previous = message
        rendered += [self.divider(text) for _, text in waiting]
        channels = "".join(
            f'<div class="channel{" active" if cid == self.channel_id else ""}"><span class="hash">#</span>'
            f"{html.escape(c['name'])}</div>"
            for cid, c in self.fake.channels.items()
            if c.get("type") == 0
        )
        guild = html.escape(self.fake.guild_name)
        viewer = self.fake.users.get(self.viewer_id or "") or self.fake.alice
        viewer_name = html.escape(viewer.get("global_name") or viewer["username"])
        heading = html.escape(title or f"#{channel} — {self.fake.guild_name}")
        topic = self.fake.channels.get(self.channel_id, {}).get("topic")
        topic_html = f'<span class="topic">{html.escape(topic)}</span>' if topic else ""
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{heading}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{CSS}</style></head>
<body><div class="app">
<nav class="guilds"><div class="guild-icon">{guild[:1]}</div></nav>
<aside class="sidebar"><header class="guild-name">{guild}</header>
<div class="category">TEXT CHANNELS</div>{channels}
<footer class="me">{self.avatar(viewer, small=True)}<span>{viewer_name}</span></footer>
</aside>
<main class="chat"><header class="channel-header">
<span class="hash">#</span><b>{html.escape(channel)}</b>{topic_html}</header>
<section class="scroller"><div class="messages">{"".join(rendered)}</div></section>
<div class="composer">Message #{html.escape(channel)}</div>
</main></div></body></html>
"""


def render_transcript(
    fake: FakeDiscord,
    *,
    channel_id: str | None = None,
    viewer_id: str | None = None,
    title: str | None = None,
    now: float | None = None,
    history: History = "closed",
    video_limit: int = DEFAULT_VIDEO_LIMIT,
    tz: tzinfo = UTC,
    notes: Sequence[Note] = (),
) -> str:
    """One channel of `fake` as a self-contained HTML page.

    `viewer_id` also shows that member's ephemeral messages; `now` anchors relative timestamps
    (default: the newest message or edit); `history` shows earlier versions of edited messages
    folded ("closed"), unfolded ("open") or not at all; videos above `video_limit` bytes are
    shown by their first frame only. Each `(moment, text)` of `notes` is a divider before the first
    message posted at or after `moment` (on the fake's clock).
    """
    renderer = TranscriptRenderer(
        fake, channel_id=channel_id, viewer_id=viewer_id, now=now, history=history, video_limit=video_limit, tz=tz,
        notes=notes,
    )  # fmt: skip
    return renderer.page(title)


def write_transcript(fake: FakeDiscord, path: Path | str, **options: Any) -> Path:
    """`render_transcript` into a file (parents created); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_transcript(fake, **options), encoding="utf-8")
    return target


# For a whole-page screenshot: the app stops being one window-high screen and grows with its messages.
FULL_PAGE_CSS = ".app{height:auto;overflow:visible}.scroller{overflow:visible;flex-direction:column}"

CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:#313338;color:#dbdee1;
  font:15px/1.375 "gg sans","Noto Sans","DejaVu Sans","Helvetica Neue",Helvetica,Arial,sans-serif,"Noto Color Emoji"}
a{color:#00a8fc;text-decoration:none}
.app{display:flex;height:100vh;overflow:hidden}
.guilds{width:56px;flex:none;background:#1e1f22;padding:10px 0;display:flex;flex-direction:column;align-items:center}
.guild-icon{width:40px;height:40px;border-radius:14px;background:#5865f2;color:#fff;display:flex;align-items:center;
  justify-content:center;font-weight:700;font-size:17px}
.sidebar{width:184px;flex:none;background:#2b2d31;display:flex;flex-direction:column}
.guild-name{height:48px;padding:0 14px;display:flex;align-items:center;font-weight:700;color:#f2f3f5;
  box-shadow:0 1px 0 rgba(0,0,0,.3)}
.category{margin:16px 8px 4px 14px;font-size:11.5px;font-weight:700;letter-spacing:.02em;color:#949ba4}
.channel{margin:1px 8px;padding:5px 8px;border-radius:4px;color:#949ba4;font-weight:500}
.channel.active{background:#404249;color:#f2f3f5}
.hash{color:#80848e;font-size:19px;margin-right:6px;font-weight:400}
.me{margin-top:auto;height:52px;background:#232428;display:flex;align-items:center;gap:8px;padding:0 8px;
  color:#f2f3f5;font-size:14px;font-weight:600}
.chat{flex:1;display:flex;flex-direction:column;min-width:0}
.channel-header{height:48px;flex:none;display:flex;align-items:center;padding:0 16px;color:#f2f3f5;
  box-shadow:0 1px 0 rgba(0,0,0,.25)}
.topic{margin-left:12px;padding-left:12px;border-left:1px solid #3f4147;color:#949ba4;font-size:14px}
.scroller{flex:1;overflow-y:auto;display:flex;flex-direction:column-reverse}
.messages{padding:16px 0 8px}
.composer{flex:none;margin:0 16px 22px;padding:11px 16px;border-radius:8px;background:#383a40;color:#6d6f78}
.message{padding:2px 16px 2px 16px;margin-top:16px;position:relative}
.message.grouped{margin-top:0}
.message:hover{background:#2e3035}
.message.ephemeral{background:rgba(88,101,242,.08)}
.line{display:flex;gap:16px}
.avatar{width:40px;height:40px;flex:none;border-radius:50%;display:flex;align-items:center;justify-content:center;
  color:#fff;font-weight:700;font-size:17px;margin-top:2px}
.avatar.small{width:16px;height:16px;font-size:9px;margin:0 4px 0 0}
.gutter{width:40px;flex:none;font-size:11px;color:transparent;text-align:right;padding-top:3px}
.message.grouped:hover .gutter{color:#949ba4}
.body{min-width:0;flex:1}
.head{display:flex;align-items:baseline;gap:4px}
.name{font-weight:600;color:#f2f3f5}
.badge{background:#5865f2;color:#fff;font-size:10px;font-weight:700;border-radius:3px;padding:1px 4px;
  position:relative;top:-1px}
.time{color:#949ba4;font-size:12px;margin-left:4px}
.context{display:flex;align-items:center;font-size:13.5px;color:#b5bac1;margin:0 0 2px 20px;white-space:nowrap;
  overflow:hidden}
.context .spine{width:33px;height:10px;border-left:2px solid #4e5058;border-top:2px solid #4e5058;
  border-top-left-radius:6px;margin:7px 4px 0 0;flex:none}
.context .who{color:#f2f3f5;font-weight:500;margin-right:4px}
.context .verb{margin-right:4px}
.context .command{color:#00a8fc}
.context .snippet{color:#b5bac1;overflow:hidden;text-overflow:ellipsis}
.content{white-space:normal;word-wrap:break-word;color:#dbdee1}
.content strong{color:#f2f3f5}
.thinking{color:#949ba4;font-style:italic}
.edited{font-size:11px;color:#949ba4;margin-left:4px}
.quote{border-left:4px solid #4e5058;padding:0 8px 0 12px;margin:2px 0}
.subtext{font-size:12.5px;color:#949ba4}
.bullet{margin-left:8px}
h1,h2,h3{margin:6px 0 2px;color:#f2f3f5}h1{font-size:24px}h2{font-size:20px}h3{font-size:16px}
code{background:#2b2d31;border:1px solid #1e1f22;border-radius:4px;padding:0 3px;font:13px "DejaVu Sans Mono",monospace}
.codeblock{background:#2b2d31;border:1px solid #1e1f22;border-radius:4px;padding:8px;margin:4px 0;white-space:pre-wrap}
.codeblock code{border:0;padding:0}
.mention{background:rgba(88,101,242,.3);color:#c9cdfb;border-radius:3px;padding:0 2px;font-weight:500}
.timestamp{background:rgba(255,255,255,.06);border-radius:3px;padding:0 2px}
.spoiler{background:#1e1f22;color:transparent;border-radius:3px}
.media{position:relative;margin:6px 0 0;max-width:400px}
.media .video,.media .image{display:block;width:100%;max-width:400px;border-radius:8px;background:#000}
.media .play{position:absolute;left:50%;top:calc(50% - 12px);transform:translate(-50%,-50%);width:48px;height:48px;
  border-radius:50%;background:rgba(0,0,0,.6);color:#fff;display:flex;align-items:center;justify-content:center;
  font-size:20px;pointer-events:none}
.spoiler-cover{position:absolute;inset:0 0 24px;backdrop-filter:blur(40px);display:flex;align-items:center;
  justify-content:center;font-weight:700;letter-spacing:.05em;border-radius:8px;background:rgba(0,0,0,.4)}
.filename{font-size:12px;color:#949ba4;margin-top:3px}
.file{display:flex;gap:10px;align-items:center;background:#2b2d31;border:1px solid #1e1f22;border-radius:8px;
  padding:10px;margin-top:6px;max-width:400px}
.file-icon{font-size:28px}.file-name{color:#00a8fc}.file-size{font-size:12px;color:#949ba4}
.embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:8px 16px 12px 12px;margin-top:6px;
  max-width:520px}
.embed-author{font-size:13px;font-weight:600;color:#f2f3f5;margin-top:4px}
.embed-title{font-weight:700;color:#f2f3f5;margin-top:4px}
.embed-description{font-size:14px;margin-top:4px}
.fields{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:8px}
.field{flex:1 1 100%;font-size:14px}.field.inline{flex:1 1 28%}
.field-name{font-weight:600;color:#f2f3f5;margin-bottom:2px}
.embed-footer{font-size:12px;color:#949ba4;margin-top:8px}
.components{margin-top:6px}
.row{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0}
.btn{border:0;border-radius:8px;height:32px;padding:0 14px;color:#fff;
  font:500 14px "Noto Sans","DejaVu Sans",sans-serif;display:inline-flex;align-items:center;gap:6px}
.btn .emoji{font-family:"Noto Color Emoji",sans-serif}
.btn.primary{background:#5865f2}.btn.secondary,.btn.link{background:#4e5058}.btn.success{background:#248046}
.btn.danger{background:#da373c}.btn.premium{background:#a855f7}.btn.disabled{opacity:.5}
.select{background:#1e1f22;border-radius:4px;padding:8px 12px;color:#949ba4;min-width:260px;display:flex;
  justify-content:space-between}
.reactions{display:flex;gap:4px;margin-top:4px}
.reaction{background:#2b2d31;border:1px solid transparent;border-radius:8px;padding:1px 7px;font-size:14px}
.reaction.me{background:rgba(88,101,242,.15);border-color:#5865f2}
.reaction b{color:#dbdee1;font-weight:600;font-size:13px}
.ephemeral-note{font-size:12px;color:#949ba4;margin-top:4px}
.ephemeral-note .eye{font-size:11px}
.history{margin-top:4px;font-size:13px;color:#949ba4}
.history summary{cursor:pointer;list-style:none;font-size:12px}
.history summary::before{content:"▸ ";}
.history[open] summary::before{content:"▾ ";}
.history ol{list-style:none;margin:4px 0 0;padding:0 0 0 10px;border-left:2px solid #3f4147}
.history li{display:flex;gap:8px;margin:3px 0}
.history .time{flex:none;margin:0;font-size:11px;padding-top:2px}
.history .version{opacity:.85;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
.history li.note .version{color:#f0b232;font-weight:600;opacity:1}
.divider{display:flex;align-items:center;gap:8px;margin:24px 16px 8px;color:#f0b232;font-size:12px;font-weight:600}
.divider::before,.divider::after{content:"";flex:1;height:1px;background:#4e5058}
.divider span{flex:none;max-width:80%;text-align:center}
"""
