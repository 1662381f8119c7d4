"""Media in: sniffing, fetching with a cap, fixing and refusing against real catalog limits."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import io
import os
import re
import string
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import av
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from PIL import Image

from bot.i18n import t
from bot.i18n.en import MESSAGES
from bot.jobs.media_in import (
    MediaProblem,
    PreparedMedia,
    fetch,
    prepare,
    prepare_audio,
    prepare_image,
    prepare_video,
    sniff,
    to_reference,
)
from bot.wan import catalog
from bot.wan.catalog.types import MediaKind, MediaLimits
from bot.wan.client import WanClient
from bot.wan.simulator.media import ffmpeg_path


def limits_of(model: str, field: str, mode: str | None = None) -> MediaLimits:
    spec = catalog.get(model).field(field, mode)
    assert spec is not None and spec.media is not None
    return spec.media


I2V_IMAGE = limits_of("wan2.6-i2v", "img_url")  # jpeg/png/bmp/webp, 360-2000 px, 10 MB, no alpha, data URIs
I2V_AUDIO = limits_of("wan2.6-i2v", "audio_url")  # wav/mp3, 3-30 s
S2V_AUDIO = limits_of("wan2.2-s2v", "audio_url")  # wav/mp3, < 20 s, < 15 MB
ANIMATE_IMAGE = limits_of("wan2.2-animate-move", "image_url")  # 200-4096 px, ratio 1:3-3:1, alpha allowed
ANIMATE_VIDEO = limits_of("wan2.2-animate-move", "video_url")  # mp4/avi/mov, 200-2048 px, 2 s < d < 30 s
TEMPLATE_VIDEO = limits_of("animate-anyone-template-gen2", "video_url")  # >= 24 fps
VACE_VIDEO = limits_of("wanx2.1-vace-plus", "video_url", "video_repainting")  # mp4 only, >= 16 fps
VACE_IMAGE = limits_of("wanx2.1-vace-plus", "ref_images_url", "image_reference")  # tiff allowed
EMO_IMAGE = limits_of("emo-v1", "image_url")  # http(s) links only
AUDIO, VIDEO = MediaKind.AUDIO, MediaKind.VIDEO


# -- generated inputs ------------------------------------------------------------


def image_bytes(im: Image.Image, fmt: str, **save: object) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **save)
    return out.getvalue()


def rgb(size: tuple[int, int], color: tuple[int, int, int] = (40, 120, 200)) -> Image.Image:
    return Image.new("RGB", size, color)


def noise(size: tuple[int, int]) -> Image.Image:
    return Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=60)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Small real audio and video files, made once with ffmpeg (about a second in all)."""
    d = tmp_path_factory.mktemp("media")
    p = lambda name: str(d / name)  # noqa: E731
    sine = "sine=frequency=440:sample_rate=8000"
    x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    ffmpeg("-f", "lavfi", "-i", f"{sine}:duration=0.5", p("short.wav"), p("short.mp3"),
           "-c:a", "libvorbis", p("short.ogg"), p("short.flac"), "-c:a", "aac", p("short.m4a"),
           "-c:a", "aac", p("short.aac"))  # fmt: skip
    ffmpeg("-f", "lavfi", "-i", f"{sine}:duration=4", p("4s.wav"))
    ffmpeg("-f", "lavfi", "-i", f"{sine}:duration=20", p("20s.wav"))

    def clip(name: str, size: str, seconds: float, *extra: str, audio: bool = True) -> None:
        args = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate=16:duration={seconds}"]
        if audio:
            args += ["-f", "lavfi", "-i", f"{sine}:duration={seconds}", "-shortest"]
        ffmpeg(*args, *extra, p(name))

    clip("ok.mp4", "320x240", 2.5, *x264, "-c:a", "aac")
    clip("ok.mov", "320x240", 2.5, *x264, "-c:a", "aac")
    clip("ok.webm", "320x240", 2.5, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus")
    clip("odd.webm", "321x241", 0.5, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", audio=False)
    clip("short.mp4", "320x240", 1, *x264, audio=False)
    clip("small.mp4", "160x160", 2.5, *x264, audio=False)
    clip("wide.mp4", "800x200", 2.5, *x264, audio=False)
    clip("2s.mp4", "320x240", 2, *x264, audio=False)
    clip("lossless.mp4", "320x240", 2.2, "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", audio=False)
    ffmpeg("-display_rotation", "90", "-i", p("ok.mp4"), "-c", "copy", p("rotated.mp4"))
    return {f.name: f.read_bytes() for f in Path(d).iterdir()}


def probe(data: bytes) -> tuple[str, float, int, int]:
    with av.open(io.BytesIO(data)) as c:
        s = c.streams.video[0]
        return s.codec_context.name, float(c.duration or 0) / 1e6, s.codec_context.width, s.codec_context.height


def problem(exc: pytest.ExceptionInfo[MediaProblem], key: str) -> MediaProblem:
    err = exc.value
    assert err.key == key, err
    assert {"field", "value", "allowed"} <= set(err.params)
    text = err.explain()
    assert text != key and "{" not in text, text
    return err


# -- sniff -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp"), ("BMP", "bmp"), ("GIF", "gif"), ("TIFF", "tiff"),
     ("AVIF", "avif")],
)  # fmt: skip
def test_sniff_images(fmt: str, expected: str) -> None:
    assert sniff(image_bytes(rgb((16, 16)), fmt)) == (MediaKind.IMAGE, expected)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [("short.wav", AUDIO, "wav"), ("short.mp3", AUDIO, "mp3"), ("short.ogg", AUDIO, "ogg"),
     ("short.flac", AUDIO, "flac"), ("short.m4a", AUDIO, "m4a"), ("short.aac", AUDIO, "aac"),
     ("ok.mp4", VIDEO, "mp4"), ("ok.mov", VIDEO, "mov"), ("ok.webm", VIDEO, "webm")],
)  # fmt: skip
def test_sniff_audio_and_video(media: dict[str, bytes], name: str, kind: MediaKind, expected: str) -> None:
    assert sniff(media[name]) == (kind, expected)


def test_sniff_headers_without_a_generator() -> None:
    mp3 = b"\xff\xfb\x90\x64" + bytes(60)  # MPEG-1 layer III frame header, no tag
    assert sniff(mp3) == (MediaKind.AUDIO, "mp3")
    assert sniff(b"ID3\x04\x00\x00\x00\x00\x00\x00" + mp3) == (MediaKind.AUDIO, "mp3")  # tag, then a frame
    assert sniff(b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xf1\x50\x80") == (MediaKind.AUDIO, "aac")  # ID3 + ADTS
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == (MediaKind.IMAGE, "heic")
    assert sniff(b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif") == (MediaKind.IMAGE, "avif")
    assert sniff(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska") == (MediaKind.VIDEO, "mkv")
    assert sniff(b"RIFF\x00\x00\x00\x00AVI LIST") == (MediaKind.VIDEO, "avi")
    assert sniff(b"FLV\x01\x05") == (MediaKind.VIDEO, "flv")
    assert sniff(b"<html><body>not media</body></html>") is None
    assert sniff(b"") is None


def test_sniff_ignores_names_and_claims() -> None:
    # A PNG is a PNG whatever it is called; a text file named .png is nothing.
    assert sniff(image_bytes(rgb((8, 8)), "PNG")) == (MediaKind.IMAGE, "png")
    assert sniff(b"GIF8 but not really") is None


# -- images: fixes ---------------------------------------------------------------


def test_plain_jpeg_passes_untouched() -> None:
    data = image_bytes(rgb((640, 480)), "JPEG", quality=90)
    out = prepare_image(data, I2V_IMAGE, field="image")
    assert out.data == data and out.changes == () and not out.changed
    assert (out.mime, out.extension, out.kind, out.width, out.height) == (
        "image/jpeg",
        "jpg",
        MediaKind.IMAGE,
        640,
        480,
    )


def test_phone_mpo_photo_is_not_treated_as_animated() -> None:
    data = image_bytes(rgb((640, 480)), "MPO", save_all=True, append_images=[rgb((160, 120))])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    out = prepare_image(data, I2V_IMAGE, field="image")
    assert out.data == data and out.changes == ()


def test_transparent_png_is_flattened_onto_white() -> None:
    im = Image.new("RGBA", (400, 400), (255, 0, 0, 255))
    im.paste((0, 0, 0, 0), (0, 0, 200, 400))  # left half fully transparent
    out = prepare_image(image_bytes(im, "PNG"), I2V_IMAGE, field="image")
    assert out.changes == ("media.fixed.alpha_flattened",)
    assert out.mime == "image/png"
    result = Image.open(io.BytesIO(out.data))
    assert result.mode == "RGB"
    assert result.getpixel((10, 10)) == (255, 255, 255)
    assert result.getpixel((300, 10)) == (255, 0, 0)
    assert out.describe_changes() == [
        "`image`: your image's transparent background was filled with white, "
        "because this model does not accept transparency."
    ]


def test_opaque_alpha_channel_is_dropped_and_kept_where_allowed() -> None:
    data = image_bytes(Image.new("RGBA", (400, 400), (0, 255, 0, 255)), "PNG")
    out = prepare_image(data, I2V_IMAGE, field="image")
    assert out.changes == ("media.fixed.alpha_removed",)
    assert Image.open(io.BytesIO(out.data)).mode == "RGB"
    # Animate Move documents no alpha restriction: the file stays as sent.
    assert prepare_image(data, ANIMATE_IMAGE, field="image").data == data


def test_exif_orientation_is_applied() -> None:
    im = rgb((600, 400), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 300, 400))  # left half red as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: display rotated 90° clockwise
    out = prepare_image(image_bytes(im, "JPEG", exif=exif.tobytes()), I2V_IMAGE, field="photo")
    assert "media.fixed.rotated" in out.changes
    assert (out.width, out.height) == (400, 600)
    shown = Image.open(io.BytesIO(out.data))
    assert shown.size == (400, 600)
    r, _, b = shown.getpixel((200, 50))  # stored left half is now the top
    assert r > 200 and b < 60
    assert shown.getexif().get(0x0112, 1) == 1


def test_oversized_image_is_downscaled_keeping_its_shape() -> None:
    out = prepare_image(image_bytes(rgb((2400, 1600)), "PNG"), I2V_IMAGE, field="image")
    assert out.changes == ("media.fixed.downscaled",)
    assert (out.width, out.height) == (2000, 1333)
    assert Image.open(io.BytesIO(out.data)).size == (2000, 1333)
    assert "from 2400×1600 to 2000×1333 px" in out.describe_changes()[0]


def test_animated_gif_becomes_its_first_frame_as_png() -> None:
    frames = [rgb((400, 400), (255, 0, 0)), rgb((400, 400), (0, 0, 255))]
    data = image_bytes(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    out = prepare_image(data, I2V_IMAGE, field="image")
    assert out.changes[0] == "media.fixed.first_frame"
    assert "media.fixed.converted" in out.changes
    assert out.mime == "image/png" and sniff(out.data) == (MediaKind.IMAGE, "png")
    assert Image.open(io.BytesIO(out.data)).convert("RGB").getpixel((5, 5)) == (255, 0, 0)
    assert any("from GIF to PNG" in line for line in out.describe_changes())


def test_tiff_is_kept_where_listed_and_converted_elsewhere() -> None:
    data = image_bytes(rgb((400, 400)), "TIFF")
    assert prepare_image(data, VACE_IMAGE, field="reference").data == data
    out = prepare_image(data, I2V_IMAGE, field="image")
    assert out.changes == ("media.fixed.converted",) and out.mime == "image/png"


def test_photo_formats_the_model_does_not_list_become_jpeg() -> None:
    out = prepare_image(image_bytes(rgb((400, 400)), "AVIF"), I2V_IMAGE, field="image")
    assert out.changes == ("media.fixed.converted",)
    assert (out.mime, out.extension) == ("image/jpeg", "jpg")
    assert out.details["media.fixed.converted"] == {"from": "AVIF", "to": "JPEG"}


def test_too_many_bytes_are_recompressed() -> None:
    limits = dataclasses.replace(I2V_IMAGE, max_bytes=300_000)  # scale the limit, not the input
    data = image_bytes(noise((800, 800)), "PNG")
    assert len(data) > 1_000_000
    out = prepare_image(data, limits, field="image")
    assert len(out.data) <= 300_000
    assert out.mime == "image/jpeg" and "media.fixed.compressed" in out.changes
    assert min(out.width or 0, out.height or 0) >= 360
    assert "to fit this model's 0.29 MB limit" in out.describe_changes()[-1]


def test_data_uri_round_trips() -> None:
    media = prepare_image(image_bytes(rgb((400, 400)), "PNG"), I2V_IMAGE, field="image")
    uri = media.data_uri()
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == media.data


async def test_prepare_dispatches_by_kind(media: dict[str, bytes]) -> None:
    image = await prepare(image_bytes(rgb((400, 400)), "PNG"), I2V_IMAGE, field="image")
    audio = await prepare(media["short.wav"], S2V_AUDIO, field="audio")
    assert (image.kind, audio.kind) == (MediaKind.IMAGE, MediaKind.AUDIO)


# -- images: refusals ------------------------------------------------------------


def test_too_small_image_is_refused_with_the_numbers() -> None:
    with pytest.raises(MediaProblem) as exc:
        prepare_image(image_bytes(rgb((300, 280)), "PNG"), I2V_IMAGE, field="image")
    err = problem(exc, "media.image.too_small")
    assert err.params["value"] == "300×280" and err.params["allowed"] == "360"
    assert err.explain() == "`image`: the image is 300×280 px; this model needs each side to be at least 360 px."


def test_wrong_aspect_ratio_is_refused_with_the_range() -> None:
    with pytest.raises(MediaProblem) as exc:
        prepare_image(image_bytes(rgb((1000, 250)), "JPEG"), ANIMATE_IMAGE, field="image")
    err = problem(exc, "media.image.aspect")
    assert err.params["value"] == "4:1"
    assert "1000×250 px" in err.explain() and "from 1:3 to 3:1" in err.explain()


def test_shape_that_cannot_be_shrunk_into_range_is_refused() -> None:
    with pytest.raises(MediaProblem) as exc:
        prepare_image(image_bytes(rgb((4000, 600)), "JPEG"), I2V_IMAGE, field="image")
    err = problem(exc, "media.image.too_elongated")
    assert "4000×600" in err.explain() and "2000 px" in err.explain() and "360 px" in err.explain()


def test_image_that_cannot_fit_max_bytes_is_refused() -> None:
    limits = dataclasses.replace(I2V_IMAGE, max_bytes=5_000)
    with pytest.raises(MediaProblem) as exc:
        prepare_image(image_bytes(noise((400, 400)), "PNG"), limits, field="image")
    assert problem(exc, "media.image.too_large").params["allowed"] == "0.01"  # never "0 MB"


def test_images_too_large_to_decode_are_refused_before_decoding() -> None:
    data = image_bytes(Image.new("1", (9000, 9000)), "PNG")  # 81 megapixels in 10 KB
    with pytest.raises(MediaProblem) as exc:
        prepare_image(data, I2V_IMAGE, field="image")
    assert problem(exc, "media.image.too_many_pixels").params["value"] == "9000×9000"


def test_non_images_are_refused(media: dict[str, bytes]) -> None:
    with pytest.raises(MediaProblem) as exc:
        prepare_image(media["short.wav"], I2V_IMAGE, field="image")
    err = problem(exc, "media.wrong_kind.image")
    assert err.params["value"] == "WAV" and err.params["allowed"] == "JPEG, PNG, BMP, WEBP"
    with pytest.raises(MediaProblem) as exc:
        prepare_image(b"just some text", I2V_IMAGE, field="image")
    problem(exc, "media.unknown_type")
    with pytest.raises(MediaProblem) as exc:
        prepare_image(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, I2V_IMAGE, field="image")
    problem(exc, "media.image.unreadable")


def test_heic_without_a_decoder_is_explained() -> None:
    try:
        import pillow_heif  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        pass
    else:  # pragma: no cover - the plugin is not a dependency
        pytest.skip("pillow-heif installed")
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(100)
    with pytest.raises(MediaProblem) as exc:
        prepare_image(heic, I2V_IMAGE, field="image")
    assert problem(exc, "media.image.unsupported").params["value"] == "HEIC"


# -- audio -----------------------------------------------------------------------


async def test_wav_and_mp3_pass_untouched(media: dict[str, bytes]) -> None:
    for name, mime in (("short.wav", "audio/wav"), ("short.mp3", "audio/mpeg")):
        out = await prepare_audio(media[name], S2V_AUDIO, field="audio")
        assert out.data == media[name] and out.changes == () and out.mime == mime
        assert out.seconds == pytest.approx(0.5, abs=0.05)


@pytest.mark.parametrize("name", ["short.ogg", "short.flac", "short.m4a", "short.aac"])
async def test_unlisted_audio_formats_become_mp3(media: dict[str, bytes], name: str) -> None:
    out = await prepare_audio(media[name], S2V_AUDIO, field="audio")
    assert out.changes == ("media.fixed.audio_converted",)
    assert (out.mime, out.extension) == ("audio/mpeg", "mp3")
    assert sniff(out.data) == (MediaKind.AUDIO, "mp3")
    assert out.details["media.fixed.audio_converted"]["to"] == "MP3"


async def test_sound_track_of_a_video_is_used_for_audio(media: dict[str, bytes]) -> None:
    out = await prepare_audio(media["ok.mp4"], S2V_AUDIO, field="audio")
    assert out.mime == "audio/mpeg" and out.changes == ("media.fixed.audio_converted",)
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(media["2s.mp4"], S2V_AUDIO, field="audio")  # no sound track
    problem(exc, "media.audio.no_stream")


async def test_too_large_audio_is_compressed(media: dict[str, bytes]) -> None:
    limits = dataclasses.replace(S2V_AUDIO, max_bytes=40_000)
    assert len(media["4s.wav"]) > 40_000
    out = await prepare_audio(media["4s.wav"], limits, field="audio")
    assert len(out.data) <= 40_000 and out.mime == "audio/mpeg"
    assert out.changes == ("media.fixed.audio_converted", "media.fixed.audio_compressed")


async def test_audio_that_cannot_fit_is_refused(media: dict[str, bytes]) -> None:
    limits = dataclasses.replace(S2V_AUDIO, max_bytes=1_000)
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(media["4s.wav"], limits, field="audio")
    problem(exc, "media.audio.too_large")


async def test_audio_length_limits_are_explained_not_fixed(media: dict[str, bytes]) -> None:
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(media["short.wav"], I2V_AUDIO, field="audio")
    err = problem(exc, "media.audio.too_short")
    assert err.explain() == "`audio`: the audio is 0.5 s long; this model needs at least 3 s."
    # wan2.2-s2v: "< 20 s", so exactly 20 s is already too long.
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(media["20s.wav"], S2V_AUDIO, field="audio")
    err = problem(exc, "media.audio.too_long_exclusive")
    assert err.params["value"] == "20" and "shorter than 20 s" in err.explain()
    # The same file against an inclusive "<= 20 s" passes; against "<= 10 s" it does not.
    assert (await prepare_audio(media["20s.wav"], dataclasses.replace(S2V_AUDIO, seconds_exclusive_max=False),
                                field="audio")).seconds == pytest.approx(20)  # fmt: skip
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(media["20s.wav"], dataclasses.replace(I2V_AUDIO, max_seconds=10), field="audio")
    assert problem(exc, "media.audio.too_long").params["allowed"] == "10"


async def test_non_audio_is_refused() -> None:
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(image_bytes(rgb((8, 8)), "PNG"), S2V_AUDIO, field="audio")
    assert problem(exc, "media.wrong_kind.audio").params["allowed"] == "WAV, MP3"
    with pytest.raises(MediaProblem) as exc:
        await prepare_audio(b"RIFF\x10\x00\x00\x00WAVEbroken", S2V_AUDIO, field="audio")
    problem(exc, "media.audio.unreadable")


# -- video -----------------------------------------------------------------------


async def test_h264_mp4_and_mov_pass_untouched(media: dict[str, bytes]) -> None:
    for name, mime in (("ok.mp4", "video/mp4"), ("ok.mov", "video/quicktime")):
        out = await prepare_video(media[name], ANIMATE_VIDEO, field="video")
        assert out.data == media[name] and out.changes == () and out.mime == mime
        assert (out.width, out.height, out.fps) == (320, 240, 16)
        assert out.seconds == pytest.approx(2.5, abs=0.1)


async def test_rotation_tag_gives_the_displayed_size(media: dict[str, bytes]) -> None:
    out = await prepare_video(media["rotated.mp4"], ANIMATE_VIDEO, field="video")
    assert (out.width, out.height) == (240, 320) and out.changes == ()


async def test_webm_becomes_h264_mp4(media: dict[str, bytes]) -> None:
    out = await prepare_video(media["ok.webm"], ANIMATE_VIDEO, field="video")
    assert out.changes == ("media.fixed.video_converted",)
    assert out.details["media.fixed.video_converted"] == {"from": "WEBM/VP9+OPUS", "to": "MP4/H.264+AAC"}
    codec, seconds, width, height = probe(out.data)
    assert (out.mime, codec, width, height) == ("video/mp4", "h264", 320, 240)
    assert seconds == pytest.approx(2.5, abs=0.15)


async def test_odd_sided_video_is_rounded_to_even_for_h264(media: dict[str, bytes]) -> None:
    limits = dataclasses.replace(ANIMATE_VIDEO, min_seconds=None)
    out = await prepare_video(media["odd.webm"], limits, field="video")
    assert probe(out.data)[0] == "h264" and (out.width, out.height) == (320, 240)
    assert out.describe_changes() == [
        "`video`: your video was converted from WEBM/VP9 to MP4/H.264, a format this model accepts."
    ]


async def test_mov_is_remuxed_for_mp4_only_models(media: dict[str, bytes]) -> None:
    out = await prepare_video(media["ok.mov"], VACE_VIDEO, field="video")
    assert out.changes == ("media.fixed.video_converted",) and out.mime == "video/mp4"
    assert out.details["media.fixed.video_converted"] == {"from": "MOV/H.264", "to": "MP4/H.264"}
    assert sniff(out.data) == (MediaKind.VIDEO, "mp4") and probe(out.data)[0] == "h264"


async def test_oversized_video_is_downscaled(media: dict[str, bytes]) -> None:
    limits = dataclasses.replace(ANIMATE_VIDEO, max_side=240, min_side=None)
    out = await prepare_video(media["ok.mp4"], limits, field="video")
    assert out.changes == ("media.fixed.video_downscaled",)
    assert (out.width, out.height) == (240, 180) and probe(out.data)[2:] == (240, 180)
    with pytest.raises(MediaProblem) as exc:  # 240×180 would break the 200 px minimum
        await prepare_video(media["ok.mp4"], dataclasses.replace(ANIMATE_VIDEO, max_side=240), field="video")
    problem(exc, "media.video.too_elongated")


async def test_too_large_video_is_compressed_or_refused(media: dict[str, bytes]) -> None:
    data = media["lossless.mp4"]
    limit = len(data) // 3
    out = await prepare_video(data, dataclasses.replace(ANIMATE_VIDEO, max_bytes=limit), field="video")
    assert len(out.data) <= limit and out.changes == ("media.fixed.video_compressed",)
    assert probe(out.data)[0] == "h264"
    with pytest.raises(MediaProblem) as exc:
        await prepare_video(data, dataclasses.replace(ANIMATE_VIDEO, max_bytes=500), field="video")
    problem(exc, "media.video.too_large")


async def test_video_refusals(media: dict[str, bytes]) -> None:
    cases = [
        ("short.mp4", ANIMATE_VIDEO, "media.video.too_short", "1", "2"),
        ("small.mp4", ANIMATE_VIDEO, "media.video.too_small", "160×160", "200"),
        ("wide.mp4", ANIMATE_VIDEO, "media.video.aspect", "4:1", "1:3–3:1"),
        ("ok.mp4", TEMPLATE_VIDEO, "media.video.fps_low", "16", "24"),
        ("ok.mp4", dataclasses.replace(ANIMATE_VIDEO, max_fps=10), "media.video.fps_high", "16", "10"),
    ]
    for name, limits, key, value, allowed in cases:
        with pytest.raises(MediaProblem) as exc:
            await prepare_video(media[name], limits, field="video")
        err = problem(exc, key)
        assert (err.params["value"], err.params["allowed"]) == (value, allowed), key


async def test_video_length_respects_exclusive_maximum(media: dict[str, bytes]) -> None:
    exclusive = dataclasses.replace(ANIMATE_VIDEO, min_seconds=1, max_seconds=2)  # like "< 30 s", scaled down
    with pytest.raises(MediaProblem) as exc:
        await prepare_video(media["2s.mp4"], exclusive, field="video")
    assert "shorter than 2 s" in problem(exc, "media.video.too_long_exclusive").explain()
    inclusive = dataclasses.replace(exclusive, seconds_exclusive_max=False)
    assert (await prepare_video(media["2s.mp4"], inclusive, field="video")).seconds == pytest.approx(2)


async def test_non_video_is_refused(media: dict[str, bytes]) -> None:
    with pytest.raises(MediaProblem) as exc:
        await prepare_video(media["short.wav"], ANIMATE_VIDEO, field="video")
    assert problem(exc, "media.wrong_kind.video").params["allowed"] == "MP4, AVI, MOV"
    with pytest.raises(MediaProblem) as exc:
        await prepare_video(media["ok.mp4"][:200], ANIMATE_VIDEO, field="video")
    problem(exc, "media.video.unreadable")


# -- fetch -----------------------------------------------------------------------


@pytest.fixture
async def files() -> AsyncIterator[TestServer]:
    """A local server standing in for Discord's CDN."""

    async def ok(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 1000)

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 5000)

    async def chunked(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse()
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for _ in range(10):
            await resp.write(b"x" * 1000)
        await resp.write_eof()
        return resp

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query.get("to", "/ok"))

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    async def missing(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.Response(body=b"late")

    app = web.Application()
    for path, handler in (("/ok", ok), ("/big", big), ("/chunked", chunked), ("/redirect", redirect),
                          ("/loop", loop), ("/missing", missing), ("/slow", slow)):  # fmt: skip
        app.router.add_get(path, handler)
    server = TestServer(app)
    await server.start_server()
    yield server
    await server.close()


async def test_fetch_returns_the_body(files: TestServer, session: aiohttp.ClientSession) -> None:
    assert await fetch(session, str(files.make_url("/ok")), max_bytes=1000) == b"x" * 1000
    assert await fetch(session, str(files.make_url("/redirect")), max_bytes=1000) == b"x" * 1000


async def test_fetch_refuses_by_content_length_and_while_streaming(
    files: TestServer, session: aiohttp.ClientSession
) -> None:
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, str(files.make_url("/big")), max_bytes=4000, field="image")
    err = problem(exc, "media.fetch.too_large")
    assert err.params["field"] == "image"
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, str(files.make_url("/chunked")), max_bytes=4000)
    problem(exc, "media.fetch.too_large")
    assert len(await fetch(session, str(files.make_url("/chunked")), max_bytes=10_000)) == 10_000


async def test_fetch_refuses_other_schemes_and_failures(files: TestServer, session: aiohttp.ClientSession) -> None:
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, "file:///etc/passwd", max_bytes=1000)
    assert problem(exc, "media.fetch.bad_url").params["value"] == "file"
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, str(files.make_url("/redirect").with_query(to="ftp://example.com/x")), max_bytes=1000)
    problem(exc, "media.fetch.bad_url")
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, str(files.make_url("/loop")), max_bytes=1000)
    problem(exc, "media.fetch.redirects")
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, str(files.make_url("/missing")), max_bytes=1000)
    assert problem(exc, "media.fetch.failed").params["value"] == "404"
    with pytest.raises(MediaProblem) as exc:
        await fetch(session, str(files.make_url("/slow")), max_bytes=1000, timeout=0.2)
    problem(exc, "media.fetch.timeout")


# -- to_reference ----------------------------------------------------------------


class Uploads:
    """A fake uploader that records what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str, str]] = []

    async def __call__(self, data: bytes, filename: str, mime: str) -> str:
        self.calls.append((len(data), filename, mime))
        return f"oss://dashscope-instant/test/{filename}"


CDN = "https://cdn.discordapp.com/attachments/1/2/cat.png?ex=1&hm=2"


def untouched_image() -> PreparedMedia:
    return prepare_image(image_bytes(rgb((400, 400)), "PNG"), I2V_IMAGE, field="image")


def changed_image() -> PreparedMedia:
    media = prepare_image(image_bytes(Image.new("RGBA", (400, 400), (0, 0, 0, 0)), "PNG"), I2V_IMAGE, field="image")
    assert media.changed
    return media


async def test_reference_data_uri_mode() -> None:
    up = Uploads()
    media = untouched_image()
    assert await to_reference(media, I2V_IMAGE, mode="data-uri", source_url=CDN, uploader=up) == media.data_uri()
    assert up.calls == []


async def test_reference_audio_never_goes_inline(media: dict[str, bytes]) -> None:
    up = Uploads()
    audio = await prepare_audio(media["short.wav"], S2V_AUDIO, field="audio")
    ref = await to_reference(audio, S2V_AUDIO, mode="data-uri", source_url=None, uploader=up)
    assert ref == "oss://dashscope-instant/test/audio.wav"
    assert up.calls == [(len(audio.data), "audio.wav", "audio/wav")]


async def test_reference_url_mode_uses_the_original_only_when_untouched() -> None:
    up = Uploads()
    assert await to_reference(untouched_image(), I2V_IMAGE, mode="url", source_url=CDN, uploader=up) == CDN
    ref = await to_reference(changed_image(), I2V_IMAGE, mode="url", source_url=CDN, uploader=up)
    assert ref.startswith("oss://") and up.calls[0][1:] == ("image.png", "image/png")
    # No usable original link: upload too.
    ref = await to_reference(untouched_image(), I2V_IMAGE, mode="url", source_url="ftp://x/y.png", uploader=up)
    assert ref.startswith("oss://")


async def test_reference_temporary_upload_mode_and_fallbacks() -> None:
    up = Uploads()
    media = untouched_image()
    assert (await to_reference(media, I2V_IMAGE, mode="temporary-upload", source_url=CDN, uploader=up)).startswith(
        "oss://"
    )
    # Without an uploader the image still goes inline, where the model takes data URIs.
    assert await to_reference(media, I2V_IMAGE, mode="temporary-upload", source_url=None, uploader=None) == (
        media.data_uri()
    )


async def test_reference_http_only_models() -> None:
    up = Uploads()
    untouched = prepare_image(image_bytes(rgb((500, 500)), "PNG"), EMO_IMAGE, field="image")
    for mode in ("data-uri", "url", "temporary-upload"):
        assert await to_reference(untouched, EMO_IMAGE, mode=mode, source_url=CDN, uploader=up) == CDN
    assert up.calls == []
    changed = prepare_image(image_bytes(Image.new("RGB", (500, 500)), "GIF"), EMO_IMAGE, field="image")
    assert changed.changed
    with pytest.raises(MediaProblem) as exc:
        await to_reference(changed, EMO_IMAGE, mode="url", source_url=CDN, uploader=up)
    assert problem(exc, "media.reference.changed_needs_link").params["allowed"] == "http(s)"

    async def publish(data: bytes, filename: str, mime: str) -> str:
        return "https://cdn.discordapp.com/attachments/9/9/" + filename

    ref = await to_reference(changed, EMO_IMAGE, mode="url", source_url=CDN, uploader=up, publisher=publish)
    assert ref == "https://cdn.discordapp.com/attachments/9/9/image.png"


async def test_reference_without_any_route(media: dict[str, bytes]) -> None:
    audio = await prepare_audio(media["short.wav"], S2V_AUDIO, field="audio")
    with pytest.raises(MediaProblem) as exc:
        await to_reference(audio, S2V_AUDIO, mode="data-uri", source_url=None, uploader=None)
    assert problem(exc, "media.reference.no_route").params["allowed"] == "http(s), oss"
    with pytest.raises(ValueError):
        await to_reference(audio, S2V_AUDIO, mode="carrier-pigeon", source_url=None, uploader=None)


async def test_reference_percent_encodes_for_ascii_only_models() -> None:
    media = prepare_image(image_bytes(rgb((400, 400)), "PNG"), ANIMATE_IMAGE, field="image")
    ref = await to_reference(media, ANIMATE_IMAGE, mode="url", source_url="https://cdn.example/猫.png", uploader=None)
    assert ref.isascii() and ref.startswith("https://cdn.example/%")


async def test_reference_uploads_through_the_wan_client(client: WanClient) -> None:
    media = changed_image()

    async def uploader(data: bytes, filename: str, mime: str) -> str:
        return await client.upload("wan2.6-i2v", data, filename, mime)

    ref = await to_reference(media, I2V_IMAGE, mode="temporary-upload", source_url=CDN, uploader=uploader)
    assert ref.startswith("oss://") and ref.endswith(".png")


# -- texts -----------------------------------------------------------------------

SOURCES = Path(__file__).resolve().parents[2] / "bot" / "jobs" / "media_in"
PARAMS = {"field", "value", "allowed", "size", "min", "max", "max_side", "from", "to"}


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in SOURCES.glob("*.py"):
        keys |= set(re.findall(r"\"(media\.[a-z_.]+[a-z])\"", path.read_text()))
    for kind in ("image", "video"):
        keys |= {f"media.{kind}.{name}" for name in ("too_small", "aspect", "too_elongated")}
    for kind in ("audio", "video"):
        keys |= {f"media.{kind}.{name}" for name in ("too_short", "too_long", "too_long_exclusive")}
    keys |= {f"media.wrong_kind.{kind.value}" for kind in MediaKind}
    return keys


def test_every_media_key_has_english_text_with_known_params() -> None:
    missing = sorted(k for k in used_keys() if k not in MESSAGES)
    assert not missing, missing
    for key, text in MESSAGES.items():
        if key.startswith("media."):
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert names <= PARAMS, (key, names - PARAMS)
            assert "{field}" in text, key
            assert t(key, "en-US", **dict.fromkeys(PARAMS, "1")) != key
