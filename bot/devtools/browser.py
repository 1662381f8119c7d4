"""Headless Chromium screenshots of a transcript page (`wanbot demo`, `scripts/screenshot.py`).

Optional by design: with no `chromium-headless-shell` or `chromium` on PATH the callers skip the
picture and keep the HTML. Chromium runs with a throw-away profile and no network features, so a
screenshot neither reads nor leaves anything in the user's browser profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["CHROMIUM_FLAGS", "capture", "chromium", "trim_bottom"]

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--mute-audio",
)


def chromium() -> str | None:
    """The headless shell if installed (smaller, made for this), else a full Chromium, else None."""
    return shutil.which("chromium-headless-shell") or shutil.which("chromium")


def capture(
    page: Path,
    png: Path,
    width: int = 900,
    height: int = 900,
    *,
    css: str | None = None,
    trim: bool = False,
) -> bool:
    """Screenshot `page` in a `width`×`height` window; False when no Chromium is installed.

    `css` is appended to a scratch copy of the page first (the page itself is left alone), e.g. to
    let a fixed-height layout grow; `trim` then cuts the empty rows a too-tall window leaves below it.
    """
    browser = chromium()
    if browser is None:
        return False
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wanbot-chromium-") as scratch:
        target = page
        if css:
            target = Path(scratch) / page.name
            text = page.read_text(encoding="utf-8")
            target.write_text(text.replace("</head>", f"<style>{css}</style></head>", 1), encoding="utf-8")
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(scratch) / 'profile'}",
                f"--window-size={width},{height}",
                "--virtual-time-budget=3000",
                f"--screenshot={png.resolve()}",
                target.resolve().as_uri(),
            ],
            check=True,
            timeout=120,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    if png.exists() and trim:
        trim_bottom(png)
    return png.exists()


def trim_bottom(png: Path, margin: int = 0) -> None:
    """Cut the rows at the bottom that are all the colour of the last row (page background below the content)."""
    from PIL import Image, ImageChops

    with Image.open(png) as opened:
        image = opened.convert("RGB")
    background = Image.new("RGB", image.size, image.getpixel((0, image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    bottom = min(image.height, (box[3] if box else image.height) + margin)
    if bottom < image.height:
        image.crop((0, 0, image.width, bottom)).save(png)
