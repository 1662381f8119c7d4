"""Magic-byte detection: what a file really is, whatever its name or Content-Type claims."""

from __future__ import annotations

from bot.wan.catalog.types import MediaKind

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_GENERIC_HEIF = {b"mif1", b"msf1"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}


def sniff(data: bytes) -> tuple[MediaKind, str] | None:
    """(kind, canonical format) from the file's first bytes, or None when unknown.

    Formats: png jpeg webp bmp gif tiff heic avif | wav mp3 ogg flac m4a aac |
    mp4 mov webm mkv avi flv ts mpg mxf. Audio-only MP4/WebM files sniff as video;
    prepare_audio accepts them when they carry a sound track.
    """
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaKind.IMAGE, "png"
    if head.startswith(b"\xff\xd8\xff"):
        return MediaKind.IMAGE, "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return MediaKind.IMAGE, "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return MediaKind.IMAGE, "tiff"
    if head.startswith(b"BM") and len(head) >= 18 and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return MediaKind.IMAGE, "bmp"
    if head.startswith(b"RIFF") and len(head) >= 12:
        return {
            b"WEBP": (MediaKind.IMAGE, "webp"),
            b"WAVE": (MediaKind.AUDIO, "wav"),
            b"AVI ": (MediaKind.VIDEO, "avi"),
        }.get(head[8:12])
    if head[4:8] == b"ftyp":
        return _iso_bmff(data)
    if head[4:8] in _QT_ATOMS:
        return MediaKind.VIDEO, "mov"  # QuickTime files older than the ftyp box
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return MediaKind.VIDEO, "webm" if b"webm" in data[:128] else "mkv"
    if head.startswith(b"fLaC"):
        return MediaKind.AUDIO, "flac"
    if head.startswith(b"OggS"):
        return MediaKind.AUDIO, "ogg"
    if head.startswith(b"ID3"):
        return MediaKind.AUDIO, _after_id3(data)
    frame = _audio_frame(head)
    if frame:
        return MediaKind.AUDIO, frame
    if head.startswith(b"FLV\x01"):
        return MediaKind.VIDEO, "flv"
    if head.startswith((b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3")):
        return MediaKind.VIDEO, "mpg"
    if len(data) > 376 and data[0] == data[188] == data[376] == 0x47:
        return MediaKind.VIDEO, "ts"
    if head.startswith(b"\x06\x0e\x2b\x34\x02\x05\x01\x01"):
        return MediaKind.VIDEO, "mxf"
    return None


def _iso_bmff(data: bytes) -> tuple[MediaKind, str]:
    """MP4, MOV, M4A, HEIC and AVIF share one container; the ftyp brands tell them apart."""
    size = int.from_bytes(data[0:4], "big")
    major = data[8:12]
    end = min(max(size, 16), len(data), 256)
    compatible = {data[i : i + 4] for i in range(16, end - 3, 4)}
    brands = {major} | compatible
    if major in _AVIF_BRANDS or (major in _GENERIC_HEIF and brands & _AVIF_BRANDS):
        return MediaKind.IMAGE, "avif"
    if major in _HEIF_BRANDS or major in _GENERIC_HEIF:
        return MediaKind.IMAGE, "heic"
    if major in _M4A_BRANDS:
        return MediaKind.AUDIO, "m4a"
    if major == b"qt  ":
        return MediaKind.VIDEO, "mov"
    return MediaKind.VIDEO, "mp4"


def _after_id3(data: bytes) -> str:
    """An ID3v2 tag can precede MP3 or ADTS AAC; look at the first frame after it."""
    if len(data) < 10:
        return "mp3"
    size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F)
    offset = 10 + size + (10 if data[5] & 0x10 else 0)
    return _audio_frame(data[offset : offset + 4]) or "mp3"


def _audio_frame(head: bytes) -> str | None:
    """MPEG audio frame sync: ADTS AAC has layer bits 00, MP3 has layer III (01)."""
    if len(head) < 3 or head[0] != 0xFF:
        return None
    b1, b2 = head[1], head[2]
    if b1 & 0xF6 == 0xF0:
        return "aac"
    version, layer = (b1 >> 3) & 0x3, (b1 >> 1) & 0x3
    if b1 & 0xE0 == 0xE0 and version != 1 and layer == 1 and (b2 >> 4) != 0xF and (b2 >> 2) & 0x3 != 3:
        return "mp3"
    return None
