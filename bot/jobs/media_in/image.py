"""Make an image fit a model without changing what it shows.

Fixes: EXIF orientation applied, first frame of an animation, transparency filled
with white, unsupported formats re-encoded, oversized sides shrunk, oversized files
re-compressed. Refusals: not an image, unreadable, too small, wrong shape.
Pillow work is CPU-bound: async callers should use `prepare` (runs it in a thread).
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from bot.wan.catalog.types import MediaKind, MediaLimits

from .base import (
    MIME,
    Changes,
    MediaProblem,
    PreparedMedia,
    allowed_formats,
    check_downscale,
    check_sides,
    dims,
    extension_of,
    fit_within,
    format_allowed,
    formats_text,
    megabytes,
    unknown_type,
    wrong_kind,
)
from .sniff import sniff

# Refuse to decode more pixels than this (8000×8000 is the largest documented input).
MAX_PIXELS = 80_000_000
_MEGAPIXELS = MAX_PIXELS // 1_000_000
JPEG_QUALITIES = (92, 85, 75, 65, 55)
_PIL_FORMAT = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "bmp": "BMP", "tiff": "TIFF"}
_LOSSY_SOURCES = {"jpeg", "heic", "avif"}  # photos: re-encode as JPEG rather than PNG


def _open(data: bytes, fmt: str, limits: MediaLimits, field: str) -> Image.Image:
    if fmt == "heic":
        try:  # optional plugin; Pillow alone cannot read HEIC
            from pillow_heif import register_heif_opener  # type: ignore[import-not-found]

            register_heif_opener()
        except ImportError:
            raise MediaProblem(
                "media.image.unsupported", field=field, value=fmt.upper(), allowed=formats_text(limits)
            ) from None
    try:
        im = Image.open(io.BytesIO(data))  # reads the header only: the size is known before decoding
        if im.width * im.height > MAX_PIXELS:
            raise MediaProblem(
                "media.image.too_many_pixels", field=field, value=dims(im.width, im.height), allowed=_MEGAPIXELS
            )
        im.load()
    except Image.DecompressionBombError:
        raise MediaProblem("media.image.too_many_pixels", field=field, value="?", allowed=_MEGAPIXELS) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise MediaProblem(
            "media.image.unreadable", field=field, value=fmt.upper(), allowed=formats_text(limits)
        ) from None
    return im


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (im.mode == "P" and "transparency" in im.info)


def _flatten(im: Image.Image) -> tuple[Image.Image, bool]:
    """Composite onto white; the flag says whether any pixel was actually see-through."""
    rgba = im.convert("RGBA")
    lo, _ = rgba.getchannel("A").getextrema()
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(background, rgba).convert("RGB")
    flat.info.update({k: v for k, v in im.info.items() if k == "icc_profile"})
    return flat, lo < 255


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """LANCZOS, keeping the colour profile; palette and 1-bit images would otherwise fall back to NEAREST."""
    if im.mode in ("P", "1"):
        im = im.convert("RGBA" if _has_alpha(im) else "RGB")
    out = im.resize(size, Image.Resampling.LANCZOS)
    if "icc_profile" in im.info:
        out.info["icc_profile"] = im.info["icc_profile"]
    return out


def _output_format(source: str, limits: MediaLimits, keep_alpha: bool) -> str:
    """Keep the source format when allowed; else PNG for graphics, JPEG for photos."""
    allowed = allowed_formats(limits)
    if source in allowed and source in _PIL_FORMAT:
        return source
    preferred = ("jpeg", "png") if source in _LOSSY_SOURCES and not keep_alpha else ("png", "jpeg")
    for fmt in (*preferred, "webp", "bmp", "tiff"):
        if fmt in allowed:
            return fmt
    return "png"


def _encode(im: Image.Image, fmt: str, quality: int = JPEG_QUALITIES[0]) -> bytes:
    out = io.BytesIO()
    icc = im.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc and fmt in ("png", "jpeg", "webp", "tiff") else {}
    if fmt == "jpeg":
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        im.save(out, "JPEG", quality=quality, optimize=True, **extra)
    elif fmt == "webp":
        im.save(out, "WEBP", quality=quality, **extra)
    elif fmt == "bmp":
        im.convert("RGBA" if _has_alpha(im) else "RGB").save(out, "BMP")
    else:
        if im.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            im = im.convert("RGBA" if _has_alpha(im) else "RGB")
        im.save(out, _PIL_FORMAT[fmt], **extra)
    return out.getvalue()


def _shrink_to_bytes(
    im: Image.Image, fmt: str, limits: MediaLimits, changes: Changes, field: str
) -> tuple[Image.Image, str, bytes]:
    """Re-compress (JPEG/WEBP quality steps, then smaller sizes) until under max_bytes; refuse if impossible."""
    assert limits.max_bytes is not None
    lossy = [f for f in ("jpeg", "webp") if format_allowed(f, limits)]
    if not lossy:
        raise MediaProblem(
            "media.image.too_large",
            field=field,
            value=megabytes(len(_encode(im, fmt))),
            allowed=megabytes(limits.max_bytes),
        )
    target = lossy[0]
    if target == "jpeg" and _has_alpha(im):
        im, transparent = _flatten(im)
        changes.add("media.fixed.alpha_flattened" if transparent else "media.fixed.alpha_removed")
    data = b""
    for step in range(8):
        if step:
            w, h = fit_within(im.width, im.height, int(max(im.size) * 0.8))
            if limits.min_side is not None and min(w, h) < limits.min_side:
                break
            im = _resize(im, (w, h))
        for quality in JPEG_QUALITIES if step == 0 else JPEG_QUALITIES[1:3]:
            data = _encode(im, target, quality)
            if len(data) <= limits.max_bytes:
                return im, target, data
    raise MediaProblem(
        "media.image.too_large", field=field, value=megabytes(len(data)), allowed=megabytes(limits.max_bytes)
    )


def prepare_image(data: bytes, limits: MediaLimits, *, field: str) -> PreparedMedia:
    """Validate one image against `limits`, fixing what keeps its meaning, refusing the rest."""
    sniffed = sniff(data)
    if sniffed is None:
        raise unknown_type(limits, field)
    kind, source = sniffed
    if kind is not MediaKind.IMAGE:
        raise wrong_kind(MediaKind.IMAGE, source, limits, field)
    im = _open(data, source, limits, field)
    changes = Changes(field)

    # Phones save MPO (a JPEG plus a depth or preview frame): frame 0 is the photo, nothing to fix.
    if getattr(im, "n_frames", 1) > 1 and im.format != "MPO":
        im.seek(0)
        im = im.copy()
        changes.add("media.fixed.first_frame")
    orientation = im.getexif().get(0x0112, 1)
    if orientation not in (1, None):
        im = ImageOps.exif_transpose(im)
        changes.add("media.fixed.rotated")
    upright = im.size
    check_sides("image", im.width, im.height, limits, field)
    target = check_downscale("image", im.width, im.height, limits, field)

    if _has_alpha(im) and not limits.alpha_allowed:
        im, transparent = _flatten(im)
        changes.add("media.fixed.alpha_flattened" if transparent else "media.fixed.alpha_removed")
    if target:
        im = _resize(im, target)
        changes.add("media.fixed.downscaled", **{"from": dims(*upright), "to": dims(*target)})
    fmt = source
    if not format_allowed(source, limits) or source not in _PIL_FORMAT:
        fmt = _output_format(source, limits, keep_alpha=_has_alpha(im))
        changes.add("media.fixed.converted", **{"from": source.upper(), "to": fmt.upper()})

    out = _encode(im, fmt) if changes else data
    if limits.max_bytes is not None and len(out) > limits.max_bytes:
        size_before = im.size
        im, new_fmt, out = _shrink_to_bytes(im, fmt, limits, changes, field)
        if new_fmt != fmt:
            changes.add("media.fixed.converted", **{"from": source.upper(), "to": new_fmt.upper()})
            fmt = new_fmt
        if im.size != size_before:
            changes.add("media.fixed.downscaled", **{"from": dims(*upright), "to": dims(*im.size)})
        changes.add(
            "media.fixed.compressed",
            **{"from": megabytes(len(data)), "to": megabytes(len(out))},
            allowed=megabytes(limits.max_bytes),
        )
    return PreparedMedia(
        data=out,
        mime=MIME[fmt],
        extension=extension_of(fmt),
        kind=MediaKind.IMAGE,
        width=im.width,
        height=im.height,
        changes=tuple(changes.keys),
        field=field,
        details={k: dict(v) for k, v in changes.details.items()},
    )
